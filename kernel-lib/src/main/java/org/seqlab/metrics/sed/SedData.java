package org.seqlab.metrics.sed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seqlab.io.InputFileException;

/**
 * A reference and an estimate, lined up file by file, ready to score.
 *
 * <p>Files scored: every file named by the reference, the estimate or the durations, in that
 * order of first appearance. An estimate may leave a file out (no detections there); a file only
 * in the estimate still counts its detections as insertions (sed_eval's binary1/binary2 test
 * evaluates exactly such a file). When durations are given, every file of the reference and of the
 * estimate must have one, or the score would silently use a made-up length.
 *
 * <p>Classes: the sorted union of the reference's and the estimate's labels, as DESED's scoring
 * code builds sed_eval's label list (sed_eval itself fails on an estimated label that its list
 * lacks). An estimated class that the reference never uses has no recall: its F is undefined and
 * left out of class-wise averages.
 *
 * @param files     the files scored
 * @param classes   the labels scored, sorted
 * @param reference each file's reference events in file order (empty list if none)
 * @param estimate  each file's estimated events in file order (empty list if none)
 * @param durations each file's duration, or null when none were given
 */
public record SedData(List<String> files, List<String> classes, Map<String, List<Event>> reference,
        Map<String, List<Event>> estimate, Durations durations) {

    public static SedData of(EventTable reference, EventTable estimate, Durations durations) {
        Set<String> files = new LinkedHashSet<>(reference.firstLine().keySet());
        files.addAll(estimate.firstLine().keySet());
        if (durations != null) {
            for (EventTable t : List.of(reference, estimate)) {
                for (String f : t.firstLine().keySet()) {
                    if (!durations.has(f)) {
                        throw new InputFileException(t.source(), t.firstLine().get(f), "file '" + f + "' has no duration in "
                                + durations.source());
                    }
                }
            }
            files.addAll(durations.seconds().keySet());
        }
        Set<String> classes = new TreeSet<>();
        reference.events().forEach(e -> classes.add(e.label()));
        estimate.events().forEach(e -> classes.add(e.label()));
        Map<String, List<Event>> ref = reference.byFile();
        Map<String, List<Event>> est = estimate.byFile();
        for (String f : files) {
            ref.putIfAbsent(f, List.of());
            est.putIfAbsent(f, List.of());
        }
        return new SedData(List.copyOf(files), new ArrayList<>(classes), ref, est, durations);
    }

    /**
     * The length evaluated in {@code file}: its duration when durations were given, else the
     * larger of its last reference offset and its last estimated offset, as sed_eval's
     * segment-based {@code evaluate} does without {@code evaluated_length_seconds} (0 without
     * events).
     */
    public double length(String file) {
        if (durations != null) {
            return durations.of(file);
        }
        double max = 0;
        for (Event e : reference.get(file)) {
            max = Math.max(max, e.offset());
        }
        for (Event e : estimate.get(file)) {
            max = Math.max(max, e.offset());
        }
        return max;
    }
}
