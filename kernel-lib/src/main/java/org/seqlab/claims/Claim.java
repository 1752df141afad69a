package org.seqlab.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.seqlab.results.Results;
import tech.tablesaw.api.Table;

/**
 * A lecture's claim as data (STYLE.md 5): what is claimed, where it comes from, which rows of a
 * long results table to compare, on which metric and in which direction, and by what margin.
 * {@link #judge(Table)} tests it over seeds: paired t when both conditions ran with the same seeds
 * (seed-to-seed variation then cancels), Welch's t otherwise, at alpha = 0.05. An exact claim (a
 * gradient equals its finite difference, a parameter count equals its formula) compares one
 * measured number with its expected value within a tolerance.
 *
 * <pre>{@code
 * Claim c = Claim.named("rnn.gated-cells-reach-further")
 *     .statement("An LSTM recalls better than a simple RNN at lag 45")
 *     .from("lecture 01, slide 31")
 *     .metric("accuracy").higher()
 *     .compare("model.name=lstm", "model.name=rnn").where("data.corpus.lag=45")
 *     .build();
 * Verdict v = c.judge(run.results());
 * }</pre>
 *
 * @param compareA conditions ({@code key=value}) picking the rows claimed to be better
 * @param compareB conditions picking the rows they are compared with
 * @param where conditions both sides share (the model, the lag)
 */
public record Claim(String id, String statement, String source, String metric, String target, Direction direction,
                    List<String> compareA, List<String> compareB, List<String> where, double margin, double alpha,
                    double measured, double expected, double tolerance, String published, String note) {

    /** HIGHER and LOWER compare two sets of rows; EXACT compares one number with its expected value. */
    public enum Direction {
        HIGHER, LOWER, EXACT;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Marks side b as a fixed reference number rather than rows of the table. */
    static final String CONSTANT = "=";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    public Claim {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("claim id '" + id + "' must be kebab-case words, optionally dotted (rnn.clipping-rescues)");
        }
        if (statement == null || statement.isBlank()) {
            throw new IllegalArgumentException("claim '" + id + "' needs a statement");
        }
        compareA = List.copyOf(compareA);
        compareB = List.copyOf(compareB);
        where = List.copyOf(where);
    }

    public static Builder named(String id) {
        return new Builder(id);
    }

    /** Judges a comparison claim on a long table ({@link Results#of}, {@link org.seqlab.results.Measurements}). */
    public Verdict judge(Table results) {
        if (direction == Direction.EXACT) {
            return judge();
        }
        Table rows = Results.metric(results, metric);
        if (rows.rowCount() == 0) {
            throw new IllegalArgumentException("claim '" + id + "': no rows for metric '" + metric + "'; metrics are "
                    + results.stringColumn(Results.METRIC).unique().asList());
        }
        rows = rows.where(rows.stringColumn(Results.TARGET).isEqualTo(target));
        for (String w : where) {
            rows = filter(rows, w);
        }
        Map<Long, Double> a = side(rows, compareA);
        int droppedA = drop(a);
        // a constant side pairs with the seeds left after dropping, so its runs stay paired
        Map<Long, Double> b = compareB.get(0).startsWith(CONSTANT) ? constant(a, compareB.get(0)) : side(rows, compareB);
        int dropped = droppedA + drop(b);
        double[] va = a.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] vb = b.values().stream().mapToDouble(Double::doubleValue).toArray();
        boolean paired = a.keySet().equals(b.keySet());
        TTest.Result r = paired ? TTest.paired(va, vb, alpha) : TTest.welch(va, vb, alpha);
        String why = dropped == 0 ? null : dropped + " run(s) without a finite value left out (a diverged run, or nothing to measure)";
        return new Verdict(this, outcome(r), r.effect(), r.ciLow(), r.ciHigh(), r.t(), r.df(), r.p(), r.n(), r.test(),
                va.length, vb.length, join(note, why));
    }

    /** Judges an exact claim: held when |measured - expected| <= tolerance. */
    public Verdict judge() {
        if (direction != Direction.EXACT) {
            throw new IllegalStateException("claim '" + id + "' compares rows of a results table: call judge(table)");
        }
        double diff = measured - expected;
        Verdict.Outcome o = Math.abs(diff) <= tolerance ? Verdict.Outcome.HELD : Verdict.Outcome.DID_NOT_HOLD;
        return new Verdict(this, o, diff, diff, diff, Double.NaN, Double.NaN, Double.NaN, 1, "exact", 1, 1, note);
    }

    /**
     * STYLE.md's rule: HELD when the whole interval of the difference lies beyond the margin on the
     * claimed side, DID_NOT_HOLD when it lies wholly short of the margin, INCONCLUSIVE otherwise
     * or with fewer than three seeds per side.
     */
    Verdict.Outcome outcome(TTest.Result r) {
        if (r.n() < 3 || Double.isNaN(r.ciLow()) || Double.isNaN(r.ciHigh())) {
            return Verdict.Outcome.INCONCLUSIVE;
        }
        double lo = direction == Direction.HIGHER ? r.ciLow() : -r.ciHigh();
        double hi = direction == Direction.HIGHER ? r.ciHigh() : -r.ciLow();
        if (lo > margin) {
            return Verdict.Outcome.HELD;
        }
        if (hi < margin) {
            return Verdict.Outcome.DID_NOT_HOLD;
        }
        return Verdict.Outcome.INCONCLUSIVE;
    }

    /** The two sides as "key=value, key=value" for the claims file; null for an exact claim. */
    public List<String> compareJson() {
        if (direction == Direction.EXACT) {
            return null;
        }
        String shared = where.isEmpty() ? "" : ", " + String.join(", ", where);
        String other = compareB.get(0).startsWith(CONSTANT) ? compareB.get(0).substring(CONSTANT.length())
                : String.join(", ", compareB) + shared;
        return List.of(String.join(", ", compareA) + shared, other);
    }

    private static Map<Long, Double> constant(Map<Long, Double> a, String spec) {
        double value = Double.parseDouble(spec.substring(CONSTANT.length()));
        Map<Long, Double> b = new TreeMap<>();
        a.keySet().forEach(seed -> b.put(seed, value));
        return b;
    }

    private Map<Long, Double> side(Table rows, List<String> conditions) {
        Table t = rows;
        for (String c : conditions) {
            t = filter(t, c);
        }
        Map<Long, Double> bySeed = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            long seed = ((Number) t.column(Results.SEED).get(r)).longValue();
            if (bySeed.put(seed, t.doubleColumn(Results.VALUE).get(r)) != null) {
                throw new IllegalArgumentException("claim '" + id + "': rows " + conditions + " hold seed " + seed
                        + " more than once; add where(\"key=value\") to pick one configuration (columns: " + rows.columnNames() + ")");
            }
        }
        if (bySeed.isEmpty()) {
            throw new IllegalArgumentException("claim '" + id + "': no rows match " + conditions + (where.isEmpty() ? "" : " with " + where)
                    + " for metric '" + metric + "'");
        }
        return bySeed;
    }

    private Table filter(Table t, String condition) {
        int eq = condition.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("claim '" + id + "': condition '" + condition + "' is not key=value");
        }
        String key = condition.substring(0, eq).strip();
        String value = condition.substring(eq + 1).strip();
        if (!t.columnNames().contains(key)) {
            throw new IllegalArgumentException("claim '" + id + "': no column '" + key + "' in the results; columns are " + t.columnNames());
        }
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.column(key).getString(r).equals(value)) {
                keep.add(r);
            }
        }
        return t.rows(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int drop(Map<Long, Double> side) {
        int before = side.size();
        // Tablesaw keeps NaN as a missing value, read back as null
        side.values().removeIf(v -> v == null || !Double.isFinite(v));
        return before - side.size();
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /** Fields of the claims file that describe the claim (the verdict adds its own). */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("statement", statement);
        m.put("source", source);
        m.put("metric", metric);
        m.put("direction", direction.json());
        m.put("compare", compareJson());
        return m;
    }

    /** Builds a claim; a bare builder claims "higher" with margin 0 at alpha 0.05. */
    public static final class Builder {
        private final String id;
        private String statement;
        private String source = "";
        private String metric;
        private String target = Results.ALL;
        private Direction direction = Direction.HIGHER;
        private List<String> a = List.of();
        private List<String> b = List.of();
        private final List<String> where = new ArrayList<>();
        private double margin;
        private double alpha = 0.05;
        private double measured = Double.NaN;
        private double expected = Double.NaN;
        private double tolerance = Double.NaN;
        private String published;
        private String note;

        Builder(String id) {
            this.id = id;
        }

        public Builder statement(String s) {
            statement = s;
            return this;
        }

        /** Where the claim comes from: "lecture 01, slide 23", a paper's table. */
        public Builder from(String s) {
            source = s;
            return this;
        }

        /** "accuracy", or "test.accuracy" to name the split. */
        public Builder metric(String m) {
            metric = m;
            return this;
        }

        /** A per-target row (a class, a language) instead of the whole-split value. */
        public Builder target(String t) {
            target = t;
            return this;
        }

        public Builder higher() {
            direction = Direction.HIGHER;
            return this;
        }

        public Builder lower() {
            direction = Direction.LOWER;
            return this;
        }

        /** Rows matching {@code better} against rows matching {@code worse}: "key=value" each, several joined by commas. */
        public Builder compare(String better, String worse) {
            a = conditions(better);
            b = conditions(worse);
            return this;
        }

        /** {@code compare("model.name", "lstm", "rnn")}: one key, two of its values. */
        public Builder compare(String key, Object better, Object worse) {
            return compare(key + "=" + better, key + "=" + worse);
        }

        /**
         * Rows matching {@code conditions} against a fixed number (a one-sample t over seeds): "the
         * gradient grows per step back", {@code compare("rho=1.5").versus(1.0)}.
         */
        public Builder versus(String conditions, double reference) {
            a = conditions(conditions);
            b = List.of(Claim.CONSTANT + reference);
            return this;
        }

        /** Conditions both sides share, e.g. {@code where("data.corpus.lag=45")}. */
        public Builder where(String... conditions) {
            for (String c : conditions) {
                where.addAll(conditions(c));
            }
            return this;
        }

        /** How far beyond zero the difference must lie, in the metric's unit. */
        public Builder margin(double m) {
            margin = m;
            return this;
        }

        public Builder alpha(double a) {
            if (!(a > 0 && a < 0.5)) {
                throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + a);
            }
            alpha = a;
            return this;
        }

        /** An exact claim: {@code measured} must equal {@code expected} within {@code tolerance}. */
        public Builder exact(double measured, double expected, double tolerance) {
            direction = Direction.EXACT;
            this.measured = measured;
            this.expected = expected;
            this.tolerance = tolerance;
            return this;
        }

        /** The reference number as published, for the reader to set beside ours. */
        public Builder published(String text) {
            published = text;
            return this;
        }

        public Builder note(String text) {
            note = text;
            return this;
        }

        public Claim build() {
            if (direction != Direction.EXACT) {
                if (metric == null) {
                    throw new IllegalArgumentException("claim '" + id + "' needs metric(...)");
                }
                if (a.isEmpty() || b.isEmpty()) {
                    throw new IllegalArgumentException("claim '" + id + "' needs compare(better, worse)");
                }
            } else if (metric == null) {
                metric = "exact";
            }
            return new Claim(id, statement, source, metric, target, direction, a, b, where, margin, alpha,
                    measured, expected, tolerance, published, note);
        }

        /** Builds and judges an exact claim in one call. */
        public Verdict judge() {
            return build().judge();
        }

        /** Builds and judges a comparison claim in one call. */
        public Verdict judge(Table results) {
            return build().judge(results);
        }

        private static List<String> conditions(String s) {
            List<String> out = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
    }
}
