package io.msbmcp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where the integration tests find the packaged jars and the client scripts, and where they write: everything goes
 * under {@code integration-tests/target/it}. Paths come from the system properties Failsafe sets (see the pom).
 */
final class ItEnv {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ItEnv() {}

    /** {@code adapter/target/msb-mcp.jar}; fails with a hint when it was not built. */
    static Path adapterJar() {
        return jar("msbmcp.adapter.jar", "../adapter/target/msb-mcp.jar");
    }

    /** {@code dev-server/target/msb-dev-server.jar}; fails with a hint when it was not built. */
    static Path devServerJar() {
        return jar("msbmcp.devserver.jar", "../dev-server/target/msb-dev-server.jar");
    }

    /** {@code integration-tests/clients}: package.json, the lock file and the client scripts. */
    static Path clientsSource() {
        return Paths.get(System.getProperty("msbmcp.it.clients", "clients")).toAbsolutePath();
    }

    /** {@code integration-tests/target/it}. */
    static Path workDir() {
        return createDirectories(
                Paths.get(System.getProperty("msbmcp.it.work", "target/it")).toAbsolutePath());
    }

    /**
     * A new empty directory {@code target/it/<area>/<name>-<n>}: never reused within a run, and emptied when an
     * earlier run (without {@code mvn clean}) left one of that name.
     */
    static Path newDir(String area, String name) {
        Path dir = workDir().resolve(area).resolve(name + "-" + COUNTER.incrementAndGet());
        deleteRecursively(dir);
        return createDirectories(dir);
    }

    /** The directory {@code target/it/<area>}, created if needed. */
    static Path dir(String area) {
        return createDirectories(workDir().resolve(area));
    }

    /** The {@code java} of the JVM running the tests, so the jars run on the same JDK. */
    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static Path jar(String property, String fallback) {
        Path jar = Paths.get(System.getProperty(property, fallback))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the jars first (mvn -B -DskipTests package)");
        }
        return jar;
    }
}
