package org.seqlab.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.audio.Audio;
import org.seqlab.audio.SampleFormat;
import org.seqlab.audio.Wav;
import org.seqlab.data.CorpusException;
import org.seqlab.data.Event;
import org.seqlab.data.Example;
import org.seqlab.data.Split;

/** Each loader on a tiny corpus written here in the public corpus's own layout. */
class FormatsTest {
    @TempDir
    Path root;

    static void wav(Path file, double seconds, int rate) throws Exception {
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        Files.createDirectories(file.getParent());
        Wav.write(file, Audio.mono(x, rate), SampleFormat.PCM_16, false);
    }

    static void text(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void dcaseStrongWeakAndUnlabelledTables() throws Exception {
        wav(root.resolve("audio/train/weak/Y1.wav"), 0.1, 16000);
        wav(root.resolve("audio/train/weak/Y2.wav"), 0.1, 16000);
        wav(root.resolve("audio/train/unlabel_in_domain/U1.wav"), 0.1, 16000);
        wav(root.resolve("audio/validation/V1.wav"), 0.1, 16000);
        wav(root.resolve("audio/validation/V2.wav"), 0.1, 16000);
        text(root.resolve("metadata/train/weak.tsv"), "filename\tevent_labels\nY1.wav\tDog,Speech\nY2.wav\tAlarm_bell_ringing\n");
        text(root.resolve("metadata/train/unlabel_in_domain.tsv"), "filename\nU1.wav\n");
        text(root.resolve("metadata/validation/validation.tsv"), "filename\tonset\toffset\tevent_label\n"
                + "V1.wav\t0.5\t2.25\tDog\nV1.wav\t1.0\t9.5\tSpeech\nV2.wav\t\t\t\nV3.wav\t1\t2\tCat\n");
        text(root.resolve("metadata/validation/durations.tsv"), "filename\tduration\nV1.wav\t10.0\n");
        Map<String, Split> splits = Formats.get("dcase").load(root, "desed", false);
        assertEquals(List.of("train/unlabel_in_domain", "train/weak", "validation"), splits.keySet().stream().sorted().toList());
        Split weak = splits.get("train/weak");
        assertEquals(List.of("Dog", "Speech"), weak.get(0).labels());
        Split val = splits.get("validation");
        assertEquals(2, val.size());
        Example v1 = val.get(0);
        assertEquals(List.of(new Event(0.5, 2.25, "Dog"), new Event(1.0, 9.5, "Speech")), v1.events());
        assertEquals(List.of("Dog", "Speech"), v1.labels());
        assertTrue(val.get(1).events().isEmpty(), "a row with empty onset is a clip without events");
        assertEquals(1, val.report().skipped(), "V3.wav is listed but missing");
        assertTrue(val.report().problems().get(0).contains("V3.wav"));
        assertTrue(splits.get("train/unlabel_in_domain").get(0).labels().isEmpty());
        CorpusException strict = assertThrows(CorpusException.class, () -> Formats.get("dcase").load(root, "desed", true));
        assertTrue(strict.getMessage().contains("V3.wav"));
    }

    @Test
    void dcaseBadNumberNamesFileAndLine() throws Exception {
        wav(root.resolve("audio/validation/V1.wav"), 0.1, 16000);
        text(root.resolve("metadata/validation/validation.tsv"), "filename\tonset\toffset\tevent_label\nV1.wav\tzero\t1\tDog\n");
        Exception e = assertThrows(Exception.class, () -> Formats.get("dcase").load(root, "d", false));
        assertTrue(e.getMessage().contains("validation.tsv:2") && e.getMessage().contains("onset"), e.getMessage());
    }

    @Test
    void tutSedBothAnnotationForms() throws Exception {
        wav(root.resolve("audio/street/a001.wav"), 0.1, 44100);
        wav(root.resolve("audio/home/b002.wav"), 0.1, 44100);
        text(root.resolve("meta/street/a001.ann"),
                "audio/street/a001.wav\tstreet\t1.589213\t2.493070\tbrakes squeaking\tm\ta001\n"
                        + "audio/street/a001.wav\tstreet\t3.0\t4.5\tcar\tm\ta001\n");
        text(root.resolve("meta/home/b002.ann"), "0.5\t1.5\t(object) rustling\n");
        text(root.resolve("evaluation_setup/street_fold1_train.txt"), "audio/street/a001.wav\tstreet\n");
        Map<String, Split> splits = Formats.get("tut-sed").load(root, "tut", false);
        Split all = splits.get("all");
        assertEquals(2, all.size());
        Example home = all.examples().stream().filter(e -> e.id().contains("b002")).findFirst().orElseThrow();
        assertEquals(List.of(new Event(0.5, 1.5, "(object) rustling")), home.events());
        Example street = all.examples().stream().filter(e -> e.id().contains("a001")).findFirst().orElseThrow();
        assertEquals(2, street.events().size());
        assertEquals(1.589213, street.events().get(0).onset(), 1e-9);
        assertEquals(List.of(street), splits.get("fold1/train").examples());
    }

    @Test
    void libriSpeechReadsFlacMadeBySoxAndSkipsACorruptOne() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox not installed");
        Path chapter = root.resolve("LibriSpeech/dev-clean/84/121123");
        Files.createDirectories(chapter);
        for (String utt : List.of("0000", "0001")) {
            Path w = root.resolve(utt + ".wav");
            wav(w, 0.5, 16000);
            Process p = new ProcessBuilder("sox", w.toString(), chapter.resolve("84-121123-" + utt + ".flac").toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
        }
        Path bad = chapter.resolve("84-121123-0002.flac");
        byte[] good = Files.readAllBytes(chapter.resolve("84-121123-0001.flac"));
        Files.write(bad, java.util.Arrays.copyOf(good, good.length / 3));
        text(chapter.resolve("84-121123.trans.txt"), "84-121123-0000 GO DO YOU HEAR\n84-121123-0001 BUT IN LESS THAN FIVE MINUTES\n"
                + "84-121123-0002 CUT SHORT\n84-121123-0003 NO AUDIO\n");
        Map<String, Split> splits = Formats.get("librispeech").load(root.resolve("LibriSpeech"), "ls", false);
        Split dev = splits.get("dev-clean");
        assertEquals(3, dev.size());
        assertEquals(1, dev.report().skipped(), "0003 has no audio file");
        Example first = dev.get(0);
        assertEquals("GO DO YOU HEAR", first.transcript());
        assertEquals("84", first.speaker());
        List<Split.Decoded> decoded = dev.decodeAll(16000);
        assertEquals(2, decoded.size(), "the truncated FLAC is skipped");
        assertEquals(2, dev.report().skipped());
        assertTrue(dev.report().problems().get(1).contains("84-121123-0002.flac"), dev.report().problems().toString());
        assertEquals(8000, decoded.get(0).signal().length);
        assertEquals(0.3, org.seqlab.audio.Signals.peak(decoded.get(0).signal()), 0.01);

        assertTrue(assertThrows(CorpusException.class, () -> Formats.get("librispeech").load(root.resolve("LibriSpeech"), "ls", true))
                .getMessage().contains("84-121123-0003"));
        text(chapter.resolve("84-121123.trans.txt"), "84-121123-0000 GO DO YOU HEAR\n84-121123-0002 CUT SHORT\n");
        Split strict = Formats.get("librispeech").load(root.resolve("LibriSpeech"), "ls", true).get("dev-clean");
        CorpusException e = assertThrows(CorpusException.class, () -> strict.decodeAll(16000));
        assertTrue(e.getMessage().contains("84-121123-0002.flac"), e.getMessage());
    }

    @Test
    void speechCommandsListsDecideTheSplits() throws Exception {
        wav(root.resolve("yes/0a7c2a8d_nohash_0.wav"), 0.1, 16000);
        wav(root.resolve("yes/0a7c2a8d_nohash_1.wav"), 0.1, 16000);
        wav(root.resolve("no/1b4c9b89_nohash_0.wav"), 0.1, 16000);
        wav(root.resolve("no/ffd2ba2f_nohash_3.wav"), 0.1, 16000);
        wav(root.resolve("_background_noise_/white_noise.wav"), 0.1, 16000);
        text(root.resolve("validation_list.txt"), "no/1b4c9b89_nohash_0.wav\n");
        text(root.resolve("testing_list.txt"), "yes/0a7c2a8d_nohash_1.wav\n");
        Map<String, Split> s = Formats.get("speech-commands").load(root, "sc", false);
        assertEquals(2, s.get("train").size());
        assertEquals("no", s.get("validation").get(0).label());
        assertEquals("0a7c2a8d", s.get("test").get(0).speaker());
        assertEquals(List.of("no", "yes"), s.get("train").labelSet());
    }

    @Test
    void freeSpokenDigitsSplitByIndex() throws Exception {
        for (String n : List.of("0_jackson_0", "0_jackson_5", "7_theo_4", "7_theo_49", "9_nicolas_12")) {
            wav(root.resolve("recordings/" + n + ".wav"), 0.05, 8000);
        }
        Map<String, Split> s = Formats.get("fsdd").load(root, "fsdd", false);
        assertEquals(3, s.get("train").size());
        assertEquals(2, s.get("test").size());
        Example e = s.get("test").examples().stream().filter(x -> x.id().equals("7_theo_4")).findFirst().orElseThrow();
        assertEquals("7", e.label());
        assertEquals("theo", e.speaker());
    }

    @Test
    void voxLinguaFolderPerLanguageWithOrWithoutSplitFolders() throws Exception {
        wav(root.resolve("flat/en/abc__U__S1---0001.000-0003.000.wav"), 0.05, 16000);
        wav(root.resolve("flat/et/def__U__S2---0001.000-0004.000.wav"), 0.05, 16000);
        Map<String, Split> flat = Formats.get("voxlingua").load(root.resolve("flat"), "vl", false);
        assertEquals(List.of("en", "et"), flat.get("train").labelSet());
        assertEquals("abc", flat.get("train").get(0).speaker());
        wav(root.resolve("split/train/fr/v1__0.wav"), 0.05, 16000);
        wav(root.resolve("split/dev/fr/v2__0.wav"), 0.05, 16000);
        Map<String, Split> split = Formats.get("voxlingua").load(root.resolve("split"), "vl", false);
        assertEquals(List.of("train", "validation"), split.keySet().stream().sorted().toList(),
                "VoxLingua107's dev folder is the validation split");
        assertEquals(List.of("fr"), split.get("validation").labelSet());
        assertEquals("v2", split.get("validation").get(0).speaker());
    }

    @Test
    void esc50FoldsFromCsv() throws Exception {
        wav(root.resolve("audio/1-100032-A-0.wav"), 0.05, 44100);
        wav(root.resolve("audio/2-100038-A-14.wav"), 0.05, 44100);
        text(root.resolve("meta/esc50.csv"), "filename,fold,target,category,esc10,src_file,take\n"
                + "1-100032-A-0.wav,1,0,dog,True,100032,A\n2-100038-A-14.wav,2,14,chirping_birds,False,100038,A\n"
                + "3-1-A-1.wav,3,1,rooster,False,1,A\n");
        Map<String, Split> s = Formats.get("esc50").load(root, "esc", false);
        assertEquals("dog", s.get("fold1").get(0).label());
        assertEquals("chirping_birds", s.get("fold2").get(0).label());
        assertEquals(0, s.getOrDefault("fold3", null) == null ? 0 : s.get("fold3").size());
    }
}
