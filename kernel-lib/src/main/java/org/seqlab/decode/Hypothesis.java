package org.seqlab.decode;

import java.util.Arrays;

/**
 * One entry of an n-best list: the label sequence, its text, and its scores in natural log.
 * {@code acoustic} is the model's own score (for CTC, {@code ln p(y | x)} over all alignments,
 * computed exactly for each finished hypothesis); {@code lm} is the weighted language-model contribution (weights
 * already applied); {@code total} is what the list is ranked by, the two plus any insertion
 * bonus. Keeping the parts apart lets a notebook show why a hypothesis won and lets rescoring
 * replace one part without undoing the others.
 */
public record Hypothesis(int[] labels, String text, double acoustic, double lm, double total) {
    public Hypothesis {
        labels = labels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The same hypothesis with {@code delta} added to its LM part and its total. */
    public Hypothesis plusLm(double delta) {
        return new Hypothesis(labels, text, acoustic, lm + delta, total + delta);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hypothesis h && Arrays.equals(labels, h.labels) && text.equals(h.text)
                && Double.compare(acoustic, h.acoustic) == 0 && Double.compare(lm, h.lm) == 0
                && Double.compare(total, h.total) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels) * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return String.format("\"%s\" total %.4f (acoustic %.4f, lm %.4f)", text, total, acoustic, lm);
    }
}
