package org.seqlab.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seqlab.data.DataHome;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.nn.Checkpoint;

/**
 * The model of a run rebuilt from its folder, for analyses after training (gradient flow,
 * samples): the saved {@code config.yaml} builds the model exactly as the run did, and the best
 * checkpoint restores its weights.
 */
public final class RunModels {
    private RunModels() {}

    /** The model with the weights of the run's best checkpoint (its last one if it has no best). */
    public static TaskModel trained(Path runFolder) {
        Path file = runFolder.resolve(RunDirectory.BEST);
        if (!Files.exists(file)) {
            file = runFolder.resolve(RunDirectory.LAST);
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(runFolder + " holds no checkpoint (" + RunDirectory.BEST + " or "
                    + RunDirectory.LAST + "): the run has not finished an epoch");
        }
        TaskModel model = initial(runFolder);
        try {
            Checkpoint.load(file, model, null);
        } catch (IOException e) {
            throw new RunStorageException(file, "read", e);
        }
        model.eval();
        return model;
    }

    /** The model as the run initialised it (same config and seed), before any training step. */
    public static TaskModel initial(Path runFolder) {
        Path config = runFolder.resolve(RunDirectory.CONFIG);
        if (!Files.exists(config)) {
            throw new IllegalArgumentException(runFolder + " is not a run folder: it has no " + RunDirectory.CONFIG);
        }
        ExperimentSpec spec = SpecYaml.load(config, List.of(), Registry.global());
        return Components.build(spec, Registry.global(), DataHome.get()).model();
    }
}
