package io.msbmcp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (the C load generator) with a Lua script that POSTs one JSON body and prints its own result line, which
 * this class parses. A body may hold {@code SESSIONID}: each wrk thread then replaces it with its own id, so that with
 * as many threads as connections every connection uses its own session (calls on one session run one at a time).
 */
final class Wrk {
    private static final Pattern RESULT = Pattern.compile(
            "BENCH requests=(\\d+) duration_us=(\\d+) errors=(\\d+) status_errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");

    private final Path workDir;
    private int scripts;

    Wrk(Path workDir) {
        this.workDir = workDir;
    }

    /** One wrk run's figures; latencies in microseconds. */
    record Result(long requests, long durationUs, long errors, long statusErrors, long p50Us, long p99Us) {
        double requestsPerSecond() {
            return durationUs == 0 ? 0 : requests * 1_000_000.0 / durationUs;
        }

        double p50Ms() {
            return p50Us / 1000.0;
        }

        double p99Ms() {
            return p99Us / 1000.0;
        }
    }

    /** wrk's version line, or why it cannot run. */
    static String version() {
        try {
            Process p =
                    new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("wrk").strip();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (Debian: apt-get install wrk): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code connections} connections on {@code threads} threads for {@code seconds} against {@code url}. */
    Result run(String url, String body, String sessionPrefix, int connections, int threads, int seconds)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("wrk-" + (++scripts) + ".lua");
        Files.writeString(script, lua(body, sessionPrefix));
        List<String> command = List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher m = RESULT.matcher(out);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException(
                    "wrk failed (exit " + exit + "): " + String.join(" ", command) + "\n" + out);
        }
        return new Result(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)));
    }

    private static String lua(String body, String sessionPrefix) {
        if (body.contains("]==]")) {
            throw new IllegalArgumentException("body must not contain ]==]");
        }
        return """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                local template = [==[%s]==]
                local threads = 0
                function setup(thread)
                  threads = threads + 1
                  thread:set("sid", "%s" .. threads)
                end
                function init(args)
                  wrk.body = (string.gsub(template, "SESSIONID", sid))
                end
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format(
                    "BENCH requests=%%d duration_us=%%d errors=%%d status_errors=%%d p50_us=%%d p99_us=%%d\\n",
                    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
                    latency:percentile(50), latency:percentile(99)))
                end
                """.formatted(body, sessionPrefix);
    }
}
