package io.msbmcp.devserver.rpc;

import io.msbmcp.devserver.api.ApiException;

/** The legacy server's rules for sandbox and namespace names, checked in its order and with its messages. */
final class NameRules {
    private NameRules() {}

    static void checkSandboxName(String name) {
        check(name, "Sandbox name", false);
    }

    /** Checks a namespace; {@code "*"} is refused (callers that accept it test for it first). */
    static void checkNamespace(String namespace) {
        check(namespace, "Namespace", true);
    }

    private static void check(String value, String subject, boolean namespace) {
        if (value.isEmpty()) {
            throw ApiException.invalidInput(subject + " cannot be empty");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            throw ApiException.invalidInput(subject + " cannot exceed 63 characters");
        }
        if (namespace && value.equals("*")) {
            throw ApiException.invalidInput("Wildcard namespace (*) is not valid for sandbox creation");
        }
        if (!value.chars().allMatch(c -> isAsciiAlphanumeric(c) || c == '-' || c == '_')) {
            throw ApiException.invalidInput(
                    subject + " can only contain alphanumeric characters, hyphens, or underscores");
        }
        if (!isAsciiAlphanumeric(value.charAt(0))) {
            throw ApiException.invalidInput(subject + " must start with an alphanumeric character");
        }
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
