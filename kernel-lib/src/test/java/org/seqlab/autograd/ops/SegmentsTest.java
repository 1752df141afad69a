package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

class SegmentsTest {
    @Test
    void countsByHand() {
        assertEquals(4, Segments.count(10, 4, 2), "windows at 0, 2, 4, 6; the last ends at frame 10");
        assertEquals(5, Segments.count(11, 4, 2), "a fifth window at 8 holds the last 3 frames");
        assertEquals(1, Segments.count(3, 4, 2), "shorter than a window: one short window");
        assertEquals(1, Segments.count(4, 4, 2));
        assertEquals(3, Segments.count(12, 4, 4), "no overlap");
        assertThrows(IllegalArgumentException.class, () -> Segments.count(10, 4, 5), "hop longer than the window skips frames");
    }

    @Test
    void layoutOfARaggedBatch() {
        Segments.Layout l = Segments.layout(new int[] {11, 3}, 4, 2);
        assertEquals(5, l.maxSegments());
        assertArrayEquals(new int[] {5, 1}, l.counts());
        assertArrayEquals(new int[] {4, 4, 4, 4, 3, 3, 1, 1, 1, 1}, l.windowLengths());
        INDArray m = l.segmentMask(DataType.DOUBLE);
        assertEquals(5.0, m.getRow(0).sumNumber().doubleValue());
        assertEquals(1.0, m.getRow(1).sumNumber().doubleValue());
    }

    @Test
    void windowsCopyTheRightFramesAndNothingOfThePadding() {
        INDArray x = new Rng(3).uniform(DataType.DOUBLE, -1, 1, 2, 11, 3);
        Segments.Layout l = Segments.layout(new int[] {11, 6}, 4, 3);
        INDArray w = Segments.windows(Tensor.constant(x), l).value();
        assertArrayEquals(new long[] {2L * l.maxSegments(), 4, 3}, w.shape());
        for (int b = 0; b < 2; b++) {
            for (int s = 0; s < l.maxSegments(); s++) {
                for (int k = 0; k < 4; k++) {
                    for (int f = 0; f < 3; f++) {
                        boolean real = s < l.counts()[b] && k < l.frames(b, s);
                        double expected = real ? x.getDouble(b, s * 3 + k, f) : 0.0;
                        assertEquals(expected, w.getDouble(b * l.maxSegments() + s, k, f), "b " + b + " s " + s + " k " + k);
                    }
                }
            }
        }
    }

    @Test
    void gradientsSumOverlappingCopies() {
        Rng rng = new Rng(5);
        Tensor x = Checks.var(rng, 2, 11, 3);
        Segments.Layout l = Segments.layout(new int[] {11, 5}, 4, 2);
        Checks.assertGradients(() -> Segments.windows(x, l), x);
    }
}
