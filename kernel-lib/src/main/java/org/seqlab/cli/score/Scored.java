package org.seqlab.cli.score;

import java.util.Locale;

/**
 * How the score subcommands print numbers and tables: 4 significant digits, aligned columns.
 * (Their errors are thrown and shown by {@link org.seqlab.cli.CliErrors}, one place for all
 * commands.)
 */
final class Scored {
    private Scored() {}

    /** 4 significant digits; undefined (NaN) as "-". */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
    }

    /** Rows of cells as aligned text: first column left-aligned, the others right-aligned. */
    static String table(java.util.List<java.util.List<String>> rows) {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (java.util.List<String> r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            java.util.List<String> r = rows.get(i);
            for (int c = 0; c < cols; c++) {
                String pad = " ".repeat(width[c] - r.get(c).length());
                b.append(c == 0 ? r.get(c) + pad : "  " + pad + r.get(c));
            }
            b.append('\n');
            if (i == 0) {
                for (int c = 0; c < cols; c++) {
                    b.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }
}
