package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Lookup;

/** A [vocabulary, dim] table of learned vectors ({@code table}, N(0, 1) as PyTorch) looked up by index. */
public final class Embedding extends Module {
    private final Parameter table;

    public Embedding(int vocabulary, int dim, Rng rng, DataType type) {
        this.table = parameter("table", (r, t, s) -> r.normal(t, 0, 1, s), rng, type, vocabulary, dim);
    }

    /** indices [...] of integer values give [..., dim]. */
    public Tensor forward(INDArray indices) {
        Tensor out = Lookup.embedding("Embedding(" + table.size(0) + ", " + table.size(1) + ") '" + path() + "'", table, indices);
        Summary.observe(this, out);
        return out;
    }

    public Parameter table() {
        return table;
    }
}
