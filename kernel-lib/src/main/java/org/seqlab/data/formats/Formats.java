package org.seqlab.data.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loaders by the names datasets.yaml uses in {@code format:}. */
public final class Formats {
    private static final Map<String, CorpusFormat> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("dcase", new DcaseFormat());
        FORMATS.put("tut-sed", new TutSedFormat());
        FORMATS.put("librispeech", new LibriSpeechFormat());
        FORMATS.put("speech-commands", new SpeechCommandsFormat());
        FORMATS.put("fsdd", new FreeSpokenDigitFormat());
        FORMATS.put("voxlingua", new VoxLinguaFormat());
        FORMATS.put("esc50", new Esc50Format());
    }

    private Formats() {
    }

    public static boolean exists(String name) {
        return FORMATS.containsKey(name);
    }

    public static List<String> names() {
        return new ArrayList<>(FORMATS.keySet());
    }

    public static CorpusFormat get(String name) {
        CorpusFormat f = FORMATS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown corpus format '" + name + "'; known: " + names());
        }
        return f;
    }
}
