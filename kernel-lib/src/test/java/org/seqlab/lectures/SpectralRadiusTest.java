package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpectralRadiusTest {

    @Test
    void scaledRotationHasComplexPairOfKnownModulus() {
        double th = 0.7;
        INDArray r = Nd4j.create(new double[][] {{Math.cos(th), -Math.sin(th)}, {Math.sin(th), Math.cos(th)}}).mul(0.7);
        assertEquals(0.7, SpectralRadius.of(r), 1e-9);
    }

    @Test
    void companionMatrixRadiusIsLargestRootModulus() {
        // roots 0.5, -1.2, 0.3 +- 0.9i: moduli 0.5, 1.2, 0.949 -> rho = 1.2
        double[] p = multiply(multiply(new double[] {-0.5, 1}, new double[] {1.2, 1}), new double[] {0.9, -0.6, 1});
        int n = p.length - 1;
        double[][] c = new double[n][n];
        for (int i = 1; i < n; i++) {
            c[i][i - 1] = 1;
        }
        for (int i = 0; i < n; i++) {
            c[i][n - 1] = -p[i];
        }
        assertEquals(1.2, SpectralRadius.of(Nd4j.create(c)), 1e-9);
        // the transpose has the same eigenvalues
        assertEquals(1.2, SpectralRadius.of(Nd4j.create(c).transpose().dup()), 1e-9);
    }

    @Test
    void defectiveJordanBlockConvergesToItsEigenvalue() {
        INDArray j = Nd4j.create(new double[][] {{1.1, 1.0}, {0.0, 1.1}});
        assertEquals(1.1, SpectralRadius.of(j), 1e-9);
    }

    @Test
    void scalingARandomMatrixHitsTheTargetAndIsLinear() {
        Random rng = new Random(3);
        double[][] a = new double[24][24];
        for (double[] row : a) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        INDArray m = Nd4j.create(a);
        double rho = SpectralRadius.of(m);
        // a random Gaussian n x n matrix has rho close to sqrt(n) (circular law)
        assertTrue(rho > 0.6 * Math.sqrt(24) && rho < 1.4 * Math.sqrt(24), "rho " + rho);
        assertEquals(3 * rho, SpectralRadius.of(m.mul(3)), 1e-9 * rho);
        for (double target : new double[] {0.5, 1.0, 1.5}) {
            assertEquals(target, SpectralRadius.of(SpectralRadius.scaledTo(m, target)), 1e-9);
        }
    }

    @Test
    void nilpotentAndNonSquareAreRejectedClearly() {
        INDArray nil = Nd4j.create(new double[][] {{0, 1}, {0, 0}});
        assertEquals(0.0, SpectralRadius.of(nil), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> SpectralRadius.scaledTo(nil, 1.0));
        assertTrue(e.getMessage().contains("nilpotent"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> SpectralRadius.of(Nd4j.zeros(2, 3)));
        assertTrue(e2.getMessage().contains("[2, 3]"), e2.getMessage());
    }

    /** Coefficients in increasing powers. */
    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i + j] += a[i] * b[j];
            }
        }
        return c;
    }
}
