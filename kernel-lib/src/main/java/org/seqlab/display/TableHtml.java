package org.seqlab.display;

import tech.tablesaw.api.Table;

/**
 * A Tablesaw {@link Table} as a bounded HTML table: notebooks and reports must stay small even
 * when a table has millions of rows, so only the head and tail are shown with a row count.
 * Numbers are formatted by {@link Numbers} (four significant digits unless the column says
 * otherwise).
 */
public final class TableHtml {
    /** Rows shown before the table is abbreviated to its head and tail. */
    public static final int MAX_ROWS = 20;

    private TableHtml() {}

    public static String html(Table table) {
        int rows = table.rowCount();
        int cols = table.columnCount();
        StringBuilder b = new StringBuilder("<div class=\"seqlab-table\"><table class=\"dataframe\" border=\"1\">");
        if (table.name() != null && !table.name().isEmpty()) {
            b.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        b.append("<thead><tr>");
        for (int c = 0; c < cols; c++) {
            b.append("<th>").append(escape(table.column(c).name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        if (rows <= MAX_ROWS) {
            appendRows(b, table, 0, rows);
        } else {
            appendRows(b, table, 0, MAX_ROWS / 2);
            b.append("<tr>");
            for (int c = 0; c < cols; c++) {
                b.append("<td>&hellip;</td>");
            }
            b.append("</tr>");
            appendRows(b, table, rows - MAX_ROWS / 2, rows);
        }
        b.append("</tbody></table><p>").append(rows).append(" rows &times; ").append(cols)
                .append(" columns</p></div>");
        return b.toString();
    }

    /** The text form, abbreviated like the HTML form, with the same number formatting. */
    public static String text(Table table) {
        int rows = table.rowCount();
        String name = table.name() == null || table.name().isEmpty() ? "" : table.name() + "\n";
        if (rows <= MAX_ROWS) {
            return name + TableText.render(table);
        }
        return name + TableText.render(table, 0, MAX_ROWS / 2) + "...\n"
                + TableText.render(table, rows - MAX_ROWS / 2, rows) + rows + " rows";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void appendRows(StringBuilder b, Table table, int from, int to) {
        for (int r = from; r < to; r++) {
            b.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                b.append("<td>").append(escape(Numbers.cell(table.column(c), r))).append("</td>");
            }
            b.append("</tr>");
        }
    }
}
