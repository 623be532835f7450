package io.msbmcp.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and names this server announces, read from the {@code version.properties} filtered at build time. */
public final class ServerVersion {
    /** The product name shown by {@code GET /health} (the seed's wording). */
    public static final String SERVER_NAME = "MCP Server for Microsandbox";

    /** The implementation name sent in the MCP {@code initialize} result. */
    public static final String IMPLEMENTATION_NAME = "msb-mcp";

    private static final String VERSION = load();

    private ServerVersion() {}

    /** The Maven project version, e.g. {@code 1.0.0}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
