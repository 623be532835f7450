package io.msbmcp.wrapper.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.wrapper.VolumeMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code MSB_SHARED_VOLUME_PATH}: a JSON array of {@code "host:container"} strings or a comma-separated list of
 * them. Both paths must be absolute, without {@code ..} segments; a container path may appear only once. Every bad entry
 * is a {@link ConfigurationException} naming the entry.
 */
public final class VolumeMappingParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VolumeMappingParser() {}

    public static List<VolumeMapping> parse(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        List<String> entries = trimmed.startsWith("[") ? jsonEntries(trimmed) : commaEntries(trimmed);
        List<VolumeMapping> mappings = new ArrayList<>();
        Set<String> containerPaths = new HashSet<>();
        for (String entry : entries) {
            VolumeMapping mapping = parseEntry(entry);
            if (!containerPaths.add(mapping.containerPath())) {
                throw ConfigurationException.invalidVolumeMapping(
                        entry, "container path '" + mapping.containerPath() + "' is mapped twice");
            }
            mappings.add(mapping);
        }
        return List.copyOf(mappings);
    }

    private static List<String> jsonEntries(String value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw ConfigurationException.invalidValue(
                    "MSB_SHARED_VOLUME_PATH", "not a valid JSON array (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isArray()) {
            throw ConfigurationException.invalidValue("MSB_SHARED_VOLUME_PATH", "not a valid JSON array");
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw ConfigurationException.invalidVolumeMapping(element.toString(), "must be a string");
            }
            entries.add(element.asText());
        }
        return entries;
    }

    private static List<String> commaEntries(String value) {
        List<String> entries = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            entries.add(part.trim());
        }
        return entries;
    }

    private static VolumeMapping parseEntry(String entry) {
        String trimmed = entry.trim();
        if (trimmed.isEmpty()) {
            throw ConfigurationException.invalidVolumeMapping(entry, "empty entry");
        }
        String[] parts = trimmed.split(":", -1);
        if (parts.length != 2) {
            throw ConfigurationException.invalidVolumeMapping(
                    entry, "expected exactly one ':' between host path and container path");
        }
        String host = checkPath(entry, parts[0], "host");
        String container = checkPath(entry, parts[1], "container");
        return new VolumeMapping(host, container);
    }

    private static String checkPath(String entry, String path, String side) {
        if (path.isEmpty()) {
            throw ConfigurationException.invalidVolumeMapping(entry, side + " path is empty");
        }
        if (!path.startsWith("/")) {
            throw ConfigurationException.invalidVolumeMapping(entry, side + " path '" + path + "' is not absolute");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw ConfigurationException.invalidVolumeMapping(entry, side + " path '" + path + "' contains '..'");
            }
        }
        if (path.chars().anyMatch(c -> Character.isISOControl(c) || c == ',')) {
            throw ConfigurationException.invalidVolumeMapping(
                    entry, side + " path '" + path + "' contains a control character or ','");
        }
        if (side.equals("container") && path.equals("/")) {
            throw ConfigurationException.invalidVolumeMapping(entry, "container path must not be '/'");
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
