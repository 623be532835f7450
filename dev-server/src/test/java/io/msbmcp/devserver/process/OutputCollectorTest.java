package io.msbmcp.devserver.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.devserver.api.OutputLine;
import org.junit.jupiter.api.Test;

final class OutputCollectorTest {
    private static RawLine line(String text) {
        return new RawLine(text, text.length() + 1, false);
    }

    @Test
    void snapshot_linesOfBothStreams_keepArrivalOrder() {
        OutputCollector collector = new OutputCollector(1024);

        collector.add(OutputLine.STDOUT, line("a"));
        collector.add(OutputLine.STDERR, line("b"));
        collector.add(OutputLine.STDOUT, line("c"));

        assertThat(collector.snapshot())
                .containsExactly(OutputLine.stdout("a"), OutputLine.stderr("b"), OutputLine.stdout("c"));
    }

    @Test
    void add_overBudget_dropsRestOfThatStreamAndNotesIt() {
        OutputCollector collector = new OutputCollector(4 + OutputCollector.LINE_OVERHEAD);

        collector.add(OutputLine.STDOUT, line("abc"));
        collector.add(OutputLine.STDOUT, line("d"));
        collector.add(OutputLine.STDOUT, line("e"));
        collector.add(OutputLine.STDERR, line("err"));

        assertThat(collector.snapshot()).hasSize(3).startsWith(OutputLine.stdout("abc"), OutputLine.stderr("err"));
        assertThat(collector.snapshot().get(2).stream()).isEqualTo(OutputLine.STDOUT);
        assertThat(collector.snapshot().get(2).text()).startsWith("[msb-dev-server: stdout truncated: 8 bytes");
    }

    @Test
    void add_floodOfEmptyLines_isBoundedByPerLineCharge() {
        OutputCollector collector = new OutputCollector(1024);

        for (int i = 0; i < 100_000; i++) {
            collector.add(OutputLine.STDOUT, line(""));
        }

        assertThat(collector.snapshot()).hasSize(1024 / (1 + OutputCollector.LINE_OVERHEAD) + 1);
    }

    @Test
    void add_cutLine_isDroppedAsTruncation() {
        OutputCollector collector = new OutputCollector(1024);

        collector.add(OutputLine.STDERR, new RawLine("head", 5000, true));

        assertThat(collector.snapshot()).singleElement().satisfies(note -> {
            assertThat(note.stream()).isEqualTo(OutputLine.STDERR);
            assertThat(note.text()).startsWith("[msb-dev-server: stderr truncated");
        });
    }

    @Test
    void snapshot_serverNotes_comeLast() {
        OutputCollector collector = new OutputCollector(1024);
        collector.addNote(OutputLine.stderr("Error: x"));

        collector.add(OutputLine.STDOUT, line("late"));

        assertThat(collector.snapshot()).containsExactly(OutputLine.stdout("late"), OutputLine.stderr("Error: x"));
    }
}
