package org.seqlab.experiment.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.spec.ConfigException;

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

    /** {@code base--model.hidden=64--train.lr=0.01}: each override as typed, folder-safe. */
    public static String name(String base, List<String> point) {
        StringBuilder b = new StringBuilder(base);
        for (String kv : point) {
            b.append("--").append(kv.replaceAll("[^A-Za-z0-9._=-]", "_"));
        }
        return b.toString();
    }
}
