package org.seqlab.nn.recurrent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Module;

/**
 * Recurrent layers applied one after the other, each reading the previous one's output
 * sequence with the same mask: the "stacked" or deep RNN of the lectures. An optional
 * operation between layers (dropout, normally) is applied in training mode only.
 */
public final class Stacked extends Module implements SequenceEncoder {
    private final List<SequenceEncoder> layers = new ArrayList<>();
    private UnaryOperator<Tensor> between;

    public Stacked(List<? extends SequenceEncoder> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Stacked: needs at least one layer");
        }
        int i = 0;
        for (SequenceEncoder layer : layers) {
            if (!(layer instanceof Module m)) {
                throw new IllegalArgumentException("Stacked: layer " + i + " is not a Module: " + layer);
            }
            child("layer" + i, m);
            this.layers.add(layer);
            i++;
        }
    }

    /**
     * {@code count} layers of {@code cell} ({@link Cell#LSTM}, {@link Cell#GRU},
     * {@link Cell#RNN_TANH}), bidirectional with {@code merge} when it is not null.
     * Layer i is seeded with {@code seed + 2i}.
     */
    public static Stacked of(Cell cell, int inputSize, int hiddenSize, int count, Bidirectional.Merge merge,
            long seed, DataType dtype) {
        List<SequenceEncoder> list = new ArrayList<>();
        int in = inputSize;
        for (int i = 0; i < count; i++) {
            long s = seed + 2L * i;
            SequenceEncoder layer = merge == null ? single(cell, in, hiddenSize, s, dtype)
                    : new Bidirectional(single(cell, in, hiddenSize, s, dtype), single(cell, in, hiddenSize, s + 1, dtype), merge);
            list.add(layer);
            in = layer.outputSize();
        }
        return new Stacked(list);
    }

    private static RecurrentLayer single(Cell cell, int in, int hidden, long seed, DataType dtype) {
        return switch (cell) {
            case LSTM -> new Lstm(in, hidden, seed, dtype);
            case GRU -> new Gru(in, hidden, seed, dtype);
            case RNN_TANH -> new SimpleRnn(SimpleRnn.Form.KERAS, SimpleRnn.Activation.TANH, in, hidden, seed, dtype);
            case RNN_RELU -> new SimpleRnn(SimpleRnn.Form.KERAS, SimpleRnn.Activation.RELU, in, hidden, seed, dtype);
        };
    }

    /** Sets the operation applied between layers in training mode (e.g. dropout); null for none. */
    public Stacked between(UnaryOperator<Tensor> op) {
        this.between = op;
        return this;
    }

    public List<SequenceEncoder> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor encode(Tensor x, Tensor mask) {
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0 && between != null && isTraining()) {
                h = between.apply(h);
            }
            h = layers.get(i).encode(h, mask);
        }
        return h;
    }

    @Override
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }
}
