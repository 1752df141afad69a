package org.seqlab.data.batch;

import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A padded batch of sequences: features in one flat row-major [batch][time][dim] array (zeros
 * after each sequence's end), a float mask [batch][time] that is 1 on real steps and 0 on
 * padding, the true lengths, and the targets in batch order. The flat array backs the
 * INDArray views without copying layout, so an engine on ND4J and plain Java loops see the
 * same numbers.
 */
public final class SequenceBatch<T> {
    private final List<String> ids;
    private final float[] data;
    private final int batch;
    private final int time;
    private final int dim;
    private final int[] lengths;
    private final float[][] mask;
    private final List<T> targets;

    SequenceBatch(List<Sequence<T>> seqs) {
        if (seqs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        this.batch = seqs.size();
        int maxT = 0;
        int d = -1;
        for (Sequence<T> s : seqs) {
            maxT = Math.max(maxT, s.length());
            if (s.length() > 0) {
                if (d >= 0 && s.dimension() != d) {
                    throw new IllegalArgumentException("sequence " + s.id() + " has dimension " + s.dimension() + ", others " + d);
                }
                d = s.dimension();
            }
        }
        this.time = maxT;
        this.dim = Math.max(d, 0);
        this.data = new float[batch * time * dim];
        this.lengths = new int[batch];
        this.mask = new float[batch][time];
        for (int b = 0; b < batch; b++) {
            float[][] f = seqs.get(b).frames();
            lengths[b] = f.length;
            for (int t = 0; t < f.length; t++) {
                System.arraycopy(f[t], 0, data, (b * time + t) * dim, dim);
                mask[b][t] = 1f;
            }
        }
        this.ids = seqs.stream().map(Sequence::id).toList();
        this.targets = seqs.stream().map(Sequence::target).toList();
    }

    public static <T> SequenceBatch<T> of(List<Sequence<T>> seqs) {
        return new SequenceBatch<>(seqs);
    }

    public int size() {
        return batch;
    }

    public int maxLength() {
        return time;
    }

    public int dimension() {
        return dim;
    }

    public int[] lengths() {
        return lengths.clone();
    }

    public List<String> ids() {
        return ids;
    }

    public List<T> targets() {
        return targets;
    }

    /** Row-major [batch][time][dim]; shared, do not modify. */
    public float[] data() {
        return data;
    }

    public float get(int b, int t, int k) {
        return data[(b * time + t) * dim + k];
    }

    /** 1 on real steps, 0 on padding: [batch][time]. */
    public float[][] mask() {
        float[][] m = new float[batch][];
        for (int b = 0; b < batch; b++) {
            m[b] = mask[b].clone();
        }
        return m;
    }

    /** Features as a fresh [batch][time][dim] array. */
    public float[][][] features() {
        float[][][] out = new float[batch][time][dim];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                System.arraycopy(data, (b * time + t) * dim, out[b][t], 0, dim);
            }
        }
        return out;
    }

    /** Features as an INDArray of shape [batch, time, dim] (c order). */
    public INDArray featuresArray() {
        return Nd4j.create(data, new long[] {batch, time, dim}, 'c');
    }

    /** The mask as an INDArray of shape [batch, time]. */
    public INDArray maskArray() {
        return Nd4j.create(mask);
    }

    /** True when some sequence is shorter than the batch, so some steps are padding. */
    public boolean padded() {
        for (int l : lengths) {
            if (l != time) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mask as an INDArray, or null when nothing is padded: the trainer's {@code Batch}
     * convention, which lets models and losses skip masking work on fixed-length batches.
     */
    public INDArray maskArrayIfPadded() {
        return padded() ? maskArray() : null;
    }

    /** Per-step float targets padded with zeros to [batch][time][k] (frame labels, copy task). */
    public float[][][] paddedFrameTargets(Function<T, float[][]> frames) {
        float[][][] out = null;
        for (int b = 0; b < batch; b++) {
            float[][] y = frames.apply(targets.get(b));
            if (out == null) {
                out = new float[batch][time][y.length == 0 ? 0 : y[0].length];
            }
            if (y.length > time) {
                throw new IllegalArgumentException("target of " + ids.get(b) + " has " + y.length + " steps, batch has " + time);
            }
            for (int t = 0; t < y.length; t++) {
                System.arraycopy(y[t], 0, out[b][t], 0, y[t].length);
            }
        }
        return out;
    }

    /** Label sequences (CTC, attention) padded with {@code pad} to the longest: [batch][maxLabels]. */
    public int[][] paddedLabels(Function<T, int[]> labels, int pad) {
        int[][] raw = new int[batch][];
        int max = 0;
        for (int b = 0; b < batch; b++) {
            raw[b] = labels.apply(targets.get(b));
            max = Math.max(max, raw[b].length);
        }
        int[][] out = new int[batch][max];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(out[b], pad);
            System.arraycopy(raw[b], 0, out[b], 0, raw[b].length);
        }
        return out;
    }

    /** Lengths of the label sequences, for CTC. */
    public int[] labelLengths(Function<T, int[]> labels) {
        return targets.stream().mapToInt(t -> labels.apply(t).length).toArray();
    }

    /** Padded steps as a fraction of all steps: what bucketing is meant to keep low. */
    public double paddingFraction() {
        long real = 0;
        for (int l : lengths) {
            real += l;
        }
        return batch * (long) time == 0 ? 0 : 1.0 - (double) real / ((long) batch * time);
    }
}
