package org.seqlab.nn;

import java.util.function.UnaryOperator;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;

/** A parameter-free layer from a tensor function: activations, reshapes between a conv stack and an RNN. */
public final class Activation extends Layer {
    private final String name;
    private final UnaryOperator<Tensor> fn;
    private final boolean relu;

    public Activation(String name, UnaryOperator<Tensor> fn) {
        this(name, fn, false);
    }

    private Activation(String name, UnaryOperator<Tensor> fn, boolean relu) {
        this.name = name;
        this.fn = fn;
        this.relu = relu;
    }

    /** {@link Sequential} runs this and a following window-sized max pooling as one fused operation. */
    public static Activation relu() {
        return new Activation("ReLU", Elementwise::relu, true);
    }

    /** Whether this is {@link #relu()}, which {@link Sequential} may fuse with the pooling after it. */
    boolean isRelu() {
        return relu;
    }

    public static Activation tanh() {
        return new Activation("Tanh", Elementwise::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Elementwise::sigmoid);
    }

    @Override
    public Tensor forward(Tensor x) {
        return fn.apply(x);
    }

    @Override
    protected String kind() {
        return name;
    }
}
