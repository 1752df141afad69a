package org.seqlab.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/** Frame masks for the losses: 1 = valid frame, 0 = padding; null means every frame is valid. */
final class Masks {
    private Masks() {}

    /**
     * The mask as a dense float64 buffer with one weight per frame, or null. {@code frames} is the
     * shape the mask must have (the loss input without its class axis).
     */
    static Buf frameWeights(String loss, INDArray mask, long[] frames) {
        if (mask == null) {
            return null;
        }
        if (!Arrays.equals(mask.shape(), frames)) {
            throw new IllegalArgumentException(loss + ": mask shape " + Arrays.toString(mask.shape())
                    + " must be the frame shape " + Arrays.toString(frames));
        }
        return Buf.of(Dense.of(mask.dataType() == DataType.DOUBLE ? mask : MemoryScope.track(mask.castTo(DataType.DOUBLE))));
    }

    static double weight(Buf mask, int frame) {
        return mask == null ? 1.0 : mask.get(frame);
    }

    static double total(String loss, Buf mask, int frames) {
        double m = 0;
        for (int r = 0; r < frames; r++) {
            m += weight(mask, r);
        }
        if (!(m > 0)) {
            throw new IllegalArgumentException(loss + ": the mask has no valid frame");
        }
        return m;
    }

    static long[] withoutLast(long[] shape) {
        return Arrays.copyOf(shape, shape.length - 1);
    }
}
