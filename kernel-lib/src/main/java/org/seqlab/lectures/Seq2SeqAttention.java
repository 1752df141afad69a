package org.seqlab.lectures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.data.generate.SpelledNumbers;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.builtin.Seq2SeqModel;
import org.seqlab.experiment.builtin.Seq2SeqScoring;
import org.seqlab.experiment.builtin.SpelledNumbersTask;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.train.Batch;
import org.seqlab.results.Measurements;
import org.seqlab.results.Results;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lecture 03's analyses of trained {@code seq2seq} runs on {@code spelled-numbers}: accuracy per
 * input length (how many numbers were spelled), and whether attention found the alignment the
 * generator knows (each output digit comes from one input word). Each run's model is rebuilt
 * from its folder and greedily decodes the run's own test split, regenerated from the saved
 * config, so the numbers are those of the run and nothing is trained here.
 */
public final class Seq2SeqAttention {
    private static final int BATCH = 64;

    private Seq2SeqAttention() {}

    /** The model label of a run: its scorer, with "(current)" for current-state scoring. */
    public static String label(RunResult run) {
        Map<String, String> c = Results.config(run);
        String attention = c.getOrDefault("model.attention", "additive");
        return attention + ("current".equals(c.get("model.scoring")) && !"none".equals(attention) ? " (current)" : "");
    }

    /**
     * A long table with, per run and number count k, the test {@code exact-match} and
     * {@code token-accuracy} of the examples spelling k numbers, and over all test outputs the
     * {@code alignment}: the share of reference output steps whose attention weights peak on the
     * word that digit translates (runs without attention have no such row). Keys: {@code model}
     * ({@link #label}), {@code model.attention}, {@code model.scoring}, {@code numbers}.
     */
    public static Table byLength(ExperimentRun runs) {
        Measurements m = Measurements.named("spelled numbers: test accuracy by input length");
        for (RunResult run : runs.runs()) {
            Map<String, String> c = Results.config(run);
            List<SpelledNumbers.Example> test = testExamples(run);
            Seq2SeqModel model = (Seq2SeqModel) RunModels.trained(run.path());
            int max = test.stream().mapToInt(e -> e.numbers().length).max().orElse(0);
            long[] exact = new long[max + 1];
            long[] count = new long[max + 1];
            long[] tokensRight = new long[max + 1];
            long[] tokens = new long[max + 1];
            long aligned = 0;
            long steps = 0;
            for (int from = 0; from < test.size(); from += BATCH) {
                List<SpelledNumbers.Example> part = test.subList(from, Math.min(test.size(), from + BATCH));
                try (MemoryScope scope = MemoryScope.open()) {
                    int longest = part.stream().mapToInt(e -> e.digits().length).max().orElse(0);
                    Seq2SeqModel.Decoded d = model.decode(SpelledNumbersTask.batch(part), longest + 3);
                    for (int i = 0; i < part.size(); i++) {
                        SpelledNumbers.Example e = part.get(i);
                        int k = e.numbers().length;
                        int[] ref = tokens(e);
                        count[k]++;
                        exact[k] += Arrays.equals(ref, d.tokens()[i]) ? 1 : 0;
                        long[] pm = Seq2SeqScoring.positionalMatches(ref, d.tokens()[i]);
                        tokensRight[k] += pm[0];
                        tokens[k] += pm[1];
                        if (d.weights() != null) {
                            for (int u = 0; u < ref.length; u++) {
                                aligned += argmax(d.weights().get(u)[i], e.words().size()) == e.source()[u] ? 1 : 0;
                                steps++;
                            }
                        }
                    }
                }
            }
            Object[] keys = {"model", label(run), "model.attention", c.get("model.attention"), "model.scoring", c.get("model.scoring")};
            for (int k = 1; k <= max; k++) {
                if (count[k] > 0) {
                    m.addOn("test", "exact-match", Results.ALL, (double) exact[k] / count[k], run.seed(), with(keys, "numbers", k));
                    m.addOn("test", "token-accuracy", Results.ALL, (double) tokensRight[k] / tokens[k], run.seed(), with(keys, "numbers", k));
                }
            }
            if (steps > 0) {
                m.addOn("test", "alignment", Results.ALL, (double) aligned / steps, run.seed(), with(keys, "numbers", "all"));
            }
        }
        return m.table();
    }

    /**
     * The attention weights of one run on its {@code count} longest test examples among the first
     * 50, one table each: {@code output} (step and decoded digit), {@code input} (position and
     * word), {@code weight}, and {@code aligned} (1 where the input word is the one the reference
     * digit of that step comes from), for {@code Plots.heatmap(t, "output", "input", "weight")}.
     */
    public static List<Table> attention(RunResult run, int count) {
        List<SpelledNumbers.Example> test = testExamples(run);
        List<SpelledNumbers.Example> first = new ArrayList<>(test.subList(0, Math.min(50, test.size())));
        first.sort((a, b) -> Integer.compare(b.words().size(), a.words().size()));
        Seq2SeqModel model = (Seq2SeqModel) RunModels.trained(run.path());
        List<Table> out = new ArrayList<>();
        for (SpelledNumbers.Example e : first.subList(0, Math.min(count, first.size()))) {
            Batch batch = SpelledNumbersTask.batch(List.of(e));
            Seq2SeqModel.Decoded d = model.decode(batch, e.digits().length + 1);
            if (d.weights() == null) {
                throw new IllegalArgumentException(run.path() + ": model.attention is none, so there are no attention weights to show");
            }
            int[] hyp = d.tokens()[0];
            StringColumn output = StringColumn.create("output");
            StringColumn input = StringColumn.create("input");
            DoubleColumn weight = DoubleColumn.create("weight");
            DoubleColumn aligned = DoubleColumn.create("aligned");
            for (int u = 0; u < e.digits().length; u++) {
                String token = u < hyp.length ? SpelledNumbersTask.CLASSES.get(hyp[u]) : "<eos>";
                for (int t = 0; t < e.words().size(); t++) {
                    output.append((u + 1) + ": " + token);
                    input.append((t + 1) + ": " + e.words().get(t));
                    weight.append(d.weights().get(u)[0][t]);
                    aligned.append(e.source()[u] == t ? 1 : 0);
                }
            }
            out.add(Table.create("\"" + String.join(" ", e.words()) + "\" -> " + digits(hyp), output, input, weight, aligned));
            if (out.size() == count) {
                break;
            }
        }
        return out;
    }

    private static String digits(int[] hyp) {
        StringBuilder s = new StringBuilder();
        for (int k : hyp) {
            s.append(SpelledNumbersTask.CLASSES.get(k));
        }
        return s.toString();
    }

    private static Object[] with(Object[] keys, String key, Object value) {
        Object[] out = Arrays.copyOf(keys, keys.length + 2);
        out[keys.length] = key;
        out[keys.length + 1] = value;
        return out;
    }

    private static int[] tokens(SpelledNumbers.Example e) {
        return Arrays.stream(e.digits()).map(d -> d + 1).toArray();
    }

    private static int argmax(float[] w, int valid) {
        int best = 0;
        for (int t = 1; t < valid; t++) {
            if (w[t] > w[best]) {
                best = t;
            }
        }
        return best;
    }

    /** The run's test split as its dataset made it (same parameters and data seed). */
    static List<SpelledNumbers.Example> testExamples(RunResult run) {
        Map<String, String> c = Results.config(run);
        if (!"spelled-numbers".equals(c.get("data.corpus.name"))) {
            throw new IllegalArgumentException(run.path() + ": not a spelled-numbers run (data.corpus.name = " + c.get("data.corpus.name") + ")");
        }
        return SpelledNumbersTask.examples("test", Integer.parseInt(c.get("data.corpus.test")),
                Integer.parseInt(c.get("data.corpus.min-numbers")), Integer.parseInt(c.get("data.corpus.max-numbers")),
                Long.parseLong(c.get("data.corpus.data-seed")));
    }
}
