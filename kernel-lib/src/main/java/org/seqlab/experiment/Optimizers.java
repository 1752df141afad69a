package org.seqlab.experiment;

import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ChoiceBuilder;

/**
 * Typed builders for the registered optimizers and schedules, for
 * {@code Train.with(Optimizers.adam().lr(3e-3).beta2(0.98)).schedule(Optimizers.cosine().warmup(100))};
 * {@code Train.adam(3e-3)} is the short form of the first.
 */
public final class Optimizers {
    private Optimizers() {}

    public static Adam adam() {
        return new Adam(Choice.of("adam"));
    }

    public static Adam adamw() {
        return new Adam(Choice.of("adamw"));
    }

    public static Sgd sgd() {
        return new Sgd(Choice.of("sgd"));
    }

    public static Constant constant() {
        return new Constant(Choice.of("constant"));
    }

    public static Step step() {
        return new Step(Choice.of("step"));
    }

    public static Cosine cosine() {
        return new Cosine(Choice.of("cosine"));
    }

    /** {@code adam} and {@code adamw} (whose weight decay is decoupled). */
    public static final class Adam extends ChoiceBuilder<Adam> {
        Adam(Choice c) {
            super(c);
        }

        @Override
        protected Adam copy(Choice c) {
            return new Adam(c);
        }

        public Adam lr(double rate) {
            return set("lr", rate);
        }

        public Adam beta1(double b) {
            return set("beta1", b);
        }

        public Adam beta2(double b) {
            return set("beta2", b);
        }

        public Adam eps(double e) {
            return set("eps", e);
        }

        public Adam weightDecay(double w) {
            return set("weight-decay", w);
        }
    }

    public static final class Sgd extends ChoiceBuilder<Sgd> {
        Sgd(Choice c) {
            super(c);
        }

        @Override
        protected Sgd copy(Choice c) {
            return new Sgd(c);
        }

        public Sgd lr(double rate) {
            return set("lr", rate);
        }

        public Sgd momentum(double m) {
            return set("momentum", m);
        }

        public Sgd nesterov(boolean on) {
            return set("nesterov", on);
        }

        public Sgd weightDecay(double w) {
            return set("weight-decay", w);
        }
    }

    public static final class Constant extends ChoiceBuilder<Constant> {
        Constant(Choice c) {
            super(c);
        }

        @Override
        protected Constant copy(Choice c) {
            return new Constant(c);
        }
    }

    public static final class Step extends ChoiceBuilder<Step> {
        Step(Choice c) {
            super(c);
        }

        @Override
        protected Step copy(Choice c) {
            return new Step(c);
        }

        public Step every(int steps) {
            return set("every", steps);
        }

        public Step gamma(double factor) {
            return set("gamma", factor);
        }
    }

    public static final class Cosine extends ChoiceBuilder<Cosine> {
        Cosine(Choice c) {
            super(c);
        }

        @Override
        protected Cosine copy(Choice c) {
            return new Cosine(c);
        }

        public Cosine warmup(int steps) {
            return set("warmup", steps);
        }

        public Cosine minFactor(double f) {
            return set("min-factor", f);
        }
    }
}
