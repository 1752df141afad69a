package org.seqlab.lectures;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The spectral radius (largest eigenvalue modulus) of a square matrix, for setting a
 * recurrent weight matrix to the regime the BPTT lecture discusses: below 1 gradients
 * vanish, above 1 they may explode.
 *
 * <p>Recurrent weights are not symmetric and their leading eigenvalues usually come in
 * complex pairs of equal modulus, where power iteration does not converge. Gelfand's
 * formula {@code rho = lim ||A^m||^(1/m)} does, whatever the spectrum; it is evaluated here
 * by repeated squaring with rescaling, so {@code m = 2^k} grows fast without overflow. The
 * error of the estimate is about {@code log(kappa)/m} for an eigenvector conditioning
 * {@code kappa}, negligible after 40 squarings.
 */
public final class SpectralRadius {
    private static final int SQUARINGS = 40;

    private SpectralRadius() {}

    public static double of(INDArray matrix) {
        double[][] a = toSquare(matrix);
        int n = a.length;
        double logScale = 0;
        double norm = frobenius(a);
        if (norm == 0) {
            return 0;
        }
        scale(a, 1 / norm);
        logScale = Math.log(norm);
        double power = 1;
        for (int k = 0; k < SQUARINGS; k++) {
            a = multiply(a, a, n);
            power *= 2;
            logScale *= 2;
            double f = frobenius(a);
            if (f == 0) {
                return 0;
            }
            scale(a, 1 / f);
            logScale += Math.log(f);
        }
        // A^power = a * exp(logScale) with ||a|| = 1.
        return Math.exp(logScale / power);
    }

    /** A copy of {@code matrix} multiplied so that its spectral radius is {@code target}. */
    public static INDArray scaledTo(INDArray matrix, double target) {
        if (!(target >= 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("target spectral radius must be finite and >= 0, got " + target);
        }
        double rho = of(matrix);
        if (rho == 0) {
            throw new IllegalArgumentException("matrix " + Arrays.toString(matrix.shape())
                    + " is nilpotent (spectral radius 0) and cannot be scaled to " + target);
        }
        return matrix.mul(target / rho);
    }

    private static double[][] toSquare(INDArray m) {
        if (m.rank() != 2 || m.size(0) != m.size(1)) {
            throw new IllegalArgumentException("spectral radius needs a square matrix, got shape " + Arrays.toString(m.shape()));
        }
        int n = (int) m.size(0);
        double[][] a = m.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("spectral radius of a matrix with non-finite entries (" + v + ")");
                }
            }
        }
        return n == 0 ? new double[0][0] : a;
    }

    private static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static void scale(double[][] a, double f) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= f;
            }
        }
    }

    private static double[][] multiply(double[][] a, double[][] b, int n) {
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                double[] bk = b[k];
                double[] ci = c[i];
                for (int j = 0; j < n; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }
}
