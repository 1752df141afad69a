package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MfccTest {

    @Test
    void dctIsOrthonormal() {
        float[][] d = Mfcc.dctMatrix(Mfcc.coefficients(40));
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                double dot = 0;
                for (int n = 0; n < 40; n++) {
                    dot += d[i][n] * d[j][n];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-5, "row " + i + " . row " + j);
            }
        }
    }

    @Test
    void silenceGivesOnlyC0() {
        // Every log-mel value is ln(1e-10); the DCT of a constant c over N bins is c sqrt(N) in c0, 0 elsewhere.
        float[][] m = Mfcc.coefficients(13).extract(new float[4000], 16000);
        double c = Math.log(1e-10);
        for (float[] row : m) {
            assertEquals(c * Math.sqrt(40), row[0], 1e-3);
            for (int k = 1; k < 13; k++) {
                assertEquals(0.0, row[k], 1e-3);
            }
        }
    }

    @Test
    void mfccIsTheDctOfTheLogMel() {
        float[] x = Reference.signal16k();
        Mfcc spec = Mfcc.coefficients(13);
        float[][] mel = spec.mel().extract(x, 16000);
        float[][] mfcc = spec.extract(x, 16000);
        for (int t = 0; t < mel.length; t += 17) {
            for (int k = 0; k < 13; k++) {
                double s = 0;
                for (int n = 0; n < 40; n++) {
                    s += mel[t][n] * Math.cos(Math.PI * k * (n + 0.5) / 40) * Math.sqrt(2.0 / 40) * (k == 0 ? Math.sqrt(0.5) : 1);
                }
                assertEquals(s, mfcc[t][k], 1e-4 * (1 + Math.abs(s)));
            }
        }
    }
}
