package org.seqlab.display;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.api.NumericColumn;

/**
 * How numbers read in every Seqlab table: notebook HTML ({@link TableHtml}), reports, and the
 * terminal tables of {@code ./seqlab run} and {@code compare}. Tablesaw prints doubles at full
 * precision ({@code 0.7122222222222222}, {@code 0.00000000000000000000000000000008812077312548219}),
 * which nobody reads; lecture tables give a few significant digits.
 *
 * <ul>
 *   <li>{@link #DEFAULT}: four significant digits, trailing zeros dropped ({@code 0.7122}, {@code 12.5});</li>
 *   <li>magnitudes below 1e-3 or from 1e6 up in scientific notation ({@code 8.812e-32});</li>
 *   <li>integers stay integers: integer columns, and doubles with an integral value, print all their digits.</li>
 * </ul>
 * A column or a whole table can ask for other precision: {@code Numbers.significant(6).on(column)}
 * or {@code .on(table)}. That sets the column's Tablesaw print formatter, so Tablesaw's own
 * {@code print()} agrees with the HTML and terminal forms.
 */
public final class Numbers {
    /** Four significant digits: enough to compare runs, short enough to read across a row. */
    public static final Numbers DEFAULT = new Numbers(4);

    /** Magnitudes outside [SMALL, LARGE) use scientific notation. */
    static final double SMALL = 1e-3;
    static final double LARGE = 1e6;
    /** Integral doubles up to this magnitude print as integers; beyond it a double's digits are noise. */
    private static final double INTEGRAL_LIMIT = 1e15;

    private final int digits;

    private Numbers(int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("significant digits must be 1..17, got " + digits);
        }
        this.digits = digits;
    }

    public static Numbers significant(int digits) {
        return new Numbers(digits);
    }

    public int digits() {
        return digits;
    }

    /** {@code value} with this many significant digits; NaN (Tablesaw's missing value) as an empty string. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(value);
        if (value == Math.rint(value) && a < INTEGRAL_LIMIT) {
            return Long.toString((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        double r = Math.abs(rounded.doubleValue());
        if (r < SMALL || r >= LARGE) {
            return scientific(rounded);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    public String format(long value) {
        return Long.toString(value);
    }

    /** Any cell value: numbers formatted, other values as Tablesaw shows them. */
    public String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return format(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return format(n.longValue());
        }
        return value == null ? "" : value.toString();
    }

    private static String scientific(BigDecimal rounded) {
        BigDecimal s = rounded.stripTrailingZeros();
        int exponent = s.precision() - s.scale() - 1;
        String mantissa = s.movePointLeft(exponent).toPlainString();
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** Makes {@code column} print with these digits here and in Tablesaw's own printout. */
    public <C extends NumericColumn<?>> C on(C column) {
        column.setPrintFormatter(new ColumnFormat(this));
        return column;
    }

    /** Makes every numeric column of {@code table} print with these digits; returns the table. */
    public Table on(Table table) {
        for (Column<?> c : table.columns()) {
            if (c instanceof NumericColumn<?> n) {
                on(n);
            }
        }
        return table;
    }

    /**
     * Cell {@code row} of {@code column} as Seqlab shows it: with the column's own {@link Numbers}
     * when one was set, with a Tablesaw formatter the user chose (percent, currency) as Tablesaw
     * prints it, and otherwise with {@link #DEFAULT}.
     */
    public static String cell(Column<?> column, int row) {
        if (!(column instanceof NumericColumn<?> n)) {
            return column.getString(row);
        }
        NumberColumnFormatter f = formatter(n);
        if (f instanceof ColumnFormat ours) {
            return ours.numbers.format(column.get(row));
        }
        if (f != null && !isTablesawDefault(f)) {
            return column.getString(row);
        }
        return DEFAULT.format(column.get(row));
    }

    private static final Method PRINT_FORMATTER = printFormatterGetter();

    private static Method printFormatterGetter() {
        try {
            // Tablesaw keeps the getter protected; without it a user's own formatter could not be told apart.
            Method m = tech.tablesaw.api.NumberColumn.class.getDeclaredMethod("getPrintFormatter");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static NumberColumnFormatter formatter(NumericColumn<?> c) {
        if (PRINT_FORMATTER == null || !(c instanceof tech.tablesaw.api.NumberColumn<?, ?>)) {
            return null;
        }
        try {
            return (NumberColumnFormatter) PRINT_FORMATTER.invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Tablesaw's own defaults (full precision) are replaced; a formatter the user chose is kept. */
    private static boolean isTablesawDefault(NumberColumnFormatter f) {
        if (f.getClass() != NumberColumnFormatter.class) {
            return false;
        }
        return f.getFormat() == null
                || f.getFormat().equals(NumberColumnFormatter.floatingPointDefault().getFormat())
                || f.getFormat().equals(NumberColumnFormatter.ints().getFormat());
    }

    @Override
    public String toString() {
        return digits + " significant digits";
    }

    /** The Tablesaw side of a {@link Numbers}: what {@link #on} installs on a column. */
    public static final class ColumnFormat extends NumberColumnFormatter {
        private final Numbers numbers;

        ColumnFormat(Numbers numbers) {
            super("");
            this.numbers = numbers;
        }

        public Numbers numbers() {
            return numbers;
        }

        @Override
        public String format(double value) {
            return numbers.format(value);
        }

        @Override
        public String format(float value) {
            return numbers.format((double) value);
        }

        @Override
        public String format(long value) {
            return numbers.format(value);
        }

        @Override
        public String format(int value) {
            return numbers.format((long) value);
        }

        @Override
        public String format(short value) {
            return numbers.format((long) value);
        }
    }
}
