package org.seqlab.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.display.Progress;
import org.seqlab.display.ProgressInterruptedException;
import org.seqlab.data.batch.Batcher;
import org.seqlab.data.batch.Prefetcher;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.Augmentation;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Split;
import org.seqlab.nn.Checkpoint;
import org.seqlab.optim.NonFiniteCheck;

/**
 * The training loop of one run (one seed). After every epoch it validates, writes
 * {@code metrics.csv}, saves the last checkpoint (and the best one when the monitored value
 * improved) and decides on early stopping. Data order and random draws depend only on
 * (seed, epoch, step), so a run resumed from any checkpoint ends with the numbers an
 * uninterrupted run gives.
 *
 * <p>Checkpoints are the engine's format ({@link Checkpoint}): parameters, buffers and optimizer
 * state as arrays, and the counters and history as the meta text {@value #CHECKPOINT_META}, so a
 * run's checkpoint also loads straight into a freshly built model in a notebook.
 */
public final class Trainer {
    /** The meta entry of a run checkpoint holding the trainer's counters and history (JSON). */
    public static final String CHECKPOINT_META = "trainer.json";

    private final ExperimentSpec spec;
    private final Components c;
    private final RunDirectory dir;
    private final List<String> metricNames;
    private final Consumer<List<EpochRecord>> onEpoch;

    private int epoch;
    private int stepInEpoch;
    private long globalStep;
    private double lossSum;
    private long lossCount;
    private double maxGradNorm;
    private final List<EpochRecord> history = new ArrayList<>();
    private double best = Double.NaN;
    private int bestEpoch;
    private int badEpochs;
    private boolean stoppedEarly;

    /** {@code onEpoch} sees the history after each epoch (live curves in a notebook). */
    public Trainer(ExperimentSpec spec, Components components, RunDirectory dir, Consumer<List<EpochRecord>> onEpoch) {
        this.spec = spec;
        this.c = components;
        this.dir = dir;
        this.metricNames = components.metricChoices().stream().map(m -> m.name()).toList();
        this.onEpoch = onEpoch;
    }

    /** Continues from the run's last checkpoint, when it has one. */
    @SuppressWarnings("unchecked")
    public void resume() {
        Path last = dir.file(RunDirectory.LAST);
        if (!Files.exists(last)) {
            log("no checkpoint yet; starting from the beginning");
            return;
        }
        // the counters are read first, so a checkpoint without them fails before the model changes
        Map<String, Object> m = counters(last);
        load(last, true);
        epoch = ((Number) m.get("epoch")).intValue();
        stepInEpoch = ((Number) m.get("step_in_epoch")).intValue();
        globalStep = ((Number) m.get("global_step")).longValue();
        lossSum = EpochRecord.num(m.get("loss_sum"));
        lossCount = ((Number) m.get("loss_count")).longValue();
        maxGradNorm = m.containsKey("max_grad_norm") ? EpochRecord.num(m.get("max_grad_norm")) : 0;
        best = EpochRecord.num(m.get("best"));
        bestEpoch = ((Number) m.get("best_epoch")).intValue();
        badEpochs = ((Number) m.get("bad_epochs")).intValue();
        stoppedEarly = Boolean.TRUE.equals(m.get("stopped_early"));
        history.clear();
        for (Object row : (List<Object>) m.get("history")) {
            history.add(EpochRecord.fromMap((Map<String, Object>) row, metricNames));
        }
        log("resumed at epoch " + (epoch + 1) + " step " + stepInEpoch + " (global step " + globalStep + ")");
    }

    /**
     * Trains to the end (or early stop), then evaluates the best checkpoint on the evaluation split.
     * The epochs' bars share one output that settles to one line with the final metrics.
     */
    public RunResult run() {
        try (Progress.Run progress = Progress.run(spec.name() + " seed " + spec.train().seed());
             org.seqlab.nn.NativeThreads one = c.model().smallOps() ? org.seqlab.nn.NativeThreads.single() : null) {
            RunResult r = train();
            progress.settle(r.summaryLine());
            return r;
        }
    }

    private RunResult train() {
        Split train = c.data().split("train");
        Split validation = c.data().split("validation");
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalStateException("dataset '" + spec.data().corpus().name() + "' has an empty "
                    + (train.size() == 0 ? "train" : "validation") + " split");
        }
        int epochs = spec.train().epochsFor(train.size());
        Batcher<Void> batcher = Batcher.ofLengths(lengths(train), spec.train().batch())
                .seed(spec.train().seed()).bucketed(spec.train().bucket());
        long seed = spec.train().seed();
        while (epoch < epochs && !stoppedEarly) {
            long t0 = System.nanoTime();
            int batches = batcher.plan(epoch).size();
            // a run interrupted after its epoch's last step resumes straight into validation
            double lr = stepInEpoch > 0 ? c.baseRate() * c.schedule().factor(globalStep - 1) : Double.NaN;
            try (Progress bar = Progress.start("epoch " + (epoch + 1) + "/" + epochs, batches);
                 Prefetcher<Batch> ahead = batcher.prefetch(epoch, stepInEpoch, PREFETCH, train::batch)) {
                if (stepInEpoch > 0) {
                    bar.advance(stepInEpoch);
                }
                while (stepInEpoch < batches) {
                    Batch next = next(ahead);
                    lr = c.baseRate() * c.schedule().factor(globalStep);
                    double loss = step(next, lr, seed);
                    if (!Double.isFinite(loss)) {
                        diverged("training loss became " + loss);
                    }
                    lossSum += loss;
                    lossCount++;
                    stepInEpoch++;
                    globalStep++;
                    bar.status("loss %.4f", lossSum / lossCount);
                    bar.step();
                }
                Evaluation v = evaluate(validation);
                EpochRecord rec = new EpochRecord(epoch + 1, globalStep, lr, lossSum / lossCount, v.loss(), v.metrics(),
                        (System.nanoTime() - t0) / 1e9, maxGradNorm);
                bar.status("loss %.4f validation %s", rec.trainLoss(), describe(rec));
                endEpoch(rec);
            } catch (ProgressInterruptedException e) {
                // Clear the flag first: an interrupted thread cannot write files through NIO channels.
                Thread.interrupted();
                saveLast();
                status("interrupted", "at epoch " + (epoch + 1) + " step " + stepInEpoch);
                throw new RunInterruptedException(dir, "at epoch " + (epoch + 1) + " step " + stepInEpoch);
            }
        }
        return finish();
    }

    /** Training batches made ahead on a background thread: while one step runs, the next batches are padded. */
    static final int PREFETCH = 2;

    private static int[] lengths(Split split) {
        int[] lengths = new int[split.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = split.length(i);
        }
        return lengths;
    }

    /** The next prefetched batch; an interrupt while waiting for it stops the run as one during a step does. */
    private Batch next(Prefetcher<Batch> ahead) {
        try {
            return ahead.next();
        } catch (Prefetcher.Interrupted e) {
            throw new ProgressInterruptedException("epoch " + (epoch + 1), stepInEpoch);
        }
    }

    private double step(Batch b, double lr, long seed) {
        Nd4j.getRandom().setSeed(Seeds.derive(seed, 2, globalStep));
        for (Augmentation a : c.augment()) {
            b = a.apply(b, new Random(Seeds.derive(seed, 3, globalStep)));
        }
        c.model().train();
        try (MemoryScope scope = MemoryScope.open()) {
            int truncate = spec.train().truncate();
            double value = truncate > 0
                    ? TruncatedBptt.backward((org.seqlab.experiment.train.StatefulModel) c.model(), c.objective(), b, truncate)
                    : fullBackward(b);
            if (!Double.isFinite(value)) {
                return value;
            }
            try {
                NonFiniteCheck.check(globalStep + 1, null, c.model().parameters());
            } catch (NonFiniteCheck.NonFiniteException e) {
                diverged("the gradient or value of parameter '" + e.culprit() + "' became NaN or infinite");
            }
            clip();
            c.optimizer().setLearningRateFactor(lr / c.baseRate());
            c.optimizer().step();
            c.optimizer().zeroGrad();
            return value;
        }
    }

    /** The loss, with its gradient accumulated unless it is not finite. */
    private double fullBackward(Batch b) {
        Tensor loss = c.objective().loss(c.model().forward(b), b);
        double value = loss.item();
        if (Double.isFinite(value)) {
            loss.backward();
        }
        return value;
    }

    /** Clips when {@code train.clip} is set and records the norm before clipping either way. */
    private void clip() {
        double max = spec.train().clip();
        double norm = org.seqlab.optim.GradClip.byGlobalNorm(c.model().parameters().values(),
                max > 0 ? max : Double.POSITIVE_INFINITY);
        maxGradNorm = Math.max(maxGradNorm, norm);
    }

    private void diverged(String what) {
        String where = "epoch " + (epoch + 1) + ", step " + (stepInEpoch + 1) + " of the epoch (global step " + (globalStep + 1) + ")";
        String kept = Files.exists(dir.file(RunDirectory.LAST))
                ? "the last good checkpoint " + dir.file(RunDirectory.LAST) + " (end of epoch " + epoch + ") is kept"
                : "no checkpoint had been saved yet";
        String msg = what + " at " + where + "; the run stopped and " + kept
                + ". Try a lower learning rate or gradient clipping (train.clip).";
        status("failed", msg);
        log(msg);
        throw new TrainingDivergedException(msg, globalStep + 1, history, dir.path());
    }

    private void endEpoch(EpochRecord rec) {
        history.add(rec);
        double value = rec.monitored(spec.evaluate().monitor());
        boolean improved = Double.isNaN(best) || (higherIsBetter() ? value > best : value < best);
        epoch++;
        stepInEpoch = 0;
        lossSum = 0;
        lossCount = 0;
        maxGradNorm = 0;
        if (improved) {
            best = value;
            bestEpoch = rec.epoch();
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        int patience = spec.train().patience();
        if (patience > 0 && badEpochs >= patience) {
            stoppedEarly = true;
        }
        RunFiles.writeString(dir.file(RunDirectory.METRICS), EpochRecord.csv(history, metricNames));
        if (improved) {
            save(RunDirectory.BEST);
        }
        saveLast();
        log("epoch " + rec.epoch() + ": train loss " + rec.trainLoss() + ", validation " + describe(rec)
                + (improved ? " (best)" : "") + (stoppedEarly ? "; stopping early after " + patience + " epochs without improvement" : ""));
        onEpoch.accept(List.copyOf(history));
    }

    private boolean higherIsBetter() {
        String m = spec.evaluate().monitor();
        return !m.equals("loss") && c.metrics().get(m).higherIsBetter();
    }

    private String describe(EpochRecord r) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "loss %.4f", r.validationLoss()));
        r.validationMetrics().forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, " %s %.4f", k, v)));
        return b.toString();
    }

    private RunResult finish() {
        if (Files.exists(dir.file(RunDirectory.BEST))) {
            load(dir.file(RunDirectory.BEST), false);
        }
        String split = spec.evaluate().split();
        EventsFiles events = new EventsFiles();
        Evaluation e = evaluate(c.data().split(split), true, events);
        events.write(dir);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", e.loss());
        metrics.putAll(e.metrics());
        double seconds = history.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
        RunResult r = new RunResult(spec.name(), Runner.configId(spec), dir.id(), dir.path(), spec.train().seed(), split, metrics,
                c.model().parameterCount(), history.size(), bestEpoch, seconds,
                stoppedEarly ? "early-stopping" : "completed", List.copyOf(history));
        RunFiles.writeString(dir.file(RunDirectory.RESULTS_JSON), Json.write(r.toMap()));
        RunFiles.writeString(dir.file(RunDirectory.RESULTS_CSV), r.csv());
        log("finished: " + split + " " + metrics);
        return r;
    }

    private record Evaluation(double loss, Map<String, Double> metrics) {}

    /**
     * The evaluation split's references and decoded hypotheses as Kaldi text files, so that
     * {@code ./seqlab score asr} (or any scorer) can check the run's own WER and CER.
     */
    private void writeTranscripts(List<org.seqlab.metrics.asr.Utterance[]> pairs) {
        List<org.seqlab.metrics.asr.Utterance> refs = new ArrayList<>();
        List<org.seqlab.metrics.asr.Utterance> hyps = new ArrayList<>();
        for (org.seqlab.metrics.asr.Utterance[] p : pairs) {
            refs.add(p[0]);
            hyps.add(p[1]);
        }
        for (String[] f : new String[][] {{RunDirectory.REFERENCES, "r"}, {RunDirectory.HYPOTHESES, "h"}}) {
            Path file = dir.file(f[0]);
            try {
                new org.seqlab.metrics.asr.Transcript(file.toString(), f[1].equals("r") ? refs : hyps).write(file);
            } catch (IOException ex) {
                throw new RunStorageException(file, "write", ex);
            }
        }
    }

    /** After an epoch: the validation split, decoded by the decoder's monitoring stand-in. */
    private Evaluation evaluate(Split split) {
        return evaluate(split, false, null, c.decoder().monitoring());
    }

    private Evaluation evaluate(Split split, boolean writeScores, EventsFiles events) {
        return evaluate(split, writeScores, events, c.decoder());
    }

    /**
     * The final split's detected and reference events of an event-detection run, as DCASE TSVs
     * ({@code detections.tsv}, {@code reference.tsv}) so that any scoring tool, {@code seqlab score
     * sed} included, can score the run's output. A clip is named by the split's id for it (the
     * corpus file name), or {@code clip-i} for data made in memory.
     */
    private static final class EventsFiles {
        final List<org.seqlab.metrics.sed.Event> detected = new java.util.ArrayList<>();
        final List<org.seqlab.metrics.sed.Event> reference = new java.util.ArrayList<>();
        boolean any;

        void add(Prediction p, Batch b, Split split, int[] idx) {
            if (!(p instanceof Prediction.Events ev) || !(b.target() instanceof org.seqlab.experiment.train.Target.Tags tags)) {
                return;
            }
            any = true;
            for (int i = 0; i < tags.events().size(); i++) {
                String id = split.id(idx[i]);
                String file = id == null ? "clip-" + idx[i] : id;
                ev.events().get(i).forEach(x -> detected.add(org.seqlab.metrics.sed.Event.in(file, x)));
                tags.events().get(i).forEach(x -> reference.add(org.seqlab.metrics.sed.Event.in(file, x)));
            }
        }

        void write(RunDirectory dir) {
            if (!any) {
                return;
            }
            try {
                org.seqlab.metrics.sed.EventTsv.write(dir.file(RunDirectory.DETECTIONS), detected);
                org.seqlab.metrics.sed.EventTsv.write(dir.file(RunDirectory.REFERENCE_EVENTS), reference);
            } catch (java.io.IOException ex) {
                throw new RunStorageException(dir.file(RunDirectory.DETECTIONS), "write", ex);
            }
        }
    }


    /**
     * Loss and metrics over a split; with {@code writeScores}, a decoder that gives scores per
     * target (language identification) also has them written to {@code SCORES.tsv} in the format
     * of {@code seqlab score lid}, so the run can be scored by the command line and split by
     * utterance afterwards (e.g. by test duration).
     */
    private Evaluation evaluate(Split split, boolean writeScores, EventsFiles events, Decoder<?> decoder) {
        c.model().eval();
        Map<String, Metric<?, ?>> acc = new LinkedHashMap<>();
        c.metrics().forEach((name, f) -> acc.put(name, f.create(Components.params(choice(name)), c.data().shape())));
        // the final evaluation of a transcription run writes its Kaldi references and hypotheses
        List<org.seqlab.metrics.asr.Utterance[]> kaldi = writeScores ? new ArrayList<>() : null;
        writeScores &= c.decoderGives() == Prediction.Scores.class;
        boolean tagging = events != null && c.data().shape().task() == org.seqlab.experiment.train.Task.TAGGING;
        boolean decode = c.metrics().values().stream().anyMatch(f -> f.reads() != Prediction.class) || writeScores || tagging;
        List<double[]> scoreRows = new java.util.ArrayList<>();
        List<Integer> truth = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        double lossSum = 0;
        long weight = 0;
        Batcher<Void> inOrder = Batcher.ofLengths(lengths(split), spec.evaluate().batchOr(spec.train().batch())).inOrder();
        // made on this thread: evaluation is short, and an interrupt during it is noticed at the next step
        try (GradMode off = GradMode.off()) {
            for (int[] idx : inOrder.plan(0)) {
                Batch b = split.batch(idx);
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor out = c.model().forward(b);
                    int counted = counted(b);
                    lossSum += c.objective().loss(out, b).item() * counted;
                    weight += counted;
                    INDArray scores = out.value();
                    Prediction predictions = decode ? decoder.decode(scores, b) : null;
                    if (tagging) {
                        events.add(predictions, b, split, idx);
                    }
                    if (writeScores && predictions instanceof Prediction.Scores sc && b.target() instanceof org.seqlab.experiment.train.Target.Classes ref) {
                        for (int i = 0; i < idx.length; i++) {
                            double[] row = new double[sc.scores()[i].length];
                            for (int k = 0; k < row.length; k++) {
                                row[k] = sc.scores()[i][k];
                            }
                            scoreRows.add(row);
                            truth.add(ref.ids()[i]);
                            String id = split.id(idx[i]);
                            ids.add(id == null ? "utterance-" + idx[i] : id);
                        }
                    }
                    acc.forEach((name, m) -> add(m, c.metrics().get(name).reads(), scores, predictions, b));
                    if (kaldi != null && predictions instanceof Prediction.Tokens t
                            && b.target() instanceof org.seqlab.experiment.train.Target.Tokens ref) {
                        List<String> classes = c.data().shape().classNames();
                        for (int i = 0; i < idx.length; i++) {
                            String given = split.id(idx[i]);
                            String id = given == null ? String.format(java.util.Locale.ROOT, "%06d", idx[i]) : given;
                            kaldi.add(new org.seqlab.metrics.asr.Utterance[] {
                                org.seqlab.metrics.asr.Utterance.ofTokens(id, ref.tokens()[i], classes),
                                org.seqlab.metrics.asr.Utterance.ofTokens(id, t.tokens()[i], classes)});
                        }
                    }
                }
            }
        } finally {
            c.model().train();
        }
        if (kaldi != null && !kaldi.isEmpty()) {
            writeTranscripts(kaldi);
        }
        if (!scoreRows.isEmpty()) {
            writeScores(scoreRows, truth, ids);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        acc.forEach((k, m) -> values.put(k, m.value()));
        return new Evaluation(lossSum / weight, values);
    }

    /**
     * SCORES.tsv: one row per utterance, a column per target named by the dataset's class names.
     * Targets without a test utterance are left out, since Cavg and EER are defined over the
     * languages that have trials ({@code seqlab score lid} rejects an empty column).
     */
    private void writeScores(List<double[]> rows, List<Integer> truth, List<String> ids) {
        List<String> names = c.data().shape().classNames();
        int n = rows.get(0).length;
        int[] column = new int[n];
        java.util.Arrays.fill(column, -1);
        truth.forEach(t -> column[t] = 0);
        List<String> kept = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (column[k] == 0) {
                column[k] = kept.size();
                kept.add(k < names.size() ? names.get(k) : "target-" + k);
            }
        }
        double[][] table = new double[rows.size()][kept.size()];
        int[] t = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            t[r] = column[truth.get(r)];
            for (int k = 0; k < n; k++) {
                if (column[k] >= 0) {
                    table[r][column[k]] = rows.get(r)[k];
                }
            }
        }
        if (kept.size() < 2) {
            log("SCORES.tsv not written: the " + spec.evaluate().split() + " split has fewer than two targets");
            return;
        }
        try {
            org.seqlab.metrics.lid.LanguageScores.of(RunDirectory.SCORES, kept, ids, t, table).write(dir.file(RunDirectory.SCORES));
        } catch (java.io.IOException e) {
            throw new RunStorageException(dir.file(RunDirectory.SCORES), "write the test scores", e);
        }
    }

    /** Hands a metric the view of the predictions it reads; the types were checked when the run was built. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void add(Metric m, Class<? extends Prediction> reads, INDArray scores, Prediction predictions, Batch b) {
        m.add(scores, predictions == null ? null : predictions.as(reads), b.target());
    }

    private org.seqlab.experiment.spec.Choice choice(String name) {
        return c.metricChoices().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Targets that count towards a mean loss: labelled steps, or examples. */
    private static int counted(Batch b) {
        if (b.labels() == null) {
            return b.size();
        }
        int n = 0;
        for (int l : b.labels()) {
            if (l >= 0) {
                n++;
            }
        }
        return n;
    }

    private void save(String name) {
        Path file = dir.file(name);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("epoch", epoch);
        meta.put("step_in_epoch", stepInEpoch);
        meta.put("global_step", globalStep);
        meta.put("loss_sum", lossSum);
        meta.put("loss_count", lossCount);
        meta.put("max_grad_norm", maxGradNorm);
        meta.put("best", best);
        meta.put("best_epoch", bestEpoch);
        meta.put("bad_epochs", badEpochs);
        meta.put("stopped_early", stoppedEarly);
        meta.put("seed", spec.train().seed());
        meta.put("history", history.stream().map(EpochRecord::toMap).toList());
        try {
            Checkpoint.save(file, c.model(), c.optimizer(), Map.of(CHECKPOINT_META, Json.write(meta)));
        } catch (IOException e) {
            throw new RunStorageException(file, "write", e);
        }
    }

    private void saveLast() {
        save(RunDirectory.LAST);
    }

    /** Parameters and buffers, and the optimizer state when resuming; nothing changes unless all fit. */
    private void load(Path file, boolean withOptimizer) {
        try {
            Checkpoint.load(file, c.model(), withOptimizer ? c.optimizer() : null);
        } catch (IOException e) {
            throw new RunStorageException(file, "read", e);
        }
    }

    private static Map<String, Object> counters(Path file) {
        String json;
        try {
            json = Checkpoint.metadata(file).get(CHECKPOINT_META);
        } catch (IOException e) {
            throw new RunStorageException(file, "read", e);
        }
        if (json == null) {
            throw new IllegalArgumentException(file + " holds no " + CHECKPOINT_META
                    + " (the trainer's counters), so it is not a run checkpoint and cannot be resumed");
        }
        return Json.readObject(json);
    }

    /** Writes {@code status.json}: running, interrupted, failed or complete. */
    void status(String state, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("message", message);
        m.put("epoch", epoch);
        m.put("time", Instant.now().toString());
        RunFiles.writeString(dir.file(RunDirectory.STATUS), Json.write(m));
    }

    void log(String line) {
        RunFiles.appendLine(dir.file(RunDirectory.LOG), Instant.now() + " " + line);
    }

    public List<EpochRecord> history() {
        return List.copyOf(history);
    }
}
