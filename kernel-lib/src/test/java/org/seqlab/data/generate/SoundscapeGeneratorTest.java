package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Signals;
import org.seqlab.data.Corpus;
import org.seqlab.data.Event;
import org.seqlab.data.Example;
import org.seqlab.data.Manifest;
import org.seqlab.data.Params;
import org.seqlab.data.Split;

class SoundscapeGeneratorTest {
    @TempDir
    Path data;

    static final String NO_SPEECH = "[click, knock, dog_bark, bell, alarm, hum, engine, water, whistle, bird_chirp]";

    static String params(String classes, String snr) {
        return "{train: 3, validation: 2, test: 2, clip_seconds: 4, events_per_clip: [2, 4], snr_db: " + snr
                + ", classes: " + classes + "}";
    }

    @Test
    void sameSeedSameFilesOtherSeedOtherFiles() throws Exception {
        String p = params(NO_SPEECH, "[6, 20]");
        Corpus a = GeneratorTestSupport.registry("dcase", "soundscapes", 5, p, data.resolve("a")).corpus("c").prepare();
        Corpus b = GeneratorTestSupport.registry("dcase", "soundscapes", 5, p, data.resolve("b")).corpus("c").prepare();
        Corpus other = GeneratorTestSupport.registry("dcase", "soundscapes", 6, p, data.resolve("o")).corpus("c").prepare();
        String da = Manifest.read(a.dir()).digest();
        assertEquals(da, Manifest.read(b.dir()).digest());
        assertNotEquals(da, Manifest.read(other.dir()).digest());
        assertEquals(a.recipe(), b.recipe());
        assertNotEquals(a.recipe(), other.recipe());
    }

    @Test
    void splitsFollowDcase2018Task4() throws Exception {
        Corpus c = GeneratorTestSupport.registry("dcase", "soundscapes", 1, params(NO_SPEECH, "[6, 20]"), data).corpus("c");
        Map<String, Split> splits = c.splits();
        assertEquals(List.of("test", "train/weak", "validation"), splits.keySet().stream().sorted().toList());
        Split train = c.split("train");
        assertEquals(3, train.size());
        for (Example e : train.examples()) {
            assertTrue(e.events().isEmpty(), "training clips carry weak labels only");
            assertFalse(e.labels().isEmpty());
        }
        // weak tags are exactly the distinct labels of the hidden strong truth
        List<String> truth = Files.readAllLines(c.dir().resolve("truth/train_strong.tsv"));
        for (Example e : train.examples()) {
            TreeSet<String> expected = new TreeSet<>();
            truth.stream().skip(1).map(l -> l.split("\t")).filter(p -> p[0].equals(e.id())).forEach(p -> expected.add(p[3]));
            assertEquals(List.copyOf(expected), e.labels(), e.id());
        }
        for (String s : List.of("validation", "test")) {
            for (Example e : c.split(s).examples()) {
                assertTrue(e.hasStrongLabels(), s + " clips carry strong labels");
                Audio a = Audio.read(e.audio());
                assertEquals(16000, a.sampleRate());
                assertEquals(4 * 16000, a.length());
            }
        }
    }

    @Test
    void strongLabelsAgreeWithTheEnergyInTheAudio() throws Exception {
        Corpus c = GeneratorTestSupport.registry("dcase", "soundscapes", 3, "{train: 1, validation: 8, test: 1, clip_seconds: 8,"
                + " events_per_clip: [1, 2], snr_db: [30, 30], classes: " + NO_SPEECH + "}", data).corpus("c");
        int frame = 160;
        int checked = 0;
        int clips = 0;
        for (Example e : c.split("validation").examples()) {
            float[] x = Audio.read(e.audio()).mono();
            double[] db = Signals.frameDb(x, frame);
            boolean[] labelled = new boolean[db.length];
            for (Event ev : e.events()) {
                for (int f = (int) (ev.onset() * 100); f < Math.min(db.length, Math.ceil(ev.offset() * 100)); f++) {
                    labelled[f] = true;
                }
            }
            double[] quiet = java.util.stream.IntStream.range(0, db.length).filter(f -> !labelled[f]).mapToDouble(f -> db[f])
                    .sorted().toArray();
            if (quiet.length < 100) {
                continue; // events cover nearly all of this clip: no background to compare with
            }
            clips++;
            double background = quiet[quiet.length / 2];
            // outside the labels events are below the background level: no frame much louder than noise
            assertTrue(quiet[quiet.length - 1] < background + 8, e.id() + ": energy outside labels " + quiet[quiet.length - 1]
                    + " dB vs background " + background);
            for (Event ev : e.events()) {
                int on = (int) Math.round(ev.onset() * 100);
                int off = (int) Math.round(ev.offset() * 100);
                double head = Arrays.stream(db, on, Math.min(on + 10, off)).max().orElseThrow();
                double tail = Arrays.stream(db, Math.max(on, off - 10), off).max().orElseThrow();
                assertTrue(head > background + 6, e.id() + " " + ev + ": onset energy " + head + " vs " + background);
                // the label ends where the event sinks to the background level
                assertTrue(tail > background + 2, e.id() + " " + ev + ": offset energy " + tail + " vs " + background);
                checked++;
            }
        }
        assertTrue(clips >= 4 && checked >= 4, clips + " clips, " + checked + " events checked");
    }

    @Test
    void eventsRespectPolyphonyAndStayInsideTheirLabels() throws Exception {
        Params p = new Params("t", SoundscapeGenerator.PARAMS, Map.of("classes", List.of("click", "bell", "hum", "whistle"), "clip_seconds", 6,
                "events_per_clip", List.of(5, 8), "max_polyphony", 2));
        SoundscapeGenerator.Settings s = SoundscapeGenerator.settings(p);
        for (int seed = 0; seed < 5; seed++) {
            SoundscapeGenerator.Clip clip = SoundscapeGenerator.clip(s, new Random(seed));
            float[] ev = clip.events();
            boolean[] inside = new boolean[ev.length];
            for (Event e : clip.labels()) {
                for (int i = (int) Math.round(e.onset() * 16000); i < Math.round(e.offset() * 16000); i++) {
                    inside[i] = true;
                }
            }
            for (int i = 0; i < ev.length; i++) {
                if (!inside[i]) {
                    assertEquals(0f, ev[i], "event energy outside every label at sample " + i);
                }
            }
            for (double t = 0; t < 6; t += 0.01) {
                double at = t;
                long overlapping = clip.labels().stream().filter(e -> e.onset() <= at && at < e.offset()).count();
                assertTrue(overlapping <= 2, "polyphony " + overlapping + " at " + t);
            }
            double bg = Signals.rms(clip.background());
            assertEquals(Math.pow(10, -40 / 20.0), bg, 0.002, "background level");
        }
    }

    @Test
    void speechEventsComeFromEspeak() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(GeneratorTestSupport.haveEspeak(), "espeak-ng not installed");
        Params p = new Params("t", SoundscapeGenerator.PARAMS, Map.of("classes", List.of("speech"), "clip_seconds", 4, "events_per_clip", List.of(1, 1)));
        SoundscapeGenerator.Clip clip = SoundscapeGenerator.clip(SoundscapeGenerator.settings(p), new Random(1));
        assertEquals(1, clip.labels().size());
        Event e = clip.labels().get(0);
        assertEquals("speech", e.label());
        assertTrue(e.duration() > 0.3 && e.duration() <= 3.0, "speech duration " + e.duration());
    }
}
