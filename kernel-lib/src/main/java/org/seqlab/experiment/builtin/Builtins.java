package org.seqlab.experiment.builtin;

import org.seqlab.decode.ctc.CtcPrefixBeamSearch;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.FeaturesFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Factories.ScheduleFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Task;
import java.util.EnumSet;
import java.util.Set;

/**
 * The entries the experiment layer itself provides: decoders and metrics for every task shape
 * (each delegating to the one implementation in {@code org.seqlab.metrics} or {@code org.seqlab.decode}),
 * no features, a constant rate. Each declares the tasks it accepts and the prediction type it
 * gives or reads, which {@link org.seqlab.experiment.registry.Compatibility} checks before a run.
 */
public final class Builtins implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        Set<Task> classes = EnumSet.of(Task.CLASSIFICATION, Task.FRAME_CLASSIFICATION);
        r.register(Entry.of(Kind.METRIC, "accuracy", "fraction of labels predicted right",
                MetricFactory.of(true, classes, Prediction.Classes.class, (p, s) -> Metrics.accuracy(false))));
        r.register(Entry.of(Kind.METRIC, "error-rate", "1 - accuracy",
                MetricFactory.of(false, classes, Prediction.Classes.class, (p, s) -> Metrics.accuracy(true))));
        r.register(Entry.of(Kind.METRIC, "macro-f1", "unweighted mean of per-class F1",
                MetricFactory.of(true, classes, Prediction.Classes.class, (p, s) -> Metrics.macroF1(s))));
        r.register(Entry.of(Kind.METRIC, "bpc", "bits per character (symbol) of the softmax of the scores",
                MetricFactory.of(false, classes, Prediction.class, (p, s) -> Metrics.languageModel(false))));
        r.register(Entry.of(Kind.METRIC, "perplexity", "exp of the mean negative log-likelihood per symbol",
                MetricFactory.of(false, classes, Prediction.class, (p, s) -> Metrics.languageModel(true))));
        r.register(Entry.of(Kind.METRIC, "mse", "mean squared error of real-valued predictions",
                MetricFactory.of(false, EnumSet.of(Task.REGRESSION), Prediction.class, (p, s) -> Metrics.meanSquaredError())));
        r.register(Entry.of(Kind.METRIC, "eer", "equal error rate over every (utterance, target) detection trial (NIST LRE, as metrics.lid)",
                MetricFactory.of(false, EnumSet.of(Task.CLASSIFICATION), Prediction.Scores.class,
                        (p, s) -> TargetScoring.equalErrorRate())));
        Param threshold = Param.number("threshold", 0.5, 0.0, 1.0, "a class is active where its probability reaches this");
        Set<Task> tagging = EnumSet.of(Task.TAGGING);
        r.register(Entry.of(Kind.METRIC, "frame-f1", "micro F1 over (frame, class) activity",
                MetricFactory.of(true, tagging, Prediction.FrameProbabilities.class,
                        (p, s) -> EventDetection.frameF1(p.number("threshold"))), threshold));
        r.register(Entry.of(Kind.METRIC, "tag-f1", "micro F1 of clip tags, a clip having a class if any frame is active (sed_eval tagging)",
                MetricFactory.of(true, tagging, Prediction.FrameProbabilities.class,
                        (p, s) -> EventDetection.tagF1(p.number("threshold"))), threshold));
        r.register(Entry.of(Kind.METRIC, "event-f1", "event-based micro F1 with onset and offset collars (sed_eval 0.2.1)",
                MetricFactory.of(true, tagging, Prediction.Events.class,
                        (p, s) -> EventDetection.eventF1(p.number("t-collar"), p.number("percentage-of-length"))),
                Param.number("t-collar", 0.2, 0.0, 60.0, "onset collar and smallest offset collar in seconds (DCASE: 0.2)"),
                Param.number("percentage-of-length", 0.2, 0.0, 10.0,
                        "offset collar as a share of the reference event's length, if above t-collar (DCASE: 0.2)")));
        r.register(Entry.of(Kind.METRIC, "token-error-rate", "edits over reference tokens, summed over the split (jiwer alignment; WER or CER by token kind)",
                MetricFactory.of(false, EnumSet.of(Task.TRANSCRIPTION), Prediction.Tokens.class,
                        (p, s) -> Transcription.tokenErrorRate())));
        r.register(Entry.of(Kind.DECODER, "argmax", "highest-scoring class per label position",
                DecoderFactory.of(classes, Prediction.Classes.class, (p, s) -> new ArgmaxDecoder())));
        r.register(Entry.of(Kind.DECODER, "scores", "log posteriors per target (detection scores, LID); read as classes by their argmax",
                DecoderFactory.of(EnumSet.of(Task.CLASSIFICATION), Prediction.Scores.class, (p, s) -> TargetScoring.logPosteriors())));
        r.register(Entry.of(Kind.DECODER, "frame-probabilities", "sigmoid of each frame's class scores",
                DecoderFactory.of(tagging, Prediction.FrameProbabilities.class, (p, s) -> EventDetection.probabilities())));
        r.register(Entry.of(Kind.DECODER, "events", "runs of frames above a threshold as timed events (also readable as frame probabilities)",
                DecoderFactory.of(tagging, Prediction.Events.class,
                        (p, s) -> EventDetection.events(p.number("threshold"), p.integer("min-frames"))),
                threshold, Param.integer("min-frames", 1, 1, 100_000, "shortest event kept, in frames")));
        Set<Task> transcription = EnumSet.of(Task.TRANSCRIPTION);
        r.register(Entry.of(Kind.DECODER, "ctc-greedy", "best class per frame, repeats merged, blanks (class 0) dropped",
                DecoderFactory.ctc(transcription, Prediction.Tokens.class, (p, s) -> Transcription.greedy())));
        r.register(Entry.of(Kind.DECODER, "ctc-prefix-beam",
                "CTC prefix beam search (blank class 0), optionally fused with a character LM from an ARPA file",
                DecoderFactory.ctc(transcription, Prediction.Tokens.class, (p, s) -> Transcription.prefixBeam(
                        Transcription.prefixBeam(s.classNames(), s.outputs(), CtcPrefixBeamSearch.Options.defaults()
                                .withBeamWidth(p.integer("beam")).withPrune(p.number("prune"))
                                .withAlpha(p.number("alpha")).withBeta(p.number("beta")), p.string("lm")))),
                Param.integer("beam", 16, 1, 1024, "prefixes kept after each frame"),
                Param.number("prune", -1e30, -1e30, 0.0,
                        "labels below this log-probability at a frame are skipped there (-1e30: no pruning)"),
                Param.string("lm", "", "character LM as an ARPA file (path as given, from the working directory); empty: none"),
                Param.number("alpha", 0.0, 0.0, 10.0, "weight of the character LM's natural-log score (0 without lm)"),
                Param.number("beta", 0.0, -100.0, 100.0, "bonus per emitted label")));
        r.register(Entry.of(Kind.FEATURES, "none", "use the corpus' own inputs (symbolic and toy tasks)",
                (FeaturesFactory) p -> null));
        r.register(Entry.of(Kind.SCHEDULE, "constant", "the optimizer's learning rate throughout",
                (ScheduleFactory) (p, total) -> org.seqlab.optim.LrSchedule.constant()));
    }
}
