package org.seqlab.decode.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * A character n-gram model: an {@link NgramLm} whose tokens are single Unicode code points, the
 * space written as {@link #SPACE} because ARPA separates tokens by whitespace. A model trained
 * elsewhere (KenLM's {@code lmplz} on text written one character per token, spaces as
 * {@code <space>}) is used through {@link #of(NgramLm)} after {@link Arpa#read}.
 *
 * <p>This is the model a CTC prefix beam search fuses per character: scores are log10, the
 * context is the sentence so far (the model sees at most its last {@code order - 1} characters
 * after {@code <s>}).
 */
public final class CharLm {
    /** The token of the space character in the model and in ARPA files. */
    public static final String SPACE = "<space>";

    private final NgramLm model;

    private CharLm(NgramLm model) {
        this.model = model;
    }

    /** A view of a character model, e.g. one read from an ARPA file. */
    public static CharLm of(NgramLm model) {
        return new CharLm(model);
    }

    /**
     * Trains modified Kneser-Ney of the given order (at most {@link KneserNey#MAX_ORDER}) on text
     * lines; each line is a sentence, runs of whitespace count as one space, leading and trailing
     * whitespace is dropped, empty lines are skipped. Case is kept: normalise before if needed.
     */
    public static CharLm train(List<String> lines, int order) {
        List<List<String>> sentences = new ArrayList<>();
        for (String line : lines) {
            String t = normalise(line);
            if (!t.isEmpty()) {
                sentences.add(tokens(t));
            }
        }
        return new CharLm(KneserNey.train(sentences, order));
    }

    /** The line as the model sees it: whitespace runs as one space, no leading or trailing space. */
    public static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    /** One token per code point, the space as {@link #SPACE}. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        text.codePoints().forEach(cp -> out.add(token(cp)));
        return out;
    }

    /** The model token of a code point. */
    public static String token(int codePoint) {
        return codePoint == ' ' ? SPACE : new String(Character.toChars(codePoint));
    }

    public NgramLm model() {
        return model;
    }

    public int order() {
        return model.order();
    }

    /** The token id of a code point ({@code <unk>}'s when the model never saw it). */
    public int id(int codePoint) {
        return model.id(token(codePoint));
    }

    /** log10 p(c | the sentence so far is {@code context}). */
    public double score(String context, int codePoint) {
        return model.log10Prob(contextIds(context), id(codePoint));
    }

    /** log10 p(end of sentence | the sentence so far is {@code context}). */
    public double scoreEnd(String context) {
        return model.log10Prob(contextIds(context), model.eos());
    }

    /** log10 p of a whole line, end of sentence included. */
    public double sentenceLog10Prob(String line) {
        return model.sentenceLog10Prob(tokens(normalise(line)));
    }

    private int[] contextIds(String context) {
        int[] cps = context.codePoints().toArray();
        int keep = Math.min(cps.length, model.order() - 1);
        int[] ids = new int[keep + 1];
        ids[0] = model.bos();
        for (int i = 0; i < keep; i++) {
            ids[i + 1] = id(cps[cps.length - keep + i]);
        }
        // when the sentence is longer than the model's context, <s> falls outside the window anyway
        return ids;
    }
}
