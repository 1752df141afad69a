package org.seqlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.nn.Parameter;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, in
 * PyTorch's form: {@code v = mu v + g} ({@code v = g} on the first step), {@code p -= lr v}.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    public Sgd(List<ParamGroup> groups, double momentum, boolean nesterov) {
        super(groups);
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public Sgd(Map<String, Parameter> parameters, double learningRate, double momentum) {
        this(List.of(new ParamGroup(parameters, learningRate, 0)), momentum, false);
    }

    @Override
    protected void update(Buf p, Buf g, int n, Map<String, INDArray> slots, INDArray value, ParamGroup group) {
        double lr = group.learningRate();
        double wd = group.weightDecay();
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                p.set(i, p.get(i) - lr * (g.get(i) + wd * p.get(i)));
            }
            return;
        }
        boolean first = !slots.containsKey("velocity");
        Buf v = Buf.of(slot(slots, "velocity", value));
        for (int i = 0; i < n; i++) {
            double gi = g.get(i) + wd * p.get(i);
            double vi = first ? gi : momentum * v.get(i) + gi;
            v.set(i, vi);
            p.set(i, p.get(i) - lr * (nesterov ? gi + momentum * vi : vi));
        }
    }
}
