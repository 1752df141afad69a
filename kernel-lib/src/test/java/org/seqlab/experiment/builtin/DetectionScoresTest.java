package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.experiment.train.Prediction;

class DetectionScoresTest {
    /** Logits 0, ln 2, ln 3: posteriors 1/6, 2/6, 3/6; llr_L = log(p_L (N - 1) / (1 - p_L)) by hand. */
    @Test
    void llrsByHand() {
        float[][] s = DetectionScores.llr().decode(Nd4j.createFromArray(new float[][] {{0f, (float) Math.log(2), (float) Math.log(3)}}), null)
                .scores();
        assertEquals(Math.log(2.0 / 5), s[0][0], 1e-6, "(1/6) * 2 / (5/6)");
        assertEquals(0.0, s[0][1], 1e-6, "(2/6) * 2 / (4/6)");
        assertEquals(Math.log(2), s[0][2], 1e-6, "(3/6) * 2 / (3/6)");
    }

    @Test
    void largeLogitsStayFinite() {
        Prediction.Scores p = DetectionScores.llr().decode(Nd4j.createFromArray(new float[][] {{1000f, -1000f, 0f}}), null);
        assertEquals(1000 + Math.log(2), p.scores()[0][0], 1e-2, "1000 - logsumexp(-1000, 0) + log 2");
        assertEquals(-2000 + Math.log(2), p.scores()[0][1], 1e-2);
    }
}
