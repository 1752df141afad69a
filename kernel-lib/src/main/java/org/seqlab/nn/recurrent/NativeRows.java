package org.seqlab.nn.recurrent;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between a contiguous ND4J array and Java arrays ({@code float[]} or
 * {@code double[]}, matching the array's type). The recurrent ops keep their per-step
 * state in Java arrays, where the gate loops run fast, and touch native memory only to feed
 * {@code Nd4j.gemm}; rows move with one memcpy each.
 */
final class NativeRows {
    private final INDArray array;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    NativeRows(INDArray array) {
        if (array.isView() || array.ordering() != 'c') {
            throw new IllegalArgumentException("NativeRows needs a contiguous c-order array, got a view or f-order array");
        }
        this.array = array;
        if (array.dataType() == DataType.FLOAT) {
            floats = array.data().asNioFloat();
            doubles = null;
        } else if (array.dataType() == DataType.DOUBLE) {
            doubles = array.data().asNioDouble();
            floats = null;
        } else {
            throw new IllegalArgumentException("recurrent ops need float32 or float64, got " + array.dataType());
        }
    }

    INDArray array() {
        return array;
    }

    void get(long offset, Object dst, int dstOffset, int length) {
        if (floats != null) {
            floats.get(Math.toIntExact(offset), (float[]) dst, dstOffset, length);
        } else {
            doubles.get(Math.toIntExact(offset), (double[]) dst, dstOffset, length);
        }
    }

    void put(long offset, Object src, int srcOffset, int length) {
        if (floats != null) {
            floats.put(Math.toIntExact(offset), (float[]) src, srcOffset, length);
        } else {
            doubles.put(Math.toIntExact(offset), (double[]) src, srcOffset, length);
        }
    }

    /** A fresh Java array of the type matching {@code type}. */
    static Object javaArray(DataType type, int length) {
        return type == DataType.FLOAT ? new float[length] : new double[length];
    }

    /** A Java copy of a whole array (made contiguous first if needed). */
    static Object toJava(INDArray a) {
        INDArray c = contiguous(a);
        Object out = javaArray(a.dataType(), (int) a.length());
        new NativeRows(c).get(0, out, 0, (int) a.length());
        if (c != a) {
            c.close();
        }
        return out;
    }

    /** A new native array holding {@code length} elements of {@code src} from {@code offset}. */
    static INDArray fromJava(DataType type, Object src, int offset, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape);
        new NativeRows(out).put(0, src, offset, (int) out.length());
        return out;
    }

    /** The array itself when it is a contiguous c-order non-view, else a c-order copy. */
    static INDArray contiguous(INDArray a) {
        return !a.isView() && a.ordering() == 'c' ? a : a.dup('c');
    }

    /**
     * dst[from..from+n) += src[from..from+n) for same-typed Java arrays: one index into both, so
     * the JIT vectorises it (two different offsets kept JDK 17's C2 scalar, see FloatKernels).
     */
    static void addRange(Object dst, Object src, int from, int n) {
        if (dst instanceof float[] d) {
            float[] s = (float[]) src;
            for (int i = from; i < from + n; i++) {
                d[i] += s[i];
            }
        } else {
            double[] d = (double[]) dst;
            double[] s = (double[]) src;
            for (int i = from; i < from + n; i++) {
                d[i] += s[i];
            }
        }
    }

    /** dst[dstOff..+n] += src[srcOff..+n] for same-typed Java arrays. */
    static void addInto(Object dst, int dstOff, Object src, int srcOff, int n) {
        if (dst instanceof float[] d) {
            float[] s = (float[]) src;
            for (int i = 0; i < n; i++) {
                d[dstOff + i] += s[srcOff + i];
            }
        } else {
            double[] d = (double[]) dst;
            double[] s = (double[]) src;
            for (int i = 0; i < n; i++) {
                d[dstOff + i] += s[srcOff + i];
            }
        }
    }
}
