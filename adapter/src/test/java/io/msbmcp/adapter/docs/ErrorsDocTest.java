package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.errors.MsbException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/errors.md against the code, both ways: every {@link ErrorCode} constant with its JSON-RPC code, category and
 * severity, and every named factory of every {@link MsbException} subclass listed under the code it raises.
 */
@Timeout(30)
final class ErrorsDocTest {
    private static final Pattern FACTORY = Pattern.compile("^([A-Z][A-Za-z]+Exception)\\.([a-z][A-Za-z]*)$");

    private static final Markdown DOC = Markdown.read("docs/errors.md");

    private static Map<String, Markdown.Row> codeTable() {
        Map<String, Markdown.Row> rows = new LinkedHashMap<>();
        List<Markdown.Table> tables = DOC.tablesStartingWith("error_code");
        assertThat(tables).hasSize(1);
        for (Markdown.Row row : tables.get(0).rows()) {
            rows.put(Markdown.firstCodeSpan(row.cell(0)), row);
        }
        return rows;
    }

    /** "Class.method" of every public static factory, by the code of what it makes. */
    private static Map<String, Set<String>> factoriesInCode() throws ReflectiveOperationException {
        Map<String, Set<String>> factories = new TreeMap<>();
        for (Class<?> type : MsbException.class.getPermittedSubclasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())
                        && Modifier.isStatic(method.getModifiers())
                        && type.isAssignableFrom(method.getReturnType())) {
                    MsbException made = (MsbException) method.invoke(null, sampleArguments(method));
                    factories
                            .computeIfAbsent(made.code().name(), k -> new TreeSet<>())
                            .add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        return factories;
    }

    private static Object[] sampleArguments(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .map(type -> {
                    if (type == String.class) {
                        return "x";
                    } else if (type == int.class) {
                        return 1;
                    } else if (type == long.class) {
                        return 1L;
                    } else if (type == boolean.class) {
                        return true;
                    } else if (type == Duration.class) {
                        return Duration.ofSeconds(1);
                    } else if (type == List.class) {
                        return List.of("x");
                    }
                    throw new AssertionError("no sample value for a " + type + " parameter of " + method);
                })
                .toArray();
    }

    /** "Class.method" of every case row, by the H3 heading (the error code) it sits under. */
    private static Map<String, Set<String>> factoriesInDoc() {
        Map<String, Set<String>> factories = new TreeMap<>();
        for (Markdown.Table table : DOC.tablesStartingWith("case")) {
            String code = table.h3().replace("`", "");
            for (Markdown.Row row : table.rows()) {
                String factory = Markdown.firstCodeSpan(row.cell(0));
                assertThat(factory).as("case %s", row.text()).matches(FACTORY);
                factories.computeIfAbsent(code, k -> new TreeSet<>()).add(factory);
            }
        }
        return factories;
    }

    @Test
    void everyErrorCode_isInTheTable_andViceVersa() {
        Set<String> codes = new TreeSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.name());
        }

        assertThat(codeTable().keySet()).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void tableRows_showTheCodesJsonRpcCodeCategoryAndSeverity() {
        Map<String, Markdown.Row> rows = codeTable();
        for (ErrorCode code : ErrorCode.values()) {
            Markdown.Row row = rows.get(code.name());

            assertThat(row.cells().subList(1, 4))
                    .as("JSON-RPC code, category, severity of %s", code)
                    .containsExactly(
                            Integer.toString(code.jsonRpcCode()),
                            code.category().wireName(),
                            code.severity().wireName());
        }
    }

    @Test
    void everyFactory_isACaseUnderItsCode_andViceVersa() throws Exception {
        assertThat(factoriesInDoc()).isEqualTo(factoriesInCode());
    }

    @Test
    void everyCodeHasACasesSection() {
        Set<String> sections = new TreeSet<>();
        for (Markdown.Table table : DOC.tablesStartingWith("case")) {
            sections.add(table.h3().replace("`", ""));
        }

        assertThat(sections).containsExactlyInAnyOrderElementsOf(codeTable().keySet());
    }

    @Test
    void internalErrorCode_isDocumented() {
        assertThat(DOC.headings())
                .anySatisfy(heading -> assertThat(heading).contains("`" + ErrorMapper.INTERNAL_ERROR + "`"));
    }

    @Test
    void exceptionClassesNamedInTheDoc_exist() {
        Set<String> classes = new TreeSet<>();
        for (Class<?> type : MsbException.class.getPermittedSubclasses()) {
            classes.add(type.getSimpleName());
        }
        Matcher m = Pattern.compile("\\b([A-Z][A-Za-z]+Exception)\\b").matcher(DOC.prose());
        while (m.find()) {
            assertThat(classes).as("exception named in docs/errors.md").contains(m.group(1));
        }
    }
}
