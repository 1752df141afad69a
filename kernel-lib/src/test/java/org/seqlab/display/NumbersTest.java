package org.seqlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class NumbersTest {
    private static final Numbers FOUR = Numbers.DEFAULT;

    @Test
    void fourSignificantDigitsByDefault() {
        // the values issue 13 quotes, and hand-rounded neighbours
        assertEquals("0.7122", FOUR.format(0.7122222222222222));
        assertEquals("12.35", FOUR.format(12.345678));
        assertEquals("1235", FOUR.format(1234.5678));
        assertEquals("123500", FOUR.format(123456.78));
        assertEquals("0.5", FOUR.format(0.5000001), "trailing zeros are dropped");
        assertEquals("-0.001234", FOUR.format(-0.0012344));
        assertEquals("1", FOUR.format(0.99996), "rounding may carry into a new digit");
    }

    @Test
    void verySmallAndLargeMagnitudesAreScientific() {
        assertEquals("8.812e-32", FOUR.format(0.00000000000000000000000000000008812077312548219));
        assertEquals("9.999e-04", FOUR.format(0.00099994));
        assertEquals("1.235e+06", FOUR.format(1234567.8));
        assertEquals("1e+06", FOUR.format(999999.7), "rounds up into scientific form");
        assertEquals("-2.5e+20", FOUR.format(-2.5e20 + 1e5));
        assertEquals("1.5e+100", FOUR.format(1.5e100 + 1e85));
    }

    @Test
    void integersStayIntegers() {
        assertEquals("3", FOUR.format(3.0));
        assertEquals("123456789", FOUR.format(123456789.0));
        assertEquals("-42", FOUR.format(-42L));
        assertEquals("0", FOUR.format(0.0));
    }

    @Test
    void missingAndInfiniteValues() {
        assertEquals("", FOUR.format(Double.NaN));
        assertEquals("inf", FOUR.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", FOUR.format(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Numbers.significant(0));
    }

    @Test
    void otherPrecisionPerColumnAndPerTable() {
        assertEquals("0.712222", Numbers.significant(6).format(0.7122222222222222));
        DoubleColumn a = DoubleColumn.create("a", 0.7122222222222222);
        DoubleColumn b = DoubleColumn.create("b", 0.7122222222222222);
        Table t = Table.create("t", a, b);
        assertEquals("0.7122", Numbers.cell(a, 0), "default");
        Numbers.significant(2).on(b);
        assertEquals("0.71", Numbers.cell(b, 0));
        assertEquals("0.71", b.getString(0), "Tablesaw's own printout agrees");
        Numbers.significant(6).on(t);
        assertEquals("0.712222", Numbers.cell(a, 0));
        assertEquals("0.712222", Numbers.cell(b, 0));
    }

    @Test
    void aTablesawFormatterTheUserChoseIsKept() {
        DoubleColumn p = DoubleColumn.create("p", 0.25);
        p.setPrintFormatter(NumberColumnFormatter.percent(1));
        assertEquals("25.0%", Numbers.cell(p, 0));
    }

    @Test
    void htmlAndTerminalTablesUseTheFormatter() {
        Table t = Table.create("r", StringColumn.create("model", "lstm"), IntColumn.create("epochs", new int[] {30}),
                LongColumn.create("parameters", new long[] {123456789L}), DoubleColumn.create("loss", 0.7122222222222222),
                DoubleColumn.create("grad", 8.812077312548219e-32));
        String html = TableHtml.html(t);
        assertTrue(html.contains("<td>0.7122</td>") && html.contains("<td>8.812e-32</td>"), html);
        assertTrue(html.contains("<td>30</td>") && html.contains("<td>123456789</td>"), html);
        assertFalse(html.contains("0.71222"), html);
        String text = TableText.render(t);
        assertEquals("""
                model  epochs  parameters    loss       grad
                -----  ------  ----------  ------  ---------
                lstm       30   123456789  0.7122  8.812e-32
                """, text);
        assertTrue(TableHtml.text(t).contains("0.7122  8.812e-32"), TableHtml.text(t));
        assertEquals(text, org.seqlab.experiment.run.TextTable.render(t), "the terminal tables of run and compare");
    }
}
