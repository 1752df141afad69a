package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.seqlab.data.Checksums;

/**
 * Vocabularies from the Debian word-list packages (wamerican, wfrench, wngerman, wspanish,
 * witalian, wportuguese, wdutch, wswedish) and the espeak-ng voice that reads each language.
 * Lists are filtered to plain words (letters only, 3-12 long, no acronyms) and sorted, so a
 * seed picks the same words wherever the same package version is installed.
 */
public final class WordLists {
    /** Language code -> word list file under /usr/share/dict, Debian package, espeak-ng voice. */
    public record Language(String code, String file, String debianPackage, String voice) {
    }

    public static final Map<String, Language> LANGUAGES = Map.of(
            "en", new Language("en", "american-english", "wamerican", "en-us"),
            "fr", new Language("fr", "french", "wfrench", "fr-fr"),
            "de", new Language("de", "ngerman", "wngerman", "de"),
            "es", new Language("es", "spanish", "wspanish", "es"),
            "it", new Language("it", "italian", "witalian", "it"),
            "pt", new Language("pt", "portuguese", "wportuguese", "pt"),
            "nl", new Language("nl", "dutch", "wdutch", "nl"),
            "sv", new Language("sv", "swedish", "wswedish", "sv"));

    private static final Path DICT = Path.of("/usr/share/dict");

    private WordLists() {
    }

    public static Language language(String code) {
        Language l = LANGUAGES.get(code);
        if (l == null) {
            throw new IllegalArgumentException("no word list for language '" + code + "'; known: " + new TreeSet<>(LANGUAGES.keySet()));
        }
        return l;
    }

    /** Filtered, sorted words; {@code lowercaseAscii} keeps only [a-z] words (clean English transcripts). */
    public static List<String> words(String code, boolean lowercaseAscii) throws IOException {
        Language l = language(code);
        String text = decode(read(l));
        TreeSet<String> out = new TreeSet<>();
        for (String w : text.split("\\R")) {
            w = w.strip();
            if (w.length() < 3 || w.length() > 12 || !w.chars().allMatch(Character::isLetter)) {
                continue;
            }
            if (lowercaseAscii ? !w.matches("[a-z]+") : w.equals(w.toUpperCase(Locale.ROOT))) {
                continue;
            }
            out.add(w);
        }
        return new ArrayList<>(out);
    }

    /** SHA-256 of the word list file, part of a corpus's recipe. */
    public static String fingerprint(String code) throws IOException {
        Language l = language(code);
        return l.debianPackage() + ":" + Checksums.sha256(DICT.resolve(l.file()).toRealPath());
    }

    private static byte[] read(Language l) throws IOException {
        try {
            return Files.readAllBytes(DICT.resolve(l.file()));
        } catch (NoSuchFileException e) {
            throw new IOException("word list " + DICT.resolve(l.file()) + " is missing; install the Debian package: sudo apt-get install "
                    + l.debianPackage(), e);
        }
    }

    /** Most lists are UTF-8; wswedish is ISO-8859-1. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
