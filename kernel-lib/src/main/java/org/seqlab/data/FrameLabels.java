package org.seqlab.data;

import java.util.List;

/**
 * Strong labels as frame targets for sound event detection: a multi-hot [frame][class]
 * matrix where frame t (covering [t*hop, (t+1)*hop) seconds) is 1 for a class when an event
 * of that class overlaps at least half of the frame. Half-overlap keeps the total labelled
 * time within half a frame of the true duration at each edge.
 */
public final class FrameLabels {
    private FrameLabels() {
    }

    public static float[][] of(List<Event> events, List<String> classes, int frames, double hopSeconds) {
        float[][] y = new float[frames][classes.size()];
        for (Event e : events) {
            int c = classes.indexOf(e.label());
            if (c < 0) {
                throw new IllegalArgumentException("event label '" + e.label() + "' is not among the classes " + classes);
            }
            int first = Math.max(0, (int) Math.floor(e.onset() / hopSeconds));
            int last = Math.min(frames - 1, (int) Math.floor(e.offset() / hopSeconds));
            for (int t = first; t <= last; t++) {
                double overlap = Math.min(e.offset(), (t + 1) * hopSeconds) - Math.max(e.onset(), t * hopSeconds);
                if (overlap >= hopSeconds / 2 - 1e-9) {
                    y[t][c] = 1f;
                }
            }
        }
        return y;
    }

    /** Clip-level multi-hot targets from labels (weak tags). */
    public static float[] tags(List<String> labels, List<String> classes) {
        float[] y = new float[classes.size()];
        for (String l : labels) {
            int c = classes.indexOf(l);
            if (c < 0) {
                throw new IllegalArgumentException("label '" + l + "' is not among the classes " + classes);
            }
            y[c] = 1f;
        }
        return y;
    }
}
