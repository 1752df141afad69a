package org.seqlab.nn.recurrent;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The small per-step products of a recurrence ({@code [rows, k] x [k, n]}, e.g. 16 x 128 x 512)
 * as direct {@code cblas_sgemm}/{@code cblas_dgemm} calls. Why: ND4J M2.1 runs
 * {@code Nd4j.gemm} as a custom op that builds an op context and allocates per call, about
 * 40-50 us on these shapes, as much as the arithmetic of a 16-row product; a recurrence makes
 * hundreds of such calls per layer and direction.
 *
 * <p>Which BLAS: the {@code openblas_nolapack} binding that ND4J's own legacy BLAS path
 * ({@code CpuLevel3}) calls and whose thread count {@code Nd4j.factory().blas().setMaxThreads}
 * sets, so no second library is loaded and {@link Concurrent}'s one-thread setting applies.
 *
 * <p>Pointers: each call wraps the raw addresses in pointer objects that own nothing (no
 * deallocator), so nothing here can free or move ND4J's buffers. Never call
 * {@code position()} on the pointer returned by {@code DataBuffer.addressPointer()}: that
 * object is ND4J's own and shifting it corrupts its later deallocation. The caller keeps the
 * arrays alive across the call (they are locals of the pass).
 */
final class StepGemm {
    private StepGemm() {}

    /**
     * c[cRow0 .. cRow0+rows) = a[aRow0 .. aRow0+rows) x op(b), all row-major contiguous
     * c-order arrays of one type: a is [*, k], c is [*, n], b is [k, n] or, when
     * {@code transB}, [n, k].
     */
    static void gemm(int rows, INDArray a, int aRow0, INDArray b, boolean transB, INDArray c, int cRow0) {
        int k = (int) a.size(1);
        int n = (int) c.size(1);
        long bRows = transB ? n : k;
        long bCols = transB ? k : n;
        if (b.size(0) != bRows || b.size(1) != bCols || a.dataType() != b.dataType() || a.dataType() != c.dataType()) {
            throw new IllegalArgumentException("step gemm: [" + rows + ", " + k + "] x " + (transB ? "transposed " : "")
                    + java.util.Arrays.toString(b.shape()) + " -> [" + rows + ", " + n + "] does not fit (types "
                    + a.dataType() + ", " + b.dataType() + ", " + c.dataType() + ")");
        }
        requireDense(a, (long) (aRow0 + rows) * k);
        requireDense(b, bRows * bCols);
        requireDense(c, (long) (cRow0 + rows) * n);
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int ldb = (int) bCols;
        if (a.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, tb, rows, n, k, 1f,
                    new RawFloats(a, (long) aRow0 * k), k, new RawFloats(b, 0), ldb, 0f, new RawFloats(c, (long) cRow0 * n), n);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, tb, rows, n, k, 1.0,
                    new RawDoubles(a, (long) aRow0 * k), k, new RawDoubles(b, 0), ldb, 0.0, new RawDoubles(c, (long) cRow0 * n), n);
        }
    }

    private static void requireDense(INDArray x, long elements) {
        if (x.isView() || x.ordering() != 'c' || x.rank() != 2 || x.length() < elements) {
            throw new IllegalArgumentException("step gemm needs contiguous c-order matrices, got "
                    + java.util.Arrays.toString(x.shape()) + (x.isView() ? " (a view)" : "") + " order " + x.ordering());
        }
    }

    /** The float buffer of an array from an element offset; owns nothing. */
    private static final class RawFloats extends FloatPointer {
        RawFloats(INDArray x, long offset) {
            super((org.bytedeco.javacpp.Pointer) null);
            address = x.data().address() + 4 * (x.offset() + offset);
            capacity = limit = x.length() - offset;
        }
    }

    /** The double buffer of an array from an element offset; owns nothing. */
    private static final class RawDoubles extends DoublePointer {
        RawDoubles(INDArray x, long offset) {
            super((org.bytedeco.javacpp.Pointer) null);
            address = x.data().address() + 8 * (x.offset() + offset);
            capacity = limit = x.length() - offset;
        }
    }
}
