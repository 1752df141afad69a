package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The simple recurrent layer in the two forms the lectures use. Both compute one hidden
 * state per step with one bias, n_in*n + n^2 + n parameters; they differ in notation,
 * weight layout and activation:
 * <ul>
 * <li>{@link Form#ELMAN}: {@code h_t = tanh(W x_t + U h_{t-1} + b)} with column vectors,
 *     so {@code w} is [H, in] and {@code u} is [H, H] exactly as written on the slide (the
 *     BPTT notebook can compute {@code U h} by hand with them);</li>
 * <li>{@link Form#KERAS}: Keras' {@code SimpleRNN}, {@code h_t = act(x_t K + h_{t-1} R + b)}
 *     with row vectors, {@code kernel} [in, H] and {@code recurrent_kernel} [H, H] in Keras'
 *     layout (Keras weights load unchanged), and a choice of activation (tanh or ReLU).</li>
 * </ul>
 * The output of both is the hidden state itself; an output layer y = V h + c is a separate
 * linear layer.
 */
public final class SimpleRnn extends RecurrentLayer {
    public enum Form { ELMAN, KERAS }

    public enum Activation { TANH, RELU }

    private final Form form;

    /** The Elman form with tanh. */
    public SimpleRnn(int inputSize, int hiddenSize, long seed) {
        this(Form.ELMAN, Activation.TANH, inputSize, hiddenSize, seed, DataType.FLOAT);
    }

    public SimpleRnn(Form form, Activation activation, int inputSize, int hiddenSize, long seed, DataType dtype) {
        super(activation == Activation.RELU ? Cell.RNN_RELU : Cell.RNN_TANH, inputSize, hiddenSize, seed, dtype,
                checkForm(form, activation) == Form.ELMAN,
                form == Form.ELMAN ? new String[] {"w", "u", "b"} : new String[] {"kernel", "recurrent_kernel", "bias"}, -1);
        this.form = form;
    }

    private static Form checkForm(Form form, Activation activation) {
        if (form == Form.ELMAN && activation != Activation.TANH) {
            throw new IllegalArgumentException("the Elman form is defined with tanh; use Form.KERAS for " + activation);
        }
        return form;
    }

    public Form form() {
        return form;
    }

    @Override
    public String describe() {
        return "SimpleRnn[" + form + "](in=" + inputSize() + ", hidden=" + hiddenSize() + ")";
    }
}
