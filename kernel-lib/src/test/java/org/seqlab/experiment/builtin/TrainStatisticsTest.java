package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.batch.Sequence;
import org.seqlab.features.GlobalStats;

class TrainStatisticsTest {
    // Two utterances of 2 coefficients, 3 frames in all.
    // Coefficient 0: 1, 3, 5 -> mean 3, population variance (4 + 0 + 4) / 3 = 8/3.
    // Coefficient 1: 2, 2, 2 -> mean 2, variance 0 (only centred).
    static final List<Sequence<String>> TRAIN = List.of(
            new Sequence<>("u1", new float[][] {{1, 2}, {3, 2}}, "yes"),
            new Sequence<>("u2", new float[][] {{5, 2}}, "no"));

    @Test
    void statisticsAreTheHandComputedMeanAndVarianceOverAllTrainingFrames() {
        GlobalStats s = TrainStatistics.fit(TRAIN);
        assertEquals(3, s.frames());
        assertArrayEquals(new double[] {3, 2}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {8.0 / 3, 0}, s.variance(), 1e-12);
    }

    @Test
    void everySplitIsScaledWithTheTrainingStatisticsNotItsOwn() {
        GlobalStats s = TrainStatistics.fit(TRAIN);
        double sd = Math.sqrt(8.0 / 3);
        List<Sequence<String>> train = TrainStatistics.apply(s, TRAIN);
        assertArrayEquals(new float[] {(float) (-2 / sd), 0f}, train.get(0).frames()[0], 1e-6f);
        assertArrayEquals(new float[] {(float) (2 / sd), 0f}, train.get(1).frames()[0], 1e-6f);
        // a test utterance far from the training data keeps its offset after scaling
        List<Sequence<String>> test = TrainStatistics.apply(s, List.of(new Sequence<>("t", new float[][] {{11, 4}}, "yes")));
        assertArrayEquals(new float[] {(float) (8 / sd), 2f}, test.get(0).frames()[0], 1e-6f);
        assertEquals("t", test.get(0).id());
        assertEquals("yes", test.get(0).target());
        assertEquals(1f, TRAIN.get(0).frames()[0][0], "the input is not modified");
    }

    @Test
    void emptyTrainingSplitIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainStatistics.fit(List.<Sequence<String>>of()));
        assertEquals("cannot normalise with the statistics of an empty training split", e.getMessage());
    }
}
