package org.seqlab.metrics;

/**
 * Per-symbol measures of a language model from its total negative log-likelihood in nats:
 * bits per character = nats / (n ln 2), perplexity = exp(nats / n).
 */
public final class LanguageModel {
    private LanguageModel() {}

    public static double bitsPerSymbol(double totalNats, long symbols) {
        return totalNats / symbols / Math.log(2);
    }

    public static double perplexity(double totalNats, long symbols) {
        return Math.exp(totalNats / symbols);
    }

    /**
     * Negative log-probability (nats) of class {@code target} under softmax({@code logits}),
     * computed stably by subtracting the maximum.
     */
    public static double nll(float[] logits, int offset, int classes, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < classes; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return Math.log(sum) + max - logits[offset + target];
    }
}
