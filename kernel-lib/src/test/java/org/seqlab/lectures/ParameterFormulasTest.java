package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ParameterFormulasTest {

    @Test
    void formulaByHand() {
        // LSTM, 40 inputs, 128 units: 4 * (40*128 + 128*128 + 128) = 4 * 21632
        assertEquals(86528, ParameterFormulas.formula(4, 40, 128));
        assertEquals(3 * (13 * 7 + 49 + 7), ParameterFormulas.formula(3, 13, 7));
    }

    @Test
    void builtLayersMatchTheFormulaInEveryRow() {
        Table t = ParameterFormulas.table(new int[] {1, 40}, new int[] {8, 32});
        assertEquals(12, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(t.longColumn("parameters (formula)").get(r), t.longColumn("parameters (model)").get(r),
                    "row " + r + ": " + t.row(r));
        }
        // the LSTM row for n_in = 40, n = 32 has 4 times the RNN's parameters
        assertEquals("LSTM", t.stringColumn("cell").get(11));
        assertEquals("4.00", t.stringColumn("ratio to RNN").get(11));
        assertEquals("3.00", t.stringColumn("ratio to RNN").get(10));
    }
}
