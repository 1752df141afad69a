package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.metrics.Classification;
import org.seqlab.metrics.ConfusionMatrix;
import org.seqlab.metrics.LanguageModel;

/** The trainer-facing accumulators for class and value targets over {@link org.seqlab.metrics}' pure functions. */
final class Metrics {
    private Metrics() {}

    static Metric<Prediction.Classes, Target> accuracy(boolean asError) {
        return new Metric<>() {
            long correct;
            long n;

            @Override
            public void add(INDArray output, Prediction.Classes predictions, Target references) {
                long[] c = Classification.counts(predictions.ids(), references.classIds());
                correct += c[0];
                n += c[1];
            }

            @Override
            public double value() {
                double acc = n == 0 ? Double.NaN : (double) correct / n;
                return asError ? 1 - acc : acc;
            }
        };
    }

    static Metric<Prediction.Classes, Target> macroF1(TaskShape shape) {
        ConfusionMatrix m = new ConfusionMatrix(shape.outputs());
        return new Metric<>() {
            @Override
            public void add(INDArray output, Prediction.Classes predictions, Target references) {
                m.add(predictions.ids(), references.classIds());
            }

            @Override
            public double value() {
                return m.macroF1();
            }
        };
    }

    /** Bits per symbol ({@code perplexity=false}) or perplexity, from the softmax of the scores. */
    static Metric<Prediction, Target> languageModel(boolean perplexity) {
        return new Metric<>() {
            double nats;
            long n;

            @Override
            public void add(INDArray output, Prediction predictions, Target references) {
                int[] labels = references.classIds();
                float[] s = Outputs.rows(output);
                int c = Outputs.classes(output);
                for (int r = 0; r < labels.length; r++) {
                    if (labels[r] >= 0) {
                        nats += LanguageModel.nll(s, r * c, c, labels[r]);
                        n++;
                    }
                }
            }

            @Override
            public double value() {
                return perplexity ? LanguageModel.perplexity(nats, n) : LanguageModel.bitsPerSymbol(nats, n);
            }
        };
    }

    static Metric<Prediction, Target.Values> meanSquaredError() {
        return new Metric<>() {
            double sum;
            long n;

            @Override
            public void add(INDArray output, Prediction predictions, Target.Values references) {
                double[] v = references.values();
                float[] s = Outputs.rows(output);
                for (int i = 0; i < v.length; i++) {
                    double d = s[i] - v[i];
                    sum += d * d;
                    n++;
                }
            }

            @Override
            public double value() {
                return sum / n;
            }
        };
    }
}
