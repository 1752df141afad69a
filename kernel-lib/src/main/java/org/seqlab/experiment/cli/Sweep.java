package org.seqlab.experiment.cli;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.experiment.spec.ConfigException;

/**
 * The grid of {@code --sweep key=v1,v2} options: every combination, each as a list of
 * {@code key=value} overrides and a name suffix that keeps its runs apart.
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
        return new Sweep(points);
    }

    /** {@code base--hidden-64--lr-0.01}: the last key segment and value of each override, folder-safe. */
    public static String name(String base, List<String> point) {
        StringBuilder b = new StringBuilder(base);
        for (String kv : point) {
            String key = kv.substring(0, kv.indexOf('='));
            String last = key.substring(key.lastIndexOf('.') + 1);
            b.append("--").append(last).append('-').append(kv.substring(kv.indexOf('=') + 1));
        }
        return b.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
