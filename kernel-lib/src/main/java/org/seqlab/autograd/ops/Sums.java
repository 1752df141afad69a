package org.seqlab.autograd.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whole-array reductions and in-place updates as Java loops: ND4J's {@code sumNumber()} and
 * friends allocate a native result array per call that only the garbage collector frees,
 * which shows up as native memory growth over thousands of steps.
 */
public final class Sums {
    private Sums() {}

    public static double sum(INDArray a) {
        Buf b = Buf.of(Dense.of(a));
        int n = (int) a.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += b.get(i);
        }
        return s;
    }

    public static double squares(INDArray a) {
        Buf b = Buf.of(Dense.of(a));
        int n = (int) a.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = b.get(i);
            s += v * v;
        }
        return s;
    }

    /** Multiplies a dense array in place. */
    public static void scale(INDArray a, double factor) {
        Buf b = Buf.of(a);
        int n = (int) a.length();
        for (int i = 0; i < n; i++) {
            b.set(i, b.get(i) * factor);
        }
    }

    /** Clamps a dense array into [-limit, limit] in place. */
    public static void clamp(INDArray a, double limit) {
        Buf b = Buf.of(a);
        int n = (int) a.length();
        for (int i = 0; i < n; i++) {
            b.set(i, Math.max(-limit, Math.min(limit, b.get(i))));
        }
    }
}
