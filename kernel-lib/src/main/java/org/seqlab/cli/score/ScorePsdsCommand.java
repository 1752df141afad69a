package org.seqlab.cli.score;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqlab.experiment.run.Json;
import org.seqlab.metrics.sed.EventTsv;
import org.seqlab.metrics.sed.OperatingPoint;
import org.seqlab.metrics.sed.PsdsEval;
import org.seqlab.metrics.sed.PsdsScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab score psds}: the polyphonic sound detection score of one or more operating points
 * (detection tables, typically one per decision threshold), as psds_eval 0.3.0 computes it
 * ({@link PsdsEval}). Every criterion is an explicit option, since PSDS1 and PSDS2 differ in all
 * of them.
 */
@Command(name = "psds", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Polyphonic sound detection score over operating points (psds_eval 0.3.0 semantics, "
                + "durations in hours).",
            "DESED PSDS1: --dtc 0.7 --gtc 0.7 --cttc 0.3 --alpha-ct 0 --alpha-st 1 --max-efpr 100;",
            "DESED PSDS2: --dtc 0.1 --gtc 0.1 --cttc 0.3 --alpha-ct 0.5 --alpha-st 1 --max-efpr 100."})
public final class ScorePsdsCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "GT.tsv", description = "ground-truth events")
    Path reference;

    @Option(names = "--durations", required = true, paramLabel = "META.tsv",
            description = "duration of every file (filename duration); a file listed twice keeps its first row")
    Path durations;

    @Option(names = "--estimate", required = true, paramLabel = "OP.tsv",
            description = "detections of one operating point; repeat for each")
    List<Path> estimates;

    @Option(names = "--dtc", required = true, paramLabel = "X", description = "detection tolerance criterion, [0, 1]")
    double dtc;

    @Option(names = "--gtc", required = true, paramLabel = "X", description = "ground-truth intersection criterion, [0, 1]")
    double gtc;

    @Option(names = "--cttc", required = true, paramLabel = "X", description = "cross-trigger tolerance criterion, [0, 1]")
    double cttc;

    @Option(names = "--alpha-ct", required = true, paramLabel = "X", description = "weight of cross-triggers, [0, 1]")
    double alphaCt;

    @Option(names = "--alpha-st", required = true, paramLabel = "X",
            description = "weight of the across-class standard deviation, >= 0")
    double alphaSt;

    @Option(names = "--max-efpr", required = true, paramLabel = "X",
            description = "largest effective false positive rate, per hour")
    double maxEfpr;

    @Option(names = "--json", description = "print the results as one JSON object (undefined values as null)")
    boolean json;

    @Override
    public Integer call() {
        PsdsEval eval = new PsdsEval(EventTsv.readEvents(reference), EventTsv.readDurations(durations),
                new PsdsEval.Thresholds(dtc, gtc, cttc));
        PsdsEval.checkScoreOptions(alphaCt, alphaSt, maxEfpr); // option errors before reading detections
        for (Path p : estimates) {
            eval.add(EventTsv.readEvents(p));
        }
        PsdsScore score = eval.psds(alphaCt, alphaSt, maxEfpr);
        List<String> classes = eval.classes();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("psds", score.value());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("dtc", dtc);
            p.put("gtc", gtc);
            p.put("cttc", cttc);
            p.put("alpha_ct", alphaCt);
            p.put("alpha_st", alphaSt);
            p.put("max_efpr", maxEfpr);
            p.put("duration_unit", "hour");
            out.put("parameters", p);
            out.put("classes", classes);
            List<Object> ops = new ArrayList<>();
            for (OperatingPoint op : eval.operatingPoints()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("estimate", op.name());
                o.put("tpr", perClass(classes, op.tpr()));
                o.put("fpr", perClass(classes, op.fpr()));
                double[] efpr = new double[classes.size()];
                for (int c = 0; c < efpr.length; c++) {
                    efpr[c] = op.effectiveFpr(c, alphaCt);
                }
                o.put("efpr", perClass(classes, efpr));
                ops.add(o);
            }
            out.put("operating_points", ops);
            Map<String, Object> roc = new LinkedHashMap<>();
            roc.put("efpr", boxed(score.efpr()));
            roc.put("etpr", boxed(score.etpr()));
            out.put("psd_roc", roc);
            System.out.print(Json.write(out));
            return 0;
        }
        System.out.printf("PSDS %s  (dtc %s, gtc %s, cttc %s, alpha_ct %s, alpha_st %s, max_efpr %s per hour; "
                        + "%d operating points, %d classes)%n%n", Scored.number(score.value()), dtc, gtc, cttc, alphaCt,
                alphaSt, maxEfpr, eval.operatingPoints().size(), classes.size());
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("operating point"));
        for (String c : classes) {
            head.add(c + " TPR");
        }
        head.add("mean TPR");
        head.add("mean FPR/h");
        rows.add(head);
        for (OperatingPoint op : eval.operatingPoints()) {
            List<String> r = new ArrayList<>(List.of(op.name()));
            double tpr = 0;
            double fpr = 0;
            for (int c = 0; c < classes.size(); c++) {
                r.add(Scored.number(op.tpr()[c]));
                tpr += op.tpr()[c] / classes.size();
                fpr += op.fpr()[c] / classes.size();
            }
            r.add(Scored.number(tpr));
            r.add(Scored.number(fpr));
            rows.add(r);
        }
        System.out.print(Scored.table(rows));
        return 0;
    }

    private static Map<String, Object> perClass(List<String> classes, double[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            m.put(classes.get(c), v[c]);
        }
        return m;
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}
