package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.adapter.config.ServerConfigLoader;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.wrapper.config.WrapperConfigLoader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md against the code, both ways: every variable the code reads is documented, every documented
 * variable is read, and each documented default, range and example behaves as written when fed to the real loaders.
 */
@Timeout(30)
final class ConfigurationDocTest {
    private static final Pattern VARIABLE = Pattern.compile("\\b((?:MSB|MCP)_[A-Z][A-Z0-9_]*)\\b");
    private static final Pattern RANGE = Pattern.compile("^(-?\\d+)–(\\d+)$");

    /** A documented variable: its table row. */
    private record Documented(String name, String defaultCell, String rangeCell, String exampleCell) {}

    private static Map<String, Documented> documented() {
        Map<String, Documented> variables = new LinkedHashMap<>();
        for (Markdown.Table table : Markdown.read("docs/configuration.md").tablesStartingWith("variable")) {
            assertThat(table.header()).containsExactly("variable", "default", "range", "example", "meaning");
            for (Markdown.Row row : table.rows()) {
                String name = Markdown.firstCodeSpan(row.cell(0));
                assertThat(name).as("first cell of %s", row.text()).isNotNull();
                assertThat(variables.put(name, new Documented(name, row.cell(1), row.cell(2), row.cell(3))))
                        .as("%s documented twice", name)
                        .isNull();
            }
        }
        return variables;
    }

    /** Every variable name in a string literal of the product's sources, e.g. {@code "MSB_API_KEY"}. */
    private static Set<String> variablesInSources() {
        Set<String> names = new TreeSet<>();
        for (Path file : Repo.mainSources()) {
            for (String literal : JavaLiterals.strings(Repo.read(file))) {
                Matcher m = VARIABLE.matcher(literal);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The variables the two loaders declare they read. */
    private static Set<String> loaderVariables() {
        Set<String> names = new TreeSet<>(ServerConfigLoader.VARIABLES);
        names.addAll(WrapperConfigLoader.VARIABLES);
        return names;
    }

    /** Loads the configuration record a variable belongs to from {@code env}. */
    private static Function<Map<String, String>, Object> loaderOf(String variable) {
        if (ServerConfigLoader.VARIABLES.contains(variable)) {
            return ServerConfigLoader::from;
        }
        if (WrapperConfigLoader.VARIABLES.contains(variable)) {
            return WrapperConfigLoader::from;
        }
        throw new AssertionError(variable + " is read by neither ServerConfigLoader nor WrapperConfigLoader");
    }

    @Test
    void everyVariableTheCodeReads_isDocumented() {
        Set<String> read = loaderVariables();
        read.addAll(variablesInSources());

        assertThat(documented().keySet())
                .as("variables read by the code (loaders' VARIABLES and string literals in */src/main/java)")
                .containsAll(read);
    }

    @Test
    void everyDocumentedVariable_isReadByALoader() {
        assertThat(loaderVariables())
                .as("variables documented in docs/configuration.md")
                .containsAll(documented().keySet());
    }

    @Test
    void sourceLiterals_nameOnlyVariablesTheLoadersRead() {
        assertThat(loaderVariables())
                .as("variable names in string literals of the sources")
                .containsAll(variablesInSources());
    }

    @Test
    void documentedDefaults_areTheDefaults() {
        for (Documented variable : documented().values()) {
            Function<Map<String, String>, Object> loader = loaderOf(variable.name());
            Object defaults = loader.apply(Map.of());
            String value = Markdown.firstCodeSpan(variable.defaultCell());
            if (variable.defaultCell().startsWith("unset")) {
                assertThat(loader.apply(Map.of(variable.name(), "")))
                        .as("%s empty", variable.name())
                        .isEqualTo(defaults);
                continue;
            }
            assertThat(value)
                    .as("default of %s: a code span or 'unset'", variable.name())
                    .isNotNull();
            assertThat(loader.apply(Map.of(variable.name(), value)))
                    .as("%s=%s must give the same configuration as leaving it unset", variable.name(), value)
                    .isEqualTo(defaults);
        }
    }

    @Test
    void documentedExamples_areAcceptedAndChangeTheConfiguration() {
        for (Documented variable : documented().values()) {
            if (variable.name().endsWith("_FILE")) {
                continue; // the example names a file of the target machine; AuthTokensTest reads a real one
            }
            Function<Map<String, String>, Object> loader = loaderOf(variable.name());
            String example = Markdown.firstCodeSpan(variable.exampleCell());
            assertThat(example).as("example of %s", variable.name()).isNotNull();

            Object loaded = loader.apply(Map.of(variable.name(), example));

            assertThat(loaded)
                    .as("%s=%s must differ from the default configuration", variable.name(), example)
                    .isNotEqualTo(loader.apply(Map.of()));
        }
    }

    @Test
    void documentedRanges_areTheBoundsTheLoadersEnforce() {
        int numeric = 0;
        for (Documented variable : documented().values()) {
            Function<Map<String, String>, Object> loader = loaderOf(variable.name());
            Matcher range = RANGE.matcher(variable.rangeCell());
            if (range.find()) {
                numeric++;
                long min = Long.parseLong(range.group(1));
                long max = Long.parseLong(range.group(2));
                for (long ok : List.of(min, max)) {
                    assertThatCode(() -> loader.apply(Map.of(variable.name(), Long.toString(ok))))
                            .as("%s=%d is inside the documented range", variable.name(), ok)
                            .doesNotThrowAnyException();
                }
                for (long bad : List.of(min - 1, max + 1)) {
                    assertThatThrownBy(
                                    () -> loader.apply(Map.of(variable.name(), Long.toString(bad))),
                                    "%s=%d is outside the documented range",
                                    variable.name(),
                                    bad)
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining(variable.name());
                }
            } else if (variable.rangeCell().startsWith("one of ")) {
                for (String value : Markdown.codeSpans(variable.rangeCell())) {
                    assertThatCode(() -> loader.apply(Map.of(variable.name(), value)))
                            .as("%s=%s is a documented value", variable.name(), value)
                            .doesNotThrowAnyException();
                }
            }
        }
        assertThat(numeric).as("variables with a numeric range").isGreaterThan(10);
    }

    /** The flags of the documented flags table, e.g. {@code --host} from {@code `--host HOST`}. */
    private static Map<String, Markdown.Row> documentedFlags() {
        Map<String, Markdown.Row> flags = new LinkedHashMap<>();
        List<Markdown.Table> tables = Markdown.read("docs/configuration.md").tablesStartingWith("flag");
        assertThat(tables).hasSize(1);
        for (Markdown.Row row : tables.get(0).rows()) {
            for (String span : Markdown.codeSpans(row.cell(0))) {
                flags.put(span.split(" ")[0], row);
            }
        }
        return flags;
    }

    /** picocli's model of the real {@code msb-mcp} command. */
    private static CommandLine command() throws ReflectiveOperationException {
        Class<?> command = Class.forName("io.msbmcp.adapter.cli.ServerCommand");
        Class<?> runner = Class.forName("io.msbmcp.adapter.cli.ServerCommand$ServerRunner");
        Object neverRuns = Proxy.newProxyInstance(runner.getClassLoader(), new Class<?>[] {runner}, (p, m, a) -> {
            throw new AssertionError("the server must not run");
        });
        Constructor<?> constructor = command.getDeclaredConstructor(Map.class, runner);
        constructor.setAccessible(true);
        return new CommandLine(constructor.newInstance(Map.of(), neverRuns));
    }

    private static Set<String> flagsOfTheCommand() throws ReflectiveOperationException {
        Set<String> flags = new TreeSet<>();
        for (OptionSpec option : command().getCommandSpec().options()) {
            flags.addAll(List.of(option.names()));
        }
        return flags;
    }

    @Test
    void everyFlag_isDocumented() throws Exception {
        assertThat(documentedFlags().keySet()).containsAll(flagsOfTheCommand());
    }

    @Test
    void everyDocumentedFlag_exists() throws Exception {
        assertThat(flagsOfTheCommand()).containsAll(documentedFlags().keySet());
    }

    @Test
    void flagsTable_namesDocumentedVariables() {
        Set<String> variables = documented().keySet();
        for (Markdown.Row row : documentedFlags().values()) {
            for (String span : Markdown.codeSpans(row.cell(1))) {
                assertThat(variables).as("variable set by %s", row.cell(0)).contains(span);
            }
        }
    }

    @Test
    void help_namesEveryVariableAndAnExistingPage() throws Exception {
        String help = command().getUsageMessage();

        assertThat(help).contains(loaderVariables());
        Matcher page = Pattern.compile("docs/[a-z-]+\\.md").matcher(help);
        assertThat(page.find()).as("--help points to a docs page").isTrue();
        assertThat(Repo.path(page.group())).as("page named by --help").isRegularFile();
        assertThat(page.group()).isEqualTo("docs/configuration.md");
    }
}
