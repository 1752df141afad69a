package org.seqlab.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads the arrays written by src/test/python/features_reference.py and compares against them. */
final class Reference {
    private Reference() {
    }

    static float[] vector(String name) {
        ByteBuffer b = read(name);
        int rank = b.getInt();
        assertEquals(1, rank, name + " rank");
        float[] v = new float[b.getInt()];
        b.asFloatBuffer().get(v);
        return v;
    }

    static float[][] matrix(String name) {
        ByteBuffer b = read(name);
        int rank = b.getInt();
        assertEquals(2, rank, name + " rank");
        int rows = b.getInt();
        int cols = b.getInt();
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = b.getFloat();
            }
        }
        return m;
    }

    static float[] signal16k() {
        return vector("signal16k");
    }

    static float[] signal22k() {
        return vector("signal22k");
    }

    /**
     * Asserts |actual - expected| <= absolute + relative * |expected| everywhere, and reports the
     * worst element so a failure says where the disagreement is.
     */
    static void assertClose(float[][] expected, float[][] actual, double absolute, double relative, String what) {
        assertEquals(expected.length, actual.length, what + ": frames");
        double worst = 0;
        String where = "";
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, what + ": dimension at frame " + t);
            for (int c = 0; c < expected[t].length; c++) {
                double e = expected[t][c];
                double err = Math.abs(actual[t][c] - e) - (absolute + relative * Math.abs(e));
                if (err > worst || Double.isNaN(actual[t][c])) {
                    worst = Double.isNaN(actual[t][c]) ? Double.POSITIVE_INFINITY : err;
                    where = "[" + t + "][" + c + "] expected " + e + " got " + actual[t][c];
                }
            }
        }
        assertTrue(worst <= 0, what + ": worst element " + where);
    }

    /**
     * For natural-log energies: float32 FFT rounding leaves each power value with an error that is
     * a fixed fraction of the frame's total energy, not of the value, so a bin {@code d} nats below
     * the frame's peak may be off by about {@code floatNoise * e^d} in the log domain. The bound is
     * {@code absolute + relative |e| + floatNoise * exp(rowPeak - e)}.
     */
    static void assertCloseLog(float[][] expected, float[][] actual, double absolute, double relative,
                               double floatNoise, String what) {
        assertEquals(expected.length, actual.length, what + ": frames");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, what + ": dimension at frame " + t);
            double peak = Double.NEGATIVE_INFINITY;
            for (float v : expected[t]) {
                peak = Math.max(peak, v);
            }
            for (int c = 0; c < expected[t].length; c++) {
                double e = expected[t][c];
                double bound = absolute + relative * Math.abs(e) + floatNoise * Math.exp(peak - e);
                assertTrue(Math.abs(actual[t][c] - e) <= bound, what + ": [" + t + "][" + c + "] expected " + e
                        + " got " + actual[t][c] + " (bound " + bound + ")");
            }
        }
    }

    static double maxAbs(float[][] m) {
        double max = 0;
        for (float[] row : m) {
            for (float v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private static ByteBuffer read(String name) {
        String path = "/features/" + name + ".f32";
        try (InputStream in = Reference.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path
                        + "; run /usr/bin/python3 kernel-lib/src/test/python/features_reference.py");
            }
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }
}
