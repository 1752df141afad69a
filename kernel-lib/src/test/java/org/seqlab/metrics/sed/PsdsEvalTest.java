package org.seqlab.metrics.sed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed PSDS cases. Tolerance 1e-12: the rates are small-integer ratios times 3600 and
 * the areas sums of a few products, exact to a few ulps.
 */
class PsdsEvalTest {
    static final double TOL = 1e-12;
    static final PsdsEval.Thresholds DEFAULT = new PsdsEval.Thresholds(0.5, 0.5, 0.3);

    static Durations halfHour() {
        return new Durations("meta", Map.of("a.wav", 1800.0));
    }

    /** Ground truth c1 0-10 s and c2 20-30 s in one file of half an hour. */
    static EventTable truth() {
        return EventTable.of("gt", List.of(new Event("a.wav", 0, 10, "c1"), new Event("a.wav", 20, 30, "c2")));
    }

    /**
     * c1 found; a c1 detection lying exactly on the c2 event fails DTC, so it is a false positive
     * (1 per half hour = 2 per hour) and a cross-trigger on c2 (1 per 10 s of c2 = 360 per hour).
     */
    static PsdsEval crossTriggerCase() {
        PsdsEval eval = new PsdsEval(truth(), halfHour(), DEFAULT);
        OperatingPoint op = eval.add(EventTable.of("op", List.of(new Event("a.wav", 0, 10, "c1"),
                new Event("a.wav", 20, 30, "c1"))));
        assertArrayEquals(new double[] {1, 0}, op.tpr(), TOL);
        assertArrayEquals(new double[] {2, 0}, op.fpr(), TOL);
        assertArrayEquals(new double[] {0, 360}, op.ctr()[0], TOL);
        return eval;
    }

    @Test
    void crossTriggersAreAveragedOverAllClassesIncludingTheClassItself() {
        PsdsEval eval = crossTriggerCase();
        // alpha_ct 0: c1 steps from 0 to 1 at eFPR 2, c2 stays 0; mean 0.5 over [2, 100]: (100 - 2) * 0.5 / 100
        assertEquals(0.49, eval.psds(0, 0, 100).value(), TOL);
        // alpha_ct 0.5: eFPR of c1 = 2 + 0.5 * mean(0, 360) = 92 (psds_eval 0.3.0; the mean over the other
        // class alone would give 182, past max_efpr, and a score of 0): (100 - 92) * 0.5 / 100
        PsdsScore s = eval.psds(0.5, 0, 100);
        assertEquals(0.04, s.value(), TOL);
        assertArrayEquals(new double[] {0, 92}, s.efpr(), TOL);
        assertArrayEquals(new double[] {0, 0.5}, s.etpr(), TOL);
        // alpha_st 1: mean 0.5 minus the classes' standard deviation 0.5 leaves nothing
        assertEquals(0.0, eval.psds(0, 1, 100).value(), TOL);
        // max_efpr below the step: area 0; beyond every point: the last value is held
        assertEquals(0.0, eval.psds(0, 0, 1).value(), TOL);
        assertEquals((1000 - 2) * 0.5 / 1000, eval.psds(0, 0, 1000).value(), TOL);
    }

    @Test
    void aDetectionOverTwoTruthsPassesDtcOnTheirSummedShare() {
        EventTable gt = EventTable.of("gt", List.of(new Event("a.wav", 0, 1, "c1"), new Event("a.wav", 2, 3, "c1")));
        EventTable det = EventTable.of("op", List.of(new Event("a.wav", 0, 3, "c1")));
        // 2 of the detection's 3 s are c1: 0.667 >= 0.5, both truths fully covered
        OperatingPoint loose = new PsdsEval(gt, halfHour(), DEFAULT).add(det);
        assertArrayEquals(new long[] {2}, loose.truePositives());
        assertArrayEquals(new long[] {0}, loose.falsePositives());
        // with dtc 0.7 it fails DTC: no truth found, one false positive against the file
        OperatingPoint strict = new PsdsEval(gt, halfHour(), new PsdsEval.Thresholds(0.7, 0.5, 0.3)).add(det);
        assertArrayEquals(new long[] {0}, strict.truePositives());
        assertArrayEquals(new long[] {1}, strict.falsePositives());
    }

    @Test
    void gtcNeedsEnoughOfTheTruthCovered() {
        EventTable det = EventTable.of("op", List.of(new Event("a.wav", 0, 4, "c1")));
        // the detection is all c1 (DTC 1.0) but covers 4 of the 10 s of the truth: below gtc 0.5
        OperatingPoint op = new PsdsEval(truth(), halfHour(), DEFAULT).add(det);
        assertArrayEquals(new double[] {0, 0}, op.tpr(), TOL);
        // and a DTC-passing detection is not a false positive either
        assertArrayEquals(new double[] {0, 0}, op.fpr(), TOL);
    }

    @Test
    void touchingIntervalsIntersectWithZeroShare() {
        // a c2 detection ending where the c1 truth starts: a cross-trigger only when cttc is 0
        EventTable gt = EventTable.of("gt", List.of(new Event("a.wav", 10, 20, "c1"), new Event("a.wav", 40, 50, "c2")));
        EventTable det = EventTable.of("op", List.of(new Event("a.wav", 5, 10, "c2")));
        assertEquals(0.0, new PsdsEval(gt, halfHour(), DEFAULT).add(det).ctr()[1][0]);
        assertEquals(360.0, new PsdsEval(gt, halfHour(), new PsdsEval.Thresholds(0.5, 0.5, 0)).add(det).ctr()[1][0], TOL);
    }

    @Test
    void filesNeedDurationsAndOptionsTheirRanges() {
        EventTable det = EventTable.of("op", List.of(new Event("b.wav", 0, 1, "c1")));
        String e = assertThrows(org.seqlab.io.InputFileException.class, () -> new PsdsEval(truth(), halfHour(), DEFAULT).add(det))
                .getMessage();
        assertEquals("op: file 'b.wav' has no duration in meta", e);
        assertThrows(SedInputException.class, () -> new PsdsEval.Thresholds(1.5, 0.5, 0.3));
        assertThrows(SedInputException.class, () -> crossTriggerCase().psds(0, 0, 0));
        assertThrows(SedInputException.class, () -> new PsdsEval(truth(), halfHour(), DEFAULT).psds(0, 0, 100));
    }

    @Test
    void datasetDurationCountsEachFileOnce() {
        Map<String, Double> meta = new LinkedHashMap<>();
        meta.put("a.wav", 1800.0);
        meta.put("b.wav", 1800.0);
        PsdsEval eval = new PsdsEval(truth(), new Durations("meta", meta), DEFAULT);
        OperatingPoint op = eval.add(EventTable.of("op", List.of(new Event("b.wav", 0, 1, "c1"))));
        assertArrayEquals(new double[] {1, 0}, op.fpr(), TOL); // one false positive in one hour
    }
}
