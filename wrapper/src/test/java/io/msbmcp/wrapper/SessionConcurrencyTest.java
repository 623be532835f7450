package io.msbmcp.wrapper;

import static io.msbmcp.wrapper.FakeMicrosandbox.out;
import static io.msbmcp.wrapper.FakeMicrosandbox.replResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
final class SessionConcurrencyTest {
    private final FakeMicrosandbox server = new FakeMicrosandbox();
    private final FakeTicker ticker = new FakeTicker();
    private final ExecutorService pool = Executors.newFixedThreadPool(50);
    private MicrosandboxWrapper wrapper;

    private MicrosandboxWrapper wrapper(int maxSessions) {
        return MicrosandboxWrapper.builder(WrapperConfig.builder()
                        .namespace("ns1")
                        .maxSessions(maxSessions)
                        .sessionTimeout(Duration.ofSeconds(60))
                        .build())
                .client(server)
                .ticker(ticker)
                .stopExecutor(Runnable::run)
                .build();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        if (wrapper != null) {
            wrapper.close();
        }
    }

    @Test
    void firstCalls_50ParallelWithOneNewId_startExactlyOneSandbox() throws Exception {
        wrapper = wrapper(10);
        server.startDelayMillis = 100;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CodeExecutionResult>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return wrapper.executeCode(
                        new ExecuteCodeRequest("1", Template.PYTHON, "shared", null, null, List.of()));
            }));
        }

        go.countDown();
        List<CodeExecutionResult> results = new ArrayList<>();
        for (Future<CodeExecutionResult> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }

        assertThat(server.starts).hasValue(1);
        assertThat(results).filteredOn(CodeExecutionResult::sessionCreated).hasSize(1);
        assertThat(results).extracting(CodeExecutionResult::sessionId).containsOnly("shared");
        assertThat(server.running("ns1")).hasSize(1);
        assertThat(wrapper.health().activeSessions()).isEqualTo(1);
    }

    @Test
    void creations_50ParallelAgainstMax10_start10AndRefuse40WithInvalidRequest() throws Exception {
        wrapper = wrapper(10);
        server.startDelayMillis = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "s" + i;
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    return wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, id, null, null, List.of()));
                } catch (MsbException e) {
                    return e;
                }
            }));
        }

        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            outcomes.add(future.get(30, TimeUnit.SECONDS));
        }

        assertThat(outcomes).filteredOn(CodeExecutionResult.class::isInstance).hasSize(10);
        assertThat(outcomes)
                .filteredOn(MsbException.class::isInstance)
                .hasSize(40)
                .allSatisfy(e -> assertThat(((MsbException) e).jsonRpcCode()).isEqualTo(-32600));
        assertThat(server.starts).hasValue(10);
        assertThat(server.running("ns1")).hasSize(10);
    }

    @Test
    void calls_oneSession_neverOverlapAndRunInArrivalOrder() throws Exception {
        wrapper = wrapper(10);
        wrapper.executeCode(new ExecuteCodeRequest("warmup", Template.PYTHON, "s1", null, null, List.of()));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch releaseFirst = new CountDownLatch(1);
        server.repl = params -> {
            String code = FakeMicrosandbox.userCode(params);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (code.equals("0")) {
                await(releaseFirst);
            }
            order.add(code);
            running.decrementAndGet();
            return replResult(List.of(out(code)));
        };

        List<Future<CodeExecutionResult>> futures = new ArrayList<>();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            String code = String.valueOf(i);
            futures.add(pool.submit(() -> {
                callers.add(Thread.currentThread());
                return wrapper.executeCode(new ExecuteCodeRequest(code, Template.PYTHON, "s1", null, null, List.of()));
            }));
            waitUntilBlocked(callers, i + 1);
        }
        releaseFirst.countDown();
        for (Future<CodeExecutionResult> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }

        assertThat(maxRunning).hasValue(1);
        assertThat(order).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void calls_differentSessions_runInParallel() throws Exception {
        wrapper = wrapper(10);
        CountDownLatch allInside = new CountDownLatch(5);
        server.repl = params -> {
            allInside.countDown();
            await(allInside); // completes only if all five are inside at once
            return replResult(List.of(out("ok")));
        };
        List<Future<CodeExecutionResult>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "p" + i;
            futures.add(pool.submit(() ->
                    wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, id, null, null, List.of()))));
        }

        for (Future<CodeExecutionResult> future : futures) {
            assertThat(future.get(20, TimeUnit.SECONDS).stdout()).isEqualTo("ok");
        }
    }

    private static void waitUntilBlocked(List<Thread> callers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (callers.size() >= count) {
                Thread.State state = callers.get(count - 1).getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("caller " + count + " never blocked");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
