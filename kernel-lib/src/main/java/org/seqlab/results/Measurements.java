package org.seqlab.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Numbers measured in a notebook cell rather than by a training run (a gradient norm per spectral
 * radius, a parameter count per layer), gathered into the same long table as
 * {@link Results#of}, so that summaries, plots and claims treat them alike.
 *
 * <pre>{@code
 * var m = Measurements.named("gradient flow");
 * m.add("factor", 0.49, seed, "rho", 0.5);   // metric, value, seed, then key/value pairs
 * m.table();
 * }</pre>
 */
public final class Measurements {
    private final String name;
    private final List<Row> rows = new ArrayList<>();

    private record Row(Map<String, String> keys, long seed, String split, String metric, String target, double value) {}

    private Measurements(String name) {
        this.name = name;
    }

    public static Measurements named(String name) {
        return new Measurements(name);
    }

    /** One value of {@code metric} for {@code seed}, under the given key/value pairs. */
    public Measurements add(String metric, double value, long seed, Object... keyValues) {
        return addOn("measured", metric, Results.ALL, value, seed, keyValues);
    }

    /** As {@link #add}, naming the split and the target (a class, a language) too. */
    public Measurements addOn(String split, String metric, String target, double value, long seed, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs after the seed, got " + keyValues.length + " values");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
        }
        rows.add(new Row(keys, seed, split, metric, target, value));
        return this;
    }

    /** The long table: a column per key (in first-seen order), seed, split, metric, target, value. */
    public Table table() {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> keys.addAll(r.keys().keySet()));
        Table t = Table.create(name);
        for (String k : keys) {
            t.addColumns(StringColumn.create(k, rows.stream().map(r -> r.keys().getOrDefault(k, ""))));
        }
        t.addColumns(LongColumn.create(Results.SEED, rows.stream().mapToLong(Row::seed).toArray()),
                StringColumn.create(Results.SPLIT, rows.stream().map(Row::split)),
                StringColumn.create(Results.METRIC, rows.stream().map(Row::metric)),
                StringColumn.create(Results.TARGET, rows.stream().map(Row::target)),
                DoubleColumn.create(Results.VALUE, rows.stream().mapToDouble(Row::value)));
        return t;
    }
}
