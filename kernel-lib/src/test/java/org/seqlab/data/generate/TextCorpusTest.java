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
}
