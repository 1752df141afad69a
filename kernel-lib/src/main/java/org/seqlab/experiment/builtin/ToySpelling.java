package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.seqlab.data.Checksums;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.batch.SequenceBatch;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * A transcription task made in memory: a random string of tokens 1..V is "spoken" as frames,
 * each token held for 2 to 4 frames and separated from the next by 1 or 2 silent frames (class 0,
 * the blank). A frame's features are the one-hot code of what sounds in it plus Gaussian noise,
 * so the frame alignment is known: a model can train frame-wise on it (cross-entropy) or without
 * it (CTC), and greedy CTC-style decoding recovers the string. Example {@code i} of a split
 * depends only on (seed, split, i).
 */
final class ToySpelling {
    private final int symbols;
    private final int minTokens;
    private final int maxTokens;
    private final double noise;
    private final long seed;

    ToySpelling(int symbols, int minTokens, int maxTokens, double noise, long seed) {
        if (maxTokens < minTokens) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "data.corpus.max-tokens",
                    "max-tokens " + maxTokens + " is below min-tokens " + minTokens);
        }
        this.symbols = symbols;
        this.minTokens = minTokens;
        this.maxTokens = maxTokens;
        this.noise = noise;
        this.seed = seed;
    }

    TaskData open(int train, int validation, int test, double fraction) {
        List<String> names = new ArrayList<>(List.of("<blank>"));
        for (int k = 1; k <= symbols; k++) {
            names.add("t" + k);
        }
        TaskShape shape = new TaskShape(symbols + 1, symbols + 1, Task.TRANSCRIPTION, names);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", split("train", Math.max(1, (int) Math.ceil(train * fraction))));
        splits.put("validation", split("validation", validation));
        splits.put("test", split("test", test));
        return new SequenceTasks.Data(shape, splits);
    }

    record Utterance(float[][] x, int[] tokens, int[] alignment) {}

    Utterance utterance(String stream, int index) {
        Random r = new Random(Checksums.seedFor(seed, stream, index));
        int[] tokens = new int[minTokens + r.nextInt(maxTokens - minTokens + 1)];
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = 1 + r.nextInt(symbols);
            for (int g = 1 + r.nextInt(2); g > 0; g--) {
                frames.add(0);
            }
            for (int d = 2 + r.nextInt(3); d > 0; d--) {
                frames.add(tokens[i]);
            }
        }
        frames.add(0);
        int[] alignment = frames.stream().mapToInt(Integer::intValue).toArray();
        float[][] x = new float[alignment.length][symbols + 1];
        for (int t = 0; t < alignment.length; t++) {
            for (int k = 0; k <= symbols; k++) {
                x[t][k] = (float) ((k == alignment[t] ? 1 : 0) + noise * r.nextGaussian());
            }
        }
        return new Utterance(x, tokens, alignment);
    }

    private Split split(String stream, int n) {
        List<Utterance> utterances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            utterances.add(utterance(stream, i));
        }
        return new Split() {
            @Override
            public int size() {
                return utterances.size();
            }

            @Override
            public int length(int i) {
                return utterances.get(i).x().length;
            }

            @Override
            public Batch batch(int[] idx) {
                List<Sequence<Utterance>> xs = new ArrayList<>();
                for (int i : idx) {
                    xs.add(new Sequence<>(stream + "/" + i, utterances.get(i).x(), utterances.get(i)));
                }
                SequenceBatch<Utterance> p = SequenceBatch.of(xs);
                int steps = p.maxLength();
                int[][] tokens = new int[idx.length][];
                int[] alignment = new int[idx.length * steps];
                Arrays.fill(alignment, -1);
                for (int b = 0; b < idx.length; b++) {
                    Utterance u = utterances.get(idx[b]);
                    tokens[b] = u.tokens().clone();
                    System.arraycopy(u.alignment(), 0, alignment, b * steps, u.alignment().length);
                }
                return Batch.of(p, new Target.Tokens(tokens, alignment));
            }
        };
    }
}
