package org.seqlab.experiment.builtin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ArrayList;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.batch.SequenceBatch;
import org.seqlab.experiment.run.Seeds;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Task;

/**
 * Fibonacci sequences modulo m, s_t = (s_{t-1} + s_{t-2}) mod m from a random s_0, s_1: a
 * generation task whose whole future follows from a two-symbol prompt. The input at step t is
 * the one-hot symbol s_{t-1} (a start symbol, index m, at t = 0), the label is s_t, and the
 * prompt's steps are padding (-1) because they are given, not generated.
 */
final class FibonacciTask {
    private FibonacciTask() {}

    static TaskData open(int modulus, int length, int prompt, int train, int validation, int test, long seed,
                         double trainFraction) {
        if (prompt >= length) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "data.corpus.prompt",
                    "prompt " + prompt + " leaves nothing to generate in sequences of length " + length);
        }
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < modulus; k++) {
            names.add(String.valueOf(k));
        }
        TaskShape shape = new TaskShape(modulus + 1, modulus, Task.FRAME_CLASSIFICATION, names);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", new FibSplit(sequences(modulus, length, Math.max(1, (int) Math.ceil(train * trainFraction)), Seeds.derive(seed, 1)), modulus, prompt));
        splits.put("validation", new FibSplit(sequences(modulus, length, validation, Seeds.derive(seed, 2)), modulus, prompt));
        splits.put("test", new FibSplit(sequences(modulus, length, test, Seeds.derive(seed, 3)), modulus, prompt));
        return new SequenceTasks.Data(shape, splits);
    }

    static int[][] sequences(int modulus, int length, int n, long seed) {
        Random r = new Random(seed);
        int[][] out = new int[n][length];
        for (int[] s : out) {
            s[0] = r.nextInt(modulus);
            s[1] = r.nextInt(modulus);
            for (int t = 2; t < length; t++) {
                s[t] = (s[t - 1] + s[t - 2]) % modulus;
            }
        }
        return out;
    }

    record FibSplit(int[][] sequences, int modulus, int prompt) implements Split {
        @Override
        public int size() {
            return sequences.length;
        }

        @Override
        public Batch batch(int[] idx) {
            int steps = sequences[0].length;
            List<Sequence<Void>> inputs = new ArrayList<>(idx.length);
            int[] labels = new int[idx.length * steps];
            for (int i = 0; i < idx.length; i++) {
                int[] s = sequences[idx[i]];
                float[][] x = new float[steps][modulus + 1];
                for (int t = 0; t < steps; t++) {
                    x[t][t == 0 ? modulus : s[t - 1]] = 1f;
                    labels[i * steps + t] = t < prompt ? -1 : s[t];
                }
                inputs.add(new Sequence<>(String.valueOf(idx[i]), x, null));
            }
            return Batch.of(SequenceBatch.of(inputs), new org.seqlab.experiment.train.Target.FrameClasses(labels, steps));
        }
    }
}
