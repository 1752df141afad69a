package org.seqlab.experiment;

import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ChoiceBuilder;

/**
 * Typed builders for the registered feature extractors of an experiment's data, e.g.
 * {@code Features.logMel(40).hop(160)}; the extractors themselves are {@link org.seqlab.features.Features}.
 */
public final class Features {
    private Features() {}

    public static Spectral logMel(int bins) {
        return new Spectral(Choice.of("logmel")).bins(bins);
    }

    public static Mfcc mfcc(int coefficients) {
        return new Mfcc(Choice.of("mfcc")).coefficients(coefficients);
    }

    /** The corpus' own inputs (symbolic and toy tasks). */
    public static None none() {
        return new None(Choice.of("none"));
    }

    public static final class Spectral extends ChoiceBuilder<Spectral> {
        Spectral(Choice c) {
            super(c);
        }

        @Override
        protected Spectral copy(Choice c) {
            return new Spectral(c);
        }

        public Spectral bins(int n) {
            return set("bins", n);
        }

        public Spectral sampleRate(int hz) {
            return set("sample-rate", hz);
        }

        public Spectral win(int samples) {
            return set("win", samples);
        }

        public Spectral hop(int samples) {
            return set("hop", samples);
        }

        public Spectral fft(int size) {
            return set("fft", size);
        }
    }

    public static final class Mfcc extends ChoiceBuilder<Mfcc> {
        Mfcc(Choice c) {
            super(c);
        }

        @Override
        protected Mfcc copy(Choice c) {
            return new Mfcc(c);
        }

        public Mfcc coefficients(int n) {
            return set("coefficients", n);
        }

        public Mfcc bins(int n) {
            return set("bins", n);
        }

        public Mfcc sampleRate(int hz) {
            return set("sample-rate", hz);
        }

        public Mfcc win(int samples) {
            return set("win", samples);
        }

        public Mfcc hop(int samples) {
            return set("hop", samples);
        }

        public Mfcc fft(int size) {
            return set("fft", size);
        }
    }

    public static final class None extends ChoiceBuilder<None> {
        None(Choice c) {
            super(c);
        }

        @Override
        protected None copy(Choice c) {
            return new None(c);
        }
    }
}
