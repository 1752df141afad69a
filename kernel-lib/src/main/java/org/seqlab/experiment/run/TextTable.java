package org.seqlab.experiment.run;

import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A table as aligned plain text for the terminal: numbers right-aligned to 4 significant decimals. */
public final class TextTable {
    private TextTable() {}

    public static String render(Table t) {
        int cols = t.columnCount();
        String[][] cells = new String[t.rowCount() + 1][cols];
        boolean[] numeric = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            Column<?> col = t.column(c);
            cells[0][c] = col.name();
            numeric[c] = col.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT");
            for (int r = 0; r < t.rowCount(); r++) {
                Object v = col.get(r);
                cells[r + 1][c] = v instanceof Double d ? format(d) : String.valueOf(v);
            }
        }
        int[] width = new int[cols];
        for (String[] row : cells) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cols; c++) {
                String s = cells[r][c];
                String pad = " ".repeat(width[c] - s.length());
                b.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + s : s + pad);
            }
            b.append('\n');
            if (r == 0) {
                for (int c = 0; c < cols; c++) {
                    b.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String format(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        double a = Math.abs(d);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", d) : String.format(Locale.ROOT, "%.4f", d);
    }
}
