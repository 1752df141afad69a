package org.seqlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.autograd.Tensor;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.LossFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Factories.OptimizerFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.nn.Parameter;

/**
 * Small registry entries for testing the experiment machinery without the engine branches:
 * a sign-of-sum sequence task, a mean-pooled linear model, softmax cross-entropy and SGD, each
 * with a hand-written backward. Registered through the same ServiceLoader hook as real entries.
 */
public final class ToyEntries implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.DATASET, "toy-sign", "is the sum of channel 0 positive? (test task)",
                (DatasetFactory) (p, ctx) -> new ToyData(p.integer("length"), p.integer("train"), p.integer("validation"),
                        p.integer("test"), p.longInt("data-seed"), ctx.trainFraction(), p.integer("nan-example"), p.integer("delay-ms")),
                Param.integer("length", 8, 1, 1000, "steps per sequence"),
                Param.integer("train", 200, 1, 1_000_000, "training examples"),
                Param.integer("validation", 60, 1, 1_000_000, "validation examples"),
                Param.integer("test", 60, 1, 1_000_000, "test examples"),
                Param.longInt("data-seed", 7, "seed of the generated data"),
                Param.integer("nan-example", -1, -1, 1_000_000, "training example whose inputs are NaN (fault tests)"),
                Param.integer("delay-ms", 0, 0, 10_000, "sleep per training batch (kill tests)")));
        r.register(Entry.of(Kind.DATASET, "toy-unprepared", "a corpus that was never prepared",
                (DatasetFactory) (p, ctx) -> {
                    throw new CorpusMissingException("toy-unprepared", "run ./seqlab data prepare toy-unprepared first");
                }));
        r.register(Entry.of(Kind.MODEL, "toy-linear", "mean over time, then a linear layer",
                (ModelFactory) (p, shape, seed) -> new ToyLinear(shape, p.number("init-scale"), seed),
                Param.number("init-scale", 0.1, 0.0, 10.0, "std of the initial weights"),
                Param.integer("hidden", 4, 1, 4096, "unused width, for sweep tests")));
        r.register(Entry.of(Kind.LOSS, "toy-xent", "softmax cross-entropy over sequence classes",
                (LossFactory) (p, shape) -> ToyEntries::crossEntropy));
        r.register(Entry.of(Kind.OPTIMIZER, "toy-sgd", "SGD with momentum",
                (OptimizerFactory) (p, params) -> new ToySgd(params, p.number("lr"), p.number("momentum")),
                Param.number("lr", 0.1, 1e-8, 1e6, "learning rate"),
                Param.number("momentum", 0.0, 0.0, 0.999, "momentum")));
    }

    static final class ToyData implements TaskData {
        private final Map<String, Split> splits = new LinkedHashMap<>();

        ToyData(int length, int train, int validation, int test, long seed, double fraction, int nanExample, int delayMs) {
            splits.put("train", new ToySplit(length, (int) Math.ceil(train * fraction), new Random(seed), nanExample, delayMs));
            splits.put("validation", new ToySplit(length, validation, new Random(seed + 1), -1, 0));
            splits.put("test", new ToySplit(length, test, new Random(seed + 2), -1, 0));
        }

        @Override
        public TaskShape shape() {
            return new TaskShape(2, 2, Task.CLASSIFICATION, List.of("negative", "positive"));
        }

        @Override
        public Split split(String name) {
            return splits.get(name);
        }
    }

    static final class ToySplit implements Split {
        private final float[][][] x;
        private final int[] y;
        private final int delayMs;

        ToySplit(int length, int n, Random rng, int nanExample, int delayMs) {
            this.delayMs = delayMs;
            x = new float[n][length][2];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int t = 0; t < length; t++) {
                    x[i][t][0] = (float) (rng.nextDouble() * 2 - 1);
                    x[i][t][1] = (float) (rng.nextDouble() * 2 - 1);
                    sum += x[i][t][0];
                }
                y[i] = sum > 0 ? 1 : 0;
                if (i == nanExample) {
                    x[i][0][0] = Float.NaN;
                }
            }
        }

        @Override
        public int size() {
            return y.length;
        }

        @Override
        public Batch batch(int[] idx) {
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            float[][][] bx = new float[idx.length][][];
            int[] by = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                bx[i] = x[idx[i]];
                by[i] = y[idx[i]];
            }
            return new Batch(Nd4j.create(bx), null, new Target.Classes(by));
        }
    }

    static final class ToyLinear extends TaskModel {
        private final Parameter w;
        private final Parameter b;

        ToyLinear(TaskShape shape, double scale, long seed) {
            Random rng = new Random(seed);
            float[][] init = new float[shape.inputDim()][shape.outputs()];
            for (float[] row : init) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (rng.nextGaussian() * scale);
                }
            }
            w = parameter("w", Nd4j.create(init));
            b = parameter("b", Nd4j.zeros(DataType.FLOAT, 1, shape.outputs()));
        }

        @Override
        public Tensor forward(Batch batch) {
            INDArray pooled = batch.inputs().mean(1);
            INDArray out = pooled.mmul(w.value()).addiRowVector(b.value());
            return Tensor.result(out, g -> {
                w.addGradOwned(pooled.transpose().mmul(g));
                b.addGradOwned(g.sum(true, 0));
            }, w, b);
        }
    }

    static Tensor crossEntropy(Tensor logits, Batch batch) {
        INDArray z = logits.value();
        int n = (int) z.size(0);
        INDArray p = Transforms.softmax(z, true);
        INDArray onehot = Nd4j.zeros(z.dataType(), z.shape());
        double loss = 0;
        for (int i = 0; i < n; i++) {
            onehot.putScalar(i, batch.labels()[i], 1.0);
            loss -= Math.log(p.getDouble(i, batch.labels()[i]));
        }
        INDArray grad = p.sub(onehot).divi(n);
        return Tensor.result(Nd4j.scalar(z.dataType(), loss / n), g -> logits.addGradOwned(grad.mul(g.getDouble(0))), logits);
    }

    /**
     * SGD with momentum written out here ({@code v = mu v + g}, {@code p -= lr v}), as an engine
     * optimizer so that the trainer sees the one optimizer type it trains with.
     */
    static final class ToySgd extends org.seqlab.optim.Optimizer {
        private final double momentum;

        ToySgd(Map<String, Parameter> params, double lr, double momentum) {
            super(List.of(new org.seqlab.optim.ParamGroup(params, lr, 0)));
            this.momentum = momentum;
        }

        @Override
        protected void update(org.seqlab.autograd.ops.Buf p, org.seqlab.autograd.ops.Buf g, int n, Map<String, INDArray> slots,
                              INDArray value, org.seqlab.optim.ParamGroup group) {
            org.seqlab.autograd.ops.Buf v = org.seqlab.autograd.ops.Buf.of(slot(slots, "velocity", value));
            double lr = group.learningRate();
            for (int i = 0; i < n; i++) {
                double vi = momentum * v.get(i) + g.get(i);
                v.set(i, vi);
                p.set(i, p.get(i) - lr * vi);
            }
        }
    }
}
