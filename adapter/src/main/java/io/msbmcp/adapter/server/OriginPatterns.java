package io.msbmcp.adapter.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The browser origins of {@code MCP_CORS_ORIGINS}: {@code *} for any, else literal origins in which {@code *} stands
 * for any run of characters (e.g. {@code http://localhost:*}). The same patterns feed Jetty's {@code
 * CrossOriginHandler} and the router's own Origin check, so the two never disagree.
 */
final class OriginPatterns {
    private final boolean any;
    private final List<Pattern> patterns;
    private final Set<String> regexes;

    OriginPatterns(List<String> origins) {
        boolean anyOrigin = false;
        List<Pattern> compiled = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        for (String origin : origins) {
            if (origin.equals("*")) {
                anyOrigin = true;
                continue;
            }
            String regex = toRegex(origin);
            sources.add(regex);
            compiled.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
        this.any = anyOrigin;
        this.patterns = List.copyOf(compiled);
        this.regexes = anyOrigin ? Set.of("*") : Set.copyOf(sources);
    }

    /** True when {@code origin} is allowed. */
    boolean matches(String origin) {
        if (any) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(origin.trim()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The patterns in the form {@code CrossOriginHandler.setAllowedOriginPatterns} takes. */
    Set<String> jettyPatterns() {
        return regexes;
    }

    private static String toRegex(String origin) {
        StringBuilder regex = new StringBuilder();
        String[] parts = origin.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return regex.toString();
    }
}
