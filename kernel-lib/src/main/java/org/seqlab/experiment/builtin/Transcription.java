package org.seqlab.experiment.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.Tensor;
import org.seqlab.decode.Hypothesis;
import org.seqlab.decode.ctc.CtcAlphabet;
import org.seqlab.decode.ctc.CtcGreedy;
import org.seqlab.decode.ctc.CtcPrefixBeamSearch;
import org.seqlab.decode.ctc.LogProbs;
import org.seqlab.decode.lm.Arpa;
import org.seqlab.decode.lm.CharLm;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.ModelBound;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.metrics.asr.Alignment;
import org.seqlab.metrics.asr.EditCounts;
import org.seqlab.losses.CtcLoss;

/**
 * Sequence to label sequence in the CTC convention (class 0 the blank, token ids from 1). The
 * experiment layer only adapts batches here: the loss is {@link CtcLoss} (checked against
 * torch), decoding is {@link CtcGreedy} or {@link CtcPrefixBeamSearch} (optionally fused with a
 * character LM read from an ARPA file), and the token error rate is counted by
 * {@link Alignment} (jiwer's alignment), so each computation has one implementation.
 */
final class Transcription {
    private Transcription() {}

    /**
     * The CTC loss of the logits against each utterance's tokens, frames past its length masked;
     * torch's mean reduction. A batch without padding has no mask ({@code Batch.of}): every frame
     * counts, as in a last batch of one utterance (5 LibriSpeech utterances in batches of 4).
     */
    static Objective ctcLoss(int blank) {
        CtcLoss.Options options = CtcLoss.Options.defaults().withBlank(blank);
        return (Tensor out, Batch batch) -> CtcLoss.loss(out, LastStep.lengths(batch.mask(), batch.size(), batch.steps()),
                ((Target.Tokens) batch.target()).tokens(), options);
    }

    /** Best class per valid frame, repeats merged, blanks dropped; the score is the best path's log-probability. */
    static Decoder<Prediction.Tokens> greedy() {
        return new Ctc((frames, lengths) -> {
            int[][] tokens = new int[lengths.length][];
            double[] scores = new double[lengths.length];
            for (int b = 0; b < tokens.length; b++) {
                double[][] logProbs = LogProbs.logSoftmax(LogProbs.of(frames, b, lengths[b]));
                tokens[b] = CtcGreedy.labels(logProbs, 0);
                for (double[] frame : logProbs) {
                    scores[b] += java.util.Arrays.stream(frame).max().orElse(0);
                }
            }
            return new Prediction.Tokens(tokens, scores);
        });
    }

    /**
     * Prefix beam search over each utterance's log-softmax outputs; its score is the fused
     * (acoustic + alpha x LM + beta x length) score of the best prefix.
     */
    static Decoder<Prediction.Tokens> prefixBeam(CtcPrefixBeamSearch search) {
        return new Ctc((frames, lengths) -> {
            int[][] tokens = new int[lengths.length][];
            double[] scores = new double[lengths.length];
            for (int b = 0; b < tokens.length; b++) {
                Hypothesis best = search.decode(LogProbs.logSoftmax(LogProbs.of(frames, b, lengths[b]))).get(0);
                tokens[b] = best.labels();
                scores[b] = best.total();
            }
            return new Prediction.Tokens(tokens, scores);
        });
    }

    /**
     * A CTC decoder of per-frame scores [B, T, C] with each row's valid frames: a frame model's
     * scores as they are; bound to LAS with a CTC head (the hybrid), the CTC head's frames that
     * lead its packed scores, with the encoder's lengths ({@link LasModel#split}). A speller
     * without a CTC head is refused before a run ({@link org.seqlab.experiment.registry.Compatibility}).
     */
    record Ctc(FrameDecoder frames) implements Decoder<Prediction.Tokens>, ModelBound<Decoder<Prediction.Tokens>> {
        interface FrameDecoder {
            Prediction.Tokens decode(INDArray frames, int[] lengths);
        }

        @Override
        public Prediction.Tokens decode(INDArray output, Batch batch) {
            return frames.decode(output, LastStep.lengths(batch.mask(), batch.size(), batch.steps()));
        }

        @Override
        public Decoder<Prediction.Tokens> bind(TaskModel model) {
            if (!(model instanceof LasModel las)) {
                return this;
            }
            if (!las.hasCtc()) {
                throw new IllegalStateException("a CTC decoder bound to LAS without a CTC head; the registry refuses the pairing");
            }
            return (output, batch) -> {
                int t = las.encoderFrames(batch.steps());
                INDArray ctc = output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t), NDArrayIndex.all());
                return frames.decode(ctc, LastStep.lengths(las.encoderMask(batch), batch.size(), t));
            };
        }
    }

    /**
     * The beam search for a model over {@code classNames} (blank first). With an ARPA file the
     * classes must be single characters ({@code <space>} for the space), which the LM scores;
     * without one each class gets a private-use code point, since only labels come back.
     */
    static CtcPrefixBeamSearch prefixBeam(List<String> classNames, int outputs, CtcPrefixBeamSearch.Options options, String lm) {
        int[] codePoints = new int[outputs];
        for (int k = 0; k < outputs; k++) {
            String name = k < classNames.size() ? classNames.get(k) : "";
            if (lm.isEmpty() || k == 0) {
                codePoints[k] = 0xE000 + k;
            } else if (name.equals(CharLm.SPACE) || name.equals(" ")) {
                codePoints[k] = ' ';
            } else if (name.codePointCount(0, name.length()) == 1) {
                codePoints[k] = name.codePointAt(0);
            } else {
                throw new ConfigException(null, "decoder.lm", "a character LM needs one character per class, but class " + k
                        + " is '" + name + "'; drop lm or use a character-level dataset");
            }
        }
        CharLm charLm = null;
        if (!lm.isEmpty()) {
            try {
                charLm = CharLm.of(Arpa.read(Path.of(lm)));
            } catch (IOException | RuntimeException e) {
                String why = Files.isReadable(Path.of(lm)) ? e.getMessage() : "cannot read the file";
                throw new ConfigException(null, "decoder.lm", lm + ": " + why);
            }
        } else if (options.alpha() != 0) {
            throw new ConfigException(null, "decoder.alpha", "alpha " + options.alpha() + " weighs a character LM; set decoder.lm to an ARPA file or alpha to 0");
        }
        return new CtcPrefixBeamSearch(new CtcAlphabet(0, codePoints), charLm, null, options);
    }

    /** Edits (substitutions, insertions, deletions) over reference tokens, summed over the split as jiwer does. */
    static Metric<Prediction.Tokens, Target.Tokens> tokenErrorRate() {
        return new Metric<>() {
            EditCounts counts = EditCounts.ZERO;

            @Override
            public void add(INDArray output, Prediction.Tokens predictions, Target.Tokens references) {
                for (int i = 0; i < references.tokens().length; i++) {
                    counts = counts.plus(Alignment.count(references.tokens()[i], predictions.tokens()[i]));
                }
            }

            @Override
            public double value() {
                return counts.equals(EditCounts.ZERO) ? Double.NaN : counts.errorRate();
            }
        };
    }
}
