package org.seqlab.experiment.builtin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.data.Corpus;
import org.seqlab.data.CorpusException;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.generate.GlyphGenerator;
import org.seqlab.experiment.CorpusMissingException;
import org.seqlab.experiment.builtin.SequenceTasks.Labels;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * Lecture 03, sections 1-3 (convolution, pooling, where the memory is): the glyph images and
 * the long-memory signal as datasets, LeNet-5 and the windowed MLP as models.
 */
public final class ConvolutionEntries implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.DATASET, "glyphs", "digits and letters drawn in Debian's fonts: image (a row per step) -> symbol",
                (DatasetFactory) ConvolutionEntries::glyphs,
                Param.string("corpus", "glyphs", "glyph corpus in datasets.yaml (generator: glyphs)")));
        r.register(Entry.of(Kind.DATASET, "memory-signal",
                "next value of a noisy sinusoid (random frequency, amplitude, phase) from its past samples (regression)",
                (DatasetFactory) (p, ctx) -> EngineEntries.toy("memory-signal", Map.of("context", p.integer("context"),
                                "noise", p.number("noise"), "min_period", p.number("min-period"),
                                "max_period", p.number("max-period")), p, ctx,
                        t -> new TaskShape(t.inputSize(), 1, Task.REGRESSION, List.of()), Labels.VALUE),
                EngineEntries.generatorParam("memory-signal", "context"), EngineEntries.generatorParam("memory-signal", "noise"),
                EngineEntries.generatorParam("memory-signal", "min_period"),
                EngineEntries.generatorParam("memory-signal", "max_period"),
                EngineEntries.TRAIN, EngineEntries.VALIDATION, EngineEntries.TEST,
                Param.longInt("data-seed", 7, "seed of the generated signals (datasets.yaml: 7)")));
        r.register(Entry.of(Kind.MODEL, "lenet", "LeNet-5 shape: conv-pool-conv-pool-dense-dense on square images",
                (ModelFactory) LeNetModel::new,
                Param.oneOf("pool", "max", List.of("max", "avg", "stride", "none"),
                        "subsampling after each convolution: 2x2 max or average pooling, stride-2 convolutions, or none"),
                Param.integer("kernel", 5, 1, 15, "convolution kernel size (odd keeps the image centred)"),
                Param.integer("channels1", 6, 1, 512, "filters of the first convolution"),
                Param.integer("channels2", 16, 1, 512, "filters of the second convolution"),
                Param.integer("hidden", 84, 1, 8192, "units of the dense layer")));
        r.register(Entry.of(Kind.MODEL, "window-mlp", "an MLP over the last `window` steps (one tanh hidden layer)",
                (ModelFactory) WindowMlp::new,
                Param.integer("window", 16, 1, 100_000, "steps the MLP sees (the last ones)"),
                Param.integer("hidden", 32, 1, 8192, "hidden units")));
    }

    private static TaskData glyphs(Params p, DataContext ctx) {
        String name = p.string("corpus");
        Corpus corpus = ctx.corpus(name);
        if (!corpus.isReady()) {
            throw new CorpusMissingException(name, "it is not built under " + corpus.dir()
                    + "; generate it with ./seqlab datasets prepare " + name);
        }
        Map<String, GlyphGenerator.Images> images = new LinkedHashMap<>();
        try {
            for (String s : List.of("train", "validation", "test")) {
                images.put(s, GlyphGenerator.read(corpus.dir(), s));
            }
        } catch (IOException e) {
            throw new CorpusException("reading " + name + " from " + corpus.dir() + ": " + e.getMessage()
                    + "; run ./seqlab datasets prepare " + name + " --force", e);
        }
        GlyphGenerator.Images train = images.get("train");
        TaskShape shape = new TaskShape(train.size(), train.symbols().size(), Task.CLASSIFICATION, train.symbols());
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", new SequenceTasks.SequenceSplit<>(SequenceTasks.fraction(sequences(train, "train"),
                ctx.trainFraction()), Task.CLASSIFICATION, Labels.IDS));
        splits.put("validation", new SequenceTasks.SequenceSplit<>(sequences(images.get("validation"), "validation"),
                Task.CLASSIFICATION, Labels.IDS));
        splits.put("test", new SequenceTasks.SequenceSplit<>(sequences(images.get("test"), "test"), Task.CLASSIFICATION,
                Labels.IDS));
        return new SequenceTasks.Data(shape, splits);
    }

    /** Images as sequences of rows, the class as a one-element id list (Labels.IDS at step 0). */
    static List<Sequence<int[]>> sequences(GlyphGenerator.Images images, String split) {
        List<Sequence<int[]>> out = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            out.add(new Sequence<>(split + "/" + i, images.pixels()[i], new int[] {images.labels()[i]}));
        }
        return out;
    }
}
