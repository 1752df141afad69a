package org.seqlab.nn.recurrent;

/**
 * Branch-free float tanh and sigmoid for the gate loops. {@code Math.tanh} is not a JIT
 * intrinsic on JDK 17 and costs tens of nanoseconds; this rational approximation (the
 * minimax form used by Eigen for float) is accurate to a few float ulps and uses only
 * multiply, add, divide, min and max, so the JIT can vectorise the loops that call it.
 * The float64 path of the recurrent ops uses {@code Math.tanh} instead.
 */
public final class FastMath {
    private FastMath() {}

    /** Beyond this |x| float tanh rounds to +-1. */
    private static final float CLAMP = 7.90531110763549805f;

    public static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float x2 = c * c;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * c;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return p / q;
    }

    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
