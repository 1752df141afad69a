package org.seqlab.cli.score;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqlab.io.InputFileException;
import org.seqlab.metrics.sed.SedInputException;

/**
 * What the score subcommands share: a user's mistake in an input (a malformed row or a missing
 * duration: {@link InputFileException}; an impossible option: {@link SedInputException}) is one {@code error:} line on stderr and exit status 2, never a
 * stack trace; numbers in tables have 4 significant digits.
 */
final class Scored {
    /** Exit status for bad input, as picocli uses for bad options. */
    static final int BAD_INPUT = 2;

    private Scored() {}

    static int reported(Callable<Integer> body) {
        try {
            return body.call();
        } catch (InputFileException | SedInputException e) {
            System.err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

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
