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

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer l : layers) {
            y = l.forward(y);
            Summary.observe(l, y);
        }
        return y;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }
}
