package io.msbmcp.adapter.tool;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.errors.InvalidArgumentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class ArgumentValidatorTest {
    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "code": {"type": "string", "minLength": 1},
                "template": {"type": "string", "enum": ["python", "node"]},
                "session_id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$"},
                "timeout": {"type": "integer", "minimum": 1, "maximum": 3600},
                "dependencies": {"type": "array", "maxItems": 2, "items": {"type": "string", "minLength": 1}},
                "env": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                        "additionalProperties": {"type": "string"}}
              },
              "required": ["code"],
              "additionalProperties": false
            }""";

    private final ArgumentValidator validator =
            new ArgumentValidator(new ObjectMapper(), "execute_code", JsonSchemas.parse(SCHEMA));

    private static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private void assertRejects(@Nullable Map<String, Object> arguments, String field, String reason) {
        assertThatThrownBy(() -> validator.validate(arguments))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage())
                            .startsWith("Invalid argument '" + field + "': ")
                            .contains(reason);
                });
    }

    @Test
    void validate_conformingArguments_passes() {
        assertThatCode(() -> validator.validate(args(
                        "code",
                        "print(1)",
                        "template",
                        "node",
                        "session_id",
                        "a-b_c",
                        "timeout",
                        30,
                        "dependencies",
                        List.of("x"),
                        "env",
                        Map.of("A_1", "v"))))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_integralDouble_passesAsInteger() {
        assertThatCode(() -> validator.validate(args("code", "1", "timeout", 30.0)))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_nullArguments_reportsTheRequiredField() {
        assertRejects(null, "code", "is required");
    }

    @Test
    void validate_emptyArguments_reportsTheRequiredField() {
        assertRejects(Map.of(), "code", "is required");
    }

    @Test
    void validate_noArgumentsWhereNoneAreRequired_passesAndStillRejectsUnknownOnes() {
        ArgumentValidator optional = new ArgumentValidator(
                new ObjectMapper(),
                "get_sessions",
                JsonSchemas.parse("{\"type\": \"object\", \"properties\": {\"session_id\": {\"type\": \"string\"}},"
                        + " \"additionalProperties\": false}"));

        assertThatCode(() -> optional.validate((Map<String, Object>) null)).doesNotThrowAnyException();
        assertThatCode(() -> optional.validate(Map.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> optional.validate(Map.of("session", "x")))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("session"));
        assertThatThrownBy(() -> optional.validate(Map.of("session_id", 5)))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field())
                                .isEqualTo("session_id"));
    }

    @Test
    void validate_missingRequired_namesIt() {
        assertRejects(args("template", "python"), "code", "is required");
    }

    @Test
    void validate_unknownArgument_namesItAndListsTheKnownOnes() {
        assertRejects(args("code", "1", "cmd", "x"), "cmd", "its arguments are: code, dependencies, env");
    }

    @Test
    void validate_wrongType_saysWhatWasExpected() {
        assertRejects(args("code", "1", "timeout", "30"), "timeout", "must be an integer (got '30')");
        assertRejects(args("code", 5), "code", "must be a string (got 5)");
        assertRejects(args("code", "1", "timeout", 1.5), "timeout", "must be an integer");
    }

    @Test
    void validate_outOfRange_givesTheRange() {
        assertRejects(args("code", "1", "timeout", 0), "timeout", "must be between 1 and 3600 (got 0)");
        assertRejects(args("code", "1", "timeout", 99999), "timeout", "must be between 1 and 3600 (got 99999)");
    }

    @Test
    void validate_badEnum_listsTheValues() {
        assertRejects(args("code", "1", "template", "ruby"), "template", "must be one of python, node (got 'ruby')");
    }

    @Test
    void validate_badSessionId_explainsThePattern() {
        assertRejects(args("code", "1", "session_id", "-x"), "session_id", "1-48 characters");
        assertRejects(args("code", "1", "session_id", "x".repeat(49)), "session_id", "1-48 characters");
    }

    @Test
    void validate_emptyCode_saysNotEmpty() {
        assertRejects(args("code", ""), "code", "must not be empty");
    }

    @Test
    void validate_badArrayItem_namesTheIndex() {
        assertRejects(args("code", "1", "dependencies", List.of("a", "")), "dependencies[1]", "must not be empty");
        assertRejects(args("code", "1", "dependencies", List.of("a", "b", "c")), "dependencies", "at most 2 items");
    }

    @Test
    void validate_badEnv_namesTheVariable() {
        assertRejects(args("code", "1", "env", Map.of("OK", 1)), "env.OK", "must be a string");
        assertRejects(args("code", "1", "env", Map.of("9x", "v")), "env", "9x");
    }

    @Test
    void validate_severalProblems_reportsTheFirstAndCountsTheRest() {
        assertRejects(args("timeout", 0, "template", "ruby"), "code", "more problems");
    }
}
