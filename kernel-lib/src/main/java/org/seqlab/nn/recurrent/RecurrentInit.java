package org.seqlab.nn.recurrent;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The initial weights of the recurrent layers: Glorot-uniform input weights (keeps the
 * variance of the pre-activations independent of the input size), an orthogonal matrix per
 * gate for the recurrent weights (singular values 1, so early gradients neither vanish nor
 * explode through the recurrence), zero biases except 1 on the LSTM forget gate (remember
 * by default). Deterministic for a given seed.
 */
final class RecurrentInit {
    private RecurrentInit() {}

    /** Glorot-uniform [rows, cols] with fan-in {@code fanIn} and fan-out {@code fanOut}. */
    static INDArray glorot(Random rng, DataType type, int rows, int cols, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * limit;
        }
        return Nd4j.createFromArray(v).reshape(rows, cols).castTo(type);
    }

    /**
     * [h, gates*h]: an independent random orthogonal h x h block per gate (Gram-Schmidt on a
     * Gaussian matrix). {@code transposed} gives the [gates*h, h] layout.
     */
    static INDArray orthogonalPerGate(Random rng, DataType type, int h, int gates, boolean transposed) {
        double[][] out = new double[h][gates * h];
        for (int g = 0; g < gates; g++) {
            double[][] q = orthogonal(rng, h);
            for (int i = 0; i < h; i++) {
                System.arraycopy(q[i], 0, out[i], g * h, h);
            }
        }
        INDArray a = Nd4j.createFromArray(out).castTo(type);
        return transposed ? a.transpose().dup('c') : a;
    }

    private static double[][] orthogonal(Random rng, int n) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = rng.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += q[i][j] * q[p][j];
                }
                for (int j = 0; j < n; j++) {
                    q[i][j] -= dot * q[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i][j] * q[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                q[i][j] /= norm;
            }
        }
        return q;
    }

    /** Zero biases for {@code gates} gates, with the gate {@code ones} (or none if -1) set to 1. */
    static INDArray bias(DataType type, int h, int gates, int ones) {
        INDArray b = Nd4j.zeros(type, (long) gates * h);
        if (ones >= 0) {
            for (int j = 0; j < h; j++) {
                b.putScalar((long) ones * h + j, 1.0);
            }
        }
        return b;
    }
}
