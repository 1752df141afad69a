package org.seqlab.metrics.asr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.io.AtomicFile;
import org.seqlab.io.InputFileException;
import org.seqlab.io.TextLines;

/**
 * A Kaldi-style transcript ({@code text} file): one utterance a line, {@code UTT-ID word word ...},
 * UTF-8. The id is everything before the first space or tab; a line holding only the id is an
 * empty transcript. Words are separated by runs of spaces and tabs, as Kaldi splits them (and as
 * jiwer's default transforms collapse and strip spaces); a carriage return ending a line (CRLF
 * files) and a byte-order mark starting the file are dropped. Nothing else is normalised: case,
 * punctuation and Unicode composition are scored as written, as jiwer does by default.
 *
 * <p>Strict on purpose, since a silently skipped line changes a WER: a line that is empty or
 * starts with a space or tab has no id, ids must be unique, and bytes that are not UTF-8 are
 * reported with their line rather than replaced.
 */
public record Transcript(String source, List<Utterance> utterances) {
    /** Checks that ids are unique; {@code source} names the transcript in error messages. */
    public Transcript {
        utterances = List.copyOf(utterances);
        Map<String, Utterance> seen = new LinkedHashMap<>();
        for (Utterance u : utterances) {
            Utterance first = seen.putIfAbsent(u.id(), u);
            if (first != null) {
                throw new InputFileException(source, u.line(), "duplicate utterance id '" + u.id() + "'"
                        + (first.line() > 0 ? " (first on line " + first.line() + ")" : ""));
            }
        }
    }

    /** Utterances by id, in the transcript's order. */
    public Map<String, Utterance> byId() {
        Map<String, Utterance> m = new LinkedHashMap<>();
        utterances.forEach(u -> m.put(u.id(), u));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Reads a transcript file. Throws {@link InputFileException} naming the line for a line
     * without an id, a duplicate id or bytes that are not UTF-8.
     */
    public static Transcript read(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        List<Utterance> utterances = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            utterances.add(parse(lines.get(i), file.toString(), i + 1));
        }
        return new Transcript(file.toString(), utterances);
    }

    /** Writes the transcript in the format {@link #read} reads, replacing the file atomically. */
    public void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Utterance u : utterances) {
            b.append(u.id());
            for (String w : u.words()) {
                b.append(' ').append(w);
            }
            b.append('\n');
        }
        AtomicFile.writeString(file, AtomicFile.Durability.SYNCED, b);
    }

    static Utterance parse(String line, String source, int lineNo) {
        if (line.isEmpty() || isSeparator(line.charAt(0))) {
            throw new InputFileException(source, lineNo, "no utterance id (the line is "
                    + (line.isBlank() ? "empty" : "indented") + "; expected 'UTT-ID word word ...')");
        }
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && isSeparator(line.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < line.length() && !isSeparator(line.charAt(j))) {
                j++;
            }
            if (j > i) {
                tokens.add(line.substring(i, j));
            }
            i = j;
        }
        for (String t : tokens) {
            if (t.indexOf('\r') >= 0) {
                throw new InputFileException(source, lineNo, "carriage return inside the line");
            }
        }
        return new Utterance(tokens.get(0), tokens.subList(1, tokens.size()), lineNo);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether a token would not survive a write and read: it holds a separator or a line break. */
    static boolean hasSeparator(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (isSeparator(c) || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
