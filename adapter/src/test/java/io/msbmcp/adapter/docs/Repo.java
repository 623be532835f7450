package io.msbmcp.adapter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The checked-out repository the tests run in: its root (found from the working directory) and its files. */
final class Repo {
    private static final Path ROOT = findRoot();

    private Repo() {}

    /** The folder holding the parent {@code pom.xml}, {@code README.md} and {@code docs/}. */
    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** A file of the repository as text. */
    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Markdown files a reader is given: README.md and every page under docs/. */
    static List<Path> markdownFiles() {
        try (Stream<Path> docs = Files.list(path("docs"))) {
            return Stream.concat(
                            Stream.of(path("README.md")),
                            docs.filter(p -> p.toString().endsWith(".md")).sorted())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code .java} file under {@code src/main/java} of the product modules. */
    static List<Path> mainSources() {
        return javaFiles("src/main/java");
    }

    /** Every {@code .java} file under {@code src/main/java} and {@code src/test/java} of every module. */
    static List<Path> allSources() {
        return Stream.concat(javaFiles("src/main/java").stream(), javaFiles("src/test/java").stream())
                .collect(Collectors.toList());
    }

    private static List<Path> javaFiles(String sourceRoot) {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> roots = modules.map(m -> m.resolve(sourceRoot))
                    .filter(Files::isDirectory)
                    .collect(Collectors.toList());
            List<Path> files = new java.util.ArrayList<>();
            for (Path root : roots) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("pom.xml"))
                    && Files.isDirectory(candidate.resolve("adapter"))
                    && Files.isDirectory(candidate.resolve("docs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }
}
