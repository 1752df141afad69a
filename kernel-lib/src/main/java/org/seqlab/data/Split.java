package org.seqlab.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.seqlab.audio.Audio;
import org.seqlab.audio.AudioFormatException;
import org.seqlab.display.Progress;
import org.seqlab.features.FeatureExtractor;

/**
 * The examples of one split of a corpus (train, validation, test...) and the means to decode
 * them. Decoding skips corrupt files and counts them in {@link #report()}, or fails at once
 * when the corpus was opened in strict mode.
 */
public final class Split {
    /** Sample rate every signal is converted to unless asked otherwise. */
    public static final int DEFAULT_RATE = 16000;

    private final String corpus;
    private final String name;
    private final List<Example> examples;
    private final LoadReport report;

    public Split(String corpus, String name, List<Example> examples, LoadReport report) {
        this.corpus = corpus;
        this.name = name;
        this.examples = List.copyOf(examples);
        this.report = report;
    }

    public String corpus() {
        return corpus;
    }

    public String name() {
        return name;
    }

    public List<Example> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    public Example get(int i) {
        return examples.get(i);
    }

    /** Files skipped while reading metadata and decoding audio. */
    public LoadReport report() {
        return report;
    }

    /** Every clip-level and event label in the split, sorted. */
    public List<String> labelSet() {
        TreeSet<String> s = new TreeSet<>();
        for (Example e : examples) {
            s.addAll(e.labels());
            e.events().forEach(ev -> s.add(ev.label()));
        }
        return new ArrayList<>(s);
    }

    public Split filter(Predicate<Example> keep) {
        return new Split(corpus, name, examples.stream().filter(keep).toList(), report);
    }

    /** The first {@code n} examples, for quick looks in a notebook. */
    public Split head(int n) {
        return new Split(corpus, name, examples.subList(0, Math.min(n, examples.size())), report);
    }

    /** Mono audio of one example at {@code rate}; errors name the file. */
    public float[] signal(Example e, int rate) throws IOException {
        return Audio.read(e.audio()).mono(rate);
    }

    /** A decoded example; bad files are left out and counted in {@link #report()}. */
    public record Decoded(Example example, float[] signal, int sampleRate) {
    }

    public List<Decoded> decodeAll(int rate) {
        List<Decoded> out = new ArrayList<>();
        try (Progress bar = Progress.start("decode " + corpus + "/" + name, examples.size())) {
            for (Example e : examples) {
                try {
                    out.add(new Decoded(e, signal(e, rate), rate));
                } catch (AudioFormatException ex) {
                    report.skip(ex);
                } catch (IOException ex) {
                    report.skip(e.audio(), ex.toString());
                }
                bar.step();
            }
        }
        report.warnIfSkipped();
        return Collections.unmodifiableList(out);
    }

    /** Features of every example by {@code extractor}, computed lazily (see {@link FeatureSplit}). */
    public FeatureSplit features(FeatureExtractor extractor) {
        return new FeatureSplit(this, extractor, DEFAULT_RATE, FeatureStore.installed());
    }

    /** A notebook audio player for example {@code i}, captioned with its transcript or labels. */
    public org.seqlab.audio.AudioPlayer player(int i) throws IOException {
        Example e = get(i);
        String caption = e.id() + ": " + (e.transcript() != null ? e.transcript() : String.join(", ", e.labels()));
        return org.seqlab.audio.AudioPlayer.of(signal(e, DEFAULT_RATE), DEFAULT_RATE).withCaption(caption);
    }

    /** Example {@code i}'s features (e.g. a log-mel spectrogram) with its event labels drawn over them. */
    public LabelledSpectrogram spectrogram(int i, FeatureExtractor extractor) throws IOException {
        Example e = get(i);
        float[] x = signal(e, DEFAULT_RATE);
        float[][] f = extractor.extract(x, DEFAULT_RATE);
        double secondsPerFrame = (double) x.length / DEFAULT_RATE / Math.max(1, f.length);
        return new LabelledSpectrogram(f, secondsPerFrame, e.events(), corpus + "/" + name + " " + e.id());
    }

    @Override
    public String toString() {
        return corpus + "/" + name + " (" + examples.size() + " examples" + (report.skipped() > 0
                ? ", " + report.skipped() + " skipped" : "") + ")";
    }
}
