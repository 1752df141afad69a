package org.seqlab.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells this kernel has executed with {@code store_history}, for Jupyter's
 * {@code history_request} (consoles recall earlier input with it; the conformance suite checks
 * it). Why not jjava-jupyter's {@code HistoryManager}: its reply lacks {@code "status"} and its
 * entries are written as JSON objects instead of the protocol's arrays, so {@link SeqlabKernel}
 * answers with {@link #entries}.
 *
 * <p>There is one session, this kernel process, numbered {@value #SESSION}; session 0 means the
 * current one too, as the protocol says, and earlier sessions (negative numbers) are not kept, so
 * their ranges are empty. Line numbers are execution counts. Inputs are stored as sent (raw and
 * transformed input are the same here). The output of a cell is the {@code text/plain} form of
 * its result, or null (JSON null, as IPython answers) when it had none.
 */
final class SessionHistory {
    /** This kernel's session number in history replies. */
    static final int SESSION = 1;

    /** One executed cell. */
    record Cell(int line, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    /** Records an executed cell; {@code output} is its result as text, or null when it had none. */
    synchronized void record(int line, String input, String output) {
        cells.add(new Cell(line, input, output));
    }

    /** The last {@code n} cells (all when {@code n <= 0}), oldest first. */
    synchronized List<Cell> tail(int n) {
        return last(cells, n);
    }

    /** Cells with {@code start <= line < stop} of the current session ({@code stop <= 0}: no end). */
    synchronized List<Cell> range(int session, int start, int stop) {
        List<Cell> in = new ArrayList<>();
        if (session == 0 || session == SESSION) {
            for (Cell c : cells) {
                if (c.line() >= start && (stop <= 0 || c.line() < stop)) {
                    in.add(c);
                }
            }
        }
        return in;
    }

    /**
     * Cells whose whole input matches the glob {@code pattern} ({@code *} any text, {@code ?} one
     * character; empty means {@code *}), oldest first; when {@code unique}, only the latest cell
     * of each distinct input; the last {@code n} of them ({@code n <= 0}: all).
     */
    synchronized List<Cell> search(String pattern, int n, boolean unique) {
        Pattern glob = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) {
            if (glob.matcher(c.input()).matches()) {
                found.add(c);
            }
        }
        if (unique) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell c : found) {
                latest.remove(c.input());
                latest.put(c.input(), c);
            }
            found = new ArrayList<>(latest.values());
        }
        return last(found, n);
    }

    /**
     * The protocol's form of entries: {@code [session, line, input]}, or with {@code output}
     * {@code [session, line, [input, output]]}.
     */
    static List<List<Object>> entries(List<Cell> cells, boolean output) {
        List<List<Object>> out = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            Object what = output ? Arrays.asList(c.input(), c.output()) : c.input();
            out.add(Arrays.asList(SESSION, c.line(), what));
        }
        return out;
    }

    /** A glob as a regular expression over the whole input, lines included. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static List<Cell> last(List<Cell> cells, int n) {
        return List.copyOf(n <= 0 || n >= cells.size() ? cells : cells.subList(cells.size() - n, cells.size()));
    }
}
