package org.seqlab.decode.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.io.InputFileException;

/** ARPA export and import: exact round trips, files from other tools, one-line errors naming file and line. */
class ArpaTest {
    @TempDir
    Path dir;

    @Test
    void roundTripGivesTheSameProbabilities() throws IOException {
        List<String> lines = KneserNeyTest.resourceLines("kn_corpus.txt");
        for (int order : new int[] {1, 3, 6}) {
            CharLm lm = CharLm.train(lines, order);
            Path f = dir.resolve("chars" + order + ".arpa");
            Arpa.write(lm.model(), f);
            CharLm back = CharLm.of(Arpa.read(f));
            assertEquals(order, back.order());
            for (int n = 1; n <= order; n++) {
                assertEquals(lm.model().count(n), back.model().count(n), "order " + n + " count");
            }
            for (String ctx : new String[] {"", "a", "abr", "abracad", "cab a b", "qq"}) {
                for (int cp : "abcdr qx".codePoints().toArray()) {
                    assertEquals(lm.score(ctx, cp), back.score(ctx, cp), 0.0, "'" + ctx + "' + " + (char) cp);
                }
                assertEquals(lm.scoreEnd(ctx), back.scoreEnd(ctx), 0.0);
            }
        }
    }

    @Test
    void readsAHandWrittenFileInTheUsualLayout() throws IOException {
        // 7 significant digits and tabs, as KenLM writes; <unk> present; a backoff on a bigram context
        String arpa = String.join("\n",
                "", "\\data\\", "ngram 1=4", "ngram 2=2", "", "\\1-grams:",
                "-1.0\t<unk>\t0", "-99\t<s>\t-0.30103", "-0.5\t</s>", "-0.30103\tx\t-0.1", "",
                "\\2-grams:", "-0.2\t<s> x", "-0.4\tx </s>", "", "\\end\\", "");
        Path f = dir.resolve("hand.arpa");
        Files.writeString(f, arpa, StandardCharsets.UTF_8);
        NgramLm lm = Arpa.read(f);
        int[] s = {lm.bos()};
        assertEquals(-0.2, lm.log10Prob(s, lm.id("x")), 1e-12);
        assertEquals(-0.30103 - 0.5, lm.log10Prob(s, lm.eos()), 1e-12, "backoff of <s> plus unigram");
        assertEquals(-0.1 - 1.0, lm.log10Prob(new int[] {lm.id("x")}, lm.id("y")), 1e-12, "unknown word: backoff + <unk>");
    }

    private String error(String... lines) throws IOException {
        Path f = dir.resolve("bad.arpa");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        InputFileException e = assertThrows(InputFileException.class, () -> Arpa.read(f));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void malformedFilesFailNamingFileAndLine() throws IOException {
        assertTrue(error("ngram 1=1").contains(":1: expected the header"));
        assertTrue(error("\\data\\", "ngram 1=2", "", "\\1-grams:", "-1\t<s>", "abc\t</s>", "\\end\\").contains(":6: 'abc' is not a number"));
        assertTrue(error("\\data\\", "ngram 1=3", "", "\\1-grams:", "-99\t<s>", "-1\t</s>", "\\end\\").contains("declares 3 1-grams, the section has 2"));
        assertTrue(error("\\data\\", "ngram 1=2", "ngram 2=1", "\\1-grams:", "-99\t<s>", "-1\t</s>", "\\2-grams:",
                "-1\t<s> x", "\\end\\").contains(":8: token 'x' has no unigram"));
        assertTrue(error("\\data\\", "ngram 1=2", "\\1-grams:", "-99\t<s>", "-1\t</s> extra more").contains(":5: a 1-gram line needs"));
        assertTrue(error("\\data\\", "ngram 1=2", "\\1-grams:", "-99\t<s>", "-1\t</s>").contains("expected \\end\\"));
        assertTrue(error("\\data\\", "ngram 1=2", "\\1-grams:", "-99\t<s>", "0.5\t</s>", "\\end\\").contains(":5: '0.5' is not a log10 probability"));
        assertTrue(error("\\data\\", "ngram 1=1", "\\1-grams:", "-1\tx", "\\end\\").contains("must include <s> and </s>"));
        Path f = dir.resolve("latin1.arpa");
        Files.write(f, new byte[] {'\\', 'd', 'a', 't', 'a', '\\', '\n', (byte) 0xe9, '\n'});
        InputFileException e = assertThrows(InputFileException.class, () -> Arpa.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: not UTF-8"), e.getMessage());
    }
}
