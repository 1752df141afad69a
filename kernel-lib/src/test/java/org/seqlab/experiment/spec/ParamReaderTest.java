package org.seqlab.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqlab.features.Features;
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
