package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.ops.StridedGemm;
import org.seqlab.autograd.ops.StridedGemm.Operand;

/**
 * The small per-step products of a recurrence ({@code [rows, k] x [k, n]}, e.g. 16 x 128 x 512)
 * as direct BLAS calls through {@link StridedGemm}. Why: ND4J M2.1 runs {@code Nd4j.gemm} as a
 * custom op that builds an op context and allocates per call, about 40-50 us on these shapes,
 * as much as the arithmetic of a 16-row product; a recurrence makes hundreds of such calls per
 * layer and direction. {@link StridedGemm} uses the OpenBLAS copy whose thread count
 * {@link Concurrent}'s one-thread setting reaches, and checks every extent before the native call.
 */
final class StepGemm {
    private StepGemm() {}

    /**
     * c[cRow0 .. cRow0+rows) = a[aRow0 .. aRow0+rows) x op(b), all dense c-order matrices of
     * one type: a is [*, k], c is [*, n], b is [k, n] or, when {@code transB}, [n, k].
     */
    static void gemm(int rows, INDArray a, int aRow0, INDArray b, boolean transB, INDArray c, int cRow0) {
        int k = (int) a.size(1);
        int n = (int) c.size(1);
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || b.size(0) != bRows || b.size(1) != bCols) {
            throw new IllegalArgumentException("step gemm: [" + rows + ", " + k + "] x " + (transB ? "transposed " : "")
                    + java.util.Arrays.toString(b.shape()) + " -> [" + rows + ", " + n + "] does not fit");
        }
        StridedGemm.gemm(new Operand(a, (long) aRow0 * k, rows, k, k), false,
                new Operand(b, 0, bRows, bCols, bCols), transB, 1.0, 0.0,
                new Operand(c, (long) cRow0 * n, rows, n, n));
    }
}
