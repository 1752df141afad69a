package org.seqlab.decode.ctc;

import java.util.Arrays;

/**
 * The characters behind a CTC model's output classes: class k emits code point
 * {@code codePoints[k]}, except the blank, which emits nothing. The decoders need it to hand
 * characters to a language model and to find word boundaries (the space).
 */
public record CtcAlphabet(int blank, int[] codePoints) {
    public CtcAlphabet {
        if (blank < 0 || blank >= codePoints.length) {
            throw new IllegalArgumentException("blank " + blank + " is not a class index in [0, " + codePoints.length + ")");
        }
        codePoints = codePoints.clone();
        for (int i = 0; i < codePoints.length; i++) {
            for (int j = 0; j < i; j++) {
                if (i != blank && j != blank && codePoints[i] == codePoints[j]) {
                    throw new IllegalArgumentException("classes " + j + " and " + i + " emit the same character '"
                            + new String(Character.toChars(codePoints[i])) + "'");
                }
            }
        }
    }

    /**
     * One class per code point of {@code symbols}, in order; the character at {@code blank} is a
     * placeholder (e.g. {@code "_ abcdefghijklmnopqrstuvwxyz'"} with blank 0).
     */
    public static CtcAlphabet of(String symbols, int blank) {
        return new CtcAlphabet(blank, symbols.codePoints().toArray());
    }

    @Override
    public int[] codePoints() {
        return codePoints.clone();
    }

    public int size() {
        return codePoints.length;
    }

    public int codePoint(int label) {
        return codePoints[label];
    }

    /** Whether the class emits a space, i.e. ends a word. */
    public boolean isSpace(int label) {
        return label != blank && codePoints[label] == ' ';
    }

    /** The text of a label sequence (blanks must already be removed). */
    public String text(int[] labels) {
        StringBuilder b = new StringBuilder();
        for (int k : labels) {
            if (k == blank || k < 0 || k >= codePoints.length) {
                throw new IllegalArgumentException("label " + k + " is not a character class of this alphabet");
            }
            b.appendCodePoint(codePoints[k]);
        }
        return b.toString();
    }

    /** The labels of a text; a character outside the alphabet is an error naming it and its position. */
    public int[] labels(String text) {
        int[] cps = text.codePoints().toArray();
        int[] out = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            out[i] = -1;
            for (int k = 0; k < codePoints.length; k++) {
                if (k != blank && codePoints[k] == cps[i]) {
                    out[i] = k;
                }
            }
            if (out[i] < 0) {
                throw new IllegalArgumentException("character '" + new String(Character.toChars(cps[i])) + "' at position " + i
                        + " of \"" + text + "\" is not in the alphabet");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CtcAlphabet a && a.blank == blank && Arrays.equals(a.codePoints, codePoints);
    }

    @Override
    public int hashCode() {
        return blank * 31 + Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CtcAlphabet(blank " + blank + ", \"" + new String(codePoints, 0, codePoints.length) + "\")";
    }
}
