package org.seqlab.experiment.builtin;

import java.util.List;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Param;

/**
 * Lecture 06, spoken language identification: the hierarchical GRU with attention (and its
 * mean-pooling ablation) and the language corpora (the generated {@code lid}, or
 * {@code voxlingua107} once fetched) as utterance-to-language data scored per target.
 */
public final class LidEntries implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.MODEL, "hgru",
                "hierarchical GRU: a GRU per window of frames, a GRU over the window vectors, attention or mean pooling, linear read-out",
                (ModelFactory) (p, shape, seed) -> {
                    if (shape.task().perFrame()) {
                        throw new ConfigException(null, "model.name", "hgru gives one answer per utterance; dataset is a "
                                + shape.task().label() + " task (use gru or lstm)");
                    }
                    return new HierarchicalGru(p, shape, seed);
                },
                Param.integer("hidden", 64, 1, 8192, "units of the segment-level GRU"),
                Param.integer("utterance-hidden", 64, 1, 8192, "units of the utterance-level GRU"),
                Param.integer("segment", 25, 1, 100_000, "frames per segment window"),
                Param.integer("hop", 12, 1, 100_000, "frames between window starts (at most segment)"),
                Param.oneOf("pool", "attention", List.of("attention", "mean"),
                        "attention: additive attention weights over segments; mean: their plain mean"),
                Param.integer("attention", 32, 1, 8192, "size of the additive attention's hidden layer"),
                Param.number("dropout", 0.0, 0.0, 0.9, "dropout on the segment vectors and before the read-out (training only)")));
        java.util.Set<org.seqlab.experiment.train.Task> one = java.util.EnumSet.of(org.seqlab.experiment.train.Task.CLASSIFICATION);
        r.register(Entry.of(Kind.DECODER, "detection-llr",
                "detection log-likelihood ratio per target, log p_L - log((1 - p_L) / (N - 1)) (LID; Cavg thresholds it at 0)",
                DecoderFactory.of(one, Prediction.Scores.class, (p, s) -> DetectionScores.llr())));
        Param pTarget = Param.number("p-target", 0.5, 1e-6, 1 - 1e-6, "prior of the target language (NIST LRE: 0.5)");
        r.register(Entry.of(Kind.METRIC, "cavg", "NIST LRE average detection cost at threshold 0 (needs LLR scores: decoder detection-llr)",
                MetricFactory.of(false, one, Prediction.Scores.class, (p, s) -> DetectionScores.cavg(p.number("p-target"), false)),
                pTarget));
        r.register(Entry.of(Kind.METRIC, "min-cavg", "NIST LRE average detection cost at the best single global threshold",
                MetricFactory.of(false, one, Prediction.Scores.class, (p, s) -> DetectionScores.cavg(p.number("p-target"), true)),
                pTarget));
        r.register(Entry.of(Kind.DATASET, "spoken-languages",
                "language identification (utterance -> language) on a corpus of datasets.yaml in VoxLingua107 layout",
                (DatasetFactory) EngineEntries::words,
                Param.string("corpus", "lid", "language corpus in datasets.yaml (lid, lid-smoke, voxlingua107)"),
                Param.integer("max-examples", 0, 0, 100_000_000, "cap on utterances per split (0: all), for small runs"),
                Param.oneOf("subset", "first", List.of("first", "balanced"), "which utterances data.train-fraction keeps:"
                        + " the first ones, or a draw by train.seed with the languages taking turns"),
                Param.oneOf("normalize", "train", List.of("none", "train"), "train: every split scaled to zero mean and"
                        + " unit variance per coefficient with the statistics of the utterances trained on")));
    }
}
