package io.msbmcp.devserver.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.devserver.api.ApiException;
import io.msbmcp.devserver.api.CommandRunResult;
import io.msbmcp.devserver.api.ReplRunResult;
import io.msbmcp.devserver.api.SandboxStatus;
import io.msbmcp.devserver.process.CommandRunner;
import io.msbmcp.devserver.repl.ReplLanguage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandboxes of one dev server, with the semantics of the legacy Microsandbox server: configurations are recorded
 * per namespace (an entry replaced whole when a request carries an image) and survive restarts, sandboxes are never
 * forgotten, only stopped. Names are validated by the caller.
 */
public final class SandboxManager implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(SandboxManager.class);

    private final NamespaceStore store;
    private final SandboxRuntime runtime;
    private final Map<SandboxKey, Sandbox> running = new ConcurrentHashMap<>();
    private final Map<SandboxKey, Object> keyLocks = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private boolean closed;

    public SandboxManager(Path namespacesRoot, ObjectMapper mapper, SandboxRuntime runtime) {
        this.store = new NamespaceStore(namespacesRoot, mapper);
        this.runtime = runtime;
    }

    /**
     * {@code sandbox.start}: records {@code config} when it names an image, then starts the sandbox if stopped. Starts
     * and stops of one sandbox are serialized; different sandboxes start in parallel.
     */
    public String start(String namespace, String name, @Nullable SandboxConfig config) {
        SandboxKey key = new SandboxKey(namespace, name);
        synchronized (keyLock(key)) {
            SandboxConfig effective;
            SandboxDirs dirs;
            synchronized (lifecycle) {
                if (closed) {
                    throw ApiException.internal("The dev server is shutting down");
                }
                effective = recordConfig(namespace, name, config);
                if (running.containsKey(key)) {
                    return startedMessage(name);
                }
                dirs = dirs(namespace, name);
            }
            String imageName = effective.image() == null ? "" : effective.image();
            SandboxImage image = SandboxImage.parse(imageName)
                    .orElseThrow(() -> ApiException.internal("Failed to pull image '" + imageName
                            + "': the dev server only has microsandbox/python and microsandbox/node"));
            Path interpreter = runtime.interpreters()
                    .forImage(image)
                    .orElseThrow(() -> ApiException.internal(
                            "No interpreter for image '" + image.reference() + "' was found on this machine"));
            Sandbox sandbox = Sandbox.start(runtime, key, effective, image, interpreter, dirs);
            synchronized (lifecycle) {
                if (closed) {
                    sandbox.stop();
                    throw ApiException.internal("The dev server is shutting down");
                }
                running.put(key, sandbox);
            }
            logger.info("Sandbox '{}' started ({})", key, image.reference());
            return startedMessage(name);
        }
    }

    /** {@code sandbox.stop}: kills the sandbox's processes; stopping a stopped sandbox succeeds. */
    public String stop(String namespace, String name) {
        SandboxKey key = new SandboxKey(namespace, name);
        synchronized (keyLock(key)) {
            Sandbox sandbox;
            synchronized (lifecycle) {
                if (!store.namespaceExists(namespace)) {
                    throw ApiException.invalidInput("Namespace directory '" + namespace + "' does not exist");
                }
                if (!store.hasConfigFile(namespace)) {
                    throw ApiException.invalidInput("Configuration file not found for namespace '" + namespace + "'");
                }
                if (!readQuietly(namespace).containsKey(name)) {
                    throw ApiException.internal(
                            "Failed to stop sandbox " + name + ": sandbox not found in configuration");
                }
                sandbox = running.remove(key);
            }
            if (sandbox != null) {
                sandbox.stop();
                logger.info("Sandbox '{}' stopped", key);
            }
            return "Sandbox " + name + " stopped successfully";
        }
    }

    /** {@code sandbox.metrics.get} for one namespace or, with {@code "*"}, for every namespace. */
    public List<SandboxStatus> metrics(String namespace, @Nullable String name) {
        List<SandboxStatus> statuses = new ArrayList<>();
        if (namespace.equals("*")) {
            List<String> namespaces;
            try {
                namespaces = store.namespaces();
            } catch (IOException e) {
                throw ApiException.internal("Failed to read namespaces directory: " + e.getMessage(), e);
            }
            for (String each : namespaces) {
                try {
                    statuses.addAll(statuses(each, name));
                } catch (ApiException e) {
                    logger.debug("Skipping namespace {} in metrics: {}", each, e.getMessage());
                }
            }
            return statuses;
        }
        if (!store.namespaceExists(namespace)) {
            throw ApiException.invalidInput("Namespace directory '" + namespace + "' does not exist");
        }
        return statuses(namespace, name);
    }

    /** {@code sandbox.repl.run}; {@code language} is echoed as sent. */
    public ReplRunResult runRepl(
            String namespace, String name, String language, String code, @Nullable Long timeoutSeconds)
            throws InterruptedException {
        Sandbox sandbox = runningSandbox(namespace, name);
        ReplLanguage requested = ReplLanguage.fromRequest(language)
                .orElseThrow(() -> ApiException.internal("Unsupported language: " + language));
        if (requested != sandbox.image().language()) {
            throw ApiException.internal(requested.displayName() + " language support is not enabled in image '"
                    + sandbox.image().reference() + "'");
        }
        return ReplRunResult.success(language, sandbox.repl().run(code, timeoutSeconds));
    }

    /** {@code sandbox.command.run}; a timeout is an internal error, as in the real server. */
    public CommandRunResult runCommand(
            String namespace, String name, String command, List<String> args, @Nullable Long timeoutSeconds)
            throws InterruptedException {
        Sandbox sandbox = runningSandbox(namespace, name);
        CommandRunner.Outcome outcome = sandbox.runCommand(command, args, timeoutSeconds);
        if (outcome.timedOut()) {
            throw ApiException.internal(
                    "Command execution failed: Command timeout after " + timeoutSeconds + " seconds");
        }
        return CommandRunResult.of(command, args, outcome.exitCode(), outcome.output());
    }

    /** Stops every running sandbox; later starts fail. */
    @Override
    public void close() {
        List<Sandbox> toStop;
        synchronized (lifecycle) {
            closed = true;
            toStop = new ArrayList<>(running.values());
            running.clear();
        }
        toStop.parallelStream().forEach(Sandbox::stop);
    }

    /**
     * Checks the request against the namespace's stored configuration, as the real server does, stores {@code config}
     * when it names an image, and returns the sandbox's configuration. Called under the lifecycle lock.
     */
    private SandboxConfig recordConfig(String namespace, String name, @Nullable SandboxConfig config) {
        try {
            if (!store.namespaceExists(namespace)) {
                store.createNamespace(namespace);
            }
            boolean requestHasImage = config != null && config.image() != null;
            if (!requestHasImage && !store.hasConfigFile(namespace)) {
                throw ApiException.invalidInput(
                        "No configuration provided and no existing configuration found for sandbox '" + name + "'");
            }
            LinkedHashMap<String, SandboxConfig> sandboxes = store.read(namespace);
            if (!requestHasImage && !sandboxes.containsKey(name)) {
                throw ApiException.invalidInput("Sandbox '" + name + "' not found in existing configuration");
            }
            if (requestHasImage) {
                sandboxes.put(name, config);
                store.write(namespace, sandboxes);
            }
            return sandboxes.get(name);
        } catch (IOException e) {
            throw ApiException.internal(
                    "Failed to record the configuration of " + namespace + "/" + name + ": " + e.getMessage(), e);
        }
    }

    private SandboxDirs dirs(String namespace, String name) {
        try {
            return store.dirs(namespace, name);
        } catch (IOException e) {
            throw ApiException.internal("Failed to create the directories of " + namespace + "/" + name, e);
        }
    }

    private Object keyLock(SandboxKey key) {
        return keyLocks.computeIfAbsent(key, ignored -> new Object());
    }

    private List<SandboxStatus> statuses(String namespace, @Nullable String name) {
        if (!store.hasConfigFile(namespace)) {
            throw ApiException.internal("Configuration file not found for namespace '" + namespace + "'");
        }
        Map<String, SandboxConfig> sandboxes = readQuietly(namespace);
        if (name != null && !sandboxes.containsKey(name)) {
            throw ApiException.internal("Sandbox '" + name + "' not found in namespace '" + namespace + "'");
        }
        List<SandboxStatus> statuses = new ArrayList<>();
        for (String each : sandboxes.keySet()) {
            if (name != null && !name.equals(each)) {
                continue;
            }
            Sandbox sandbox = running.get(new SandboxKey(namespace, each));
            statuses.add(sandbox == null ? SandboxStatus.stopped(namespace, each) : sandbox.status());
        }
        return statuses;
    }

    private Sandbox runningSandbox(String namespace, String name) {
        Sandbox sandbox = running.get(new SandboxKey(namespace, name));
        if (sandbox == null) {
            throw ApiException.internal("Sandbox " + namespace + "/" + name + " is not running");
        }
        return sandbox;
    }

    private LinkedHashMap<String, SandboxConfig> readQuietly(String namespace) {
        try {
            return store.read(namespace);
        } catch (IOException e) {
            throw ApiException.internal(
                    "Failed to read configuration of namespace '" + namespace + "': " + e.getMessage(), e);
        }
    }

    private static String startedMessage(String name) {
        return "Sandbox " + name + " started successfully";
    }
}
