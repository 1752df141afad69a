package org.seqlab.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.Provenance;
import org.seqlab.io.AtomicFile;
import org.seqlab.notebook.Project;
import org.seqlab.notebook.Size;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The claims of one notebook, judged as its cells run and published by one call: {@link #publish}
 * writes {@code reports/NAME.claims.json} (read by the report index, which links each claim to
 * {@code NAME.html#claim-<id>}) and, at full size, the notebook's own section of a committed
 * {@code RESULTS.md}, between {@code <!-- BEGIN NAME -->} and {@code <!-- END NAME -->}, so
 * notebooks sharing the file never overwrite each other. Both files are written atomically.
 *
 * <pre>{@code
 * var claims = NotebookClaims.of("01-bptt");
 * claims.judge(Claim.named("bptt.clipping-rescues")...build(), run.results());   // shows a card
 * claims.publish("experiments/rnn/RESULTS.md", lagSummary, clipSummary);
 * }</pre>
 */
public final class NotebookClaims {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String notebook;
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();

    private NotebookClaims(String notebook) {
        if (!NAME.matcher(notebook).matches()) {
            throw new IllegalArgumentException("notebook name must be letters, digits, '.', '_' or '-': '" + notebook + "'");
        }
        this.notebook = notebook;
    }

    /** {@code notebook} is the file name without {@code .ipynb}. */
    public static NotebookClaims of(String notebook) {
        return new NotebookClaims(notebook);
    }

    /** Judges a comparison claim on a long results table and keeps the verdict (returned, so the cell shows its card). */
    public Verdict judge(Claim claim, Table results) {
        return add(claim.judge(results));
    }

    /** Judges an exact claim and keeps the verdict. */
    public Verdict judge(Claim claim) {
        return add(claim.judge());
    }

    /** Keeps a verdict; judging a claim again (a cell run twice) replaces the earlier one. */
    public Verdict add(Verdict v) {
        verdicts.put(v.claim().id(), v);
        return v;
    }

    public List<Verdict> verdicts() {
        return List.copyOf(verdicts.values());
    }

    /** The claims file's content (see the shared contract in the report index). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notebook", notebook);
        m.put("claims", verdicts.values().stream().map(Verdict::toMap).toList());
        return Json.write(m);
    }

    /**
     * Writes the claims file under {@link Project#reports()} and, at full size
     * ({@link Size#current()}), this notebook's section of {@code resultsFile} (relative to the
     * project root) with the provenance, the verdicts and {@code tables} (each headed by its name).
     * Returns a line saying what was written.
     */
    public String publish(String resultsFile, Table... tables) {
        return publish(Project.reports(), Project.resolve(resultsFile), Size.current() == Size.FULL, tables);
    }

    /** {@link #publish(String, Table...)} with every place and the size decision explicit (for tests). */
    public String publish(Path reportsDir, Path resultsFile, boolean writeResults, Table... tables) {
        Path json = reportsDir.resolve(notebook + ".claims.json");
        try {
            Files.createDirectories(reportsDir);
            AtomicFile.writeString(json, AtomicFile.Durability.SYNCED, toJson());
            if (!writeResults) {
                return "wrote " + json + " (" + verdicts.size() + " claims); " + resultsFile.getFileName()
                        + " is refreshed only at full size (./seqlab reproduce --full)";
            }
            writeSection(resultsFile, "Seqlab results", notebook, markdown(tables));
            return "wrote " + json + " (" + verdicts.size() + " claims) and the " + notebook + " section of " + resultsFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the claims of " + notebook + ": " + e.getMessage(), e);
        }
    }

    /** The RESULTS.md section: heading, provenance, one row per claim, then the tables. */
    String markdown(Table... tables) {
        StringBuilder b = new StringBuilder("## `notebooks/").append(notebook).append(".ipynb` at full size\n\n");
        b.append(provenance()).append("\n\n### Claims\n\n");
        b.append("| claim | verdict | evidence | source |\n|---|---|---|---|\n");
        for (Verdict v : verdicts.values()) {
            b.append("| ").append(cell(v.claim().statement())).append(" (`").append(v.claim().id()).append("`) | **")
                    .append(v.outcome().json()).append("** | ").append(cell(v.evidence())).append(" | ")
                    .append(cell(v.claim().source())).append(" |\n");
        }
        for (Table t : tables) {
            b.append("\n### ").append(t.name()).append("\n\n").append(table(t));
        }
        return b.toString();
    }

    /** Commit (and whether the tree was dirty), date, CPU, cores and thread settings, Java and ND4J. */
    static String provenance() {
        Map<String, Object> p = Provenance.collect();
        return "commit `" + p.get("git-commit") + "`" + ("true".equals(String.valueOf(p.get("git-dirty"))) ? " (uncommitted changes)" : "")
                + ", " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))
                + ", " + p.get("cpu") + ", " + p.get("cores") + " cores, OMP_NUM_THREADS=" + p.get("OMP_NUM_THREADS")
                + ", Java " + p.get("java") + ", ND4J " + p.get("nd4j");
    }

    /** A GitHub-flavoured Markdown table; doubles with 4 significant digits, '|' escaped. */
    static String table(Table t) {
        StringBuilder b = new StringBuilder("|");
        for (Column<?> c : t.columns()) {
            b.append(' ').append(cell(c.name())).append(" |");
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
                b.append(' ').append(cell(v instanceof Double d ? Verdict.num4(d) : String.valueOf(v))).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Replaces (or appends) the section {@code name} of {@code file}, creating the file with
     * {@code title} as its heading when missing; a file with only one of the two markers is an error.
     */
    static void writeSection(Path file, String title, String name, String markdown) throws IOException {
        String begin = "<!-- BEGIN " + name + " -->";
        String end = "<!-- END " + name + " -->";
        String old = Files.isRegularFile(file) ? Files.readString(file) : "# " + title + "\n";
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
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.writeString(file, AtomicFile.Durability.SYNCED, updated);
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
