package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.experiment.cli.Sweep;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.yaml.SpecYaml;

/** Run names of {@code --sweep} points: distinct per point, readable, and valid experiment names. */
class SweepNamesTest {
    @Test
    void nameSpellsEachOverrideWithItsFullKey() {
        assertEquals("parity-gru--model.name=lstm", Sweep.name("parity-gru", List.of("model.name=lstm")));
        assertEquals("x--model.hidden=64--train.optimizer.lr=0.01",
                Sweep.name("x", List.of("model.hidden=64", "train.optimizer.lr=0.01")));
        // the last key part alone would have named both of these "x--name-a"
        assertNotEquals(Sweep.name("x", List.of("model.name=a")), Sweep.name("x", List.of("loss.name=a")));
    }

    @Test
    void gridHasOneDistinctNamePerPoint() {
        Sweep s = Sweep.of(List.of("model.name=lstm,gru", "model.hidden=4, 8"));
        assertEquals(List.of(List.of("model.name=lstm", "model.hidden=4"), List.of("model.name=lstm", "model.hidden=8"),
                List.of("model.name=gru", "model.hidden=4"), List.of("model.name=gru", "model.hidden=8")), s.points());
        assertEquals(4, s.points().stream().map(p -> Sweep.name("b", p)).distinct().count());
    }

    @Test
    void unsafeCharactersAreReplacedAndCollisionsRefused() {
        assertEquals("b--data.corpus.name=a_b_c", Sweep.name("b", List.of("data.corpus.name=a/b c")));
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.of(List.of("data.corpus.name=a/b,a_b")));
        assertTrue(e.getMessage().contains("share the run name 'data.corpus.name=a_b'"), e.getMessage());
        assertThrows(ConfigException.class, () -> Sweep.of(List.of("model.hidden=4,4")));
        assertTrue(assertThrows(ConfigException.class, () -> Sweep.of(List.of("model.hidden"))).getMessage()
                .contains("expected key.path=v1,v2"));
    }

    @Test
    void sweepNameSurvivesTheSpecRoundTripThatResumeDoes() {
        ExperimentSpec spec = SpecTest.parse(SpecTest.YAML, "train.optimizer.lr=0.25");
        ExperimentSpec named = spec.withName(Sweep.name(spec.name(), List.of("train.optimizer.lr=0.25")));
        assertEquals("toy--train.optimizer.lr=0.25", named.name());
        assertEquals(named, SpecTest.parse(SpecYaml.dump(named)));
    }
}
