package org.seqlab.experiment.builtin;

import java.util.List;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Metric;

/**
 * Sequence generation for lecture 1's teacher-forcing experiment: the Fibonacci-mod-m task, a
 * generator with or without teacher forcing, and whole-sequence accuracy (a generated sequence
 * with one wrong symbol is wrong, which per-symbol accuracy hides).
 */
public final class GeneratorEntries implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.DATASET, "fibonacci", "continue s_t = (s_{t-1} + s_{t-2}) mod m from a two-symbol prompt",
                (DatasetFactory) (p, ctx) -> FibonacciTask.open(p.integer("modulus"), p.integer("length"), p.integer("prompt"),
                        p.integer("train"), p.integer("validation"), p.integer("test"), p.longInt("data-seed"), ctx.trainFraction()),
                Param.integer("modulus", 10, 2, 1000, "alphabet size m"),
                Param.integer("length", 12, 3, 10_000, "symbols per sequence, prompt included"),
                Param.integer("prompt", 2, 1, 10_000, "leading symbols given, not scored"),
                Param.integer("train", 1000, 1, 10_000_000, "training sequences"),
                Param.integer("validation", 200, 1, 10_000_000, "validation sequences"),
                Param.integer("test", 200, 1, 10_000_000, "test sequences"),
                Param.longInt("data-seed", 4, "seed of the generated sequences")));
        r.register(Entry.of(Kind.MODEL, "generator", "one recurrent layer fed its previous symbol; evaluated free running",
                (ModelFactory) (p, shape, seed) -> new GeneratorModel(p.string("cell"), p.integer("hidden"),
                        p.bool("teacher-forcing"), p.integer("prompt"), shape, seed),
                Param.oneOf("cell", "gru", List.of("gru", "lstm", "rnn"), "recurrent cell"),
                Param.integer("hidden", 64, 1, 8192, "hidden units"),
                Param.bool("teacher-forcing", true,
                        "train on the true previous symbols (one fused pass); false: on its own argmax, step by step"),
                Param.integer("prompt", 2, 0, 10_000, "steps after the start symbol whose inputs are given when generating")));
        r.register(Entry.of(Kind.METRIC, "sequence-accuracy", "fraction of sequences with every labelled step right",
                MetricFactory.of(true, java.util.EnumSet.of(org.seqlab.experiment.train.Task.FRAME_CLASSIFICATION),
                        Prediction.Classes.class, (p, s) -> sequenceAccuracy())));
    }

    static Metric<Prediction.Classes, Target.FrameClasses> sequenceAccuracy() {
        return new Metric<>() {
            long right;
            long sequences;

            @Override
            public void add(org.nd4j.linalg.api.ndarray.INDArray output, Prediction.Classes predicted, Target.FrameClasses references) {
                int[] labels = references.ids();
                int[] predictions = predicted.ids();
                int per = references.steps();
                for (int i = 0; i < labels.length / per; i++) {
                    boolean all = true;
                    for (int t = i * per; t < (i + 1) * per && all; t++) {
                        all = labels[t] < 0 || predictions[t] == labels[t];
                    }
                    right += all ? 1 : 0;
                    sequences++;
                }
            }

            @Override
            public double value() {
                return sequences == 0 ? Double.NaN : (double) right / sequences;
            }
        };
    }
}
