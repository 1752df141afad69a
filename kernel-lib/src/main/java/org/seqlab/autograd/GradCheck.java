package org.seqlab.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against the hand-written backward passes: the oracle every
 * operation and layer is tested with, and what the BPTT notebook uses to show that the
 * summed-over-time gradient is right. Run in float64; float32 differences are too coarse.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The largest disagreement found, with where it was. */
    public record Result(double maxRelativeError, double maxAbsoluteError, String worst) {
        public boolean passes(double tolerance) {
            return maxRelativeError <= tolerance || maxAbsoluteError <= tolerance * 1e-2;
        }

        @Override
        public String toString() {
            return String.format("max relative error %.3g, max absolute %.3g at %s",
                    maxRelativeError, maxAbsoluteError, worst);
        }
    }

    /**
     * Compares analytic gradients of {@code loss} (re-evaluated from scratch each call) with
     * respect to every element of {@code inputs} against {@code (f(x+h) - f(x-h)) / 2h}.
     * At most {@code maxElementsPerInput} elements of each input are probed, spread evenly.
     */
    public static Result check(Supplier<Tensor> loss, List<? extends Tensor> inputs, double h, int maxElementsPerInput) {
        for (Tensor t : inputs) {
            if (t.dtype() != DataType.DOUBLE) {
                throw new IllegalArgumentException("gradient checks need float64 inputs, got " + t.dtype() + " " + t);
            }
            t.zeroGrad();
        }
        Tensor l = loss.get();
        l.backward();
        double maxRel = 0;
        double maxAbs = 0;
        String worst = "nowhere";
        for (int k = 0; k < inputs.size(); k++) {
            Tensor t = inputs.get(k);
            INDArray flat = t.value();
            INDArray analytic = t.grad() == null ? null : t.grad().dup('c').reshape(flat.length());
            long n = flat.length();
            long stride = Math.max(1, n / Math.max(1, maxElementsPerInput));
            for (long i = 0; i < n; i += stride) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + h);
                double plus = evaluate(loss);
                flat.putScalar(i, orig - h);
                double minus = evaluate(loss);
                flat.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * h);
                double a = analytic == null ? 0.0 : analytic.getDouble(i);
                double abs = Math.abs(a - numeric);
                double rel = abs / Math.max(1e-8, Math.max(Math.abs(a), Math.abs(numeric)));
                if (abs > 1e-9 && rel > maxRel) {
                    maxRel = rel;
                    worst = "input " + k + " " + Arrays.toString(t.shape()) + " element " + i
                            + ": analytic " + a + ", numeric " + numeric;
                }
                maxAbs = Math.max(maxAbs, abs);
            }
        }
        for (Tensor t : inputs) {
            t.zeroGrad();
        }
        return new Result(maxRel, maxAbs, worst);
    }

    /** {@link #check(Supplier, List, double, int)} with h = 1e-6 and up to 64 elements per input. */
    public static Result check(Supplier<Tensor> loss, List<? extends Tensor> inputs) {
        return check(loss, inputs, 1e-6, 64);
    }

    private static double evaluate(Supplier<Tensor> loss) {
        try (var off = GradMode.off()) {
            return loss.get().item();
        }
    }
}
