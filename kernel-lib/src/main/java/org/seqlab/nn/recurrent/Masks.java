package org.seqlab.nn.recurrent;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/**
 * Checks sequence masks for the recurrent layers: a float array [batch, time] with 1 for valid
 * steps forming a prefix of each row (build one with {@code Sequences.mask}). A mask with a hole
 * would silently change what the last valid state means, so it is an error here, named after
 * the layer.
 */
public final class Masks {
    private Masks() {}

    /** Lengths of the rows of {@code mask}; all {@code time} when the mask is null. */
    public static int[] lengths(Tensor mask, int batch, int time, String layer) {
        int[] len = new int[batch];
        if (mask == null) {
            Arrays.fill(len, time);
            return len;
        }
        INDArray m = mask.value();
        if (m.rank() != 2 || m.size(0) != batch || m.size(1) != time) {
            throw new IllegalArgumentException(layer + ": mask shape " + Arrays.toString(m.shape())
                    + " does not match the input's [batch, time] = [" + batch + ", " + time + "]");
        }
        double[] v = m.dup('c').data().asDouble();
        for (int b = 0; b < batch; b++) {
            int l = 0;
            while (l < time && v[b * time + l] == 1.0) {
                l++;
            }
            for (int t = l; t < time; t++) {
                if (v[b * time + t] != 0.0) {
                    throw new IllegalArgumentException(layer + ": mask row " + b + " is not a 0/1 prefix mask"
                            + " (value " + v[b * time + t] + " at step " + t + " after its valid prefix of " + l + ")");
                }
            }
            len[b] = l;
        }
        return len;
    }
}
