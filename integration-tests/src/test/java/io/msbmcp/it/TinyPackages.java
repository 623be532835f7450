package io.msbmcp.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packages built by hand for offline {@code dependencies} installs: a pure-Python wheel (a zip with the module, {@code
 * *.dist-info/METADATA}, {@code WHEEL} and a {@code RECORD} with sha256 digests, which pip checks) and an npm package
 * folder ({@code package.json} and {@code index.js}).
 */
final class TinyPackages {
    private TinyPackages() {}

    /**
     * Writes {@code <module>-1.0-py3-none-any.whl} into {@code dir}: module {@code module} whose {@code VALUE} is
     * {@code value}. Returns the wheel's path.
     */
    static Path pythonWheel(Path dir, String module, String value) {
        String distInfo = module + "-1.0.dist-info/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(module + "/__init__.py", "VALUE = '" + value + "'\n");
        files.put(distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + module + "\nVersion: 1.0\n");
        files.put(
                distInfo + "WHEEL",
                "Wheel-Version: 1.0\nGenerator: msb-mcp-it\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            record.append(file.getKey())
                    .append(",sha256=")
                    .append(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes)))
                    .append(',')
                    .append(bytes.length)
                    .append('\n');
        }
        record.append(distInfo).append("RECORD,,\n");
        files.put(distInfo + "RECORD", record.toString());
        Path wheel = dir.resolve(module + "-1.0-py3-none-any.whl");
        try (OutputStream out = Files.newOutputStream(wheel);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wheel;
    }

    /** Writes an npm package folder {@code dir/<name>} whose export {@code value} is {@code value}; returns it. */
    static Path npmPackage(Path dir, String name, String value) {
        Path folder = ItEnv.createDirectories(dir.resolve(name));
        try {
            Files.writeString(
                    folder.resolve("package.json"),
                    "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
            Files.writeString(folder.resolve("index.js"), "module.exports = { value: '" + value + "' };\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
