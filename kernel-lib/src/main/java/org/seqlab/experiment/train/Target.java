package org.seqlab.experiment.train;

import java.util.List;
import org.seqlab.data.Event;

/**
 * The references of one batch, typed by its {@link Task}. A batch carries exactly one of these;
 * losses and metrics read the one their task gives ({@link Task#reference()}).
 */
public sealed interface Target permits Target.Classes, Target.FrameClasses, Target.Values, Target.Tags, Target.Tokens {

    /** One class per example ({@link Task#CLASSIFICATION}); for LID the index of the true target. */
    record Classes(int[] ids) implements Target {}

    /** One class per frame in row-major [batch, time] order, -1 on padding and unscored frames. */
    record FrameClasses(int[] ids, int steps) implements Target {}

    /** One real value per example ({@link Task#REGRESSION}). */
    record Values(double[] values) implements Target {}

    /**
     * Sound event detection references ({@link Task#TAGGING}).
     *
     * @param clip multi-hot clip tags [batch][classes] (the weak labels)
     * @param frames multi-hot frame activity [batch][time][classes] (the strong labels), 0 on padding
     * @param events each clip's events in seconds, what event metrics score against
     * @param classes the class names, in output order
     * @param hopSeconds the duration of one frame, to turn frame indices into seconds
     * @param seconds each clip's duration read from its audio, or null when the data has no audio
     *     (made in memory). Centred framing gives 1 + samples/hop frames, so the last frame of a
     *     10 s clip with a 40 ms hop covers 10.00-10.04 s: decoded events end at the duration.
     */
    record Tags(float[][] clip, float[][][] frames, List<List<Event>> events, List<String> classes, double hopSeconds,
            double[] seconds) implements Target {
        public Tags {
            events = List.copyOf(events);
            classes = List.copyOf(classes);
            if (seconds != null && seconds.length != events.size()) {
                throw new IllegalArgumentException(seconds.length + " durations for " + events.size() + " clips");
            }
        }

        /** Tags of clips whose durations are not known. */
        public Tags(float[][] clip, float[][][] frames, List<List<Event>> events, List<String> classes, double hopSeconds) {
            this(clip, frames, events, classes, hopSeconds, null);
        }

        /** Where clip {@code b}'s events must end: its duration, or infinity when that is not known. */
        public double end(int b) {
            return seconds == null ? Double.POSITIVE_INFINITY : seconds[b];
        }
    }

    /**
     * Label sequences ({@link Task#TRANSCRIPTION}); token ids start at 1, 0 being the blank.
     *
     * @param tokens each example's reference tokens (their lengths are the label lengths)
     * @param alignment a frame label per step in row-major [batch, time] order (0 = blank, -1 = padding)
     *     when the data knows where each token lies, for frame-wise training; null otherwise
     *     (then only an alignment-free loss such as CTC can train on it)
     */
    record Tokens(int[][] tokens, int[] alignment) implements Target {}

    /**
     * Class ids aligned with the scores' label positions: per example, per frame, or the frame
     * alignment of a transcription; null for targets without class ids.
     */
    default int[] classIds() {
        if (this instanceof Classes c) {
            return c.ids();
        }
        if (this instanceof FrameClasses f) {
            return f.ids();
        }
        return this instanceof Tokens t ? t.alignment() : null;
    }
}
