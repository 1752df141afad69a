package org.seqlab.metrics.sed;

/**
 * Summed detection counts of one class or of all classes, and the rates sed_eval 0.2.1 derives
 * from them ({@code sed_eval.metric}), with its edge cases:
 * <ul>
 *   <li>precision is NaN when nothing was output ({@code Nsys = 0}; sed_eval's default
 *       {@code empty_system_output_handling}), or 0 with {@link EmptyOutput#ZERO_SCORE}; recall
 *       NaN when there is no reference;</li>
 *   <li>F is 0 when precision and recall are both 0, NaN when either is NaN;</li>
 *   <li>S, D and I rates divide by {@code Nref + eps} with eps = {@code numpy.spacing(1)}, so a
 *       class without reference but with output has an enormous, finite error rate, and
 *       ER = S/(Nref+eps) + D/(Nref+eps) + I/(Nref+eps), summed in that order;</li>
 *   <li>accuracy, sensitivity and specificity add eps to their denominators.</li>
 * </ul>
 * Class-wise counts have no substitutions: D is the false negatives, I the false positives.
 *
 * @param nref true items in the reference (active segments or events)
 * @param nsys items output
 * @param ntp  true positives
 * @param ntn  true negatives (segment-based only; 0 elsewhere)
 * @param nfp  false positives
 * @param nfn  false negatives
 * @param s    substitutions
 * @param d    deletions
 * @param i    insertions
 */
public record Counts(long nref, long nsys, long ntp, long ntn, long nfp, long nfn, long s, long d, long i) {
    /** {@code numpy.spacing(1)}, sed_eval's eps. */
    public static final double EPS = Math.ulp(1.0);

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(nref + o.nref, nsys + o.nsys, ntp + o.ntp, ntn + o.ntn, nfp + o.nfp, nfn + o.nfn,
                s + o.s, d + o.d, i + o.i);
    }

    /** Counts of one class: no substitutions, D = false negatives, I = false positives. */
    public static Counts ofClass(long nref, long nsys, long ntp, long ntn) {
        long nfp = nsys - ntp;
        long nfn = nref - ntp;
        return new Counts(nref, nsys, ntp, ntn, nfp, nfn, 0, nfn, nfp);
    }

    /** Precision with sed_eval's default handling of an empty output (NaN). */
    public double precision() {
        return precision(EmptyOutput.NAN);
    }

    public double precision(EmptyOutput empty) {
        if (nsys == 0) {
            return empty == EmptyOutput.ZERO_SCORE ? 0.0 : Double.NaN;
        }
        return (double) ntp / (double) nsys;
    }

    public double recall() {
        return nref == 0 ? Double.NaN : (double) ntp / (double) nref;
    }

    /** F1 with sed_eval's default handling of an empty output (NaN). */
    public double fMeasure() {
        return fMeasure(EmptyOutput.NAN);
    }

    public double fMeasure(EmptyOutput empty) {
        return fMeasure(precision(empty), recall());
    }

    /** sed_eval's {@code f_measure} with beta 1. */
    public static double fMeasure(double precision, double recall) {
        if (precision == 0 && recall == 0) {
            return 0.0;
        }
        return 2 * precision * recall / (precision + recall);
    }

    public double substitutionRate() {
        return s / (nref + EPS);
    }

    public double deletionRate() {
        return d / (nref + EPS);
    }

    public double insertionRate() {
        return i / (nref + EPS);
    }

    public double errorRate() {
        return substitutionRate() + deletionRate() + insertionRate();
    }

    public double sensitivity() {
        return ntp / (ntp + nfn + EPS);
    }

    public double specificity() {
        return ntn / (ntn + nfp + EPS);
    }

    /** The mean of sensitivity and specificity (sed_eval's balance factor 0.5). */
    public double balancedAccuracy() {
        return 0.5 * sensitivity() + 0.5 * specificity();
    }

    public double accuracy() {
        return (ntp + ntn) / (ntp + ntn + nfn + nfp + EPS);
    }
}
