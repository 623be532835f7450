package io.msbmcp.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark, in one run: msb-mcp started with its launcher (as README.md starts it) against an instant fake
 * Microsandbox backend, beside a bare Jetty servlet floor; prints a markdown table (see docs/performance.md).
 *
 * <p>{@code java -jar bench/target/msb-mcp-bench.jar [--smoke] [--launcher bin/msb-mcp] [--work bench/target/run]},
 * from the repository root. {@code --smoke} runs every step briefly (under a minute) to show the benchmark works.
 */
public final class Bench {
    static final String CHEAP_CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_volume_path\",\"arguments\":{}}}";
    static final String EXECUTE_CODE = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"execute_code\",\"arguments\":{\"code\":\"print(1)\",\"session_id\":\"SESSIONID\"}}}";
    /** The same run without the artifact scan after it (one backend call less). */
    static final String EXECUTE_CODE_NO_FILES = EXECUTE_CODE.replace("\"}}}", "\",\"collect_files\":false}}}");

    static final String REPL_RUN = "{\"jsonrpc\":\"2.0\",\"id\":\"3\",\"method\":\"sandbox.repl.run\",\"params\":{"
            + "\"sandbox\":\"SESSIONID\",\"namespace\":\"msb-mcp\",\"language\":\"python\",\"code\":\"print(1)\"}}";

    private final Settings settings;
    private final Path work;
    private final Path launcher;
    private final Wrk wrk;
    private final Report report;
    private final Http http = new Http();

    /** How long each part runs. */
    record Settings(
            boolean smoke,
            int warmupSeconds,
            int warmupCapSeconds,
            int runSeconds,
            int rounds,
            int starts,
            int idleSessions,
            int slowCalls) {
        static Settings full() {
            return new Settings(false, 8, 40, 10, 3, 3, 1000, 200);
        }

        static Settings smokeRun() {
            return new Settings(true, 1, 0, 1, 1, 1, 1000, 200);
        }
    }

    private Bench(Settings settings, Path launcher, Path work) {
        this.settings = settings;
        this.launcher = launcher;
        this.work = work;
        this.wrk = new Wrk(work);
        this.report = new Report(settings.smoke());
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.full();
        Path launcher = Path.of("bin/msb-mcp");
        Path work = Path.of("bench/target/run");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> settings = Settings.smokeRun();
                case "--launcher" -> launcher = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: java -jar bench/target/msb-mcp-bench.jar [--smoke] [--launcher PATH]"
                            + " [--work DIR]");
                    System.exit(2);
                }
            }
        }
        if (!Files.isExecutable(launcher)) {
            System.err.println("no launcher at " + launcher + ": run from the repository root after"
                    + " mvn -B -q -DskipTests package");
            System.exit(2);
        }
        Files.createDirectories(work);
        long start = System.nanoTime();
        try {
            new Bench(settings, launcher.toAbsolutePath(), work.toAbsolutePath()).run();
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.printf("(benchmark took %d s; logs in %s)%n", (System.nanoTime() - start) / 1_000_000_000L, work);
        System.exit(0);
    }

    private void run() throws Exception {
        report.machine(Machine.describe(launcher), Wrk.version());
        int backendPort = freePort();
        try (Child backend = Child.start(
                "fake backend",
                List.of(Child.java(), "-cp", benchJar(), FakeBackend.class.getName(), Integer.toString(backendPort)),
                Map.of(),
                work.resolve("fake-backend.log"))) {
            String backendUrl = "http://127.0.0.1:" + backendPort;
            waitFor(backend, backendUrl + "/api/v1/health");
            progress("fake backend up on " + backendUrl);
            Child server = startServer(backendUrl);
            try {
                measure(server, backendUrl);
            } finally {
                long stopMs = server.stop(60);
                report.shutdown(stopMs);
            }
        }
        report.print(System.out);
        http.close();
    }

    private Child startServer(String backendUrl) throws Exception {
        // The launcher's first run may prepare the class-data archive; it is not a start-up to measure.
        Process first = new ProcessBuilder(launcher.toString(), "--version")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("launcher-first-run.log").toFile())
                .start();
        long firstStart = System.nanoTime();
        if (!first.waitFor(120, TimeUnit.SECONDS) || first.exitValue() != 0) {
            throw new IllegalStateException(launcher + " --version failed; see launcher-first-run.log");
        }
        progress("launcher ready (" + (System.nanoTime() - firstStart) / 1_000_000 + " ms)");
        List<Double> startSeconds = new ArrayList<>();
        List<Double> startCpu = new ArrayList<>();
        Child server = null;
        for (int i = 1; i <= settings.starts(); i++) {
            if (server != null) {
                server.stop(60);
            }
            int port = freePort();
            long t0 = System.nanoTime();
            server = Child.start(
                    "msb-mcp",
                    List.of(launcher.toString()),
                    Map.of(
                            "MCP_SERVER_HOST",
                            "127.0.0.1",
                            "MCP_SERVER_PORT",
                            Integer.toString(port),
                            "MSB_SERVER_URL",
                            backendUrl,
                            "MSB_MAX_SESSIONS",
                            "2000"),
                    work.resolve("msb-mcp-" + i + ".log"));
            waitFor(server, "http://127.0.0.1:" + port + "/health");
            startSeconds.add((System.nanoTime() - t0) / 1e9);
            startCpu.add(server.cpuSeconds());
            serverUrl = "http://127.0.0.1:" + port;
        }
        report.startSeconds(startSeconds, startCpu);
        progress("start to healthy: " + startSeconds + " s, CPU " + startCpu + " s");
        return server;
    }

    private String serverUrl = "";

    private void measure(Child server, String backendUrl) throws Exception {
        Thread.sleep(settings.smoke() ? 200 : 2000);
        report.rssIdle(server.rssMb());
        RssSampler sampler = RssSampler.start(server);
        String mcp = serverUrl + "/mcp";

        Http.Answer cheap = http.post(mcp, CHEAP_CALL);
        expect(cheap, "\"volume_mappings\"", "the cheap call");
        Path answerFile = work.resolve("floor-answer.json");
        Files.writeString(answerFile, cheap.body());
        int floorPort = freePort();
        try (Child floor = Child.start(
                "floor",
                List.of(
                        Child.java(),
                        "-cp",
                        benchJar(),
                        FloorServer.class.getName(),
                        Integer.toString(floorPort),
                        answerFile.toString()),
                Map.of(),
                work.resolve("floor.log"))) {
            String floorUrl = "http://127.0.0.1:" + floorPort + "/mcp";
            waitForPost(floor, floorUrl);
            progress("floor up; warming up");
            wrk.run(floorUrl, CHEAP_CALL, "w", 16, 2, settings.warmupSeconds());
            wrk.run(mcp, CHEAP_CALL, "w", 16, 2, settings.warmupSeconds());
            for (int connections : new int[] {1, 16, 64}) {
                int threads = Math.min(2, connections);
                warmUpUntilCompiled(
                        "cheap call, " + connections + " connections", List.of(floor, server), 1, seconds -> {
                            wrk.run(floorUrl, CHEAP_CALL, "w", connections, threads, seconds);
                            wrk.run(mcp, CHEAP_CALL, "w", connections, threads, seconds);
                        });
                // Rounds of the two, in turn, first one then the other: the machine's drift over a minute (other
                // work, frequency) then weighs on both alike, and the report takes the median round.
                for (int round = 1; round <= settings.rounds(); round++) {
                    Wrk.Result floorResult;
                    Wrk.Result msbResult;
                    if (round % 2 == 1) {
                        floorResult = wrk.run(floorUrl, CHEAP_CALL, "c", connections, threads, settings.runSeconds());
                        msbResult = wrk.run(mcp, CHEAP_CALL, "c", connections, threads, settings.runSeconds());
                    } else {
                        msbResult = wrk.run(mcp, CHEAP_CALL, "c", connections, threads, settings.runSeconds());
                        floorResult = wrk.run(floorUrl, CHEAP_CALL, "c", connections, threads, settings.runSeconds());
                    }
                    report.cheap(connections, msbResult, floorResult);
                    progress("cheap call, " + connections + " connections, round " + round + ": " + msbResult
                            + " vs floor " + floorResult);
                }
            }
        }

        expect(http.post(mcp, EXECUTE_CODE.replace("SESSIONID", "check")), "\"stdout\":\"1\"", "execute_code");
        String rpc = backendUrl + "/api/v1/rpc";
        progress("execute_code: warming up");
        wrk.run(mcp, EXECUTE_CODE, "e", 16, 16, settings.warmupSeconds());
        wrk.run(mcp, EXECUTE_CODE_NO_FILES, "e", 16, 16, settings.warmupSeconds());
        wrk.run(rpc, REPL_RUN, "e", 16, 16, settings.warmupSeconds());
        for (int connections : new int[] {1, 16}) {
            // msb-mcp is measured right after its warm-up, and the direct run comes after it: run first, the direct
            // run left msb-mcp idle for ten seconds, and its first second back under load showed in the p99
            warmUpUntilCompiled("execute_code, " + connections + " connections", List.of(server), 2, seconds -> {
                wrk.run(mcp, EXECUTE_CODE, "e", connections, connections, seconds);
                wrk.run(mcp, EXECUTE_CODE_NO_FILES, "e", connections, connections, seconds);
            });
            double compiling = server.compilerCpuSeconds();
            // Rounds as for the cheap call: msb-mcp with and without the file scan, then the direct run. A round
            // after the first starts with two unmeasured seconds of msb-mcp: the direct run left it idle for ten.
            for (int round = 1; round <= settings.rounds(); round++) {
                if (round > 1) {
                    wrk.run(mcp, EXECUTE_CODE, "e", connections, connections, 2);
                }
                Wrk.Result through = wrk.run(mcp, EXECUTE_CODE, "e", connections, connections, settings.runSeconds());
                Wrk.Result noFiles =
                        wrk.run(mcp, EXECUTE_CODE_NO_FILES, "e", connections, connections, settings.runSeconds());
                Wrk.Result direct = wrk.run(rpc, REPL_RUN, "e", connections, connections, settings.runSeconds());
                report.execute(connections, true, through, direct);
                report.execute(connections, false, noFiles, direct);
                progress("execute_code, " + connections + " connections, round " + round + ": " + through
                        + " vs direct " + direct);
                progress("execute_code without collect_files, " + connections + " connections, round " + round + ": "
                        + noFiles);
            }
            compiling = server.compilerCpuSeconds() - compiling;
            report.compilingWhileMeasured(connections, compiling, 3 * settings.rounds() * settings.runSeconds());
            progress("execute_code, " + connections + " connections: JIT compiler CPU during the runs "
                    + String.format(Locale.ROOT, "%.2f s", compiling));
        }
        report.rssUnderLoad(sampler.max());

        idleSessions(mcp);
        report.rssSessions(server.rssMb());
        slowExecutions(mcp, backendUrl);
        sampler.stop();
        report.rssPeak(Math.max(sampler.max(), server.peakRssMb()));
    }

    /** One round of warm-up load, {@code seconds} long for each thing it runs. */
    @FunctionalInterface
    private interface WarmUpRound {
        void run(int seconds) throws Exception;
    }

    /**
     * Runs rounds of {@code round} until the JIT compilers of {@code processes} are done with it: two-second rounds,
     * at least two (one in the smoke run), until one in which no process's compiler threads used over 2 % of its wall time (at most {@link
     * Settings#warmupCapSeconds()} in all). On two cores the compiler keeps recompiling for tens of seconds after a new
     * load or a new connection count; a run measured meanwhile shares the cores with it and shows a p99 two to three
     * times the settled one.
     */
    private void warmUpUntilCompiled(String what, List<Child> processes, int steps, WarmUpRound round)
            throws Exception {
        long start = System.nanoTime();
        int seconds = Math.max(1, settings.warmupSeconds() / 4);
        double compiling = Double.MAX_VALUE;
        int rounds = 0;
        int least = settings.smoke() ? 1 : 2;
        while (rounds < least || compiling > 0.02 * steps * seconds) {
            if (rounds >= least && (System.nanoTime() - start) / 1e9 > settings.warmupCapSeconds()) {
                break;
            }
            double[] before = new double[processes.size()];
            for (int i = 0; i < before.length; i++) {
                before[i] = processes.get(i).compilerCpuSeconds();
            }
            round.run(seconds);
            compiling = 0;
            for (int i = 0; i < before.length; i++) {
                compiling = Math.max(compiling, processes.get(i).compilerCpuSeconds() - before[i]);
            }
            rounds++;
        }
        progress(String.format(
                Locale.ROOT,
                "%s: warmed up in %d rounds (%.0f s); JIT compiler CPU in the last round %.2f s",
                what,
                rounds,
                (System.nanoTime() - start) / 1e9,
                compiling));
    }

    /** Creates the idle sessions, 16 calls at a time. */
    private void idleSessions(String mcp) throws Exception {
        int count = settings.idleSessions();
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        for (int w = 0; w < 16; w++) {
            workers.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        Http.Answer a = http.post(mcp, EXECUTE_CODE.replace("SESSIONID", "idle-" + i));
                        if (a.status() != 200 || !a.body().contains("\"stdout\":\"1\"")) {
                            failures.add(a.status() + " " + a.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.MINUTES);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    failures.size() + " of " + count + " session creations failed, e.g. " + failures.peek());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(settings.smoke() ? 200 : 2000);
        report.sessions(count, seconds);
        progress(count + " sessions in " + seconds + " s");
    }

    /** The slow executions at once, straight to the backend and through msb-mcp; each run takes 2 s. */
    private void slowExecutions(String mcp, String backendUrl) throws Exception {
        http.post(backendUrl + "/bench/delay", "2000");
        try {
            int count = settings.slowCalls();
            double direct = concurrently(
                    count,
                    i -> http.postAsync(backendUrl + "/api/v1/rpc", REPL_RUN.replace("SESSIONID", "slow-direct-" + i)),
                    "\"output\"");
            double through = concurrently(
                    count,
                    i -> http.postAsync(mcp, EXECUTE_CODE.replace("SESSIONID", "slow-" + i)),
                    "\"stdout\":\"1\"");
            report.slow(count, through, direct);
            progress(count + " concurrent 2-s executions: " + through + " s (backend alone " + direct + " s)");
        } finally {
            http.post(backendUrl + "/bench/delay", "0");
        }
    }

    private interface Call {
        CompletableFuture<Http.Answer> send(int i);
    }

    private static double concurrently(int count, Call call, String expected) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Http.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call.send(i));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bad = calls.stream()
                .map(CompletableFuture::join)
                .filter(a -> a.status() != 200 || !a.body().contains(expected))
                .count();
        if (bad > 0) {
            throw new IllegalStateException(bad + " of " + count + " concurrent calls failed");
        }
        return seconds;
    }

    private static void expect(Http.Answer answer, String fragment, String what) {
        if (answer.status() != 200
                || !answer.body().contains(fragment)
                || answer.body().contains("\"error\"")) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
    }

    private void waitFor(Child child, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            child.checkAlive();
            try {
                if (http.get(url).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " did not answer 200 within 60 s:\n" + child.tail());
    }

    private void waitForPost(Child child, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            child.checkAlive();
            try {
                if (http.post(url, CHEAP_CALL).status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(url + " did not answer within 60 s:\n" + child.tail());
    }

    private static String benchJar() throws Exception {
        return Path.of(Bench.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void progress(String line) {
        System.err.println("bench: " + line);
    }
}
