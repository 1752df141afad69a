package org.seqlab.audio;

/**
 * Band-limited sample-rate conversion by a polyphase windowed-sinc filter (Kaiser window).
 * The rates' ratio is reduced to up/down; each of the {@code up} output phases gets its own
 * precomputed tap set, so converting espeak-ng's 22.05 kHz to 16 kHz costs one short dot
 * product per output sample. The cutoff sits just below the lower Nyquist frequency so that
 * content above it is rejected instead of folding back as aliases.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side, at the lower of the two rates. */
    private static final int ZERO_CROSSINGS = 16;
    /** Cutoff as a fraction of the lower Nyquist frequency; the rest is transition band. */
    private static final double ROLLOFF = 0.92;
    /** Kaiser beta for about 85 dB stopband attenuation. */
    private static final double BETA = 8.6;
    /** Phase counts above this compute taps on the fly instead of tabulating them. */
    private static final int MAX_TABLE_PHASES = 4096;

    private final int up;
    private final int down;
    private final int halfTaps;
    private final double cutoff;
    private final float[][] table;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        // cutoff in cycles per input sample
        this.cutoff = ROLLOFF * 0.5 * Math.min(1.0, (double) toRate / fromRate);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        this.table = up <= MAX_TABLE_PHASES ? buildTable() : null;
    }

    /** Converts {@code signal} from one rate to another; output length is round(n * to / from). */
    public static float[] resample(float[] signal, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return signal.clone();
        }
        return new Resampler(fromRate, toRate).apply(signal);
    }

    public float[] apply(float[] x) {
        int outLength = (int) Math.round((double) x.length * up / down);
        float[] y = new float[outLength];
        float[] taps = table == null ? new float[2 * halfTaps] : null;
        for (int n = 0; n < outLength; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up);
            int phase = (int) (pos % up);
            float[] h = table != null ? table[phase] : fill(taps, phase);
            int first = base - halfTaps + 1;
            double acc = 0;
            int k0 = Math.max(0, -first);
            int k1 = Math.min(h.length, x.length - first);
            for (int k = k0; k < k1; k++) {
                acc += h[k] * x[first + k];
            }
            y[n] = (float) acc;
        }
        return y;
    }

    private float[][] buildTable() {
        float[][] t = new float[up][];
        for (int p = 0; p < up; p++) {
            t[p] = fill(new float[2 * halfTaps], p);
        }
        return t;
    }

    /** Taps for output phase p: tap k weighs input sample base-halfTaps+1+k. */
    private float[] fill(float[] h, int phase) {
        double frac = (double) phase / up;
        double sum = 0;
        for (int k = 0; k < h.length; k++) {
            double t = frac + halfTaps - 1 - k; // distance from the input sample to the output instant
            double v = 2 * cutoff * sinc(2 * cutoff * t) * kaiser(t / (halfTaps + 1));
            h[k] = (float) v;
            sum += v;
        }
        for (int k = 0; k < h.length; k++) {
            h[k] /= (float) sum; // unit gain at DC in every phase
        }
        return h;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static double kaiser(double x) {
        if (Math.abs(x) >= 1) {
            return 0;
        }
        return besselI0(BETA * Math.sqrt(1 - x * x)) / besselI0(BETA);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
