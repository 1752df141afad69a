package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.generate.SpelledNumbers;
import org.seqlab.experiment.run.Seeds;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * The {@code spelled-numbers} dataset: {@link SpelledNumbers} as a sequence-to-sequence task.
 * Inputs are one-hot words; references are the digits as tokens 1-10 (digit d is token d + 1),
 * class 0 being the end of the output sequence, which attention decoders emit to stop.
 */
public final class SpelledNumbersTask {
    /** Output class names: the end symbol, then the digits. */
    public static final List<String> CLASSES = List.of("<eos>", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private SpelledNumbersTask() {}

    /** The examples of one split ({@code train}, {@code validation} or {@code test}), as the dataset makes them. */
    public static List<SpelledNumbers.Example> examples(String split, int count, int minNumbers, int maxNumbers, long dataSeed) {
        int stream = switch (split) {
            case "train" -> 1;
            case "validation" -> 2;
            case "test" -> 3;
            default -> throw new IllegalArgumentException("no split '" + split + "'; splits are train, validation, test");
        };
        return SpelledNumbers.generate(count, minNumbers, maxNumbers, Seeds.derive(dataSeed, stream));
    }

    static TaskData open(int minNumbers, int maxNumbers, int train, int validation, int test, long seed, double trainFraction) {
        if (minNumbers > maxNumbers) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "data.corpus.min-numbers",
                    "min-numbers " + minNumbers + " is above max-numbers " + maxNumbers);
        }
        TaskShape shape = new TaskShape(SpelledNumbers.WORDS.size(), CLASSES.size(), Task.TRANSCRIPTION, CLASSES);
        Map<String, Split> splits = new LinkedHashMap<>();
        List<SpelledNumbers.Example> all = examples("train", train, minNumbers, maxNumbers, seed);
        splits.put("train", new Words(all.subList(0, Math.max(1, (int) Math.ceil(train * trainFraction)))));
        splits.put("validation", new Words(examples("validation", validation, minNumbers, maxNumbers, seed)));
        splits.put("test", new Words(examples("test", test, minNumbers, maxNumbers, seed)));
        return new SequenceTasks.Data(shape, splits);
    }

    /** One-hot words padded to the longest input of the batch, with a mask when lengths differ. */
    public static Batch batch(List<SpelledNumbers.Example> examples) {
        int b = examples.size();
        int steps = examples.stream().mapToInt(e -> e.words().size()).max().orElse(0);
        boolean ragged = examples.stream().anyMatch(e -> e.words().size() != steps);
        float[][][] x = new float[b][steps][SpelledNumbers.WORDS.size()];
        float[][] mask = ragged ? new float[b][steps] : null;
        int[][] tokens = new int[b][];
        for (int i = 0; i < b; i++) {
            SpelledNumbers.Example e = examples.get(i);
            int[] ids = e.wordIds();
            for (int t = 0; t < ids.length; t++) {
                x[i][t][ids[t]] = 1f;
                if (mask != null) {
                    mask[i][t] = 1f;
                }
            }
            tokens[i] = new int[e.digits().length];
            for (int u = 0; u < tokens[i].length; u++) {
                tokens[i][u] = e.digits()[u] + 1;
            }
        }
        return new Batch(Nd4j.create(x), mask == null ? null : Nd4j.create(mask), new Target.Tokens(tokens, null));
    }

    record Words(List<SpelledNumbers.Example> examples) implements Split {
        @Override
        public int size() {
            return examples.size();
        }

        @Override
        public Batch batch(int[] indices) {
            List<SpelledNumbers.Example> picked = new ArrayList<>(indices.length);
            for (int i : indices) {
                picked.add(examples.get(i));
            }
            return SpelledNumbersTask.batch(picked);
        }
    }
}
