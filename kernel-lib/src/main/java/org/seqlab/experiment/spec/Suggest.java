package org.seqlab.experiment.spec;

import java.util.Collection;

/** Nearest valid name for a misspelled key or choice, by edit distance. */
public final class Suggest {
    private Suggest() {}

    /**
     * The candidate closest to {@code typed}, or null when none is close enough to be a plausible
     * typo: distance at most a third of the longer name (at least 2), or one name
     * extending the other ({@code batchsize} for {@code batch}).
     */
    public static String nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String a = typed.toLowerCase();
            String b = c.toLowerCase();
            boolean extended = Math.min(a.length(), b.length()) >= 3 && (a.startsWith(b) || b.startsWith(a));
            int d = extended ? 1 : distance(a, b);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        int allowed = Math.max(2, Math.max(typed.length(), best.length()) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
