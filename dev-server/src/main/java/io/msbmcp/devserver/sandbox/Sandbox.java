package io.msbmcp.devserver.sandbox;

import io.msbmcp.devserver.api.ApiException;
import io.msbmcp.devserver.api.SandboxStatus;
import io.msbmcp.devserver.isolation.BubblewrapIsolation;
import io.msbmcp.devserver.isolation.Isolation;
import io.msbmcp.devserver.isolation.SandboxFiles;
import io.msbmcp.devserver.isolation.VolumeMount;
import io.msbmcp.devserver.process.CommandRunner;
import io.msbmcp.devserver.process.LaunchSpec;
import io.msbmcp.devserver.process.ProcFs;
import io.msbmcp.devserver.process.ProcessTree;
import io.msbmcp.devserver.repl.ReplSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox: its REPL process, the commands running in it, and its files. Under isolation a holder process owns
 * the sandbox's user and pid namespaces and the REPL and every command join them, so they see and can signal each
 * other as processes of one VM do (a command can send SIGINT to a busy REPL); stopping the holder ends them all.
 */
final class Sandbox {
    private static final Logger logger = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    /** How long a new REPL may take to answer, like the real server waits for a VM to run. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long bubblewrap may take to set up the holder's namespaces. */
    private static final Duration HOLDER_TIMEOUT = Duration.ofSeconds(10);
    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux the JVM supports in practice. */
    private static final double CLOCK_TICKS = 100.0;

    private final SandboxKey key;
    private final SandboxImage image;
    private final SandboxDirs dirs;
    private final SandboxFiles files;
    private final Map<String, String> environment;
    private final SandboxRuntime runtime;
    private final ReplSession repl;
    private final @Nullable Process holder;
    private final @Nullable Long holderPid;
    private final Set<Process> commands = ConcurrentHashMap.newKeySet();
    private final long startedNanos = System.nanoTime();
    private volatile boolean stopped;

    private Sandbox(
            SandboxKey key,
            SandboxImage image,
            SandboxDirs dirs,
            SandboxFiles files,
            Map<String, String> environment,
            SandboxRuntime runtime,
            ReplSession repl,
            @Nullable Process holder,
            @Nullable Long holderPid) {
        this.key = key;
        this.holder = holder;
        this.holderPid = holderPid;
        this.image = image;
        this.dirs = dirs;
        this.files = files;
        this.environment = environment;
        this.runtime = runtime;
        this.repl = repl;
    }

    /**
     * Prepares the sandbox's files, starts its REPL and waits until it answers; failures are internal errors, as a
     * failed VM start is.
     */
    static Sandbox start(
            SandboxRuntime runtime,
            SandboxKey key,
            SandboxConfig config,
            SandboxImage image,
            Path interpreter,
            SandboxDirs dirs) {
        Isolation isolation = runtime.isolation();
        String workDirInside =
                config.workdir() == null || config.workdir().isBlank() ? image.workDir() : config.workdir();
        List<VolumeMount> volumes = new ArrayList<>();
        try {
            for (String spec : config.volumes()) {
                VolumeMount volume = VolumeMount.parse(spec);
                if (isolation.isolated()) {
                    BubblewrapIsolation.checkMountTarget(volume.containerPath());
                    if (!Files.exists(volume.hostPath())) {
                        throw new IllegalArgumentException("Volume host path does not exist: " + volume.hostPath());
                    }
                }
                volumes.add(volume);
            }
            BubblewrapIsolation.checkMountTarget(workDirInside);
        } catch (IllegalArgumentException e) {
            throw ApiException.internal("Failed to start sandbox " + key + ": " + e.getMessage(), e);
        }
        if (!isolation.isolated() && (!volumes.isEmpty() || config.workdir() != null)) {
            logger.warn(
                    "Sandbox '{}': volumes and workdir are ignored without isolation; its work directory is {}",
                    key,
                    dirs.work());
        }
        SandboxFiles files = new SandboxFiles(
                dirs.work(),
                dirs.tmp(),
                workDirInside,
                isolation.isolated() ? volumes : List.of(),
                runtime.hiddenPaths());
        Map<String, String> environment =
                SandboxEnvironment.build(isolation, files, runtime.interpreters(), config.envs());
        Process holder = null;
        try {
            Optional<List<String>> holderArgv = isolation.holder(files, key.name());
            Long holderPid = null;
            List<String> replCommand = image.language().argv(interpreter.toString());
            List<String> argv;
            if (holderArgv.isPresent()) {
                holder = runtime.launcher().start(new LaunchSpec(holderArgv.get(), dirs.work(), environment, true));
                holderPid = insidePid(holder, key, runtime.readers());
                argv = isolation.wrapJoined(files, key.name(), holderPid, replCommand);
            } else {
                argv = isolation.wrap(files, key.name(), replCommand);
            }
            ReplSession repl = ReplSession.start(
                    image.language(),
                    new LaunchSpec(argv, dirs.work(), environment, true),
                    runtime.launcher(),
                    runtime.readers(),
                    runtime.outputLimitPerStream());
            Optional<String> failure = repl.awaitReady(READY_TIMEOUT);
            if (failure.isPresent()) {
                repl.kill();
                killHolder(holder);
                throw ApiException.internal("The REPL of sandbox " + key + " " + failure.get());
            }
            return new Sandbox(key, image, dirs, files, environment, runtime, repl, holder, holderPid);
        } catch (IOException e) {
            killHolder(holder);
            throw ApiException.internal("Failed to start the REPL of sandbox " + key + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            killHolder(holder);
            Thread.currentThread().interrupt();
            throw ApiException.internal("Interrupted while starting sandbox " + key, e);
        } catch (RuntimeException e) {
            killHolder(holder);
            throw e;
        }
    }

    /**
     * The host pid of the holder's first process inside the jail (bubblewrap's pid 1 there), whose namespaces the
     * sandbox's processes join.
     */
    private static long insidePid(Process holder, SandboxKey key, ExecutorService readers) throws InterruptedException {
        BufferedReader stdout =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        Future<String> ready = readers.submit(stdout::readLine);
        try {
            String line = ready.get(HOLDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Optional<ProcessHandle> inside = holder.toHandle().children().findFirst();
            if (Isolation.HOLDER_READY.equals(line) && inside.isPresent()) {
                return inside.get().pid();
            }
        } catch (ExecutionException | TimeoutException e) {
            ready.cancel(true);
        }
        throw ApiException.internal("The namespaces of sandbox " + key + " could not be set up (bwrap "
                + (holder.isAlive() ? "did not answer" : "exited with " + holder.exitValue()) + ")");
    }

    private static void killHolder(@Nullable Process holder) {
        if (holder != null) {
            ProcessTree.kill(holder.toHandle(), KILL_WAIT);
        }
    }

    SandboxImage image() {
        return image;
    }

    ReplSession repl() {
        return repl;
    }

    /** Runs {@code command} with {@code args}, no shell, stdin {@code /dev/null}, in the work directory. */
    CommandRunner.Outcome runCommand(String command, List<String> args, @Nullable Long timeoutSeconds)
            throws InterruptedException {
        Isolation isolation = runtime.isolation();
        String workDirInside = isolation.workDirInside(files);
        String executable = CommandResolver.resolve(
                        command,
                        environment.getOrDefault("PATH", ""),
                        workDirInside,
                        inside -> isolation.toHost(files, inside))
                .orElseThrow(() ->
                        ApiException.internal("Failed to spawn command: '" + command + "': No such file or directory"));
        List<String> commandLine = new ArrayList<>();
        commandLine.add(executable);
        commandLine.addAll(args);
        List<String> argv = holderPid == null
                ? isolation.wrap(files, key.name(), commandLine)
                : isolation.wrapJoined(files, key.name(), holderPid, commandLine);
        LaunchSpec spec = new LaunchSpec(argv, dirs.work(), environment, false);
        CommandRunner runner = new CommandRunner(runtime.launcher(), runtime.readers(), runtime.outputLimitPerStream());
        try {
            return runner.run(
                    spec,
                    timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds),
                    process -> {
                        commands.add(process);
                        if (stopped) {
                            ProcessTree.kill(process.toHandle(), KILL_WAIT);
                        }
                    },
                    commands::remove);
        } catch (IOException e) {
            throw ApiException.internal("Failed to spawn command: " + e.getMessage(), e);
        }
    }

    /** The metrics entry of this running sandbox. */
    SandboxStatus status() {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        ProcessTree.members(repl.handle()).forEach(handle -> members.put(handle.pid(), handle));
        if (holder != null) {
            ProcessTree.members(holder.toHandle()).forEach(handle -> members.putIfAbsent(handle.pid(), handle));
        }
        for (Process command : commands) {
            ProcessTree.members(command.toHandle()).forEach(handle -> members.putIfAbsent(handle.pid(), handle));
        }
        long residentKib = 0;
        long ticks = 0;
        for (long pid : members.keySet()) {
            residentKib += ProcFs.residentKib(pid);
            ticks += ProcFs.stat(pid).map(ProcFs.Stat::cpuTicks).orElse(0L);
        }
        double elapsedSeconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        // The average CPU use of the live processes since the sandbox started, in percent of one core.
        double cpu = Math.round(ticks / CLOCK_TICKS / elapsedSeconds * 10000.0) / 100.0;
        return new SandboxStatus(
                key.namespace(), key.name(), true, cpu, residentKib / 1024, DirectorySize.of(dirs.work()));
    }

    /** Kills the REPL and every command with everything they started, and empties the private {@code /tmp}. */
    void stop() {
        stopped = true;
        repl.kill();
        for (Process command : List.copyOf(commands)) {
            ProcessTree.kill(command.toHandle(), KILL_WAIT);
        }
        killHolder(holder); // the holder's pid 1 ending kills whatever is left in the sandbox's pid namespace
        emptyDirectory(dirs.tmp());
    }

    private static void emptyDirectory(Path dir) {
        try (Stream<Path> entries = Files.walk(dir)) {
            entries.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(dir))
                    .forEach(path -> {
                        try {
                            Files.deleteIfExists(path);
                        } catch (IOException e) {
                            logger.debug("Could not delete {}: {}", path, e.getMessage());
                        }
                    });
        } catch (IOException e) {
            logger.debug("Could not empty {}: {}", dir, e.getMessage());
        }
    }
}
