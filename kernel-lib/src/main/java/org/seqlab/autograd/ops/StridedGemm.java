package org.seqlab.autograd.ops;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major gemm on sub-matrices of dense arrays given by element offset and leading
 * dimension, as a direct {@code cblas_sgemm}/{@code cblas_dgemm}. The shifted convolution's
 * operands are windows whose rows lie a plane apart: BLAS reads them in place through the
 * leading dimension, whereas {@code Nd4j.gemm} on such a view may copy it first, and costs
 * 40-50 us of op set-up per call besides (bench/RESULTS.md, engine session 2).
 *
 * <p>Same binding and pointer discipline as the recurrent layers' {@code StepGemm}: the
 * {@code openblas_nolapack} copy that {@code Nd4j.factory().blas().setMaxThreads} governs, and
 * pointer objects that own nothing, made from the buffer address. Every extent is checked
 * against the array's length first, so a wrong offset is an exception, not a stray native read
 * or write. The caller keeps the arrays alive across the call. Public for the engine's other
 * packages (the recurrent layers' per-step products); not a user API.
 */
public final class StridedGemm {
    private StridedGemm() {}

    /** A row-major matrix in an array's buffer: {@code rows x cols} from {@code offset}, rows {@code ld} apart. */
    public record Operand(INDArray array, long offset, int rows, int cols, int ld) {
        /** {@code offset} counts elements from the start of the array's data buffer, which bounds every extent. */
        public Operand {
            long last = offset + (long) (rows - 1) * ld + cols;
            if (offset < 0 || ld < cols || last > array.data().length()) {
                throw new IllegalArgumentException("strided gemm: " + rows + " x " + cols + " from offset " + offset
                        + " with leading dimension " + ld + " exceeds a buffer of " + array.data().length() + " elements");
            }
        }

        /**
         * A whole rank-2 array that fills its buffer in c-order (dense, or a reshape of a dense
         * array, which ND4J reports as a view), else null. Row blocks and other offset views are
         * left to {@code Nd4j.gemm}: how M2.1 places a view's offset between the array and its
         * buffer is not something to build native addressing on.
         */
        static Operand ofMatrix(INDArray m) {
            if (m.rank() != 2 || m.offset() != 0 || m.data().length() != m.length() || m.length() > Integer.MAX_VALUE) {
                return null;
            }
            int rows = (int) m.size(0), cols = (int) m.size(1);
            long[] st = m.stride();
            if ((cols > 1 && st[1] != 1) || (rows > 1 && st[0] != cols)) {
                return null;
            }
            return new Operand(m, 0, rows, cols, cols);
        }
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c} on whole matrices, the drop-in for {@code Nd4j.gemm}:
     * a direct BLAS call when all three fill their buffers in c-order (dense or reshaped), else {@code Nd4j.gemm}. Why:
     * a decoder that steps one token at a time makes thousands of small products per batch, and
     * ND4J's per-call set-up (an op context, shape buffers, its OpenMP dispatch, which waits badly
     * on a loaded machine) cost more than their arithmetic: 60% of a seq2seq epoch in a profile.
     */
    public static void matrices(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
            double beta) {
        Operand oa = Operand.ofMatrix(a), ob = Operand.ofMatrix(b), oc = Operand.ofMatrix(c);
        DataType t = c.dataType();
        if (oa != null && ob != null && oc != null && a.dataType() == t && b.dataType() == t
                && (t == DataType.FLOAT || t == DataType.DOUBLE)) {
            gemm(oa, transA, ob, transB, alpha, beta, oc);
        } else {
            org.nd4j.linalg.factory.Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        }
    }

    /**
     * {@code c = a b + bias} (bias added to every row): c is filled with the bias rows in a Java
     * loop and the product accumulates onto them ({@code beta = 1}). ND4J's {@code addiRowVector}
     * after the product dispatches to its OpenMP threads, and on a loaded machine that wait took
     * a third of a small recurrent model's training step in a profile (lecture 02's words).
     * A null bias is a plain product; an output that is not a dense matrix takes the old path.
     */
    public static void matricesPlusBias(INDArray a, INDArray b, INDArray bias, INDArray c, boolean transB) {
        if (bias == null) {
            matrices(a, b, c, false, transB, 1.0, 0.0);
            return;
        }
        if (Operand.ofMatrix(c) == null || bias.length() != c.size(1)) {
            matrices(a, b, c, false, transB, 1.0, 0.0);
            c.addiRowVector(bias.reshape(1, bias.length()));
            return;
        }
        int rows = Math.toIntExact(c.size(0));
        int cols = Math.toIntExact(c.size(1));
        Buf out = Buf.of(c);
        Buf row = Buf.of(Dense.of(bias));
        for (int j = 0; j < cols; j++) {
            out.set(j, row.get(j));
        }
        for (int i = 1; i < rows; i++) {
            out.copy(out, 0, i * cols, cols);
        }
        matrices(a, b, c, false, transB, 1.0, 1.0);
    }

    /** c = alpha op(a) op(b) + beta c, where op transposes when asked; a, b, c as stored (before op). */
    public static void gemm(Operand a, boolean transA, Operand b, boolean transB, double alpha, double beta, Operand c) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        DataType t = c.array.dataType();
        if (k != kb || c.rows != m || c.cols != n || a.array.dataType() != t || b.array.dataType() != t) {
            throw new IllegalArgumentException("strided gemm: [" + m + ", " + k + "] x [" + kb + ", " + n + "] -> ["
                    + c.rows + ", " + c.cols + "] does not fit (types " + a.array.dataType() + ", "
                    + b.array.dataType() + ", " + t + ")");
        }
        int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (t == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    new RawFloats(a), a.ld, new RawFloats(b), b.ld, (float) beta, new RawFloats(c), c.ld);
        } else if (t == DataType.DOUBLE) {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, alpha,
                    new RawDoubles(a), a.ld, new RawDoubles(b), b.ld, beta, new RawDoubles(c), c.ld);
        } else {
            throw new IllegalArgumentException("strided gemm computes in FLOAT or DOUBLE, got " + t);
        }
    }

    /** The float buffer from an operand's offset; owns nothing. */
    private static final class RawFloats extends FloatPointer {
        RawFloats(Operand o) {
            super((org.bytedeco.javacpp.Pointer) null);
            address = o.array.data().address() + 4 * o.offset;
            capacity = limit = o.array.data().length() - o.offset;
        }
    }

    /** The double buffer from an operand's offset; owns nothing. */
    private static final class RawDoubles extends DoublePointer {
        RawDoubles(Operand o) {
            super((org.bytedeco.javacpp.Pointer) null);
            address = o.array.data().address() + 8 * o.offset;
            capacity = limit = o.array.data().length() - o.offset;
        }
    }
}
