package org.seqlab.cli.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqlab.experiment.run.Json;
import org.seqlab.io.InputFileException;
import org.seqlab.metrics.asr.AsrScore;
import org.seqlab.metrics.asr.EditCounts;
import org.seqlab.metrics.asr.Transcript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab score asr --reference REF --hypothesis HYP [--json]}: corpus WER and CER of
 * Kaldi-style transcripts (see {@link AsrScore} for the definitions, jiwer 4.0's). A bad line
 * throws {@link InputFileException}, which {@link org.seqlab.cli.CliErrors} shows as one
 * {@code error: FILE:LINE: problem} with exit status 2.
 */
@Command(name = "asr", mixinStandardHelpOptions = true,
        description = {"Word and character error rates of a hypothesis against a reference.",
            "Both files: one utterance a line, 'UTT-ID word word ...', UTF-8, matched by id.",
            "A reference id without a hypothesis line is scored as all deletions (listed)."})
public final class ScoreAsrCommand implements Callable<Integer> {
    private static final int LISTED = 10;

    @Option(names = "--reference", required = true, paramLabel = "REF.txt", description = "reference transcript")
    Path reference;

    @Option(names = "--hypothesis", required = true, paramLabel = "HYP.txt", description = "hypothesis transcript")
    Path hypothesis;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Transcript ref = Transcript.read(reference);
        Transcript hyp = Transcript.read(hypothesis);
        if (ref.utterances().isEmpty()) {
            throw new InputFileException(reference.toString(), 0, "no utterance lines");
        }
        AsrScore s = AsrScore.of(ref, hyp);
        if (!s.missing().isEmpty()) {
            System.err.println("warning: " + hypothesis + ": " + s.missing().size() + " of " + s.utterances()
                    + " reference utterances have no hypothesis line and are scored as all deletions: " + listed(s.missing()));
        }
        System.out.print(json ? Json.write(json(s)) : table(s));
        return 0;
    }

    /** The JSON object; top-level counts are words, as jiwer's {@code process_words} names them. */
    static Map<String, Object> json(AsrScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wer", s.wer());
        m.put("cer", s.cer());
        m.put("cer_no_space", s.cerNoSpace());
        m.put("substitutions", s.words().substitutions());
        m.put("deletions", s.words().deletions());
        m.put("insertions", s.words().insertions());
        m.put("hits", s.words().hits());
        m.put("reference_words", s.words().referenceLength());
        m.put("hypothesis_words", s.words().hypothesisLength());
        m.put("characters", counts(s.characters()));
        m.put("characters_no_space", counts(s.charactersNoSpace()));
        m.put("utterances", s.utterances());
        m.put("missing_hypotheses", s.missing());
        return m;
    }

    private static Map<String, Object> counts(EditCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error_rate", c.errorRate());
        m.put("substitutions", c.substitutions());
        m.put("deletions", c.deletions());
        m.put("insertions", c.insertions());
        m.put("hits", c.hits());
        m.put("reference_length", c.referenceLength());
        m.put("hypothesis_length", c.hypothesisLength());
        return m;
    }

    static String table(AsrScore s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-26s %8s %8s %8s %8s %8s %8s%n", "", "rate", "S", "D", "I", "H", "ref"));
        row(b, "words (WER)", s.words());
        row(b, "characters (CER)", s.characters());
        row(b, "characters, no spaces", s.charactersNoSpace());
        b.append("utterances: ").append(s.utterances());
        if (!s.missing().isEmpty()) {
            b.append(", ").append(s.missing().size()).append(" without hypothesis (all deletions): ").append(listed(s.missing()));
        }
        return b.append('\n').toString();
    }

    private static void row(StringBuilder b, String name, EditCounts c) {
        b.append(String.format(Locale.ROOT, "%-26s %8s %8d %8d %8d %8d %8d%n", name, significant(c.errorRate()),
                c.substitutions(), c.deletions(), c.insertions(), c.hits(), c.referenceLength()));
    }

    /** Four significant digits, as the other tables print. */
    static String significant(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    private static String listed(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(LISTED, ids.size()))) + (ids.size() > LISTED ? ", ..." : "");
    }
}
