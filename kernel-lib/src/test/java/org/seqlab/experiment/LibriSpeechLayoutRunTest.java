package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.audio.Audio;
import org.seqlab.audio.SampleFormat;
import org.seqlab.audio.Wav;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Split;
import org.seqlab.metrics.asr.Transcript;
import org.seqlab.metrics.asr.Utterance;

/**
 * Issue #15: the lecture 5 CTC model trains on LibriSpeech with nothing but {@code --set}:
 * train-clean-100, dev-clean and test-clean are three corpora of datasets.yaml (one archive
 * each), and {@code speech-transcripts} takes its validation and test splits from the other two.
 * Each is made here in LibriSpeech's own layout with FLAC audio encoded by sox (as
 * {@code FormatsTest} makes it; jflac cannot encode), and marked downloaded as {@code prepare}
 * marks a verified, unpacked archive (the real archives cannot be fetched on the build machines).
 * The overrides are exactly the ones experiments/asr/README.md gives.
 */
class LibriSpeechLayoutRunTest {
    /** The "LibriSpeech" overrides of experiments/asr/README.md, word for word. */
    static final String[] LIBRISPEECH = {"data.corpus.corpus=librispeech-train-clean-100",
        "data.corpus.train-split=train-clean-100",
        "data.corpus.validation-corpus=librispeech-dev-clean", "data.corpus.validation-split=dev-clean",
        "data.corpus.test-corpus=librispeech-test-clean", "data.corpus.test-split=test-clean"};
    /**
     * Tiny sizes so one epoch takes seconds. Batches of 4 over 5 training utterances leave a last
     * batch of one, which has no padding and so no mask (the CTC loss once failed on it).
     */
    static final String[] TINY = {"model.hidden=8", "model.layers=1", "train.epochs=1", "train.batch=4", "decoder.beam=2"};
    static final Path CTC = Path.of("../experiments/asr/ctc.yaml");

    /** utterance id -> transcript, per subset; dev and test use only characters the training transcripts have. */
    static final Map<String, String> TRAIN = Map.of(
            "103-1240-0000", "CHAPTER ONE MISSUS RACHEL LYNDE IS SURPRISED",
            "103-1240-0001", "THAT HAD ITS SOURCE AWAY BACK IN THE WOODS",
            "103-1240-0002", "FOR NOT EVEN A BROOK COULD RUN PAST MISSUS RACHEL'S DOOR",
            "1034-121119-0000", "WE WERE WAITING FOR THE BOAT TO TAKE US ACROSS",
            "1034-121119-0001", "THE QUICK BROWN FOX JUMPED OVER THE LAZY DOG");
    static final Map<String, String> DEV = Map.of(
            "84-121123-0000", "GO DO YOU HEAR",
            "84-121123-0001", "BUT IN LESS THAN FIVE MINUTES THE STAIRCASE GROANED");
    static final Map<String, String> TEST = Map.of(
            "1089-134686-0000", "HE HOPED THERE WOULD BE STEW FOR DINNER",
            "1089-134686-0001", "STUFF IT INTO YOU HIS BELLY COUNSELLED HIM",
            "1089-134686-0002", "AFTER EARLY NIGHTFALL THE YELLOW LAMPS WOULD LIGHT UP");

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void makeCorpora() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox not installed (scripts/debian-packages.txt lists it)");
        data = tmp.resolve("data");
        subset("librispeech-train-clean-100", "train-clean-100", TRAIN);
        subset("librispeech-dev-clean", "dev-clean", DEV);
        subset("librispeech-test-clean", "test-clean", TEST);
    }

    @Test
    void ctcTrainsOnTrainClean100AndIsValidatedOnDevCleanAndTestedOnTestClean() throws Exception {
        List<String> o = new ArrayList<>(List.of(LIBRISPEECH));
        o.addAll(List.of(TINY));
        Experiment e = Experiment.load(CTC, o.toArray(new String[0])).dataRoot(data).root(tmp.resolve("runs")).liveCurves(false);

        Components c = Components.build(e.spec(), Registry.global(), data);
        assertEquals(TRAIN.keySet(), ids(c.data().split("train")));
        assertEquals(DEV.keySet(), ids(c.data().split("validation")));
        assertEquals(TEST.keySet(), ids(c.data().split("test")));
        // the alphabet is ctc.yaml's: blank, space, apostrophe, letters
        assertTrue(c.data().shape().classNames().containsAll(List.of("<blank>", "<space>", "'", "Z")), c.data().shape().toString());

        RunResult r = e.run().first();
        assertEquals(1, r.history().size());
        assertTrue(Double.isFinite(r.history().get(0).trainLoss()), "a finite CTC loss: " + r.history().get(0));
        assertTrue(Double.isFinite(r.history().get(0).validationLoss()), "dev-clean scored: " + r.history().get(0));
        assertEquals("test", r.split());
        for (String m : List.of("cer", "wer")) {
            assertTrue(r.metrics().get(m) >= 0 && Double.isFinite(r.metrics().get(m)), m + " = " + r.metrics().get(m));
        }
        // the final numbers are test-clean's: its utterances, as written in its .trans.txt files
        Map<String, String> refs = new LinkedHashMap<>();
        for (Utterance u : Transcript.read(r.path().resolve("references.txt")).utterances()) {
            refs.put(u.id(), String.join(" ", u.words()));
        }
        assertEquals(TEST, refs);
        assertEquals(TEST.keySet(), ids(Transcript.read(r.path().resolve("hypotheses.txt")).utterances()));
    }

    @Test
    void theAlphabetIsFixedByTheConfigOrElseTakenFromTheTrainingTranscripts() throws Exception {
        List<String> o = new ArrayList<>(List.of(LIBRISPEECH));
        o.addAll(List.of(TINY));
        o.add("data.corpus.alphabet=\"\"");
        Components fromTraining = Components.build(Experiment.load(CTC, o.toArray(new String[0])).spec(), Registry.global(), data);
        // the five training transcripts hold every letter, the apostrophe and the space: 28 characters and the blank
        assertEquals(29, fromTraining.data().shape().classNames().size(), fromTraining.data().shape().toString());

        o.set(o.size() - 1, "data.corpus.alphabet=\"ABCDEFGHIJKLMNOPQRSTUVWXYZ' -\"");
        Components fixed = Components.build(Experiment.load(CTC, o.toArray(new String[0])).spec(), Registry.global(), data);
        assertEquals(List.of("<blank>", "<space>", "'", "-"), fixed.data().shape().classNames().subList(0, 4),
                "blank first, then the alphabet in code-point order");
        assertEquals(30, fixed.data().shape().classNames().size(), "a class for '-', which no transcript has");

        o.set(o.size() - 1, "data.corpus.alphabet=\"ABCDEFGHIJKLMNOPQRSTUVWXYZ \"");
        ConfigException noApostrophe = assertThrows(ConfigException.class, () -> Components.build(
                Experiment.load(CTC, o.toArray(new String[0])).spec(), Registry.global(), data).data().split("train").batch(new int[] {0, 1, 2, 3, 4}));
        assertTrue(noApostrophe.getMessage().contains("'''") && noApostrophe.getMessage().contains("103-1240-0002")
                && noApostrophe.getMessage().contains("data.corpus.alphabet") && !noApostrophe.getMessage().contains("\n"), noApostrophe.getMessage());

        o.set(o.size() - 1, "data.corpus.alphabet=\"ABCA \"");
        ConfigException twice = assertThrows(ConfigException.class, () -> Components.build(
                Experiment.load(CTC, o.toArray(new String[0])).spec(), Registry.global(), data));
        assertTrue(twice.getMessage().contains("data.corpus.alphabet"), twice.getMessage());
    }

    @Test
    void aWrongSplitOrAnUnpreparedCorpusIsOneLineNamingTheKeyOrTheCommand() throws Exception {
        List<String> o = new ArrayList<>(List.of(LIBRISPEECH));
        o.addAll(List.of(TINY));
        o.set(3, "data.corpus.validation-split=validation");
        ConfigException bad = assertThrows(ConfigException.class, () -> Components.build(
                Experiment.load(CTC, o.toArray(new String[0])).spec(), Registry.global(), data));
        assertTrue(bad.getMessage().contains("data.corpus.validation-split") && bad.getMessage().contains("librispeech-dev-clean")
                && bad.getMessage().contains("[dev-clean]") && !bad.getMessage().contains("\n"), bad.getMessage());

        Files.delete(data.resolve("librispeech-test-clean/.seqlab-complete"));
        List<String> ok = new ArrayList<>(List.of(LIBRISPEECH));
        CorpusMissingException missing = assertThrows(CorpusMissingException.class, () -> Components.build(
                Experiment.load(CTC, ok.toArray(new String[0])).spec(), Registry.global(), data));
        assertTrue(missing.getMessage().contains("./seqlab datasets prepare librispeech-test-clean"), missing.getMessage());
    }

    private static java.util.Set<String> ids(Split s) {
        return new java.util.TreeSet<>(IntStream.range(0, s.size()).mapToObj(s::id).toList());
    }

    private static java.util.Set<String> ids(List<Utterance> us) {
        return new java.util.TreeSet<>(us.stream().map(Utterance::id).toList());
    }

    /** {@code <corpus>/LibriSpeech/<subset>/<speaker>/<chapter>/} with FLACs, a .trans.txt per chapter, and the ready marker. */
    private void subset(String corpus, String subset, Map<String, String> utterances) throws Exception {
        Path root = data.resolve(corpus);
        Random rng = new Random(15);
        Map<Path, StringBuilder> trans = new LinkedHashMap<>();
        for (String id : new java.util.TreeSet<>(utterances.keySet())) {
            String[] sc = id.split("-");
            Path chapter = Files.createDirectories(root.resolve("LibriSpeech").resolve(subset).resolve(sc[0]).resolve(sc[1]));
            trans.computeIfAbsent(chapter.resolve(sc[0] + "-" + sc[1] + ".trans.txt"), k -> new StringBuilder())
                    .append(id).append(' ').append(utterances.get(id)).append('\n');
            flac(chapter.resolve(id + ".flac"), utterances.get(id), rng);
        }
        for (Map.Entry<Path, StringBuilder> t : trans.entrySet()) {
            Files.writeString(t.getKey(), t.getValue());
        }
        Files.writeString(root.resolve(".seqlab-complete"), "test: as prepare leaves a verified, unpacked archive\n");
    }

    /** 16 kHz 16-bit mono FLAC as LibriSpeech ships it: a tone per character (about 60 ms each) in light noise. */
    private static void flac(Path file, String text, Random rng) throws Exception {
        int rate = 16000;
        int per = 960;
        float[] x = new float[text.length() * per];
        for (int i = 0; i < x.length; i++) {
            char ch = text.charAt(i / per);
            double hz = ch == ' ' ? 0 : 200 + 40 * (ch - '\'');
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / rate) + 0.01 * rng.nextGaussian());
        }
        Path wav = file.resolveSibling(file.getFileName() + ".wav");
        Wav.write(wav, Audio.mono(x, rate), SampleFormat.PCM_16, false);
        Process p = new ProcessBuilder("sox", wav.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        Files.delete(wav);
    }
}
