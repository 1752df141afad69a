package org.seqlab.metrics.sed;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.seqlab.io.AtomicFile;
import org.seqlab.io.InputFileException;
import org.seqlab.io.TextLines;

/**
 * DCASE TSV files: events ({@code filename<TAB>onset<TAB>offset<TAB>event_label}, the format of
 * DESED, DCASE task 4 and psds_eval) and durations ({@code filename<TAB>duration}).
 *
 * <p>Reading is strict, because a silently dropped row changes a score without anyone noticing:
 * a missing header, a wrong number of columns, a time that is not a plain decimal number (no
 * {@code NaN}, no {@code Infinity}), a negative time or an onset after its offset is an
 * {@link InputFileException} naming the file and line; so are bytes that are not UTF-8
 * ({@link TextLines}). The header names the columns, in any
 * order; columns beyond the required ones are ignored. Blank lines and a trailing {@code \r} are
 * tolerated. A row with a file name and nothing else ({@code name<TAB><TAB><TAB>}) lists a file
 * without events, as DCASE ground truths do.
 */
public final class EventTsv {
    /** The event columns, in the order {@link #write} uses. */
    public static final List<String> EVENT_COLUMNS = List.of("filename", "onset", "offset", "event_label");
    public static final List<String> DURATION_COLUMNS = List.of("filename", "duration");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private EventTsv() {}

    public static EventTable readEvents(Path path) {
        return readEvents(path.toString(), lines(path));
    }

    /** Parses event TSV text; {@code source} names it in messages. */
    public static EventTable readEvents(String source, List<String> lines) {
        Header h = header(source, lines, EVENT_COLUMNS);
        int cf = h.index("filename");
        int con = h.index("onset");
        int coff = h.index("offset");
        int cl = h.index("event_label");
        List<Event> events = new ArrayList<>();
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = h.line; i < lines.size(); i++) {
            String[] f = fields(source, lines.get(i), i + 1, h.width);
            if (f == null) {
                continue;
            }
            int line = i + 1;
            String file = f[cf];
            if (file.isEmpty()) {
                throw new InputFileException(source, line, "empty filename");
            }
            first.putIfAbsent(file, line);
            if (f[con].isEmpty() && f[coff].isEmpty() && f[cl].isEmpty()) {
                continue; // a file listed without events
            }
            double onset = time(source, line, "onset", f[con]);
            double offset = time(source, line, "offset", f[coff]);
            if (onset > offset) {
                throw new InputFileException(source, line, "onset " + f[con] + " is after offset " + f[coff]);
            }
            if (f[cl].isEmpty()) {
                throw new InputFileException(source, line, "empty event_label");
            }
            events.add(new Event(file, onset, offset, f[cl]));
        }
        return new EventTable(source, events, first);
    }

    public static Durations readDurations(Path path) {
        return readDurations(path.toString(), lines(path));
    }

    /** Parses duration TSV text; a file listed again keeps its first duration (see {@link Durations}). */
    public static Durations readDurations(String source, List<String> lines) {
        Header h = header(source, lines, DURATION_COLUMNS);
        int cf = h.index("filename");
        int cd = h.index("duration");
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = h.line; i < lines.size(); i++) {
            String[] f = fields(source, lines.get(i), i + 1, h.width);
            if (f == null) {
                continue;
            }
            if (f[cf].isEmpty()) {
                throw new InputFileException(source, i + 1, "empty filename");
            }
            double d = time(source, i + 1, "duration", f[cd]);
            seconds.putIfAbsent(f[cf], d);
        }
        return new Durations(source, seconds);
    }

    /** Writes events as a DCASE TSV (header first, times in plain decimal notation), atomically. */
    public static void write(Path path, Collection<Event> events) throws IOException {
        StringBuilder b = new StringBuilder(String.join("\t", EVENT_COLUMNS)).append('\n');
        for (Event e : events) {
            for (String s : List.of(e.file(), e.label())) {
                if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("a file name or label with a tab or line break cannot be "
                            + "written as TSV: '" + s + "'");
                }
            }
            b.append(e.file()).append('\t').append(plain(e.onset())).append('\t').append(plain(e.offset()))
                    .append('\t').append(e.label()).append('\n');
        }
        AtomicFile.writeString(path, AtomicFile.Durability.SYNCED, b);
    }

    /** Shortest decimal that reads back to the same double, without an exponent. */
    static String plain(double d) {
        return BigDecimal.valueOf(d).toPlainString();
    }

    private static List<String> lines(Path path) {
        try {
            return TextLines.read(path);
        } catch (NoSuchFileException e) {
            throw new InputFileException(path.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new InputFileException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    private record Header(int line, int width, List<String> names) {
        int index(String name) {
            return names.indexOf(name);
        }
    }

    /** The first non-blank line, which must name every required column; {@code line} is where data starts. */
    private static Header header(String source, List<String> lines, List<String> required) {
        for (int i = 0; i < lines.size(); i++) {
            String s = strip(lines.get(i));
            if (s.isBlank()) {
                continue;
            }
            List<String> names = List.of(s.split("\t", -1)).stream().map(String::trim).toList();
            List<String> missing = required.stream().filter(r -> !names.contains(r)).toList();
            if (!missing.isEmpty()) {
                throw new InputFileException(source, i + 1, "the header must name the tab-separated columns "
                        + String.join(", ", required) + "; missing " + String.join(", ", missing)
                        + " in '" + s + "'");
            }
            return new Header(i + 1, names.size(), names);
        }
        throw new InputFileException(source, 1, "empty file: expected a header naming the tab-separated columns "
                + String.join(", ", required));
    }

    /** A data row split into exactly {@code width} fields, or null for a blank line. */
    private static String[] fields(String source, String raw, int line, int width) {
        String s = strip(raw);
        if (s.isBlank()) {
            return null;
        }
        String[] f = s.split("\t", -1);
        if (f.length != width) {
            throw new InputFileException(source, line, f.length + " tab-separated columns, the header has " + width);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        return f;
    }

    private static String strip(String s) {
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static double time(String source, int line, String column, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new InputFileException(source, line, column + " '" + text + "' is not a number");
        }
        double v = Double.parseDouble(text);
        if (v < 0) {
            throw new InputFileException(source, line, column + " " + text + " is negative");
        }
        if (!Double.isFinite(v)) {
            throw new InputFileException(source, line, column + " " + text + " is too large");
        }
        return v;
    }
}
