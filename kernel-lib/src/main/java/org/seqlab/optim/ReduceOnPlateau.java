package org.seqlab.optim;

/**
 * Lowers the learning rate when a validation metric stops improving: after more than
 * {@code patience} evaluations without an improvement larger than {@code threshold} (relative),
 * the factor is multiplied by {@code decay}, never below {@code minFactor}. Unlike the step-based
 * schedules it reacts to results, so it is driven by {@link #observe(double)} once per evaluation.
 */
public final class ReduceOnPlateau {
    private final Optimizer optimizer;
    private final boolean minimize;
    private final double decay;
    private final int patience;
    private final double threshold;
    private final double minFactor;
    private double best;
    private int bad;

    public ReduceOnPlateau(Optimizer optimizer, boolean minimize, double decay, int patience, double threshold,
            double minFactor) {
        if (!(decay > 0 && decay < 1) || patience < 0) {
            throw new IllegalArgumentException("reduce-on-plateau: decay must be in (0, 1) and patience >= 0, got "
                    + decay + ", " + patience);
        }
        this.optimizer = optimizer;
        this.minimize = minimize;
        this.decay = decay;
        this.patience = patience;
        this.threshold = threshold;
        this.minFactor = minFactor;
        this.best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Minimises a loss with PyTorch's defaults: decay 0.1, patience 10, threshold 1e-4 relative. */
    public ReduceOnPlateau(Optimizer optimizer) {
        this(optimizer, true, 0.1, 10, 1e-4, 0);
    }

    /** Records one evaluation's metric; returns the factor now in effect. */
    public double observe(double metric) {
        boolean better = minimize ? metric < best * (1 - Math.signum(best) * threshold)
                : metric > best * (1 + Math.signum(best) * threshold);
        if (Double.isInfinite(best)) {
            better = !Double.isNaN(metric);
        }
        if (better) {
            best = metric;
            bad = 0;
        } else if (++bad > patience) {
            optimizer.setLearningRateFactor(Math.max(minFactor, optimizer.learningRateFactor() * decay));
            bad = 0;
        }
        return optimizer.learningRateFactor();
    }
}
