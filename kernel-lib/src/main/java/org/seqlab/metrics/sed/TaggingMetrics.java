package org.seqlab.metrics.sed;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Audio tagging (clip-level) metrics as sed_eval 0.2.1's {@code AudioTaggingMetrics}: a file is
 * tagged with a class if it has at least one event of that class, and the reference's and the
 * estimate's tags are compared file by file and class by class. This is what weak labels can be
 * scored on: which classes occur in a clip, not when.
 */
public final class TaggingMetrics {
    private TaggingMetrics() {}

    public static SedScores score(SedData data) {
        List<String> classes = data.classes();
        long[][] perClass = new long[classes.size()][4]; // nref, nsys, ntp, ntn
        for (String file : data.files()) {
            Set<String> ref = tags(data.reference().get(file));
            Set<String> est = tags(data.estimate().get(file));
            for (int c = 0; c < classes.size(); c++) {
                boolean r = ref.contains(classes.get(c));
                boolean e = est.contains(classes.get(c));
                perClass[c][0] += r ? 1 : 0;
                perClass[c][1] += e ? 1 : 0;
                perClass[c][2] += r && e ? 1 : 0;
                perClass[c][3] += !r && !e ? 1 : 0;
            }
        }
        Map<String, Counts> classWise = new LinkedHashMap<>();
        Counts overall = Counts.ZERO;
        for (int c = 0; c < classes.size(); c++) {
            long[] n = perClass[c];
            Counts counts = Counts.ofClass(n[0], n[1], n[2], n[3]);
            classWise.put(classes.get(c), counts);
            overall = overall.plus(counts);
        }
        return new SedScores(overall, classWise, true);
    }

    private static Set<String> tags(List<Event> events) {
        Set<String> s = new HashSet<>();
        for (Event e : events) {
            s.add(e.label());
        }
        return s;
    }
}
