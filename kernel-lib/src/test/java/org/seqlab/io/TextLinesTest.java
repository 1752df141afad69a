package org.seqlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesTest {
    @TempDir
    Path dir;

    private List<String> lines(byte[] bytes) throws IOException {
        Path p = dir.resolve("t.txt");
        Files.write(p, bytes);
        return TextLines.read(p);
    }

    @Test
    void linesAsWritten() throws IOException {
        assertEquals(List.of(), lines(new byte[0]));
        assertEquals(List.of(""), lines("\n".getBytes()));
        assertEquals(List.of("a", "", "b"), lines("a\n\nb".getBytes()), "a last line without a line break counts");
        assertEquals(List.of("a", "b\rc"), lines("a\r\nb\rc\n".getBytes()), "only a CR before LF is dropped");
        assertEquals(List.of("\u00e9"), lines(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xC3, (byte) 0xA9}));
    }

    @Test
    void malformedUtf8NamesLineAndByte() {
        // line 3: an overlong encoding of '/', which a lenient decoder would accept
        InputFileException e = assertThrows(InputFileException.class,
                () -> lines(new byte[] {'a', '\n', 'b', '\n', 'x', (byte) 0xC0, (byte) 0xAF, '\n'}));
        assertEquals(3, e.line());
        assertEquals(dir.resolve("t.txt") + ":3: not UTF-8: byte 0xC0 at byte 2 of the line", e.getMessage());
    }
}
