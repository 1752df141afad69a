package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Signals;
import org.seqlab.audio.Wav;
import org.seqlab.data.Checksums;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.Param;

/**
 * Language identification: espeak-ng reading random words of each language's Debian word
 * list, 2-10 s per utterance (a target drawn from {@code seconds}, cut at a quiet frame up to 0.5 s early), several voice variants per language, and variants used for
 * testing never used for training (so a model cannot identify the language by the voice).
 * Stored in VoxLingua107 layout: {@code <split>/<language>/<voice>__<n>.wav}, plus
 * {@code utterances.tsv} with language, voice, duration and text.
 */
public final class LidGenerator implements CorpusGenerator {
    /** datasets.yaml {@code params} of generator {@code lid}. */
    public static final List<Param> PARAMS = List.of(
            Param.strings("languages", List.of("en", "fr", "de", "es", "it", "pt", "nl", "sv"),
                    "languages (WordLists codes), each with a word list and an espeak-ng voice"),
            Param.integer("sample_rate", 16000, 8000, 48_000, "audio rate in Hz"),
            Param.strings("train_variants", List.of("m1", "m2", "m3", "f1", "f2"), "espeak-ng voice variants of the train split"),
            Param.strings("test_variants", List.of("m4", "f3"), "variants of the test split, disjoint from train_variants"),
            Param.integer("train_per_language", 30, 0, 1_000_000, "training utterances per language"),
            Param.integer("test_per_language", 8, 0, 1_000_000, "test utterances per language"),
            Param.range("seconds", 2.5, 10, 0.1, 600, "utterance length in seconds, drawn uniformly"),
            Param.range("speed", 140, 190, 80, 450, "espeak-ng speed in words per minute, drawn uniformly"),
            Param.range("pitch", 30, 70, 0, 99, "espeak-ng pitch, drawn uniformly"));

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String inputs(Params p) throws IOException {
        StringBuilder b = new StringBuilder(Espeak.version());
        for (String lang : languages(p)) {
            b.append(' ').append(WordLists.fingerprint(lang));
        }
        return b.toString();
    }

    private static List<String> languages(Params p) {
        return p.getStrings("languages");
    }

    record Utterance(String split, String language, String voice, int index, double seconds, int speed, int pitch, long seed) {
        String path() {
            return String.format(Locale.ROOT, "%s/%s/%s__%04d.wav", split, language, voice.replace('+', '_'), index);
        }
    }

    @Override
    public Plan plan(Params p, long seed) throws IOException {
        int rate = p.getInt("sample_rate");
        List<String> langs = languages(p);
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("train", p.getStrings("train_variants"));
        variants.put("test", p.getStrings("test_variants"));
        Set<String> overlap = new HashSet<>(variants.get("train"));
        overlap.retainAll(variants.get("test"));
        if (!overlap.isEmpty()) {
            throw new IllegalArgumentException("datasets.yaml: lid: variants " + overlap + " are in train and test; voices must be disjoint");
        }
        Map<String, Integer> perLanguage = Map.of("train", p.getInt("train_per_language"), "test",
                p.getInt("test_per_language"));
        double[] seconds = p.getRange("seconds");
        double[] speed = p.getRange("speed");
        double[] pitch = p.getRange("pitch");
        Map<String, List<String>> words = new HashMap<>();
        for (String lang : langs) {
            words.put(lang, WordLists.words(lang, false));
        }
        List<Utterance> utts = new ArrayList<>();
        for (String split : variants.keySet()) {
            List<String> vs = variants.get(split);
            for (String lang : langs) {
                for (int i = 0; i < perLanguage.get(split); i++) {
                    Random r = new Random(Checksums.seedFor(seed, split + "/" + lang, i));
                    String voice = WordLists.language(lang).voice() + "+" + vs.get(i % vs.size());
                    double s = seconds[0] + (seconds[1] - seconds[0]) * r.nextDouble();
                    int sp = (int) Math.round(speed[0] + (speed[1] - speed[0]) * r.nextDouble());
                    int pt = (int) Math.round(pitch[0] + (pitch[1] - pitch[0]) * r.nextDouble());
                    utts.add(new Utterance(split, lang, voice, i, s, sp, pt, r.nextLong()));
                }
            }
        }
        List<Job> jobs = utts.stream().<Job>map(u -> new Job() {
            @Override
            public String path() {
                return u.path();
            }

            @Override
            public List<String> render(Path target) throws IOException {
                StringBuilder text = new StringBuilder();
                float[] x = speak(u, words.get(u.language()), rate, text);
                Wav.write(target, Audio.mono(x, rate));
                return List.of(String.format(Locale.ROOT, "%s\t%s\t%s\t%.2f\t%s", u.path(), u.language(), u.voice(),
                        (double) x.length / rate, text));
            }
        }).toList();
        return new Plan() {
            @Override
            public List<? extends Job> jobs() {
                return jobs;
            }

            @Override
            public void finish(Path root, Map<String, List<String>> records) throws IOException {
                StringBuilder b = new StringBuilder("path\tlanguage\tvoice\tseconds\ttext\n");
                for (Utterance u : utts) {
                    records.get(u.path()).forEach(l -> b.append(l).append('\n'));
                }
                Files.writeString(root.resolve("utterances.tsv"), b, StandardCharsets.UTF_8);
            }
        };
    }

    /** Speaks words until the target duration is reached, then cuts at the quietest nearby frame. */
    static float[] speak(Utterance u, List<String> words, int rate, StringBuilder text) throws IOException {
        Random r = new Random(u.seed());
        int target = (int) (u.seconds() * rate);
        int count = Math.max(2, (int) Math.ceil(u.seconds() * u.speed() / 60.0));
        float[] x = new float[0];
        for (int attempt = 0; attempt < 4 && x.length < target; attempt++) {
            while (text.toString().split(" ").length < count || text.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(words.get(r.nextInt(words.size())));
            }
            x = Signals.trim(Espeak.speak(text.toString(), u.voice(), u.speed(), u.pitch(), rate), rate / 100, 45);
            count *= 2;
        }
        if (x.length <= target) {
            return x;
        }
        int frame = rate / 100;
        int best = target;
        double bestRms = Double.MAX_VALUE;
        for (int end = target; end > target - rate / 2 && end > frame; end -= frame) {
            double e = Signals.rms(x, end - frame, end);
            if (e < bestRms) {
                bestRms = e;
                best = end;
            }
        }
        return Signals.fade(java.util.Arrays.copyOf(x, best), frame);
    }
}
