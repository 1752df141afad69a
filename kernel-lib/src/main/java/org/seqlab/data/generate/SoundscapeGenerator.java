package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Signals;
import org.seqlab.audio.Wav;
import org.seqlab.data.Checksums;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Event;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.Param;

/**
 * DCASE-like soundscapes: clips of background noise with events of the {@link SoundClass}es
 * placed at random times, at most {@code max_polyphony} at once, each at a signal-to-noise
 * ratio drawn from {@code snr_db} (event level measured while it sounds, against the
 * background's RMS). Written in the DESED / DCASE 2018 task 4 layout: a weakly labelled
 * training set ({@code metadata/train/weak.tsv}), strongly labelled validation and test sets;
 * the training set's strong labels are kept apart in {@code truth/train_strong.tsv} for analysis.
 */
public final class SoundscapeGenerator implements CorpusGenerator {
    /** Frame for trimming and level measurement: 10 ms at 16 kHz. */
    private static final double FRAME_SECONDS = 0.01;
    /** An event's level is its RMS over the frames within this many dB of its loudest. */
    private static final double ACTIVE_DB = 20;
    /** Frames this far below an event's loudest are never part of it, however quiet the background. */
    private static final double MAX_RANGE_DB = 40;
    private static final List<String> SPEECH_VOICES = List.of("en-us+m1", "en-us+f2", "en-gb+m3", "en-us+f4", "en+m5");

    /** Everything that shapes one clip, from datasets.yaml. */
    public record Settings(int sampleRate, double clipSeconds, int minEvents, int maxEvents, int maxPolyphony,
                           double minSnr, double maxSnr, double backgroundDb, List<SoundClass> classes, List<String> words) {
    }

    /** A rendered clip with its parts, so tests can check labels against the sources. */
    public record Clip(float[] mix, float[] background, float[] events, List<Event> labels) {
    }

    /** datasets.yaml {@code params} of generator {@code soundscapes}. */
    public static final List<Param> PARAMS = List.of(
            Param.integer("train", 100, 0, 1_000_000, "weakly labelled training clips"),
            Param.integer("validation", 25, 0, 1_000_000, "strongly labelled validation clips"),
            Param.integer("test", 25, 0, 1_000_000, "strongly labelled test clips"),
            Param.number("clip_seconds", 10, 0.5, 600, "clip length in seconds"),
            Param.integer("sample_rate", 16000, 8000, 48_000, "audio rate in Hz"),
            Param.range("events_per_clip", 1, 5, 0, 100, "events per clip, a whole number drawn in [low, high]"),
            Param.integer("max_polyphony", 2, 1, 16, "most events sounding at once"),
            Param.range("snr_db", 6, 20, -30, 60, "event level over the background in dB, drawn uniformly"),
            Param.number("background_db", -40, -120, 0, "background noise level in dB full scale"),
            Param.strings("classes", allLabels(), "event classes by label (SoundClass), all of them by default"));

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
        return p.getStrings("classes").contains("speech")
                ? Espeak.version() + " " + WordLists.fingerprint("en") : "";
    }

    static List<String> allLabels() {
        return Arrays.stream(SoundClass.values()).map(SoundClass::label).toList();
    }

    public static Settings settings(Params p) throws IOException {
        double[] events = p.getRange("events_per_clip");
        double[] snr = p.getRange("snr_db");
        List<SoundClass> classes = p.getStrings("classes").stream().map(SoundClass::byLabel).toList();
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("soundscapes: 'classes' is empty");
        }
        List<String> words = classes.contains(SoundClass.SPEECH) ? WordLists.words("en", true) : List.of();
        return new Settings(p.getInt("sample_rate"), p.getDouble("clip_seconds"), (int) events[0],
                (int) events[1], p.getInt("max_polyphony"), snr[0], snr[1], p.getDouble("background_db"),
                classes, words);
    }

    @Override
    public Plan plan(Params p, long seed) throws IOException {
        Settings s = settings(p);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("train", p.getInt("train"));
        counts.put("validation", p.getInt("validation"));
        counts.put("test", p.getInt("test"));
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String split = e.getKey();
            for (int i = 0; i < e.getValue(); i++) {
                String file = String.format(Locale.ROOT, "%s_%04d.wav", split, i);
                long itemSeed = Checksums.seedFor(seed, split, i);
                jobs.add(new Job() {
                    @Override
                    public String path() {
                        return audioDir(split) + "/" + file;
                    }

                    @Override
                    public List<String> render(Path target) throws IOException {
                        Clip clip = clip(s, new Random(itemSeed));
                        Wav.write(target, Audio.mono(clip.mix(), s.sampleRate()));
                        return strongLines(file, clip.labels());
                    }
                });
            }
        }
        return Plan.of(jobs, (root, records) -> {
            for (String split : counts.keySet()) {
                List<String> strong = new ArrayList<>();
                String prefix = audioDir(split) + "/";
                records.forEach((path, lines) -> {
                    if (path.startsWith(prefix)) {
                        strong.addAll(lines);
                    }
                });
                String header = "filename\tonset\toffset\tevent_label";
                if (split.equals("train")) {
                    write(root.resolve("metadata/train/weak.tsv"), "filename\tevent_labels", weakLines(strong));
                    write(root.resolve("truth/train_strong.tsv"), header, strong);
                } else {
                    write(root.resolve("metadata/" + split + "/" + split + ".tsv"), header, strong);
                }
            }
        });
    }

    static String audioDir(String split) {
        return split.equals("train") ? "audio/train/weak" : "audio/" + split;
    }

    static List<String> strongLines(String file, List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            out.add(String.format(Locale.ROOT, "%s\t%.3f\t%.3f\t%s", file, e.onset(), e.offset(), e.label()));
        }
        if (out.isEmpty()) {
            out.add(file + "\t\t\t");
        }
        return out;
    }

    /** Clip tags: the distinct labels of each file's events, comma separated as in DCASE. */
    static List<String> weakLines(List<String> strong) {
        Map<String, TreeSet<String>> tags = new LinkedHashMap<>();
        for (String line : strong) {
            String[] c = line.split("\t", -1);
            TreeSet<String> t = tags.computeIfAbsent(c[0], k -> new TreeSet<>());
            if (!c[3].isEmpty()) {
                t.add(c[3]);
            }
        }
        List<String> out = new ArrayList<>();
        tags.forEach((file, t) -> out.add(file + "\t" + String.join(",", t)));
        return out;
    }

    private static void write(Path file, String header, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder b = new StringBuilder(header).append('\n');
        lines.forEach(l -> b.append(l).append('\n'));
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    /** Renders one clip from its own random stream. */
    public static Clip clip(Settings s, Random r) throws IOException {
        int rate = s.sampleRate();
        int n = (int) Math.round(s.clipSeconds() * rate);
        int frame = (int) Math.round(FRAME_SECONDS * rate);
        float[] background = background(r, n, Math.pow(10, s.backgroundDb() / 20));
        double bgRms = Signals.rms(background);
        float[] events = new float[n];
        int[] active = new int[(n + frame - 1) / frame];
        List<Event> labels = new ArrayList<>();
        int count = s.minEvents() + r.nextInt(s.maxEvents() - s.minEvents() + 1);
        for (int k = 0; k < count; k++) {
            SoundClass c = s.classes().get(r.nextInt(s.classes().size()));
            float[] raw = c == SoundClass.SPEECH ? speech(s, r) : c.synthesize(r, rate);
            double snr = s.minSnr() + (s.maxSnr() - s.minSnr()) * r.nextDouble();
            double gain = bgRms * Math.pow(10, snr / 20) / Signals.activeRms(raw, frame, ACTIVE_DB);
            float[] ev = audible(raw, n, frame, bgRms / gain);
            int frames = (ev.length + frame - 1) / frame;
            int start = -1;
            for (int attempt = 0; attempt < 20 && start < 0; attempt++) {
                int candidate = (n - ev.length) <= 0 ? 0 : r.nextInt((n - ev.length) / frame + 1) * frame;
                boolean free = true;
                for (int f = candidate / frame; f < Math.min(active.length, candidate / frame + frames); f++) {
                    free &= active[f] < s.maxPolyphony();
                }
                if (free) {
                    start = candidate;
                }
            }
            if (start < 0 || ev.length == 0) {
                continue; // no room within the polyphony limit
            }
            for (int i = 0; i < ev.length; i++) {
                events[start + i] += (float) (gain * ev[i]);
            }
            for (int f = start / frame; f < Math.min(active.length, start / frame + frames); f++) {
                active[f]++;
            }
            labels.add(new Event(round3((double) start / rate), round3((double) (start + ev.length) / rate), c.label()));
        }
        labels.sort((a, b) -> Double.compare(a.onset(), b.onset()));
        float[] mix = new float[n];
        for (int i = 0; i < n; i++) {
            mix[i] = background[i] + events[i];
        }
        double peak = Signals.peak(mix);
        if (peak > 0.98) {
            double g = 0.98 / peak;
            mix = Signals.scale(mix, g);
            background = Signals.scale(background, g);
            events = Signals.scale(events, g);
        }
        return new Clip(mix, background, events, labels);
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /**
     * The part of an event that rises above the background: frames quieter than the
     * background's RMS (after levelling) are cut from both ends, as are frames more than
     * {@code MAX_RANGE_DB} below the loudest, so the label spans exactly what can be heard.
     * Events longer than the clip are cut and faded.
     */
    private static float[] audible(float[] raw, int clipLength, int frame, double backgroundInEventUnits) {
        double peakRms = Math.pow(10, Arrays.stream(Signals.frameDb(raw, frame)).max().orElse(-200) / 20);
        double floor = Math.max(backgroundInEventUnits, peakRms * Math.pow(10, -MAX_RANGE_DB / 20));
        float[] ev = Signals.trimBelow(raw, frame, floor);
        if (ev.length > clipLength) {
            ev = Signals.trimBelow(Signals.fade(Arrays.copyOf(ev, clipLength), frame), frame, floor);
        }
        return ev;
    }

    /** A few words from espeak-ng, at most 3 s, at the clip rate. */
    private static float[] speech(Settings s, Random r) throws IOException {
        StringBuilder text = new StringBuilder();
        int words = 2 + r.nextInt(4);
        for (int w = 0; w < words; w++) {
            text.append(w > 0 ? " " : "").append(s.words().get(r.nextInt(s.words().size())));
        }
        String voice = SPEECH_VOICES.get(r.nextInt(SPEECH_VOICES.size()));
        float[] x = Espeak.speak(text.toString(), voice, 140 + r.nextInt(60), 30 + r.nextInt(40), s.sampleRate());
        int max = 3 * s.sampleRate();
        return x.length > max ? Signals.fade(Arrays.copyOf(x, max), s.sampleRate() / 50) : x;
    }

    /** Stationary coloured noise (low-passed plus a little white) at the given RMS. */
    private static float[] background(Random r, int n, double targetRms) {
        float[] x = new float[n];
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            lp = 0.97 * lp + 0.03 * w;
            x[i] = (float) (lp * 4 + 0.3 * w);
        }
        return Signals.scale(x, targetRms / Signals.rms(x));
    }
}
