package org.seqlab.experiment.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One configurable key: its type, default and allowed values. Registry entries declare their
 * parameters with these, and the spec's fixed sections use them too, so a value is checked the
 * same way whether it came from YAML, {@code --set} or a Java builder.
 *
 * @param defaultValue the normalised default, or null when the key is required
 */
public record Param(String name, ParamType type, Object defaultValue, Double min, Double max,
                    List<String> choices, String doc) {

    public Param {
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (defaultValue != null) {
            Problems p = Problems.inJava();
            defaultValue = normalise(defaultValue, type, name, p, min, max, choices);
            p.throwIfAny();
        }
    }

    public static Param integer(String name, int def, int min, int max, String doc) {
        return new Param(name, ParamType.INT, def, (double) min, (double) max, null, doc);
    }

    public static Param longInt(String name, long def, String doc) {
        return new Param(name, ParamType.LONG, def, null, null, null, doc);
    }

    public static Param number(String name, double def, double min, double max, String doc) {
        return new Param(name, ParamType.DOUBLE, def, min, max, null, doc);
    }

    public static Param bool(String name, boolean def, String doc) {
        return new Param(name, ParamType.BOOL, def, null, null, null, doc);
    }

    public static Param string(String name, String def, String doc) {
        return new Param(name, ParamType.STRING, def, null, null, null, doc);
    }

    public static Param oneOf(String name, String def, List<String> choices, String doc) {
        return new Param(name, ParamType.ENUM, def, null, null, choices, doc);
    }

    public static Param intList(String name, List<Integer> def, int min, int max, String doc) {
        return new Param(name, ParamType.INT_LIST, def, (double) min, (double) max, null, doc);
    }

    public static Param strings(String name, List<String> def, String doc) {
        return new Param(name, ParamType.STRING_LIST, def, null, null, null, doc);
    }

    /** A {@code [low, high]} pair, each end within [min, max]. */
    public static Param range(String name, double low, double high, double min, double max, String doc) {
        return new Param(name, ParamType.RANGE, List.of(low, high), min, max, null, doc);
    }

    /** A required nested spec (a map with a {@code name}), checked by the declaration of the thing it names. */
    public static Param spec(String name, String doc) {
        return new Param(name, ParamType.SPEC, null, null, null, null, doc);
    }

    /** The same declaration under another key (the experiment registry spells datasets.yaml's {@code a_b} as {@code a-b}). */
    public Param renamed(String newName) {
        return new Param(newName, type, defaultValue, min, max, choices, doc);
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** Checks and normalises a value for this key; adds a problem and returns null when it is not allowed. */
    public Object coerce(Object value, String path, Problems problems) {
        return normalise(value, type, path, problems, min, max, choices);
    }

    /** What the key accepts, for error messages and schema listings. */
    public String allowed() {
        return switch (type) {
            case ENUM -> "one of " + String.join(", ", choices);
            case INT, LONG, DOUBLE, INT_LIST, RANGE -> type.description() + range();
            default -> type.description();
        };
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        String lo = min == null ? "-inf" : fmt(min);
        String hi = max == null || max.isInfinite() ? "inf" : fmt(max);
        return " in [" + lo + ", " + hi + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Object normalise(Object value, ParamType type, String path, Problems problems,
                                    Double min, Double max, List<String> choices) {
        Param shape = new Param(path, type, null, min, max, choices, "");
        String bad = "'" + render(value) + "' is not allowed; expected " + shape.allowed();
        if (value == null) {
            problems.add(path, "no value given; expected " + shape.allowed());
            return null;
        }
        switch (type) {
            case INT, LONG -> {
                Long v = asWholeNumber(value);
                if (v == null || (type == ParamType.INT && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE))) {
                    problems.add(path, bad);
                    return null;
                }
                if (!inRange(v, min, max)) {
                    problems.add(path, bad);
                    return null;
                }
                return type == ParamType.INT ? (Object) v.intValue() : (Object) v;
            }
            case DOUBLE -> {
                Double v = value instanceof Number n ? n.doubleValue() : parseDouble(value);
                if (v == null || v.isNaN() || !inRange(v, min, max)) {
                    problems.add(path, bad);
                    return null;
                }
                return v;
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
                    return Boolean.parseBoolean(s);
                }
                problems.add(path, bad);
                return null;
            }
            case STRING -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    return value.toString();
                }
                problems.add(path, bad);
                return null;
            }
            case ENUM -> {
                String s = value.toString();
                if (choices.contains(s)) {
                    return s;
                }
                String near = Suggest.nearest(s, choices);
                problems.add(path, bad + (near != null ? "; did you mean '" + near + "'?" : ""));
                return null;
            }
            case INT_LIST -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path, bad);
                    return null;
                }
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object e = normalise(list.get(i), ParamType.INT, path + "[" + i + "]", problems, min, max, choices);
                    if (e == null) {
                        return null;
                    }
                    out.add((Integer) e);
                }
                return Collections.unmodifiableList(out);
            }
            case STRING_LIST -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path, bad);
                    return null;
                }
                List<String> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object e = normalise(list.get(i), ParamType.STRING, path + "[" + i + "]", problems, null, null, null);
                    if (e == null) {
                        return null;
                    }
                    out.add((String) e);
                }
                return Collections.unmodifiableList(out);
            }
            case SPEC -> {
                if (value instanceof java.util.Map<?, ?> m && m.get("name") instanceof String) {
                    return value;
                }
                problems.add(path, bad);
                return null;
            }
            case RANGE -> {
                if (!(value instanceof List<?> list) || list.size() != 2) {
                    problems.add(path, bad);
                    return null;
                }
                Double lo = list.get(0) instanceof Number n ? n.doubleValue() : parseDouble(list.get(0));
                Double hi = list.get(1) instanceof Number n ? n.doubleValue() : parseDouble(list.get(1));
                if (lo == null || hi == null || lo.isNaN() || hi.isNaN() || lo > hi || !inRange(lo, min, max) || !inRange(hi, min, max)) {
                    problems.add(path, bad);
                    return null;
                }
                return List.of(lo, hi);
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private static Long asWholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 9e15) {
            return d.longValue();
        }
        if (value instanceof java.math.BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double parseDouble(Object value) {
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean inRange(double v, Double min, Double max) {
        return (min == null || v >= min) && (max == null || v <= max);
    }

    /** A value as people write it in YAML: whole numbers without ".0", lists in brackets. */
    public static String show(Object value) {
        if (value instanceof Double d) {
            return fmt(d);
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(show(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(value);
    }

    static String render(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(value);
    }
}
