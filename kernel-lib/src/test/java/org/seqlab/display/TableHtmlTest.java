package org.seqlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {
    @Test
    void escapesCellsAndHeaders() {
        Table t = Table.create("a<b", StringColumn.create("<x>", "1 & 2", "\"q\""));
        String html = TableHtml.html(t);
        assertTrue(html.contains("<th>&lt;x&gt;</th>"), html);
        assertTrue(html.contains("<td>1 &amp; 2</td>"), html);
        assertTrue(html.contains("<caption>a&lt;b</caption>"), html);
        assertFalse(html.contains("<x>"));
    }

    @Test
    void longTablesShowHeadAndTailWithTheRowCount() {
        Table t = Table.create("n", IntColumn.create("i", IntStream.range(0, 1000).toArray()));
        String html = TableHtml.html(t);
        int bodyRows = html.split("<tr>", -1).length - 1 - 1; // minus the header row
        assertEquals(TableHtml.MAX_ROWS + 1, bodyRows, "head, ellipsis row, tail");
        assertTrue(html.contains("<td>9</td>") && html.contains("<td>990</td>") && html.contains("<td>999</td>"));
        assertFalse(html.contains("<td>500</td>"));
        assertTrue(html.contains("1000 rows"));
        assertTrue(TableHtml.text(t).contains("1000 rows"));
    }
}
