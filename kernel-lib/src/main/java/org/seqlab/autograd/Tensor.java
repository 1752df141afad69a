package org.seqlab.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/**
 * A value in the computation graph: an ND4J array, its gradient after {@link #backward()},
 * and the operation that produced it. Operations are coarse (a whole LSTM layer, a fused
 * GLU) with hand-written backward passes, so the graph of a training step has tens of nodes,
 * not thousands.
 *
 * <p>An operation builds its result with {@link #result(INDArray, Backward, Tensor...)}; the
 * backward closure is kept only when grad mode is on and some input needs a gradient.
 */
public class Tensor {
    private final INDArray value;
    private boolean requiresGrad;
    private Tensor[] parents;
    private Backward backward;
    private INDArray grad;

    protected Tensor(INDArray value, boolean requiresGrad, Backward backward, Tensor[] parents) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.backward = backward;
        this.parents = parents;
    }

    /** A tensor that never needs a gradient (inputs, targets, masks). */
    public static Tensor constant(INDArray value) {
        return new Tensor(value, false, null, new Tensor[0]);
    }

    /** A tensor that collects a gradient but has no producer, for tests and gradient checks. */
    public static Tensor variable(INDArray value) {
        return new Tensor(value, true, null, new Tensor[0]);
    }

    /**
     * The output of an operation. {@code value} must be a fresh array owned by the result; it
     * is registered with the current {@link MemoryScope}.
     */
    public static Tensor result(INDArray value, Backward backward, Tensor... inputs) {
        MemoryScope.track(value);
        boolean needs = false;
        if (GradMode.enabled()) {
            for (Tensor t : inputs) {
                if (t != null && t.requiresGrad) {
                    needs = true;
                    break;
                }
            }
        }
        return needs ? new Tensor(value, true, backward, inputs) : new Tensor(value, false, null, new Tensor[0]);
    }

    public INDArray value() {
        return value;
    }

    /** The accumulated gradient, or null before any backward pass reached this tensor. */
    public INDArray grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Only parameters change this (freezing for transfer learning). */
    protected void setRequiresGrad(boolean requiresGrad) {
        this.requiresGrad = requiresGrad;
    }

    public long[] shape() {
        return value.shape();
    }

    public long size(int dim) {
        return value.size(dim);
    }

    public int rank() {
        return value.rank();
    }

    public DataType dtype() {
        return value.dataType();
    }

    /** The single element of a scalar tensor, such as a loss. */
    public double item() {
        if (value.length() != 1) {
            throw new IllegalStateException("item() needs a single element, shape is " + Arrays.toString(shape()));
        }
        return value.getDouble(0);
    }

    /** The same value cut off from the graph. */
    public Tensor detach() {
        return constant(value);
    }

    /** Adds to this tensor's gradient without taking ownership of {@code g} (it may be shared). */
    public void addGrad(INDArray g) {
        if (!requiresGrad) {
            return;
        }
        checkGradShape(g);
        if (grad == null) {
            grad = isLeaf() ? g.dup() : MemoryScope.track(g.dup());
        } else {
            accumulate(g);
        }
    }

    /**
     * Adds to this tensor's gradient, taking ownership of {@code g}: the caller allocated it for
     * this purpose and will not touch it again. Saves a copy on the first contribution.
     */
    public void addGradOwned(INDArray g) {
        if (!requiresGrad) {
            return;
        }
        checkGradShape(g);
        if (grad == null && !Dense.isDense(g)) {
            // A view (a reshape of a larger buffer) cannot serve fused loops such as clipping: copy it.
            addGrad(g);
            return;
        }
        if (grad == null) {
            grad = isLeaf() ? keepOutsideScope(g) : MemoryScope.track(g);
        } else {
            accumulate(g);
        }
    }

    /**
     * The gradient itself, to add into in place (zeroed first when there is none yet), or null when
     * this tensor needs no gradient or its gradient is not a dense float32 or float64 array. A decoder's attention
     * adds a [batch, steps, size] contribution to the encoder's gradient at every output step;
     * adding in place spares an array of that size and a second pass over it per step.
     */
    public Buf gradBuffer() {
        if (!requiresGrad) {
            return null;
        }
        if (grad == null) {
            INDArray z = Dense.zeros(value.dataType(), value.shape());
            grad = isLeaf() ? keepOutsideScope(z) : z;
        }
        DataType type = grad.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && Dense.isDense(grad) ? Buf.of(grad) : null;
    }

    /**
     * grad += g, in a Java loop when both are dense arrays of one engine type: ND4J's {@code addi}
     * waited on its threads for milliseconds per call on a loaded machine, and an attention decoder
     * accumulates a dozen gradients per output step (LAS speller profile, bench/RESULTS.md).
     */
    private void accumulate(INDArray g) {
        DataType type = grad.dataType();
        if (g.dataType() == type && (type == DataType.FLOAT || type == DataType.DOUBLE) && Dense.isDense(grad)
                && Dense.isDense(g)) {
            Buf.of(grad).addAll(Buf.of(g), Dense.toInt(g.length()));
        } else {
            grad.addi(g);
        }
    }

    private void checkGradShape(INDArray g) {
        if (!Arrays.equals(g.shape(), value.shape())) {
            throw new IllegalStateException("gradient shape " + Arrays.toString(g.shape())
                    + " does not match value shape " + Arrays.toString(value.shape()));
        }
    }

    /** A leaf has no producer: a parameter or a variable. Its gradient outlives memory scopes. */
    public boolean isLeaf() {
        return backward == null && parents.length == 0;
    }

    private static INDArray keepOutsideScope(INDArray g) {
        MemoryScope.keep(g);
        return g;
    }

    /**
     * Forgets the gradient; optimizers call this between steps. A leaf's gradient is released
     * at once; an intermediate one belongs to the memory scope of its step.
     */
    public void zeroGrad() {
        if (grad != null && isLeaf() && grad.closeable()) {
            grad.close();
        }
        grad = null;
    }

    /**
     * Back-propagates from this scalar through the graph that produced it. Afterwards the graph
     * is released: intermediate gradients and backward closures are dropped, leaf gradients
     * (parameters) stay.
     */
    public void backward() {
        if (value.length() != 1) {
            throw new IllegalStateException("backward() starts from a scalar; shape is " + Arrays.toString(shape()));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not require a gradient:"
                    + " no parameter was involved, or it was computed with GradMode off");
        }
        List<Tensor> order = topologicalOrder();
        addGradOwned(Nd4j.ones(value.dataType(), value.shape()));
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backward != null && t.grad != null) {
                t.backward.apply(t.grad);
            }
        }
        for (Tensor t : order) {
            if (t.backward != null) {
                t.backward = null;
                t.parents = new Tensor[0];
                t.grad = null;
            }
        }
    }

    /** Nodes in an order where every node comes after all its inputs; iterative for deep graphs. */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        seen.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            if (next < t.parents.length) {
                frame[1] = next + 1;
                Tensor p = t.parents[next];
                if (p != null && p.requiresGrad && seen.put(p, Boolean.TRUE) == null) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape()) + " " + dtype() + (requiresGrad ? " (grad)" : "");
    }
}
