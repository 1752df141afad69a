package org.seqlab.metrics.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases. Tolerance 1e-12: every value is a ratio of small integer counts (plus
 * sed_eval's eps of 2.2e-16 in some denominators), so only the last bits of a division differ.
 */
class SedMetricsTest {
    static final double TOL = 1e-12;
    static final EventBasedMetrics.Settings COLLAR_02_POL_05 = new EventBasedMetrics.Settings(0.2, 0.5, true, true);

    static EventTable table(String name, Event... events) {
        return EventTable.of(name, List.of(events));
    }

    static Event car(double onset, double offset) {
        return new Event("car.wav", onset, offset, "car");
    }

    /** sed_eval's 'car' example (test_direct_use_segment / test_direct_use_event). */
    static final EventTable CAR_REF = table("ref", car(0, 2.5), car(2.8, 4.5), car(6, 10));

    @Test
    void carExampleSegmentBased() {
        // reference segments {0..4, 6..9}, estimated {1, 2, 3, 7} of 10: Ntp 4, five segments deleted, none inserted
        SedData data = SedData.of(CAR_REF, table("est", car(1.0, 3.5), car(7.0, 8.0)), null);
        Counts c = SegmentBasedMetrics.score(data, 1.0).overall();
        assertEquals(List.of(9L, 4L, 4L, 1L, 0L, 5L), List.of(c.nref(), c.nsys(), c.ntp(), c.ntn(), c.nfp(), c.nfn()));
        assertEquals(List.of(0L, 5L, 0L), List.of(c.s(), c.d(), c.i()));
        assertEquals(5.0 / 9, c.errorRate(), TOL);
        assertEquals(0.5, c.accuracy(), TOL);
        assertEquals(2 * (4.0 / 9) / (1 + 4.0 / 9), c.fMeasure(), TOL);
    }

    @Test
    void carExampleEventBasedSitsExactlyOnBothCollars() {
        // reference 1 hit: onset 0.2 - 0.0 <= 0.2, offset 1.0 <= 0.5 * 2.5; reference 3: offset 10 - 8 = 2.0 <= 0.5 * 4
        SedData data = SedData.of(CAR_REF, table("est", car(0.2, 3.5), car(6.0, 8.0)), null);
        SedScores s = EventBasedMetrics.score(data, COLLAR_02_POL_05);
        assertEquals(2, s.overall().ntp());
        assertEquals(0.8, s.overall().fMeasure(), TOL);
        assertEquals(1.0 / 3, s.overall().errorRate(), TOL);
        // just past the onset bound: reference 1 is missed
        SedData past = SedData.of(CAR_REF, table("est", car(0.2000001, 3.5), car(6.0, 8.0)), null);
        assertEquals(1, EventBasedMetrics.score(past, COLLAR_02_POL_05).overall().ntp());
        // DCASE's 20%: offset collars max(0.2, 0.5) = 0.5 < 1.0 and max(0.2, 0.8) = 0.8 < 2.0: both missed
        assertEquals(0, EventBasedMetrics.score(data, EventBasedMetrics.Settings.DCASE).overall().ntp());
        // onset only: both hit whatever the offsets
        assertEquals(2, EventBasedMetrics.score(data, new EventBasedMetrics.Settings(0.2, 0.0, true, false))
                .overall().ntp());
    }

    @Test
    void emptyEstimateHasUndefinedPrecisionAndErrorRateOne() {
        SedData data = SedData.of(CAR_REF, table("est"), null);
        for (SedScores s : List.of(SegmentBasedMetrics.score(data, 1.0), EventBasedMetrics.score(data, COLLAR_02_POL_05))) {
            assertTrue(Double.isNaN(s.overall().precision()));
            assertTrue(Double.isNaN(s.overall().fMeasure()));
            assertEquals(0.0, s.overall().recall());
            assertEquals(1.0, s.overall().errorRate(), TOL);
            assertTrue(Double.isNaN(s.classWiseAverage(Counts::fMeasure)));
        }
    }

    @Test
    void zeroScoreMakesAnEmptyOutputScoreZeroWhereThereWasSomethingToFind() {
        SedData data = SedData.of(CAR_REF, table("est"), null);
        for (SedScores s : List.of(SegmentBasedMetrics.score(data, 1.0), EventBasedMetrics.score(data, COLLAR_02_POL_05))) {
            assertEquals(0.0, s.overall().precision(EmptyOutput.ZERO_SCORE));
            assertEquals(0.0, s.overall().fMeasure(EmptyOutput.ZERO_SCORE));
            assertEquals(0.0, s.classWiseAverage(c -> c.fMeasure(EmptyOutput.ZERO_SCORE)));
            assertEquals(1.0, s.classWiseAverage(Counts::errorRate), TOL);
        }
        // nothing to find and nothing found: recall 0/0 keeps F undefined, and the error rate is 0/eps = 0
        assertTrue(Double.isNaN(Counts.ZERO.fMeasure(EmptyOutput.ZERO_SCORE)));
        assertEquals(0.0, Counts.ZERO.errorRate());
    }

    @Test
    void zeroScoreCountsAnUndetectedClassInTheClassWiseAverage() {
        // sed_eval test_empty_system_output_handling with empty_system_output_handling='zero_score' (tests/test_sound_event.py:820-823)
        SedData data = SedData.of(table("ref", new Event("f1", 0, 1, "event A"), new Event("f2", 0, 1, "event B")),
                table("est", new Event("f1", 0, 1, "event A")), null);
        SedScores s = EventBasedMetrics.score(data, new EventBasedMetrics.Settings(0.2, 0.2, true, true));
        assertEquals(0.5, s.classWiseAverage(c -> c.fMeasure(EmptyOutput.ZERO_SCORE)), TOL);
        assertEquals(0.5, s.classWiseAverage(c -> c.precision(EmptyOutput.ZERO_SCORE)), TOL);
        // an estimate-only class (no reference) stays undefined and skipped, as with the default
        SedData extra = SedData.of(table("ref", new Event("f", 0, 1, "dog")), table("est", new Event("f", 0, 1, "dog"),
                new Event("f", 5, 6, "cat")), null);
        SedScores e = EventBasedMetrics.score(extra, COLLAR_02_POL_05);
        assertTrue(Double.isNaN(e.classWise().get("cat").fMeasure(EmptyOutput.ZERO_SCORE)));
        assertEquals(1.0, e.classWiseAverage(c -> c.fMeasure(EmptyOutput.ZERO_SCORE)), TOL);
    }

    @Test
    void fileOnlyInDurationsAddsTrueNegativesOnly() {
        EventTable est = table("est", car(1.0, 3.5), car(7.0, 8.0));
        Durations only = new Durations("dur", java.util.Map.of("car.wav", 10.0));
        Durations more = new Durations("dur", new java.util.LinkedHashMap<>(java.util.Map.of("car.wav", 10.0, "z.wav", 5.0)));
        Counts a = SegmentBasedMetrics.score(SedData.of(CAR_REF, est, only), 1.0).overall();
        SedData data = SedData.of(CAR_REF, est, more);
        assertEquals(List.of("car.wav", "z.wav"), data.files());
        Counts b = SegmentBasedMetrics.score(data, 1.0).overall();
        assertEquals(a.errorRate(), b.errorRate(), TOL);
        assertEquals(a.fMeasure(), b.fMeasure(), TOL);
        assertEquals(a.ntn() + 5, b.ntn());
        assertEquals((4 + 6) / 15.0, b.accuracy(), TOL);
        assertEquals(0, EventBasedMetrics.score(data, COLLAR_02_POL_05).overall().nref() - 3);
    }

    @Test
    void durationsCutEventsAndMustCoverEveryFile() {
        Durations short5 = new Durations("dur", java.util.Map.of("car.wav", 5.0));
        Counts c = SegmentBasedMetrics.score(SedData.of(CAR_REF, table("est"), short5), 1.0).overall();
        assertEquals(5, c.nref()); // segments 0..4; the event at 6-10 is past the end
        EventTable est = table("est", new Event("other.wav", 0, 1, "car"));
        String e = assertThrows(org.seqlab.io.InputFileException.class, () -> SedData.of(CAR_REF, est, short5)).getMessage();
        assertEquals("est: file 'other.wav' has no duration in dur", e);
    }

    @Test
    void estimateOnlyFileCountsInsertions() {
        SedData data = SedData.of(CAR_REF, table("est", car(0.0, 2.5), car(2.8, 4.5), car(6, 10),
                new Event("q.wav", 0, 1, "car")), null);
        Counts seg = SegmentBasedMetrics.score(data, 1.0).overall();
        assertEquals(List.of(9L, 0L, 1L), List.of(seg.ntp(), seg.d(), seg.i()));
        Counts ev = EventBasedMetrics.score(data, COLLAR_02_POL_05).overall();
        assertEquals(List.of(3L, 1L), List.of(ev.ntp(), ev.i()));
        assertEquals(1.0 / 3, ev.errorRate(), TOL);
    }

    @Test
    void optimalMatchingFindsTheHitGreedyMatchingMisses() {
        // e1 fits both references, e2 only r1; first-fit in reference order takes e1 for r1 and leaves r2 empty
        Event r1 = new Event("f", 1.0, 2.0, "a");
        Event r2 = new Event("f", 1.3, 2.3, "a");
        Event e1 = new Event("f", 1.15, 2.15, "a");
        Event e2 = new Event("f", 0.85, 1.85, "a");
        EventBasedMetrics.Settings s = new EventBasedMetrics.Settings(0.2, 0.0, true, true);
        assertTrue(s.fits(r1, e1) && s.fits(r2, e1) && s.fits(r1, e2) && !s.fits(r2, e2));
        SedScores scores = EventBasedMetrics.score(SedData.of(table("ref", r1, r2), table("est", e1, e2), null), s);
        assertEquals(2, scores.overall().ntp());
        assertEquals(1.0, scores.overall().fMeasure(), TOL);
        assertEquals(0.0, scores.overall().errorRate(), TOL);
    }

    @Test
    void wrongLabelWithRightTimesIsASubstitution() {
        SedData data = SedData.of(table("ref", new Event("f", 0, 1, "dog")), table("est", new Event("f", 0.1, 1.1, "cat")),
                null);
        SedScores s = EventBasedMetrics.score(data, COLLAR_02_POL_05);
        assertEquals(List.of(1L, 0L, 0L), List.of(s.overall().s(), s.overall().d(), s.overall().i()));
        assertEquals(1.0, s.overall().errorRate(), TOL);
        assertEquals(List.of("cat", "dog"), data.classes());
        // the estimate-only class has no reference: error rate 1/eps as sed_eval, F undefined and skipped
        assertEquals(1 / Counts.EPS, s.classWise().get("cat").errorRate(), 1);
        assertTrue(Double.isNaN(s.classWiseAverage(Counts::fMeasure)));
        assertEquals(1.0, s.classWise().get("dog").errorRate(), TOL);
    }

    @Test
    void classWiseAverageSkipsUndefinedClasses() {
        // sed_eval test_empty_system_output_handling: 'event B' has no output, its F is NaN and left out
        SedData data = SedData.of(table("ref", new Event("f1", 0, 1, "event A"), new Event("f2", 0, 1, "event B")),
                table("est", new Event("f1", 0, 1, "event A")), null);
        SedScores s = EventBasedMetrics.score(data, new EventBasedMetrics.Settings(0.2, 0.2, true, true));
        assertEquals(1.0, s.classWiseAverage(Counts::fMeasure), TOL);
        assertEquals(0.5, s.classWiseAverage(Counts::errorRate), TOL);
    }

    @Test
    void taggingComparesClassesPresentPerFile() {
        SedData data = SedData.of(table("ref", new Event("a", 0, 1, "dog"), new Event("a", 2, 3, "cat")),
                table("est", new Event("a", 5, 6, "dog"), new Event("a", 7, 8, "dog"), new Event("b", 0, 1, "cat")), null);
        SedScores t = TaggingMetrics.score(data);
        assertEquals(List.of(2L, 2L, 1L), List.of(t.overall().nref(), t.overall().nsys(), t.overall().ntp()));
        assertEquals(0.5, t.overall().fMeasure(), TOL);
        assertEquals(1.0, t.classWise().get("dog").fMeasure(), TOL);
        assertEquals(0.0, t.classWise().get("cat").fMeasure(), TOL);
    }

    @Test
    void settingsRejectImpossibleValues() {
        assertThrows(SedInputException.class, () -> new EventBasedMetrics.Settings(0, 0.2, true, true));
        assertThrows(SedInputException.class, () -> new EventBasedMetrics.Settings(0.2, 1.5, true, true));
        assertThrows(SedInputException.class, () -> new EventBasedMetrics.Settings(0.2, 0.2, false, false));
        SedData data = SedData.of(CAR_REF, table("est"), null);
        assertThrows(SedInputException.class, () -> SegmentBasedMetrics.score(data, 0));
    }

    @Test
    void orderOfFilesDoesNotChangeScores() {
        List<Event> ref = new ArrayList<>();
        List<Event> est = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            ref.add(new Event("f" + f, f, f + 2.5, f % 2 == 0 ? "a" : "b"));
            est.add(new Event("f" + f, f + 0.1, f + 2.4, "a"));
        }
        SedData forward = SedData.of(EventTable.of("r", ref), EventTable.of("e", est), null);
        SedData backward = SedData.of(EventTable.of("r", reversed(ref)), EventTable.of("e", reversed(est)), null);
        assertEquals(SegmentBasedMetrics.score(forward, 1.0).overall(), SegmentBasedMetrics.score(backward, 1.0).overall());
        assertEquals(EventBasedMetrics.score(forward, COLLAR_02_POL_05).overall(),
                EventBasedMetrics.score(backward, COLLAR_02_POL_05).overall());
    }

    static List<Event> reversed(List<Event> events) {
        List<Event> r = new ArrayList<>(events);
        java.util.Collections.reverse(r);
        return r;
    }
}
