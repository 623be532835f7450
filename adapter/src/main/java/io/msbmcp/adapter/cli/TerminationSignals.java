package io.msbmcp.adapter.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches SIGTERM and SIGINT so the server can shut down in order and exit 0 (a JVM killed by SIGTERM exits 143,
 * which systemd counts as a failure). Uses {@code sun.misc.Signal} from the {@code jdk.unsupported} module through
 * reflection, so the build stays free of internal-API warnings; where it is missing, the JVM's default handling and
 * the shutdown hook remain.
 */
final class TerminationSignals {
    private static final Logger logger = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    /** Runs {@code action} on the signal-handler thread when SIGTERM or SIGINT arrives. */
    static void onTermination(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    TerminationSignals.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> action.run();
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "msb-mcp termination handler";
                            }
                            default -> {}
                        }
                        return null;
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : List.of("TERM", "INT")) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                handle.invoke(null, signal, handler);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            logger.debug("Signal handlers not installed ({}); relying on the shutdown hook", e.toString());
        }
    }
}
