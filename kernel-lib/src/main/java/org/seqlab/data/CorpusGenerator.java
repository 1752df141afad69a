package org.seqlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.spec.Param;

/**
 * Makes a corpus on this machine, deterministically from its params and seed. Work is split
 * into a cheap {@link Plan} and expensive {@link Job}s so that {@link CorpusBuilder} can
 * resume: every job's output depends only on the seed and the job itself, never on which
 * jobs ran before.
 */
public interface CorpusGenerator {

    /**
     * The keys its datasets.yaml {@code params} may give, with types, defaults, ranges and docs:
     * {@link Params} checks the entries against them and takes every default from them.
     */
    List<Param> params();

    /** Bump whenever the same params and seed would give different files. */
    int version();

    /** Fingerprint of inputs from outside Seqlab (word lists, tool versions) that shape the output. */
    default String inputs(Params params) throws IOException {
        return "";
    }

    Plan plan(Params params, long seed) throws IOException;

    interface Plan {
        List<? extends Job> jobs();

        /**
         * Writes label and metadata files once all jobs are done. {@code records} maps each job's
         * path to the lines its render returned (its labels as actually rendered).
         */
        void finish(Path root, Map<String, List<String>> records) throws IOException;

        /** The plan of a generator whose jobs are known up front, so each does not restate the interface. */
        static Plan of(List<? extends Job> jobs, Finish finish) {
            return new Plan() {
                @Override
                public List<? extends Job> jobs() {
                    return jobs;
                }

                @Override
                public void finish(Path root, Map<String, List<String>> records) throws IOException {
                    finish.finish(root, records);
                }
            };
        }
    }

    /** {@link Plan#finish} as a lambda. */
    @FunctionalInterface
    interface Finish {
        void finish(Path root, Map<String, List<String>> records) throws IOException;
    }

    interface Job {
        /** Path of the job's output file relative to the corpus root, with '/' separators. */
        String path();

        /** Writes the output to {@code target} and returns its metadata lines. */
        List<String> render(Path target) throws IOException;
    }
}
