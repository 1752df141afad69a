package org.seqlab.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;

/** {@code seqlab score sed|psds} through the real picocli entry point, in this JVM. */
class ScoreCommandTest {
    static final String HEADER = "filename\tonset\toffset\tevent_label\n";

    @TempDir
    Path dir;

    /** {exit code, stdout, stderr}. */
    static Object[] cli(String... args) {
        return org.seqlab.testing.Cli.run(args);
    }

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> json, String path) {
        Object o = json;
        for (String k : path.split("\\.")) {
            o = ((Map<String, Object>) o).get(k);
        }
        return o;
    }

    @Test
    void sedJsonHasThePathsTheConformanceCheckReads() throws Exception {
        Path ref = file("ref.tsv", HEADER + "car.wav\t0\t2.5\tcar\ncar.wav\t2.8\t4.5\tcar\ncar.wav\t6\t10\tcar\n");
        Path est = file("est.tsv", HEADER + "car.wav\t0.2\t3.5\tcar\ncar.wav\t6.0\t8.0\tcar\n");
        Object[] r = cli("score", "sed", "--reference", ref.toString(), "--estimate", est.toString(),
                "--percentage-of-length", "0.5", "--json");
        assertEquals(0, r[0], (String) r[2]);
        Map<String, Object> json = Json.readObject((String) r[1]);
        assertEquals(0.8, (Double) at(json, "event_based.overall.f_measure"), 1e-12);
        assertEquals(1.0 / 3, (Double) at(json, "event_based.overall.error_rate"), 1e-12);
        assertEquals(1.0, (Double) at(json, "segment_based.overall.precision"), 1e-12);
        assertEquals(1.0, (Double) at(json, "tagging.overall.f_measure"), 1e-12);
        assertEquals(0.8, (Double) at(json, "event_based.class_wise_average.f_measure"), 1e-12);
        assertEquals(0.5, (Double) at(json, "parameters.percentage_of_length"), 0);
        assertEquals(1, ((Number) json.get("files")).intValue());
    }

    @Test
    void undefinedValuesAreNullInJsonAndDashInTheTable() throws Exception {
        Path ref = file("ref.tsv", HEADER + "a.wav\t0\t1\tdog\n");
        Path est = file("est.tsv", HEADER);
        Object[] r = cli("score", "sed", "--reference", ref.toString(), "--estimate", est.toString(), "--json");
        assertEquals(0, r[0], (String) r[2]);
        Map<String, Object> json = Json.readObject((String) r[1]);
        assertNull(at(json, "event_based.overall.precision"));
        assertEquals(1.0, (Double) at(json, "event_based.overall.error_rate"), 1e-12);
        Object[] t = cli("score", "sed", "--reference", ref.toString(), "--estimate", est.toString());
        String table = (String) t[1];
        assertTrue(table.contains("segment-based") && table.contains("event-based") && table.contains("tagging"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("event-based") && l.contains(" - ")), table);
    }

    @Test
    void malformedInputIsOneErrorLineAndExitTwo() throws Exception {
        Path ref = file("ref.tsv", HEADER + "a.wav\t0\t1\tdog\n");
        Path bad = file("bad.tsv", HEADER + "a.wav\t0\t1\tdog\na.wav\tsoon\t2\tdog\n");
        Object[] r = cli("score", "sed", "--reference", ref.toString(), "--estimate", bad.toString());
        assertEquals(2, r[0]);
        assertEquals("error: " + bad + ":3: onset 'soon' is not a number\n", r[2]);

        Path dur = file("dur.tsv", "filename\tduration\na.wav\t10\n");
        Path other = file("other.tsv", HEADER + "a.wav\t0\t1\tdog\nb.wav\t0\t1\tdog\n");
        r = cli("score", "sed", "--reference", ref.toString(), "--estimate", other.toString(), "--durations", dur.toString());
        assertEquals(2, r[0]);
        assertEquals("error: " + other + ":3: file 'b.wav' has no duration in " + dur + "\n", r[2]);

        Path noHeader = file("nohead.tsv", "a.wav\t0\t1\tdog\n");
        r = cli("score", "psds", "--reference", noHeader.toString(), "--durations", dur.toString(), "--estimate",
                ref.toString(), "--dtc", "0.7", "--gtc", "0.7", "--cttc", "0.3", "--alpha-ct", "0", "--alpha-st", "1",
                "--max-efpr", "100");
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).startsWith("error: " + noHeader + ":1: the header must name"), (String) r[2]);
        assertEquals(1, ((String) r[2]).lines().count());

        r = cli("score", "sed", "--reference", ref.toString(), "--estimate", ref.toString(), "--t-collar", "-1");
        assertEquals(2, r[0]);
        assertEquals("error: --t-collar must be a positive number of seconds, got -1.0\n", r[2]);
        assertFalse(((String) r[2]).contains("\tat "));
    }

    @Test
    void psdsOverSeveralOperatingPoints() throws Exception {
        Path gt = file("gt.tsv", HEADER + "a.wav\t0\t10\tc1\na.wav\t20\t30\tc2\n");
        Path meta = file("meta.tsv", "filename\tduration\na.wav\t1800\n");
        Path op1 = file("op1.tsv", HEADER + "a.wav\t0\t10\tc1\na.wav\t20\t30\tc1\n");
        Path op2 = file("op2.tsv", HEADER);
        String[] args = {"score", "psds", "--reference", gt.toString(), "--durations", meta.toString(), "--estimate",
            op1.toString(), "--estimate", op2.toString(), "--dtc", "0.5", "--gtc", "0.5", "--cttc", "0.3", "--alpha-ct",
            "0.5", "--alpha-st", "0", "--max-efpr", "100"};
        Object[] r = cli(concat(args, "--json"));
        assertEquals(0, r[0], (String) r[2]);
        Map<String, Object> json = Json.readObject((String) r[1]);
        assertEquals(0.04, (Double) json.get("psds"), 1e-12); // PsdsEvalTest: the empty table adds only (0, 0)
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((java.util.List<Object>) json.get("operating_points")).get(0);
        assertEquals(92.0, (Double) at(first, "efpr.c1"), 1e-12);
        Object[] t = cli(args);
        assertEquals(0, t[0], (String) t[2]);
        assertTrue(((String) t[1]).startsWith("PSDS 0.04000"), (String) t[1]);
        assertTrue(((String) t[1]).contains("c1 TPR"), (String) t[1]);
    }

    static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
