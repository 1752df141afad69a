package org.seqlab.autograd.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/** The gated linear unit {@code (X W + b) ⊙ σ(X V + c)}: two gemms and one fused gate. */
public final class Gating {
    private Gating() {}

    public static Tensor glu(String name, Tensor x, Tensor w, Tensor b, Tensor v, Tensor c) {
        return gate(MatMul.linear(name + " (value)", x, w, b), MatMul.linear(name + " (gate)", x, v, c));
    }

    /** {@code a ⊙ σ(s)} in one fused pass, forward and backward. */
    public static Tensor gate(Tensor a, Tensor s) {
        Dense.requireSameShape("gate", a.value(), s.value());
        int n = (int) a.value().length();
        Buf ab = Buf.of(Dense.of(a.value()));
        Buf sb = Buf.of(Dense.of(s.value()));
        INDArray out = Nd4j.createUninitialized(a.dtype(), a.shape());
        Buf ob = Buf.of(out);
        for (int i = 0; i < n; i++) {
            ob.set(i, ab.get(i) / (1 + Math.exp(-sb.get(i))));
        }
        return Tensor.result(out, g -> {
            Buf gb = Buf.of(Dense.of(g));
            INDArray ga = Nd4j.createUninitialized(g.dataType(), a.shape());
            INDArray gs = Nd4j.createUninitialized(g.dataType(), s.shape());
            Buf gab = Buf.of(ga);
            Buf gsb = Buf.of(gs);
            for (int i = 0; i < n; i++) {
                double sig = 1 / (1 + Math.exp(-sb.get(i)));
                gab.set(i, gb.get(i) * sig);
                gsb.set(i, gb.get(i) * ab.get(i) * sig * (1 - sig));
            }
            a.addGradOwned(ga);
            s.addGradOwned(gs);
        }, a, s);
    }
}
