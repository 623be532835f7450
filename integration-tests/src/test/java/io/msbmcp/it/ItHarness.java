package io.msbmcp.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The per-class test harness, registered as {@code @RegisterExtension static final ItHarness it = new ItHarness()}:
 * a log directory per class and per test under {@code target/it/logs}, processes that are stopped when their scope
 * ends (a test's processes after the test, the class's after the class, also on failure), the tail of every
 * relevant log printed when something fails, the shared stack, and the time the class took.
 */
final class ItHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final int TAIL_LINES = 40;

    private final List<ItProcess> classProcesses = new CopyOnWriteArrayList<>();
    private final List<ItProcess> testProcesses = new CopyOnWriteArrayList<>();
    private volatile ExtensionContext classContext;
    private volatile boolean inTest;
    private volatile Path classLogDir;
    private volatile Path testLogDir;
    private long classStart;

    @Override
    public void beforeAll(ExtensionContext context) {
        classContext = context;
        classStart = System.nanoTime();
        classLogDir = ItEnv.newDir("logs", context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        inTest = true;
        testLogDir = ItEnv.createDirectories(
                classLogDir.resolve(context.getRequiredTestMethod().getName()));
        System.out.printf("[it] %s.%s%n", context.getRequiredTestClass().getSimpleName(), context.getDisplayName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        context.getExecutionException().ifPresent(failure -> printTails(context, testProcesses));
        closeAll(testProcesses);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        context.getExecutionException().ifPresent(failure -> printTails(context, classProcesses));
        closeAll(classProcesses);
        System.out.printf(
                "[it] %s took %d s%n",
                context.getRequiredTestClass().getSimpleName(),
                Duration.ofNanos(System.nanoTime() - classStart).toSeconds());
    }

    /** Stops {@code process} when the current test ends, or when the class ends if called outside a test. */
    <T extends ItProcess> T track(T process) {
        (inTest ? testProcesses : classProcesses).add(process);
        return process;
    }

    /** The log directory of the current test (or of the class, outside a test). */
    Path logDir() {
        return inTest ? testLogDir : classLogDir;
    }

    /** The run's shared dev server and adapter, started on first use. */
    SharedStack shared() {
        return SharedStack.get(classContext);
    }

    /** A dev server of its own for this test (or class), stopped with its scope. */
    DevServerProcess startDevServer() {
        return track(DevServerProcess.start(logDir()));
    }

    /** An adapter of its own, from {@code builder}, stopped with its scope. */
    AdapterProcess start(AdapterProcess.Builder builder) {
        return track(builder.start());
    }

    /** A builder for an adapter that uses the shared dev server, logging into this scope's log directory. */
    AdapterProcess.Builder adapterOnSharedDevServer(String namespace) {
        return AdapterProcess.builder(shared().devServer().baseUrl(), namespace, logDir());
    }

    private void printTails(ExtensionContext context, List<ItProcess> scoped) {
        List<ItProcess> processes = new ArrayList<>(scoped);
        if (scoped == testProcesses) {
            processes.addAll(classProcesses);
        }
        StringBuilder out = new StringBuilder();
        out.append("[it] ").append(context.getDisplayName()).append(" failed; logs of its processes:\n");
        for (ItProcess process : processes) {
            out.append(process.logTail(TAIL_LINES));
        }
        SharedStack.ifStarted(context).ifPresent(stack -> out.append(stack.logTail(TAIL_LINES)));
        System.out.println(out);
    }

    private static void closeAll(List<ItProcess> processes) {
        List<ItProcess> copy = new ArrayList<>(processes);
        processes.clear();
        for (int i = copy.size() - 1; i >= 0; i--) {
            try {
                copy.get(i).close();
            } catch (RuntimeException e) {
                System.out.println("[it] stopping " + copy.get(i).describe() + " failed: " + e);
            }
        }
    }
}
