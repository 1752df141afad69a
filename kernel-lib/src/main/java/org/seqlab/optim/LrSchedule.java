package org.seqlab.optim;

/**
 * A learning-rate factor per step (step 0 is the first update): the optimizer's groups use
 * {@code base rate x factor(step)}. Call {@code optimizer.setLearningRateFactor(schedule.factor(step))}
 * before each {@code step()}.
 */
@FunctionalInterface
public interface LrSchedule {
    double factor(long step);

    static LrSchedule constant() {
        return step -> 1.0;
    }

    /** Multiplies by {@code gamma} every {@code every} steps: gamma^(step / every). */
    static LrSchedule step(long every, double gamma) {
        if (every <= 0) {
            throw new IllegalArgumentException("step schedule: period must be > 0, got " + every);
        }
        return step -> Math.pow(gamma, step / every);
    }

    /**
     * Cosine decay from 1 to {@code minFactor} over {@code total} steps, then {@code minFactor}:
     * {@code min + (1 - min)(1 + cos(pi step / total)) / 2}.
     */
    static LrSchedule cosine(long total, double minFactor) {
        if (total <= 0) {
            throw new IllegalArgumentException("cosine schedule: total steps must be > 0, got " + total);
        }
        return step -> step >= total ? minFactor
                : minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * step / total));
    }

    /**
     * Linear warm-up from {@code 1 / warmup} to 1 over the first {@code warmup} steps, then
     * {@code after} shifted so that its step 0 is the first step after warm-up.
     */
    static LrSchedule warmup(long warmup, LrSchedule after) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmup);
        }
        return step -> step < warmup ? (step + 1.0) / warmup : after.factor(step - warmup);
    }
}
