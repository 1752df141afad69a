package org.seqlab.experiment.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.report.RunReport;

/**
 * Starts or resumes one run of a resolved spec: builds every component first (so a missing
 * corpus or a bad model fails before a folder exists), claims a run folder, records the config
 * and environment, trains, and marks the run complete only after its results and report exist.
 */
public final class Runner {
    private Runner() {}

    public static RunResult start(ExperimentSpec spec, Registry registry, Path root, Path dataRoot,
                                  Consumer<List<EpochRecord>> onEpoch) {
        Components c = Components.build(spec, registry, dataRoot);
        RunDirectory dir = RunDirectory.create(root, spec.name());
        String yaml = SpecYaml.dump(spec);
        RunFiles.writeString(dir.file(RunDirectory.CONFIG), yaml);
        RunFiles.writeString(dir.file(RunDirectory.ENVIRONMENT), Json.write(Provenance.collect()));
        return execute(spec, c, dir, false, onEpoch);
    }

    /** Continues a run from its folder; the spec is the one saved there. */
    public static RunResult resume(RunDirectory dir, Registry registry, Path dataRoot, Consumer<List<EpochRecord>> onEpoch) {
        if (Files.exists(dir.file(RunDirectory.RESULTS_JSON)) && "complete".equals(state(dir))) {
            throw new IllegalArgumentException("run " + dir.path() + " is already complete; nothing to resume");
        }
        ExperimentSpec spec = SpecYaml.load(dir.file(RunDirectory.CONFIG), List.of(), registry);
        Components c = Components.build(spec, registry, dataRoot);
        return execute(spec, c, dir, true, onEpoch);
    }

    private static RunResult execute(ExperimentSpec spec, Components c, RunDirectory dir, boolean resume,
                                     Consumer<List<EpochRecord>> onEpoch) {
        Trainer t = new Trainer(spec, c, dir, onEpoch);
        if (resume) {
            Map<String, Object> env = Json.readObject(readOr(dir.file(RunDirectory.ENVIRONMENT)));
            String then = env.get("OMP_NUM_THREADS") + "/" + env.get("OPENBLAS_NUM_THREADS");
            if (!then.equals(Provenance.threads())) {
                t.log("warning: thread settings changed from " + then + " to " + Provenance.threads()
                        + "; numbers may differ in the last digits from an uninterrupted run");
            }
            t.resume();
        } else {
            t.log("started " + spec.name() + " seed " + spec.train().seed() + " in " + dir.path());
        }
        t.status("running", "");
        RunResult r;
        try {
            r = t.run();
        } catch (RunInterruptedException | TrainingDivergedException e) {
            throw e;
        } catch (RuntimeException e) {
            try {
                t.status("failed", String.valueOf(e.getMessage()));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        String yaml = readOr(dir.file(RunDirectory.CONFIG));
        Map<String, Object> env = Json.readObject(readOr(dir.file(RunDirectory.ENVIRONMENT)));
        List<String> metrics = spec.evaluate().metrics().stream().map(m -> m.name()).toList();
        RunFiles.writeString(dir.file(RunDirectory.REPORT), RunReport.html(r, yaml, env, metrics));
        t.status("complete", "");
        return r;
    }

    /** The run's state from {@code status.json}: running, interrupted, failed, complete, or unknown. */
    public static String state(RunDirectory dir) {
        Path p = dir.file(RunDirectory.STATUS);
        if (!Files.exists(p)) {
            return "unknown";
        }
        return String.valueOf(Json.readObject(readOr(p)).get("state"));
    }

    /** Identifies a configuration regardless of seed, so runs of one config over seeds group together. */
    public static String configId(ExperimentSpec spec) {
        String yaml = SpecYaml.dump(spec.withTrain(spec.train().seed(0)));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String readOr(Path p) {
        return RunFiles.read(p);
    }
}
