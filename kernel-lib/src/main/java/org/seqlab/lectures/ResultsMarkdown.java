package org.seqlab.lectures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;
import org.seqlab.experiment.run.Provenance;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The committed results file of a lecture ({@code experiments/rnn/RESULTS.md}), refreshed by the
 * notebooks themselves at full size, so the figures in the repository are exactly those of the
 * last full run. Each notebook owns one section between HTML comment markers and replaces only
 * that, so two notebooks share the file without overwriting each other's tables.
 */
public final class ResultsMarkdown {
    private static final Pattern SECTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ResultsMarkdown() {}

    /** A GitHub-flavoured Markdown table; numbers with 4 significant digits, '|' escaped. */
    public static String table(Table t) {
        StringBuilder b = new StringBuilder();
        b.append('|');
        for (Column<?> c : t.columns()) {
            b.append(' ').append(escape(c.name())).append(" |");
        }
        b.append("\n|");
        for (Column<?> c : t.columns()) {
            b.append(c.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT") ? "---:|" : "---|");
        }
        b.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            b.append('|');
            for (Column<?> c : t.columns()) {
                Object v = c.get(r);
                String s = v instanceof Double d ? format(d) : v instanceof Float f ? format(f) : String.valueOf(v);
                b.append(' ').append(escape(s)).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Commit (and whether the tree was dirty), date, CPU, cores and thread settings, Java and ND4J. */
    public static String provenance() {
        Map<String, Object> p = Provenance.collect();
        return "commit `" + p.get("git-commit") + "`" + ("true".equals(p.get("git-dirty")) ? " (uncommitted changes)" : "")
                + ", " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))
                + ", " + p.get("cpu") + ", " + p.get("cores") + " cores, OMP_NUM_THREADS=" + p.get("OMP_NUM_THREADS")
                + ", Java " + p.get("java") + ", ND4J " + p.get("nd4j");
    }

    /**
     * Replaces (or appends) the section {@code name} of {@code file} with {@code markdown},
     * creating the file with {@code title} as its heading when missing. Written to a temporary
     * file and moved into place, so an interrupted notebook never leaves half a file.
     */
    public static void writeSection(Path file, String title, String name, String markdown) {
        if (!SECTION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("results section name must be letters, digits, '.', '_' or '-': '" + name + "'");
        }
        String begin = "<!-- BEGIN " + name + " -->";
        String end = "<!-- END " + name + " -->";
        try {
            String old = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# " + title + "\n";
            String block = begin + "\n" + markdown.strip() + "\n" + end;
            int i = old.indexOf(begin);
            int j = old.indexOf(end);
            String updated;
            if (i >= 0 && j > i) {
                updated = old.substring(0, i) + block + old.substring(j + end.length());
            } else if (i >= 0 || j >= 0) {
                throw new IllegalStateException(file + ": section '" + name + "' has only one of its two markers; fix the file by hand");
            } else {
                updated = old.stripTrailing() + "\n\n" + block + "\n";
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".results", ".tmp");
            Files.writeString(tmp, updated, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return String.valueOf((long) d);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", d);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
