package io.msbmcp.wrapper;

import io.msbmcp.errors.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A sandbox template: the image a session's sandbox runs and the language of its REPL. */
public enum Template {
    PYTHON("python", "microsandbox/python", "python"),
    NODE("node", "microsandbox/node", "nodejs");

    private final String id;
    private final String image;
    private final String replLanguage;

    Template(String id, String image, String replLanguage) {
        this.id = id;
        this.image = image;
        this.replLanguage = replLanguage;
    }

    /** The name callers use, e.g. {@code "python"}. */
    public String id() {
        return id;
    }

    /** The Microsandbox image, e.g. {@code "microsandbox/python"}. */
    public String image() {
        return image;
    }

    /** The {@code language} of {@code sandbox.repl.run}, e.g. {@code "nodejs"}. */
    public String replLanguage() {
        return replLanguage;
    }

    /** Parses a template id; unknown ids are an invalid {@code template} argument. */
    public static Template fromId(String id) {
        for (Template template : values()) {
            if (template.id.equals(id.toLowerCase(Locale.ROOT))) {
                return template;
            }
        }
        throw InvalidArgumentException.of("template", "must be one of " + ids() + " (got '" + id + "')");
    }

    /** The accepted ids, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(Template::id).collect(Collectors.joining(", "));
    }
}
