package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.seqlab.experiment.spec.Param;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/** Reads extractor specs back from their plain maps and renders the stable cache key. */
public final class Features {
    /** The extractors {@link #fromMap} reads, by spec name. */
    public static final List<String> NAMES = List.of(Spectrogram.NAME, LogMel.NAME, Mfcc.NAME, Fbank.NAME, Deltas.NAME);

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
        String kind = name.toLowerCase(Locale.ROOT);
        Map<String, Object> values = new LinkedHashMap<>(map);
        values.remove("name");
        ParamReader p = new ParamReader(null, name, declaration(kind), values);
        return switch (kind) {
            case Spectrogram.NAME -> Spectrogram.read(p);
            case LogMel.NAME -> LogMel.read(p);
            case Mfcc.NAME -> Mfcc.read(p);
            case Fbank.NAME -> Fbank.read(p);
            default -> Deltas.read(p);
        };
    }

    /** The parameters extractor {@code name} declares: the keys of its spec map besides {@code name}. */
    public static List<Param> declaration(String name) {
        return switch (name) {
            case Spectrogram.NAME -> Spectrogram.PARAMS;
            case LogMel.NAME -> LogMel.PARAMS;
            case Mfcc.NAME -> Mfcc.PARAMS;
            case Fbank.NAME -> Fbank.PARAMS;
            case Deltas.NAME -> Deltas.PARAMS;
            default -> throw new IllegalArgumentException("unknown feature extractor name '" + name + "'; known: " + NAMES);
        };
    }

    /** A choice among an enum's constants, spelt in lower case as specs spell them. */
    static Param choice(String key, Enum<?> def, String doc) {
        List<String> names = java.util.Arrays.stream(def.getDeclaringClass().getEnumConstants()).map(Features::lower).toList();
        return Param.oneOf(key, lower(def), names, doc);
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
