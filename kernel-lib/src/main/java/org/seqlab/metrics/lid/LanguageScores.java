package org.seqlab.metrics.lid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.seqlab.io.AtomicFile;
import org.seqlab.io.InputFileException;
import org.seqlab.io.TextLines;

/**
 * A language-recognition score table: one row per test utterance with its true language and one
 * score per target language (a log-likelihood ratio or anything where higher means more likely).
 * As a file (TSV, UTF-8):
 *
 * <pre>
 * utterance  language  L1   L2   ...
 * utt-001    L2        -1.3 2.4  ...
 * </pre>
 *
 * <p>Checked when built, so that every metric is defined: at least two language columns, unique
 * names, unique utterances, every true language is a column, every column has at least one row of
 * its language (else its miss rate is 0/0), every score finite (a NaN or an infinity cannot be
 * ordered against a threshold the way the definitions assume). A file's problems name the line.
 */
public final class LanguageScores {
    static final String UTTERANCE = "utterance";
    static final String LANGUAGE = "language";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String source;
    private final List<String> languages;
    private final List<String> utterances;
    private final int[] truth;
    private final double[][] scores;

    private LanguageScores(String source, List<String> languages, List<String> utterances, int[] truth, double[][] scores) {
        this.source = source;
        this.languages = List.copyOf(languages);
        this.utterances = List.copyOf(utterances);
        this.truth = truth;
        this.scores = scores;
    }

    /**
     * A table made in memory (a model's test scores); {@code source} names it in error messages.
     * {@code truth[r]} is the index of row r's language in {@code languages}; {@code scores[r]}
     * holds one score per language. The arrays are copied.
     */
    public static LanguageScores of(String source, List<String> languages, List<String> utterances, int[] truth,
            double[][] scores) {
        if (utterances.size() != truth.length || truth.length != scores.length) {
            throw new IllegalArgumentException(source + ": " + utterances.size() + " utterances, " + truth.length
                    + " true languages and " + scores.length + " score rows");
        }
        checkLanguages(source, 0, languages);
        int n = languages.size();
        double[][] copy = new double[scores.length][];
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 0; r < scores.length; r++) {
            if (truth[r] < 0 || truth[r] >= n) {
                throw new InputFileException(source, 0, "row " + r + ": true language index " + truth[r] + " is not one of the "
                        + n + " columns");
            }
            if (scores[r].length != n) {
                throw new InputFileException(source, 0, "row " + r + ": " + scores[r].length + " scores for " + n + " languages");
            }
            for (int l = 0; l < n; l++) {
                if (!Double.isFinite(scores[r][l])) {
                    throw new InputFileException(source, 0, "row " + r + ", " + languages.get(l) + ": score " + scores[r][l]
                            + " is not a finite number");
                }
            }
            Integer first = seen.putIfAbsent(utterances.get(r), r);
            if (first != null) {
                throw new InputFileException(source, 0, "duplicate utterance '" + utterances.get(r) + "' (rows " + first + " and " + r + ")");
            }
            copy[r] = scores[r].clone();
            for (int l = 0; l < n; l++) {
                copy[r][l] += 0.0;  // -0.0 becomes 0.0: thresholds compare numbers, not bit patterns
            }
        }
        checkTrials(source, 0, languages, truth);
        return new LanguageScores(source, languages, utterances, truth.clone(), copy);
    }

    /** Reads the TSV; every problem is an {@link InputFileException} naming the line. */
    public static LanguageScores read(Path file) throws IOException {
        String source = file.toString();
        List<String> lines = TextLines.read(file);
        if (lines.isEmpty()) {
            throw new InputFileException(source, 0, "empty file; expected a header 'utterance<TAB>language<TAB>L1<TAB>L2...'");
        }
        String[] header = lines.get(0).split("\t", -1);
        if (header.length < 2 || !header[0].equals(UTTERANCE) || !header[1].equals(LANGUAGE)) {
            throw new InputFileException(source, 1, "the header must start with 'utterance<TAB>language' and name one column"
                    + " per language after them; got '" + abbreviate(lines.get(0)) + "'");
        }
        List<String> languages = List.of(header).subList(2, header.length);
        checkLanguages(source, 1, languages);
        Map<String, Integer> column = new HashMap<>();
        for (int l = 0; l < languages.size(); l++) {
            column.put(languages.get(l), l);
        }
        List<String> utterances = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != header.length) {
                throw new InputFileException(source, lineNo, f.length + " tab-separated fields, the header has " + header.length);
            }
            if (f[0].isEmpty()) {
                throw new InputFileException(source, lineNo, "empty utterance name");
            }
            Integer first = seen.putIfAbsent(f[0], lineNo);
            if (first != null) {
                throw new InputFileException(source, lineNo, "duplicate utterance '" + f[0] + "' (first on line " + first + ")");
            }
            Integer t = column.get(f[1]);
            if (t == null) {
                throw new InputFileException(source, lineNo, "true language '" + f[1] + "' is not a column (columns: "
                        + String.join(", ", languages) + ")");
            }
            double[] s = new double[languages.size()];
            for (int l = 0; l < s.length; l++) {
                s[l] = number(f[l + 2], source, lineNo, languages.get(l));
            }
            utterances.add(f[0]);
            truth.add(t);
            rows.add(s);
        }
        int[] tr = truth.stream().mapToInt(Integer::intValue).toArray();
        checkTrials(source, 1, languages, tr);
        return new LanguageScores(source, languages, utterances, tr, rows.toArray(new double[0][]));
    }

    /** Writes the TSV that {@link #read} reads (doubles in shortest round-trip form), atomically. */
    public void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder(UTTERANCE).append('\t').append(LANGUAGE);
        languages.forEach(l -> b.append('\t').append(l));
        b.append('\n');
        for (int r = 0; r < truth.length; r++) {
            b.append(utterances.get(r)).append('\t').append(languages.get(truth[r]));
            for (double s : scores[r]) {
                b.append('\t').append(s);
            }
            b.append('\n');
        }
        AtomicFile.writeString(file, AtomicFile.Durability.SYNCED, b);
    }

    public String source() {
        return source;
    }

    /** The score columns in header order (ties in accuracy go to the first). */
    public List<String> languages() {
        return languages;
    }

    public List<String> utterances() {
        return utterances;
    }

    public int rows() {
        return truth.length;
    }

    /** Index of row r's true language in {@link #languages()}. */
    public int truth(int r) {
        return truth[r];
    }

    public double score(int r, int language) {
        return scores[r][language];
    }

    /** Rows whose true language is each column: n_L in the definitions. */
    public int[] trialsPerLanguage() {
        int[] n = new int[languages.size()];
        for (int t : truth) {
            n[t]++;
        }
        return n;
    }

    private static void checkLanguages(String source, int line, List<String> languages) {
        if (languages.size() < 2) {
            throw new InputFileException(source, line, "needs at least two language columns, got " + languages.size()
                    + " (Cavg divides by N - 1)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int l = 0; l < languages.size(); l++) {
            String name = languages.get(l);
            if (name.isEmpty() || name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0) {
                throw new InputFileException(source, line, "language column " + (l + 1) + " has an empty or invalid name");
            }
            if (seen.putIfAbsent(name, l) != null) {
                throw new InputFileException(source, line, "language '" + name + "' names two columns");
            }
        }
    }

    private static void checkTrials(String source, int line, List<String> languages, int[] truth) {
        int[] n = new int[languages.size()];
        for (int t : truth) {
            n[t]++;
        }
        for (int l = 0; l < n.length; l++) {
            if (n[l] == 0) {
                throw new InputFileException(source, line, "language '" + languages.get(l) + "' has no trial (no row has it as"
                        + " the true language), so its miss rate is undefined; drop the column or add its test utterances");
            }
        }
    }

    /**
     * A decimal number as C, Python and Java print them ({@code -1.5}, {@code 2e-3}); not Java's
     * extras ({@code 1.5d}, hex) and not {@code nan} or {@code inf}, which cannot be thresholded.
     */
    private static double number(String text, String source, int line, String language) {
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches()) {
            throw new InputFileException(source, line, "score for " + language + " is not a finite decimal number: '"
                    + abbreviate(text) + "'");
        }
        double v = Double.parseDouble(t) + 0.0;  // -0.0 becomes 0.0: thresholds compare numbers, not bit patterns
        if (!Double.isFinite(v)) {
            throw new InputFileException(source, line, "score for " + language + " overflows a double: '" + abbreviate(text) + "'");
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LanguageScores[%s: %d utterances, %d languages]", source, rows(), languages.size());
    }
}
