package org.seqlab.features;

import java.util.Locale;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/** Reads extractor specs back from their plain maps and renders the stable cache key. */
public final class Features {
    private Features() {
    }

    /**
     * The spec a {@link FeatureSpec#toMap()} map describes. Missing keys take the defaults of
     * {@code Spectrogram.defaults()}, {@code LogMel.bins(64)}, {@code Mfcc.coefficients(13)} or
     * {@code Fbank.kaldi(23)}; unknown keys and wrong types fail with the key named.
     */
    public static FeatureSpec fromMap(Map<String, ?> map) {
        if (map == null || !(map.get("name") instanceof String name)) {
            throw new IllegalArgumentException("feature spec needs a 'name' (spectrogram, logmel, mfcc, fbank, deltas), got "
                    + (map == null ? null : map.get("name")));
        }
        ParamReader p = new ParamReader(null, name, map).known("name");
        FeatureSpec spec = switch (name.toLowerCase(Locale.ROOT)) {
            case Spectrogram.NAME -> Spectrogram.read(p, Spectrogram.defaults());
            case LogMel.NAME -> LogMel.read(p, LogMel.bins(64));
            case Mfcc.NAME -> Mfcc.read(p);
            case Fbank.NAME -> Fbank.read(p);
            case Deltas.NAME -> Deltas.read(p);
            default -> throw new IllegalArgumentException("unknown feature extractor name '" + name
                    + "'; known: spectrogram, logmel, mfcc, fbank, deltas");
        };
        p.finish();
        return spec;
    }

    /** An enum constant as specs spell it. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** name{key=value,...} in the map's order; doubles in Java's shortest exact form. */
    static String key(Map<String, ?> map) {
        StringBuilder b = new StringBuilder(String.valueOf(map.get("name"))).append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey().equals("name")) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(e.getKey()).append('=');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> m = (Map<String, ?>) nested;
                b.append(key(m));
            } else {
                b.append(v);
            }
        }
        return b.append('}').toString();
    }
}
