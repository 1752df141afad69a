package org.seqlab.metrics.asr;

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

class TranscriptTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsKaldiLines() throws IOException {
        // BOM, CRLF, tabs and runs of spaces, an id-only line (empty transcript), a line with trailing spaces
        Path p = file("text", "\uFEFFu1 hello  world\r\nu2\nu3\tbonjour \t le monde\nu4   \n");
        Transcript t = Transcript.read(p);
        assertEquals(List.of(new Utterance("u1", List.of("hello", "world"), 1), new Utterance("u2", List.of(), 2),
                new Utterance("u3", List.of("bonjour", "le", "monde"), 3), new Utterance("u4", List.of(), 4)), t.utterances());
        assertEquals(p.toString(), t.source());
        assertEquals("hello world", t.byId().get("u1").text());
    }

    @Test
    void writeThenReadGivesTheSameTranscript() throws IOException {
        Transcript t = new Transcript("mem", List.of(Utterance.of("a-1", List.of("\u00e9t\u00e9", "\uD83D\uDE00")), Utterance.of("b", List.of())));
        Path p = dir.resolve("out.txt");
        t.write(p);
        assertEquals("a-1 \u00e9t\u00e9 \uD83D\uDE00\nb\n", Files.readString(p));
        assertEquals(List.of("a-1", "b"), Transcript.read(p).utterances().stream().map(Utterance::id).toList());
        assertEquals(t.utterances().get(0).words(), Transcript.read(p).utterances().get(0).words());
    }

    @Test
    void lineWithoutIdNamesTheLine() throws IOException {
        Path empty = file("a.txt", "u1 a\n\nu2 b\n");
        InputFileException e = assertThrows(InputFileException.class, () -> Transcript.read(empty));
        assertEquals(empty + ":2: no utterance id (the line is empty; expected 'UTT-ID word word ...')", e.getMessage());
        Path indented = file("b.txt", "u1 a\nu2 b\n  hello world\n");
        e = assertThrows(InputFileException.class, () -> Transcript.read(indented));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("indented"), e.getMessage());
    }

    @Test
    void duplicateIdNamesBothLines() throws IOException {
        Path p = file("dup.txt", "u1 a\nu2 b\nu1 c\n");
        InputFileException e = assertThrows(InputFileException.class, () -> Transcript.read(p));
        assertEquals(p + ":3: duplicate utterance id 'u1' (first on line 1)", e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8NameLineAndByte() throws IOException {
        // line 2 is Latin-1 "café": 0xE9 followed by a newline is not UTF-8
        byte[] bytes = "u1 ok\nu2 caf\u00e9\nu3 fine\n".getBytes(StandardCharsets.ISO_8859_1);
        Path p = file("latin1.txt", bytes);
        InputFileException e = assertThrows(InputFileException.class, () -> Transcript.read(p));
        assertEquals(p + ":2: not UTF-8: byte 0xE9 at byte 7 of the line", e.getMessage());
        // a truncated multi-byte sequence at the very end of the file
        Path cut = file("cut.txt", new byte[] {'u', '1', ' ', (byte) 0xC3});
        assertEquals(1, assertThrows(InputFileException.class, () -> Transcript.read(cut)).line());
    }

    @Test
    void utterancesInMemoryAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Utterance.of("a b", List.of()));
        assertThrows(IllegalArgumentException.class, () -> Utterance.of("a", List.of("x y")));
        assertThrows(IllegalArgumentException.class, () -> Utterance.of("a", List.of("")));
        InputFileException e = assertThrows(InputFileException.class,
                () -> new Transcript("decoder", List.of(Utterance.of("a", List.of()), Utterance.of("a", List.of()))));
        assertEquals("decoder: duplicate utterance id 'a'", e.getMessage());
    }
}
