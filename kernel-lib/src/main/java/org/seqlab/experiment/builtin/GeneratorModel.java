package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Task;
import org.seqlab.nn.Linear;
import org.seqlab.nn.recurrent.Gru;
import org.seqlab.nn.recurrent.Lstm;
import org.seqlab.nn.recurrent.RecurrentLayer;
import org.seqlab.nn.recurrent.SequenceResult;
import org.seqlab.nn.recurrent.SimpleRnn;

/**
 * A one-layer recurrent sequence generator whose input at step t is the symbol of step t-1.
 * With teacher forcing it trains on the true previous symbols (one fused pass over the
 * sequence); without it, it trains as it generates, one step at a time, feeding back its own
 * argmax once the prompt is used up. Evaluation always generates freely from the prompt, the
 * only way a generator can be used, so the two training modes are compared on equal terms.
 */
final class GeneratorModel extends TaskModel {
    private final RecurrentLayer rnn;
    private final Linear head;
    private final boolean teacherForcing;
    private final int prompt;
    private final int symbols;

    GeneratorModel(String cell, int hidden, boolean teacherForcing, int prompt, TaskShape shape, long seed) {
        if (shape.task() != Task.FRAME_CLASSIFICATION || shape.inputDim() != shape.outputs() + 1) {
            throw new ConfigException(null, "model", "generator needs a task whose input at step t is the one-hot symbol of"
                    + " step t-1 plus a start symbol (inputs = outputs + 1, per-step labels), such as fibonacci; this task has "
                    + shape.inputDim() + " inputs, " + shape.outputs() + " outputs, task " + shape.task().label());
        }
        int in = shape.inputDim();
        rnn = child("rnn", switch (cell) {
            case "lstm" -> new Lstm(in, hidden, seed);
            case "gru" -> new Gru(in, hidden, seed);
            default -> new SimpleRnn(in, hidden, seed);
        });
        head = child("head", new Linear(hidden, shape.outputs(), new Rng(seed + 1_000_003L)));
        this.teacherForcing = teacherForcing;
        this.prompt = prompt;
        this.symbols = shape.outputs();
    }

    @Override
    public Tensor forward(Batch batch) {
        if (batch.mask() != null) {
            throw new IllegalArgumentException("generator: sequences of one length only (this batch is padded)");
        }
        if (teacherForcing && isTraining()) {
            return head.forward(rnn.forward(Tensor.constant(batch.inputs()), null).sequence());
        }
        return freeRunning(batch);
    }

    /** Steps 0..prompt read the batch's inputs; later steps read the one-hot argmax of the step before. */
    private Tensor freeRunning(Batch batch) {
        int b = batch.size();
        Tensor h = null;
        Tensor c = null;
        int[] previous = null;
        List<Tensor> steps = new ArrayList<>();
        for (int t = 0; t < batch.steps(); t++) {
            INDArray x = t <= prompt
                    ? batch.inputs().get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1), NDArrayIndex.all()).dup()
                    : oneHot(previous);
            SequenceResult r = rnn.forward(Tensor.constant(x), null, h, c, false);
            h = r.lastHidden();
            c = r.lastCell();
            Tensor z = head.forward(h);
            steps.add(Shapes.reshape(z, b, 1, symbols));
            previous = argmax(z.value());
        }
        return Shapes.concat(1, steps);
    }

    private INDArray oneHot(int[] symbolsPerRow) {
        INDArray x = Nd4j.zeros(rnn.dtype(), symbolsPerRow.length, 1, symbols + 1);
        for (int i = 0; i < symbolsPerRow.length; i++) {
            x.putScalar(new long[] {i, 0, symbolsPerRow[i]}, 1.0);
        }
        return x;
    }

    private static int[] argmax(INDArray logits) {
        long[] a = logits.argMax(1).toLongVector();
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (int) a[i];
        }
        return r;
    }
}
