package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Signals;
import org.seqlab.data.Corpus;
import org.seqlab.data.Example;
import org.seqlab.data.Manifest;
import org.seqlab.data.Split;

class SpeechGeneratorTest {
    @TempDir
    Path data;

    static final String WORDS = "{train: 4, validation: 2, test: 3, vocabulary: 20, train_voices: [en-us+m1, en-us+f2],"
            + " validation_voices: [en-us+m3], test_voices: [en-gb+f4, en-us+m5], noise_probability: 0.5}";

    @BeforeEach
    void needEspeak() {
        assumeTrue(GeneratorTestSupport.haveEspeak(), "espeak-ng not installed");
    }

    @Test
    void wordsInLibriSpeechLayoutWithDisjointSpeakers() throws Exception {
        Corpus c = GeneratorTestSupport.registry("librispeech", "speech-words", 4, WORDS, data).corpus("c");
        Split train = c.split("train");
        Split test = c.split("test");
        assertEquals(4, train.size());
        assertEquals(2, c.split("validation").size());
        assertEquals(3, test.size());
        Set<String> trainSpeakers = new HashSet<>();
        train.examples().forEach(e -> trainSpeakers.add(e.speaker()));
        for (Example e : test.examples()) {
            assertFalse(trainSpeakers.contains(e.speaker()), "speaker " + e.speaker() + " in train and test");
        }
        for (Example e : train.examples()) {
            assertTrue(e.transcript().matches("[A-Z]+"), e.transcript());
            String id = e.id();
            String[] parts = id.split("-");
            Path expected = c.dir().resolve("train").resolve(parts[0]).resolve(parts[1]).resolve(id + ".wav");
            assertEquals(expected, e.audio());
            Audio a = Audio.read(e.audio());
            assertEquals(16000, a.sampleRate());
            assertTrue(a.seconds() > 0.3 && a.seconds() < 3, id + " lasts " + a.seconds());
            assertTrue(Signals.rms(a.mono()) > 0.01, id + " is nearly silent");
        }
        assertTrue(Files.readString(c.dir().resolve("SPEAKERS.TXT")).contains("en-gb+f4"));
    }

    @Test
    void sentencesHaveSeveralWordsAndAreDeterministic() throws Exception {
        String p = "{train: 2, validation: 1, test: 1, vocabulary: 50, words_per_utterance: [3, 5], train_voices: [en-us+m1],"
                + " validation_voices: [en-us+m3], test_voices: [en-us+f2]}";
        Corpus a = GeneratorTestSupport.registry("librispeech", "speech-sentences", 9, p, data.resolve("a")).corpus("c");
        Corpus b = GeneratorTestSupport.registry("librispeech", "speech-sentences", 9, p, data.resolve("b")).corpus("c");
        for (Example e : a.split("train").examples()) {
            int words = e.transcript().split(" ").length;
            assertTrue(words >= 3 && words <= 5, e.transcript());
        }
        b.prepare();
        assertEquals(Manifest.read(a.dir()).digest(), Manifest.read(b.dir()).digest(), "same seed, same files");
    }

    @Test
    void sentencesOfARealTextAreDealtTestFirstAndTheRestIsLanguageModelText() throws Exception {
        Path text = data.resolve("text.txt");
        StringBuilder b = new StringBuilder();
        for (String w : List.of("red", "green", "blue", "white", "black", "brown", "pink", "grey")) {
            b.append("The ").append(w).append(" house stands here. ");
        }
        Files.writeString(text, b + "Code like x = 1 is dropped.\n");
        String p = "{train: 3, validation: 1, test: 2, words_per_utterance: [4, 6], train_voices: [en-us+m1],"
                + " validation_voices: [en-us+m3], test_voices: [en-us+f2], noise_probability: 0, text_files: [" + text + "]}";
        Corpus c = GeneratorTestSupport.registry("librispeech", "speech-sentences", 5, p, data.resolve("c")).corpus("c");
        Set<String> heldOut = new HashSet<>();
        Set<String> train = new HashSet<>();
        for (String split : List.of("validation", "test", "train")) {
            for (Example e : c.split(split).examples()) {
                assertTrue(e.transcript().matches("THE [A-Z]+ HOUSE STANDS HERE"), e.transcript());
                assertTrue((split.equals("train") ? train : heldOut).add(e.transcript()), "each sentence once: " + e.transcript());
            }
        }
        assertEquals(3, heldOut.size());
        assertEquals(3, train.size());
        List<String> lm = Files.readAllLines(c.dir().resolve(SpeechGenerator.LM_TEXT));
        assertEquals(5, lm.size(), "the eight sentences less the three held out");
        assertTrue(lm.containsAll(train));
        assertTrue(lm.stream().noneMatch(heldOut::contains), "no validation or test sentence in the LM text");
        String tooMany = p.replace("train: 3", "train: 6");
        Corpus d = GeneratorTestSupport.registry("librispeech", "speech-sentences", 5, tooMany, data.resolve("d")).corpus("c");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, d::prepare);
        assertTrue(e.getMessage().contains("give 8 usable sentences of 4-6 words, fewer than the 9 utterances"), e.getMessage());
    }

    @Test
    void voiceInTwoSplitsIsRejected() {
        String p = "{train_voices: [en-us+m1], validation_voices: [en-us+m2], test_voices: [en-us+m1]}";
        Corpus c = GeneratorTestSupport.registry("librispeech", "speech-words", 1, p, data).corpus("c");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, c::prepare);
        assertTrue(e.getMessage().contains("en-us+m1"), e.getMessage());
    }

    @Test
    void lidHasLanguagesDurationConditionsNonSpeechAtKnownPlacesAndUnseenVoices() throws Exception {
        String p = "{languages: [fr, de, sv], train_per_language: 2, validation_per_language: 1, test_per_language: 1,"
                + " train_variants: [m1, f1], validation_variants: [m2], test_variants: [m4], seconds: [2.5, 4],"
                + " test_seconds: [3, 6], nonspeech_fraction: 0.5, nonspeech_seconds: [0.5, 1.0]}";
        Corpus c = GeneratorTestSupport.registry("voxlingua", "lid", 3, p, data).corpus("c");
        Split train = c.split("train");
        Split validation = c.split("validation");
        Split test = c.split("test");
        assertEquals(6, train.size());
        assertEquals(3, validation.size());
        assertEquals(6, test.size(), "one per language and duration condition");
        assertEquals(List.of("de", "fr", "sv"), train.labelSet());
        for (Split s : List.of(train, validation, test)) {
            String voice = s == test ? "_m4" : s == validation ? "_m2" : null;
            for (Example e : s.examples()) {
                assertTrue(voice == null ? e.speaker().endsWith("_m1") || e.speaker().endsWith("_f1") : e.speaker().endsWith(voice),
                        e.speaker());
            }
        }
        List<String> table = Files.readAllLines(c.dir().resolve("utterances.tsv"));
        assertEquals(16, table.size());
        assertEquals("path\tlanguage\tvoice\tseconds\tcondition\tnonspeech\ttext", table.get(0));
        int withPauses = 0;
        java.util.Set<String> conditions = new java.util.TreeSet<>();
        for (String line : table.subList(1, table.size())) {
            String[] f = line.split("\t");
            float[] x = Audio.read(c.dir().resolve(f[0])).mono();
            double sec = x.length / 16000.0;
            double target = f[4].equals("-") ? 4.0 : Double.parseDouble(f[4].replace("s", ""));
            conditions.add(f[4]);
            assertTrue(sec <= target + 0.01 && sec >= (f[4].equals("-") ? 2.0 : target - 0.6), f[0] + " lasts " + sec);
            assertTrue(f[4].equals("-") || f[0].contains("__" + f[4] + "-"), "condition in the file name: " + f[0]);
            List<LidGenerator.Stretch> stretches = LidGenerator.Stretch.parseAll(f[5]);
            withPauses += stretches.isEmpty() ? 0 : 1;
            double speechRms = org.seqlab.audio.Signals.activeRms(x, 160, 20);
            for (LidGenerator.Stretch st : stretches) {
                assertTrue(st.start() >= 0 && st.end() <= sec + 1e-6 && st.end() - st.start() >= 0.49
                        && st.end() - st.start() <= 1.01, f[0] + " " + st);
                assertTrue(LidGenerator.NONSPEECH_KINDS.contains(st.kind()), st.kind());
                double rms = org.seqlab.audio.Signals.rms(x, (int) (st.start() * 16000) + 200, (int) (st.end() * 16000) - 200);
                if (st.kind().equals("silence")) {
                    assertTrue(rms < 0.01 * speechRms, f[0] + " silence at " + st + " has rms " + rms + " vs speech " + speechRms);
                } else {
                    assertTrue(rms > 0.05 * speechRms, f[0] + " " + st.kind() + " at " + st + " is silent: " + rms);
                }
            }
            assertEquals(LidGenerator.Stretch.parseAll(f[5]).toString(),
                    LidGenerator.Stretch.parseAll(String.join(",", stretches.stream().map(Object::toString).toList())).toString());
        }
        assertEquals(java.util.Set.of("-", "3s", "6s"), conditions);
        assertEquals(6, withPauses, "every second utterance of each split and condition, counted across languages");
    }
}
