package org.seqlab.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.losses.CtcLoss.Options;
import org.seqlab.losses.CtcLoss.Reduction;

/**
 * Losses and gradients against {@code torch.nn.functional.ctc_loss} (torch 1.13), stored by
 * {@code kernel-lib/src/test/python/ctc_reference.py}: repeated labels, blanks at 0, at the last
 * index and in the middle, varying input and label lengths, an empty label, and an impossible
 * example with zero_infinity. Both sides compute in float64, so the 1e-9 bound only absorbs the
 * different summation orders of two log-space recursions; the issue asks for 1e-5 and float32
 * inputs are held to that.
 */
class CtcTorchReferenceTest {
    private static Map<String, INDArray> reference() throws IOException {
        Map<String, INDArray> m = new HashMap<>();
        try (var in = CtcTorchReferenceTest.class.getResourceAsStream("torch_ctc_reference.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" +");
                // a scalar has an empty shape field: "name  value"
                long[] shape = parts.length == 2 ? new long[0] : dims(parts[1]);
                int first = parts.length == 2 ? 1 : 2;
                double[] v = new double[parts.length - first];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(parts[i + first]);
                }
                m.put(parts[0], shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.createFromArray(v).reshape(shape));
            }
        }
        return m;
    }

    private static long[] dims(String s) {
        String[] d = s.split(",");
        long[] shape = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            shape[i] = Long.parseLong(d[i]);
        }
        return shape;
    }

    private static int[] ints(INDArray a) {
        int[] out = new int[(int) a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) a.getDouble(i);
        }
        return out;
    }

    private static void compareCase(Map<String, INDArray> ref, String name) {
        INDArray logits = ref.get(name + ".logits");
        assertNotNull(logits, name);
        int[] inputLengths = ints(ref.get(name + ".input_lengths"));
        int[][] labels = CtcLoss.labels(ref.get(name + ".labels"), ints(ref.get(name + ".label_lengths")));
        Options o = Options.defaults().withBlank((int) ref.get(name + ".blank").getDouble(0))
                .withZeroInfinity(ref.get(name + ".zero_infinity").getDouble(0) != 0);
        INDArray losses = CtcLoss.loss(Tensor.constant(logits), inputLengths, labels, o.withReduction(Reduction.NONE)).value();
        assertClose(name + " losses", ref.get(name + ".losses"), losses, 1e-9);
        for (String red : new String[] {"mean", "sum"}) {
            Reduction r = red.equals("mean") ? Reduction.MEAN : Reduction.SUM;
            for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                double tol = dt == DataType.DOUBLE ? 1e-9 : 1e-5;
                Tensor x = Tensor.variable(logits.castTo(dt));
                Tensor l = CtcLoss.loss(x, inputLengths, labels, o.withReduction(r));
                double want = ref.get(name + "." + red).getDouble(0);
                assertEquals(want, l.item(), tol * Math.max(1, Math.abs(want)), name + " " + red + " " + dt);
                l.backward();
                assertClose(name + " gradient of " + red + " " + dt, ref.get(name + ".grad_" + red), x.grad(), tol);
            }
        }
    }

    private static void assertClose(String what, INDArray want, INDArray got, double tol) {
        INDArray g = got.castTo(DataType.DOUBLE).reshape(want.shape());
        double diff = want.sub(g).amaxNumber().doubleValue();
        assertTrue(diff <= tol, what + ": max difference " + diff + " > " + tol);
    }

    @Test
    void repeatedLabelsMatchTorch() throws IOException {
        compareCase(reference(), "repeats");
    }

    @Test
    void blankAtTheLastIndexWithAnEmptyLabelMatchesTorch() throws IOException {
        compareCase(reference(), "blank_last");
    }

    @Test
    void blankInTheMiddleMatchesTorch() throws IOException {
        compareCase(reference(), "blank_middle");
    }

    @Test
    void impossibleExampleWithZeroInfinityMatchesTorch() throws IOException {
        Map<String, INDArray> ref = reference();
        assertEquals(0.0, ref.get("impossible.losses").getDouble(1), "the stored case really is impossible");
        compareCase(ref, "impossible");
    }
}
