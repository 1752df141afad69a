package org.seqlab.experiment.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.decode.Hypothesis;
import org.seqlab.decode.las.CtcPrefixScore;
import org.seqlab.decode.las.LasBeamSearch;
import org.seqlab.decode.lm.Arpa;
import org.seqlab.decode.lm.CharLm;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.ModelBound;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.metrics.asr.AsrScore;
import org.seqlab.metrics.asr.Transcript;
import org.seqlab.metrics.asr.Utterance;

/**
 * Lecture 5 (end-to-end ASR): the LAS model with an optional CTC head (hybrid; both are trained
 * by {@link Seq2SeqLoss}, the loss of every step-by-step decoder), the LAS beam search with joint
 * CTC scoring and LM fusion, character transcription of a speech corpus, and word/character error
 * rates counted as {@code ./seqlab score asr} counts them ({@link AsrScore}).
 */
public final class AsrEntries implements RegistryContributor {
    private static final Set<Task> TRANSCRIPTION = EnumSet.of(Task.TRANSCRIPTION);

    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.MODEL, "las", "Listen, Attend and Spell: pyramidal BLSTM listener, attention, LSTM speller;"
                        + " ctc: true adds a CTC head on the listener (hybrid CTC/attention)",
                ModelFactory.speller(AsrEntries::las,
                        p -> p.bool("ctc") ? null : "las-beam, or model.ctc: true (the hybrid) to decode its CTC head"),
                Param.integer("listener-layers", 3, 1, 16, "BLSTM layers of the listener"),
                Param.integer("listener-hidden", 64, 1, 8192, "units per direction of each listener layer"),
                Param.integer("pyramid", 2, 0, 16, "top listener layers that first halve time (frame pairs stacked)"),
                Param.integer("speller-hidden", 64, 1, 8192, "LSTM units of the speller"),
                Param.integer("embedding", 32, 1, 8192, "size of the previous label's embedding"),
                Param.oneOf("attention", "location", List.of("additive", "location"),
                        "additive (Bahdanau) or location-aware (Chorowski) attention"),
                Param.integer("attention-size", 64, 1, 8192, "hidden size of the attention scorer"),
                Param.number("sampling", 0.0, 0.0, 1.0, "scheduled sampling: chance of feeding the model's own previous guess"),
                Param.bool("ctc", false, "a CTC head on the listener (the hybrid model; needed by loss ctc-weight and decoder ctc-weight)")));
        r.register(Entry.of(Kind.DECODER, "las-beam", "LAS beam search: length normalisation, end-of-sentence threshold,"
                        + " joint CTC prefix scores, character LM fusion",
                DecoderFactory.of(TRANSCRIPTION, Prediction.Tokens.class, AsrEntries::beam),
                Param.integer("beam", 4, 1, 1000, "hypotheses kept per step (1: greedy)"),
                Param.bool("length-norm", true, "rank finished hypotheses by score per label"),
                Param.number("eos-threshold", 1.5, 0.0, 100.0, "end of sentence only when ln p(eos) >= this x the best ln p (0: off)"),
                Param.number("ctc-weight", 0.0, 0.0, 1.0, "weight of the CTC prefix score (needs model ctc: true)"),
                Param.string("lm", "", "ARPA character LM for shallow fusion (empty: none)"),
                Param.number("lm-weight", 0.0, 0.0, 10.0, "weight of the LM's natural-log score"),
                Param.integer("max-length", 300, 1, 100_000, "labels at most")));
        r.register(Entry.of(Kind.DATASET, "speech-transcripts", "character transcription of a speech corpus of datasets.yaml"
                        + " (LibriSpeech layout); validation and test may come from other corpora (LibriSpeech's subsets)",
                (DatasetFactory) SpeechTranscripts::open,
                Param.string("corpus", "speech-sentences", "speech corpus with transcripts in datasets.yaml (the training one)"),
                Param.string("train-split", "train", "split of corpus trained on (LibriSpeech: the subset's folder, e.g. train-clean-100)"),
                Param.string("validation-corpus", "", "corpus the validation split comes from (empty: corpus), e.g. librispeech-dev-clean"),
                Param.string("validation-split", "validation", "split of validation-corpus for early stopping and tuning (e.g. dev-clean)"),
                Param.string("test-corpus", "", "corpus the test split comes from (empty: corpus), e.g. librispeech-test-clean"),
                Param.string("test-split", "test", "split of test-corpus the final numbers come from (e.g. test-clean)"),
                Param.integer("max-examples", 0, 0, 100_000_000, "cap on utterances per split (0: all), for small runs"),
                Param.string("alphabet", "", "the characters the model spells, space included (empty: those of the training"
                        + " transcripts); fixed, a small training set need not hold every letter the test does"),
                Param.oneOf("normalize", "train", List.of("none", "train"), "train: every split scaled to zero mean and"
                        + " unit variance per coefficient with the statistics of the utterances trained on")));
        r.register(Entry.of(Kind.METRIC, "wer", "word error rate of the decoded characters, as ./seqlab score asr counts it",
                MetricFactory.of(false, TRANSCRIPTION, Prediction.Tokens.class, (p, s) -> new Rate(s.classNames(), "wer"))));
        r.register(Entry.of(Kind.METRIC, "cer", "character error rate, spaces counted (jiwer's CER), as ./seqlab score asr",
                MetricFactory.of(false, TRANSCRIPTION, Prediction.Tokens.class, (p, s) -> new Rate(s.classNames(), "cer"))));
    }

    private static TaskModel las(Params p, TaskShape shape, long seed) {
        if (shape.task() != Task.TRANSCRIPTION) {
            throw new ConfigException(null, "model", "model 'las' spells transcripts; the dataset is a "
                    + shape.task().label() + " task");
        }
        if (p.integer("pyramid") > p.integer("listener-layers")) {
            throw new ConfigException(null, "model.pyramid", "pyramid " + p.integer("pyramid") + " exceeds listener-layers "
                    + p.integer("listener-layers"));
        }
        return new LasModel(shape.inputDim(), shape.outputs(), p.integer("listener-layers"), p.integer("listener-hidden"),
                p.integer("pyramid"), p.integer("speller-hidden"), p.integer("embedding"), p.string("attention"),
                p.integer("attention-size"), p.number("sampling"), p.bool("ctc"), seed, DataType.FLOAT);
    }

    static LasModel lasOf(TaskModel model, String who) {
        if (model instanceof LasModel las) {
            return las;
        }
        throw new ConfigException(null, who, who.replace('.', ' ') + " needs an attention model (model: las); this model gives frame scores");
    }

    private static Decoder<Prediction.Tokens> beam(Params p, TaskShape shape) {
        LasBeamSearch.Options o = new LasBeamSearch.Options(p.integer("beam"), p.bool("length-norm"), p.number("eos-threshold"),
                p.number("ctc-weight"), p.number("lm-weight"), p.integer("max-length"));
        String lmFile = p.string("lm");
        CharLm lm = null;
        if (!lmFile.isEmpty()) {
            try {
                lm = CharLm.of(Arpa.read(Path.of(lmFile)));
            } catch (IOException | RuntimeException e) {
                String why = Files.isReadable(Path.of(lmFile)) ? e.getMessage() : "cannot read the file";
                throw new ConfigException(null, "decoder.lm", lmFile + ": " + why);
            }
        } else if (o.lmWeight() != 0) {
            throw new ConfigException(null, "decoder.lm-weight", "lm-weight " + o.lmWeight() + " weighs a character LM; set decoder.lm to an ARPA file or lm-weight to 0");
        }
        return new BeamDecoder(new LasBeamSearch(o, lm, k -> character(shape.classNames(), k)), o.ctcWeight());
    }

    static String character(List<String> classes, int k) {
        String name = k < classes.size() ? classes.get(k) : "<" + k + ">";
        return name.equals(CharLm.SPACE) ? " " : name;
    }

    /** Runs the listener once per batch and the beam search per utterance; ignores the teacher-forced scores. */
    record BeamDecoder(LasBeamSearch search, double ctcWeight) implements Decoder<Prediction.Tokens>, ModelBound<Decoder<Prediction.Tokens>> {
        @Override
        public Prediction.Tokens decode(INDArray output, Batch batch) {
            throw new IllegalStateException("decoder 'las-beam' is used before it is bound to its model");
        }

        @Override
        public Decoder<Prediction.Tokens> bind(TaskModel model) {
            LasModel las = lasOf(model, "decoder");
            if (ctcWeight > 0 && !las.hasCtc()) {
                throw new ConfigException(null, "decoder.ctc-weight", "ctc-weight " + ctcWeight
                        + " needs a CTC head on the model; set model.ctc: true (the hybrid model) or ctc-weight: 0");
            }
            return new Decoder<>() {
                @Override
                public Prediction.Tokens decode(INDArray out, Batch batch) {
                    return BeamDecoder.decode(las, search, ctcWeight, batch);
                }

                /** Batched greedy spelling (no LM, no CTC prefix scores): per-epoch validation at the cost of about one forward pass. */
                @Override
                public Decoder<Prediction.Tokens> monitoring() {
                    return (out, batch) -> {
                        try (GradMode off = GradMode.off()) {
                            int[][] tokens = las.greedy(las.listen(batch.inputs(), batch.mask()));
                            return new Prediction.Tokens(tokens, new double[tokens.length]);
                        }
                    };
                }
            };
        }

        static Prediction.Tokens decode(LasModel las, LasBeamSearch search, double ctcWeight, Batch batch) {
            try (GradMode off = GradMode.off()) {
                LasModel.Encoded enc = las.listen(batch.inputs(), batch.mask());
                double[][][] ctcLogProbs = ctcWeight > 0 ? las.ctcLogProbs(enc) : null;
                int[][] tokens = new int[batch.size()][];
                double[] scores = new double[batch.size()];
                for (int b = 0; b < tokens.length; b++) {
                    CtcPrefixScore ctc = ctcLogProbs == null ? null : new CtcPrefixScore(ctcLogProbs[b], 0);
                    Hypothesis best = search.withMaxLength(enc.lengths()[b]).decode(las.speller(enc, b), ctc).get(0);
                    tokens[b] = best.labels();
                    scores[b] = best.total();
                }
                return new Prediction.Tokens(tokens, scores);
            }
        }
    }

    /** Word or character error rate over a split through {@link AsrScore}, the scorer of {@code ./seqlab score asr}. */
    static final class Rate implements Metric<Prediction.Tokens, Target.Tokens> {
        private final List<String> classes;
        private final String which;
        private final List<Utterance> refs = new ArrayList<>();
        private final List<Utterance> hyps = new ArrayList<>();

        Rate(List<String> classes, String which) {
            this.classes = classes;
            this.which = which;
        }

        @Override
        public void add(INDArray output, Prediction.Tokens predictions, Target.Tokens references) {
            for (int i = 0; i < references.tokens().length; i++) {
                String id = "u" + refs.size();
                refs.add(Utterance.ofTokens(id, references.tokens()[i], classes));
                hyps.add(Utterance.ofTokens(id, predictions.tokens()[i], classes));
            }
        }

        @Override
        public double value() {
            if (refs.isEmpty()) {
                return Double.NaN;
            }
            AsrScore s = AsrScore.of(new Transcript("reference", refs), new Transcript("hypothesis", hyps));
            return which.equals("wer") ? s.wer() : s.cer();
        }
    }
}
