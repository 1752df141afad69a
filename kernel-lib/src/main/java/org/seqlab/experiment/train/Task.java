package org.seqlab.experiment.train;

import java.util.List;

/**
 * The shape of a task: what one example's reference is ({@link #reference()}, a {@link Target}
 * type) and therefore how a model's scores line up with it. Registry entries for losses, decoders
 * and metrics declare the tasks they accept, so a spec that pairs, say, a token-sequence decoder
 * with a classification dataset fails when its components are built, not at the first evaluation.
 *
 * <p>Model outputs per task: [batch, classes] for {@link #CLASSIFICATION}; [batch, 1] for
 * {@link #REGRESSION}; [batch, time, outputs] for the three per-frame tasks. An utterance scored
 * against every target (language identification) is a {@link #CLASSIFICATION} task decoded into
 * {@link Prediction.Scores} rather than class ids.
 */
public enum Task {
    /** Sequence to class (spoken words, final parity); also utterance to a score per target (LID). */
    CLASSIFICATION("sequence -> class", Target.Classes.class, false),
    /** Sequence to a class per frame (language models, running parity, copy). */
    FRAME_CLASSIFICATION("sequence -> class per frame", Target.FrameClasses.class, true),
    /** Sequence to a real value (the adding problem). */
    REGRESSION("sequence -> value", Target.Values.class, false),
    /**
     * Clip to multi-label tags plus frame-level multi-label activity (sound event detection),
     * trained from weak (clip) or strong (frame) labels and scored on strong events.
     */
    TAGGING("clip -> tags and frame activity", Target.Tags.class, true),
    /** Sequence to a label sequence (speech recognition: CTC, attention); output class 0 is the blank. */
    TRANSCRIPTION("sequence -> label sequence", Target.Tokens.class, true);

    private final String description;
    private final Class<? extends Target> reference;
    private final boolean perFrame;

    Task(String description, Class<? extends Target> reference, boolean perFrame) {
        this.description = description;
        this.reference = reference;
        this.perFrame = perFrame;
    }

    /** The {@link Target} type a batch of this task carries. */
    public Class<? extends Target> reference() {
        return reference;
    }

    /** True when the model scores every frame ([batch, time, outputs]). */
    public boolean perFrame() {
        return perFrame;
    }

    /** The YAML-style name used in messages, e.g. {@code frame-classification}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    public static final List<Task> ALL = List.of(values());
}
