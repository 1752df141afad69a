package org.seqlab.metrics.sed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The result of one metric family (segment-based, event-based or tagging): counts over all
 * classes (micro, sed_eval's "overall") and per class, and class-wise averages (macro) that skip
 * undefined (NaN) class values, as sed_eval's {@code numpy.nanmean} does.
 *
 * @param overall   counts summed over classes and files
 * @param classWise counts per class, in class order
 * @param accuracy  whether accuracy, sensitivity and specificity mean something here (they need
 *                  true negatives, which only segments have)
 */
public record SedScores(Counts overall, Map<String, Counts> classWise, boolean accuracy) {
    public SedScores {
        classWise = Collections.unmodifiableMap(new LinkedHashMap<>(classWise));
    }

    /** The NaN-skipping mean of {@code metric} over classes; NaN when no class defines it. */
    public double classWiseAverage(ToDoubleFunction<Counts> metric) {
        double sum = 0;
        int n = 0;
        for (Counts c : classWise.values()) {
            double v = metric.applyAsDouble(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * As JSON-ready maps: {@code overall}, {@code class_wise_average} and {@code class_wise}
     * (each class under its label), with sed_eval's metric names flattened ({@code f_measure},
     * {@code error_rate}, ...). NaN stays NaN here; the JSON writer makes it null.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overall", metrics(overall, true));
        Map<String, Object> avg = new LinkedHashMap<>();
        avg.put("f_measure", classWiseAverage(Counts::fMeasure));
        avg.put("precision", classWiseAverage(Counts::precision));
        avg.put("recall", classWiseAverage(Counts::recall));
        avg.put("error_rate", classWiseAverage(Counts::errorRate));
        avg.put("deletion_rate", classWiseAverage(Counts::deletionRate));
        avg.put("insertion_rate", classWiseAverage(Counts::insertionRate));
        if (accuracy) {
            avg.put("accuracy", classWiseAverage(Counts::accuracy));
            avg.put("balanced_accuracy", classWiseAverage(Counts::balancedAccuracy));
            avg.put("sensitivity", classWiseAverage(Counts::sensitivity));
            avg.put("specificity", classWiseAverage(Counts::specificity));
        }
        m.put("class_wise_average", avg);
        Map<String, Object> cw = new LinkedHashMap<>();
        classWise.forEach((label, c) -> cw.put(label, metrics(c, false)));
        m.put("class_wise", cw);
        return m;
    }

    private Map<String, Object> metrics(Counts c, boolean overallCounts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f_measure", c.fMeasure());
        m.put("precision", c.precision());
        m.put("recall", c.recall());
        m.put("error_rate", c.errorRate());
        if (overallCounts) {
            m.put("substitution_rate", c.substitutionRate());
        }
        m.put("deletion_rate", c.deletionRate());
        m.put("insertion_rate", c.insertionRate());
        if (accuracy) {
            m.put("accuracy", c.accuracy());
            m.put("balanced_accuracy", c.balancedAccuracy());
            m.put("sensitivity", c.sensitivity());
            m.put("specificity", c.specificity());
        }
        m.put("Nref", c.nref());
        m.put("Nsys", c.nsys());
        m.put("Ntp", c.ntp());
        m.put("Nfp", c.nfp());
        m.put("Nfn", c.nfn());
        if (accuracy) {
            m.put("Ntn", c.ntn());
        }
        if (overallCounts) {
            m.put("S", c.s());
            m.put("D", c.d());
            m.put("I", c.i());
        }
        return m;
    }
}
