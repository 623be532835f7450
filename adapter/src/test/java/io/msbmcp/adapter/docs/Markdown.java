package io.msbmcp.adapter.docs;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown page the doc tests read: tables (with the headings they sit under), fenced code blocks,
 * links and heading anchors. Only the GitHub-flavoured subset these docs use.
 */
final class Markdown {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    /** One row of a table: its cells (trimmed), and the headings above the table. */
    record Row(List<String> cells, String h2, String h3) {
        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        /** The row as one line, for "mentions" checks and messages. */
        String text() {
            return String.join(" | ", cells);
        }
    }

    /** A table: its header cells and its body rows. */
    record Table(List<String> header, List<Row> rows, String h2, String h3) {}

    /** A fenced code block and its info string (e.g. {@code bash}). */
    record CodeBlock(String info, String body) {}

    private final String text;
    private final List<Table> tables = new ArrayList<>();
    private final List<CodeBlock> codeBlocks = new ArrayList<>();
    private final List<String> headings = new ArrayList<>();

    private Markdown(String text) {
        this.text = text;
        parse();
    }

    static Markdown of(String text) {
        return new Markdown(text);
    }

    static Markdown read(String relativePath) {
        return of(Repo.read(relativePath));
    }

    List<Table> tables() {
        return tables;
    }

    /** Tables whose first header cell is {@code firstHeader} (case-insensitive). */
    List<Table> tablesStartingWith(String firstHeader) {
        return tables.stream()
                .filter(t -> t.header().get(0).equalsIgnoreCase(firstHeader))
                .toList();
    }

    List<CodeBlock> codeBlocks() {
        return codeBlocks;
    }

    List<String> headings() {
        return headings;
    }

    /** The text outside fenced code blocks. */
    String prose() {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                prose.append(line).append('\n');
            }
        }
        return prose.toString();
    }

    /** The targets of every inline link outside code blocks, e.g. {@code docs/errors.md#error-codes}. */
    List<String> links() {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(prose());
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** The anchors GitHub makes for the page's headings. */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        for (String heading : headings) {
            String slug = slug(heading);
            String anchor = slug;
            for (int i = 1; !anchors.add(anchor); i++) {
                anchor = slug + "-" + i;
            }
        }
        return anchors;
    }

    /** The contents of every code span ({@code `…`}) in {@code text}. */
    static List<String> codeSpans(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** The first code span in {@code text}, or null. */
    static String firstCodeSpan(String text) {
        List<String> spans = codeSpans(text);
        return spans.isEmpty() ? null : spans.get(0);
    }

    /** GitHub's heading anchor: lower case, markup and punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        String plain = heading.replaceAll("`", "")
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .toLowerCase(Locale.ROOT);
        plain = Normalizer.normalize(plain, Normalizer.Form.NFC);
        StringBuilder slug = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.append(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        }
        return slug.toString();
    }

    private void parse() {
        String h2 = "";
        String h3 = "";
        boolean fenced = false;
        String fenceInfo = "";
        StringBuilder fenceBody = new StringBuilder();
        List<String> tableLines = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.stripLeading().startsWith("```")) {
                if (fenced) {
                    codeBlocks.add(new CodeBlock(fenceInfo, fenceBody.toString()));
                    fenceBody.setLength(0);
                } else {
                    flushTable(tableLines, h2, h3);
                    fenceInfo = line.stripLeading().substring(3).trim();
                }
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                fenceBody.append(raw).append('\n');
                continue;
            }
            if (line.startsWith("|")) {
                tableLines.add(line);
                continue;
            }
            flushTable(tableLines, h2, h3);
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int level = heading.group(1).length();
                String title = heading.group(2);
                headings.add(title);
                if (level <= 2) {
                    h2 = title;
                    h3 = "";
                } else if (level == 3) {
                    h3 = title;
                }
            }
        }
        flushTable(tableLines, h2, h3);
    }

    private void flushTable(List<String> lines, String h2, String h3) {
        if (lines.size() >= 2 && lines.get(1).matches("^\\|[\\s:|-]+\\|?$")) {
            List<String> header = cells(lines.get(0));
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(2, lines.size())) {
                rows.add(new Row(cells(line), h2, h3));
            }
            tables.add(new Table(header, rows, h2, h3));
        }
        lines.clear();
    }

    /** Splits a table line on its unescaped pipes, as GitHub does (also inside code spans, so escape those). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        String body = line.strip();
        if (body.startsWith("|")) {
            body = body.substring(1);
        }
        if (body.endsWith("|") && !body.endsWith("\\|")) {
            body = body.substring(0, body.length() - 1);
        }
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
