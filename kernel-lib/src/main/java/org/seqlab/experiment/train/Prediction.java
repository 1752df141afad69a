package org.seqlab.experiment.train;

import java.util.List;
import java.util.Set;
import org.seqlab.data.Event;

/**
 * What a {@link Decoder} makes of a batch's model scores, typed by what it means. A metric
 * declares the prediction type it reads; a decoder's prediction may also offer simpler views
 * ({@link #as}): scores per target can be read as class ids (their argmax), events as the frame
 * probabilities they were cut from. So one decoder serves every metric a spec lists, and
 * {@link #views} lets the registry check that pairing before a run starts.
 */
public sealed interface Prediction
        permits Prediction.Classes, Prediction.Values, Prediction.Scores, Prediction.FrameProbabilities,
        Prediction.Events, Prediction.Tokens {

    /** Class ids aligned with {@link Target#classIds()} (per example or per frame). */
    record Classes(int[] ids) implements Prediction {}

    /** Real-valued outputs, one per example (regression). */
    record Values(double[] values) implements Prediction {}

    /** A score per (example, target), e.g. log posteriors per language for detection trials. */
    record Scores(float[][] scores) implements Prediction {
        @Override
        public <T extends Prediction> T as(Class<T> type) {
            if (type == Classes.class) {
                int[] ids = new int[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    for (int k = 1; k < scores[i].length; k++) {
                        if (scores[i][k] > scores[i][ids[i]]) {
                            ids[i] = k;
                        }
                    }
                }
                return type.cast(new Classes(ids));
            }
            return Prediction.super.as(type);
        }
    }

    /**
     * Per-frame class probabilities [batch][time][classes] of a multi-label model; rows past an
     * example's length are absent (each {@code p[b]} has exactly its valid frames).
     */
    record FrameProbabilities(float[][][] p) implements Prediction {}

    /** Timed events per example (onset, offset in seconds, label) and the probabilities they came from. */
    record Events(List<List<Event>> events, FrameProbabilities frames) implements Prediction {
        public Events {
            events = List.copyOf(events);
        }

        @Override
        public <T extends Prediction> T as(Class<T> type) {
            return type == FrameProbabilities.class ? type.cast(frames) : Prediction.super.as(type);
        }
    }

    /** A token sequence per example (ids from 1, blanks removed) and its score (log probability, or NaN). */
    record Tokens(int[][] tokens, double[] scores) implements Prediction {}

    /** This prediction as {@code type}: itself or one of the views its type lists in {@link #views}. */
    default <T extends Prediction> T as(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException(getClass().getSimpleName() + " predictions cannot be read as " + type.getSimpleName());
    }

    /** The prediction types a decoder giving {@code type} can be read as. */
    static Set<Class<? extends Prediction>> views(Class<? extends Prediction> type) {
        if (type == Scores.class) {
            return Set.of(Prediction.class, Scores.class, Classes.class);
        }
        if (type == Events.class) {
            return Set.of(Prediction.class, Events.class, FrameProbabilities.class);
        }
        return Set.of(Prediction.class, type);
    }

    /** A readable name for messages: {@code FrameProbabilities} becomes "frame probabilities". */
    static String describe(Class<? extends Prediction> type) {
        return type == Prediction.class ? "any prediction"
                : type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
