package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.generate.ShapeCaptions;
import org.seqlab.experiment.run.Seeds;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * The {@code shape-captions} dataset: {@link ShapeCaptions} images as input rows of RGB pixels
 * ([B, height, width * 3], pixel-major), captions as word tokens (word k of
 * {@link ShapeCaptions#WORDS} is token k + 1), class 0 the end of the caption.
 */
public final class ShapeCaptionsTask {
    private ShapeCaptionsTask() {}

    /** Output class names: the end, then the caption words. */
    public static List<String> classes() {
        List<String> c = new ArrayList<>(List.of("<eos>"));
        c.addAll(ShapeCaptions.WORDS);
        return c;
    }

    /** The examples of one split ({@code train}, {@code validation} or {@code test}) as the dataset makes them. */
    public static List<ShapeCaptions.Example> examples(String split, int count, int size, double noise, long dataSeed) {
        int stream = switch (split) {
            case "train" -> 1;
            case "validation" -> 2;
            case "test" -> 3;
            default -> throw new IllegalArgumentException("no split '" + split + "'; splits are train, validation, test");
        };
        return ShapeCaptions.generate(count, size, noise, Seeds.derive(dataSeed, stream));
    }

    static TaskData open(int size, double noise, int train, int validation, int test, long seed, double trainFraction) {
        if (size % 4 != 0 || size < 16) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "data.corpus.size",
                    "image size " + size + " must be a multiple of 4 (two 2x2 poolings), at least 16");
        }
        TaskShape shape = new TaskShape(3 * size, ShapeCaptions.WORDS.size() + 1, Task.TRANSCRIPTION, classes());
        Map<String, Split> splits = new LinkedHashMap<>();
        List<ShapeCaptions.Example> all = examples("train", train, size, noise, seed);
        splits.put("train", new Images(all.subList(0, Math.max(1, (int) Math.ceil(train * trainFraction)))));
        splits.put("validation", new Images(examples("validation", validation, size, noise, seed)));
        splits.put("test", new Images(examples("test", test, size, noise, seed)));
        return new SequenceTasks.Data(shape, splits);
    }

    /** Images as [B, height, width * 3] and their captions as tokens. */
    public static Batch batch(List<ShapeCaptions.Example> examples) {
        int b = examples.size();
        int h = examples.get(0).image().length;
        int w = examples.get(0).image()[0].length;
        float[][][] x = new float[b][h][w * 3];
        int[][] tokens = new int[b][];
        for (int i = 0; i < b; i++) {
            float[][][] img = examples.get(i).image();
            for (int y = 0; y < h; y++) {
                for (int c = 0; c < w; c++) {
                    System.arraycopy(img[y][c], 0, x[i][y], c * 3, 3);
                }
            }
            tokens[i] = examples.get(i).tokens();
        }
        return new Batch(Nd4j.create(x), null, new Target.Tokens(tokens, null));
    }

    record Images(List<ShapeCaptions.Example> examples) implements Split {
        @Override
        public int size() {
            return examples.size();
        }

        @Override
        public Batch batch(int[] indices) {
            List<ShapeCaptions.Example> picked = new ArrayList<>(indices.length);
            for (int i : indices) {
                picked.add(examples.get(i));
            }
            return ShapeCaptionsTask.batch(picked);
        }
    }
}
