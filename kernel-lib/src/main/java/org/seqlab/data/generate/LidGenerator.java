package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * list, several voice variants per language, with the variants of the validation and test
 * splits never used for training (so a model cannot identify the language by the voice).
 *
 * <p>Training and validation utterances last {@code seconds} (a range); the test split holds one
 * set per duration condition of {@code test_seconds} (about 3, 10 and 30 s, as NIST LRE tests
 * do), named in each file ({@code <voice>__<condition>-<n>.wav}) and in {@code utterances.tsv}.
 * A share {@code nonspeech_fraction} of the utterances has non-speech stretches inserted at
 * quiet points between words: near-silence, brown noise, or a hesitation vowel held by espeak-ng
 * ("aaa", as a speaker's "ah ... ah"), each {@code nonspeech_seconds} long. Their positions are
 * written to {@code utterances.tsv} ({@code nonspeech}: {@code start-end:kind} in seconds, comma
 * separated, {@code -} for none), the ground truth against which lecture 06 checks where
 * attention goes. Stored in VoxLingua107 layout: {@code <split>/<language>/<voice>__<...>.wav}.
 */
public final class LidGenerator implements CorpusGenerator {
    /** Kinds of inserted non-speech, as written to {@code utterances.tsv}. */
    public static final List<String> NONSPEECH_KINDS = List.of("silence", "noise", "hesitation");

    /** datasets.yaml {@code params} of generator {@code lid}. */
    public static final List<Param> PARAMS = List.of(
            Param.strings("languages", List.of("en", "fr", "de", "es", "it", "pt", "nl", "sv"),
                    "languages (WordLists codes), each with a word list and an espeak-ng voice"),
            Param.integer("sample_rate", 16000, 8000, 48_000, "audio rate in Hz"),
            Param.strings("train_variants", List.of("m1", "m2", "m3", "f1", "f2"), "espeak-ng voice variants of the train split"),
            Param.strings("validation_variants", List.of("m5", "f4"), "variants of the validation split, disjoint from the others"),
            Param.strings("test_variants", List.of("m4", "f3"), "variants of the test split, disjoint from the others"),
            Param.integer("train_per_language", 30, 0, 1_000_000, "training utterances per language"),
            Param.integer("validation_per_language", 6, 0, 1_000_000, "validation utterances per language"),
            Param.integer("test_per_language", 8, 0, 1_000_000, "test utterances per language and duration condition"),
            Param.range("seconds", 2.5, 10, 0.1, 600, "train and validation utterance length in seconds, drawn uniformly"),
            Param.strings("test_seconds", List.of("3", "10", "30"), "duration conditions of the test split, in seconds"),
            Param.range("speed", 140, 190, 80, 450, "espeak-ng speed in words per minute, drawn uniformly"),
            Param.range("pitch", 30, 70, 0, 99, "espeak-ng pitch, drawn uniformly"),
            Param.number("nonspeech_fraction", 0.5, 0, 1, "share of utterances with inserted non-speech stretches"),
            Param.range("nonspeech_seconds", 0.5, 2.0, 0, 60, "length of each inserted non-speech stretch, drawn uniformly"));

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public int version() {
        return 2;
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

    /** A stretch of inserted non-speech, in seconds from the start of the utterance. */
    public record Stretch(double start, double end, String kind) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f-%.3f:%s", start, end, kind);
        }

        /** Parses {@code utterances.tsv}'s {@code nonspeech} column ({@code -} is none). */
        public static List<Stretch> parseAll(String column) {
            List<Stretch> out = new ArrayList<>();
            if (column.isBlank() || column.equals("-")) {
                return out;
            }
            for (String s : column.split(",")) {
                int colon = s.indexOf(':');
                int dash = s.indexOf('-', 1);
                out.add(new Stretch(Double.parseDouble(s.substring(0, dash)), Double.parseDouble(s.substring(dash + 1, colon)),
                        s.substring(colon + 1)));
            }
            return out;
        }
    }

    record Utterance(String split, String language, String voice, int index, String condition, double seconds, int speed,
                     int pitch, boolean pauses, long seed) {
        String path() {
            return String.format(Locale.ROOT, "%s/%s/%s__%s%04d.wav", split, language, voice.replace('+', '_'),
                    condition.isEmpty() ? "" : condition + "-", index);
        }
    }

    @Override
    public Plan plan(Params p, long seed) throws IOException {
        int rate = p.getInt("sample_rate");
        List<String> langs = languages(p);
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("train", p.getStrings("train_variants"));
        variants.put("validation", p.getStrings("validation_variants"));
        variants.put("test", p.getStrings("test_variants"));
        for (String a : variants.keySet()) {
            for (String b : variants.keySet()) {
                Set<String> overlap = new HashSet<>(variants.get(a));
                overlap.retainAll(variants.get(b));
                if (a.compareTo(b) < 0 && !overlap.isEmpty()) {
                    throw new IllegalArgumentException("datasets.yaml: lid: variants " + overlap + " are in " + a + " and " + b
                            + "; voices must be disjoint");
                }
            }
        }
        Map<String, Integer> perLanguage = Map.of("train", p.getInt("train_per_language"),
                "validation", p.getInt("validation_per_language"), "test", p.getInt("test_per_language"));
        double[] seconds = p.getRange("seconds");
        List<String> testSeconds = p.getStrings("test_seconds");
        double[] speed = p.getRange("speed");
        double[] pitch = p.getRange("pitch");
        double pauseShare = p.getDouble("nonspeech_fraction");
        double[] pause = p.getRange("nonspeech_seconds");
        Map<String, List<String>> words = new HashMap<>();
        for (String lang : langs) {
            words.put(lang, WordLists.words(lang, false));
        }
        List<Utterance> utts = new ArrayList<>();
        for (String split : variants.keySet()) {
            List<String> vs = variants.get(split);
            List<String> conditions = split.equals("test") ? testSeconds : List.of("");
            for (String condition : conditions) {
                for (String lang : langs) {
                    for (int i = 0; i < perLanguage.get(split); i++) {
                        Random r = new Random(Checksums.seedFor(seed, split + "/" + condition + "/" + lang, i));
                        String voice = WordLists.language(lang).voice() + "+" + vs.get(i % vs.size());
                        double s = condition.isEmpty() ? seconds[0] + (seconds[1] - seconds[0]) * r.nextDouble()
                                : Double.parseDouble(condition);
                        int sp = (int) Math.round(speed[0] + (speed[1] - speed[0]) * r.nextDouble());
                        int pt = (int) Math.round(pitch[0] + (pitch[1] - pitch[0]) * r.nextDouble());
                        // every 1/share-th utterance of a split and condition, counted across languages
                        int n = langs.indexOf(lang) * perLanguage.get(split) + i;
                        boolean pauses = pauseShare > 0 && ((n + 1) * pauseShare) % 1.0 < pauseShare - 1e-9;
                        utts.add(new Utterance(split, lang, voice, i, condition.isEmpty() ? "" : condition + "s", s, sp, pt,
                                pauses, r.nextLong()));
                    }
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
                List<Stretch> stretches = new ArrayList<>();
                float[] x = utterance(u, words.get(u.language()), rate, pause, text, stretches);
                Wav.write(target, Audio.mono(x, rate));
                String ns = stretches.isEmpty() ? "-" : String.join(",", stretches.stream().map(Stretch::toString).toList());
                return List.of(String.format(Locale.ROOT, "%s\t%s\t%s\t%.2f\t%s\t%s\t%s", u.path(), u.language(), u.voice(),
                        (double) x.length / rate, u.condition().isEmpty() ? "-" : u.condition(), ns, text));
            }
        }).toList();
        return Plan.of(jobs, (root, records) -> {
            StringBuilder b = new StringBuilder("path\tlanguage\tvoice\tseconds\tcondition\tnonspeech\ttext\n");
            for (Utterance u : utts) {
                records.get(u.path()).forEach(l -> b.append(l).append('\n'));
            }
            Files.writeString(root.resolve("utterances.tsv"), b, StandardCharsets.UTF_8);
        });
    }

    /**
     * Speech of the target length; with pauses, speech shortened by the stretches' total and the
     * stretches inserted at the quietest 10 ms frame near evenly spread points (between words).
     */
    static float[] utterance(Utterance u, List<String> words, int rate, double[] pause, StringBuilder text,
                             List<Stretch> stretches) throws IOException {
        if (!u.pauses()) {
            return speak(u, u.seconds(), words, rate, text);
        }
        Random r = new Random(u.seed() ^ 0x5DEECE66DL);
        int k = 1 + (int) (u.seconds() / 8);
        double[] lengths = new double[k];
        String[] kinds = new String[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            lengths[j] = pause[0] + (pause[1] - pause[0]) * r.nextDouble();
            kinds[j] = NONSPEECH_KINDS.get(r.nextInt(NONSPEECH_KINDS.size()));
            total += lengths[j];
        }
        float[] speech = speak(u, Math.max(1.0, u.seconds() - total), words, rate, text);
        int frame = rate / 100;
        int[] cuts = new int[k];
        for (int j = 0; j < k; j++) {
            int centre = (int) (speech.length * (j + 0.5 + 0.4 * (r.nextDouble() - 0.5)) / k);
            int best = centre;
            double bestRms = Double.MAX_VALUE;
            for (int at = Math.max(frame, centre - rate / 4); at < Math.min(speech.length - frame, centre + rate / 4); at += frame) {
                double e = Signals.rms(speech, at - frame, at + frame);
                if (e < bestRms) {
                    bestRms = e;
                    best = at;
                }
            }
            cuts[j] = best;
        }
        Arrays.sort(cuts);
        double level = Signals.activeRms(speech, frame, 20);
        List<float[]> parts = new ArrayList<>();
        int from = 0;
        int at = 0;
        for (int j = 0; j < k; j++) {
            parts.add(Arrays.copyOfRange(speech, from, cuts[j]));
            at += cuts[j] - from;
            float[] gap = nonspeech(kinds[j], (int) (lengths[j] * rate), level, u, rate, r);
            stretches.add(new Stretch((double) at / rate, (double) (at + gap.length) / rate, kinds[j]));
            parts.add(gap);
            at += gap.length;
            from = cuts[j];
        }
        parts.add(Arrays.copyOfRange(speech, from, speech.length));
        float[] out = new float[parts.stream().mapToInt(a -> a.length).sum()];
        int pos = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, pos, a.length);
            pos += a.length;
        }
        return out;
    }

    /** {@code n} samples of one kind of non-speech at a level relative to the speech's active level. */
    static float[] nonspeech(String kind, int n, double level, Utterance u, int rate, Random r) throws IOException {
        float[] x = new float[n];
        switch (kind) {
            case "silence" -> {
                for (int i = 0; i < n; i++) {
                    x[i] = (float) (r.nextGaussian() * level * 1e-3);
                }
            }
            case "noise" -> {
                double y = 0;
                for (int i = 0; i < n; i++) {
                    y = 0.95 * y + r.nextGaussian();
                    x[i] = (float) y;
                }
                x = Signals.scale(x, 0.3 * level / Math.max(1e-12, Signals.rms(x)));
            }
            case "hesitation" -> {
                float[] vowel = Signals.trim(Espeak.speak("aaaaaa", u.voice(), 80, u.pitch(), rate), rate / 100, 30);
                if (vowel.length == 0) {
                    throw new IOException("espeak-ng gave no audio for a held vowel in voice " + u.voice());
                }
                vowel = Signals.fade(vowel, rate / 50);
                for (int i = 0; i < n; i++) {
                    x[i] = vowel[i % vowel.length];
                }
                x = Signals.scale(x, 0.7 * level / Math.max(1e-12, Signals.activeRms(x, rate / 100, 20)));
            }
            default -> throw new IllegalArgumentException("unknown non-speech kind " + kind);
        }
        return Signals.fade(x, Math.min(n / 4, rate / 100));
    }

    /** Speaks words until the target duration is reached, then cuts at the quietest nearby frame. */
    static float[] speak(Utterance u, double seconds, List<String> words, int rate, StringBuilder text) throws IOException {
        Random r = new Random(u.seed());
        int target = (int) (seconds * rate);
        int count = Math.max(2, (int) Math.ceil(seconds * u.speed() / 60.0));
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
        return Signals.fade(Arrays.copyOf(x, best), frame);
    }
}
