package io.msbmcp.wrapper.files;

import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Microsandbox client whose {@code sandbox.command.run} really runs the command on this machine (no shell of ours,
 * stdin from /dev/null, in a working directory), as the portal does; it records every call and can fail the Nth.
 */
final class LocalShell implements MicrosandboxClient {
    final List<CommandRunParams> calls = new CopyOnWriteArrayList<>();
    private final Path workdir;
    volatile int failCall = -1;

    LocalShell(Path workdir) {
        this.workdir = workdir;
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params) {
        calls.add(params);
        if (calls.size() == failCall) {
            throw new SandboxApiException("sandbox.command.run", 500, 5002, "Internal server error");
        }
        List<String> command = new ArrayList<>();
        command.add(params.command());
        command.addAll(params.args());
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workdir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("command did not end");
            }
            List<OutputLine> lines = new ArrayList<>();
            split(out, "stdout", lines);
            split(err, "stderr", lines);
            int exit = process.exitValue();
            return new CommandRunResult(params.command(), params.args(), exit, exit == 0, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void split(byte[] bytes, String stream, List<OutputLine> lines) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return;
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        for (String line : text.split("\n", -1)) {
            lines.add(new OutputLine(stream, line));
        }
    }

    @Override
    public void health() {}

    @Override
    public String startSandbox(String namespace, String sandbox, SandboxConfig config) {
        return "started";
    }

    @Override
    public void stopSandbox(String namespace, String sandbox) {}

    @Override
    public List<SandboxStatus> metrics(String namespace, @Nullable String sandbox) {
        return List.of();
    }

    @Override
    public ReplRunResult runRepl(ReplRunParams params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
