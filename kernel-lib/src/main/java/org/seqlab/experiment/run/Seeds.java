package org.seqlab.experiment.run;

/**
 * Derives independent seeds from (run seed, epoch, step), so every random draw is a pure
 * function of where training is: resuming needs only the counters, never a generator's state.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, long... coordinates) {
        long h = mix(seed ^ 0x5EC1AB5EEDL);
        for (long c : coordinates) {
            h = mix(h + 0x9E3779B97F4A7C15L * (c + 1));
        }
        return h;
    }

    /** SplitMix64's finaliser: consecutive inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A permutation of 0..n-1 (Fisher-Yates) from the given seed. */
    public static int[] permutation(int n, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
