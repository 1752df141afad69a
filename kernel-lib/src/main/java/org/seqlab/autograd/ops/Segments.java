package org.seqlab.autograd.ops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Cuts each sequence of a padded batch into fixed windows of {@code segment} frames every
 * {@code hop} frames, the short-term segments of a hierarchical recurrent model (Padi et al.,
 * "End-to-end language recognition using hierarchical gated recurrent networks"). The windows
 * become rows of a new batch, so one recurrent pass reads every segment of every utterance.
 *
 * <p>Windows start at 0, hop, 2 hop, ... while they start inside the utterance and, after the
 * first, do not lie wholly inside the previous one's reach ({@link #count}); the last window may
 * be shorter than {@code segment}. Padding frames of an utterance never enter a window, so an
 * utterance's segments are the same whatever batch it is in. Overlapping windows copy a frame
 * several times; the backward pass sums those copies' gradients.
 */
public final class Segments {
    private Segments() {}

    /** Segments of an utterance of {@code length} frames: 1 + ceil(max(0, length - segment) / hop). */
    public static int count(int length, int segment, int hop) {
        if (segment < 1 || hop < 1 || hop > segment) {
            throw new IllegalArgumentException("segments: segment " + segment + " and hop " + hop
                    + " must be positive with hop <= segment (every frame in some window)");
        }
        if (length <= segment) {
            return 1;
        }
        return 1 + (length - segment + hop - 1) / hop;
    }

    /** The layout of one batch's segments: per utterance its count, per window its valid frames. */
    public record Layout(int batch, int maxSegments, int segment, int hop, int[] lengths, int[] counts) {
        /** Valid frames of window {@code s} of utterance {@code b}; windows past the utterance's count get 1 (an all-zero frame). */
        public int frames(int b, int s) {
            if (s >= counts[b]) {
                return 1;
            }
            return Math.max(1, Math.min(segment, lengths[b] - s * hop));
        }

        /** Valid frames of every window, rows in output order (utterance-major). */
        public int[] windowLengths() {
            int[] out = new int[batch * maxSegments];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < maxSegments; s++) {
                    out[b * maxSegments + s] = frames(b, s);
                }
            }
            return out;
        }

        /** [batch * maxSegments, segment] mask of the windows' valid frames. */
        public INDArray windowMask(DataType type) {
            return Sequences.mask(windowLengths(), segment, type);
        }

        /** [batch, maxSegments] mask of the utterances' real segments. */
        public INDArray segmentMask(DataType type) {
            return Sequences.mask(counts, maxSegments, type);
        }

        /** First frame of segment {@code s}. */
        public int start(int s) {
            return s * hop;
        }
    }

    public static Layout layout(int[] lengths, int segment, int hop) {
        int[] counts = new int[lengths.length];
        int max = 1;
        for (int b = 0; b < lengths.length; b++) {
            counts[b] = count(Math.max(1, lengths[b]), segment, hop);
            max = Math.max(max, counts[b]);
        }
        return new Layout(lengths.length, max, segment, hop, lengths.clone(), counts);
    }

    /** x [B, T, F] to windows [B * S, segment, F] (zeros past each window's valid frames). */
    public static Tensor windows(Tensor x, Layout l) {
        INDArray v = x.value();
        if (v.rank() != 3 || v.size(0) != l.batch()) {
            throw new IllegalArgumentException("segments: input shape " + java.util.Arrays.toString(v.shape())
                    + " does not match [batch=" + l.batch() + ", time, features]");
        }
        int t = (int) v.size(1);
        int f = (int) v.size(2);
        INDArray src = v.dup('c');
        INDArray out = Nd4j.create(v.dataType(), (long) l.batch() * l.maxSegments(), l.segment(), f);
        copy(src, out, l, t, f, true);
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.dataType(), v.shape());
            copy(dx, g.dup('c'), l, t, f, false);
            x.addGradOwned(dx);
        }, x);
    }

    /** Forward: window[r, k] = seq[b, start + k]. Backward ({@code forward} false): seq[b, start + k] += window[r, k]. */
    private static void copy(INDArray seq, INDArray win, Layout l, int t, int f, boolean forward) {
        boolean dbl = seq.dataType() == DataType.DOUBLE;
        DoubleBuffer sd = dbl ? seq.data().asNioDouble() : null;
        DoubleBuffer wd = dbl ? win.data().asNioDouble() : null;
        FloatBuffer sf = dbl ? null : seq.data().asNioFloat();
        FloatBuffer wf = dbl ? null : win.data().asNioFloat();
        for (int b = 0; b < l.batch(); b++) {
            for (int s = 0; s < l.counts()[b]; s++) {
                int n = l.frames(b, s);
                int row = b * l.maxSegments() + s;
                for (int k = 0; k < n; k++) {
                    int from = ((b * t) + l.start(s) + k) * f;
                    int to = ((row * l.segment()) + k) * f;
                    for (int j = 0; j < f; j++) {
                        if (dbl) {
                            if (forward) {
                                wd.put(to + j, sd.get(from + j));
                            } else {
                                sd.put(from + j, sd.get(from + j) + wd.get(to + j));
                            }
                        } else if (forward) {
                            wf.put(to + j, sf.get(from + j));
                        } else {
                            sf.put(from + j, sf.get(from + j) + wf.get(to + j));
                        }
                    }
                }
            }
        }
    }
}
