package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Signals;
import org.seqlab.audio.Wav;
import org.seqlab.data.Checksums;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.Param;

/**
 * Transcribed English speech from espeak-ng reading words of the wamerican list: single words
 * ({@code speech-words}) or word sequences ({@code speech-sentences}; or, with {@code text_files},
 * sentences of a real text, see {@link Sentences}), with several voices,
 * speeds and pitches and optional background noise. Stored in LibriSpeech layout
 * ({@code <split>/<speaker>/<chapter>/<speaker>-<chapter>-<utt>.wav} and
 * {@code <speaker>-<chapter>.trans.txt}); WAV instead of FLAC because jflac only decodes.
 * Every voice belongs to one split, so test speakers are never heard in training.
 */
public final class SpeechGenerator implements CorpusGenerator {
    private static final int UTTERANCES_PER_CHAPTER = 20;
    private final boolean sentences;

    public SpeechGenerator(boolean sentences) {
        this.sentences = sentences;
    }

    /**
     * datasets.yaml {@code params} of generators {@code speech-words} and {@code speech-sentences};
     * the two differ only in their defaults for split sizes, vocabulary and words per utterance.
     */
    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>(common());
        if (sentences) {
            all.add(Param.strings("text_files", List.of(), "sentences come from these text files (patterns as in generator"
                    + " text), instead of random words of the vocabulary; test sentences first, then validation, then train,"
                    + " all distinct; the rest, with the training sentences, is written to " + LM_TEXT));
            all.add(Param.string("text_package", "", "Debian package of text_files, fetched when they are not installed"));
            all.add(Param.string("text_sha256", "", "SHA-256 of the joined text of text_files; when given, any other text is refused"));
        }
        return all;
    }

    /** Text for language models: every usable sentence of text_files except the validation and test ones. */
    public static final String LM_TEXT = "lm-text.txt";

    private List<Param> common() {
        return List.of(
                Param.integer("sample_rate", 16000, 8000, 48_000, "audio rate in Hz"),
                Param.strings("train_voices", List.of("en-us+m1", "en-us+m2", "en-us+f1", "en-gb+m3", "en-gb+f2", "en-us+m6"),
                        "espeak-ng voices of the train split (one speaker each)"),
                Param.strings("validation_voices", List.of("en-us+m4", "en-gb+f3"), "voices of the validation split"),
                Param.strings("test_voices", List.of("en-us+m5", "en-gb+f4", "en-us+m7"), "voices of the test split"),
                Param.integer("train", sentences ? 300 : 600, 0, 1_000_000, "training utterances"),
                Param.integer("validation", sentences ? 50 : 100, 0, 1_000_000, "validation utterances"),
                Param.integer("test", sentences ? 50 : 100, 0, 1_000_000, "test utterances"),
                Param.range("words_per_utterance", sentences ? 4 : 1, sentences ? 10 : 1, 1, 1000,
                        "words per utterance, a whole number drawn in [low, high]"),
                Param.range("speed", 130, 200, 80, 450, "espeak-ng speed in words per minute, drawn uniformly"),
                Param.range("pitch", 25, 75, 0, 99, "espeak-ng pitch, drawn uniformly"),
                Param.number("noise_probability", 0.3, 0, 1, "share of utterances with background noise"),
                Param.range("noise_snr_db", 10, 30, -30, 60, "speech over noise in dB, drawn uniformly"),
                Param.integer("vocabulary", sentences ? 2000 : 200, 1, 1_000_000, "words drawn (by the seed) from the English list"));
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String inputs(Params p) throws IOException {
        String text = sentences && !p.getStrings("text_files").isEmpty()
                ? " text " + (p.getString("text_sha256").isEmpty() ? String.join(" ", p.getStrings("text_files")) : p.getString("text_sha256"))
                : "";
        return Espeak.version() + " " + WordLists.fingerprint("en") + text;
    }

    /** Everything one utterance needs, decided when planning so transcripts never depend on rendering. */
    record Utterance(String split, int speaker, String voice, int chapter, int index, String text, int speed, int pitch,
                     double noiseSnr, long noiseSeed) {
        String id() {
            return String.format(Locale.ROOT, "%d-%d-%04d", speaker, chapter, index);
        }

        String dir() {
            return split + "/" + speaker + "/" + chapter;
        }
    }

    @Override
    public Plan plan(Params p, long seed) throws IOException {
        int rate = p.getInt("sample_rate");
        Map<String, List<String>> voices = new LinkedHashMap<>();
        voices.put("train", p.getStrings("train_voices"));
        voices.put("validation", p.getStrings("validation_voices"));
        voices.put("test", p.getStrings("test_voices"));
        Set<String> seen = new HashSet<>();
        for (List<String> vs : voices.values()) {
            for (String v : vs) {
                if (!seen.add(v)) {
                    throw new IllegalArgumentException("datasets.yaml: voice '" + v + "' is in two splits; speakers must be disjoint");
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("train", p.getInt("train"));
        counts.put("validation", p.getInt("validation"));
        counts.put("test", p.getInt("test"));
        double[] wordsPer = p.getRange("words_per_utterance");
        double[] speed = p.getRange("speed");
        double[] pitch = p.getRange("pitch");
        double noiseProbability = p.getDouble("noise_probability");
        double[] noiseSnr = p.getRange("noise_snr_db");
        List<String> vocabulary = vocabulary(WordLists.words("en", true), p.getInt("vocabulary"), seed);
        Map<String, List<String>> given = sentences ? sentencesBySplit(p, counts, wordsPer, seed) : Map.of();

        List<Utterance> utterances = new ArrayList<>();
        int speakerBase = 100;
        for (Map.Entry<String, List<String>> e : voices.entrySet()) {
            String split = e.getKey();
            List<String> vs = e.getValue();
            int[] perSpeaker = new int[vs.size()];
            for (int i = 0; i < counts.get(split); i++) {
                Random r = new Random(Checksums.seedFor(seed, split, i));
                int v = i % vs.size();
                int k = perSpeaker[v]++;
                int n = (int) wordsPer[0] + r.nextInt((int) (wordsPer[1] - wordsPer[0]) + 1);
                StringBuilder text = new StringBuilder();
                if (given.containsKey(split)) {
                    text.append(given.get(split).get(i));
                } else {
                    for (int w = 0; w < n; w++) {
                        text.append(w > 0 ? " " : "").append(vocabulary.get(r.nextInt(vocabulary.size())));
                    }
                }
                int sp = (int) Math.round(speed[0] + (speed[1] - speed[0]) * r.nextDouble());
                int pt = (int) Math.round(pitch[0] + (pitch[1] - pitch[0]) * r.nextDouble());
                double snr = r.nextDouble() < noiseProbability ? noiseSnr[0] + (noiseSnr[1] - noiseSnr[0]) * r.nextDouble()
                        : Double.NaN;
                utterances.add(new Utterance(split, speakerBase + v, vs.get(v), 1 + k / UTTERANCES_PER_CHAPTER,
                        k % UTTERANCES_PER_CHAPTER, text.toString(), sp, pt, snr, r.nextLong()));
            }
            speakerBase += 100;
        }
        List<Job> jobs = utterances.stream().<Job>map(u -> new Job() {
            @Override
            public String path() {
                return u.dir() + "/" + u.id() + ".wav";
            }

            @Override
            public List<String> render(Path target) throws IOException {
                Wav.write(target, Audio.mono(synthesize(u, rate), rate));
                return List.of(u.id() + " " + u.text().toUpperCase(Locale.ROOT));
            }
        }).toList();
        return Plan.of(jobs, (root, records) -> {
            Map<String, StringBuilder> transcripts = new TreeMap<>();
            Map<Integer, String> speakers = new TreeMap<>();
            for (Utterance u : utterances) {
                String file = u.dir() + "/" + u.speaker() + "-" + u.chapter() + ".trans.txt";
                StringBuilder b = transcripts.computeIfAbsent(file, f -> new StringBuilder());
                records.get(u.dir() + "/" + u.id() + ".wav").forEach(l -> b.append(l).append('\n'));
                speakers.put(u.speaker(), String.format(Locale.ROOT, "%-5d| %s | %-10s | %s", u.speaker(),
                        u.voice().contains("+f") ? "F" : "M", u.split(), u.voice()));
            }
            for (Map.Entry<String, StringBuilder> t : transcripts.entrySet()) {
                Files.writeString(root.resolve(t.getKey()), t.getValue(), StandardCharsets.UTF_8);
            }
            StringBuilder s = new StringBuilder("; espeak-ng voices as speakers\n; ID  | SEX | SUBSET     | VOICE\n");
            speakers.values().forEach(l -> s.append(l).append('\n'));
            Files.writeString(root.resolve("SPEAKERS.TXT"), s, StandardCharsets.UTF_8);
            if (given.containsKey("lm")) {
                Files.write(root.resolve(LM_TEXT), given.get("lm").stream().map(l -> l.toUpperCase(Locale.ROOT)).toList(),
                        StandardCharsets.UTF_8);
            }
        });
    }

    /**
     * Sentences of {@code text_files} per split ("train", "validation", "test") in utterance
     * order, and under "lm" the text for language models (sorted); empty when no text is named.
     * The usable sentences are shuffled by the seed and dealt test first, so the test set stays the
     * same when the training set grows: nested training subsets are prefixes of a larger one.
     */
    private static Map<String, List<String>> sentencesBySplit(Params p, Map<String, Integer> counts, double[] wordsPer, long seed)
            throws IOException {
        List<String> files = p.getStrings("text_files");
        String pkg = p.getString("text_package");
        String sha = p.getString("text_sha256");
        if (files.isEmpty()) {
            return Map.of();
        }
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> all = new ArrayList<>(Sentences.of(TextGenerator.read(files, pkg, sha, scratch), (int) wordsPer[0],
                (int) wordsPer[1]));
        int needed = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (all.size() < needed) {
            throw new IllegalArgumentException("datasets.yaml: text_files give " + all.size() + " usable sentences of "
                    + (int) wordsPer[0] + "-" + (int) wordsPer[1] + " words, fewer than the " + needed + " utterances asked for");
        }
        java.util.Collections.shuffle(all, new Random(Checksums.seedFor(seed, "sentences", 0)));
        Map<String, List<String>> out = new LinkedHashMap<>();
        int from = 0;
        for (String split : List.of("test", "validation", "train")) {
            out.put(split, List.copyOf(all.subList(from, from + counts.get(split))));
            from += counts.get(split);
        }
        int heldOut = counts.get("test") + counts.get("validation");
        List<String> lm = new ArrayList<>(all.subList(heldOut, all.size()));
        lm.sort(null);
        out.put("lm", lm);
        return out;
    }

    static List<String> vocabulary(List<String> words, int size, long seed) {
        List<String> shuffled = new ArrayList<>(words);
        java.util.Collections.shuffle(shuffled, new Random(Checksums.seedFor(seed, "vocabulary", 0)));
        List<String> v = new ArrayList<>(shuffled.subList(0, Math.min(size, shuffled.size())));
        v.sort(null);
        return v;
    }

    static float[] synthesize(Utterance u, int rate) throws IOException {
        float[] x = Signals.trim(Espeak.speak(u.text(), u.voice(), u.speed(), u.pitch(), rate), rate / 100, 45);
        int pad = rate / 10;
        float[] y = new float[x.length + 2 * pad];
        System.arraycopy(x, 0, y, pad, x.length);
        if (!Double.isNaN(u.noiseSnr())) {
            addNoise(y, Signals.rms(x) / Math.pow(10, u.noiseSnr() / 20), new Random(u.noiseSeed()));
        }
        double peak = Signals.peak(y);
        return peak > 0.98 ? Signals.scale(y, 0.98 / peak) : y;
    }

    /** Adds low-passed plus white noise with the given RMS, as a room and a microphone would. */
    static void addNoise(float[] y, double rms, Random r) {
        float[] n = new float[y.length];
        double lp = 0;
        for (int i = 0; i < n.length; i++) {
            double w = r.nextGaussian();
            lp = 0.9 * lp + 0.1 * w;
            n[i] = (float) (lp * 2 + 0.5 * w);
        }
        double g = rms / Signals.rms(n);
        for (int i = 0; i < y.length; i++) {
            y[i] += (float) (g * n[i]);
        }
    }
}
