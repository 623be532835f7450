package io.msbmcp.devserver.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The namespaces directory on disk, laid out like Microsandbox's: one directory per namespace holding {@value
 * #CONFIG_FILE} (the Sandboxfile: every sandbox ever configured there, in the order first configured, as JSON) and a
 * {@code sandboxes/<name>/} directory per sandbox with its {@code work} and {@code tmp} directories.
 */
final class NamespaceStore {
    static final String CONFIG_FILE = "sandboxes.json";

    private static final TypeReference<Map<String, LinkedHashMap<String, SandboxConfig>>> FILE_TYPE =
            new TypeReference<>() {};

    private final Path root;
    private final ObjectMapper mapper;

    NamespaceStore(Path root, ObjectMapper mapper) {
        this.root = root;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    Path root() {
        return root;
    }

    boolean namespaceExists(String namespace) {
        return Files.isDirectory(root.resolve(namespace));
    }

    void createNamespace(String namespace) throws IOException {
        Files.createDirectories(root.resolve(namespace));
    }

    boolean hasConfigFile(String namespace) {
        return Files.isRegularFile(configFile(namespace));
    }

    /** The configured sandboxes of {@code namespace}; empty when it has no configuration file yet. */
    LinkedHashMap<String, SandboxConfig> read(String namespace) throws IOException {
        Path file = configFile(namespace);
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        Map<String, LinkedHashMap<String, SandboxConfig>> content = mapper.readValue(file.toFile(), FILE_TYPE);
        LinkedHashMap<String, SandboxConfig> sandboxes = content == null ? null : content.get("sandboxes");
        return sandboxes == null ? new LinkedHashMap<>() : sandboxes;
    }

    /** Replaces the configuration file of {@code namespace} atomically. */
    void write(String namespace, Map<String, SandboxConfig> sandboxes) throws IOException {
        Path file = configFile(namespace);
        Path temp = file.resolveSibling(CONFIG_FILE + ".tmp");
        mapper.writeValue(temp.toFile(), new FileContent(sandboxes));
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Every namespace directory, sorted by name. */
    List<String> namespaces() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /** The host directories of one sandbox; created if missing. */
    SandboxDirs dirs(String namespace, String name) throws IOException {
        Path base = root.resolve(namespace).resolve("sandboxes").resolve(name);
        Path work = Files.createDirectories(base.resolve("work"));
        Path tmp = Files.createDirectories(base.resolve("tmp"));
        return new SandboxDirs(work.toRealPath(), tmp.toRealPath());
    }

    private Path configFile(String namespace) {
        return root.resolve(namespace).resolve(CONFIG_FILE);
    }

    private record FileContent(@JsonProperty("sandboxes") Map<String, SandboxConfig> sandboxes) {}
}
