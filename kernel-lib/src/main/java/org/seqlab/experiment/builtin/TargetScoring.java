package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.metrics.lid.LanguageScores;
import org.seqlab.metrics.lid.LidMetrics;

/**
 * Utterance to a score per target (language identification): a classification model's scores
 * read as log posteriors, each (utterance, target) pair a detection trial, scored by the equal
 * error rate of {@code org.seqlab.metrics.lid}, which also gives Cavg and per-language tables
 * over the same {@link Prediction.Scores}.
 */
final class TargetScoring {
    private TargetScoring() {}

    /** Log-softmax of each row: log posteriors, comparable across utterances, as detection scores. */
    static Decoder<Prediction.Scores> logPosteriors() {
        return (INDArray output, Batch batch) -> {
            float[] s = Outputs.rows(output);
            int c = Outputs.classes(output);
            float[][] out = new float[s.length / c][c];
            for (int r = 0; r < out.length; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, s[r * c + k]);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += Math.exp(s[r * c + k] - max);
                }
                double log = max + Math.log(sum);
                for (int k = 0; k < c; k++) {
                    out[r][k] = (float) (s[r * c + k] - log);
                }
            }
            return new Prediction.Scores(out);
        };
    }

    /**
     * Equal error rate over every (utterance, target) trial, the true target's score a target
     * trial and the others non-target trials, as {@link LidMetrics#eer} defines it (NIST LRE: DET
     * points at every distinct score, interpolated where miss and false-alarm rates cross).
     */
    static Metric<Prediction.Scores, Target.Classes> equalErrorRate() {
        return overTrials((rows, truth) -> rows.isEmpty() ? Double.NaN : LidMetrics.eer(table(rows, truth)));
    }

    /**
     * A metric over every scored utterance of the split: the rows of scores and their true targets
     * are kept until {@code value}, as the LID costs (EER, Cavg) need all trials at once.
     */
    static Metric<Prediction.Scores, Target.Classes> overTrials(ToDoubleBiFunction<List<double[]>, List<Integer>> value) {
        return new Metric<>() {
            final List<double[]> rows = new ArrayList<>();
            final List<Integer> truth = new ArrayList<>();

            @Override
            public void add(INDArray output, Prediction.Scores predictions, Target.Classes references) {
                float[][] s = predictions.scores();
                for (int i = 0; i < s.length; i++) {
                    double[] row = new double[s[i].length];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = s[i][k];
                    }
                    rows.add(row);
                    truth.add(references.ids()[i]);
                }
            }

            @Override
            public double value() {
                return value.applyAsDouble(rows, truth);
            }
        };
    }

    /**
     * The rows as a {@link LanguageScores} table, targets and utterances named by index (EER reads
     * none of the names). A target that no row has as its truth is left out, as an evaluation scores
     * only the languages of its test set ({@code metrics.lid} rejects a column without target trials).
     */
    static LanguageScores table(List<double[]> rows, List<Integer> truth) {
        int[] column = new int[rows.get(0).length];
        java.util.Arrays.fill(column, -1);
        truth.forEach(t -> column[t] = 0);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < column.length; k++) {
            if (column[k] == 0) {
                column[k] = names.size();
                names.add("target-" + k);
            }
        }
        List<String> utterances = new ArrayList<>();
        double[][] kept = new double[rows.size()][names.size()];
        int[] ids = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            utterances.add("utterance-" + r);
            ids[r] = column[truth.get(r)];
            for (int k = 0; k < column.length; k++) {
                if (column[k] >= 0) {
                    kept[r][column[k]] = rows.get(r)[k];
                }
            }
        }
        return LanguageScores.of("eer", names, utterances, ids, kept);
    }
}
