package org.seqlab.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;

/** {@code seqlab score asr | lid} through the real command line, in process. */
class ScoreCommandsTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    /** Through {@link ScoreCommandTest#cli}, the one in-process runner of these tests. */
    private static Result seqlab(String... args) {
        Object[] r = ScoreCommandTest.cli(args);
        return new Result((Integer) r[0], (String) r[1], (String) r[2]);
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** One line, {@code error: } then the expected start, and no stack trace. */
    private static void assertOneLineError(Result r, String start) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("error: " + start), lines.get(0));
    }

    /** ref u1 "ab cd" / hyp "abcd" (S1 D1; CER 1/5; 0 without spaces), u2 "x" missing: D1. */
    @Test
    void asrJsonHasTheCheckedPathsAndBothCers() throws IOException {
        Path ref = file("ref.txt", "u1 ab cd\nu2 x\n");
        Path hyp = file("hyp.txt", "u1 abcd\n");
        Result r = seqlab("score", "asr", "--reference", ref.toString(), "--hypothesis", hyp.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.readObject(r.out());
        assertEquals(1.0, (Double) j.get("wer"), 1e-15);
        assertEquals(2.0 / 6, (Double) j.get("cer"), 1e-15, "'ab cd' loses its space, 'x' its one character: 2 of 6");
        assertEquals(1.0 / 5, (Double) j.get("cer_no_space"), 1e-15, "'abcd' exact, 'x' deleted: 1 of 5");
        assertEquals(1, j.get("substitutions"));
        assertEquals(2, j.get("deletions"));
        assertEquals(0, j.get("insertions"));
        @SuppressWarnings("unchecked")
        Map<String, Object> chars = (Map<String, Object>) j.get("characters");
        assertEquals(2, chars.get("deletions"));
        assertEquals(6, chars.get("reference_length"));
        assertEquals(List.of("u2"), j.get("missing_hypotheses"));
        assertTrue(r.err().startsWith("warning: " + hyp + ": 1 of 2 reference utterances have no hypothesis line"), r.err());
    }

    @Test
    void asrTableHasFourSignificantDigits() throws IOException {
        Path ref = file("ref.txt", "u1 a b c\n");
        Path hyp = file("hyp.txt", "u1 a x c\n");
        Result r = seqlab("score", "asr", "--reference", ref.toString(), "--hypothesis", hyp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("words (WER)") && l.contains(" 0.3333 ")), r.out());
        assertTrue(r.out().contains("utterances: 1"), r.out());
    }

    @Test
    void asrBadInputIsOneLineAndExitTwo() throws IOException {
        Path ok = file("ok.txt", "u1 a\nu2 b\n");
        String okArg = ok.toString();
        Path noId = file("noid.txt", "u1 a\n\n");
        assertOneLineError(seqlab("score", "asr", "--reference", noId.toString(), "--hypothesis", okArg), noId + ":2: no utterance id");
        Path dup = file("dup.txt", "u1 a\nu1 b\n");
        assertOneLineError(seqlab("score", "asr", "--reference", okArg, "--hypothesis", dup.toString()),
                dup + ":2: duplicate utterance id 'u1'");
        Path latin = file("latin.txt", new byte[] {'u', '1', ' ', 'a', '\n', 'u', '2', ' ', (byte) 0xE9, '\n'});
        assertOneLineError(seqlab("score", "asr", "--reference", latin.toString(), "--hypothesis", okArg),
                latin + ":2: not UTF-8: byte 0xE9");
        Path extra = file("extra.txt", "u1 a\nu3 c\n");
        assertOneLineError(seqlab("score", "asr", "--reference", okArg, "--hypothesis", extra.toString()),
                extra + ":2: utterance id 'u3' is not in the reference");
        assertOneLineError(seqlab("score", "asr", "--reference", dir.resolve("none.txt").toString(), "--hypothesis", okArg),
                dir.resolve("none.txt") + ": no such file");
        Path empty = file("empty.txt", "");
        assertOneLineError(seqlab("score", "asr", "--reference", empty.toString(), "--hypothesis", okArg), empty + ": no utterance lines");
    }

    /** Example A of LidMetricsTest: accuracy 1/2, Cavg 7/12, min Cavg 5/12 at 1, EER 9/16. */
    @Test
    void lidJsonAndDet() throws IOException {
        Path scores = file("scores.tsv", "utterance\tlanguage\ten\tfr\nu1\ten\t2\t1\nu2\ten\t0\t0\nu3\ten\t-1\t1\nu4\tfr\t1\t1\n");
        Path det = dir.resolve("det.tsv");
        Result r = seqlab("score", "lid", "--scores", scores.toString(), "--json", "--det", det.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.readObject(r.out());
        assertEquals(0.5, (Double) j.get("accuracy"), 1e-12);
        assertEquals(7.0 / 12, (Double) j.get("cavg"), 1e-12);
        assertEquals(5.0 / 12, (Double) j.get("min_cavg"), 1e-12);
        assertEquals(1.0, (Double) j.get("min_cavg_threshold"), 0);
        assertEquals(9.0 / 16, (Double) j.get("eer"), 1e-12);
        assertEquals(List.of("en", "fr"), j.get("languages"));
        assertEquals(List.of(List.of(2, 1), List.of(1, 0)), j.get("confusion"));
        assertEquals("threshold\tp_miss\tp_fa\n-inf\t0.0\t1.0\n-1.0\t0.25\t1.0\n0.0\t0.5\t0.75\n1.0\t0.75\t0.0\n2.0\t1.0\t0.0\n",
                Files.readString(det));
        Result text = seqlab("score", "lid", "--scores", scores.toString(), "--p-target", "0.5");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("Cavg      0.5833  (threshold 0)"), text.out());
        assertTrue(text.out().contains("min Cavg  0.4167  (threshold 1.000)"), text.out());
        assertTrue(text.out().contains("EER       0.5625"), text.out());
    }

    @Test
    void lidBadInputIsOneLineAndExitTwo() throws IOException {
        String head = "utterance\tlanguage\ten\tfr\n";
        String rows = "u1\ten\t1\t0\nu2\tfr\t0\t1\n";
        Path noHeader = file("a.tsv", "utt\tlang\ten\tfr\n" + rows);
        assertOneLineError(seqlab("score", "lid", "--scores", noHeader.toString()), noHeader + ":1: the header must start with");
        Path notColumn = file("b.tsv", head + rows + "u3\tde\t1\t0\n");
        assertOneLineError(seqlab("score", "lid", "--scores", notColumn.toString()), notColumn + ":4: true language 'de' is not a column");
        Path dup = file("c.tsv", head + rows + "u2\ten\t1\t0\n");
        assertOneLineError(seqlab("score", "lid", "--scores", dup.toString()), dup + ":4: duplicate utterance 'u2'");
        Path nan = file("d.tsv", head + rows + "u3\ten\tx\t0\n");
        assertOneLineError(seqlab("score", "lid", "--scores", nan.toString()), nan + ":4: score for en is not a finite decimal number");
        Path noTrial = file("e.tsv", "utterance\tlanguage\ten\tfr\tde\nu1\ten\t1\t0\t0\nu2\tfr\t0\t1\t0\n");
        assertOneLineError(seqlab("score", "lid", "--scores", noTrial.toString()), noTrial + ":1: language 'de' has no trial");
        Path good = file("f.tsv", head + rows);
        assertOneLineError(seqlab("score", "lid", "--scores", good.toString(), "--p-target", "1"), "--p-target must be strictly between");
    }

    @Test
    void scoreAloneShowsItsSubcommands() {
        Result r = seqlab("score", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("asr") && r.out().contains("lid"), r.out());
        assertFalse(r.out().contains("placeholder"));
    }
}
