package io.msbmcp.errors;

import java.util.List;

/** {@code sandbox.start} failed: bad image, resources, or an error of the Microsandbox server. */
public final class SandboxCreationException extends MsbException {
    private static final long serialVersionUID = 1L;

    private SandboxCreationException(String message, List<String> suggestions, java.util.Map<String, ?> context) {
        super(ErrorCode.SANDBOX_CREATION_ERROR, message, suggestions, context, null);
    }

    /** The server answered the start request with an error. */
    public static SandboxCreationException startFailed(
            String sessionId, String sandboxName, String image, String flavor, String detail) {
        return new SandboxCreationException(
                "Failed to start sandbox '" + sandboxName + "' for session '" + sessionId + "': " + detail,
                List.of(
                        "Retry the call: the session will be created again",
                        "Check that the image '" + image + "' is available to the Microsandbox server (msb pull "
                                + image + ")",
                        "Try a smaller flavor if the host is short of memory or CPUs",
                        "Look at the Microsandbox server log (msb server log) for the cause"),
                context(
                        "session_id",
                        sessionId,
                        "sandbox_name",
                        sandboxName,
                        "image",
                        image,
                        "flavor",
                        flavor,
                        "detail",
                        detail));
    }
}
