package org.seqlab.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a UTF-8 text file as lines, strictly: bytes that are not UTF-8 are an
 * {@link InputFileException} naming the line and the byte, never replaced by U+FFFD (which
 * would, for example, silently change a transcript's words). Lines end at {@code \n}; a
 * {@code \r} before it (CRLF files) and a byte-order mark starting the file are dropped; a final
 * line break does not start another line.
 */
public final class TextLines {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextLines() {}

    public static List<String> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = bytes.length >= 3 && Arrays.equals(bytes, 0, 3, BOM, 0, 3) ? 3 : 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            lines.add(decode(utf8, bytes, start, stop, file.toString(), lines.size() + 1));
            start = end + 1;
        }
        return lines;
    }

    private static String decode(CharsetDecoder utf8, byte[] bytes, int start, int end, String source, int line)
            throws CharacterCodingException {
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        utf8.reset();
        CoderResult r = utf8.decode(in, out, true);
        if (!r.isError()) {
            r = utf8.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new InputFileException(source, line, String.format(
                    "not UTF-8: byte 0x%02X at byte %d of the line", bytes[at] & 0xFF, at - start + 1));
        }
        return out.flip().toString();
    }
}
