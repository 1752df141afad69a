package org.seqlab.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Parameter;

/**
 * Stops training at the first NaN or infinity, naming the step and what went bad first (the
 * loss, else the first parameter in model order whose gradient or value is not finite), instead
 * of letting a diverged run continue silently. Call it after {@code backward()}, before {@code step()}.
 */
public final class NonFiniteCheck {
    private NonFiniteCheck() {}

    /** Thrown when training produced a NaN or infinity. */
    public static final class NonFiniteException extends IllegalStateException {
        private final long step;
        private final String culprit;

        NonFiniteException(long step, String culprit, String message) {
            super(message);
            this.step = step;
            this.culprit = culprit;
        }

        public long step() {
            return step;
        }

        /** "loss" or the dotted name of the first bad parameter. */
        public String culprit() {
            return culprit;
        }
    }

    public static void check(long step, Tensor loss, Map<String, Parameter> parameters) {
        if (loss != null && !Double.isFinite(loss.item())) {
            throw new NonFiniteException(step, "loss", "step " + step + ": loss is " + loss.item());
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            if (p.grad() != null && !finite(p.grad())) {
                throw new NonFiniteException(step, e.getKey(), "step " + step + ": gradient of parameter '"
                        + e.getKey() + "' " + java.util.Arrays.toString(p.shape()) + " contains NaN or infinity");
            }
            if (!finite(p.value())) {
                throw new NonFiniteException(step, e.getKey(), "step " + step + ": parameter '" + e.getKey()
                        + "' contains NaN or infinity");
            }
        }
    }

    /** One reduction in the common case; an element scan only to rule out an overflowing sum. */
    private static boolean finite(INDArray a) {
        if (Double.isFinite(org.seqlab.autograd.ops.Sums.sum(a))) {
            return true;
        }
        org.seqlab.autograd.ops.Buf b = org.seqlab.autograd.ops.Buf.of(org.seqlab.autograd.ops.Dense.of(a));
        for (int i = 0; i < a.length(); i++) {
            if (!Double.isFinite(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
