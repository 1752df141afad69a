package org.seqlab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;
import org.seqlab.results.Measurements;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The claims file's fields (the contract the report index reads), the card's anchor and the RESULTS.md section. */
class NotebookClaimsTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void claimsFileHoldsTheContractFields() throws Exception {
        NotebookClaims claims = NotebookClaims.of("01-bptt");
        Verdict card = claims.judge(Claim.named("toy.lstm-beats-rnn").statement("LSTM beats RNN").from("lecture 01, slide 9")
                .metric("accuracy").compare("model.name", "lstm", "rnn").published("0.9 in the paper").build(),
                ClaimStatisticsTest.fiveSeeds());
        claims.judge(Claim.named("bptt.equals-engine").statement("BPTT by hand equals the engine").exact(1e-12, 0, 1e-9).build());
        claims.publish(dir.resolve("reports"), dir.resolve("RESULTS.md"), false);

        Map<String, Object> file = Json.readObject(Files.readString(dir.resolve("reports/01-bptt.claims.json")));
        assertEquals("01-bptt", file.get("notebook"));
        List<Map<String, Object>> list = (List<Map<String, Object>>) file.get("claims");
        assertEquals(2, list.size());
        Map<String, Object> c = list.get(0);
        assertEquals("toy.lstm-beats-rnn", c.get("id"));
        assertEquals("LSTM beats RNN", c.get("statement"));
        assertEquals("lecture 01, slide 9", c.get("source"));
        assertEquals("accuracy", c.get("metric"));
        assertEquals("higher", c.get("direction"));
        assertEquals(List.of("model.name=lstm", "model.name=rnn"), c.get("compare"));
        assertEquals("held", c.get("verdict"));
        assertEquals(0.19, ((Number) c.get("effect")).doubleValue(), 1e-12);
        List<Number> ci = (List<Number>) c.get("ci");
        assertEquals(0.10905341076456455, ci.get(0).doubleValue(), 1e-7);
        assertEquals(0.27094658923543546, ci.get(1).doubleValue(), 1e-7);
        assertEquals(5, ((Number) c.get("n")).intValue());
        assertEquals("paired-t", c.get("test"));
        assertEquals(0.05, ((Number) c.get("alpha")).doubleValue(), 0);
        assertEquals(0.0, ((Number) c.get("margin")).doubleValue(), 0);
        assertEquals("0.9 in the paper", c.get("published"));
        Map<String, Object> e = list.get(1);
        assertEquals("exact", e.get("direction"));
        assertEquals("exact", e.get("test"));
        assertEquals("held", e.get("verdict"));
        assertTrue(e.containsKey("compare") && e.get("compare") == null, "compare is null for an exact claim");

        assertTrue(card.toHtml().contains("id=\"claim-toy.lstm-beats-rnn\""), card.toHtml());
        assertFalse(Files.exists(dir.resolve("RESULTS.md")), "RESULTS.md is written at full size only");
    }

    @Test
    void markdownTableByHand() {
        Table t = Table.create("t", StringColumn.create("model", "LSTM", "G|RU"), IntColumn.create("n", 3, 12),
                DoubleColumn.create("acc", 0.123456, 2.0));
        assertEquals("| model | n | acc |\n|---|---:|---:|\n| LSTM | 3 | 0.1235 |\n| G\\|RU | 12 | 2 |\n", NotebookClaims.table(t));
        String p = NotebookClaims.provenance();
        assertTrue(p.startsWith("commit `") && p.contains(" cores, OMP_NUM_THREADS="), p);
    }

    @Test
    void sectionsOfTwoNotebooksShareTheFile() throws Exception {
        Path f = dir.resolve("sub/RESULTS.md");
        NotebookClaims.writeSection(f, "RNN results", "01-bptt", "first");
        NotebookClaims.writeSection(f, "RNN results", "02-lstm-vs-gru", "second");
        NotebookClaims.writeSection(f, "RNN results", "01-bptt", "first again\nwith two lines");
        assertEquals("# RNN results\n\n<!-- BEGIN 01-bptt -->\nfirst again\nwith two lines\n<!-- END 01-bptt -->\n\n"
                + "<!-- BEGIN 02-lstm-vs-gru -->\nsecond\n<!-- END 02-lstm-vs-gru -->\n", Files.readString(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
        assertThrows(IllegalArgumentException.class, () -> NotebookClaims.of("a b"));
    }

    @Test
    void resultsSectionIsReplacedInPlace() throws Exception {
        Path md = dir.resolve("RESULTS.md");
        Files.writeString(md, "# Results\n\n<!-- BEGIN 02-lstm-vs-gru -->\nother notebook\n<!-- END 02-lstm-vs-gru -->\n");
        NotebookClaims claims = NotebookClaims.of("01-bptt");
        claims.judge(Claim.named("a.b").statement("one").exact(1, 1, 0).build());
        Measurements m = Measurements.named("Parameter counts").add("parameters", 1056, 1, "cell", "lstm");
        claims.publish(dir, md, true, m.table());
        claims.publish(dir, md, true, m.table());
        String text = Files.readString(md);
        assertEquals(1, text.split("<!-- BEGIN 01-bptt -->", -1).length - 1, "one section however often it is published");
        assertTrue(text.contains("other notebook"), "the other notebook's section stays");
        assertTrue(text.contains("### Parameter counts"));
        assertTrue(text.contains("| 1056 |"), text);

        Files.writeString(md, "# Results\n<!-- BEGIN 01-bptt -->\nbroken\n");
        assertThrows(IllegalStateException.class, () -> claims.publish(dir, md, true));
    }
}
