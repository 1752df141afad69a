package org.seqlab.metrics.sed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one TSV file in file order, with where each audio file is first named, so that
 * a later problem (an estimate's file without a duration) can still point at a line.
 *
 * <p>File order matters: sed_eval counts event-based substitutions greedily in the order the
 * events are listed, so the same events in another order can give another error rate.
 *
 * @param source    the name shown in messages (the path as given)
 * @param events    every event, in file order
 * @param firstLine for each audio file named, the 1-based line that first names it, in order of
 *                  first appearance; it includes files listed by a row without an event
 *                  ({@code filename} followed by empty fields, as DCASE ground truths list files
 *                  with no event)
 */
public record EventTable(String source, List<Event> events, Map<String, Integer> firstLine) {
    public EventTable {
        events = List.copyOf(events);
        firstLine = Collections.unmodifiableMap(new LinkedHashMap<>(firstLine));
    }

    /** A table made in memory (no file): every event's file counts as named. */
    public static EventTable of(String source, List<Event> events) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (Event e : events) {
            first.putIfAbsent(e.file(), 0);
        }
        return new EventTable(source, events, first);
    }

    /** The events of each file, in file order; files named without events map to empty lists. */
    public Map<String, List<Event>> byFile() {
        Map<String, List<Event>> m = new LinkedHashMap<>();
        for (String f : firstLine.keySet()) {
            m.put(f, new ArrayList<>());
        }
        for (Event e : events) {
            m.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
        }
        return m;
    }
}
