package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertGradients;
import static org.seqlab.autograd.ops.Checks.var;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

class BasicOpsTest {
    private final Rng rng = new Rng(1);

    @Test
    void broadcastingArithmeticHasRightGradients() {
        Tensor x = var(rng, 3, 4, 5);
        Tensor bias = var(rng, 5);
        Tensor gate = var(rng, 3, 4, 1);
        assertGradients(() -> Elementwise.add(x, bias), x, bias);
        assertGradients(() -> Elementwise.sub(bias, x), x, bias);
        assertGradients(() -> Elementwise.mul(x, gate), x, gate);
        assertGradients(() -> Elementwise.affine(x, -2.5, 0.3), x);
    }

    @Test
    void sharedInputOfAddGetsBothContributions() {
        Tensor x = var(rng, 2, 3);
        assertGradients(() -> Elementwise.add(x, x), x);
    }

    @Test
    void activationsHaveRightGradients() {
        Tensor x = var(rng, 4, 6);
        assertGradients(() -> Elementwise.sigmoid(x), x);
        assertGradients(() -> Elementwise.tanh(x), x);
        assertGradients(() -> Elementwise.exp(x), x);
        Tensor positive = Tensor.variable(rng.uniform(DataType.DOUBLE, 0.5, 2, 3, 3));
        assertGradients(() -> Elementwise.log(positive), positive);
        // ReLU away from its kink, where finite differences are exact
        INDArray v = rng.uniform(DataType.DOUBLE, 0.1, 1, 5, 4);
        v.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).negi();
        Tensor k = Tensor.variable(v);
        assertGradients(() -> Elementwise.relu(k), k);
    }

    @Test
    void broadcastMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.add(var(rng, 3, 4), var(rng, 5)));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void linearOverSequencesMatchesLoopAndGradients() {
        Tensor x = var(rng, 2, 3, 4);
        Tensor w = var(rng, 4, 5);
        Tensor b = var(rng, 5);
        Tensor y = MatMul.linear(x, w, b);
        assertArrayEquals(new long[] {2, 3, 5}, y.shape());
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 3; t++) {
                for (int o = 0; o < 5; o++) {
                    double s = b.value().getDouble(o);
                    for (int f = 0; f < 4; f++) {
                        s += x.value().getDouble(i, t, f) * w.value().getDouble(f, o);
                    }
                    assertEquals(s, y.value().getDouble(i, t, o), 1e-12);
                }
            }
        }
        assertGradients(() -> MatMul.linear(x, w, b), x, w, b);
        assertGradients(() -> MatMul.linear(x, w, null), x, w);
        Tensor a = var(rng, 3, 4);
        assertGradients(() -> MatMul.matmul(a, w), a, w);
    }

    @Test
    void linearShapeErrorNamesLayerAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatMul.linear("decoder.out", var(rng, 2, 7), var(rng, 4, 5), null));
        assertTrue(e.getMessage().contains("decoder.out") && e.getMessage().contains("[2, 7]")
                && e.getMessage().contains("[4, 5]"), e.getMessage());
    }

    @Test
    void reductionsAndShapeOpsHaveRightGradients() {
        Tensor x = var(rng, 3, 4, 2);
        assertGradients(() -> Reductions.sum(x), x);
        assertGradients(() -> Reductions.mean(x), x);
        assertGradients(() -> Reductions.sum(x, 1), x);
        assertGradients(() -> Reductions.mean(x, -1), x);
        assertGradients(() -> Shapes.reshape(x, 4, -1), x);
        assertGradients(() -> Shapes.transpose(x, 0, 2), x);
        assertGradients(() -> Shapes.permute(x, 1, 2, 0), x);
        assertGradients(() -> Shapes.slice(x, 1, 1, 3), x);
        Tensor y = var(rng, 3, 2, 2);
        assertGradients(() -> Shapes.concat(1, x, y), x, y);
        assertEquals(x.value().sum(1).getDouble(2, 1), Reductions.sum(x, 1).value().getDouble(2, 1), 1e-12);
        assertEquals(x.value().getDouble(2, 2, 1), Shapes.slice(x, 1, 1, 3).value().getDouble(2, 1, 1), 0);
    }

    @Test
    void concatMatchesNd4jOnEveryAxisAndSplitsGradients() {
        for (int axis = 0; axis < 3; axis++) {
            long[] a = {2, 3, 4};
            long[] b = a.clone();
            long[] c = a.clone();
            b[axis] = 1;
            c[axis] = 5;
            INDArray x = rng.normal(DataType.FLOAT, 0, 1, a);
            INDArray y = rng.normal(DataType.FLOAT, 0, 1, b);
            INDArray z = rng.normal(DataType.FLOAT, 0, 1, c);
            INDArray expected = Nd4j.concat(axis, x, y, z);
            INDArray got = Shapes.concat(axis, Tensor.constant(x), Tensor.constant(y), Tensor.constant(z)).value();
            assertArrayEquals(expected.shape(), got.shape(), "axis " + axis);
            assertEquals(expected, got, "axis " + axis);
            Tensor dx = var(rng, a);
            Tensor dy = Tensor.constant(rng.normal(DataType.DOUBLE, 0, 1, b));
            Tensor dz = var(rng, c);
            int along = axis;
            assertGradients(() -> Shapes.concat(along, dx, dy, dz), dx, dz);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.concat(0, Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2)), Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2))));
        assertTrue(e.getMessage().contains("part 1 is DOUBLE"), e.getMessage());
    }

    @Test
    void concatShapeErrorNamesParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.concat(1, var(rng, 3, 4), var(rng, 2, 4)));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void softmaxRowsSumToOneAndGradientsAreRight() {
        Tensor x = var(rng, 2, 5, 3);
        Tensor s = Softmax.softmax(x, 1);
        INDArray sums = s.value().sum(1);
        assertTrue(sums.equalsWithEps(Nd4j.ones(DataType.DOUBLE, 2, 3), 1e-12));
        assertTrue(Softmax.logSoftmax(x, -1).value().equalsWithEps(
                org.nd4j.linalg.ops.transforms.Transforms.log(Softmax.softmax(x, -1).value()), 1e-12));
        assertGradients(() -> Softmax.softmax(x, 1), x);
        assertGradients(() -> Softmax.softmax(x, -1), x);
        assertGradients(() -> Softmax.logSoftmax(x, 0), x);
        assertGradients(() -> Softmax.logSoftmax(x, 2), x);
    }

    @Test
    void float32WorksToo() {
        Tensor x = Tensor.variable(new Rng(3).uniform(DataType.FLOAT, -1, 1, 4, 3));
        Tensor w = Tensor.variable(new Rng(4).uniform(DataType.FLOAT, -1, 1, 3, 2));
        Tensor loss = Reductions.sum(Softmax.logSoftmax(Elementwise.tanh(MatMul.linear(x, w, null)), 1));
        loss.backward();
        assertEquals(DataType.FLOAT, w.grad().dataType());
        assertArrayEquals(new long[] {3, 2}, w.grad().shape());
    }
}
