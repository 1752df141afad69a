package org.seqlab.data.batch;

/**
 * One variable-length input sequence, [time][feature], with whatever target the task needs
 * (a transcript, frame labels, a class). Batching pads the frames and passes targets along.
 */
public record Sequence<T>(String id, float[][] frames, T target) {
    public Sequence {
        if (frames.length > 0) {
            int d = frames[0].length;
            for (int t = 1; t < frames.length; t++) {
                if (frames[t].length != d) {
                    throw new IllegalArgumentException("sequence " + id + ": frame " + t + " has " + frames[t].length
                            + " values, frame 0 has " + d);
                }
            }
        }
    }

    public int length() {
        return frames.length;
    }

    public int dimension() {
        return frames.length == 0 ? 0 : frames[0].length;
    }
}
