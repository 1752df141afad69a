package org.seqlab.lectures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.data.generate.ShapeCaptions;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.builtin.Seq2SeqModel;
import org.seqlab.experiment.builtin.ShapeCaptionsTask;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.metrics.text.Bleu;
import org.seqlab.results.Measurements;
import org.seqlab.results.Results;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Lecture 03's analyses of trained {@code show-attend-tell} runs on {@code shape-captions}: the
 * test captions decoded greedily and by beam search from the same trained model (so the two
 * decoders are compared seed by seed), and each generated word's attention over the image.
 * Models are rebuilt from their run folders; the test images are regenerated from the saved config.
 */
public final class Captions {
    private static final int BATCH = 50;

    private Captions() {}

    /**
     * A long table with, per run and beam width, the test {@code exact-match} and {@code bleu}
     * (corpus BLEU-4) of the decoded captions; key {@code beam} (1 is greedy decoding).
     */
    public static Table decoding(ExperimentRun runs, int... widths) {
        Measurements m = Measurements.named("captions: greedy and beam search on the test images");
        for (RunResult run : runs.runs()) {
            List<ShapeCaptions.Example> test = testExamples(run);
            Seq2SeqModel model = (Seq2SeqModel) RunModels.trained(run.path());
            int steps = test.stream().mapToInt(e -> e.caption().size()).max().orElse(0) + 3;
            for (int width : widths) {
                List<List<int[]>> refs = new ArrayList<>();
                List<int[]> hyps = new ArrayList<>();
                long exact = 0;
                for (int from = 0; from < test.size(); from += BATCH) {
                    List<ShapeCaptions.Example> part = test.subList(from, Math.min(test.size(), from + BATCH));
                    try (MemoryScope scope = MemoryScope.open()) {
                        Seq2SeqModel.Decoded d = model.beam(ShapeCaptionsTask.batch(part), width, steps);
                        for (int i = 0; i < part.size(); i++) {
                            int[] ref = part.get(i).tokens();
                            refs.add(List.of(ref));
                            hyps.add(d.tokens()[i]);
                            exact += Arrays.equals(ref, d.tokens()[i]) ? 1 : 0;
                        }
                    }
                }
                m.addOn("test", "exact-match", Results.ALL, (double) exact / test.size(), run.seed(), "beam", width);
                m.addOn("test", "bleu", Results.ALL, Bleu.corpus(refs, hyps), run.seed(), "beam", width);
            }
        }
        return m.table();
    }

    /**
     * For the first {@code count} test images, one table each for {@code Plots.heatmap(t, "row",
     * "column", "value")}: the image (grey) and then, panel by panel, each generated word's
     * attention weights upsampled to the image and blended over it (value = 0.3 x grey + 0.7 x
     * weight / largest weight of that word). The table's name is the generated caption.
     */
    public static List<Table> attention(RunResult run, int count) {
        List<ShapeCaptions.Example> test = testExamples(run);
        Seq2SeqModel model = (Seq2SeqModel) RunModels.trained(run.path());
        List<String> words = ShapeCaptionsTask.classes();
        List<Table> out = new ArrayList<>();
        for (ShapeCaptions.Example e : test.subList(0, Math.min(count, test.size()))) {
            Seq2SeqModel.Decoded d = model.beam(ShapeCaptionsTask.batch(List.of(e)), 1, e.caption().size() + 3);
            float[][][] img = e.image();
            int size = img.length;
            int[] caption = d.tokens()[0];
            IntColumn row = IntColumn.create("row");
            IntColumn column = IntColumn.create("column");
            DoubleColumn value = DoubleColumn.create("value");
            int panels = caption.length + 1;
            int grid = (int) Math.round(Math.sqrt(d.weights().get(0)[0].length));
            int cell = size / grid;
            for (int p = 0; p < panels; p++) {
                float[] w = p == 0 ? null : d.weights().get(p - 1)[0];
                double max = 0;
                if (w != null) {
                    for (float v : w) {
                        max = Math.max(max, v);
                    }
                }
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double grey = (img[y][x][0] + img[y][x][1] + img[y][x][2]) / 3.0;
                        double v = w == null ? grey : 0.3 * grey + 0.7 * w[(y / cell) * grid + x / cell] / max;
                        row.append(-y);
                        column.append(p * (size + 2) + x);
                        value.append(v);
                    }
                }
            }
            StringBuilder said = new StringBuilder();
            for (int k : caption) {
                said.append(said.length() == 0 ? "" : " ").append(words.get(k));
            }
            out.add(Table.create("image, then each word's attention: \"" + said + "\" (reference \""
                    + String.join(" ", e.caption()) + "\")", row, column, value));
        }
        return out;
    }

    /** The run's test images as its dataset made them. */
    static List<ShapeCaptions.Example> testExamples(RunResult run) {
        Map<String, String> c = Results.config(run);
        if (!"shape-captions".equals(c.get("data.corpus.name"))) {
            throw new IllegalArgumentException(run.path() + ": not a shape-captions run (data.corpus.name = " + c.get("data.corpus.name") + ")");
        }
        return ShapeCaptionsTask.examples("test", Integer.parseInt(c.get("data.corpus.test")), Integer.parseInt(c.get("data.corpus.size")),
                Double.parseDouble(c.get("data.corpus.noise")), Long.parseLong(c.get("data.corpus.data-seed")));
    }
}
