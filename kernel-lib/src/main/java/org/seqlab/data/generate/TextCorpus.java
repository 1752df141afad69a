package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.seqlab.data.Params;
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
        this.text = text;
        int n = text.length();
        int trainEnd = (int) Math.round(n * (1 - validationFraction - testFraction));
        int validEnd = (int) Math.round(n * (1 - testFraction));
        this.train = text.substring(0, trainEnd);
        this.validation = text.substring(trainEnd, validEnd);
        this.test = text.substring(validEnd);
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
        double v = p.getDouble("validation_fraction", 0.05);
        double t = p.getDouble("test_fraction", 0.05);
        if (v < 0 || t < 0 || v + t >= 1) {
            throw new IllegalArgumentException("datasets.yaml: validation_fraction + test_fraction must be in [0, 1), got " + v + " + " + t);
        }
        return new double[] {v, t};
    }

    public static TextCorpus read(Path dir, Params p) throws IOException {
        double[] f = fractions(p);
        return new TextCorpus(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8), f[0], f[1]);
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
