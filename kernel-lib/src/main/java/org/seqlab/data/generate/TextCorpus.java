package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.Param;
import org.seqlab.data.batch.Sequence;

/**
 * Text for character-level language models, split into contiguous train, validation and
 * test parts (the last {@code validation_fraction + test_fraction} of the text), with one
 * vocabulary for all three so every split encodes.
 */
public final class TextCorpus {
    static final String FILE = "text.txt";

    private final String text;
    private final String train;
    private final String validation;
    private final String test;
    private final char[] vocabulary;

    public TextCorpus(String text, double validationFraction, double testFraction) {
        this(text, text.substring(0, (int) Math.round(text.length() * (1 - validationFraction - testFraction))),
                text.substring((int) Math.round(text.length() * (1 - validationFraction - testFraction)),
                        (int) Math.round(text.length() * (1 - testFraction))),
                text.substring((int) Math.round(text.length() * (1 - testFraction))));
    }

    private TextCorpus(String text, String train, String validation, String test) {
        this.text = text;
        this.train = train;
        this.validation = validation;
        this.test = test;
        TreeSet<Character> chars = new TreeSet<>();
        for (char c : text.toCharArray()) {
            chars.add(c);
        }
        vocabulary = new char[chars.size()];
        int i = 0;
        for (char c : chars) {
            vocabulary[i++] = c;
        }
    }

    static double[] fractions(Params p) {
        double v = p.getDouble("validation_fraction");
        double t = p.getDouble("test_fraction");
        if (v < 0 || t < 0 || v + t >= 1) {
            throw new IllegalArgumentException("datasets.yaml: validation_fraction + test_fraction must be in [0, 1), got " + v + " + " + t);
        }
        return new double[] {v, t};
    }

    public static TextCorpus read(Path dir, Params p) throws IOException {
        double[] f = fractions(p);
        return new TextCorpus(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8), f[0], f[1]);
    }

    /**
     * The same splits with every run of characters other than the letters a-z (after lower-casing
     * A-Z; other letters, such as accented ones, count as gaps) turned into one space: the 27-symbol alphabet of text8, the field's usual character-LM
     * benchmark. Case, digits and punctuation carry many of a technical text's bits, so this is
     * an easier task than the raw text; compressors given the same normalised text are the fair
     * yardstick. Each split is normalised on its own, so its boundaries stay where they were.
     */
    public TextCorpus lettersOnly() {
        String tr = letters(train);
        String va = letters(validation);
        String te = letters(test);
        return new TextCorpus(tr + va + te, tr, va, te);
    }

    static String letters(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            c = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (c >= 'a' && c <= 'z') {
                b.append(c);
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        return b.toString();
    }

    public String text() {
        return text;
    }

    public String split(String name) {
        return switch (name) {
            case "train" -> train;
            case "validation" -> validation;
            case "test" -> test;
            default -> throw new IllegalArgumentException("text splits are train, validation, test; not '" + name + "'");
        };
    }

    public int vocabularySize() {
        return vocabulary.length;
    }

    public char symbol(int id) {
        return vocabulary[id];
    }

    public int id(char c) {
        int i = java.util.Arrays.binarySearch(vocabulary, c);
        if (i < 0) {
            throw new IllegalArgumentException("character '" + c + "' (U+" + Integer.toHexString(c) + ") is not in the vocabulary");
        }
        return i;
    }

    public int[] encode(String s) {
        int[] ids = new int[s.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(s.charAt(i));
        }
        return ids;
    }

    public String decode(int[] ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            b.append(vocabulary[id]);
        }
        return b.toString();
    }

    /**
     * Language-model windows of a split: one-hot inputs of {@code length} characters, targets
     * the next character at each step; windows start every {@code stride} characters.
     */
    public List<Sequence<int[]>> windows(String split, int length, int stride) {
        int[] ids = encode(split(split));
        List<Sequence<int[]>> out = new ArrayList<>();
        for (int start = 0; start + length + 1 <= ids.length; start += stride) {
            float[][] x = new float[length][vocabulary.length];
            int[] y = new int[length];
            for (int t = 0; t < length; t++) {
                x[t][ids[start + t]] = 1f;
                y[t] = ids[start + t + 1];
            }
            out.add(new Sequence<>(split + "@" + start, x, y));
        }
        return out;
    }
}
