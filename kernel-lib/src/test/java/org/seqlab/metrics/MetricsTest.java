package org.seqlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void accuracySkipsPadding() {
        int[] pred = {0, 1, 2, 2, 1, 0};
        int[] truth = {0, 1, 1, 2, -1, -1};
        assertEquals(0.75, Classification.accuracy(pred, truth), 0);
        assertEquals(0.25, Classification.errorRate(pred, truth), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Classification.accuracy(new int[2], new int[3]));
    }

    /**
     * By hand: truth 0 0 0 1 1 2, predicted 0 0 1 1 2 2.
     * class 0: tp 2, fp 0, fn 1 -> P 1, R 2/3, F1 0.8; class 1: tp 1, fp 1, fn 1 -> F1 0.5;
     * class 2: tp 1, fp 1, fn 0 -> P 1/2, R 1, F1 2/3; macro (0.8 + 0.5 + 2/3) / 3.
     */
    @Test
    void perClassF1ByHand() {
        ConfusionMatrix m = new ConfusionMatrix(4).add(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 2});
        assertEquals(0.8, m.f1(0), 1e-12);
        assertEquals(0.5, m.f1(1), 1e-12);
        assertEquals(2.0 / 3, m.f1(2), 1e-12);
        assertEquals(0.0, m.f1(3), 0);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-12, "class 3 never occurs and is left out");
        assertEquals(1, m.count(0, 1));
    }

    @Test
    void bitsPerCharacterAndPerplexity() {
        // uniform over 4 symbols: 2 bits and perplexity 4 per symbol, whatever the target
        float[] logits = {0.5f, 0.5f, 0.5f, 0.5f, 3f, 3f, 3f, 3f};
        double nats = LanguageModel.nll(logits, 0, 4, 2) + LanguageModel.nll(logits, 4, 4, 0);
        assertEquals(2.0, LanguageModel.bitsPerSymbol(nats, 2), 1e-12);
        assertEquals(4.0, LanguageModel.perplexity(nats, 2), 1e-12);
        // softmax([ln 1, ln 3]) = [1/4, 3/4]: -ln(3/4) nats
        float[] two = {0f, (float) Math.log(3)};
        assertEquals(-Math.log(0.75), LanguageModel.nll(two, 0, 2, 1), 1e-7);
        // stable for large logits
        assertEquals(0.0, LanguageModel.nll(new float[] {1000f, 0f}, 0, 2, 0), 1e-12);
    }
}
