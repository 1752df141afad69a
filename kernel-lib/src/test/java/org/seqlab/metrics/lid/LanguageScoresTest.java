package org.seqlab.metrics.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.io.InputFileException;

class LanguageScoresTest {
    @TempDir
    Path dir;

    private Path tsv(String text) throws IOException {
        Path p = dir.resolve("scores.tsv");
        Files.writeString(p, text);
        return p;
    }

    private InputFileException bad(String text) throws IOException {
        Path p = tsv(text);
        return assertThrows(InputFileException.class, () -> LanguageScores.read(p));
    }

    @Test
    void readsTheTable() throws IOException {
        LanguageScores s = LanguageScores.read(tsv("utterance\tlanguage\ten\tfr\r\nu1\ten\t2.5\t-1e-3\nu2\tfr\t+1\t.5\n"));
        assertEquals(List.of("en", "fr"), s.languages());
        assertEquals(List.of("u1", "u2"), s.utterances());
        assertEquals(0, s.truth(0));
        assertEquals(1, s.truth(1));
        assertEquals(-1e-3, s.score(0, 1), 0);
        assertEquals(0.5, s.score(1, 1), 0);
        assertEquals(List.of(1, 1), List.of(s.trialsPerLanguage()[0], s.trialsPerLanguage()[1]));
    }

    @Test
    void writeThenReadKeepsEveryBit() throws IOException {
        LanguageScores s = LanguageScores.of("mem", List.of("de", "nl"), List.of("a", "b"), new int[] {1, 0},
                new double[][] {{0.1 + 0.2, -1e-300}, {Math.PI, -0.0}});
        Path p = dir.resolve("out.tsv");
        s.write(p);
        LanguageScores back = LanguageScores.read(p);
        assertEquals(0.1 + 0.2, back.score(0, 0), 0);
        assertEquals(-1e-300, back.score(0, 1), 0);
        assertEquals(Math.PI, back.score(1, 0), 0);
        assertEquals(1, back.truth(0));
    }

    @Test
    void headerMustNameUtteranceAndLanguage() throws IOException {
        InputFileException e = bad("utt\tlang\ten\tfr\nu1\ten\t1\t2\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("must start with 'utterance<TAB>language'"), e.getMessage());
        assertEquals(1, bad("").line() + 1, "an empty file is a problem of the whole file");
        assertTrue(bad("utterance\tlanguage\ten\nu1\ten\t1\n").getMessage().contains("at least two language columns"));
        assertTrue(bad("utterance\tlanguage\ten\ten\nu1\ten\t1\t2\n").getMessage().contains("'en' names two columns"));
    }

    @Test
    void rowProblemsNameTheirLine() throws IOException {
        String head = "utterance\tlanguage\ten\tfr\nu1\ten\t1\t2\nu2\tfr\t1\t2\n";
        Path p = tsv(head + "u3\tde\t1\t2\n");
        InputFileException e = assertThrows(InputFileException.class, () -> LanguageScores.read(p));
        assertEquals(p + ":4: true language 'de' is not a column (columns: en, fr)", e.getMessage());
        e = bad(head + "u1\ten\t3\t4\n");
        assertEquals(4, e.line());
        assertTrue(e.getMessage().endsWith("duplicate utterance 'u1' (first on line 2)"), e.getMessage());
        e = bad(head + "u3\ten\t1\tabc\n");
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("score for fr is not a finite decimal number: 'abc'"), e.getMessage());
        for (String notANumber : List.of("nan", "NaN", "inf", "-Infinity", "1.5d", "0x1p3", "", "1e999")) {
            assertEquals(4, bad(head + "u3\ten\t" + notANumber + "\t1\n").line(), notANumber);
        }
        assertTrue(bad(head + "u3\ten\t1\n").getMessage().contains("3 tab-separated fields, the header has 4"));
        assertEquals(4, bad(head + "\n").line(), "an empty line");
    }

    @Test
    void aLanguageWithoutTrialIsNamed() throws IOException {
        InputFileException e = bad("utterance\tlanguage\ten\tfr\tde\nu1\ten\t1\t2\t3\nu2\tfr\t1\t2\t3\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("language 'de' has no trial"), e.getMessage());
    }

    @Test
    void tablesInMemoryAreChecked() {
        List<String> two = List.of("a", "b");
        assertThrows(InputFileException.class, () -> LanguageScores.of("m", two, List.of("u"), new int[] {2}, new double[][] {{1, 2}}));
        assertThrows(InputFileException.class,
                () -> LanguageScores.of("m", two, List.of("u", "v"), new int[] {0, 1}, new double[][] {{1, Double.NaN}, {1, 2}}));
        assertThrows(InputFileException.class,
                () -> LanguageScores.of("m", two, List.of("u", "u"), new int[] {0, 1}, new double[][] {{1, 2}, {1, 2}}));
        assertThrows(InputFileException.class, () -> LanguageScores.of("m", two, List.of("u"), new int[] {0}, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> LanguageScores.of("m", two, List.of("u"), new int[] {0, 1}, new double[][] {{1, 2}}));
    }
}
