package io.msbmcp.errors;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A failure of msb-mcp or of its Microsandbox backend, as opposed to the user's code failing (which is a normal result).
 *
 * <p>Every instance has a stable {@link ErrorCode}, a message that names its subject in quotes, recovery suggestions
 * specific to the case and a context map. Messages and context never contain secrets, stack traces or another
 * session's data. Instances are made by the named factories of the subclasses; nothing logs on construction.
 */
public abstract sealed class MsbException extends RuntimeException
        permits ResourceLimitException,
                ConfigurationException,
                SandboxCreationException,
                CodeExecutionException,
                CommandExecutionException,
                SessionNotFoundException,
                ConnectionException,
                InvalidArgumentException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<String> recoverySuggestions;
    private final transient Map<String, Object> context;

    MsbException(
            ErrorCode code,
            String message,
            List<String> recoverySuggestions,
            Map<String, ?> context,
            @Nullable Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.code = requireNonNull(code, "code");
        this.recoverySuggestions = List.copyOf(recoverySuggestions);
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** The stable error code, e.g. {@link ErrorCode#SESSION_NOT_FOUND}. */
    public final ErrorCode code() {
        return code;
    }

    /** The JSON-RPC error code this failure is answered with. */
    public final int jsonRpcCode() {
        return code.jsonRpcCode();
    }

    public final ErrorCategory category() {
        return code.category();
    }

    public final Severity severity() {
        return code.severity();
    }

    /** What the caller can do about it, most useful first. */
    public final List<String> recoverySuggestions() {
        return recoverySuggestions;
    }

    /** Facts about the case (ids, limits, names), safe to show to the caller. */
    public final Map<String, Object> context() {
        return context;
    }

    /**
     * The JSON-RPC error {@code data} object: {@code error_code}, {@code category}, {@code severity}, {@code
     * recovery_suggestions} and {@code context}, in that order.
     */
    public final Map<String, Object> errorData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error_code", code.name());
        data.put("category", category().wireName());
        data.put("severity", severity().wireName());
        data.put("recovery_suggestions", recoverySuggestions);
        data.put("context", context);
        return Collections.unmodifiableMap(data);
    }

    /** Builds a context map from alternating keys and values, skipping null values. */
    static Map<String, Object> context(@Nullable Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                map.put(String.valueOf(keysAndValues[i]), value);
            }
        }
        return map;
    }
}
