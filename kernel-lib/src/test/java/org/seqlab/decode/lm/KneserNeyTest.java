package org.seqlab.decode.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modified Kneser-Ney against hand computation, an independent Python implementation, and normalisation. */
class KneserNeyTest {
    static List<String> resourceLines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (var in = KneserNeyTest.class.getResourceAsStream(name);
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        return out;
    }

    private static int[] ids(NgramLm lm, String... tokens) {
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = lm.id(tokens[i]);
        }
        return out;
    }

    @Test
    void bigramModelMatchesHandComputation() {
        // sentences "a b" and "a a": <s> a b </s>, <s> a a </s>
        NgramLm lm = KneserNey.train(List.of(List.of("a", "b"), List.of("a", "a")), 2);
        // bigram raw counts: (<s> a) 2, (a b) 1, (b </s>) 1, (a a) 1, (a </s>) 1 -> n1 = 4, n2 = 1
        // Y = 4 / (4 + 2) = 2/3, D1 = 1 - 2 Y n2/n1 = 1 - 2 (2/3)(1/4) = 2/3,
        // D2 = 2 - 3 Y n3/n2 = 2 (n3 = 0), D3+ undefined (n3 = 0) -> 3/2
        // unigram adjusted counts (left extensions): a {<s>, a} = 2, b {a} = 1, </s> {b, a} = 2
        // -> n1 = 1, n2 = 2: Y = 1/5, D1 = 1 - 2 (1/5)(2/1) = 0.2, D2 = 2 - 3 (1/5)(0/2) = 2, D3 = 3/2
        // unigram total 5, gamma = (0.2 * 1 + 2 * 2) / 5 = 0.84, predictable {</s>, <unk>, a, b}: uniform 1/4
        double pa = (2 - 2) / 5.0 + 0.84 / 4;
        double pb = (1 - 0.2) / 5.0 + 0.84 / 4;
        double peos = (2 - 2) / 5.0 + 0.84 / 4;
        double punk = 0.84 / 4;
        assertEquals(1.0, pa + pb + peos + punk, 1e-12, "hand computation itself");
        int[] none = {};
        assertEquals(Math.log10(pa), lm.log10Prob(none, lm.id("a")), 1e-12);
        assertEquals(Math.log10(pb), lm.log10Prob(none, lm.id("b")), 1e-12);
        assertEquals(Math.log10(punk), lm.log10Prob(none, lm.id("zzz")), 1e-12, "unknown tokens score as <unk>");
        // context a: followers b 1, a 1, </s> 1 -> total 3, gamma = 3 D1 / 3 = 2/3
        double gammaA = 3 * (2.0 / 3) / 3;
        assertEquals(Math.log10((1 - 2.0 / 3) / 3 + gammaA * pb), lm.log10Prob(ids(lm, "a"), lm.id("b")), 1e-12);
        assertEquals(Math.log10(gammaA * punk), lm.log10Prob(ids(lm, "a"), lm.id("<unk>")), 1e-12);
        // context <s>: only a, twice -> D2 = 2 takes all of it: p(a|<s>) = 0 + 1 * pa; gamma = 2 * 1 / 2 = 1
        assertEquals(Math.log10(pa), lm.log10Prob(ids(lm, "<s>"), lm.id("a")), 1e-12);
        assertEquals(Math.log10(pb), lm.log10Prob(ids(lm, "<s>"), lm.id("b")), 1e-12);
    }

    @Test
    void everyContextsDistributionSumsToOne() throws IOException {
        List<String> lines = resourceLines("kn_corpus.txt");
        for (int order = 1; order <= KneserNey.MAX_ORDER; order++) {
            CharLm lm = CharLm.train(lines, order);
            List<String> predictable = lm.model().predictable();
            for (String ctx : new String[] {"", "a", "ab", "abra", "cab a", "zq", "abracadabr", "d d d", " x"}) {
                double sum = 0;
                for (String w : predictable) {
                    sum += Math.pow(10, lm.model().log10Prob(contextIds(lm, ctx), lm.model().id(w)));
                }
                assertEquals(1.0, sum, 1e-12, "order " + order + " context '" + ctx + "'");
            }
        }
    }

    private static int[] contextIds(CharLm lm, String ctx) {
        int[] cps = ctx.codePoints().toArray();
        int[] out = new int[cps.length + 1];
        out[0] = lm.model().bos();
        for (int i = 0; i < cps.length; i++) {
            out[i + 1] = lm.id(cps[i]);
        }
        return out;
    }

    @Test
    void agreesWithAnIndependentPythonImplementation() throws IOException {
        List<String> chars = resourceLines("kn_corpus.txt");
        CharLm c2 = CharLm.train(chars, 2);
        CharLm c3 = CharLm.train(chars, 3);
        NgramLm w3 = KneserNey.trainWords(resourceLines("kn_words.txt"), 3);
        int compared = 0;
        for (String line : resourceLines("kn_reference.txt")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            NgramLm lm = f[0].equals("words") ? w3 : f[1].equals("2") ? c2.model() : c3.model();
            String[] ctx = f[2].isEmpty() ? new String[0] : f[2].split(" ");
            double got = lm.log10Prob(ids(lm, ctx), lm.id(f[3]));
            assertEquals(Double.parseDouble(f[4]), got, 1e-12, line);
            compared++;
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    @Test
    void packedAndStringKeyedLookupsAgree() throws IOException {
        CharLm lm = CharLm.train(resourceLines("kn_corpus.txt"), 6);
        NgramLm plain = lm.model().withoutPacking();
        List<String> words = lm.model().vocabulary();
        for (String ctx : new String[] {"", "abrac", "cab a bad", "xyz", "dab d"}) {
            int[] ids = contextIds(lm, ctx);
            for (String w : words) {
                assertEquals(plain.log10Prob(ids, plain.id(w)), lm.model().log10Prob(ids, lm.model().id(w)), 0.0, ctx + " " + w);
            }
        }
        int[] unknown = {lm.model().bos(), -1, lm.id('a')};
        assertEquals(plain.log10Prob(unknown, lm.id('b')), lm.model().log10Prob(unknown, lm.id('b')), 0.0);
    }

    @Test
    void charModelScoresAContextByItsLastCharacters() throws IOException {
        CharLm lm = CharLm.train(resourceLines("kn_corpus.txt"), 3);
        assertEquals(lm.score("ab", 'r'), lm.score("cadab", 'r'), 0.0, "order 3 sees two characters of context");
        assertTrue(lm.score("ab", 'r') > lm.score("ab", 'd'), "abr is in the corpus, abd is not");
        assertTrue(lm.score("cab", ' ') > lm.score("cab", 'c'));
        double manual = 0;
        String s = "a cab";
        for (int i = 0; i < s.length(); i++) {
            manual += lm.score(s.substring(0, i), s.charAt(i));
        }
        manual += lm.scoreEnd(s);
        assertEquals(manual, lm.sentenceLog10Prob("  a   cab "), 1e-12);
    }

    @Test
    void rejectsOrdersAndTokensItCannotTrain() {
        assertThrows(IllegalArgumentException.class, () -> KneserNey.train(List.of(List.of("a")), 7));
        assertThrows(IllegalArgumentException.class, () -> KneserNey.train(List.of(List.of("a", "</s>")), 2));
        assertThrows(IllegalArgumentException.class, () -> KneserNey.train(List.of(List.of("a b")), 2));
    }
}
