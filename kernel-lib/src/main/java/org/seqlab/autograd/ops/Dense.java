package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;

/** Array helpers shared by the operations: dense copies, scoped allocation, shape checks. */
public final class Dense {
    private Dense() {}

    /** {@code a} itself when it is dense c-order, else a dense copy released with the current scope. */
    public static INDArray of(INDArray a) {
        if (isDense(a)) {
            return a;
        }
        return MemoryScope.track(a.dup('c'));
    }

    /**
     * Whether the elements lie in c-order at the start of the buffer. Checked by strides: ND4J
     * may report a permuted array as 'c' ordered and not a view.
     */
    public static boolean isDense(INDArray a) {
        if (a.isView() || a.offset() != 0 || a.data().length() != a.length()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** A zero-filled temporary released with the current memory scope. */
    public static INDArray zeros(DataType type, long... shape) {
        return MemoryScope.zeros(type, shape);
    }

    /** A temporary without initialisation, released with the current memory scope. */
    public static INDArray empty(DataType type, long... shape) {
        return MemoryScope.uninitialized(type, shape);
    }

    /** Throws an error naming the operation and both shapes unless they are equal. */
    public static void requireSameShape(String op, INDArray a, INDArray b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " must be equal");
        }
    }

    public static void requireRank(String op, INDArray a, int rank, String layout) {
        if (a.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected rank " + rank + " " + layout + ", got shape "
                    + Arrays.toString(a.shape()));
        }
    }

    public static void requireSameType(String op, INDArray a, INDArray b) {
        if (a.dataType() != b.dataType()) {
            throw new IllegalArgumentException(op + ": data types " + a.dataType() + " and " + b.dataType()
                    + " differ (shapes " + Arrays.toString(a.shape()) + ", " + Arrays.toString(b.shape()) + ")");
        }
    }

    public static int toInt(long n) {
        return Math.toIntExact(n);
    }

    public static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }
}
