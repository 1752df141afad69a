package org.seqlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Parameter;

/** Oracles: torch 1.13.1's optimizers (fixture from make_optimizer_fixture.py) and hand-computed values. */
class OptimizerTest {
    private static final double[] START = {0.5, -1.0, 2.0, 0.0};
    private static final double[][] GRADS = {{0.1, -0.2, 0.3, 0.0}, {-0.4, 0.5, 0.05, 1.0}, {0.2, 0.2, -0.7, -0.3}};

    private static Map<String, double[]> fixture() throws Exception {
        Map<String, double[]> out = new HashMap<>();
        try (var in = new BufferedReader(new InputStreamReader(
                OptimizerTest.class.getResourceAsStream("optimizer_steps.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                String[] f = line.trim().split(" ");
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Double.parseDouble(f[i]);
                }
                out.put(f[0], v);
            }
        }
        return out;
    }

    private static void assertMatchesTorch(String name, Function<Map<String, Parameter>, Optimizer> make) throws Exception {
        double[] expected = fixture().get(name);
        Parameter p = new Parameter("w", Nd4j.createFromArray(START.clone()));
        Optimizer opt = make.apply(Map.of("layer.w", p));
        for (int s = 0; s < 3; s++) {
            p.addGrad(Nd4j.createFromArray(GRADS[s]));
            opt.step();
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[s * 4 + i], p.value().getDouble(i), 1e-12, name + " step " + (s + 1) + " element " + i);
            }
        }
    }

    @Test
    void sgdWithMomentumMatchesTorch() throws Exception {
        assertMatchesTorch("sgd_momentum", ps -> new Sgd(ps, 0.1, 0.9));
        assertMatchesTorch("sgd_nesterov_wd", ps -> new Sgd(List.of(new ParamGroup(ps, 0.1, 0.01)), 0.9, true));
    }

    @Test
    void adamAndAdamWMatchTorch() throws Exception {
        assertMatchesTorch("adam", ps -> new Adam(ps, 0.01));
        assertMatchesTorch("adam_l2", ps -> new Adam(List.of(new ParamGroup(ps, 0.01, 0.1)), 0.9, 0.999, 1e-8, false));
        assertMatchesTorch("adamw", ps -> Adam.adamW(ps, 0.01, 0.1));
    }

    @Test
    void firstAdamStepMovesEachWeightByTheLearningRate() {
        // hand-computed: after one step m^/sqrt(v^) = sign(g), so p -= lr * sign(g) (up to eps)
        Parameter p = new Parameter("w", Nd4j.createFromArray(1.0, 1.0));
        p.addGrad(Nd4j.createFromArray(3.0, -0.001));
        new Adam(Map.of("w", p), 0.1).step();
        assertEquals(0.9, p.value().getDouble(0), 1e-9);
        assertEquals(1.1, p.value().getDouble(1), 1e-5);
        assertEquals(null, p.grad());
    }

    @Test
    void groupsHaveTheirOwnRatesAndFrozenParametersStay() {
        Parameter a = new Parameter("a", Nd4j.createFromArray(1.0f));
        Parameter b = new Parameter("b", Nd4j.createFromArray(1.0f));
        Parameter c = new Parameter("c", Nd4j.createFromArray(1.0f));
        Sgd sgd = new Sgd(List.of(new ParamGroup(Map.of("a", a), 0.1, 0), new ParamGroup(Map.of("b", b, "c", c), 0.01, 0)), 0, false);
        for (Parameter p : List.of(a, b, c)) {
            p.addGrad(Nd4j.createFromArray(1.0f));
        }
        c.setTrainable(false);
        sgd.setLearningRateFactor(0.5);
        sgd.step();
        assertEquals(0.95, a.value().getDouble(0), 1e-7);
        assertEquals(0.995, b.value().getDouble(0), 1e-7);
        assertEquals(1.0, c.value().getDouble(0), 0);
        assertThrows(IllegalArgumentException.class,
                () -> new Sgd(List.of(new ParamGroup(Map.of("a", a), 0.1, 0), new ParamGroup(Map.of("a2", a), 0.1, 0)), 0, false));
    }

    @Test
    void clippingByGlobalNormOnHandExample() {
        // gradients (3, 4) and (12): global norm 13; clip to 6.5 halves everything
        Parameter a = new Parameter("a", Nd4j.zeros(DataType.DOUBLE, 2));
        Parameter b = new Parameter("b", Nd4j.zeros(DataType.DOUBLE, 1));
        a.addGrad(Nd4j.createFromArray(3.0, 4.0));
        b.addGrad(Nd4j.createFromArray(12.0));
        assertEquals(13.0, GradClip.byGlobalNorm(List.of(a, b), 6.5), 1e-12);
        assertArrayEquals(new double[] {1.5, 2.0}, a.grad().toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {6.0}, b.grad().toDoubleVector(), 1e-6);
        assertEquals(6.5, GradClip.byGlobalNorm(List.of(a, b), 100), 1e-5);
        assertArrayEquals(new double[] {1.5, 2.0}, a.grad().toDoubleVector(), 1e-6);
        GradClip.byValue(List.of(a, b), 1.8);
        assertArrayEquals(new double[] {1.5, 1.8}, a.grad().toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {1.8}, b.grad().toDoubleVector(), 1e-12);
    }

    @Test
    void schedulesGiveHandCheckedSequences() {
        LrSchedule step = LrSchedule.step(2, 0.5);
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, seq(step, 5), 1e-12);
        LrSchedule cos = LrSchedule.cosine(4, 0.0);
        // (1 + cos(pi k / 4)) / 2 for k = 0..4, then the floor
        assertArrayEquals(new double[] {1, 0.8535533905932737, 0.5, 0.14644660940672627, 0, 0}, seq(cos, 6), 1e-12);
        LrSchedule warm = LrSchedule.warmup(4, LrSchedule.step(1, 0.1));
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1, 0.1, 0.01}, seq(warm, 7), 1e-12);
    }

    private static double[] seq(LrSchedule s, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.factor(i);
        }
        return out;
    }

    @Test
    void nonFiniteCheckNamesStepAndFirstBadParameter() {
        Parameter good = new Parameter("good", Nd4j.createFromArray(1.0f));
        Parameter bad = new Parameter("bad", Nd4j.createFromArray(1.0f, 2.0f));
        good.addGrad(Nd4j.createFromArray(0.5f));
        bad.addGrad(Nd4j.createFromArray(1.0f, Float.NaN));
        Map<String, Parameter> params = new java.util.LinkedHashMap<>();
        params.put("encoder.good", good);
        params.put("decoder.bad", bad);
        var e = assertThrows(NonFiniteCheck.NonFiniteException.class,
                () -> NonFiniteCheck.check(17, Tensor.constant(Nd4j.scalar(0.3f)), params));
        assertEquals("decoder.bad", e.culprit());
        assertTrue(e.getMessage().contains("step 17") && e.getMessage().contains("decoder.bad"), e.getMessage());
        var lossE = assertThrows(NonFiniteCheck.NonFiniteException.class,
                () -> NonFiniteCheck.check(3, Tensor.constant(Nd4j.scalar(Float.POSITIVE_INFINITY)), params));
        assertEquals("loss", lossE.culprit());
        bad.zeroGrad();
        NonFiniteCheck.check(4, Tensor.constant(Nd4j.scalar(0.3f)), params);
    }

    @Test
    void optimizerStateRoundTripsByName() {
        Parameter p = new Parameter("w", Nd4j.createFromArray(1.0, 2.0));
        Adam adam = new Adam(Map.of("enc.w", p), 0.1);
        p.addGrad(Nd4j.createFromArray(1.0, -1.0));
        adam.step();
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> state = adam.stateArrays();
        assertEquals(List.of("enc.w#m", "enc.w#v", "enc.w#step"), List.copyOf(state.keySet()));
        Parameter q = new Parameter("w", Nd4j.createFromArray(1.0, 2.0));
        Adam other = new Adam(Map.of("enc.w", q), 0.1);
        other.loadStateArrays(state);
        assertEquals(state.get("enc.w#v"), other.stateArrays().get("enc.w#v"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of("dec.w", q), 0.1).loadStateArrays(state));
        assertTrue(e.getMessage().contains("enc.w#m"), e.getMessage());
    }
}
