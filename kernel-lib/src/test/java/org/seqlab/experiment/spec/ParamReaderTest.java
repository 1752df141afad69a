package org.seqlab.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Params;
import org.seqlab.features.Features;
import org.seqlab.features.LogMel;
import org.seqlab.features.Window;

/**
 * datasets.yaml params and feature specs are checked by the experiment layer's parameter system:
 * the same value rules as a declared {@link Param}, the same nearest-key suggestion, one line
 * naming file, owner and key.
 */
class ParamReaderTest {

    @Test
    void datasetParamsOfTheWrongTypeNameFileCorpusAndKey() {
        Params p = new Params("speech-words", Map.of("train", "many", "noise", "loud"));
        ConfigException e = assertThrows(ConfigException.class, () -> p.getInt("train", 5));
        assertEquals("datasets.yaml: speech-words.params.train: 'many' is not allowed; expected an integer", e.getMessage());
        assertEquals(12, new Params("w", Map.of("train", 12.0)).getInt("train", 5), "a whole number written 12.0 is an integer");
        assertEquals(5, new Params("w", Map.of()).getInt("train", 5));
        // the rule is Param's: an experiment key of the same type refuses the same value in the same words
        Problems problems = Problems.inJava();
        new Param("noise", ParamType.DOUBLE, null, null, null, null, "").coerce("loud", "noise", problems);
        ConfigException declared = assertThrows(ConfigException.class, problems::throwIfAny);
        ConfigException read = assertThrows(ConfigException.class, () -> p.getDouble("noise", 0.1));
        assertEquals(declared.problems().get(0).message(), read.problems().get(0).message());
    }

    @Test
    void misspeltDatasetParamIsRefusedWithTheNearestKnownKey() {
        Params p = new Params("soundscapes", Map.of("train", 4, "tset", 2));
        p.getInt("train", 100);
        p.getInt("validation", 25);
        p.getInt("test", 25);
        ConfigException e = assertThrows(ConfigException.class, p::checkAllUsed);
        assertEquals("datasets.yaml: soundscapes.params: unknown key 'tset'; did you mean 'test'?"
                + " (known keys: train, validation, test)", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void featureSpecErrorsGoThroughTheSameChecks() {
        Map<String, Object> map = new LinkedHashMap<>(LogMel.bins(40).toMap());
        map.put("hopp", 160);
        ConfigException unknown = assertThrows(ConfigException.class, () -> Features.fromMap(map));
        assertEquals("logmel: unknown key 'hopp'; did you mean 'hop'?", unknown.getMessage().substring(0, unknown.getMessage().indexOf(" (known")));
        ConfigException bins = assertThrows(ConfigException.class, () -> Features.fromMap(Map.of("name", "logmel", "bins", 6.5)));
        assertEquals("logmel.bins: '6.5' is not allowed; expected an integer", bins.getMessage());
        ConfigException window = assertThrows(ConfigException.class,
                () -> Features.fromMap(Map.of("name", "logmel", "window", "han")));
        assertEquals("logmel.window: 'han' is not allowed; expected one of " + String.join(", ", lowerNames())
                + "; did you mean 'hann'?", window.getMessage());
        assertEquals(Features.fromMap(Map.of("name", "logmel", "window", "hann")),
                Features.fromMap(Map.of("name", "logmel", "window", " HANN ")), "choices ignore case and spaces");
    }

    private static List<String> lowerNames() {
        return java.util.Arrays.stream(Window.values()).map(w -> w.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
