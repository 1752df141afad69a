package org.seqlab.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqlab.features.Deltas;
import org.seqlab.features.Fbank;
import org.seqlab.features.FeatureSpec;
import org.seqlab.features.Features;
import org.seqlab.features.Mfcc;
import org.seqlab.features.SpecAugment;
import org.seqlab.features.Spectrogram;
import org.seqlab.features.LogMel;
import org.seqlab.features.Window;

/**
 * Feature specs are checked by the experiment layer's parameter system: the same value rules as a
 * declared {@link Param}, the same nearest-key suggestion, one line naming owner and key
 * (datasets.yaml params: {@code data.generate.GeneratorParamsTest}).
 */
class ParamReaderTest {

    @Test
    void featureSpecErrorsGoThroughTheSameChecks() {
        Map<String, Object> map = new LinkedHashMap<>(LogMel.bins(40).toMap());
        map.put("hopp", 160);
        ConfigException unknown = assertThrows(ConfigException.class, () -> Features.fromMap(map));
        assertEquals("logmel: unknown key 'hopp'; did you mean 'hop'?", unknown.getMessage().substring(0, unknown.getMessage().indexOf(" (declared")));
        ConfigException bins = assertThrows(ConfigException.class, () -> Features.fromMap(Map.of("name", "logmel", "bins", 6.5)));
        assertEquals("logmel.bins: '6.5' is not allowed; expected an integer in [1, 4096]", bins.getMessage());
        ConfigException hop = assertThrows(ConfigException.class, () -> Features.fromMap(Map.of("name", "mfcc", "hop", 0)));
        assertEquals("mfcc.hop: '0' is not allowed; expected an integer in [1, 65536]", hop.getMessage());
        ConfigException window = assertThrows(ConfigException.class,
                () -> Features.fromMap(Map.of("name", "logmel", "window", "han")));
        assertEquals("logmel.window: 'han' is not allowed; expected one of " + String.join(", ", lowerNames())
                + "; did you mean 'hann'?", window.getMessage());
        assertEquals(Features.fromMap(Map.of("name", "logmel", "window", "hann")),
                Features.fromMap(Map.of("name", "logmel", "window", " HANN ")), "choices ignore case and spaces");
    }

    @Test
    void everyExtractorDeclaresExactlyTheKeysOfItsSpecWithItsDocumentedDefaults() {
        Map<String, FeatureSpec> documented = new LinkedHashMap<>();
        documented.put(Spectrogram.NAME, Spectrogram.defaults());
        documented.put(LogMel.NAME, LogMel.bins(64));
        documented.put(Mfcc.NAME, Mfcc.coefficients(13));
        documented.put(Fbank.NAME, Fbank.kaldi(23));
        documented.put(Deltas.NAME, Deltas.of(Mfcc.coefficients(13)));
        assertEquals(Features.NAMES, List.copyOf(documented.keySet()));
        for (var e : documented.entrySet()) {
            Map<String, Object> written = new LinkedHashMap<>(e.getValue().toMap());
            written.remove("name");
            assertEquals(names(Features.declaration(e.getKey())), written.keySet(), e.getKey() + ": spec keys vs declaration");
            // a spec of its name alone reads every key through the declaration (an undeclared read throws)
            Map<String, Object> bare = e.getKey().equals(Deltas.NAME) ? Map.of("name", "deltas", "of", Map.of("name", "mfcc"))
                    : Map.of("name", e.getKey());
            assertEquals(e.getValue(), Features.fromMap(bare), e.getKey() + ": declared defaults");
        }
        // specs whose every key differs from the defaults come back whole, so every declared key is read
        for (FeatureSpec s : List.of(LogMel.torchaudio(), LogMel.librosa(), Mfcc.torchaudio(), Fbank.kaldi(40).mel(LogMel.librosa()))) {
            assertEquals(s, Features.fromMap(s.toMap()), s.toMap().toString());
        }
        Map<String, Object> masks = new LinkedHashMap<>(SpecAugment.none().toMap());
        masks.remove("name");
        assertEquals(names(SpecAugment.PARAMS), masks.keySet());
        assertEquals(SpecAugment.none(), SpecAugment.fromMap(Map.of("name", "specaugment")));
    }

    private static java.util.Set<String> names(List<Param> declaration) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        declaration.forEach(p -> out.add(p.name()));
        return out;
    }

    private static List<String> lowerNames() {
        return java.util.Arrays.stream(Window.values()).map(w -> w.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
