package org.seqlab.experiment.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;

/**
 * The layout of an experiment spec and the one place that turns a key tree (from YAML, from
 * {@code --set} overrides or from Java records) into a checked, fully resolved
 * {@link ExperimentSpec}, and back. Keys are kebab-case; a choice is written either as its name
 * or as a mapping with {@code name:} and the entry's parameters.
 */
public final class Schema {
    public static final Param NAME = new Param("name", ParamType.STRING, null, null, null, null,
            "experiment name, used as the folder under runs/");
    public static final Param DATA_FRACTION = Param.number("train-fraction", 1.0, 1e-4, 1.0,
            "part of the training split used, for learning curves over data size");
    public static final Param EPOCHS = Param.integer("epochs", 10, 1, 1_000_000, "passes over the training split");
    public static final Param BATCH = Param.integer("batch", 32, 1, 65_536, "examples per optimizer step");
    public static final Param CLIP = Param.number("clip", 0.0, 0.0, Double.POSITIVE_INFINITY,
            "maximum global gradient norm; 0 turns clipping off");
    public static final Param PATIENCE = Param.integer("patience", 0, 0, 1_000_000,
            "epochs without improvement of evaluate.monitor before stopping; 0 never stops early");
    public static final Param TRUNCATE = Param.integer("truncate", 0, 0, 1_000_000,
            "truncated BPTT: time steps per chunk, state carried between chunks without its gradient; 0 = full BPTT");
    public static final Param BUCKET = Param.integer("bucket", 0, 0, 1_000_000,
            "length bucketing: pools of this many batches of the shuffled order are sorted by length before cutting; 0 = off");
    public static final Param UPDATES = Param.integer("updates", 0, 0, 100_000_000,
            "optimizer steps to train for, whatever the training split's size (epochs = ceil(updates / steps per epoch)); 0 = use epochs");
    public static final Param SEED = Param.longInt("seed", 1L, "seed of weights, data order, dropout and augmentation");
    public static final Param SPLIT = Param.oneOf("split", "test", List.of("validation", "test"),
            "split the final metrics are reported on");
    public static final Param EVAL_BATCH = Param.integer("batch", 0, 0, 65_536,
            "examples per evaluation batch; 0 = train.batch (larger batches speed up step-by-step decoders)");
    public static final Param MONITOR = Param.string("monitor", "loss",
            "'loss' or a metric name, measured on validation after each epoch for the best checkpoint and early stopping");

    static final Object SCHEDULE_DEFAULT = "constant";
    private static final String OPTIMIZER_DEFAULT = "adam";
    private static final String LOSS_DEFAULT = "cross-entropy";
    private static final String DECODER_DEFAULT = "argmax";
    private static final String FEATURES_DEFAULT = "none";
    private static final List<String> METRICS_DEFAULT = List.of("accuracy");

    public static final List<String> TOP_KEYS = List.of("name", "data", "model", "loss", "decoder", "train", "evaluate");
    public static final List<String> DATA_KEYS = List.of("corpus", "train-fraction", "features", "augment");
    public static final List<String> TRAIN_KEYS = List.of("optimizer", "schedule", "epochs", "batch", "clip", "patience", "seed", "truncate", "bucket", "updates");
    public static final List<String> EVAL_KEYS = List.of("metrics", "split", "monitor", "batch");

    private Schema() {}

    /** Checks a key tree and resolves every default; throws {@link ConfigException} listing all problems. */
    public static ExperimentSpec resolve(Map<String, Object> tree, Problems problems, Registry registry) {
        Resolver r = new Resolver(problems, registry);
        ExperimentSpec spec = r.top(tree);
        problems.throwIfAny();
        return spec;
    }

    /** Resolves a spec built in Java: the same checks as for YAML, without line numbers. */
    public static ExperimentSpec resolve(ExperimentSpec spec, Registry registry) {
        return resolve(toTree(spec), Problems.inJava(), registry);
    }

    /** The key tree of a spec, in schema order; of a resolved spec it is the resolved YAML. */
    public static Map<String, Object> toTree(ExperimentSpec s) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", s.name());
        Map<String, Object> data = new LinkedHashMap<>();
        if (s.data() != null) {
            data.put("corpus", choiceTree(s.data().corpus()));
            data.put("train-fraction", s.data().trainFraction());
            data.put("features", choiceTree(s.data().features()));
            data.put("augment", s.data().augment().stream().map(Schema::choiceTree).toList());
        }
        top.put("data", data);
        top.put("model", choiceTree(s.model()));
        top.put("loss", choiceTree(s.loss()));
        top.put("decoder", choiceTree(s.decoder()));
        Map<String, Object> train = new LinkedHashMap<>();
        if (s.train() != null) {
            TrainSpec t = s.train();
            train.put("optimizer", choiceTree(t.optimizer()));
            train.put("schedule", choiceTree(t.schedule()));
            train.put("epochs", t.epochs());
            train.put("batch", t.batch());
            train.put("clip", t.clip());
            train.put("patience", t.patience());
            train.put("seed", t.seed());
            train.put("truncate", t.truncate());
            train.put("bucket", t.bucket());
            train.put("updates", t.updates());
        }
        top.put("train", train);
        Map<String, Object> eval = new LinkedHashMap<>();
        if (s.evaluate() != null) {
            eval.put("metrics", s.evaluate().metrics().stream().map(Schema::choiceTree).toList());
            eval.put("split", s.evaluate().split());
            eval.put("monitor", s.evaluate().monitor());
            if (s.evaluate().batch() > 0) {   // written only when set, so configs from before the key keep their ids
                eval.put("batch", s.evaluate().batch());
            }
        }
        top.put("evaluate", eval);
        top.values().removeIf(v -> v == null);
        return top;
    }

    private static Object choiceTree(Choice c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.putAll(c.params());
        return m;
    }

    /** Walks the tree once, collecting problems instead of stopping at the first. */
    private static final class Resolver {
        private final Problems problems;
        private final Registry registry;

        Resolver(Problems problems, Registry registry) {
            this.problems = problems;
            this.registry = registry;
        }

        ExperimentSpec top(Map<String, Object> tree) {
            Map<String, Object> t = section("", tree, TOP_KEYS);
            String name = (String) scalar("", t, NAME);
            if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._=-]*")) {
                problems.add("name", "'" + name + "' is not allowed; use letters, digits, '.', '_', '=' and '-' (it names a folder)");
            }
            Map<String, Object> d = section("data", t.get("data"), DATA_KEYS);
            DataSpec data = new DataSpec(
                    choice("data.corpus", d.get("corpus"), Kind.DATASET, null),
                    orDefault((Double) scalar("data", d, DATA_FRACTION), DATA_FRACTION),
                    choice("data.features", d.get("features"), Kind.FEATURES, FEATURES_DEFAULT),
                    choices("data.augment", d.get("augment"), Kind.AUGMENT, List.of()));
            Choice model = choice("model", t.get("model"), Kind.MODEL, null);
            Choice loss = choice("loss", t.get("loss"), Kind.LOSS, LOSS_DEFAULT);
            Choice decoder = choice("decoder", t.get("decoder"), Kind.DECODER, DECODER_DEFAULT);
            Map<String, Object> tr = section("train", t.get("train"), TRAIN_KEYS);
            TrainSpec train = new TrainSpec(
                    choice("train.optimizer", tr.get("optimizer"), Kind.OPTIMIZER, OPTIMIZER_DEFAULT),
                    choice("train.schedule", tr.get("schedule"), Kind.SCHEDULE, (String) SCHEDULE_DEFAULT),
                    orDefault((Integer) scalar("train", tr, EPOCHS), EPOCHS),
                    orDefault((Integer) scalar("train", tr, BATCH), BATCH),
                    orDefault((Double) scalar("train", tr, CLIP), CLIP),
                    orDefault((Integer) scalar("train", tr, PATIENCE), PATIENCE),
                    orDefault((Long) scalar("train", tr, SEED), SEED),
                    orDefault((Integer) scalar("train", tr, TRUNCATE), TRUNCATE),
                    orDefault((Integer) scalar("train", tr, BUCKET), BUCKET),
                    orDefault((Integer) scalar("train", tr, UPDATES), UPDATES));
            Map<String, Object> ev = section("evaluate", t.get("evaluate"), EVAL_KEYS);
            List<Choice> metrics = choices("evaluate.metrics", ev.get("metrics"), Kind.METRIC, METRICS_DEFAULT);
            String monitor = orDefault((String) scalar("evaluate", ev, MONITOR), MONITOR);
            List<String> monitorable = new ArrayList<>(List.of("loss"));
            metrics.forEach(m -> monitorable.add(m.name()));
            if (!monitorable.contains(monitor)) {
                String near = Suggest.nearest(monitor, monitorable);
                problems.add("evaluate.monitor", "'" + monitor + "' is neither 'loss' nor one of evaluate.metrics ("
                        + String.join(", ", monitorable.subList(1, monitorable.size())) + ")"
                        + (near != null ? "; did you mean '" + near + "'?" : ""));
            }
            EvalSpec eval = new EvalSpec(metrics, orDefault((String) scalar("evaluate", ev, SPLIT), SPLIT), monitor,
                    orDefault((Integer) scalar("evaluate", ev, EVAL_BATCH), EVAL_BATCH));
            return new ExperimentSpec(name, data, model, loss, decoder, train, eval);
        }

        @SuppressWarnings("unchecked")
        private <T> T orDefault(T value, Param p) {
            return value != null ? value : (T) p.defaultValue();
        }

        /** The mapping at {@code path}, with unknown keys reported against {@code keys}. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> section(String path, Object raw, List<String> keys) {
            if (raw == null) {
                return Map.of();
            }
            if (!(raw instanceof Map<?, ?> m)) {
                problems.add(path, "expected a mapping with keys " + String.join(", ", keys) + ", got '" + raw + "'");
                return Map.of();
            }
            for (Object k : m.keySet()) {
                if (!keys.contains(String.valueOf(k))) {
                    unknownKey(join(path, String.valueOf(k)), String.valueOf(k), keys);
                }
            }
            return (Map<String, Object>) m;
        }

        private void unknownKey(String path, String key, List<String> valid) {
            String near = Suggest.nearest(key, valid);
            problems.add(path, "unknown key '" + key + "'"
                    + (near != null ? "; did you mean '" + near + "'?" : "")
                    + " (valid here: " + (valid.isEmpty() ? "none" : String.join(", ", valid)) + ")");
        }

        private Object scalar(String section, Map<String, Object> m, Param p) {
            String path = join(section, p.name());
            if (!m.containsKey(p.name()) || m.get(p.name()) == null) {
                if (p.required()) {
                    problems.add(path, "missing; expected " + p.allowed() + " (" + p.doc() + ")");
                }
                return null;
            }
            return p.coerce(m.get(p.name()), path, problems);
        }

        private List<Choice> choices(String path, Object raw, Kind<?> kind, List<String> defaults) {
            if (raw == null) {
                return defaults.stream().map(n -> choice(path, n, kind, null)).toList();
            }
            if (!(raw instanceof List<?> list)) {
                problems.add(path, "expected a list of " + kind + " choices, got '" + raw + "'");
                return List.of();
            }
            List<Choice> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Choice c = choice(path + "[" + i + "]", list.get(i), kind, null);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }

        private Choice choice(String path, Object raw, Kind<?> kind, String defaultName) {
            if (raw == null) {
                if (defaultName == null) {
                    problems.add(path, "missing; name a " + kind + " (registered: " + String.join(", ", registry.names(kind)) + ")");
                    return null;
                }
                raw = defaultName;
            }
            String name;
            Map<?, ?> given;
            if (raw instanceof String s) {
                name = s;
                given = Map.of();
            } else if (raw instanceof Map<?, ?> m) {
                Object n = m.get("name");
                if (!(n instanceof String s)) {
                    problems.add(path + ".name", "missing; a " + kind + " given as a mapping needs 'name:'"
                            + " (registered: " + String.join(", ", registry.names(kind)) + ")");
                    return null;
                }
                name = s;
                given = m;
            } else {
                problems.add(path, "expected a " + kind + " name or a mapping with 'name:', got '" + raw + "'");
                return null;
            }
            var found = registry.find(kind, name);
            if (found.isEmpty()) {
                problems.add(given.isEmpty() ? path : path + ".name", registry.unknown(kind, name));
                return null;
            }
            Entry<?> entry = found.get();
            Map<String, Object> params = new LinkedHashMap<>();
            Set<String> declared = entry.paramsByName().keySet();
            for (Object k : given.keySet()) {
                String key = String.valueOf(k);
                if (!key.equals("name") && !declared.contains(key)) {
                    unknownKey(path + "." + key, key, List.copyOf(declared));
                }
            }
            for (Param p : entry.params()) {
                Object v = given.get(p.name());
                if (v == null) {
                    if (p.required()) {
                        problems.add(path + "." + p.name(), "missing; " + kind + " '" + name + "' needs " + p.allowed()
                                + " (" + p.doc() + ")");
                    }
                    params.put(p.name(), p.defaultValue());
                } else {
                    params.put(p.name(), p.coerce(v, path + "." + p.name(), problems));
                }
            }
            return new Choice(name, params);
        }

        private static String join(String section, String key) {
            return section.isEmpty() ? key : section + "." + key;
        }
    }
}
