package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ResultsMarkdownTest {

    @Test
    void tableByHand() {
        Table t = Table.create("t", StringColumn.create("model", "LSTM", "G|RU"), IntColumn.create("n", 3, 12),
                DoubleColumn.create("acc", 0.123456, 2.0));
        assertEquals("| model | n | acc |\n|---|---:|---:|\n| LSTM | 3 | 0.1235 |\n| G\\|RU | 12 | 2 |\n", ResultsMarkdown.table(t));
    }

    @Test
    void sectionsAreReplacedInPlaceAndOthersKept(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/RESULTS.md");
        ResultsMarkdown.writeSection(f, "RNN results", "01-bptt", "first");
        ResultsMarkdown.writeSection(f, "RNN results", "02-lstm-vs-gru", "second");
        ResultsMarkdown.writeSection(f, "RNN results", "01-bptt", "first again\nwith two lines");
        String text = Files.readString(f);
        assertEquals("# RNN results\n\n<!-- BEGIN 01-bptt -->\nfirst again\nwith two lines\n<!-- END 01-bptt -->\n\n"
                + "<!-- BEGIN 02-lstm-vs-gru -->\nsecond\n<!-- END 02-lstm-vs-gru -->\n", text);
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void brokenMarkersAndBadNamesAreReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("RESULTS.md");
        Files.writeString(f, "# x\n<!-- BEGIN a -->\nno end\n");
        var e = assertThrows(IllegalStateException.class, () -> ResultsMarkdown.writeSection(f, "x", "a", "y"));
        assertTrue(e.getMessage().contains("only one of its two markers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResultsMarkdown.writeSection(f, "x", "a b", "y"));
    }

    @Test
    void provenanceNamesCommitAndMachine() {
        String p = ResultsMarkdown.provenance();
        assertTrue(p.startsWith("commit `"), p);
        assertTrue(p.contains(" cores, OMP_NUM_THREADS="), p);
    }
}
