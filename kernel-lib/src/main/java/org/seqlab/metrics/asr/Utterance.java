package org.seqlab.metrics.asr;

import java.util.List;

/**
 * One line of a Kaldi-style transcript: the utterance id and its words. {@code line} is where it
 * was read (1-based), so that later problems (an id the reference lacks) can name it; 0 for an
 * utterance built in memory.
 */
public record Utterance(String id, List<String> words, int line) {
    public Utterance {
        if (id == null || id.isEmpty() || Transcript.hasSeparator(id)) {
            throw new IllegalArgumentException("an utterance id is one non-empty token without spaces, tabs or line breaks, got '" + id + "'");
        }
        words = List.copyOf(words);
        for (String w : words) {
            if (w.isEmpty() || Transcript.hasSeparator(w)) {
                throw new IllegalArgumentException("utterance " + id + ": a word is one non-empty token without spaces, tabs or line breaks, got '" + w + "'");
            }
        }
    }

    /** An utterance made in memory (a decoder's output), not read from a file. */
    public static Utterance of(String id, List<String> words) {
        return new Utterance(id, words, 0);
    }

    /** The words joined by single spaces: the text whose characters CER counts. */
    public String text() {
        return String.join(" ", words);
    }

    /**
     * A decoder's token ids as an utterance: each id's class name ({@code <space>}, as character
     * LMs name it, is a space; ids outside {@code classes} and the blank 0 write nothing), the
     * text split into words at spaces. How a transcription run writes its Kaldi hypotheses.
     */
    public static Utterance ofTokens(String id, int[] tokens, java.util.List<String> classes) {
        StringBuilder b = new StringBuilder();
        for (int t : tokens) {
            String c = t > 0 && t < classes.size() ? classes.get(t) : "";
            b.append(c.equals("<space>") ? " " : c);
        }
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : b.toString().split("[ \t]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return of(id, words);
    }
}
