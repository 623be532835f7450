package io.msbmcp.adapter.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.adapter.testing.MovableClock;
import io.msbmcp.wrapper.call.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(15)
final class TaskRunnerTest {
    private static final TaskOwner ALICE = new TaskOwner("alice", "session-1");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MovableClock clock = new MovableClock();
    private final TaskRunner runner = new TaskRunner(
            new TaskStore(clock, new TaskLimits(Duration.ofHours(1), Duration.ofDays(1), 200, 1_000_000)), MAPPER);
    private final GenerationA generationA = new GenerationA(runner, MAPPER);

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void phase_workingTask_isTheStatusMessageWithTheTimeSpentInIt() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Task task = runner.start(ALICE, null, call -> {
            call.progress().phase("installing packages");
            reported.countDown();
            await(release);
            return TaskOutcome.ofResult(MAPPER.createObjectNode().put("ok", true));
        });
        reported.await(5, TimeUnit.SECONDS);

        clock.advance(Duration.ofSeconds(40));
        String working = generationA.get(task.id(), ALICE).path("statusMessage").asText();
        release.countDown();
        task.done().get(5, TimeUnit.SECONDS);

        assertThat(working).isEqualTo("installing packages, 40 s");
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void run_workEndsInAnError_taskFailedAndResultAnswersThatError() throws Exception {
        ObjectNode error = MAPPER.createObjectNode().put("code", -32602).put("message", "Invalid params: nope");
        Task task = runner.start(ALICE, null, call -> TaskOutcome.ofError(error));
        task.done().get(5, TimeUnit.SECONDS);

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThatThrownBy(() -> generationA.result(task.id(), ALICE, new Cancellation()))
                .isInstanceOfSatisfying(
                        TaskException.class, e -> assertThat(e.code()).isEqualTo(-32602))
                .hasMessage("Invalid params: nope");
    }

    @Test
    void run_workThrows_taskFailedWithAnInternalErrorAndNoStackTrace() throws Exception {
        Task task = runner.start(ALICE, null, call -> {
            throw new IllegalStateException("boom");
        });
        task.done().get(5, TimeUnit.SECONDS);

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.snapshot().outcome().toString()).contains("-32603").doesNotContain("IllegalStateException");
    }

    @Test
    void list_moreThanAPage_pagesOfFiftyWithACursor() throws Exception {
        for (int i = 0; i < 60; i++) {
            runner.start(ALICE, null, call -> TaskOutcome.ofResult(MAPPER.createObjectNode()))
                    .done()
                    .get(5, TimeUnit.SECONDS);
        }

        ObjectNode first = generationA.list(null, ALICE);
        ObjectNode second = generationA.list(first.path("nextCursor").asText(), ALICE);

        assertThat(first.path("tasks")).hasSize(50);
        assertThat(second.path("tasks")).hasSize(10);
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(generationA.list(null, new TaskOwner("alice", "session-2")).path("tasks"))
                .isEmpty();
        assertThatThrownBy(() -> generationA.list("not-a-cursor", ALICE)).hasMessageContaining("cursor");
    }

    @Test
    void result_requestCancelledWhileWaiting_returnsWithoutTouchingTheTask() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Task task = runner.start(ALICE, null, call -> {
            await(release);
            return TaskOutcome.ofResult(MAPPER.createObjectNode());
        });
        Cancellation request = new Cancellation();
        request.cancel("the client went away");

        assertThatThrownBy(() -> generationA.result(task.id(), ALICE, request)).isInstanceOf(TaskException.class);
        assertThat(task.status()).isEqualTo(TaskStatus.WORKING);
        release.countDown();
        task.done().get(5, TimeUnit.SECONDS);
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void runOrDefer_requestCancelledDuringTheGrace_cancelsTheTaskAndItsWork() throws Exception {
        GenerationB generationB = new GenerationB(runner, MAPPER, Duration.ofSeconds(10));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch workCancelled = new CountDownLatch(1);
        Cancellation request = new Cancellation();
        Thread closer = new Thread(() -> {
            await(started);
            request.cancel("the client closed the response stream");
        });
        closer.start();

        GenerationB.Run run = generationB.runOrDefer(
                new TaskOwner("alice", null),
                call -> {
                    call.cancellation().onCancel(workCancelled::countDown);
                    started.countDown();
                    await(workCancelled);
                    return TaskOutcome.ofResult(MAPPER.createObjectNode());
                },
                request,
                io.msbmcp.wrapper.call.ProgressListener.NONE);

        assertThat(workCancelled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(run.task().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(run.outcome()).isNotNull();
        assertThat(runner.store().find(run.task().id(), new TaskOwner("alice", null)))
                .as("answered directly, so not kept")
                .isEmpty();
    }

    @Test
    void runOrDefer_zeroGrace_becomesATaskAtOnce() throws Exception {
        GenerationB generationB = new GenerationB(runner, MAPPER, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);

        GenerationB.Run run = generationB.runOrDefer(
                new TaskOwner("alice", null),
                call -> {
                    await(release);
                    return TaskOutcome.ofResult(MAPPER.createObjectNode().put("done", true));
                },
                new Cancellation(),
                io.msbmcp.wrapper.call.ProgressListener.NONE);
        ObjectNode created = generationB.created(run.task());
        release.countDown();
        run.task().done().get(5, TimeUnit.SECONDS);
        ObjectNode get = generationB.get(run.task().id(), new TaskOwner("alice", null));

        assertThat(run.outcome()).isNull();
        assertThat(created.path("resultType").asText()).isEqualTo("task");
        assertThat(created.path("ttlMs").asLong()).isEqualTo(3_600_000);
        assertThat(get.path("status").asText()).isEqualTo("completed");
        assertThat(get.path("result").path("done").asBoolean()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
