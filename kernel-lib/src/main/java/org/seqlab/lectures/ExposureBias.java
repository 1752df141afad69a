package org.seqlab.lectures;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.DataHome;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.nn.Linear;
import org.seqlab.nn.recurrent.RecurrentLayer;
import org.seqlab.results.Measurements;
import org.seqlab.results.Results;
import tech.tablesaw.api.Table;

/**
 * Exposure bias, measured per position: a trained generator's accuracy at each step of its
 * run's test sequences when every input is the true previous symbol (as teacher forcing trains
 * it) and when it generates freely from the prompt (as it is used). A model that never saw its
 * own mistakes in training keeps its accuracy on true prefixes but loses it position by position
 * when its mistakes become its inputs; the gap between the two curves is the bias.
 */
public final class ExposureBias {
    private ExposureBias() {}

    /** What the model's inputs were: the true previous symbols, or its own previous predictions. */
    public static final String TRUE_PREFIX = "true prefix";
    public static final String OWN_PREDICTIONS = "own predictions";

    /**
     * A long table over {@code runs} ({@link Measurements}): metric {@code accuracy} per
     * {@code position} and {@code mean accuracy} over the generated positions, one row per seed,
     * for each value of {@code key} (the runs' config key that tells them apart, such as
     * {@code model.teacher-forcing}) and of {@code inputs} ({@value #TRUE_PREFIX},
     * {@value #OWN_PREDICTIONS}): what a plot by position and a claim paired by seed need.
     */
    public static Table byPosition(List<RunResult> runs, String key) {
        Measurements m = Measurements.named("Accuracy by position");
        for (RunResult r : runs) {
            double[][] acc = accuracyByPosition(r.path());
            String value = Results.config(r).get(key);
            for (int k = 0; k < 2; k++) {
                String inputs = k == 0 ? TRUE_PREFIX : OWN_PREDICTIONS;
                double sum = 0;
                int n = 0;
                for (int t = 0; t < acc[k].length; t++) {
                    if (!Double.isNaN(acc[k][t])) {
                        m.add("accuracy", acc[k][t], r.seed(), key, value, "inputs", inputs, "position", t);
                        sum += acc[k][t];
                        n++;
                    }
                }
                m.add("mean accuracy", sum / n, r.seed(), key, value, "inputs", inputs);
            }
        }
        return m.table();
    }

    /** Rows scored per forward pass: the test split in chunks, so memory stays flat at any size. */
    private static final int CHUNK = 128;

    /**
     * {@code {true prefixes, free running}} accuracy per step of the run's test split (its best
     * checkpoint); NaN at the prompt's steps, which are given, not generated. The run must be a
     * {@code generator} model (children {@code rnn} and {@code head}).
     */
    public static double[][] accuracyByPosition(Path runFolder) {
        ExperimentSpec spec = SpecYaml.load(runFolder.resolve(RunDirectory.CONFIG), List.of(), Registry.global());
        Split test = Components.build(spec, Registry.global(), DataHome.get()).data().split("test");
        TaskModel model = RunModels.trained(runFolder);
        if (!(model.children().get("rnn") instanceof RecurrentLayer rnn) || !(model.children().get("head") instanceof Linear head)) {
            throw new IllegalArgumentException(runFolder + " is not a generator run (model.name: generator)");
        }
        long[][] right = null;
        long[] counted = null;
        try (GradMode off = GradMode.off()) {
            for (int start = 0; start < test.size(); start += CHUNK) {
                int[] idx = new int[Math.min(CHUNK, test.size() - start)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = start + i;
                }
                Batch b = test.batch(idx);
                if (right == null) {
                    right = new long[2][b.steps()];
                    counted = new long[b.steps()];
                }
                INDArray forced = head.forward(rnn.forward(Tensor.constant(b.inputs()), null).sequence()).value();
                INDArray free = model.forward(b).value();
                count(forced, b, right[0], null);
                count(free, b, right[1], counted);
            }
        }
        double[][] out = new double[2][counted.length];
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < counted.length; t++) {
                out[k][t] = counted[t] == 0 ? Double.NaN : (double) right[k][t] / counted[t];
            }
        }
        return out;
    }

    /** Adds the rows' right answers per step to {@code right} (and labelled steps to {@code counted}). */
    private static void count(INDArray logits, Batch b, long[] right, long[] counted) {
        long[] predicted = logits.argMax(2).reshape(-1).toLongVector();
        int[] labels = b.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                continue;
            }
            int t = i % b.steps();
            right[t] += predicted[i] == labels[i] ? 1 : 0;
            if (counted != null) {
                counted[t]++;
            }
        }
    }
}
