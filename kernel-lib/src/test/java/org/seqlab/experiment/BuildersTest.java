package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ChoiceBuilder;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.yaml.SpecYaml;

/**
 * The typed builders are the YAML: every registered model, loss, feature extractor, optimizer and
 * schedule has one; its setters are exactly the entry's declared parameters; and for every entry
 * of every kind, a spec with each parameter set away from its default survives YAML and back.
 */
class BuildersTest {
    /** The typed builder of each entry, by kind and name. */
    static final Map<String, Supplier<ChoiceBuilder<?>>> BUILDERS = new LinkedHashMap<>();
    static final List<Kind<?>> TYPED = List.of(Kind.MODEL, Kind.LOSS, Kind.FEATURES, Kind.OPTIMIZER, Kind.SCHEDULE);

    static {
        BUILDERS.put("model lstm", Models::lstm);
        BUILDERS.put("model gru", Models::gru);
        BUILDERS.put("model rnn", Models::rnn);
        BUILDERS.put("model generator", Models::generator);
        BUILDERS.put("model lenet", Models::lenet);
        BUILDERS.put("model window-mlp", Models::windowMlp);
        BUILDERS.put("model crnn", Models::crnn);
        BUILDERS.put("model frame-mlp", Models::frameMlp);
        BUILDERS.put("model las", Models::las);
        BUILDERS.put("model hgru", Models::hgru);
        BUILDERS.put("model seq2seq", Models::seq2seq);
        BUILDERS.put("model show-attend-tell", Models::showAttendTell);
        BUILDERS.put("loss seq2seq-cross-entropy", Losses::seq2seqCrossEntropy);
        BUILDERS.put("loss cross-entropy", Losses::crossEntropy);
        BUILDERS.put("loss mse", Losses::mse);
        BUILDERS.put("loss binary-cross-entropy", Losses::binaryCrossEntropy);
        BUILDERS.put("loss ctc", Losses::ctc);
        BUILDERS.put("loss weak-labels", Losses::weakLabels);
        BUILDERS.put("features logmel", () -> Features.logMel(64));
        BUILDERS.put("features mfcc", () -> Features.mfcc(13));
        BUILDERS.put("features none", Features::none);
        BUILDERS.put("optimizer adam", Optimizers::adam);
        BUILDERS.put("optimizer adamw", Optimizers::adamw);
        BUILDERS.put("optimizer sgd", Optimizers::sgd);
        BUILDERS.put("schedule constant", Optimizers::constant);
        BUILDERS.put("schedule step", Optimizers::step);
        BUILDERS.put("schedule cosine", Optimizers::cosine);
    }

    /** Entries of the library itself (the test contributor's toy entries have no builders). */
    static List<Entry<?>> libraryEntries(Kind<?> kind) {
        return Registry.global().entries(kind).stream()
                .filter(e -> !e.factory().getClass().getName().startsWith(ToyEntries.class.getName())).toList();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static List<Method> setters(ChoiceBuilder<?> b) {
        List<Method> out = new ArrayList<>();
        for (Method m : b.getClass().getMethods()) {
            if (m.getDeclaringClass() == b.getClass() && Modifier.isPublic(m.getModifiers())
                    && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1) {
                out.add(m);
            }
        }
        return out;
    }

    /** A valid value away from the default, so a lost key would show. */
    static Object otherValue(Param p) {
        Object d = p.defaultValue();
        return switch (p.type()) {
            case INT -> (Integer) d + 1 <= p.max() ? (Integer) d + 1 : (Integer) d - 1;
            case LONG -> (Long) d + 1;
            case DOUBLE -> p.max() > (Double) d ? ((Double) d + Math.min(p.max(), (Double) d + 2)) / 2 : ((Double) d + p.min()) / 2;
            case BOOL -> !(Boolean) d;
            case ENUM -> p.choices().stream().filter(c -> !c.equals(d)).findFirst().orElse((String) d);
            case STRING -> d + "-x";
            case INT_LIST, STRING_LIST, RANGE, SPEC -> d;
        };
    }

    @Test
    void everyModelLossFeatureOptimizerAndScheduleHasABuilderWhoseSettersAreItsParameters() {
        for (Kind<?> kind : TYPED) {
            for (Entry<?> e : libraryEntries(kind)) {
                Supplier<ChoiceBuilder<?>> make = BUILDERS.get(kind + " " + e.name());
                assertNotNull(make, "no typed builder for " + kind + " '" + e.name() + "'; add one beside Models, Losses, ...");
                ChoiceBuilder<?> b = make.get();
                assertEquals(e.name(), b.choice().name());
                Set<String> methods = new TreeSet<>();
                setters(b).forEach(m -> methods.add(kebab(m.getName())));
                assertEquals(new TreeSet<>(e.paramsByName().keySet()), methods, kind + " " + e.name());
            }
        }
        assertEquals(BUILDERS.size(), TYPED.stream().mapToLong(k -> libraryEntries(k).size()).sum(), "a builder without an entry");
    }

    @Test
    void builderWithEveryParameterSetIsTheSameChoiceAsTheYaml() throws Exception {
        for (Kind<?> kind : TYPED) {
            for (Entry<?> e : libraryEntries(kind)) {
                ChoiceBuilder<?> b = BUILDERS.get(kind + " " + e.name()).get();
                Choice generic = Choice.of(e.name());
                for (Method m : setters(b)) {
                    Param p = e.param(kebab(m.getName())).orElseThrow();
                    Object v = otherValue(p);
                    b = (ChoiceBuilder<?>) m.invoke(b, v);
                    generic = generic.with(p.name(), v);
                }
                assertEquals(generic, b.choice(), kind + " " + e.name());
                ExperimentSpec spec = place(kind, b.choice());
                assertEquals(spec, SpecYaml.parse(SpecYaml.dump(spec), "builder.yaml", List.of(), Registry.global()),
                        kind + " " + e.name());
            }
        }
    }

    @Test
    void everyRegisteredEntryRoundTripsThroughYaml() {
        for (Kind<?> kind : Kind.ALL) {
            for (Entry<?> e : Registry.global().entries(kind)) {
                Choice c = Choice.of(e.name());
                for (Param p : e.params()) {
                    c = c.with(p.name(), otherValue(p));
                }
                ExperimentSpec spec = place(kind, c);
                String yaml = SpecYaml.dump(spec);
                ExperimentSpec back = SpecYaml.parse(yaml, "entry.yaml", List.of(), Registry.global());
                assertEquals(spec, back, kind + " " + e.name() + ":\n" + yaml);
                for (Param p : e.params()) {
                    // a list parameter is written in block style ("pools:" and its items on the lines below)
                    assertTrue(yaml.contains(p.name() + ":"), kind + " " + e.name() + " lost " + p.name());
                }
            }
        }
    }

    @Test
    void theIssuesExamplesBuildTheSpecTheirYamlDoes() {
        ExperimentSpec java = Experiment.named("words")
                .data(Data.corpus("spoken-words").features(Features.logMel(40)))
                .model(Models.gru().hidden(64).layers(2))
                .loss(Losses.crossEntropy())
                .train(Train.adam(3e-3).epochs(20))
                .evaluate(Eval.metrics("accuracy")).spec();
        ExperimentSpec yaml = SpecYaml.parse("""
                name: words
                data: {corpus: spoken-words, features: {name: logmel, bins: 40}}
                model: {name: gru, hidden: 64, layers: 2}
                loss: cross-entropy
                train: {optimizer: {name: adam, lr: 0.003}, epochs: 20}
                evaluate: {metrics: [accuracy]}
                """, "words.yaml", List.of(), Registry.global());
        assertEquals(yaml, java);
    }

    /** A resolved spec with {@code c} in the slot of its kind, the rest a small valid experiment. */
    static ExperimentSpec place(Kind<?> kind, Choice c) {
        var data = kind == Kind.DATASET ? org.seqlab.experiment.spec.DataSpec.of(c) : Data.corpus("toy-sign");
        if (kind == Kind.FEATURES) {
            data = data.features(c);
        }
        if (kind == Kind.AUGMENT) {
            data = data.augment(c);
        }
        var train = Train.with(kind == Kind.OPTIMIZER ? c : Choice.of("toy-sgd"));
        if (kind == Kind.SCHEDULE) {
            train = train.schedule(c);
        }
        Experiment e = Experiment.named("round-trip").data(data)
                .model(kind == Kind.MODEL ? c : Choice.of("toy-linear"))
                .loss(kind == Kind.LOSS ? c : Choice.of("toy-xent"))
                .train(train)
                .evaluate(kind == Kind.METRIC ? org.seqlab.experiment.spec.EvalSpec.metrics(c) : Eval.metrics("accuracy"));
        if (kind == Kind.DECODER) {
            e = e.decoder(c);
        }
        return e.spec();
    }
}
