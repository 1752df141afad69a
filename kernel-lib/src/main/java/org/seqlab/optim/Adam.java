package org.seqlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.nn.Parameter;

/**
 * Adam, and AdamW when {@code decoupled}: bias-corrected first and second moments, as in
 * PyTorch. Weight decay is L2 added to the gradient for Adam, and a separate shrinking
 * {@code p -= lr wd p} for AdamW (which is what makes decay work with adaptive rates).
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;

    public Adam(List<ParamGroup> groups, double beta1, double beta2, double eps, boolean decoupled) {
        super(groups);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(eps > 0)) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1) and eps > 0, got "
                    + beta1 + ", " + beta2 + ", " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decoupled = decoupled;
    }

    /** Adam with PyTorch's defaults (0.9, 0.999, 1e-8), no weight decay. */
    public Adam(Map<String, Parameter> parameters, double learningRate) {
        this(List.of(new ParamGroup(parameters, learningRate, 0)), 0.9, 0.999, 1e-8, false);
    }

    /** AdamW with PyTorch's defaults (0.9, 0.999, 1e-8). */
    public static Adam adamW(Map<String, Parameter> parameters, double learningRate, double weightDecay) {
        return new Adam(List.of(new ParamGroup(parameters, learningRate, weightDecay)), 0.9, 0.999, 1e-8, true);
    }

    @Override
    protected void update(Buf p, Buf g, int n, Map<String, INDArray> slots, INDArray value, ParamGroup group) {
        double lr = group.learningRate();
        double wd = group.weightDecay();
        Buf m = Buf.of(slot(slots, "m", value));
        Buf v = Buf.of(slot(slots, "v", value));
        long t = increment(slots, "step");
        double c1 = 1 - Math.pow(beta1, t);
        double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
        double shrink = decoupled ? 1 - lr * wd : 1;
        double l2 = decoupled ? 0 : wd;
        for (int i = 0; i < n; i++) {
            double pi = p.get(i);
            double gi = g.get(i) + l2 * pi;
            double mi = beta1 * m.get(i) + (1 - beta1) * gi;
            double vi = beta2 * v.get(i) + (1 - beta2) * gi * gi;
            m.set(i, mi);
            v.set(i, vi);
            p.set(i, pi * shrink - (lr / c1) * mi / (Math.sqrt(vi) / sqrtC2 + eps));
        }
    }
}
