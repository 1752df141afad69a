package org.seqlab.cli.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqlab.experiment.run.Json;
import org.seqlab.io.AtomicFile;
import org.seqlab.io.InputFileException;
import org.seqlab.metrics.ConfusionMatrix;
import org.seqlab.metrics.lid.DetPoint;
import org.seqlab.metrics.lid.LanguageScores;
import org.seqlab.metrics.lid.LidMetrics;
import org.seqlab.metrics.lid.LidScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab score lid --scores SCORES.tsv [--p-target 0.5] [--json] [--det FILE]}: accuracy,
 * Cavg, min Cavg, EER and the confusion matrix of a language-recognition score table
 * (definitions in {@link LidMetrics}). A bad line throws {@link InputFileException}, which
 * {@link org.seqlab.cli.CliErrors} shows as one {@code error: FILE:LINE: problem} with exit status 2.
 */
@Command(name = "lid", mixinStandardHelpOptions = true,
        description = {"Language recognition: accuracy, Cavg (threshold 0), min Cavg, EER, confusion.",
            "SCORES.tsv: header 'utterance<TAB>language<TAB>L1<TAB>L2...'; one row per",
            "utterance: its true language, then one score per language column",
            "(a log-likelihood ratio: higher means more likely)."})
public final class ScoreLidCommand implements Callable<Integer> {
    @Option(names = "--scores", required = true, paramLabel = "SCORES.tsv", description = "the score table")
    Path scores;

    @Option(names = "--p-target", paramLabel = "P", description = "target prior of Cavg, strictly between 0 and 1 (default: 0.5, as NIST LRE)")
    double pTarget = LidScore.DEFAULT_P_TARGET;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = "--det", paramLabel = "FILE", description = "also write the DET points (threshold, p_miss, p_fa) as TSV")
    Path det;

    @Override
    public Integer call() throws IOException {
        if (!(pTarget > 0 && pTarget < 1)) {
            throw new IllegalArgumentException("--p-target must be strictly between 0 and 1, got " + pTarget);
        }
        LidScore s = LidScore.of(LanguageScores.read(scores), pTarget);
        if (det != null) {
            AtomicFile.writeString(det, AtomicFile.Durability.UNSYNCED, detTsv(LidMetrics.det(s.scores())));
        }
        System.out.print(json ? Json.write(json(s)) : table(s));
        return 0;
    }

    /** {@code min_cavg_threshold} is null when the minimum is at −∞ (accept every trial). */
    static Map<String, Object> json(LidScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", s.accuracy());
        m.put("cavg", s.cavg());
        m.put("min_cavg", s.minCavg());
        m.put("min_cavg_threshold", s.minCavgThreshold());
        m.put("eer", s.eer());
        m.put("p_target", s.pTarget());
        m.put("utterances", s.scores().rows());
        m.put("languages", s.scores().languages());
        m.put("confusion", rows(s.confusion()));
        return m;
    }

    private static List<List<Long>> rows(ConfusionMatrix c) {
        List<List<Long>> rows = new ArrayList<>();
        for (int t = 0; t < c.classes(); t++) {
            List<Long> row = new ArrayList<>();
            for (int p = 0; p < c.classes(); p++) {
                row.add(c.count(t, p));
            }
            rows.add(row);
        }
        return rows;
    }

    static String table(LidScore s) {
        List<String> langs = s.scores().languages();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d utterances, %d languages, P_target %s%n", s.scores().rows(), langs.size(),
                ScoreAsrCommand.significant(s.pTarget())));
        b.append(String.format(Locale.ROOT, "accuracy  %s%n", ScoreAsrCommand.significant(s.accuracy())));
        b.append(String.format(Locale.ROOT, "Cavg      %s  (threshold 0)%n", ScoreAsrCommand.significant(s.cavg())));
        b.append(String.format(Locale.ROOT, "min Cavg  %s  (threshold %s)%n", ScoreAsrCommand.significant(s.minCavg()),
                s.minCavgThreshold() == Double.NEGATIVE_INFINITY ? "-inf" : ScoreAsrCommand.significant(s.minCavgThreshold())));
        b.append(String.format(Locale.ROOT, "EER       %s%n", ScoreAsrCommand.significant(s.eer())));
        b.append("\nconfusion (rows: true language, columns: predicted)\n");
        int w = Math.max(Long.toString(s.scores().rows()).length(), langs.stream().mapToInt(String::length).max().orElse(0));
        b.append(" ".repeat(w));
        for (String l : langs) {
            b.append("  ").append(pad(l, w));
        }
        b.append('\n');
        for (int t = 0; t < langs.size(); t++) {
            b.append(String.format("%-" + w + "s", langs.get(t)));
            for (int p = 0; p < langs.size(); p++) {
                b.append("  ").append(pad(Long.toString(s.confusion().count(t, p)), w));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }

    static String detTsv(List<DetPoint> points) {
        StringBuilder b = new StringBuilder("threshold\tp_miss\tp_fa\n");
        for (DetPoint p : points) {
            b.append(p.threshold() == Double.NEGATIVE_INFINITY ? "-inf" : Double.toString(p.threshold()))
                    .append('\t').append(p.pMiss()).append('\t').append(p.pFa()).append('\n');
        }
        return b.toString();
    }
}
