package org.seqlab.experiment;

import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ChoiceBuilder;

/**
 * Typed builders for the registered models, e.g. {@code Models.gru().hidden(64).layers(2)}; each
 * is the same spec as its YAML ({@code model: {name: gru, hidden: 64, layers: 2}}). Unset
 * parameters keep the entry's defaults.
 */
public final class Models {
    private Models() {}

    public static Recurrent lstm() {
        return new Recurrent(Choice.of("lstm"));
    }

    public static Recurrent gru() {
        return new Recurrent(Choice.of("gru"));
    }

    public static Rnn rnn() {
        return new Rnn(Choice.of("rnn"));
    }

    public static Generator generator() {
        return new Generator(Choice.of("generator"));
    }

    /** The hierarchical GRU of lecture 06 (segment GRU, utterance GRU, attention or mean pooling). */
    public static Hierarchical hgru() {
        return new Hierarchical(Choice.of("hgru"));
    }

    /** {@code lstm} and {@code gru}: recurrent layers and a linear read-out. */
    public static class Recurrent extends ChoiceBuilder<Recurrent> {
        Recurrent(Choice c) {
            super(c);
        }

        @Override
        protected Recurrent copy(Choice c) {
            return new Recurrent(c);
        }

        public Recurrent hidden(int units) {
            return set("hidden", units);
        }

        public Recurrent layers(int n) {
            return set("layers", n);
        }

        public Recurrent bidirectional(boolean on) {
            return set("bidirectional", on);
        }

        public Recurrent dropout(double p) {
            return set("dropout", p);
        }

        /** {@code last} or {@code mean}: how one answer per sequence is read out. */
        public Recurrent pool(String how) {
            return set("pool", how);
        }
    }

    /** The simple (tanh) RNN, whose recurrent weights can be scaled to a spectral radius. */
    public static final class Rnn extends ChoiceBuilder<Rnn> {
        Rnn(Choice c) {
            super(c);
        }

        @Override
        protected Rnn copy(Choice c) {
            return new Rnn(c);
        }

        public Rnn hidden(int units) {
            return set("hidden", units);
        }

        public Rnn layers(int n) {
            return set("layers", n);
        }

        public Rnn bidirectional(boolean on) {
            return set("bidirectional", on);
        }

        public Rnn dropout(double p) {
            return set("dropout", p);
        }

        public Rnn pool(String how) {
            return set("pool", how);
        }

        public Rnn spectralRadius(double radius) {
            return set("spectral-radius", radius);
        }
    }

    /** Lecture 1's generator, trained with or without teacher forcing. */
    public static final class Generator extends ChoiceBuilder<Generator> {
        Generator(Choice c) {
            super(c);
        }

        @Override
        protected Generator copy(Choice c) {
            return new Generator(c);
        }

        public Generator cell(String name) {
            return set("cell", name);
        }

        public Generator hidden(int units) {
            return set("hidden", units);
        }

        public Generator teacherForcing(boolean on) {
            return set("teacher-forcing", on);
        }

        public Generator prompt(int steps) {
            return set("prompt", steps);
        }
    }

    /** {@code hgru}: windows of {@code segment} frames every {@code hop}, two GRU levels, pooled over segments. */
    public static final class Hierarchical extends ChoiceBuilder<Hierarchical> {
        Hierarchical(Choice c) {
            super(c);
        }

        @Override
        protected Hierarchical copy(Choice c) {
            return new Hierarchical(c);
        }

        public Hierarchical hidden(int units) {
            return set("hidden", units);
        }

        public Hierarchical utteranceHidden(int units) {
            return set("utterance-hidden", units);
        }

        public Hierarchical segment(int frames) {
            return set("segment", frames);
        }

        public Hierarchical hop(int frames) {
            return set("hop", frames);
        }

        /** {@code attention} or {@code mean}. */
        public Hierarchical pool(String how) {
            return set("pool", how);
        }

        public Hierarchical attention(int units) {
            return set("attention", units);
        }

        public Hierarchical dropout(double p) {
            return set("dropout", p);
        }
    }
}
