package org.seqlab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seqlab.results.Measurements;
import tech.tablesaw.api.Table;

/**
 * The t tests and the verdict rule against reference values from
 * {@code kernel-lib/src/test/python/t_reference.py} (an independent implementation: Simpson
 * integration of the t density; accurate to about 1e-9, hence the 1e-7 tolerances).
 */
class ClaimStatisticsTest {
    static final double[] A = {0.9, 0.8, 0.85, 0.95, 0.7};
    static final double[] B = {0.6, 0.65, 0.7, 0.8, 0.5};

    @Test
    void pairedTMatchesTheReference() {
        TTest.Result r = TTest.paired(A, B, 0.05);
        assertEquals("paired-t", r.test());
        assertEquals(0.19, r.effect(), 1e-12);
        assertEquals(6.516946235415334, r.t(), 1e-9);
        assertEquals(4, r.df(), 0);
        assertEquals(0.10905341076456455, r.ciLow(), 1e-7);
        assertEquals(0.27094658923543546, r.ciHigh(), 1e-7);
        assertEquals(0.0028622148659160906, r.p(), 1e-7);
        assertEquals(5, r.n());
    }

    @Test
    void welchTMatchesTheReference() {
        TTest.Result r = TTest.welch(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6}, 0.05);
        assertEquals(-1.5, r.effect(), 1e-12);
        assertEquals(-1.1338934190276817, r.t(), 1e-9);
        assertEquals(3.234718826405868, r.df(), 1e-9);
        assertEquals(-5.542327954922851, r.ciLow(), 1e-6);
        assertEquals(2.5423279549228512, r.ciHigh(), 1e-6);
        assertEquals(0.3338237000774934, r.p(), 1e-7);
        assertEquals(3, r.n());
    }

    /** Two conditions with the same five seeds: the claim pairs them. */
    static Table fiveSeeds() {
        Measurements m = Measurements.named("toy");
        for (int s = 0; s < A.length; s++) {
            m.add("accuracy", A[s], s + 1, "model.name", "lstm");
            m.add("accuracy", B[s], s + 1, "model.name", "rnn");
        }
        return m.table();
    }

    @Test
    void heldWhenTheIntervalClearsTheMargin() {
        Verdict v = Claim.named("toy.lstm-beats-rnn").statement("LSTM beats RNN").metric("accuracy").higher()
                .compare("model.name", "lstm", "rnn").judge(fiveSeeds());
        assertEquals(Verdict.Outcome.HELD, v.outcome());
        assertEquals("paired-t", v.test());
        assertEquals(0.10905341076456455, v.ciLow(), 1e-7);
        // margin 0.15 lies inside [0.109, 0.271]: inconclusive; 0.3 lies beyond the whole interval: did not hold
        assertEquals(Verdict.Outcome.INCONCLUSIVE, Claim.named("toy.by-015").statement("s").metric("accuracy")
                .compare("model.name", "lstm", "rnn").margin(0.15).judge(fiveSeeds()).outcome());
        assertEquals(Verdict.Outcome.DID_NOT_HOLD, Claim.named("toy.by-03").statement("s").metric("accuracy")
                .compare("model.name", "lstm", "rnn").margin(0.3).judge(fiveSeeds()).outcome());
        // the opposite direction: lstm lower than rnn is contradicted by the whole interval
        Verdict lower = Claim.named("toy.lower").statement("s").metric("accuracy").lower()
                .compare("model.name", "lstm", "rnn").judge(fiveSeeds());
        assertEquals(Verdict.Outcome.DID_NOT_HOLD, lower.outcome());
    }

    @Test
    void unpairedSeedsUseWelchAndFewSeedsAreInconclusive() {
        Measurements m = Measurements.named("toy");
        double[] a = {1, 2, 3, 4};
        double[] b = {2, 4, 6};
        for (int i = 0; i < a.length; i++) {
            m.add("loss", a[i], i + 1, "k", "a");
        }
        for (int i = 0; i < b.length; i++) {
            m.add("loss", b[i], i + 10, "k", "b");
        }
        Verdict v = Claim.named("toy.welch").statement("s").metric("loss").lower().compare("k=a", "k=b").judge(m.table());
        assertEquals("welch-t", v.test());
        assertEquals(3.234718826405868, v.df(), 1e-9);
        assertEquals(Verdict.Outcome.INCONCLUSIVE, v.outcome());

        Measurements two = Measurements.named("two seeds");
        two.add("acc", 1.0, 1, "k", "a").add("acc", 0.9, 2, "k", "a").add("acc", 0.1, 1, "k", "b").add("acc", 0.2, 2, "k", "b");
        assertEquals(Verdict.Outcome.INCONCLUSIVE, Claim.named("toy.two").statement("s").metric("acc")
                .compare("k=a", "k=b").judge(two.table()).outcome(), "n < 3 is inconclusive however large the effect");
    }

    @Test
    void noSpreadGivesAPointInterval() {
        Measurements m = Measurements.named("saturated");
        for (int s = 1; s <= 3; s++) {
            m.add("acc", 1.0, s, "model", "gru").add("acc", 0.25, s, "model", "rnn");
        }
        Verdict v = Claim.named("toy.saturated").statement("s").metric("acc").compare("model", "gru", "rnn").judge(m.table());
        assertEquals(0.75, v.ciLow(), 1e-12);
        assertEquals(0.75, v.ciHigh(), 1e-12);
        assertEquals(Verdict.Outcome.HELD, v.outcome());
    }

    @Test
    void runsWithNothingToMeasureAreLeftOutAndSaid() {
        Measurements m = Measurements.named("peaks");
        double[] widths = {2.0, Double.NaN, 2.5, 1.5, 2.2};
        for (int s = 1; s <= 5; s++) {
            m.add("peak-width", widths[s - 1], s, "model", "ctc");
        }
        Verdict v = Claim.named("toy.narrow").statement("s").metric("peak-width").lower().versus("model=ctc", 3.0).judge(m.table());
        assertEquals(2.05 - 3.0, v.effect(), 1e-12, "the mean of the four finite widths against 3");
        assertEquals(4, v.n(), "the constant side pairs with the four runs left");
        assertTrue(v.note().contains("1 run(s) without a finite value left out"), v.note());

        Measurements none = Measurements.named("no peaks");
        for (int s = 1; s <= 3; s++) {
            none.add("peak-width", Double.NaN, s, "model", "ctc");
        }
        Verdict empty = Claim.named("toy.none").statement("s").metric("peak-width").lower().versus("model=ctc", 3.0).judge(none.table());
        assertEquals(Verdict.Outcome.INCONCLUSIVE, empty.outcome(), "no run had anything to measure");
    }

    @Test
    void againstAFixedNumberIsAOneSampleT() {
        // a - 0.6 = 0.3, 0.2, 0.25, 0.35, 0.1: the same spread as the paired example, mean 0.24
        Verdict v = Claim.named("toy.above").statement("s").metric("accuracy").versus("model.name=lstm", 0.6).judge(fiveSeeds());
        assertEquals(0.24, v.effect(), 1e-12);
        assertEquals(Verdict.Outcome.HELD, v.outcome());
        assertEquals(java.util.List.of("model.name=lstm", "0.6"), v.claim().compareJson());
    }

    @Test
    void exactClaims() {
        Verdict held = Claim.named("bptt.matches-fd").statement("BPTT equals finite differences").exact(1e-10, 0, 1e-8).judge();
        assertEquals(Verdict.Outcome.HELD, held.outcome());
        assertEquals("exact", held.test());
        Verdict not = Claim.named("lstm.params").statement("count").exact(1040, 1056, 0).judge();
        assertEquals(Verdict.Outcome.DID_NOT_HOLD, not.outcome());
        assertEquals(-16, not.effect(), 0);
    }

    @Test
    void mistakesFailInOneLine() {
        Table t = fiveSeeds();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Claim.named("toy.typo")
                .statement("s").metric("accuracy").compare("model.nam", "lstm", "rnn").judge(t));
        assertTrue(e.getMessage().contains("no column 'model.nam'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Claim.named("Not Kebab").statement("s").exact(0, 0, 0).build());
        // two configurations share seeds on one side: the claim must say which one
        Measurements m = Measurements.named("ambiguous");
        for (int s = 1; s <= 3; s++) {
            m.add("acc", 0.5, s, "model", "a", "lag", 5).add("acc", 0.4, s, "model", "a", "lag", 10)
                    .add("acc", 0.3, s, "model", "b", "lag", 5).add("acc", 0.2, s, "model", "b", "lag", 10);
        }
        e = assertThrows(IllegalArgumentException.class, () -> Claim.named("toy.ambiguous").statement("s").metric("acc")
                .compare("model", "a", "b").judge(m.table()));
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
        assertEquals(Verdict.Outcome.HELD, Claim.named("toy.at-lag-5").statement("s").metric("acc")
                .compare("model", "a", "b").where("lag=5").judge(m.table()).outcome());
    }
}
