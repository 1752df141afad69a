package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Dropout;
import org.seqlab.autograd.ops.Segments;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.nn.Linear;
import org.seqlab.nn.attention.AdditiveAttention;
import org.seqlab.nn.attention.Attention;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.Stacked;

/**
 * The hierarchical GRU of the IISc lecture on language recognition (Padi et al., "End-to-end
 * language recognition using hierarchical gated recurrent networks"): a segment-level GRU
 * summarises each window of {@code segment} frames (every {@code hop} frames) by its last state,
 * an utterance-level GRU runs over those segment vectors, and the segments are pooled into one
 * vector, by additive attention ({@code pool: attention}; Bahdanau scoring with no query, so
 * {@code score_s = v . tanh(W h_s + b)}) or by their mean ({@code pool: mean}, the ablation),
 * before a linear layer gives one score per language.
 *
 * <p>The attention weights of the last forward pass are kept ({@link #attentionWeights()}, one
 * row per utterance, padding segments 0) with the segment layout ({@link #layout()}), so a
 * notebook can plot where the model looked.
 */
public final class HierarchicalGru extends TaskModel {
    private final Stacked segmentEncoder;
    private final Stacked utteranceEncoder;
    private final AdditiveAttention attention;
    private final Linear head;
    private final int segment;
    private final int hop;
    private double dropout;
    private INDArray lastWeights;
    private Segments.Layout lastLayout;

    HierarchicalGru(Params p, TaskShape shape, long seed) {
        this(shape.inputDim(), shape.outputs(), p.integer("hidden"), p.integer("utterance-hidden"), p.integer("segment"),
                p.integer("hop"), p.string("pool").equals("attention") ? p.integer("attention") : 0, seed, DataType.FLOAT);
        dropout = p.number("dropout");
    }

    /** {@code attentionSize} 0 pools by the mean over segments. */
    public HierarchicalGru(int inputs, int outputs, int hidden, int utteranceHidden, int segment, int hop,
                           int attentionSize, long seed, DataType type) {
        if (hop > segment) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "model.hop",
                    "hop " + hop + " is longer than the segment " + segment + "; frames between windows would be skipped");
        }
        this.segment = segment;
        this.hop = hop;
        this.dropout = 0.0;
        segmentEncoder = child("segment", Stacked.of(Cell.GRU, inputs, hidden, 1, null, seed, type));
        utteranceEncoder = child("utterance", Stacked.of(Cell.GRU, hidden, utteranceHidden, 1, null, seed + 7919L, type));
        attention = attentionSize > 0
                ? child("attention", new AdditiveAttention(1, utteranceHidden, attentionSize, seed + 104_729L, type))
                : null;
        head = child("head", new Linear(utteranceHidden, outputs, true, new Rng(seed + 1_000_003L), type));
    }

    @Override
    public Tensor forward(Batch batch) {
        int[] lengths = LastStep.lengths(batch.mask(), batch.size(), batch.steps());
        Segments.Layout layout = Segments.layout(lengths, segment, hop);
        DataType type = batch.inputs().dataType();
        Tensor windows = Segments.windows(Tensor.constant(batch.inputs()), layout);
        Tensor frames = segmentEncoder.encode(windows, Tensor.constant(layout.windowMask(type)));
        Tensor vectors = LastStep.last(frames, layout.windowLengths());
        Tensor segments = drop(Shapes.reshape(vectors, layout.batch(), layout.maxSegments(), segmentEncoder.outputSize()));
        Tensor mask = Tensor.constant(layout.segmentMask(type));
        Tensor seq = utteranceEncoder.encode(segments, mask);
        Tensor pooled;
        if (attention != null) {
            Attention.Keys keys = attention.prepare(seq, mask);
            Attention.Result r = attention.attend(Tensor.constant(Nd4j.zeros(type, layout.batch(), 1)), keys, null);
            pooled = r.context();
            lastWeights = r.weights().value().dup();
        } else {
            pooled = LastStep.mean(seq, layout.counts());
            lastWeights = layout.segmentMask(type).divColumnVector(
                    Nd4j.createFromArray(layout.counts()).castTo(type).reshape(layout.batch(), 1));
        }
        lastLayout = layout;
        return head.forward(drop(pooled));
    }

    /**
     * Masks come from ND4J's generator, which the trainer reseeds from (seed, step): repeatable,
     * also on resume. Without dropout the generator is left alone, so such runs stay as they were.
     */
    private Tensor drop(Tensor x) {
        return dropout > 0 && isTraining() ? Dropout.apply(x, dropout, new Rng(Nd4j.getRandom().nextLong()), true) : x;
    }

    /**
     * Pooling weights per segment of the last forward pass, [batch, segments]: the attention
     * weights, or 1/count per real segment under mean pooling; 0 on padding segments.
     */
    public INDArray attentionWeights() {
        return lastWeights;
    }

    /** Segment positions of the last forward pass (start frame of segment s: {@code s * hop}). */
    public Segments.Layout layout() {
        return lastLayout;
    }

    public boolean attends() {
        return attention != null;
    }

    public int segment() {
        return segment;
    }

    public int hop() {
        return hop;
    }
}
