package org.seqlab.audio;

import java.util.Arrays;

/** Level measurements and edits on mono signals, shared by the corpus generators. */
public final class Signals {
    private Signals() {
    }

    public static double rms(float[] x) {
        return rms(x, 0, x.length);
    }

    public static double rms(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) x[i] * x[i];
        }
        return to > from ? Math.sqrt(e / (to - from)) : 0;
    }

    /** Energy of consecutive frames of {@code frame} samples, in dB (floor -200). */
    public static double[] frameDb(float[] x, int frame) {
        double[] db = new double[(x.length + frame - 1) / frame];
        for (int f = 0; f < db.length; f++) {
            double r = rms(x, f * frame, Math.min(x.length, (f + 1) * frame));
            db[f] = r > 0 ? 20 * Math.log10(r) : -200;
        }
        return db;
    }

    /**
     * RMS over the frames within {@code rangeDb} of the loudest one: the level of a sound
     * while it sounds, so a train of clicks and a steady hum at the same "active" level are
     * equally loud against a background.
     */
    public static double activeRms(float[] x, int frame, double rangeDb) {
        double[] db = frameDb(x, frame);
        double peak = Arrays.stream(db).max().orElse(-200);
        double e = 0;
        int n = 0;
        for (int f = 0; f < db.length; f++) {
            if (db[f] >= peak - rangeDb) {
                int from = f * frame;
                int to = Math.min(x.length, from + frame);
                for (int i = from; i < to; i++) {
                    e += (double) x[i] * x[i];
                }
                n += to - from;
            }
        }
        return n > 0 ? Math.sqrt(e / n) : 0;
    }

    /**
     * Cuts leading and trailing frames more than {@code belowPeakDb} below the loudest frame,
     * so that an event's label spans exactly its audible part.
     */
    public static float[] trim(float[] x, int frame, double belowPeakDb) {
        double[] db = frameDb(x, frame);
        double peak = Arrays.stream(db).max().orElse(-200);
        int first = 0;
        while (first < db.length && db[first] < peak - belowPeakDb) {
            first++;
        }
        int last = db.length - 1;
        while (last > first && db[last] < peak - belowPeakDb) {
            last--;
        }
        if (first >= db.length) {
            return new float[0];
        }
        return Arrays.copyOfRange(x, first * frame, Math.min(x.length, (last + 1) * frame));
    }

    /** Cuts leading and trailing frames whose RMS is below {@code floorRms}. */
    public static float[] trimBelow(float[] x, int frame, double floorRms) {
        int frames = (x.length + frame - 1) / frame;
        int first = 0;
        while (first < frames && rms(x, first * frame, Math.min(x.length, (first + 1) * frame)) < floorRms) {
            first++;
        }
        if (first == frames) {
            return new float[0];
        }
        int last = frames - 1;
        while (last > first && rms(x, last * frame, Math.min(x.length, (last + 1) * frame)) < floorRms) {
            last--;
        }
        return Arrays.copyOfRange(x, first * frame, Math.min(x.length, (last + 1) * frame));
    }

    public static float[] scale(float[] x, double gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * gain);
        }
        return y;
    }

    /** Linear fade-in and fade-out of {@code n} samples each, in place, to avoid clicks at cuts. */
    public static float[] fade(float[] x, int n) {
        int m = Math.min(n, x.length / 2);
        for (int i = 0; i < m; i++) {
            float g = (float) i / m;
            x[i] *= g;
            x[x.length - 1 - i] *= g;
        }
        return x;
    }

    public static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
