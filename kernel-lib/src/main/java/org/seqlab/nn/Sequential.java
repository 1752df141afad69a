package org.seqlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.autograd.Tensor;

/** Layers applied in order; each is named (its dotted-path segment) when added. */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    /** Appends {@code layer} under {@code name}; returns this for chaining. */
    public Sequential add(String name, Layer layer) {
        layers.add(child(name, layer));
        return this;
    }

    /** Appends under the next index as name ("0", "1", ...). */
    public Sequential add(Layer layer) {
        return add(Integer.toString(layers.size()), layer);
    }

    /**
     * Runs the layers in order. A {@link Activation#relu()} directly followed by a max
     * {@link Pool} whose window equals its stride runs as one fused operation with the same
     * values and gradients: the CNN front ends of sound event detection spend much of their step
     * on that pair (bench/RESULTS.md, engine session 2b). A {@link Conv2d} before such a pair
     * joins it ({@code Convolution.conv2dReluMaxPool}, engine session 3).
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (i + 2 < layers.size() && l instanceof Conv2d conv && layers.get(i + 1) instanceof Activation a
                    && a.isRelu() && layers.get(i + 2) instanceof Pool p && p.fusesAfterRelu() && y.rank() == 4) {
                long[] convShape = conv.outputShape(y.shape());
                y = p.forwardAfterConvRelu(conv, y);
                Summary.observe(l, convShape);
                Summary.observe(layers.get(i + 1), convShape);
                Summary.observe(p, y);
                i += 2;
                continue;
            }
            if (i + 1 < layers.size() && l instanceof Activation a && a.isRelu()
                    && layers.get(i + 1) instanceof Pool p && p.fusesAfterRelu() && y.rank() == 4) {
                Summary.observe(l, y); // ReLU keeps the shape
                y = p.forwardAfterRelu(y);
                Summary.observe(p, y);
                i++;
                continue;
            }
            y = l.forward(y);
            Summary.observe(l, y);
        }
        return y;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }
}
