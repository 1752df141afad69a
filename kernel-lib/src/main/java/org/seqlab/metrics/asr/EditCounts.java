package org.seqlab.metrics.asr;

/**
 * Hits, substitutions, deletions and insertions of one alignment or summed over a corpus. The
 * reference length is {@code H + S + D}, the hypothesis length {@code H + S + I}.
 */
public record EditCounts(long hits, long substitutions, long deletions, long insertions) {
    public static final EditCounts ZERO = new EditCounts(0, 0, 0, 0);

    public EditCounts {
        if (hits < 0 || substitutions < 0 || deletions < 0 || insertions < 0) {
            throw new IllegalArgumentException("negative count: H " + hits + " S " + substitutions + " D " + deletions
                    + " I " + insertions);
        }
    }

    public EditCounts plus(EditCounts o) {
        return new EditCounts(hits + o.hits, substitutions + o.substitutions, deletions + o.deletions, insertions + o.insertions);
    }

    public long errors() {
        return substitutions + deletions + insertions;
    }

    public long referenceLength() {
        return hits + substitutions + deletions;
    }

    public long hypothesisLength() {
        return hits + substitutions + insertions;
    }

    /**
     * {@code (S + D + I) / (H + S + D)}; with an empty reference (0 tokens) the number of
     * insertions itself, as jiwer 4.0 defines it, so that a corpus without reference words still
     * scores 0 for an empty hypothesis and grows with every inserted token.
     */
    public double errorRate() {
        long n = referenceLength();
        return n == 0 ? (double) insertions : (double) errors() / n;
    }
}
