package org.seqlab.experiment;

import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ChoiceBuilder;

/** Typed builders for the registered losses, e.g. {@code Losses.crossEntropy().smoothing(0.1)}. */
public final class Losses {
    private Losses() {}

    public static CrossEntropy crossEntropy() {
        return new CrossEntropy(Choice.of("cross-entropy"));
    }

    public static Mse mse() {
        return new Mse(Choice.of("mse"));
    }

    public static BinaryCrossEntropy binaryCrossEntropy() {
        return new BinaryCrossEntropy(Choice.of("binary-cross-entropy"));
    }

    /** Lecture 04: frame detectors trained from clip tags through a clip-level pooling. */
    public static WeakLabels weakLabels() {
        return new WeakLabels(Choice.of("weak-labels"));
    }

    /** The CTC loss for transcription (no frame alignment needed); blank class 0 unless set. */
    public static Ctc ctc() {
        return new Ctc(Choice.of("ctc"));
    }

    /**
     * Cross-entropy of a step-by-step decoder against each reference token and the end class
     * after it: seq2seq and captions (lecture 03), the LAS speller and, with {@code ctcWeight},
     * the hybrid CTC/attention model (lecture 05).
     */
    public static Seq2SeqCrossEntropy seq2seqCrossEntropy() {
        return new Seq2SeqCrossEntropy(Choice.of("seq2seq-cross-entropy"));
    }

    public static final class Seq2SeqCrossEntropy extends ChoiceBuilder<Seq2SeqCrossEntropy> {
        Seq2SeqCrossEntropy(Choice c) {
            super(c);
        }

        @Override
        protected Seq2SeqCrossEntropy copy(Choice c) {
            return new Seq2SeqCrossEntropy(c);
        }

        /** Label smoothing of the decoder's targets. */
        public Seq2SeqCrossEntropy smoothing(double epsilon) {
            return set("smoothing", epsilon);
        }

        /** lambda in lambda CTC + (1 - lambda) cross-entropy; needs a model with a CTC head (las, ctc: true). */
        public Seq2SeqCrossEntropy ctcWeight(double lambda) {
            return set("ctc-weight", lambda);
        }
    }

    public static final class CrossEntropy extends ChoiceBuilder<CrossEntropy> {
        CrossEntropy(Choice c) {
            super(c);
        }

        @Override
        protected CrossEntropy copy(Choice c) {
            return new CrossEntropy(c);
        }

        public CrossEntropy smoothing(double epsilon) {
            return set("smoothing", epsilon);
        }
    }

    public static final class Mse extends ChoiceBuilder<Mse> {
        Mse(Choice c) {
            super(c);
        }

        @Override
        protected Mse copy(Choice c) {
            return new Mse(c);
        }
    }

    public static final class BinaryCrossEntropy extends ChoiceBuilder<BinaryCrossEntropy> {
        BinaryCrossEntropy(Choice c) {
            super(c);
        }

        @Override
        protected BinaryCrossEntropy copy(Choice c) {
            return new BinaryCrossEntropy(c);
        }

        /** {@code strong} (frame activity) or {@code weak} (clip tags). */
        public BinaryCrossEntropy labels(String kind) {
            return set("labels", kind);
        }
    }

    public static final class Ctc extends ChoiceBuilder<Ctc> {
        Ctc(Choice c) {
            super(c);
        }

        @Override
        protected Ctc copy(Choice c) {
            return new Ctc(c);
        }

        /** The class index of the blank. */
        public Ctc blank(int index) {
            return set("blank", index);
        }
    }

    public static final class WeakLabels extends ChoiceBuilder<WeakLabels> {
        WeakLabels(Choice c) {
            super(c);
        }

        @Override
        protected WeakLabels copy(Choice c) {
            return new WeakLabels(c);
        }

        /** {@code max}, {@code max-cosine}, {@code attention}, {@code mean} or {@code fsl}. */
        public WeakLabels pooling(String how) {
            return set("pooling", how);
        }

        /** Weight of the cosine similarity penalty ({@code max-cosine}). */
        public WeakLabels alpha(double weight) {
            return set("alpha", weight);
        }
    }
}
