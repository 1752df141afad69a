package org.seqlab.autograd.ops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to a dense c-order array for fused loops, the same code serving float32
 * (training) and float64 (gradient checks). Each loop site sees at most these two classes,
 * so the JIT inlines the calls; fusing elementwise work this way is where the engine's speed
 * comes from (an INDArray op costs 5-13 us however small).
 */
public abstract sealed class Buf permits Buf.F32, Buf.F64 {

    /** Wraps a dense array; use {@link Dense#of(INDArray)} first when it may be a view. */
    public static Buf of(INDArray a) {
        if (!Dense.isDense(a)) {
            throw new IllegalArgumentException("fused loops need a dense c-order array, got a view " + a.shapeInfoToString());
        }
        if (a.dataType() == DataType.FLOAT) {
            return new F32(a.data().asNioFloat());
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new F64(a.data().asNioDouble());
        }
        throw new IllegalArgumentException("the engine computes in FLOAT or DOUBLE, got " + a.dataType());
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    public abstract void add(int i, double v);

    /** Sets {@code n} elements from {@code from} to {@code v}. */
    public void fill(int from, int n, double v) {
        for (int i = from; i < from + n; i++) {
            set(i, v);
        }
    }

    /** Copies {@code n} elements from {@code src} at {@code from} to this buffer at {@code to}. */
    public abstract void copy(Buf src, int from, int to, int n);

    /** Adds the first {@code n} elements of {@code src} (of this buffer's type) to this buffer's. */
    public abstract void addAll(Buf src, int n);

    public static final class F32 extends Buf {
        private final FloatBuffer b;

        F32(FloatBuffer b) {
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        public void add(int i, double v) {
            b.put(i, (float) (b.get(i) + v));
        }

        @Override
        public void copy(Buf src, int from, int to, int n) {
            FloatBuffer s = ((F32) src).b;
            b.put(to, s, from, n);
        }

        @Override
        public void addAll(Buf src, int n) {
            FloatBuffer s = ((F32) src).b;
            for (int i = 0; i < n; i++) {
                b.put(i, b.get(i) + s.get(i));
            }
        }
    }

    public static final class F64 extends Buf {
        private final DoubleBuffer b;

        F64(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        public void add(int i, double v) {
            b.put(i, b.get(i) + v);
        }

        @Override
        public void copy(Buf src, int from, int to, int n) {
            DoubleBuffer s = ((F64) src).b;
            b.put(to, s, from, n);
        }

        @Override
        public void addAll(Buf src, int n) {
            DoubleBuffer s = ((F64) src).b;
            for (int i = 0; i < n; i++) {
                b.put(i, b.get(i) + s.get(i));
            }
        }
    }
}
