package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradCheck;
import org.seqlab.autograd.Tensor;

/** The sequence reductions against element-by-element oracles and finite differences, in both float types and on views. */
class LastStepTest {
    private static final int[] LENGTHS = {5, 2, 1, 4};

    private static INDArray random(long seed, DataType type, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape).castTo(type);
    }

    /** sum(a * w): every output element gets its own gradient. */
    private static Tensor probe(Tensor a, INDArray w) {
        return Tensor.result(Nd4j.scalar(a.dtype(), a.value().mul(w).sumNumber().doubleValue()),
                g -> a.addGradOwned(w.mul(g.getDouble(0))), a);
    }

    @Test
    void valuesMatchAStepByStepOracle() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            // a permuted view, so the reductions must not read the buffer as if it were c-order
            INDArray x = random(1, type, 4, 3, 5).permute(0, 2, 1);
            INDArray last = LastStep.last(Tensor.constant(x), LENGTHS).value();
            INDArray mean = LastStep.mean(Tensor.constant(x), LENGTHS).value();
            INDArray max = LastStep.max(Tensor.constant(x), LENGTHS).value();
            for (int b = 0; b < 4; b++) {
                for (int k = 0; k < 3; k++) {
                    double sum = 0;
                    double best = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < LENGTHS[b]; t++) {
                        sum += x.getDouble(b, t, k);
                        best = Math.max(best, x.getDouble(b, t, k));
                    }
                    assertEquals(x.getDouble(b, LENGTHS[b] - 1, k), last.getDouble(b, k), 0.0, type + " last");
                    assertEquals(sum / LENGTHS[b], mean.getDouble(b, k), 1e-6, type + " mean");
                    assertEquals(best, max.getDouble(b, k), 0.0, type + " max");
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        List<BiFunction<Tensor, int[], Tensor>> reductions = List.of(LastStep::last, LastStep::mean, LastStep::max);
        INDArray w = random(3, DataType.DOUBLE, 4, 3);
        for (BiFunction<Tensor, int[], Tensor> r : reductions) {
            Tensor x = Tensor.variable(random(2, DataType.DOUBLE, 4, 5, 3));
            GradCheck.Result res = GradCheck.check(() -> probe(r.apply(x, LENGTHS), w), List.of(x), 1e-6, 60);
            assertTrue(res.passes(1e-6), res.toString());
            // padded steps get no gradient
            Tensor fresh = Tensor.variable(random(2, DataType.DOUBLE, 4, 5, 3));
            probe(r.apply(fresh, LENGTHS), w).backward();
            INDArray g = fresh.grad();
            for (int b = 0; b < 4; b++) {
                for (int t = LENGTHS[b]; t < 5; t++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(0.0, g.getDouble(b, t, k), 0.0);
                    }
                }
            }
        }
    }

    @Test
    void aLengthOutsideTheSequenceIsRefused() {
        Tensor x = Tensor.constant(random(4, DataType.DOUBLE, 2, 3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LastStep.last(x, new int[] {3, 4}));
        assertTrue(e.getMessage().contains("length 4 outside 1..3"), e.getMessage());
    }
}
