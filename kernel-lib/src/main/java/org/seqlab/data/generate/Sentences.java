package org.seqlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Sentences of a real text that a synthesiser can read aloud and a transcript can hold: lower-case
 * words of letters and inner apostrophes, nothing else. Sentences with digits, code, markup or
 * symbols are dropped rather than respelt, because a respelling ("one hundred" or "a hundred"?) is
 * a guess the transcript would then have to share with the recogniser. Paragraphs that open a code
 * block, a directive, a table or a list (reStructuredText and plain-text conventions), or follow a
 * paragraph ending in "::" (a literal block), are skipped whole.
 */
final class Sentences {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern SPEAKABLE = Pattern.compile("[a-z' ,;:\\-]+");
    private static final List<String> NOT_PROSE = List.of("..", ">>>", "$", "|", "+", "=", "-", "*", "#", "::");

    private Sentences() {
    }

    /**
     * The distinct sentences of {@code text} with {@code minWords} to {@code maxWords} words, sorted,
     * each as lower-case words joined by single spaces (commas, colons and hyphens become word
     * breaks).
     */
    static List<String> of(String text, int minWords, int maxWords) {
        TreeSet<String> out = new TreeSet<>();
        boolean literal = false;
        for (String paragraph : text.replace("\r\n", "\n").split("\n[ \t]*\n")) {
            String start = paragraph.strip();
            boolean skip = literal || start.isEmpty() || NOT_PROSE.stream().anyMatch(start::startsWith);
            literal = start.endsWith("::");
            if (skip) {
                continue;
            }
            for (String s : SENTENCE_END.split(String.join(" ", start.split("\\s+")))) {
                String body = s.toLowerCase(Locale.ROOT).replaceAll("[.!?]+$", "");
                if (!SPEAKABLE.matcher(body).matches()) {
                    continue;
                }
                List<String> words = new ArrayList<>();
                for (String w : body.split("[ ,;:\\-]+")) {
                    String word = w.replaceAll("^'+|'+$", "");
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
                if (words.size() >= minWords && words.size() <= maxWords) {
                    out.add(String.join(" ", words));
                }
            }
        }
        return List.copyOf(out);
    }
}
