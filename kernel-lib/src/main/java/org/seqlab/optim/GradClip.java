package org.seqlab.optim;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.ops.Sums;
import org.seqlab.nn.Parameter;

/** Gradient clipping, applied between {@code backward()} and {@code step()}. */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code maxNorm}
     * (the direction is kept; exploding RNN gradients need this). Returns the norm before clipping.
     */
    public static double byGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        double sq = 0;
        for (Parameter p : parameters) {
            INDArray g = p.grad();
            if (g != null) {
                sq += Sums.squares(g);
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            double s = maxNorm / (norm + 1e-6);
            for (Parameter p : parameters) {
                if (p.grad() != null) {
                    Sums.scale(p.grad(), s);
                }
            }
        }
        return norm;
    }

    /** Clamps every gradient element into [-limit, limit]. */
    public static void byValue(Collection<Parameter> parameters, double limit) {
        for (Parameter p : parameters) {
            INDArray g = p.grad();
            if (g != null) {
                Sums.clamp(g, limit);
            }
        }
    }
}
