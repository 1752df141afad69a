package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seqlab.experiment.run.StudentT;
import org.seqlab.experiment.run.Summary;

class StatisticsTest {
    /** Two-sided 95% critical values from printed t tables. */
    @Test
    void tQuantilesMatchTables() {
        double[][] table = {{1, 12.706}, {2, 4.303}, {3, 3.182}, {4, 2.776}, {9, 2.262}, {30, 2.042}, {1000, 1.962}};
        for (double[] row : table) {
            assertEquals(row[1], StudentT.quantile(0.975, row[0]), 5e-4, "df " + row[0]);
        }
        assertEquals(0.0, StudentT.quantile(0.5, 5), 1e-7);
        assertEquals(-StudentT.quantile(0.9, 7), StudentT.quantile(0.1, 7), 1e-9);
        // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi
        assertEquals(0.5 + Math.atan(2.5) / Math.PI, StudentT.cdf(2.5, 1), 1e-12);
    }

    @Test
    void summaryByHand() {
        // values 1, 2, 3, 4: mean 2.5, sample variance 5/3, half width t(0.975, 3) * sqrt(5/3) / 2
        Summary s = Summary.of(1, 2, 3, 4);
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-15);
        assertEquals(3.182446305284263 * Math.sqrt(5.0 / 3) / 2, s.halfWidth(), 1e-9);
        Summary one = Summary.of(0.7);
        assertEquals(0.7, one.mean(), 0);
        assertTrue(Double.isNaN(one.std()) && Double.isNaN(one.ciLow()));
    }
}
