package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.yaml.SpecYaml;

class SpecTest {
    static final String YAML = """
            name: toy
            data:
              corpus: {name: toy-sign, length: 6}
            model:
              name: toy-linear
              init-scale: 0.5
            loss: toy-xent
            train:
              optimizer: {name: toy-sgd, lr: 0.5}
              epochs: 3
              batch: 16
              seed: 4
            evaluate:
              metrics: [accuracy, macro-f1]
              monitor: accuracy
            """;

    static ExperimentSpec parse(String yaml, String... overrides) {
        return SpecYaml.parse(yaml, "toy.yaml", List.of(overrides), Registry.global());
    }

    static Experiment javaFace() {
        return Experiment.named("toy")
                .data(Data.corpus("toy-sign").with("length", 6))
                .model("toy-linear", "init-scale", 0.5)
                .loss("toy-xent")
                .train(Train.with(Choice.of("toy-sgd").with("lr", 0.5)).epochs(3).batch(16).seed(4))
                .evaluate(Eval.metrics("accuracy", "macro-f1").monitor("accuracy"));
    }

    @Test
    void javaBuilderAndYamlGiveTheSameSpec() {
        assertEquals(parse(YAML), javaFace().spec());
    }

    @Test
    void resolvedYamlRoundTripsAndSpellsOutDefaults() {
        ExperimentSpec spec = parse(YAML);
        String resolved = SpecYaml.dump(spec);
        assertEquals(spec, parse(resolved));
        assertEquals(resolved, SpecYaml.dump(parse(resolved)));
        for (String s : List.of("train-fraction: 1.0", "patience: 0", "clip: 0.0", "momentum: 0.0", "name: argmax",
                "name: constant", "hidden: 4", "split: test", "data-seed: 7")) {
            assertTrue(resolved.contains(s), () -> "missing '" + s + "' in\n" + resolved);
        }
    }

    /** evaluate.batch is written only when set, so every config from before the key keeps its resolved text and id. */
    @Test
    void evaluationBatchIsCheckedAndWrittenOnlyWhenSet() {
        assertFalse(SpecYaml.dump(parse(YAML)).contains("batch: 0"));
        ExperimentSpec set = parse(YAML, "evaluate.batch=64");
        assertEquals(64, set.evaluate().batchOr(16));
        assertEquals(16, parse(YAML).evaluate().batchOr(16));
        assertEquals(set, parse(SpecYaml.dump(set)));
        assertEquals(set, javaFace().evaluate(Eval.metrics("accuracy", "macro-f1").monitor("accuracy").batch(64)).spec());
        ConfigException e = assertThrows(ConfigException.class, () -> parse(YAML, "evaluate.batch=-1"));
        assertTrue(e.getMessage().contains("evaluate.batch: '-1' is not allowed"), e.getMessage());
    }

    /** One name per split: the old spelling "valid" is refused in one line that points to "validation". */
    @Test
    void splitIsCalledValidationAndTheOldNameIsRefused() {
        assertEquals("validation", parse(YAML, "evaluate.split=validation").evaluate().split());
        ConfigException split = assertThrows(ConfigException.class,
                () -> parse(YAML.replace("monitor: accuracy", "monitor: accuracy\n  split: valid")));
        assertTrue(split.getMessage().startsWith("toy.yaml:16: evaluate.split:"), split.getMessage());
        assertTrue(split.getMessage().contains("did you mean 'validation'?"), split.getMessage());
        assertEquals(1, split.getMessage().lines().count(), split.getMessage());
        ConfigException size = assertThrows(ConfigException.class,
                () -> parse(YAML.replace("length: 6}", "length: 6, valid: 10}")));
        assertTrue(size.getMessage().startsWith("toy.yaml:3: data.corpus.valid: unknown key 'valid'; did you mean 'validation'?"),
                size.getMessage());
    }

    @Test
    void differentValuesGiveUnequalSpecs() {
        assertNotEquals(parse(YAML), parse(YAML, "train.seed=5"));
        assertEquals(5L, parse(YAML, "train.seed=5").train().seed());
        assertEquals(0.25, parse(YAML, "train.optimizer.lr=0.25").train().optimizer().params().get("lr"));
    }

    @Test
    void misspelledKeyNamesPathLineAndSuggestion() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(YAML.replace("epochs: 3", "epocs: 3")));
        assertEquals("toy.yaml:10: train.epocs: unknown key 'epocs'; did you mean 'epochs'?"
                + " (valid here: optimizer, schedule, epochs, batch, clip, patience, seed, truncate, bucket, updates)", e.getMessage());
        ConfigException p = assertThrows(ConfigException.class, () -> parse(YAML.replace("init-scale", "init_scal")));
        assertTrue(p.getMessage().startsWith("toy.yaml:6: model.init_scal: unknown key 'init_scal'; did you mean 'init-scale'?"),
                p.getMessage());
    }

    @Test
    void unknownChoiceSuggestsRegisteredName() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(YAML.replace("toy-xent", "toy-xnet")));
        assertTrue(e.getMessage().startsWith("toy.yaml:7: loss: unknown loss 'toy-xnet'; did you mean 'toy-xent'?"), e.getMessage());
    }

    @Test
    void wrongTypeAndRangeNameKeyValueAndWhatIsAllowed() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(YAML.replace("batch: 16", "batch: 0")));
        assertEquals("toy.yaml:11: train.batch: '0' is not allowed; expected an integer in [1, 65536]", e.getMessage());
        ConfigException t = assertThrows(ConfigException.class, () -> parse(YAML.replace("lr: 0.5", "lr: fast")));
        assertEquals("toy.yaml:9: train.optimizer.lr: 'fast' is not allowed; expected a number in [1.0E-8, 1000000]",
                t.getMessage());
        ConfigException f = assertThrows(ConfigException.class, () -> parse(YAML.replace("epochs: 3", "epochs: 2.5")));
        assertTrue(f.getMessage().contains("train.epochs: '2.5' is not allowed; expected an integer"), f.getMessage());
    }

    @Test
    void allProblemsAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse(YAML.replace("epochs: 3", "epochs: -1").replace("monitor: accuracy", "monitor: acuracy")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("evaluate.monitor: 'acuracy' is neither 'loss' nor one of evaluate.metrics"
                + " (accuracy, macro-f1); did you mean 'accuracy'?"), e.getMessage());
    }

    @Test
    void overridesMeetTheSameChecks() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(YAML, "train.batchsize=8"));
        assertTrue(e.getMessage().contains("train.batchsize: unknown key 'batchsize'; did you mean 'batch'?"), e.getMessage());
        assertEquals("toy-linear", parse(YAML, "model=toy-linear").model().name());
    }

    @Test
    void javaFaceErrorsMatchYamlErrorsWithoutLines() {
        ConfigException e = assertThrows(ConfigException.class, () -> javaFace().train(Train.with(Choice.of("toy-sgd")).batch(0)).spec());
        assertEquals("train.batch: '0' is not allowed; expected an integer in [1, 65536]", e.getMessage());
        ConfigException m = assertThrows(ConfigException.class, () -> Experiment.named("x").spec());
        assertTrue(m.getMessage().contains("data.corpus: missing"), m.getMessage());
        assertTrue(m.getMessage().contains("model: missing"), m.getMessage());
    }

    @Test
    void invalidYamlSyntaxGivesLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("name: a\nmodel: [x\n"));
        assertTrue(e.getMessage().startsWith("toy.yaml:3: (top level): not valid YAML"), e.getMessage());
    }
}
