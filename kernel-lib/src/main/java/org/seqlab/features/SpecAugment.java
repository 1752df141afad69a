package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqlab.experiment.spec.ParamReader;

/**
 * SpecAugment's frequency and time masks (Park et al. 2019), without time warping. Each mask's
 * width is uniform in [0, max width] and its start uniform over the positions where it fits,
 * as torchaudio's FrequencyMasking / TimeMasking; masked cells take {@code value}. The random
 * stream is explicit so that an epoch's augmentation is reproducible from its seed.
 *
 * @param maxTimeFraction upper bound on a time mask's width as a fraction of the utterance's
 *                        frames (the paper's p; 1 = no bound)
 */
public record SpecAugment(int freqMasks, int maxFreqWidth, int timeMasks, int maxTimeWidth, double maxTimeFraction,
                          float value) {

    public static final String NAME = "specaugment";

    public SpecAugment {
        nonNegative("freq_masks", freqMasks);
        nonNegative("max_freq_width", maxFreqWidth);
        nonNegative("time_masks", timeMasks);
        nonNegative("max_time_width", maxTimeWidth);
        if (!(maxTimeFraction > 0 && maxTimeFraction <= 1)) {
            throw new IllegalArgumentException("max_time_fraction must be in (0, 1], got " + maxTimeFraction);
        }
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("mask value must be finite, got " + value);
        }
    }

    /** No masks; add them with {@link #freq} and {@link #time}. */
    public static SpecAugment none() {
        return new SpecAugment(0, 0, 0, 0, 1.0, 0f);
    }

    /** The paper's LibriSpeech basic policy (LB) without warping: 1 x F=27, 1 x T=100, p=1. */
    public static SpecAugment librispeechBasic() {
        return none().freq(1, 27).time(1, 100);
    }

    public SpecAugment freq(int masks, int maxWidth) {
        return new SpecAugment(masks, maxWidth, timeMasks, maxTimeWidth, maxTimeFraction, value);
    }

    public SpecAugment time(int masks, int maxWidth) {
        return new SpecAugment(freqMasks, maxFreqWidth, masks, maxWidth, maxTimeFraction, value);
    }

    public SpecAugment maxTimeFraction(double p) {
        return new SpecAugment(freqMasks, maxFreqWidth, timeMasks, maxTimeWidth, p, value);
    }

    /** The value masked cells take: 0 after mean normalisation, or the log floor before it. */
    public SpecAugment value(float v) {
        return new SpecAugment(freqMasks, maxFreqWidth, timeMasks, maxTimeWidth, maxTimeFraction, v);
    }

    /** A masked copy; the same seed always gives the same masks. */
    public float[][] apply(float[][] features, long seed) {
        return apply(features, new SplittableRandom(seed));
    }

    /** A masked copy drawing from {@code random}, so one stream can serve a whole epoch. */
    public float[][] apply(float[][] features, SplittableRandom random) {
        int frames = features.length;
        float[][] out = new float[frames][];
        for (int t = 0; t < frames; t++) {
            out[t] = features[t].clone();
        }
        if (frames == 0) {
            return out;
        }
        int dims = out[0].length;
        for (int i = 0; i < freqMasks; i++) {
            int width = random.nextInt(Math.min(maxFreqWidth, dims) + 1);
            int start = random.nextInt(dims - width + 1);
            for (float[] row : out) {
                java.util.Arrays.fill(row, start, start + width, value);
            }
        }
        int timeCap = Math.min(maxTimeWidth, (int) Math.floor(maxTimeFraction * frames));
        for (int i = 0; i < timeMasks; i++) {
            int width = random.nextInt(timeCap + 1);
            int start = random.nextInt(frames - width + 1);
            for (int t = start; t < start + width; t++) {
                java.util.Arrays.fill(out[t], value);
            }
        }
        return out;
    }

    /** Plain form for a YAML config: name "specaugment" and every parameter. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("freq_masks", freqMasks);
        m.put("max_freq_width", maxFreqWidth);
        m.put("time_masks", timeMasks);
        m.put("max_time_width", maxTimeWidth);
        m.put("max_time_fraction", maxTimeFraction);
        m.put("value", (double) value);
        return m;
    }

    /** Reads {@link #toMap()}'s form; missing keys mean no masks, unknown keys fail naming the key. */
    public static SpecAugment fromMap(Map<String, ?> map) {
        if (map == null || !NAME.equals(map.get("name"))) {
            throw new IllegalArgumentException("specaugment spec needs name: " + NAME + ", got "
                    + (map == null ? null : map.get("name")));
        }
        ParamReader p = new ParamReader(null, NAME, map).known("name");
        SpecAugment s = new SpecAugment(p.integer("freq_masks", 0), p.integer("max_freq_width", 0),
                p.integer("time_masks", 0), p.integer("max_time_width", 0), p.number("max_time_fraction", 1.0),
                (float) p.number("value", 0.0));
        p.finish();
        return s;
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }
}
