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
    /** Lists are read once per JVM: the large ones take about a second. */
    private static final Map<String, List<String>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

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
        String key = code + "/" + lowercaseAscii;
        List<String> cached = CACHE.get(key);
        if (cached == null) {
            cached = List.copyOf(load(code, lowercaseAscii));
            CACHE.put(key, cached);
        }
        return cached;
    }

    private static List<String> load(String code, boolean lowercaseAscii) throws IOException {
        Language l = language(code);
        String text = decode(read(l));
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String w = text.substring(start, end).strip();
            start = end + 1;
            if (w.length() >= 3 && w.length() <= 12 && plain(w, lowercaseAscii)) {
                out.add(w);
            }
        }
        out.sort(null);
        List<String> unique = new ArrayList<>(out.size());
        for (String w : out) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(w)) {
                unique.add(w);
            }
        }
        return unique;
    }

    /** Letters only; [a-z] only for clean English transcripts; otherwise no all-capital acronyms. */
    private static boolean plain(String w, boolean lowercaseAscii) {
        boolean hasLower = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (lowercaseAscii ? c < 'a' || c > 'z' : !Character.isLetter(c)) {
                return false;
            }
            hasLower |= Character.isLowerCase(c);
        }
        return hasLower;
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
