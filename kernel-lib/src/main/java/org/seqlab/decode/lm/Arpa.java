package org.seqlab.decode.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.io.AtomicFile;
import org.seqlab.io.InputFileException;
import org.seqlab.io.TextLines;

/**
 * Reads and writes n-gram models in the ARPA text format (as written by SRILM and KenLM):
 * a {@code \data\} header with {@code ngram N=count} lines, then one {@code \N-grams:} section per
 * order with lines {@code log10p <tab> w1 .. wN [<tab> log10backoff]}, then {@code \end\}. Numbers
 * are written with Java's shortest exact representation so that a round trip gives back the
 * same doubles; files from other tools (7 significant digits) read fine.
 */
public final class Arpa {
    private Arpa() {}

    /** Writes the model atomically (UTF-8). */
    public static void write(NgramLm lm, Path file) throws IOException {
        StringBuilder out = new StringBuilder("\\data\\\n");
        for (int n = 1; n <= lm.order(); n++) {
            out.append("ngram ").append(n).append('=').append(lm.count(n)).append('\n');
        }
        for (int n = 1; n <= lm.order(); n++) {
            out.append('\n').append('\\').append(n).append("-grams:\n");
            for (int[] g : lm.grams(n)) {
                NgramLm.Entry e = lm.entry(g, 0, n);
                out.append(e.log10Prob()).append('\t');
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? " " : "").append(lm.token(g[i]));
                }
                if (n < lm.order() && e.log10Backoff() != 0.0) {
                    out.append('\t').append(e.log10Backoff());
                }
                out.append('\n');
            }
        }
        out.append("\n\\end\\\n");
        AtomicFile.writeString(file, AtomicFile.Durability.UNSYNCED, out);
    }

    /**
     * Reads a model. A file that does not parse raises {@link InputFileException}, one line naming
     * the file and line: a missing header, a count that does not match its section, a number that is not
     * one, an n-gram with the wrong number of tokens, a missing {@code \end\}, bytes that are not
     * UTF-8.
     */
    public static NgramLm read(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        Map<Integer, Integer> declared = new HashMap<>();
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i >= lines.size() || !lines.get(i).strip().equals("\\data\\")) {
            throw new InputFileException(file.toString(), i + 1, "expected the header \\data\\");
        }
        i++;
        for (; i < lines.size() && !lines.get(i).strip().startsWith("\\"); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            if (!l.startsWith("ngram ") || l.indexOf('=') < 0) {
                throw new InputFileException(file.toString(), i + 1, "expected 'ngram N=count', got '" + l + "'");
            }
            try {
                int n = Integer.parseInt(l.substring(6, l.indexOf('=')).strip());
                int count = Integer.parseInt(l.substring(l.indexOf('=') + 1).strip());
                if (n != declared.size() + 1 || count < 0) {
                    throw new InputFileException(file.toString(), i + 1, "n-gram orders must be declared as 1, 2, ... with counts >= 0, got '" + l + "'");
                }
                declared.put(n, count);
            } catch (NumberFormatException e) {
                throw new InputFileException(file.toString(), i + 1, "expected 'ngram N=count', got '" + l + "'");
            }
        }
        int order = declared.size();
        if (order == 0) {
            throw new InputFileException(file.toString(), i + 1, "no 'ngram N=count' line in the header");
        }
        List<String> vocab = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, NgramLm.Entry> grams = new HashMap<>();
        for (int n = 1; n <= order; n++) {
            while (i < lines.size() && lines.get(i).isBlank()) {
                i++;
            }
            String want = "\\" + n + "-grams:";
            if (i >= lines.size() || !lines.get(i).strip().equals(want)) {
                throw new InputFileException(file.toString(), Math.min(i + 1, lines.size()), "expected " + want);
            }
            i++;
            int seen = 0;
            for (; i < lines.size() && !lines.get(i).strip().startsWith("\\"); i++) {
                String l = lines.get(i).strip();
                if (l.isEmpty()) {
                    continue;
                }
                String[] f = l.split("\\s+");
                if (f.length != n + 1 && f.length != n + 2) {
                    throw new InputFileException(file.toString(), i + 1, "a " + n + "-gram line needs a log10 probability, "
                            + n + " tokens and an optional backoff; got " + f.length + " fields");
                }
                double p = number(file, i + 1, f[0], true);
                double bo = f.length == n + 2 ? number(file, i + 1, f[n + 1], false) : 0.0;
                int[] g = new int[n];
                for (int k = 0; k < n; k++) {
                    Integer id = ids.get(f[k + 1]);
                    if (id == null) {
                        if (n > 1) {
                            throw new InputFileException(file.toString(), i + 1, "token '" + f[k + 1] + "' has no unigram");
                        }
                        id = vocab.size();
                        vocab.add(f[k + 1]);
                        ids.put(f[k + 1], id);
                    }
                    g[k] = id;
                }
                if (grams.put(NgramLm.key(g, 0, n), new NgramLm.Entry(p, bo)) != null) {
                    throw new InputFileException(file.toString(), i + 1, "duplicate " + n + "-gram '" + String.join(" ", List.of(f).subList(1, n + 1)) + "'");
                }
                seen++;
            }
            if (seen != declared.get(n)) {
                throw new InputFileException(file.toString(), i + 1, "the header declares " + declared.get(n) + " " + n
                        + "-grams, the section has " + seen);
            }
        }
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i >= lines.size() || !lines.get(i).strip().equals("\\end\\")) {
            throw new InputFileException(file.toString(), Math.min(i + 1, lines.size()), "expected \\end\\");
        }
        if (!ids.containsKey(NgramLm.BOS) || !ids.containsKey(NgramLm.EOS)) {
            throw new InputFileException(file.toString(), 0, "the unigrams must include " + NgramLm.BOS + " and " + NgramLm.EOS);
        }
        return new NgramLm(order, vocab, grams);
    }

    /** A probability's log10 is at most 0; a backoff weight may exceed 1 (Katz models have such). */
    private static double number(Path file, int line, String s, boolean probability) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v) && v > 0 || probability && v > 0) {
                throw new InputFileException(file.toString(), line, "'" + s + "' is not a log10 " + (probability ? "probability" : "backoff"));
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputFileException(file.toString(), line, "'" + s + "' is not a number");
        }
    }
}
