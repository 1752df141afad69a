package org.seqlab.lectures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.Corpus;
import org.seqlab.data.DataHome;
import org.seqlab.data.generate.SpeechGenerator;
import org.seqlab.decode.ctc.CtcAlphabet;
import org.seqlab.decode.ctc.CtcGreedy;
import org.seqlab.decode.ctc.CtcPrefixBeamSearch;
import org.seqlab.decode.ctc.LogProbs;
import org.seqlab.decode.las.CtcPrefixScore;
import org.seqlab.decode.las.LasBeamSearch;
import org.seqlab.decode.lm.Arpa;
import org.seqlab.decode.lm.CharLm;
import org.seqlab.experiment.builtin.LasModel;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.losses.CtcLoss;
import org.seqlab.metrics.asr.AsrScore;
import org.seqlab.metrics.asr.Transcript;
import org.seqlab.metrics.asr.Utterance;
import org.seqlab.nn.Checkpoint;
import org.seqlab.results.Measurements;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lecture 5 (CTC vs Listen-Attend-Spell): the analyses notebook 05 shows, each computed by the
 * library's one implementation (CtcLoss, the CTC decoders, LasBeamSearch, AsrScore) on trained
 * runs rebuilt from their folders.
 */
public final class EndToEndAsr {
    private EndToEndAsr() {}

    /** The toy CTC example: 5 frames, classes {blank, a, b}, transcript "ab"; fixed log-softmax outputs. */
    public static double[][] toyLogProbs() {
        double[][] p = {
            {0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}, {0.5, 0.3, 0.2}, {0.2, 0.1, 0.7}, {0.7, 0.1, 0.2}};
        double[][] lp = new double[p.length][3];
        for (int t = 0; t < p.length; t++) {
            for (int c = 0; c < 3; c++) {
                lp[t][c] = Math.log(p[t][c]);
            }
        }
        return lp;
    }

    private static final int[] TOY_LABELS = {1, 2};
    private static final String TOY_CLASSES = "_ab";

    /**
     * Every alignment of the toy transcript by brute force: all 3^5 frame paths, kept when they
     * collapse to "ab". Returns the table of alignments (path, probability) sorted by probability.
     */
    public static Table toyAlignments() {
        double[][] lp = toyLogProbs();
        StringColumn path = StringColumn.create("alignment");
        DoubleColumn prob = DoubleColumn.create("probability");
        enumerate(lp, (pi, p) -> {
            if (collapses(pi)) {
                StringBuilder b = new StringBuilder();
                for (int s : pi) {
                    b.append(TOY_CLASSES.charAt(s));
                }
                path.append(b.toString());
                prob.append(p);
            }
        });
        Table t = Table.create("Alignments of 'ab' over 5 frames", path, prob);
        return t.sortDescendingOn("probability");
    }

    /** {CTC loss by CtcLoss, -ln of the brute-force sum over alignments}: the two must agree. */
    public static double[] toyLossCheck() {
        double[][] lp = toyLogProbs();
        double[] sum = {0};
        enumerate(lp, (pi, p) -> {
            if (collapses(pi)) {
                sum[0] += p;
            }
        });
        double[] flat = new double[lp.length * 3];
        for (int t = 0; t < lp.length; t++) {
            System.arraycopy(lp[t], 0, flat, t * 3, 3);
        }
        try (GradMode off = GradMode.off()) {
            Tensor logits = Tensor.constant(Nd4j.createFromArray(flat).reshape(1, lp.length, 3));
            double loss = CtcLoss.loss(logits, new int[] {lp.length}, new int[][] {TOY_LABELS},
                    CtcLoss.Options.defaults().withBlank(0)).item();
            // torch's mean reduction divides by the label length
            return new double[] {loss * TOY_LABELS.length, -Math.log(sum[0])};
        }
    }

    /**
     * The alignment lattice: for each frame and state of the extended label (_ a _ b _), the
     * posterior probability that an alignment of "ab" passes there (brute force), as rows for a heatmap.
     */
    public static Table toyLattice() {
        double[][] lp = toyLogProbs();
        String[] states = {"0 _", "1 a", "2 _", "3 b", "4 _"};
        double[][] occ = new double[states.length][lp.length];
        double[] total = {0};
        enumerate(lp, (pi, p) -> {
            if (!collapses(pi)) {
                return;
            }
            total[0] += p;
            int s = -1;
            for (int t = 0; t < pi.length; t++) {
                // state index in the extended label: label k at 2k+1, blanks between at even positions
                if (pi[t] == 0) {
                    s = s < 0 ? 0 : (s % 2 == 1 ? s + 1 : s);
                } else {
                    int k = pi[t] == TOY_LABELS[0] && (s < 1) ? 1 : (s % 2 == 1 && pi[t] == TOY_LABELS[(s - 1) / 2]) ? s : s + (s % 2 == 0 ? 1 : 2);
                    s = k;
                }
                occ[s][t] += p;
            }
        });
        IntColumn frame = IntColumn.create("frame");
        StringColumn state = StringColumn.create("state");
        DoubleColumn post = DoubleColumn.create("posterior");
        for (int s = 0; s < states.length; s++) {
            for (int t = 0; t < lp.length; t++) {
                frame.append(t);
                state.append(states[s]);
                post.append(occ[s][t] / total[0]);
            }
        }
        return Table.create("CTC lattice of 'ab': state occupancy", frame, state, post);
    }

    private interface PathVisitor {
        void visit(int[] path, double probability);
    }

    private static void enumerate(double[][] lp, PathVisitor v) {
        int frames = lp.length;
        int classes = lp[0].length;
        int total = (int) Math.pow(classes, frames);
        for (int code = 0; code < total; code++) {
            int[] pi = new int[frames];
            int c = code;
            double p = 1;
            for (int t = frames - 1; t >= 0; t--) {
                pi[t] = c % classes;
                c /= classes;
            }
            for (int t = 0; t < frames; t++) {
                p *= Math.exp(lp[t][pi[t]]);
            }
            v.visit(pi, p);
        }
    }

    private static boolean collapses(int[] pi) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int s : pi) {
            if (s != 0 && s != prev) {
                out.add(s);
            }
            prev = s;
        }
        return out.equals(List.of(TOY_LABELS[0], TOY_LABELS[1]));
    }

    /** A trained run rebuilt from its folder: its components (data and model with the best weights). */
    public static Components trained(Path run) {
        try {
            ExperimentSpec spec = SpecYaml.load(run.resolve(RunDirectory.CONFIG), List.of(), Registry.global());
            Components c = Components.build(spec, Registry.global(), DataHome.get());
            Path best = run.resolve(Files.exists(run.resolve(RunDirectory.BEST)) ? RunDirectory.BEST : RunDirectory.LAST);
            Checkpoint.load(best, c.model(), null);
            c.model().eval();
            return c;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Batch one(Components c, String split, int index) {
        return c.data().split(split).batch(new int[] {index});
    }

    /** Frame-wise CTC posteriors of one utterance (plain CTC model): frame, class (blank, space, other), probability. */
    public static Table posteriors(Path run, String split, int index) {
        Components c = trained(run);
        Batch b = one(c, split, index);
        double[][] lp;
        try (GradMode off = GradMode.off()) {
            lp = LogProbs.logSoftmax(LogProbs.of(c.model().forward(b).value(), 0, b.steps()));
        }
        List<String> names = c.data().shape().classNames();
        IntColumn frame = IntColumn.create("frame");
        StringColumn cls = StringColumn.create("output");
        DoubleColumn prob = DoubleColumn.create("posterior");
        for (int t = 0; t < lp.length; t++) {
            double blank = Math.exp(lp[t][0]);
            double best = 0;
            int arg = 0;
            for (int k = 1; k < lp[t].length; k++) {
                if (Math.exp(lp[t][k]) > best) {
                    best = Math.exp(lp[t][k]);
                    arg = k;
                }
            }
            frame.append(t).append(t);
            cls.append("blank").append("best character");
            prob.append(blank).append(best);
        }
        Table t = Table.create("CTC posteriors of " + c.data().split(split).id(index) + " ('"
                + Utterance.ofTokens("u", ((Target.Tokens) b.target()).tokens()[0], names).text() + "')", frame, cls, prob);
        return t;
    }

    /**
     * Spikiness of CTC outputs on up to {@code utterances} test utterances per run: the share of
     * frames whose argmax is the blank, and the mean width in frames of a peak (a run of frames
     * with the same non-blank argmax). One row per run and metric.
     */
    public static Table spikiness(List<RunResult> runs, int utterances) {
        Measurements m = Measurements.named("CTC spikiness");
        for (RunResult r : runs) {
            Components c = trained(r.path());
            Split test = c.data().split("test");
            long frames = 0;
            long blanks = 0;
            long peaks = 0;
            long peakFrames = 0;
            for (int i = 0; i < Math.min(utterances, test.size()); i++) {
                Batch b = test.batch(new int[] {i});
                double[][] lp;
                try (GradMode off = GradMode.off()) {
                    lp = LogProbs.of(c.model().forward(b).value(), 0, b.steps());
                }
                int prev = 0;
                for (double[] row : lp) {
                    int arg = 0;
                    for (int k = 1; k < row.length; k++) {
                        arg = row[k] > row[arg] ? k : arg;
                    }
                    frames++;
                    if (arg == 0) {
                        blanks++;
                    } else {
                        peakFrames++;
                        peaks += arg != prev ? 1 : 0;
                    }
                    prev = arg;
                }
            }
            m.add("blank-argmax-share", (double) blanks / frames, r.seed(), "model", "ctc");
            // a run that emits no character has no peak to measure: NaN, which a claim leaves out and says so
            m.add("peak-width", peaks > 0 ? (double) peakFrames / peaks : Double.NaN, r.seed(), "model", "ctc");
        }
        return m.table();
    }

    /**
     * A character LM (modified Kneser-Ney) written as ARPA, trained on text that never holds a test
     * or validation sentence: the corpus's {@code lm-text.txt} when its recipe writes one (a
     * sentence with a character the run's model cannot output is left out), else the run's
     * training transcripts. The table says which text and how much of it.
     */
    public static Table characterLm(Path anyRun, Corpus corpus, int order, Path arpa) {
        Components c = trained(anyRun);
        List<String> names = c.data().shape().classNames();
        Set<Integer> alphabet = new HashSet<>();
        int[] cps = codePoints(names);
        for (int k = 1; k < cps.length; k++) {
            alphabet.add(cps[k]);
        }
        List<String> lines = new ArrayList<>();
        String source;
        int dropped = 0;
        Path text = corpus.dir().resolve(SpeechGenerator.LM_TEXT);
        try {
            if (Files.isRegularFile(text)) {
                source = corpus.name() + "/" + SpeechGenerator.LM_TEXT;
                for (String line : Files.readAllLines(text, StandardCharsets.UTF_8)) {
                    String t = CharLm.normalise(line);
                    if (t.codePoints().allMatch(alphabet::contains)) {
                        lines.add(t);
                    } else {
                        dropped++;
                    }
                }
            } else {
                source = "training transcripts of " + corpus.name();
                Split train = c.data().split("train");
                for (int i = 0; i < train.size(); i++) {
                    lines.add(Utterance.ofTokens("u", ((Target.Tokens) train.batch(new int[] {i}).target()).tokens()[0], names).text());
                }
            }
            Files.createDirectories(arpa.toAbsolutePath().getParent());
            Arpa.write(CharLm.train(lines, order).model(), arpa);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long chars = lines.stream().mapToLong(String::length).sum();
        return Table.create("Character LM: modified Kneser-Ney, order " + order + ", written to " + arpa.getFileName(),
                StringColumn.create("text", List.of(source)), IntColumn.create("sentences", new int[] {lines.size()}),
                DoubleColumn.create("characters", new double[] {chars}), IntColumn.create("sentences left out", new int[] {dropped}));
    }

    /**
     * One split ({@code validation} or {@code test}) of each CTC run decoded greedily, by prefix
     * beam search, and by prefix beam search with the character LM at every (alpha, beta) of the
     * grid; WER and CER as {@code ./seqlab score asr} counts them. Tune the grid on validation
     * ({@link #bestLmWeights}) and decode test at the chosen point only: a point picked on test
     * flatters the LM. Columns: decoder, alpha, beta, seed, metric, value.
     */
    public static Table decoders(List<RunResult> runs, String split, Path arpa, int beam, double[] alphas, double[] betas) {
        Measurements m = Measurements.named("CTC decoding");
        CharLm lm = readLm(arpa);
        for (RunResult r : runs) {
            Components c = trained(r.path());
            List<String> names = c.data().shape().classNames();
            CtcAlphabet alphabet = alphabet(names);
            Split part = c.data().split(split);
            List<double[][]> outputs = new ArrayList<>();
            List<int[]> refs = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                Batch b = part.batch(new int[] {i});
                try (GradMode off = GradMode.off()) {
                    outputs.add(LogProbs.logSoftmax(LogProbs.of(c.model().forward(b).value(), 0, b.steps())));
                }
                refs.add(((Target.Tokens) b.target()).tokens()[0]);
            }
            score(m, "greedy", 0, 0, r.seed(), names, refs, outputs.stream().map(o -> CtcGreedy.labels(o, 0)).toList());
            CtcPrefixBeamSearch plain = new CtcPrefixBeamSearch(alphabet, CtcPrefixBeamSearch.Options.defaults().withBeamWidth(beam));
            // the searches share nothing mutable, so utterances decode on every core (the grid is most of this cell's time)
            score(m, "beam", 0, 0, r.seed(), names, refs, outputs.parallelStream().map(o -> plain.decode(o).get(0).labels()).toList());
            for (double a : alphas) {
                for (double bt : betas) {
                    CtcPrefixBeamSearch fused = new CtcPrefixBeamSearch(alphabet, lm, null,
                            CtcPrefixBeamSearch.Options.defaults().withBeamWidth(beam).withAlpha(a).withBeta(bt));
                    score(m, "beam+lm", a, bt, r.seed(), names, refs, outputs.parallelStream().map(o -> fused.decode(o).get(0).labels()).toList());
                }
            }
        }
        return m.table();
    }

    /**
     * The (alpha, beta) of the {@code beam+lm} rows of a {@link #decoders} table with the lowest
     * {@code metric} averaged over seeds (ties: the first in the table's order).
     */
    public static double[] bestLmWeights(Table decoding, String metric) {
        java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        for (int r = 0; r < decoding.rowCount(); r++) {
            if (decoding.getString(r, "decoder").equals("beam+lm") && decoding.getString(r, "metric").equals(metric)) {
                double[] s = sums.computeIfAbsent(decoding.getString(r, "alpha") + "|" + decoding.getString(r, "beta"), k -> new double[2]);
                s[0] += ((Number) decoding.column("value").get(r)).doubleValue();
                s[1]++;
            }
        }
        String best = null;
        double bestMean = Double.POSITIVE_INFINITY;
        for (var e : sums.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (mean < bestMean) {
                bestMean = mean;
                best = e.getKey();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no beam+lm rows of metric '" + metric + "' in " + decoding.name());
        }
        String[] ab = best.split("\\|");
        return new double[] {Double.parseDouble(ab[0]), Double.parseDouble(ab[1])};
    }

    private static void score(Measurements m, String decoder, double alpha, double beta, long seed, List<String> names,
                              List<int[]> refs, List<int[]> hyps) {
        List<Utterance> r = new ArrayList<>();
        List<Utterance> h = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            r.add(Utterance.ofTokens("u" + i, refs.get(i), names));
            h.add(Utterance.ofTokens("u" + i, hyps.get(i), names));
        }
        AsrScore s = AsrScore.of(new Transcript("reference", r), new Transcript("hypothesis", h));
        // the grid values as the notebook writes them, so a claim's "alpha=0.6" matches
        m.add("wer", s.wer(), seed, "decoder", decoder, "alpha", String.valueOf(alpha), "beta", String.valueOf(beta));
        m.add("cer", s.cer(), seed, "decoder", decoder, "alpha", String.valueOf(alpha), "beta", String.valueOf(beta));
    }

    /**
     * Test WER and CER per voice (speaker) of each run, from the run's own {@code references.txt}
     * and {@code hypotheses.txt}: a corpus-level rate over a handful of unseen voices can hide that
     * one or two of them are much harder than the rest, which is what limits the rate. The speaker
     * is the first dash-separated field of an utterance id (LibriSpeech's SPEAKER-CHAPTER-UTT);
     * its name is the last column of the corpus's {@code SPEAKERS.TXT} where there is one (an
     * espeak-ng voice here, a reader's name in LibriSpeech). Columns: experiment, voice, seed,
     * metric, value.
     */
    public static Table byVoice(List<RunResult> runs, Corpus corpus) {
        return byVoice(runs, speakerNames(corpus.dir().resolve("SPEAKERS.TXT")));
    }

    static Table byVoice(List<RunResult> runs, java.util.Map<String, String> names) {
        Measurements m = Measurements.named("error rates by voice");
        for (RunResult r : runs) {
            Transcript ref;
            Transcript hyp;
            try {
                ref = Transcript.read(r.path().resolve(RunDirectory.REFERENCES));
                hyp = Transcript.read(r.path().resolve(RunDirectory.HYPOTHESES));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            java.util.Map<String, List<Utterance>> refs = new java.util.TreeMap<>();
            java.util.Map<String, List<Utterance>> hyps = new java.util.TreeMap<>();
            java.util.Map<String, Utterance> hypById = hyp.byId();
            for (Utterance u : ref.utterances()) {
                String speaker = u.id().split("-", 2)[0];
                refs.computeIfAbsent(speaker, k -> new ArrayList<>()).add(u);
                Utterance h = hypById.get(u.id());
                if (h != null) {
                    hyps.computeIfAbsent(speaker, k -> new ArrayList<>()).add(h);
                }
            }
            for (var e : refs.entrySet()) {
                AsrScore score = AsrScore.of(new Transcript(ref.source(), e.getValue()),
                        new Transcript(hyp.source(), hyps.getOrDefault(e.getKey(), List.of())));
                String voice = names.getOrDefault(e.getKey(), e.getKey());
                m.add("wer", score.wer(), r.seed(), "experiment", r.experiment(), "voice", voice);
                m.add("cer", score.cer(), r.seed(), "experiment", r.experiment(), "voice", voice);
            }
        }
        return m.table();
    }

    /** Speaker id to name from a LibriSpeech-style SPEAKERS.TXT ({@code ;} comments, {@code |} columns); empty without one. */
    static java.util.Map<String, String> speakerNames(Path file) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\\|");
                if (line.startsWith(";") || cols.length < 2) {
                    continue;
                }
                out.put(cols[0].trim(), cols[cols.length - 1].trim());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** LAS attention weights of one utterance (teacher forced): output character, encoder frame, weight. */
    public static Table attention(Path run, String split, int index) {
        Components c = trained(run);
        LasModel las = (LasModel) c.model();
        Batch b = one(c, split, index);
        double[][] a = las.alignment(b, 0);
        List<String> names = c.data().shape().classNames();
        int[] tokens = ((Target.Tokens) b.target()).tokens()[0];
        StringColumn out = StringColumn.create("output");
        IntColumn frame = IntColumn.create("encoder frame");
        DoubleColumn w = DoubleColumn.create("weight");
        for (int i = 0; i < a.length; i++) {
            String ch = i < tokens.length ? names.get(tokens[i]) : "<eos>";
            String label = String.format("%02d %s", i, ch.equals(CharLm.SPACE) ? "␣" : ch);
            for (int t = 0; t < a[i].length; t++) {
                out.append(label);
                frame.append(t);
                w.append(a[i][t]);
            }
        }
        return Table.create("LAS attention of " + c.data().split(split).id(index), out, frame, w);
    }

    /**
     * CTC prefix beam search with the character LM stepped through on one utterance: at each
     * frame where the best prefix changes, the live prefixes, best first, with the log-probability
     * of their alignments ending in a blank and in a character, the weighted LM score and the rank
     * score. Frames where only the blank grows are left out, as they change no prefix.
     */
    public static Table ctcBeamSteps(Path run, String split, int index, Path arpa, int beam, double alpha, double beta, int rows) {
        Components c = trained(run);
        Batch b = one(c, split, index);
        double[][] lp;
        try (GradMode off = GradMode.off()) {
            lp = LogProbs.logSoftmax(LogProbs.of(c.model().forward(b).value(), 0, b.steps()));
        }
        CharLm lm = readLm(arpa);
        IntColumn frame = IntColumn.create("frame");
        IntColumn rank = IntColumn.create("rank");
        StringColumn prefix = StringColumn.create("prefix");
        DoubleColumn blank = DoubleColumn.create("ln p blank");
        DoubleColumn label = DoubleColumn.create("ln p char");
        DoubleColumn lmScore = DoubleColumn.create("alpha ln p LM");
        DoubleColumn total = DoubleColumn.create("rank score");
        String[] best = {null};
        new CtcPrefixBeamSearch(alphabet(c.data().shape().classNames()), lm, null,
                CtcPrefixBeamSearch.Options.defaults().withBeamWidth(beam).withAlpha(alpha).withBeta(beta)).decode(lp, (t, live) -> {
                    if (live.isEmpty() || live.get(0).text().equals(best[0]) || frame.size() >= rows) {
                        return;
                    }
                    best[0] = live.get(0).text();
                    for (int r = 0; r < Math.min(3, live.size()); r++) {
                        CtcPrefixBeamSearch.Live p = live.get(r);
                        frame.append(t);
                        rank.append(r + 1);
                        prefix.append(p.text().isEmpty() ? "\u2205" : p.text().replace(' ', '\u2423'));
                        blank.append(p.blank());
                        label.append(p.label());
                        lmScore.append(p.lm());
                        total.append(p.rank());
                    }
                });
        return Table.create("CTC prefix beam search stepped through on " + c.data().split(split).id(index)
                + " (beam " + beam + ", alpha " + alpha + ", beta " + beta + "; the top 3 where the best prefix changes)",
                frame, rank, prefix, blank, label, lmScore, total);
    }

    /** The decoders' alphabet of a model's class names: class 0 the blank, {@link CharLm#SPACE} the space. */
    private static CtcAlphabet alphabet(List<String> names) {
        return new CtcAlphabet(0, codePoints(names));
    }

    /** A code point per class: a private-use one for the blank (class 0), ' ' for {@link CharLm#SPACE}. */
    private static int[] codePoints(List<String> names) {
        int[] cps = new int[names.size()];
        for (int k = 0; k < cps.length; k++) {
            String n = names.get(k);
            cps[k] = k == 0 ? 0xE000 : n.equals(CharLm.SPACE) ? ' ' : n.codePointAt(0);
        }
        return cps;
    }

    private static CharLm readLm(Path arpa) {
        try {
            return CharLm.of(Arpa.read(arpa));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One LAS (or hybrid) beam search stepped through on one utterance: after each step the
     * live prefixes, best first, with their attention, CTC prefix and total scores.
     */
    public static Table beamSteps(Path run, String split, int index, int beam, double ctcWeight, int steps) {
        Components c = trained(run);
        LasModel las = (LasModel) c.model();
        Batch b = one(c, split, index);
        List<String> names = c.data().shape().classNames();
        IntColumn step = IntColumn.create("step");
        IntColumn rank = IntColumn.create("rank");
        StringColumn prefix = StringColumn.create("prefix");
        DoubleColumn att = DoubleColumn.create("attention ln p");
        DoubleColumn ctc = DoubleColumn.create("ctc prefix ln p");
        DoubleColumn total = DoubleColumn.create("total");
        try (GradMode off = GradMode.off()) {
            LasModel.Encoded enc = las.listen(b.inputs(), b.mask());
            CtcPrefixScore scorer = ctcWeight > 0 ? new CtcPrefixScore(las.ctcLogProbs(enc)[0], 0) : null;
            LasBeamSearch search = new LasBeamSearch(LasBeamSearch.Options.defaults().withBeam(beam).withCtcWeight(ctcWeight),
                    null, k -> names.get(k).equals(CharLm.SPACE) ? " " : names.get(k)).withMaxLength(enc.lengths()[0]);
            search.decode(las.speller(enc, 0), scorer, (i, live, ended) -> {
                if (i >= steps) {
                    return;
                }
                for (int r = 0; r < live.size(); r++) {
                    step.append(i + 1);
                    rank.append(r + 1);
                    prefix.append(live.get(r).text().replace(' ', '␣'));
                    att.append(live.get(r).attention());
                    ctc.append(live.get(r).ctc());
                    total.append(live.get(r).total());
                }
            });
        }
        return Table.create("Beam search stepped through", step, rank, prefix, att, ctc, total);
    }

    /**
     * Share of the words each run wrote (its {@code hypotheses.txt}) that occur in its training
     * transcripts: whether a model spells real words without a lexicon. One row per run.
     */
    public static Table realWords(List<RunResult> runs, String model) {
        Measurements m = Measurements.named("real words");
        for (RunResult r : runs) {
            Components c = trained(r.path());
            List<String> names = c.data().shape().classNames();
            Split train = c.data().split("train");
            Set<String> vocabulary = new HashSet<>();
            for (int i = 0; i < train.size(); i++) {
                vocabulary.addAll(Utterance.ofTokens("u", ((Target.Tokens) train.batch(new int[] {i}).target()).tokens()[0], names).words());
            }
            long words = 0;
            long known = 0;
            try {
                for (Utterance u : Transcript.read(r.path().resolve(RunDirectory.HYPOTHESES)).utterances()) {
                    for (String w : u.words()) {
                        words++;
                        known += vocabulary.contains(w) ? 1 : 0;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            m.add("real-word-share", words == 0 ? Double.NaN : (double) known / words, r.seed(), "model", model);
        }
        return m.table();
    }

    /**
     * Per seed and training fraction, how far {@code worse} trails {@code better} on {@code metric}
     * (worse minus better, test split) in a results table with an {@code experiment} column: the
     * numbers behind "the gap narrows as the data grow".
     */
    public static Table gaps(Table results, String metric, String better, String worse) {
        Measurements m = Measurements.named("gap");
        java.util.Map<String, Double> b = new java.util.HashMap<>();
        java.util.Map<String, Double> w = new java.util.HashMap<>();
        for (int r = 0; r < results.rowCount(); r++) {
            if (!results.getString(r, "metric").equals(metric)) {
                continue;
            }
            String key = results.getString(r, "data.train-fraction") + "|" + results.getString(r, "seed");
            String e = results.getString(r, "experiment");
            double v = ((Number) results.column("value").get(r)).doubleValue();
            if (e.equals(better)) {
                b.put(key, v);
            } else if (e.equals(worse)) {
                w.put(key, v);
            }
        }
        for (String key : new java.util.TreeSet<>(b.keySet())) {
            if (w.containsKey(key)) {
                String[] k = key.split("\\|");
                m.add(metric + "-gap", w.get(key) - b.get(key), Long.parseLong(k[1]), "data.train-fraction", k[0]);
            }
        }
        return m.table();
    }

    /**
     * The rows of a training history ({@code ExperimentRun.history()}) at one epoch, shaped as a
     * results table (target {@code all}), so a claim can compare models part-way through
     * training: "converges faster" as a lower validation error at the same epoch.
     */
    public static Table atEpoch(Table history, int epoch) {
        Table rows = history.where(history.numberColumn("epoch").isEqualTo(epoch));
        if (!rows.columnNames().contains("target")) {
            StringColumn target = StringColumn.create("target");
            for (int r = 0; r < rows.rowCount(); r++) {
                target.append("all");
            }
            rows.addColumns(target);
        }
        return rows.setName("history at epoch " + epoch);
    }

    /** The published LAS figures (Chan et al. 2016, Google voice search, about 2000 hours). */
    public static Table published() {
        return Table.create("Published LAS results (Chan et al. 2016; 2000 h of Google voice search)",
                StringColumn.create("system", "LAS, no dictionary, no LM", "LAS + LM rescoring"),
                DoubleColumn.create("WER %", 14.1, 10.3));
    }
}
