package org.seqlab.data.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqlab.data.CorpusGenerator;

/** The generators by the names datasets.yaml uses in {@code generator:}. */
public final class Generators {
    private static final Map<String, CorpusGenerator> ON_DISK = new LinkedHashMap<>();
    private static final Set<String> IN_MEMORY = Set.of("adding", "copy", "parity", "memory-signal");
    private static final String TEXT = "text";

    static {
        ON_DISK.put("soundscapes", new SoundscapeGenerator());
        ON_DISK.put("speech-words", new SpeechGenerator(false));
        ON_DISK.put("speech-sentences", new SpeechGenerator(true));
        ON_DISK.put("lid", new LidGenerator());
        ON_DISK.put(TEXT, new TextGenerator());
        ON_DISK.put("glyphs", new GlyphGenerator());
    }

    private Generators() {
    }

    public static boolean exists(String name) {
        return ON_DISK.containsKey(name) || IN_MEMORY.contains(name);
    }

    public static boolean isInMemory(String name) {
        return IN_MEMORY.contains(name);
    }

    public static boolean isText(String name) {
        return TEXT.equals(name);
    }

    /** Generated corpora that their own code reads (text, glyph images), so they need no {@code format} loader. */
    public static boolean hasOwnReader(String name) {
        return TEXT.equals(name) || "glyphs".equals(name);
    }

    public static List<String> names() {
        List<String> n = new ArrayList<>(ON_DISK.keySet());
        n.addAll(IN_MEMORY.stream().sorted().toList());
        return n;
    }

    public static CorpusGenerator get(String name) {
        CorpusGenerator g = ON_DISK.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no on-disk generator '" + name + "'; known: " + names());
        }
        return g;
    }
}
