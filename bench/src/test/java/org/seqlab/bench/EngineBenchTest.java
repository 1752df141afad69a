package org.seqlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Parameter;
import org.seqlab.optim.Adam;

/**
 * The speech problems of the engine benchmark at tiny shapes: they train (finite loss, a gradient
 * on every parameter, the loss falls under Adam), and at full size they have the parameter counts
 * of their PyTorch twins in bench/torch/engine_step.py, so the two sides time the same model.
 */
class EngineBenchTest {
    /** 2 utterances x 16 frames x 5 features, hidden 8, transcripts of 3-5 symbols. */
    private static final EngineBench.Speech TINY = new EngineBench.Speech(2, 16, 5, 8, 3, 5);

    @Test
    void speechProblemsTrainAtTinyShapes() {
        for (String name : new String[] {"ctc", "las"}) {
            EngineBench.Problem p = name.equals("ctc") ? EngineBench.ctc(TINY, new Rng(3)) : EngineBench.las(TINY, new Rng(3));
            Adam adam = new Adam(p.model().parameters(), 1e-2);
            double first = Double.NaN;
            double last = Double.NaN;
            for (int step = 0; step < 8; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor loss = p.loss().get();
                    last = loss.value().getDouble(0);
                    assertTrue(Double.isFinite(last) && last > 0, name + " step " + step + ": loss " + last);
                    loss.backward();
                    if (step == 0) {
                        first = last;
                        for (var e : p.model().parameters().entrySet()) {
                            Parameter w = e.getValue();
                            double norm = w.grad() == null ? 0 : w.grad().norm2Number().doubleValue();
                            assertTrue(Double.isFinite(norm) && norm > 0, name + ": no gradient reaches " + e.getKey());
                        }
                    }
                    adam.step();
                }
            }
            assertTrue(last < first, name + ": loss did not fall in 8 Adam steps: " + first + " -> " + last);
            assertTrue(p.forwardFlops() > 0, name + " FLOPs");
        }
    }

    @Test
    void transcriptLengthsSpanTheirRange() {
        EngineBench.Speech s = EngineBench.Speech.FULL;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < s.batch(); i++) {
            min = Math.min(min, s.transcriptLength(i));
            max = Math.max(max, s.transcriptLength(i));
        }
        assertEquals(s.shortest(), min);
        assertEquals(s.longest(), max, "the speller runs longest + 1 steps on both sides");
        for (int[] t : s.transcripts(new Rng(1), EngineBench.LAS_CLASSES)) {
            for (int c : t) {
                assertTrue(c >= 1 && c < EngineBench.LAS_CLASSES, "symbol " + c + " is the end of sentence or out of range");
            }
        }
    }

    /**
     * Parameter counts by the formulas (one bias per LSTM gate; the twins freeze torch's b_hh) and
     * as {@code engine_step.py} printed them for its Ctc and Las at full size.
     */
    @Test
    void fullSizeParameterCountsMatchTheTorchTwins() {
        EngineBench.Speech s = EngineBench.Speech.FULL;
        int h = s.hidden();
        long blstm0 = 2L * 4 * (h * (long) s.features() + h * h + h);
        long ctc = blstm0 + 2 * 2L * 4 * (h * 2L * h + h * h + h) + (2L * h * EngineBench.CTC_CLASSES + EngineBench.CTC_CLASSES);
        assertEquals(ctc, EngineBench.ctc(s, new Rng(1)).model().parameterCount());
        assertEquals(3_855_390L, ctc, "engine_step.py's Ctc trains this many");
        int a = h / 2;
        int e = h / 4;
        int c = EngineBench.LAS_CLASSES;
        long las = blstm0 + 2 * 2L * 4 * (h * 4L * h + h * h + h) // listener: the top two layers read frame pairs
                + (c + 1L) * e // embedding with the start symbol
                + h * (long) a + a + 2L * h * a + a // additive attention: w_query, b, w_key, v
                + 4L * (h * (e + 2L * h) + h * h + h) // speller LSTM on [embedding ; context]
                + 3L * h * c + c; // output on [state ; context]
        assertEquals(las, EngineBench.las(s, new Rng(1)).model().parameterCount());
        assertEquals(6_938_748L, las, "engine_step.py's Las trains this many");
    }
}
