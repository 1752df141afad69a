package org.seqlab.lectures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.generate.TextCorpus;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.StatefulModel;
import org.seqlab.experiment.train.TaskModel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One-to-many generation from a character language model (lecture 02): each sampled character
 * is fed back as the next input, the recurrent state carried from step to step, and the logits
 * divided by a temperature before the softmax, {@code p(x) ~ exp(z_x / tau)}: below 1 the model
 * repeats its favourite continuations, above 1 it takes more risks.
 */
public final class CharSampler {
    private CharSampler() {}

    /** {@code n} characters after {@code prompt}, drawn with a generator seeded by {@code seed}. */
    public static String sample(TaskModel model, TextCorpus text, String prompt, int n, double temperature, long seed) {
        StatefulModel lm = (StatefulModel) model;
        int vocab = text.vocabularySize();
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(prompt);
        try (var off = GradMode.off(); var scope = MemoryScope.open()) {
            List<Tensor> state = null;
            int[] ids = text.encode(prompt);
            for (int k = 0; k < ids.length + n - 1; k++) {
                int id = k < ids.length ? ids[k] : text.id(out.charAt(out.length() - 1));
                INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, vocab);
                x.putScalar(new long[] {0, 0, id}, 1f);
                StatefulModel.Continued step = lm.forward(new Batch(x, null, null), state);
                state = step.state();
                if (k == 0 && step.output().value().length() != vocab) {
                    throw new IllegalArgumentException("the model predicts " + step.output().value().length()
                            + " symbols but the text given has " + vocab + "; pass the text as the run read it"
                            + " (for data.corpus.alphabet: letters, Datasets.get(name).text().lettersOnly())");
                }
                if (k >= ids.length - 1) {
                    double[] z = step.output().value().reshape(vocab).toDoubleVector();
                    double max = Arrays.stream(z).max().getAsDouble();
                    double sum = 0;
                    for (int j = 0; j < z.length; j++) {
                        z[j] = Math.exp((z[j] - max) / temperature);
                        sum += z[j];
                    }
                    double u = r.nextDouble() * sum;
                    int pick = 0;
                    while (pick < z.length - 1 && (u -= z[pick]) > 0) {
                        pick++;
                    }
                    out.append(text.symbol(pick));
                }
            }
        }
        return out.toString();
    }

    /** A table of samples (run, temperature, text) from the trained model of each run folder. */
    public static Table samples(List<Path> runFolders, List<String> names, TextCorpus text, String prompt, int n,
                                double[] temperatures, long seed) {
        StringColumn model = StringColumn.create("model");
        StringColumn temp = StringColumn.create("temperature");
        StringColumn sample = StringColumn.create("sample");
        for (int i = 0; i < runFolders.size(); i++) {
            TaskModel m = RunModels.trained(runFolders.get(i));
            for (double tau : temperatures) {
                model.append(names.get(i));
                temp.append(String.valueOf(tau));
                sample.append(sample(m, text, prompt, n, tau, seed));
            }
        }
        return Table.create("Samples", model, temp, sample);
    }
}
