package org.seqlab.experiment.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The folder of one run, {@code ROOT/EXPERIMENT/RUN-ID/}, and the names of the files in it.
 * Run ids are a timestamp plus a random suffix, claimed with an atomic mkdir, so runs of the
 * same experiment started at once never share a folder.
 */
public record RunDirectory(Path path) {
    public static final String CONFIG = "config.yaml";
    public static final String ENVIRONMENT = "environment.json";
    public static final String STATUS = "status.json";
    public static final String METRICS = "metrics.csv";
    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_CSV = "results.csv";
    /** Kaldi text files of a transcription run's evaluation split: {@code UTT-ID word word ...}. */
    public static final String HYPOTHESES = "hypotheses.txt";
    public static final String REFERENCES = "references.txt";
    public static final String LAST = "checkpoint-last.zip";
    public static final String BEST = "checkpoint-best.zip";
    public static final String LOG = "run.log";
    public static final String REPORT = "report.html";
    /** An event-detection run's final-split detections and references (DCASE TSV). */
    public static final String DETECTIONS = "detections.tsv";
    public static final String REFERENCE_EVENTS = "reference.tsv";
    /** Test scores per utterance and target, in {@code seqlab score lid}'s format (scoring decoders only). */
    public static final String SCORES = "SCORES.tsv";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Creates a fresh run folder; fails clearly when the root cannot hold one. */
    public static RunDirectory create(Path root, String experiment) {
        Path parent = root.resolve(experiment);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new RunStorageException(parent, "create the run folder", e);
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            byte[] suffix = new byte[3];
            RANDOM.nextBytes(suffix);
            String id = LocalDateTime.now().format(STAMP) + "-" + HexFormat.of().formatHex(suffix);
            Path dir = parent.resolve(id);
            try {
                Files.createDirectory(dir);
                return new RunDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // another run took this id in the same second; draw again
            } catch (IOException e) {
                throw new RunStorageException(dir, "create the run folder", e);
            }
        }
        throw new IllegalStateException("could not claim a unique run id under " + parent);
    }

    /** An existing run, by its folder or by {@code EXPERIMENT/RUN-ID} under {@code root}. */
    public static RunDirectory existing(Path root, String run) {
        Path p = Path.of(run);
        if (!Files.isDirectory(p)) {
            p = root.resolve(run);
        }
        if (!Files.isRegularFile(p.resolve(CONFIG))) {
            throw new IllegalArgumentException("no run at '" + run + "' (looked for " + p.resolve(CONFIG)
                    + "); give the run folder, e.g. runs/EXPERIMENT/RUN-ID");
        }
        return new RunDirectory(p);
    }

    public String id() {
        return path.getFileName().toString();
    }

    public Path file(String name) {
        return path.resolve(name);
    }
}
