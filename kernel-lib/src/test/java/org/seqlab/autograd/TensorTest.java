package org.seqlab.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorTest {

    /** Elementwise product, written the way every engine operation is written. */
    private static Tensor mul(Tensor a, Tensor b) {
        return Tensor.result(a.value().mul(b.value()), g -> {
            a.addGradOwned(g.mul(b.value()));
            b.addGradOwned(g.mul(a.value()));
        }, a, b);
    }

    private static Tensor sum(Tensor a) {
        return Tensor.result(Nd4j.scalar(a.dtype(), a.value().sumNumber().doubleValue()),
                g -> a.addGradOwned(Nd4j.valueArrayOf(a.shape(), g.getDouble(0), a.dtype())), a);
    }

    private static Tensor add(Tensor a, Tensor b) {
        return Tensor.result(a.value().add(b.value()), g -> {
            a.addGrad(g);
            b.addGrad(g);
        }, a, b);
    }

    @Test
    void gradientsAccumulateAcrossSharedUses() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(1.0, 2.0, 3.0));
        Tensor y = Tensor.variable(Nd4j.createFromArray(4.0, 5.0, 6.0));
        // loss = sum(x*y) + sum(x*x): d/dx = y + 2x, d/dy = x
        Tensor loss = add(sum(mul(x, y)), sum(mul(x, x)));
        loss.backward();
        assertEquals(Nd4j.createFromArray(6.0, 9.0, 12.0), x.grad());
        assertEquals(Nd4j.createFromArray(1.0, 2.0, 3.0), y.grad());
    }

    @Test
    void gradModeOffRecordsNothing() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(1.0, 2.0));
        Tensor s;
        try (var off = GradMode.off()) {
            s = sum(mul(x, x));
        }
        assertFalse(s.requiresGrad());
        assertThrows(IllegalStateException.class, s::backward);
        assertTrue(GradMode.enabled());
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(1.0, 2.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mul(x, x).backward());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void scopeReleasesIntermediatesButKeepsLeafGradients() {
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 4, 4));
        INDArray kept;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor loss = sum(mul(x, x));
            loss.backward();
            assertTrue(scope.size() >= 2);
            kept = x.grad();
        }
        assertFalse(kept.wasClosed());
        assertEquals(x.value().mul(2), x.grad());
        x.zeroGrad();
        assertNull(x.grad());
        assertTrue(kept.wasClosed());
    }

    @Test
    void gradCheckAcceptsRightAndRejectsWrongBackward() {
        Tensor x = Tensor.variable(Nd4j.rand(DataType.DOUBLE, 3, 2));
        Tensor y = Tensor.variable(Nd4j.rand(DataType.DOUBLE, 3, 2));
        GradCheck.Result good = GradCheck.check(() -> sum(mul(x, y)), java.util.List.of(x, y));
        assertTrue(good.passes(1e-6), good.toString());
        Tensor wrong = Tensor.variable(Nd4j.rand(DataType.DOUBLE, 3, 2));
        GradCheck.Result bad = GradCheck.check(() -> sum(Tensor.result(wrong.value().mul(wrong.value()),
                g -> wrong.addGradOwned(g.mul(wrong.value())), wrong)), java.util.List.of(wrong));
        assertFalse(bad.passes(1e-3), bad.toString());
    }

    @Test
    void gradientsAccumulateInEveryTypeAndFromViews() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Tensor w = Tensor.variable(Nd4j.zeros(type, 2, 3));
            w.addGradOwned(Nd4j.linspace(1, 6, 6, type).reshape(2, 3));
            w.addGrad(Nd4j.linspace(10, 60, 6, type).reshape(2, 3));
            // a strided view (a column slice) takes ND4J's path; the sum must be the same
            INDArray wide = Nd4j.linspace(1, 12, 12, type).reshape(2, 6);
            w.addGrad(wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)));
            assertEquals(Nd4j.createFromArray(new double[][] {{12, 24, 36}, {51, 63, 75}}).castTo(type), w.grad(), type.toString());
        }
        Tensor mixed = Tensor.variable(Nd4j.zeros(DataType.FLOAT, 3));
        mixed.addGrad(Nd4j.createFromArray(1f, 2f, 3f));
        mixed.addGrad(Nd4j.createFromArray(0.5, 0.5, 0.5));
        assertEquals(Nd4j.createFromArray(1.5f, 2.5f, 3.5f), mixed.grad(), "a double gradient added to a float one");
    }

    @Test
    void anOwnedViewGradientIsStoredDenseSoFusedLoopsCanScaleIt() {
        // A backward that hands over a reshaped slice of a larger buffer (as a convolution's weight
        // gradient can be) must still leave a gradient that clipping can rescale in place.
        Tensor w = Tensor.variable(Nd4j.zeros(DataType.FLOAT, 2, 3));
        INDArray big = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8}).reshape(8);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6)).reshape(2, 3);
        w.addGradOwned(view);
        assertTrue(org.seqlab.autograd.ops.Dense.isDense(w.grad()));
        org.seqlab.autograd.ops.Sums.scale(w.grad(), 0.5);
        assertEquals(3.0, w.grad().getDouble(1, 2), 1e-6);
    }
}
