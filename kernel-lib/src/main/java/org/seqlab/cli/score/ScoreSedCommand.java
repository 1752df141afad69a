package org.seqlab.cli.score;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqlab.experiment.run.Json;
import org.seqlab.metrics.sed.Counts;
import org.seqlab.metrics.sed.Durations;
import org.seqlab.metrics.sed.EventBasedMetrics;
import org.seqlab.metrics.sed.EventTsv;
import org.seqlab.metrics.sed.SedData;
import org.seqlab.metrics.sed.SedScores;
import org.seqlab.metrics.sed.SegmentBasedMetrics;
import org.seqlab.metrics.sed.TaggingMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab score sed}: segment-based, event-based and tagging metrics of a DCASE estimate
 * TSV against a reference TSV, as sed_eval 0.2.1 computes them (package
 * {@link org.seqlab.metrics.sed}). Defaults are DCASE task 4's: 1 s segments, a 200 ms collar,
 * offsets within 20% of the event's length.
 */
@Command(name = "sed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sound event detection: segment-based, event-based and tagging F1 and error rate "
                + "(sed_eval 0.2.1 semantics, optimal event matching).",
            "TSV columns: filename onset offset event_label (header required); durations: filename duration."})
public final class ScoreSedCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "REF.tsv", description = "reference events")
    Path reference;

    @Option(names = "--estimate", required = true, paramLabel = "EST.tsv", description = "estimated events")
    Path estimate;

    @Option(names = "--durations", paramLabel = "DUR.tsv",
            description = "file durations; without them a file's length is its last reference or estimated offset")
    Path durations;

    @Option(names = "--time-resolution", defaultValue = "1.0", paramLabel = "S",
            description = "segment length in seconds (default ${DEFAULT-VALUE})")
    double timeResolution;

    @Option(names = "--t-collar", defaultValue = "0.2", paramLabel = "S",
            description = "onset collar and smallest offset collar in seconds (default ${DEFAULT-VALUE})")
    double tCollar;

    @Option(names = "--percentage-of-length", defaultValue = "0.2", paramLabel = "P",
            description = "offset collar as a share of the reference event's length (default ${DEFAULT-VALUE}; "
                    + "sed_eval's own default is 0.5)")
    double percentageOfLength;

    @Option(names = "--evaluate-onset", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "event-based: onsets must fit (default ${DEFAULT-VALUE})")
    boolean evaluateOnset;

    @Option(names = "--evaluate-offset", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "event-based: offsets must fit (default ${DEFAULT-VALUE})")
    boolean evaluateOffset;

    @Option(names = "--json", description = "print the results as one JSON object (undefined values as null)")
    boolean json;

    @Override
    public Integer call() {
        EventBasedMetrics.Settings settings =
                new EventBasedMetrics.Settings(tCollar, percentageOfLength, evaluateOnset, evaluateOffset);
        Durations dur = durations == null ? null : EventTsv.readDurations(durations);
        SedData data = SedData.of(EventTsv.readEvents(reference), EventTsv.readEvents(estimate), dur);
        SedScores segment = SegmentBasedMetrics.score(data, timeResolution);
        SedScores event = EventBasedMetrics.score(data, settings);
        SedScores tagging = TaggingMetrics.score(data);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("files", data.files().size());
            out.put("classes", data.classes());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("time_resolution", timeResolution);
            p.put("t_collar", tCollar);
            p.put("percentage_of_length", percentageOfLength);
            p.put("evaluate_onset", evaluateOnset);
            p.put("evaluate_offset", evaluateOffset);
            p.put("durations", durations == null ? null : durations.toString());
            out.put("parameters", p);
            out.put("segment_based", segment.toMap());
            out.put("event_based", event.toMap());
            out.put("tagging", tagging.toMap());
            System.out.print(Json.write(out));
            return 0;
        }
        System.out.printf("%d files, %d classes; segments of %s s; collar %s s, offset collar max(%s s, %s x length)%s%n%n",
                data.files().size(), data.classes().size(), timeResolution, tCollar, tCollar, percentageOfLength,
                (evaluateOnset ? "" : ", onsets not evaluated") + (evaluateOffset ? "" : ", offsets not evaluated"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("metric", "F1", "precision", "recall", "ER", "S", "D", "I", "F1 (class avg)", "ER (class avg)"));
        summaryRow(rows, "segment-based", segment);
        summaryRow(rows, "event-based", event);
        summaryRow(rows, "tagging", tagging);
        System.out.print(Scored.table(rows));
        System.out.println();
        List<List<String>> cls = new ArrayList<>();
        cls.add(List.of("class", "Nref events", "Nsys events", "event F1", "event ER", "segment F1", "segment ER",
                "tagging F1"));
        for (String c : data.classes()) {
            Counts e = event.classWise().get(c);
            Counts s = segment.classWise().get(c);
            Counts t = tagging.classWise().get(c);
            cls.add(List.of(c, Long.toString(e.nref()), Long.toString(e.nsys()), Scored.number(e.fMeasure()),
                    Scored.number(e.errorRate()), Scored.number(s.fMeasure()), Scored.number(s.errorRate()),
                    Scored.number(t.fMeasure())));
        }
        System.out.print(Scored.table(cls));
        return 0;
    }

    private static void summaryRow(List<List<String>> rows, String name, SedScores s) {
        Counts o = s.overall();
        rows.add(List.of(name, Scored.number(o.fMeasure()), Scored.number(o.precision()), Scored.number(o.recall()),
                Scored.number(o.errorRate()), Scored.number(o.substitutionRate()), Scored.number(o.deletionRate()),
                Scored.number(o.insertionRate()), Scored.number(s.classWiseAverage(Counts::fMeasure)),
                Scored.number(s.classWiseAverage(Counts::errorRate))));
    }
}
