package org.seqlab.experiment.builtin;

import java.util.EnumSet;
import java.util.List;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.LossFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Task;

/**
 * Lecture 03's attention entries: the spelled-numbers translation task with its known
 * alignment, the seq2seq model (no attention, or dot-product, additive, location-aware scoring
 * of the previous or current decoder state), the loss of every step-by-step decoder (LAS's
 * too), the decoder for outputs that end with class 0, and exact match, token accuracy and BLEU-4
 * on token sequences.
 */
public final class AttentionEntries implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.DATASET, "spelled-numbers",
                "numbers 0-99 spelled in English words, comma-separated, to their digits (two per number); known word alignment",
                (DatasetFactory) (p, ctx) -> SpelledNumbersTask.open(p.integer("min-numbers"), p.integer("max-numbers"),
                        p.integer("train"), p.integer("validation"), p.integer("test"), p.longInt("data-seed"), ctx.trainFraction()),
                Param.integer("min-numbers", 1, 1, 1000, "fewest numbers in an input"),
                Param.integer("max-numbers", 8, 1, 1000, "most numbers in an input (input length up to 3 x this - 1 words)"),
                Param.integer("train", 2000, 1, 10_000_000, "training examples"),
                Param.integer("validation", 200, 1, 10_000_000, "validation examples"),
                Param.integer("test", 400, 1, 10_000_000, "test examples"),
                Param.longInt("data-seed", 7, "seed of the generated examples")));
        r.register(Entry.of(Kind.MODEL, "seq2seq",
                "recurrent encoder-decoder: the decoder starts from the encoder's last state and reads it (attention: none) or attends over all encoder outputs",
                ModelFactory.speller((p, shape, seed) -> new Seq2SeqModel(p.string("cell"), p.integer("hidden"), p.integer("embedding"),
                        p.string("attention"), p.string("scoring"), p.integer("attention-size"), p.integer("max-output"), shape, seed),
                        p -> "eos-greedy"),
                Param.oneOf("cell", "gru", List.of("gru", "lstm"), "encoder and decoder cell"),
                Param.integer("hidden", 64, 1, 8192, "hidden units of encoder and decoder"),
                Param.integer("embedding", 16, 1, 8192, "size of the previous-token embedding fed to the decoder"),
                Param.oneOf("attention", "additive", List.of("none", "dot", "additive", "location"),
                        "none (Cho 2014), dot (scaled dot product), additive (Bahdanau), location (Chorowski: additive plus a conv over the last weights)"),
                Param.oneOf("scoring", "previous", List.of("previous", "current"),
                        "which decoder state scores the encoder steps: s_{t-1} (Bahdanau) or s_t (Luong, with input feeding)"),
                Param.integer("attention-size", 32, 1, 8192, "hidden size of the additive and location-aware scorers"),
                Param.integer("max-output", 64, 1, 100_000, "greedy steps when no reference gives the length")));
        r.register(Entry.of(Kind.DATASET, "shape-captions",
                "RGB images of two coloured shapes side by side or one above the other, captioned (\"a red circle above a blue square\")",
                (DatasetFactory) (p, ctx) -> ShapeCaptionsTask.open(p.integer("size"), p.number("noise"),
                        p.integer("train"), p.integer("validation"), p.integer("test"), p.longInt("data-seed"), ctx.trainFraction()),
                Param.integer("size", 24, 16, 256, "image height and width in pixels (a multiple of 4)"),
                Param.number("noise", 0.05, 0.0, 1.0, "std of the Gaussian pixel noise"),
                Param.integer("train", 2000, 1, 10_000_000, "training images"),
                Param.integer("validation", 100, 1, 10_000_000, "validation images"),
                Param.integer("test", 200, 1, 10_000_000, "test images"),
                Param.longInt("data-seed", 8, "seed of the generated images")));
        r.register(Entry.of(Kind.MODEL, "show-attend-tell",
                "a small CNN encodes the image into a feature grid; an LSTM decoder attends over the grid and emits the caption (Xu 2015)",
                ModelFactory.speller((p, shape, seed) -> new Seq2SeqModel(p.string("cell"), p.integer("hidden"), p.integer("embedding"),
                        p.string("attention"), p.string("scoring"), p.integer("attention-size"), p.integer("max-output"), shape, seed,
                        shape.inputDim() / 3, p.integer("channels")), p -> "eos-greedy"),
                Param.oneOf("cell", "lstm", List.of("gru", "lstm"), "decoder cell"),
                Param.integer("hidden", 64, 1, 8192, "decoder hidden units"),
                Param.integer("embedding", 16, 1, 8192, "size of the previous-word embedding"),
                Param.integer("channels", 32, 2, 4096, "features per grid position (the second convolution's channels; the first has half)"),
                Param.oneOf("attention", "additive", List.of("dot", "additive", "location"),
                        "scorer over the grid (dot needs channels = hidden)"),
                Param.oneOf("scoring", "previous", List.of("previous", "current"), "which decoder state scores the grid"),
                Param.integer("attention-size", 32, 1, 8192, "hidden size of the additive and location-aware scorers"),
                Param.integer("max-output", 12, 1, 100_000, "greedy steps when no reference gives the length")));
        r.register(Entry.of(Kind.LOSS, Seq2SeqLoss.NAME,
                "cross-entropy of a step-by-step decoder (seq2seq, show-attend-tell, las; teacher forced) against each reference"
                        + " token and the end class after it, plus ctc-weight x CTC on the listener for the hybrid model",
                LossFactory.of(EnumSet.of(Task.TRANSCRIPTION), (p, shape) -> new Seq2SeqLoss(p.number("smoothing"), p.number("ctc-weight"))),
                Param.number("smoothing", 0.0, 0.0, 0.99, "label smoothing of the decoder's targets"),
                Param.number("ctc-weight", 0.0, 0.0, 1.0, "lambda in lambda CTC + (1 - lambda) cross-entropy (needs model las with ctc: true)")));
        // issue #12, one loss per concept: the LAS speller's loss was registered apart as 'attention'
        r.renamed(Kind.LOSS, "attention", Seq2SeqLoss.NAME);
        r.register(Entry.of(Kind.DECODER, "eos-greedy",
                "the most probable token per decoder step up to the first end class 0 (the model fed back its argmax)",
                DecoderFactory.of(EnumSet.of(Task.TRANSCRIPTION), Prediction.Tokens.class, (p, s) -> Seq2SeqScoring.untilEnd())));
        r.register(Entry.of(Kind.METRIC, "exact-match", "share of sequences decoded exactly right",
                MetricFactory.of(true, EnumSet.of(Task.TRANSCRIPTION), Prediction.Tokens.class, (p, s) -> Seq2SeqScoring.exactMatch())));
        r.register(Entry.of(Kind.METRIC, "token-accuracy", "share of reference tokens matched by the hypothesis token at the same position",
                MetricFactory.of(true, EnumSet.of(Task.TRANSCRIPTION), Prediction.Tokens.class, (p, s) -> Seq2SeqScoring.tokenAccuracy())));
        r.register(Entry.of(Kind.METRIC, "bleu", "corpus BLEU-4 (Papineni 2002; NLTK corpus_bleu defaults), one reference per example",
                MetricFactory.of(true, EnumSet.of(Task.TRANSCRIPTION), Prediction.Tokens.class, (p, s) -> Seq2SeqScoring.bleu())));
    }
}
