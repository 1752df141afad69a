package org.seqlab.losses;

/**
 * Sums of probabilities kept as logarithms, the arithmetic of the CTC lattice (its loss here) and
 * of CTC prefix beam search ({@link org.seqlab.decode.ctc}): one definition, so training and
 * decoding add path probabilities the same way.
 */
public final class LogSpace {
    private LogSpace() {}

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** log(exp(a) + exp(b)) without overflow; exact for infinite arguments. */
    public static double add(double a, double b) {
        if (a == NEG_INF) {
            return b;
        }
        if (b == NEG_INF) {
            return a;
        }
        double hi = Math.max(a, b);
        double d = Math.min(a, b) - hi;
        // below e^-40 the smaller term cannot change a double; Math.log is an intrinsic and log1p is
        // not, and log(1 + e) loses only an absolute 1e-16 next to the larger term
        return d < -40 ? hi : hi + Math.log(1 + Math.exp(d));
    }
}
