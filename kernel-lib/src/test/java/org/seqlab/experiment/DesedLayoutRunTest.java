package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.audio.Audio;
import org.seqlab.audio.SampleFormat;
import org.seqlab.audio.Wav;
import org.seqlab.data.Datasets;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.testing.Cli;

/**
 * Issue #14: the lecture 04 CRNN runs on a real DESED folder with nothing but {@code --set}. The
 * folder is made here in DESED's own layout and as its download scripts leave it: AudioSet file
 * names, 44.1 kHz stereo WAVs (dcase_util saves YouTube audio at 44.1 kHz, channels kept),
 * clips shorter than 10 s, files listed in the metadata that could not be downloaded, DESED's
 * class names, a weak-only training table, an unlabelled table, strong validation and public
 * evaluation tables and a durations table that is none of these. The overrides are exactly the
 * ones experiments/sed/README.md gives for DESED.
 */
class DesedLayoutRunTest {
    /** The "run on DESED" overrides of experiments/sed/README.md and crnn-weak.yaml, word for word. */
    static final String[] DESED = {"data.corpus.corpus=desed", "data.corpus.train-split=train/weak",
        "data.corpus.validation-split=validation", "data.corpus.test-split=eval/public",
        "evaluate.metrics=[event-f1, tag-f1, frame-f1]"};
    /** Tiny sizes so one epoch takes seconds; nothing DESED-specific. */
    static final String[] TINY = {"model.channels=4", "model.hidden=4", "train.epochs=1", "train.batch=4"};
    static final int RATE = 44100;

    @TempDir
    Path tmp;

    @Test
    void crnnWeakTrainsOnADesedFolderAndItsDetectionsScoreAsTheRunSays() throws Exception {
        Path data = tmp.resolve("data");
        Path desed = data.resolve("desed");
        makeDesed(desed);
        Datasets.get("desed", data).prepare(); // ./seqlab datasets prepare desed: adopts the hand-fetched folder
        assertTrue(Files.isRegularFile(desed.resolve(".seqlab-complete")));

        List<String> overrides = new ArrayList<>(List.of(DESED));
        overrides.addAll(List.of(TINY));
        RunResult r = Experiment.load(Path.of("../experiments/sed/crnn-weak.yaml"), overrides.toArray(new String[0]))
                .dataRoot(data).root(tmp.resolve("runs")).liveCurves(false).run().first();

        assertEquals(1, r.history().size());
        assertTrue(Double.isFinite(r.history().get(0).trainLoss()), "a finite training loss: " + r.history().get(0));
        assertEquals("test", r.split());
        assertEquals(List.of("loss", "event-f1", "tag-f1", "frame-f1"), List.copyOf(r.metrics().keySet()));
        for (String m : List.of("event-f1", "tag-f1", "frame-f1")) {
            double v = r.metrics().get(m);
            assertTrue(Double.isNaN(v) || (v >= 0 && v <= 1), m + " = " + v);
        }

        Path ref = r.path().resolve("reference.tsv");
        Path det = r.path().resolve("detections.tsv");
        assertTrue(Files.isRegularFile(det), "detections.tsv written");
        // the test split is eval/public with DESED's own names: file names and labels as in public.tsv
        List<String> refLines = Files.readAllLines(ref);
        assertEquals("filename\tonset\toffset\tevent_label", refLines.get(0));
        TreeSet<String> refFiles = new TreeSet<>();
        TreeSet<String> refLabels = new TreeSet<>();
        for (String line : refLines.subList(1, refLines.size())) {
            String[] c = line.split("\t");
            refFiles.add(c[0]);
            refLabels.add(c[3]);
        }
        assertEquals(new TreeSet<>(List.of(EVAL_A, EVAL_B, EVAL_C)), refFiles);
        assertEquals(new TreeSet<>(List.of("Alarm_bell_ringing", "Dog", "Speech")), refLabels);
        for (String line : Files.readAllLines(det).subList(1, Files.readAllLines(det).size())) {
            String file = line.split("\t")[0];
            assertTrue(refFiles.contains(file), "a detection names an eval/public clip: " + line);
        }

        Object[] out = Cli.run("score", "sed", "--reference", ref.toString(), "--estimate", det.toString(),
                "--t-collar", "0.2", "--percentage-of-length", "0.2", "--json");
        assertEquals(0, out[0], (String) out[2]);
        @SuppressWarnings("unchecked")
        Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) Json.readObject((String) out[1])
                .get("event_based")).get("overall");
        Object f = overall.get("f_measure");
        double cli = f instanceof Number n ? n.doubleValue() : Double.NaN;
        assertEquals(r.metrics().get("event-f1"), cli, 1e-12, "the run's event F1 is what seqlab score sed finds in its files");
    }

    /**
     * crnn-weak.yaml's class-event-f1 names the generated recipe's short classes, which DESED lacks:
     * without the metrics override the run stops before training with one line saying what to do,
     * not after the first epoch (hours on the full corpus), and no run folder is left behind.
     */
    @Test
    void theRecipesClassListStopsADesedRunBeforeTrainingWithAOneLineFix() throws Exception {
        Path data = tmp.resolve("data");
        makeDesed(data.resolve("desed"));
        Datasets.get("desed", data).prepare();
        List<String> overrides = new ArrayList<>(List.of(DESED).subList(0, 4));
        overrides.addAll(List.of(TINY));
        Experiment e = Experiment.load(Path.of("../experiments/sed/crnn-weak.yaml"), overrides.toArray(new String[0]))
                .dataRoot(data).root(tmp.resolve("runs")).liveCurves(false);
        ConfigException ex = assertThrows(ConfigException.class, e::run);
        String m = ex.getMessage();
        assertTrue(m.contains("evaluate.metrics.classes") && m.contains("'click'") && m.contains("Dog")
                && m.contains("class-event-f1") && !m.contains("\n"), m);
        assertFalse(Files.exists(tmp.resolve("runs/crnn-weak")) && Files.list(tmp.resolve("runs/crnn-weak")).findAny().isPresent(),
                "nothing was trained");
        // DESED has no split named "test" (the default): the key is named before any features are computed
        List<String> noTest = new ArrayList<>(List.of(DESED));
        noTest.remove("data.corpus.test-split=eval/public");
        ConfigException split = assertThrows(ConfigException.class, () -> Components.build(Experiment.load(
                Path.of("../experiments/sed/crnn-weak.yaml"), noTest.toArray(new String[0])).spec(), Registry.global(), data));
        assertTrue(split.getMessage().contains("data.corpus.test-split") && split.getMessage().contains("eval/public"),
                split.getMessage());
        // the README's other way: keep the metric and name DESED's classes
        overrides.add("evaluate.metrics=[event-f1, {name: class-event-f1, classes: 'Dog,Cat,Dishes'}, tag-f1, frame-f1]");
        ExperimentSpec named = Experiment.load(Path.of("../experiments/sed/crnn-weak.yaml"), overrides.toArray(new String[0])).spec();
        ConfigException cat = assertThrows(ConfigException.class, () -> Components.build(named, Registry.global(), data));
        assertTrue(cat.getMessage().contains("'Cat'"), "Cat is a DESED class, but not one of this tiny folder's: " + cat.getMessage());
        overrides.set(overrides.size() - 1, "evaluate.metrics=[event-f1, {name: class-event-f1, classes: 'Dog,Speech'}, tag-f1, frame-f1]");
        Components c = Components.build(Experiment.load(Path.of("../experiments/sed/crnn-weak.yaml"),
                overrides.toArray(new String[0])).spec(), Registry.global(), data);
        assertEquals(List.of("event-f1", "class-event-f1", "tag-f1", "frame-f1"), List.copyOf(c.metrics().keySet()));
    }

    static final String WEAK_A = "Y--0w1YA1Hm4_30.000_40.000.wav";
    static final String WEAK_B = "Y-0Jh7Ow3_3g_10.000_20.000.wav";
    static final String WEAK_C = "Y0UN02RkbG_U_7.000_17.000.wav";
    static final String WEAK_D = "Y1-0EYLUEbRo_340.000_350.000.wav";
    static final String WEAK_SHORT = "Y0lNm9pXXHxA_0.000_2.000.wav";
    static final String EVAL_A = "Y5UMWvLV5DGU_40.000_50.000.wav";
    static final String EVAL_B = "Y0hAK5f1tDok_30.000_40.000.wav";
    static final String EVAL_C = "Y4U2-ZMKWgD0_380.000_390.000.wav";

    /** A DESED folder as its scripts write it, 3 s clips (one of 2 s) instead of 10 s to keep the run short. */
    static void makeDesed(Path root) throws Exception {
        Random rng = new Random(14);
        clip(root.resolve("audio/train/weak/" + WEAK_A), 3, rng, ev(0.2, 1.5, "Dog"));
        clip(root.resolve("audio/train/weak/" + WEAK_B), 3, rng, ev(0.5, 2.8, "Speech"), ev(1.0, 1.8, "Dog"));
        clip(root.resolve("audio/train/weak/" + WEAK_C), 3, rng, ev(0.0, 3.0, "Alarm_bell_ringing"));
        clip(root.resolve("audio/train/weak/" + WEAK_D), 3, rng, ev(1.2, 2.2, "Speech"));
        clip(root.resolve("audio/train/weak/" + WEAK_SHORT), 2, rng, ev(0.3, 0.9, "Dog"));
        clip(root.resolve("audio/train/unlabel_in_domain/Y00pbt6aJV8Y_350.000_360.000.wav"), 3, rng, ev(0.0, 1.0, "Speech"));
        clip(root.resolve("audio/validation/Y0eh_N-cmcuI_350.000_360.000.wav"), 3, rng, ev(0.467, 0.717, "Alarm_bell_ringing"),
                ev(1.919, 3.0, "Speech"));
        clip(root.resolve("audio/validation/Y0cH_NlhhMAs_30.000_40.000.wav"), 3, rng, ev(1.71, 2.5, "Dog"));
        clip(root.resolve("audio/eval/public/" + EVAL_A), 3, rng, ev(0.9, 2.6, "Alarm_bell_ringing"));
        clip(root.resolve("audio/eval/public/" + EVAL_B), 3, rng, ev(0.4, 1.2, "Dog"), ev(1.5, 2.9, "Speech"));
        clip(root.resolve("audio/eval/public/" + EVAL_C), 3, rng, ev(0.0, 1.567, "Speech"));
        text(root.resolve("metadata/train/weak.tsv"), "filename\tevent_labels\n"
                + WEAK_A + "\tDog\n" + WEAK_B + "\tSpeech,Dog\n" + WEAK_C + "\tAlarm_bell_ringing\n" + WEAK_D + "\tSpeech\n"
                + WEAK_SHORT + "\tDog\n"
                + "Y-4gqARaEJE_0.000_10.000.wav\tDog\n"); // listed, but YouTube no longer serves it
        text(root.resolve("metadata/train/unlabel_in_domain.tsv"), "filename\nY00pbt6aJV8Y_350.000_360.000.wav\n");
        text(root.resolve("metadata/validation/validation.tsv"), "filename\tonset\toffset\tevent_label\n"
                + "Y0eh_N-cmcuI_350.000_360.000.wav\t0.467\t0.717\tAlarm_bell_ringing\n"
                + "Y0eh_N-cmcuI_350.000_360.000.wav\t1.919\t3.000\tSpeech\n"
                + "Y0cH_NlhhMAs_30.000_40.000.wav\t1.710\t2.500\tDog\n");
        text(root.resolve("metadata/validation/validation_durations.tsv"), "filename\tduration\n"
                + "Y0eh_N-cmcuI_350.000_360.000.wav\t3.0\nY0cH_NlhhMAs_30.000_40.000.wav\t3.0\n");
        text(root.resolve("metadata/eval/public.tsv"), "filename\tonset\toffset\tevent_label\n"
                + EVAL_A + "\t0.900\t2.600\tAlarm_bell_ringing\n"
                + EVAL_B + "\t0.400\t1.200\tDog\n" + EVAL_B + "\t1.500\t2.900\tSpeech\n"
                + EVAL_C + "\t0.000\t1.567\tSpeech\n");
    }

    record Ev(double onset, double offset, String label) {}

    static Ev ev(double onset, double offset, String label) {
        return new Ev(onset, offset, label);
    }

    /** Quiet noise plus a tone per event (a class has its own pitch), both channels slightly different. */
    static void clip(Path file, double seconds, Random rng, Ev... events) throws Exception {
        int n = (int) (seconds * RATE);
        float[] left = new float[n];
        float[] right = new float[n];
        for (int i = 0; i < n; i++) {
            left[i] = (float) (0.01 * rng.nextGaussian());
            right[i] = (float) (0.01 * rng.nextGaussian());
        }
        for (Ev e : events) {
            double hz = switch (e.label()) {
                case "Dog" -> 400;
                case "Speech" -> 1200;
                default -> 3000;
            };
            for (int i = (int) (e.onset() * RATE); i < Math.min(n, (int) (e.offset() * RATE)); i++) {
                float s = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE));
                left[i] += s;
                right[i] += 0.8f * s;
            }
        }
        Files.createDirectories(file.getParent());
        Wav.write(file, new Audio(new float[][] {left, right}, RATE), SampleFormat.PCM_16, false);
    }

    static void text(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
