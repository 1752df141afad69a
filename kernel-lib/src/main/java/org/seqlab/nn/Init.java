package org.seqlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.ops.Buf;

/**
 * Weight initialisers. Fan-in and fan-out follow the engine's layouts: a dense weight is
 * [in, out]; a convolution kernel is [out, in, k...] (fan-in = in * prod(k), fan-out = out * prod(k)).
 * All values come from an {@link Rng}, so a seed fixes them.
 */
public final class Init {
    private Init() {}

    /** Glorot/Xavier uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)); keeps variance through tanh/sigmoid layers. */
    public static INDArray glorotUniform(Rng rng, DataType type, long... shape) {
        long[] f = fans(shape);
        double a = Math.sqrt(6.0 / (f[0] + f[1]));
        return rng.uniform(type, -a, a, shape);
    }

    /** Glorot/Xavier normal: N(0, 2 / (fanIn + fanOut)). */
    public static INDArray glorotNormal(Rng rng, DataType type, long... shape) {
        long[] f = fans(shape);
        return rng.normal(type, 0, Math.sqrt(2.0 / (f[0] + f[1])), shape);
    }

    /** He/Kaiming uniform for ReLU layers: U(-a, a), a = sqrt(6 / fanIn). */
    public static INDArray heUniform(Rng rng, DataType type, long... shape) {
        return rng.uniform(type, -Math.sqrt(6.0 / fans(shape)[0]), Math.sqrt(6.0 / fans(shape)[0]), shape);
    }

    /** He/Kaiming normal for ReLU layers: N(0, 2 / fanIn). */
    public static INDArray heNormal(Rng rng, DataType type, long... shape) {
        return rng.normal(type, 0, Math.sqrt(2.0 / fans(shape)[0]), shape);
    }

    public static INDArray constant(DataType type, double value, long... shape) {
        return Nd4j.valueArrayOf(shape, value, type);
    }

    /**
     * A random orthogonal [rows, cols] matrix (orthonormal rows or columns, whichever are fewer),
     * scaled by {@code gain}: recurrent weights that neither shrink nor blow up the state at first.
     * Gram-Schmidt on a Gaussian matrix, in Java so that it is seed-exact.
     */
    public static INDArray orthogonal(Rng rng, DataType type, double gain, long rows, long cols) {
        int n = Math.toIntExact(Math.max(rows, cols));
        int k = Math.toIntExact(Math.min(rows, cols));
        double[][] v = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] = rng.normal();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < i; p++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += v[i][j] * v[p][j];
                    }
                    for (int j = 0; j < n; j++) {
                        v[i][j] -= dot * v[p][j];
                    }
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += v[i][j] * v[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                v[i][j] /= norm;
            }
        }
        INDArray out = Nd4j.createUninitialized(type, rows, cols);
        Buf b = Buf.of(out);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = rows <= cols ? v[r][c] : v[c][r];
                b.set(Math.toIntExact(r * cols + c), gain * x);
            }
        }
        return out;
    }

    /**
     * Sets the forget-gate slice of a gate bias to {@code value} (1 is the usual choice, so an LSTM
     * remembers by default). {@code bias} holds {@code gates} blocks of {@code hidden} values;
     * {@code gate} is the forget gate's block index in the layer's documented gate order.
     */
    public static void forgetGateBias(INDArray bias, int gates, int gate, long hidden, double value) {
        if (bias.length() != gates * hidden) {
            throw new IllegalArgumentException("forget-gate bias: bias of shape " + Arrays.toString(bias.shape())
                    + " does not hold " + gates + " gates of " + hidden);
        }
        INDArray flat = bias.reshape(bias.length());
        for (long i = gate * hidden; i < (gate + 1) * hidden; i++) {
            flat.putScalar(i, value);
        }
    }

    /** [fanIn, fanOut] for a dense [in, out] weight or a conv kernel [out, in, k...]. */
    static long[] fans(long... shape) {
        if (shape.length == 1) {
            return new long[] {shape[0], shape[0]};
        }
        if (shape.length == 2) {
            return new long[] {shape[0], shape[1]};
        }
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        return new long[] {shape[1] * receptive, shape[0] * receptive};
    }
}
