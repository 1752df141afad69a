package org.seqlab.experiment.builtin;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Variable-length examples [time][features] as one zero-padded [batch, time, features] array and its mask. */
record Padded(INDArray inputs, INDArray mask, int steps) {
    /** The mask is null when every example has the longest length (nothing is padded). */
    static Padded of(List<float[][]> examples) {
        int steps = 0;
        boolean ragged = false;
        for (float[][] e : examples) {
            ragged |= steps != 0 && e.length != steps;
            steps = Math.max(steps, e.length);
        }
        int dim = examples.get(0)[0].length;
        float[][][] x = new float[examples.size()][steps][dim];
        float[][] mask = ragged ? new float[examples.size()][steps] : null;
        for (int b = 0; b < examples.size(); b++) {
            float[][] e = examples.get(b);
            for (int t = 0; t < e.length; t++) {
                System.arraycopy(e[t], 0, x[b][t], 0, dim);
                if (mask != null) {
                    mask[b][t] = 1f;
                }
            }
        }
        return new Padded(Nd4j.create(x), mask == null ? null : Nd4j.create(mask), steps);
    }
}
