package io.msbmcp.adapter.config;

import io.msbmcp.errors.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads named principals and their bearer tokens: {@code MCP_AUTH_TOKENS} and the file {@code MCP_AUTH_TOKENS_FILE}
 * hold {@code name:token} pairs separated by commas or new lines (blank lines and lines starting with {@code #} are
 * skipped). A name is 1-64 characters of {@code [A-Za-z0-9_.-]}; a token has at least 16 characters and no spaces,
 * commas or control characters. Names and tokens must be unique. The file must not be readable or writable by group
 * or others (as for an SSH key): a file that is refuses to start. Error messages never show a token.
 */
final class AuthTokens {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final int MIN_TOKEN_LENGTH = 16;

    private AuthTokens() {}

    /** Parses the pairs of {@code text}; {@code source} names the variable or file in errors. */
    static Map<String, String> parse(String source, String text, Map<String, String> into) {
        for (String raw : text.split("[,\\n]")) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw ConfigurationException.invalidValue(
                        source, "each entry must be name:token (an entry has no name; tokens not shown)");
            }
            String name = entry.substring(0, colon).strip();
            String token = entry.substring(colon + 1).strip();
            if (!NAME.matcher(name).matches()) {
                throw ConfigurationException.invalidValue(
                        source,
                        "principal name '" + abbreviate(name) + "' must be 1-64 characters of A-Z a-z 0-9 _ . -");
            }
            if (token.length() < MIN_TOKEN_LENGTH
                    || token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw ConfigurationException.invalidValue(
                        source,
                        "the token of '" + name + "' must have at least " + MIN_TOKEN_LENGTH
                                + " characters and no spaces or control characters (value not shown)");
            }
            if (into.containsKey(name)) {
                throw ConfigurationException.invalidValue(source, "principal '" + name + "' is listed twice");
            }
            if (into.containsValue(token)) {
                throw ConfigurationException.invalidValue(
                        source, "the token of '" + name + "' is also another principal's token (value not shown)");
            }
            into.put(name, token);
        }
        return into;
    }

    /** Reads {@code MCP_AUTH_TOKENS_FILE}: refuses a missing or empty file and one that group or others may read. */
    static Map<String, String> readFile(String variable, String path, Map<String, String> into) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw ConfigurationException.invalidValue(variable, "'" + path + "' is not a readable file");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw ConfigurationException.invalidValue(
                        variable,
                        "'" + path + "' is readable or writable by group or others; make it readable by the service"
                                + " only (chmod 600)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw ConfigurationException.invalidValue(variable, "'" + path + "' cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigurationException.invalidValue(variable, "'" + path + "' cannot be read: " + e.getMessage());
        }
        int before = into.size();
        parse(variable, text, into);
        if (into.size() == before) {
            throw ConfigurationException.invalidValue(variable, "'" + path + "' lists no name:token pair");
        }
        return into;
    }

    static Map<String, String> empty() {
        return new LinkedHashMap<>();
    }

    private static String abbreviate(String value) {
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 40 ? clean.substring(0, 37) + "..." : clean;
    }
}
