package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.data.batch.Sequence;

class TextCorpusTest {
    @TempDir
    Path data;

    @Test
    void licenceTextSplitsContiguouslyAndEncodesBothWays() {
        TextCorpus t = GeneratorTestSupport.registry(null, "text", 0, "{validation_fraction: 0.1, test_fraction: 0.05}", data)
                .corpus("c").text();
        assertTrue(t.text().length() > 100_000, "licence texts are about 200 KB");
        assertTrue(t.text().contains("GNU GENERAL PUBLIC LICENSE"));
        assertEquals(t.text(), t.split("train") + t.split("validation") + t.split("test"));
        assertEquals(0.1, t.split("validation").length() / (double) t.text().length(), 0.001);
        String sample = t.split("test").substring(0, 200);
        assertEquals(sample, t.decode(t.encode(sample)));
        assertTrue(t.vocabularySize() < 120);
        List<Sequence<int[]>> w = t.windows("validation", 16, 8);
        Sequence<int[]> second = w.get(1);
        String v = t.split("validation");
        assertEquals(v.substring(9, 25), t.decode(second.target()));
        assertEquals(1f, second.frames()[0][t.id(v.charAt(8))]);
    }

    @Test
    void lettersOnlyKeepsTwentySixLettersAndOneSpacePerGapInEachSplit() {
        assertEquals("hello world it s r a b ", TextCorpus.letters("Hello, World!\n  It's R2-A(b)."));
        assertEquals(" x", TextCorpus.letters("...X"));
        TextCorpus t = new TextCorpus("Ab.C d9E fG! hIj kL; MN o", 0.2, 0.2).lettersOnly();
        assertEquals("ab c d e fg hij kl  mn o", t.text());
        assertEquals(t.text(), t.split("train") + t.split("validation") + t.split("test"));
        assertEquals(TextCorpus.letters("Ab.C d9E fG! hI"), t.split("train"), "the raw split, normalised on its own");
        assertTrue(t.vocabularySize() <= 27);
        assertEquals(' ', t.symbol(0));
    }
}
