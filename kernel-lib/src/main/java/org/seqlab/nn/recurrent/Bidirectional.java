package org.seqlab.nn.recurrent;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Module;

/**
 * Two recurrent layers over the same input, one reading each row's valid prefix forwards
 * and one backwards, merged per step. The backward layer reverses only the valid prefix, so
 * padding never enters its state and its output at step t still belongs to step t. Both
 * directions and their merge are one graph node, computed on two threads.
 */
public final class Bidirectional extends Module implements SequenceEncoder {
    /** How the two directions' outputs combine; Keras' {@code merge_mode} names. */
    public enum Merge { SUM, CONCAT, MULTIPLY, AVERAGE }

    private final RecurrentLayer forwardLayer;
    private final RecurrentLayer backwardLayer;
    private final Merge merge;

    public Bidirectional(RecurrentLayer forwardLayer, RecurrentLayer backwardLayer, Merge merge) {
        if (forwardLayer.cell() != backwardLayer.cell() || forwardLayer.inputSize() != backwardLayer.inputSize()
                || forwardLayer.hiddenSize() != backwardLayer.hiddenSize()) {
            throw new IllegalArgumentException("Bidirectional: the two directions differ: " + forwardLayer.describe()
                    + " vs " + backwardLayer.describe());
        }
        this.forwardLayer = child("forward", forwardLayer);
        this.backwardLayer = child("backward", backwardLayer);
        this.merge = merge;
    }

    public static Bidirectional lstm(int inputSize, int hiddenSize, Merge merge, long seed, DataType dtype) {
        return new Bidirectional(new Lstm(inputSize, hiddenSize, seed, dtype), new Lstm(inputSize, hiddenSize, seed + 1, dtype), merge);
    }

    public static Bidirectional gru(int inputSize, int hiddenSize, Merge merge, long seed, DataType dtype) {
        return new Bidirectional(new Gru(inputSize, hiddenSize, seed, dtype), new Gru(inputSize, hiddenSize, seed + 1, dtype), merge);
    }

    /**
     * The merged sequence [B, T, outputSize()], the merged many-to-one output [B, outputSize()],
     * and each direction's final states ({@code forward().lastHidden()}, {@code lastCell()};
     * their {@code sequence()} is the merged sequence, not the direction's own).
     */
    public record Result(Tensor sequence, Tensor lastHidden, SequenceResult forward, SequenceResult backward) {}

    @Override
    public Tensor encode(Tensor x, Tensor mask) {
        return forward(x, mask).sequence();
    }

    @Override
    public int outputSize() {
        return merge == Merge.CONCAT ? 2 * forwardLayer.hiddenSize() : forwardLayer.hiddenSize();
    }

    /**
     * The merged sequence; {@code lastHidden} merges the forward direction's state after the
     * last valid step with the backward direction's state after step 0 (the many-to-one
     * output, as Keras returns it).
     */
    public Result forward(Tensor x, Tensor mask) {
        String name = describe();
        if (x.rank() != 3 || x.size(2) != forwardLayer.inputSize()) {
            throw new IllegalArgumentException(name + ": input shape " + Arrays.toString(x.shape())
                    + " does not match the expected [batch, time, " + forwardLayer.inputSize() + "]");
        }
        int[] len = Masks.lengths(mask, (int) x.size(0), (int) x.size(1), name);
        RecurrentOp.Pass f = pass(forwardLayer, x, len, false);
        RecurrentOp.Pass b = pass(backwardLayer, x, len, true);
        INDArray xc = RecurrentOp.contiguousInput(x);
        boolean together = RecurrentOp.worthTwoThreads(forwardLayer.cell(), (int) x.size(0), forwardLayer.hiddenSize(),
                (int) x.size(1));
        f.splitBatch = !together;
        b.splitBatch = !together;
        both(together, () -> f.forward(xc), () -> b.forward(xc));
        RecurrentOp.Side sf = new RecurrentOp.Side();
        RecurrentOp.Side sb = new RecurrentOp.Side();
        Tensor sequence = Tensor.result(combine(f.y, b.y), g -> {
            INDArray[] parts = split(g, f.y, b.y);
            both(together, () -> f.backward(parts[0], sf.dhLast, sf.dcLast), () -> b.backward(parts[1], sb.dhLast, sb.dcLast));
            f.applyGradients();
            b.applyGradients();
        }, x, forwardLayer.inputWeights(), forwardLayer.recurrentWeights(), forwardLayer.bias(),
                backwardLayer.inputWeights(), backwardLayer.recurrentWeights(), backwardLayer.bias());
        MemoryScope.track(f.y);
        MemoryScope.track(b.y);
        Tensor fh = RecurrentOp.sideOutput(f.hLast, sequence, g -> sf.dhLast = g);
        Tensor bh = RecurrentOp.sideOutput(b.hLast, sequence, g -> sb.dhLast = g);
        Tensor fc = f.cLast == null ? null : RecurrentOp.sideOutput(f.cLast, sequence, g -> sf.dcLast = g);
        Tensor bc = b.cLast == null ? null : RecurrentOp.sideOutput(b.cLast, sequence, g -> sb.dcLast = g);
        Tensor last = mergeOp(fh, bh);
        return new Result(sequence, last, new SequenceResult(sequence, fh, fc, () -> f.stateGradients),
                new SequenceResult(sequence, bh, bc, () -> b.stateGradients));
    }

    private static RecurrentOp.Pass pass(RecurrentLayer layer, Tensor x, int[] len, boolean reverse) {
        RecurrentOp.Pass pass = new RecurrentOp.Pass(layer.cell(), x, layer.inputWeights(), layer.recurrentWeights(),
                layer.bias(), layer.columnVectorLayout(), len, null, null, reverse, false);
        return pass;
    }

    private static void both(boolean together, Runnable a, Runnable b) {
        if (together) {
            Concurrent.both(a, b);
        } else {
            a.run();
            b.run();
        }
    }

    /** The merge of two same-shaped tensors as a graph node (used for the final states). */
    private Tensor mergeOp(Tensor a, Tensor b) {
        INDArray av = a.value();
        INDArray bv = b.value();
        return Tensor.result(combine(av, bv), g -> {
            INDArray[] parts = split(g, av, bv);
            a.addGradOwned(parts[0]);
            b.addGradOwned(parts[1]);
        }, a, b);
    }

    private INDArray combine(INDArray a, INDArray b) {
        return switch (merge) {
            case SUM -> a.add(b);
            case CONCAT -> Nd4j.concat(a.rank() - 1, a, b);
            case MULTIPLY -> a.mul(b);
            case AVERAGE -> a.add(b).muli(0.5);
        };
    }

    /** The gradients of the two merged inputs, as fresh arrays. */
    private INDArray[] split(INDArray g, INDArray a, INDArray b) {
        return switch (merge) {
            case SUM -> new INDArray[] {g.dup(), g.dup()};
            case CONCAT -> {
                int last = g.rank() - 1;
                long h = a.size(last);
                INDArray ga = g.get(indexLast(g.rank(), 0, h)).dup('c');
                INDArray gb = g.get(indexLast(g.rank(), h, 2 * h)).dup('c');
                yield new INDArray[] {ga, gb};
            }
            case MULTIPLY -> new INDArray[] {g.mul(b), g.mul(a)};
            case AVERAGE -> new INDArray[] {g.mul(0.5), g.mul(0.5)};
        };
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] indexLast(int rank, long from, long to) {
        var idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        for (int i = 0; i < rank - 1; i++) {
            idx[i] = NDArrayIndex.all();
        }
        idx[rank - 1] = NDArrayIndex.interval(from, to);
        return idx;
    }

    public RecurrentLayer forwardLayer() {
        return forwardLayer;
    }

    public RecurrentLayer backwardLayer() {
        return backwardLayer;
    }

    public Merge merge() {
        return merge;
    }

    public String describe() {
        return "Bidirectional[" + merge + "](" + forwardLayer.describe() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
