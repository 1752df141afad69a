package org.seqlab.metrics.asr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqlab.io.InputFileException;

/**
 * Corpus word and character error rates of a hypothesis transcript against a reference, as jiwer
 * 4.0's {@code process_words} and {@code process_characters} compute them with their default
 * transforms: edit counts summed over utterances, then one ratio (not a mean of per-utterance
 * rates).
 *
 * <ul>
 *   <li>Words are the whitespace-separated tokens of each line.</li>
 *   <li>{@code characters}: the code points of the words joined by single spaces, so a missing or
 *       extra space between words is an error (jiwer's CER).</li>
 *   <li>{@code charactersNoSpace}: the code points of the words concatenated, for scripts written
 *       without spaces and for comparing with toolkits that drop them.</li>
 *   <li>Utterances are matched by id. A reference utterance without a hypothesis line is scored
 *       as an empty hypothesis (all deletions) and listed in {@link #missing()}; a hypothesis id
 *       that the reference lacks is an error, since it cannot be scored.</li>
 *   <li>With no reference token in the whole corpus the rate is the number of insertions
 *       ({@link EditCounts#errorRate()}).</li>
 * </ul>
 */
public record AsrScore(EditCounts words, EditCounts characters, EditCounts charactersNoSpace, int utterances,
        List<String> missing) {
    public AsrScore {
        missing = List.copyOf(missing);
    }

    public double wer() {
        return words.errorRate();
    }

    /** Character error rate with the spaces between words counted (jiwer's CER). */
    public double cer() {
        return characters.errorRate();
    }

    /** Character error rate over the words' characters only, spaces left out. */
    public double cerNoSpace() {
        return charactersNoSpace.errorRate();
    }

    /**
     * Scores every reference utterance. Throws {@link InputFileException} naming the
     * hypothesis line whose id the reference does not have.
     */
    public static AsrScore of(Transcript reference, Transcript hypothesis) {
        Map<String, Utterance> ref = reference.byId();
        for (Utterance h : hypothesis.utterances()) {
            if (!ref.containsKey(h.id())) {
                throw new InputFileException(hypothesis.source(), h.line(),
                        "utterance id '" + h.id() + "' is not in the reference " + reference.source());
            }
        }
        Map<String, Utterance> hyp = hypothesis.byId();
        EditCounts words = EditCounts.ZERO;
        EditCounts chars = EditCounts.ZERO;
        EditCounts charsNoSpace = EditCounts.ZERO;
        List<String> missing = new ArrayList<>();
        for (Utterance r : reference.utterances()) {
            Utterance h = hyp.get(r.id());
            List<String> hw = h == null ? List.of() : h.words();
            if (h == null) {
                missing.add(r.id());
            }
            words = words.plus(Alignment.words(r.words(), hw));
            chars = chars.plus(Alignment.characters(r.text(), String.join(" ", hw)));
            charsNoSpace = charsNoSpace.plus(Alignment.characters(String.join("", r.words()), String.join("", hw)));
        }
        return new AsrScore(words, chars, charsNoSpace, ref.size(), missing);
    }
}
