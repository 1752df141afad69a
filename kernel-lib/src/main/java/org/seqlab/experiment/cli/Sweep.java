package org.seqlab.experiment.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.yaml.SpecYaml;

/**
 * The grid of {@code --sweep key=v1,v2} options: every combination, each as a list of
 * {@code key=value} overrides and a name suffix that keeps its runs apart.
 *
 * <p>The suffix spells each override as typed, full key path included, because two keys may
 * share their last part ({@code model.name} and {@code loss.name}) and runs named after the
 * last part alone would land in one experiment folder. Characters that cannot go into a folder
 * name become {@code _}; should that make two points alike, the sweep is refused up front.
 */
public record Sweep(List<List<String>> points) {

    public static Sweep of(List<String> axes) {
        List<List<String>> points = new ArrayList<>();
        points.add(List.of());
        for (String axis : axes) {
            int eq = axis.indexOf('=');
            if (eq <= 0 || eq == axis.length() - 1) {
                throw new ConfigException("--sweep", axis, "expected key.path=v1,v2,...");
            }
            String key = axis.substring(0, eq);
            List<List<String>> next = new ArrayList<>();
            for (List<String> p : points) {
                for (String v : axis.substring(eq + 1).split(",")) {
                    List<String> q = new ArrayList<>(p);
                    q.add(key + "=" + v.trim());
                    next.add(q);
                }
            }
            points = next;
        }
        Map<String, List<String>> seen = new HashMap<>();
        for (List<String> p : points) {
            List<String> before = seen.putIfAbsent(name("", p), p);
            if (before != null) {
                throw new ConfigException("--sweep", String.join(" ", axes),
                        before + " and " + p + " would share the run name '" + name("", p).substring(2) + "'; give distinct values");
            }
        }
        return new Sweep(points);
    }

    /**
     * Every run a YAML file, its {@code --set} overrides, {@code --sweep} axes and {@code --seeds}
     * stand for: one spec per (point, seed), points in grid order, each named by its point. Both
     * {@code ./seqlab run} and {@link org.seqlab.experiment.Experiment#sweep} expand through here.
     */
    public static List<ExperimentSpec> specs(java.nio.file.Path config, List<String> overrides, List<String> axes,
                                             List<Long> seeds) {
        List<ExperimentSpec> specs = new ArrayList<>();
        for (List<String> point : of(axes).points()) {
            List<String> all = new ArrayList<>(overrides);
            all.addAll(point);
            ExperimentSpec s = SpecYaml.load(config, all, Registry.global());
            specs.addAll(seeded(point.isEmpty() ? s : s.withName(name(s.name(), point)), seeds));
        }
        return specs;
    }

    /** One copy of {@code s} per seed (train.seed), or {@code s} itself when no seeds are given. */
    public static List<ExperimentSpec> seeded(ExperimentSpec s, List<Long> seeds) {
        return seeds.isEmpty() ? List.of(s) : seeds.stream().map(seed -> s.withTrain(s.train().seed(seed))).toList();
    }

    /** {@code base--model.hidden=64--train.lr=0.01}: each override as typed, folder-safe. */
    public static String name(String base, List<String> point) {
        StringBuilder b = new StringBuilder(base);
        for (String kv : point) {
            b.append("--").append(kv.replaceAll("[^A-Za-z0-9._=-]", "_"));
        }
        return b.toString();
    }
}
