package org.seqlab.testing;

/**
 * Tolerances for comparing two float32 computations of the same quantity that differ only in
 * how BLAS rounds: other gemm shapes (a batch split in halves, chunks of a sequence, one step
 * at a time), other BLAS thread counts, other CPU kernels ({@code OPENBLAS_CORETYPE}). BLAS
 * promises none of these to be bit-identical: on an AMD EPYC with {@code OPENBLAS_CORETYPE=Haswell}
 * splitting an LSTM batch over two threads moved a float32 output by 4.8e-6 relative.
 *
 * <p>Why this bound: a dot product of length {@code n} in float32 is exact up to a relative
 * error of {@code n u} of the sum of absolute products ({@code u = 2^-24}, the unit roundoff;
 * Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., eq. 3.5), whatever the
 * order of summation. Two orders can thus differ by at most twice that. A recurrence feeds each
 * step's rounding into the next through gates whose derivatives are at most 1 and an orthogonal
 * recurrent matrix, so over {@code steps} steps the difference grows at most linearly. Values are
 * compared relative to {@code max(1, |value|)}, the scale of the terms for the O(1) inputs and
 * weights these tests use. A wrong row, step or gate changes values by O(1e-2) or more, far
 * beyond this bound, so the comparisons still catch every indexing mistake.
 */
public final class Float32Rounding {
    private Float32Rounding() {}

    /** The unit roundoff of float32, 2^-24. */
    public static final double U = Math.scalb(1.0, -24);

    /**
     * The largest difference two float32 evaluations may show after {@code steps} chained
     * steps of dot products of length {@code inner}, for a value of size {@code scale}:
     * {@code 2 * steps * inner * u * max(1, |scale|)}.
     */
    public static double bound(int steps, int inner, double scale) {
        return 2.0 * Math.max(1, steps) * Math.max(1, inner) * U * Math.max(1, Math.abs(scale));
    }
}
