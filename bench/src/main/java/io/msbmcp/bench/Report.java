package io.msbmcp.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one run and the markdown table they make. Targets (issue 12) are shown beside the figures; they are
 * printed, never asserted.
 */
final class Report {
    private final boolean smoke;
    private String machine = "";
    private String wrk = "";
    /** The rounds of the cheap call at each connection count: {msb-mcp, floor} each. */
    private final Map<Integer, List<Wrk.Result[]>> cheap = new TreeMap<>();

    /** The rounds of each {@code execute_code} comparison, by connections and file scan. */
    private final Map<String, List<Execute>> execute = new LinkedHashMap<>();

    private final Map<Integer, String> compiling = new TreeMap<>();

    /** One round of an {@code execute_code} comparison: through msb-mcp (with or without the file scan) and straight. */
    private record Execute(int connections, boolean collectFiles, Wrk.Result through, Wrk.Result direct) {
        double addedP99() {
            return through.p99Ms() - direct.p99Ms();
        }
    }

    private List<Double> starts = List.of();
    private List<Double> startCpu = List.of();
    private double rssIdle;
    private double rssLoad;
    private double rssSessions;
    private double rssPeak;
    private int sessions;
    private double sessionsSeconds;
    private int slowCalls;
    private double slowThrough;
    private double slowDirect;
    private long shutdownMs;
    private PrintStream out = System.out;

    Report(boolean smoke) {
        this.smoke = smoke;
    }

    private String loadAtStart = Machine.loadAverage();

    void machine(String machine, String wrk) {
        this.machine = machine;
        this.wrk = wrk;
    }

    /** Adds one round of the cheap call: msb-mcp and the floor, run one after the other. */
    void cheap(int connections, Wrk.Result msb, Wrk.Result floor) {
        cheap.computeIfAbsent(connections, c -> new ArrayList<>()).add(new Wrk.Result[] {msb, floor});
    }

    void execute(int connections, boolean collectFiles, Wrk.Result through, Wrk.Result direct) {
        execute.computeIfAbsent(connections + "/" + collectFiles, k -> new ArrayList<>())
                .add(new Execute(connections, collectFiles, through, direct));
    }

    void compilingWhileMeasured(int connections, double compilerSeconds, int runSeconds) {
        compiling.put(connections, f("%.2f s of %d s", compilerSeconds, runSeconds));
    }

    void startSeconds(List<Double> seconds, List<Double> cpu) {
        this.starts = List.copyOf(seconds);
        this.startCpu = List.copyOf(cpu);
    }

    void rssIdle(double mb) {
        rssIdle = mb;
    }

    void rssUnderLoad(double mb) {
        rssLoad = mb;
    }

    void rssSessions(double mb) {
        rssSessions = mb;
    }

    void rssPeak(double mb) {
        rssPeak = mb;
    }

    void sessions(int count, double seconds) {
        sessions = count;
        sessionsSeconds = seconds;
    }

    void slow(int count, double through, double direct) {
        slowCalls = count;
        slowThrough = through;
        slowDirect = direct;
    }

    void shutdown(long ms) {
        shutdownMs = ms;
    }

    void print(PrintStream out) {
        this.out = out;
        out.println();
        out.println((smoke ? "Smoke run (1-s runs: the figures only show that every step works)" : "Full run") + " on "
                + machine + "; " + wrk.replaceAll("\\s+Copyright.*", ""));
        out.println();
        out.println("Load average (1 min) at the start " + loadAtStart + ", at the end " + Machine.loadAverage()
                + " (on " + Runtime.getRuntime().availableProcessors()
                + " cores; above that, other work skews the figures).");
        out.println();
        out.println("| figure | msb-mcp | floor / backend alone | msb-mcp vs floor | target (issue 12) |");
        out.println("|---|---|---|---|---|");
        for (var e : cheap.entrySet()) {
            int c = e.getKey();
            List<Wrk.Result[]> rounds = e.getValue();
            Wrk.Result[] byRate = medianRound(rounds, Report::rateRatio);
            double ratio = rateRatio(byRate);
            row(
                    "cheap call, " + c + " conn.: req/s"
                            + errors(rounds.stream().flatMap(Arrays::stream).toList())
                            + roundsNote(rounds.size()),
                    f("%.0f", byRate[0].requestsPerSecond()),
                    f("%.0f", byRate[1].requestsPerSecond()),
                    f("%.2f×", ratio) + eachRound(rounds, Report::rateRatio),
                    c == 16 ? target("≥ 0.8×", ratio >= 0.8) : "");
            Wrk.Result[] byP99 = medianRound(rounds, Report::p99Ratio);
            double p99Ratio = p99Ratio(byP99);
            row(
                    "cheap call, " + c + " conn.: p50 / p99 ms" + roundsNote(rounds.size()),
                    f("%.2f / %.2f", byP99[0].p50Ms(), byP99[0].p99Ms()),
                    f("%.2f / %.2f", byP99[1].p50Ms(), byP99[1].p99Ms()),
                    f("p99 %.2f×", p99Ratio) + eachRound(rounds, Report::p99Ratio),
                    c == 64 ? target("p99 ≤ 2×", p99Ratio <= 2) : "");
        }
        for (List<Execute> rounds : execute.values()) {
            Execute e = medianRound(rounds, Execute::addedP99);
            int c = e.connections();
            Wrk.Result through = e.through();
            Wrk.Result direct = e.direct();
            double addedP50 = through.p50Ms() - direct.p50Ms();
            double addedP99 = through.p99Ms() - direct.p99Ms();
            double limit = c == 1 ? 1 : 4;
            String name =
                    "`execute_code`" + (e.collectFiles() ? "" : " with `collect_files: false`") + ", " + c + " conn.";
            List<Wrk.Result> results = new ArrayList<>();
            for (Execute round : rounds) {
                results.add(round.through());
                results.add(round.direct());
            }
            row(
                    name + ": p50 / p99 ms" + errors(results) + roundsNote(rounds.size()),
                    f("%.2f / %.2f", through.p50Ms(), through.p99Ms()),
                    f("%.2f / %.2f", direct.p50Ms(), direct.p99Ms()),
                    f("added %.2f / %.2f ms", addedP50, addedP99) + eachRound(rounds, Execute::addedP99),
                    addedP99 < 0
                            ? f("added p99 ≤ %.0f ms: no figure (the direct run was slower: noise)", limit)
                            : target(f("added p99 ≤ %.0f ms", limit), addedP99 <= limit));
            row(
                    name + ": req/s",
                    f("%.0f", through.requestsPerSecond()),
                    f("%.0f", direct.requestsPerSecond()),
                    "",
                    "");
        }
        for (var e : compiling.entrySet()) {
            row(
                    "JIT compiler CPU during the measured `execute_code` runs at " + e.getKey() + " conn.",
                    e.getValue(),
                    "",
                    "",
                    "");
        }
        double median = median(starts);
        row(
                "start to `/health` 200, s (median of " + starts.size() + ")",
                f("%.2f", median),
                "",
                "",
                target("≤ 1.0 s", median <= 1.0));
        row("CPU time used by the start (user + system), s", f("%.2f", median(startCpu)), "", "", "");
        row("resident memory idle, MB", f("%.0f", rssIdle), "", "", "");
        row("resident memory under load (highest sample), MB", f("%.0f", rssLoad), "", "", "");
        row("resident memory with " + sessions + " sessions, MB", f("%.0f", rssSessions), "", "", "");
        row(
                "resident memory, peak through the benchmark (VmHWM), MB",
                f("%.0f", rssPeak),
                "",
                "",
                target("≤ 256 MB", rssPeak <= 256));
        row(sessions + " sessions created (16 at a time), s", f("%.2f", sessionsSeconds), "", "", "");
        row(
                slowCalls + " concurrent 2-s executions, wall s",
                f("%.2f", slowThrough),
                f("%.2f", slowDirect),
                f("%+.2f s", slowThrough - slowDirect),
                "");
        row(
                "shutdown with all sessions live (SIGTERM to exit), s",
                shutdownMs < 0 ? "killed" : f("%.2f", shutdownMs / 1000.0),
                "",
                "",
                "");
        out.println();
    }

    private void row(String figure, String msb, String other, String ratio, String target) {
        out.println("| " + figure + " | " + msb + " | " + other + " | " + ratio + " | " + target + " |");
    }

    private static double rateRatio(Wrk.Result[] round) {
        return round[0].requestsPerSecond() / round[1].requestsPerSecond();
    }

    private static double p99Ratio(Wrk.Result[] round) {
        return round[0].p99Ms() / round[1].p99Ms();
    }

    /** The round whose {@code ratio} (or other figure) is the median of the rounds' (the upper one of an even count). */
    static <T> T medianRound(List<T> rounds, ToDoubleFunction<T> ratio) {
        List<T> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(ratio));
        return sorted.get(sorted.size() / 2);
    }

    private static String roundsNote(int rounds) {
        return rounds == 1 ? "" : " (median of " + rounds + " rounds)";
    }

    private static <T> String eachRound(List<T> rounds, ToDoubleFunction<T> value) {
        if (rounds.size() == 1) {
            return "";
        }
        StringBuilder each = new StringBuilder(" (rounds: ");
        for (int i = 0; i < rounds.size(); i++) {
            each.append(i == 0 ? "" : ", ").append(f("%.2f", value.applyAsDouble(rounds.get(i))));
        }
        return each.append(')').toString();
    }

    private static String errors(List<Wrk.Result> results) {
        long errors = 0;
        for (Wrk.Result result : results) {
            errors += result.errors() + result.statusErrors();
        }
        return errors == 0 ? "" : " (" + errors + " errors!)";
    }

    private static String target(String target, boolean met) {
        return target + (met ? " ✅" : " ❌");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
