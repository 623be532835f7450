package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.devserver.api.ApiException;
import io.msbmcp.devserver.sandbox.SandboxManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/rpc} once the body is known to be JSON: the envelope checks, the dispatch, and the two error
 * shapes of the legacy server (JSON-RPC errors only for a bad {@code jsonrpc} and an unknown method, plain {@code
 * {"error","code"}} bodies for everything that fails inside a method).
 */
public final class RpcEndpoint {
    private static final Logger logger = LoggerFactory.getLogger(RpcEndpoint.class);
    private static final String VERSION = "2.0";

    private final ObjectMapper mapper;
    private final Map<String, RpcMethod> methods;

    public RpcEndpoint(SandboxManager sandboxes, ObjectMapper mapper) {
        this.mapper = mapper;
        this.methods = List.of(
                        new SandboxStartMethod(sandboxes),
                        new SandboxStopMethod(sandboxes),
                        new SandboxMetricsMethod(sandboxes),
                        new ReplRunMethod(sandboxes),
                        new CommandRunMethod(sandboxes))
                .stream()
                .collect(Collectors.toUnmodifiableMap(RpcMethod::name, Function.identity()));
    }

    /** Answers one request body. Throws {@link InterruptedException} when the server shuts down under it. */
    public Reply handle(JsonNode body) throws InterruptedException {
        RpcRequest request;
        try {
            request = RpcRequest.parse(body);
        } catch (RpcRequest.EnvelopeException e) {
            return e.reply();
        }
        if (!VERSION.equals(request.jsonrpc())) {
            return rpcError(400, -32600, "Invalid or missing jsonrpc version field", request.id());
        }
        RpcMethod method = methods.get(request.method());
        if (method == null) {
            return rpcError(404, -32601, "Method not found: " + request.method(), request.id());
        }
        long started = System.nanoTime();
        Reply reply = invoke(method, request);
        logger.info(
                "{} {} -> {} ({} ms)",
                request.method(),
                target(request.params()),
                reply.status(),
                (System.nanoTime() - started) / 1_000_000);
        return reply;
    }

    private Reply invoke(RpcMethod method, RpcRequest request) throws InterruptedException {
        try {
            Object result = method.call(request.params());
            ObjectNode envelope = mapper.createObjectNode();
            envelope.put("jsonrpc", VERSION);
            envelope.set("result", mapper.valueToTree(result));
            if (request.id() != null) {
                envelope.set("id", request.id());
            }
            return json(200, envelope);
        } catch (ApiException e) {
            if (e.isValidation()) {
                logger.debug("{} refused: {}", method.name(), e.getMessage());
            } else {
                logger.warn("{} failed: {}", method.name(), e.getMessage(), e.getCause());
            }
            return plainError(e.httpStatus(), e.publicMessage(), e.errorCode());
        } catch (RuntimeException e) {
            logger.error("{} failed unexpectedly", method.name(), e);
            return plainError(500, ApiException.INTERNAL_MESSAGE, 5002);
        }
    }

    private Reply rpcError(int status, int code, String message, @Nullable JsonNode id) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("jsonrpc", VERSION);
        ObjectNode error = envelope.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (id != null) {
            envelope.set("id", id);
        }
        return json(status, envelope);
    }

    private Reply plainError(int status, String message, int code) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", message);
        body.put("code", code);
        return json(status, body);
    }

    private Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, Reply.JSON, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a response", e);
        }
    }

    private static String target(JsonNode params) {
        JsonNode namespace = params.get("namespace");
        JsonNode sandbox = params.get("sandbox");
        return (namespace == null ? "-" : namespace.asText()) + "/" + (sandbox == null ? "-" : sandbox.asText());
    }
}
