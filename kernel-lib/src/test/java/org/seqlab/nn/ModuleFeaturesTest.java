package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.optim.Adam;
import tech.tablesaw.api.Table;

class ModuleFeaturesTest {

    /** conv -> batch norm -> relu -> frequency pooling -> flatten to [N, T, C*F] -> dropout -> linear. */
    static Sequential crnnLike(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential()
                .add("conv", new Conv2d(1, 4, 3, 3, rng))
                .add("bn", new BatchNorm(4, 1, DataType.FLOAT))
                .add("relu", Activation.relu())
                .add("pool", Pool.max2d(2, 1))
                .add("frames", new Activation("ToFrames", x -> org.seqlab.autograd.ops.Shapes.reshape(
                        org.seqlab.autograd.ops.Shapes.permute(x, 0, 3, 1, 2), x.size(0), x.size(3), -1)))
                .add("drop", new Dropout(0.2, rng))
                .add("head", new Linear(4 * 4, 3, rng));
    }

    static INDArray input(long seed) {
        return new Rng(seed).uniform(DataType.FLOAT, -1, 1, 2, 1, 8, 6);
    }

    static INDArray targets() {
        return Nd4j.createFromArray(new float[][] {{0, 1, 2, 0, 1, 2}, {2, 2, 1, 1, 0, 0}});
    }

    static double[] train(Sequential model, Adam adam, int steps) {
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            try (var scope = MemoryScope.open()) {
                Tensor loss = CrossEntropy.loss(model.forward(Tensor.constant(input(s))), targets());
                loss.backward();
                adam.step();
                losses[s] = loss.item();
            }
        }
        return losses;
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndLosses() {
        Sequential a = crnnLike(42);
        Sequential b = crnnLike(42);
        a.parameters().forEach((n, p) -> assertEquals(p.value(), b.parameters().get(n).value(), n));
        assertNotEquals(a.parameters().get("head.w").value(), crnnLike(43).parameters().get("head.w").value());
        double[] la = train(a, new Adam(a.parameters(), 0.01), 5);
        double[] lb = train(b, new Adam(b.parameters(), 0.01), 5);
        assertArrayEquals(la, lb, 0.0);
        a.parameters().forEach((n, p) -> assertEquals(p.value(), b.parameters().get(n).value(), n));
    }

    @Test
    void summaryListsShapesAndCounts() {
        Sequential m = crnnLike(1);
        Table t = m.summary(Tensor.constant(input(0)));
        assertEquals(List.of("(model)", "conv", "bn", "relu", "pool", "frames", "drop", "head"), t.stringColumn("layer").asList());
        assertEquals("[2, 4, 8, 6]", t.stringColumn("output shape").get(1));
        assertEquals("[2, 6, 16]", t.stringColumn("output shape").get(5));
        assertEquals("[2, 6, 3]", t.stringColumn("output shape").get(7));
        assertEquals(4 * 9 + 4, t.longColumn("parameters").get(1));
        assertEquals(16 * 3 + 3, t.longColumn("parameters").get(7));
        assertEquals(m.parameterCount(), t.longColumn("parameters").get(0));
        // a summary pass does not move batch-norm statistics
        assertEquals(Nd4j.zeros(DataType.FLOAT, 4), m.buffers().get("bn.running_mean"));
    }

    @Test
    void shapeErrorNamesLayerPathAndBothShapes() {
        Sequential m = new Sequential().add("encoder", new Sequential().add("proj", new Linear(8, 4, new Rng(1))));
        var e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 7))));
        assertTrue(e.getMessage().contains("Linear(8 -> 4) 'encoder.proj'") && e.getMessage().contains("[2, 5, 7]")
                && e.getMessage().contains("[8, 4]"), e.getMessage());
    }

    @Test
    void freezeAndReinitialiseByPrefix() {
        Sequential m = crnnLike(3);
        assertEquals(List.of("conv.w", "conv.b"), m.freeze("conv."));
        INDArray convBefore = m.parameters().get("conv.w").value().dup();
        INDArray headBefore = m.parameters().get("head.w").value().dup();
        train(m, new Adam(m.parameters(), 0.01), 2);
        assertEquals(convBefore, m.parameters().get("conv.w").value());
        assertNotEquals(headBefore, m.parameters().get("head.w").value());
        m.reinitialize("head.", new Rng(3).split());
        assertNotEquals(headBefore, m.parameters().get("head.w").value());
        assertEquals(Nd4j.zeros(DataType.FLOAT, 3), m.parameters().get("head.b").value());
        m.unfreeze("conv");
        assertTrue(m.parameters().get("conv.w").trainable());
        var e = assertThrows(IllegalArgumentException.class, () -> m.freeze("decoder"));
        assertTrue(e.getMessage().contains("decoder") && e.getMessage().contains("head.w"), e.getMessage());
    }

    @Test
    void checkpointRestoresParametersBuffersAndOptimizerState(@TempDir Path dir) throws Exception {
        Sequential a = crnnLike(5);
        Adam adamA = new Adam(a.parameters(), 0.01);
        train(a, adamA, 3);
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, a, adamA);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        Sequential b = crnnLike(99);
        Adam adamB = new Adam(b.parameters(), 0.01);
        Checkpoint.load(file, b, adamB);
        a.parameters().forEach((n, p) -> assertEquals(p.value(), b.parameters().get(n).value(), n));
        assertEquals(a.buffers().get("bn.running_var"), b.buffers().get("bn.running_var"));
        // the dropout streams differ (seed 5 vs 99), so compare in evaluation mode
        a.eval();
        b.eval();
        double[] la = train(a, adamA, 2);
        double[] lb = train(b, adamB, 2);
        assertArrayEquals(la, lb, 1e-6);
        a.parameters().forEach((n, p) -> assertTrue(p.value().equalsWithEps(b.parameters().get(n).value(), 1e-6), n));
    }

    @Test
    void checkpointMismatchNamesTheParameterAndShapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.ckpt");
        Checkpoint.save(file, new Sequential().add("head", new Linear(4, 3, new Rng(1))), null);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, new Sequential().add("head", new Linear(4, 5, new Rng(1))), null));
        assertTrue(e.getMessage().contains("head.w") && e.getMessage().contains("[4, 3]")
                && e.getMessage().contains("[4, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, new Sequential().add("out", new Linear(4, 3, new Rng(1))), null));
        assertTrue(e.getMessage().contains("'out.w' is missing") && e.getMessage().contains("'head.w' does not exist"),
                e.getMessage());
    }

    @Test
    void initialisersHaveTheirDocumentedStatistics() {
        INDArray g = Init.glorotUniform(new Rng(1), DataType.DOUBLE, 200, 300);
        double limit = Math.sqrt(6.0 / 500);
        assertTrue(g.amaxNumber().doubleValue() <= limit);
        assertEquals(limit * limit / 3, g.varNumber().doubleValue(), limit * limit / 3 * 0.05);
        INDArray he = Init.heNormal(new Rng(2), DataType.DOUBLE, 64, 32, 3, 3);
        assertEquals(2.0 / (32 * 9), he.varNumber().doubleValue(), 2.0 / (32 * 9) * 0.05);
        INDArray q = Init.orthogonal(new Rng(3), DataType.DOUBLE, 1.0, 6, 6);
        assertTrue(q.mmul(q.transpose()).equalsWithEps(Nd4j.eye(6).castTo(DataType.DOUBLE), 1e-12));
        INDArray wide = Init.orthogonal(new Rng(3), DataType.DOUBLE, 2.0, 3, 8);
        assertTrue(wide.mmul(wide.transpose()).equalsWithEps(Nd4j.eye(3).castTo(DataType.DOUBLE).mul(4), 1e-12));
        INDArray bias = Nd4j.zeros(DataType.FLOAT, 4 * 5);
        Init.forgetGateBias(bias, 4, 1, 5, 1.0);
        assertEquals(5.0, bias.sumNumber().doubleValue(), 0);
        assertEquals(1.0, bias.getDouble(5), 0);
        assertEquals(0.0, bias.getDouble(10), 0);
        assertEquals(Init.glorotUniform(new Rng(9), DataType.FLOAT, 3, 4), Init.glorotUniform(new Rng(9), DataType.FLOAT, 3, 4));
    }
}
