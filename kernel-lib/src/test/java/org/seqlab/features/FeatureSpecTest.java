package org.seqlab.features;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.features.SpectrogramTest.assertMessage;

/** Specs are values: withers, equality, map round trips and keys that change with every setting. */
class FeatureSpecTest {

    static List<FeatureSpec> examples() {
        return List.of(
                Spectrogram.defaults(),
                Spectrogram.defaults().window(Window.HAMMING).spectrum(Spectrum.MAGNITUDE).framing(Framing.CENTER_ZERO),
                LogMel.bins(64),
                LogMel.bins(80).fmin(20).fmax(7600).hop(320).floor(1e-6),
                LogMel.torchaudio(),
                LogMel.librosa(),
                LogMel.bins(40).compression(Compression.DB).topDb(80),
                Mfcc.coefficients(13),
                Mfcc.torchaudio(),
                Fbank.kaldi(80),
                Fbank.kaldi(23).energy(true).energyFloor(0),
                Deltas.of(Mfcc.coefficients(13)),
                Deltas.of(Fbank.kaldi(40)).order(1).window(9));
    }

    @Test
    void mapRoundTripGivesAnEqualSpec() {
        for (FeatureSpec spec : examples()) {
            Map<String, Object> map = spec.toMap();
            FeatureSpec back = Features.fromMap(map);
            assertEquals(spec, back, "round trip of " + map);
            assertEquals(spec.hashCode(), back.hashCode());
            assertEquals(spec.key(), back.key());
        }
    }

    @Test
    void yamlRoundTripGivesAnEqualSpec() {
        // spec -> YAML text (snakeyaml-engine, as experiment configs are written) -> spec
        var dump = new org.snakeyaml.engine.v2.api.Dump(org.snakeyaml.engine.v2.api.DumpSettings.builder().build());
        var load = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build());
        for (FeatureSpec spec : examples()) {
            String yaml = dump.dumpToString(spec.toMap());
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) load.loadFromString(yaml);
            assertEquals(spec, Features.fromMap(map), yaml);
        }
    }

    @Test
    void yamlLikeNumbersAreAccepted() {
        // a YAML layer may give integers as Integer or Long and 1e-10 as a Double or a String
        Map<String, Object> map = new HashMap<>();
        map.put("name", "logmel");
        map.put("bins", 64L);
        map.put("floor", "1e-10");
        map.put("fmax", 8000);
        assertEquals(LogMel.bins(64).fmax(8000), Features.fromMap(map));
    }

    @Test
    void keysDifferForEverySetting() {
        List<FeatureSpec> variants = List.of(LogMel.bins(64), LogMel.bins(64).fft(1024), LogMel.bins(64).win(320),
                LogMel.bins(64).hop(161), LogMel.bins(64).window(Window.HAMMING), LogMel.bins(64).framing(Framing.SNIP_EDGES),
                LogMel.bins(64).spectrum(Spectrum.MAGNITUDE), LogMel.bins(63), LogMel.bins(64).fmin(1),
                LogMel.bins(64).fmax(7999), LogMel.bins(64).scale(MelScale.SLANEY), LogMel.bins(64).slaneyNorm(true),
                LogMel.bins(64).floor(1e-9), LogMel.bins(64).compression(Compression.DB), LogMel.bins(64).sampleRate(8000),
                LogMel.bins(64).spectrogram(LogMel.bins(64).spectrogram().preemphasis(0.97)),
                LogMel.bins(64).spectrogram(LogMel.bins(64).spectrogram().removeDc(true)));
        assertEquals(variants.size(), variants.stream().map(FeatureSpec::key).distinct().count());
        assertEquals("logmel{sample_rate=16000,fft=512,win=400,hop=160,window=hann,framing=center_reflect,"
                + "preemphasis=0.0,remove_dc=false,spectrum=power,bins=64,fmin=0.0,fmax=0.0,mel_scale=htk,"
                + "slaney_norm=false,compression=log,floor=1.0E-10,top_db=0.0}", LogMel.bins(64).key());
        assertTrue(Deltas.of(LogMel.bins(64)).key().contains(LogMel.bins(64).key()));
    }

    @Test
    void withersLeaveTheOriginalUnchanged() {
        LogMel base = LogMel.bins(64);
        LogMel changed = base.hop(320).fmax(7000);
        assertEquals(160, base.spectrogram().hop());
        assertEquals(0.0, base.filterbank().fmax());
        assertNotEquals(base, changed);
        assertEquals(LogMel.bins(64), base);
        assertEquals(64, base.dimension());
        assertEquals(81, Fbank.kaldi(80).energy(true).dimension());
        assertEquals(39, Deltas.of(Mfcc.coefficients(13)).dimension());
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        Map<String, Object> map = new LinkedHashMap<>(LogMel.bins(64).toMap());
        map.put("hopp", 100);
        assertMessage(() -> Features.fromMap(map), "unknown key 'hopp'", "logmel");
        assertMessage(() -> Features.fromMap(Map.of("name", "logmel", "window", "blackman")), "window", "blackman",
                "hann");
        assertMessage(() -> Features.fromMap(Map.of("name", "logmel", "bins", 6.5)), "bins", "6.5", "integer");
        assertMessage(() -> Features.fromMap(Map.of("name", "mel")), "unknown feature extractor name 'mel'");
        assertMessage(() -> Features.fromMap(Map.of("bins", 3)), "name");
        assertMessage(() -> Features.fromMap(Map.of("name", "deltas", "of", Map.of("name", "mfcc", "bogus", 1))),
                "unknown key 'bogus'", "mfcc");
        assertMessage(() -> Features.fromMap(Map.of("name", "logmel", "fft", 256)), "fft (256)", "win (400)");
        assertMessage(() -> Features.fromMap(Map.of("name", "mfcc", "coefficients", 50, "bins", 40)),
                "coefficients (50)", "40");
        assertMessage(() -> Features.fromMap(Map.of("name", "logmel", "top_db", 80)), "top_db", "db");
    }
}
