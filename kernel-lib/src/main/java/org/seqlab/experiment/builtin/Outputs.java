package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Model scores as a flat row-major float array with one row of {@code classes} per label position. */
final class Outputs {
    private Outputs() {}

    static float[] rows(INDArray output) {
        return output.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    static int classes(INDArray output) {
        return (int) output.size(output.rank() - 1);
    }
}
