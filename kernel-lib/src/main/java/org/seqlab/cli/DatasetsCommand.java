package org.seqlab.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqlab.data.Corpus;
import org.seqlab.data.DatasetSpec;
import org.seqlab.data.Datasets;
import org.seqlab.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seqlab datasets list | info NAME | prepare NAME | verify NAME | generators}. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, describe, build or download the corpora of datasets.yaml.",
        subcommands = {DatasetsCommand.ListCmd.class, DatasetsCommand.Info.class, DatasetsCommand.Prepare.class,
            DatasetsCommand.Verify.class, DatasetsCommand.GeneratorsCmd.class})
public final class DatasetsCommand implements Runnable {
    // Bad names, missing downloads and damaged corpora propagate to CliErrors: one line, an exit code.

    @Override
    public void run() {
        new ListCmd().run();
    }

    @Command(name = "list", description = "One line per corpus: name, task, size, whether it is ready.")
    static final class ListCmd implements Runnable {
        @Override
        public void run() {
            Datasets reg = Datasets.registry();
            System.out.println("# " + reg.source() + "; data in " + reg.dataHome());
            for (DatasetSpec s : reg.specs()) {
                Corpus c = reg.corpus(s.name());
                String state = s.inMemory() ? "in memory" : c.isReady() ? "ready" : s.generated() ? "not built" : "not downloaded";
                System.out.printf("%-22s %-16s %-40s %s%n", s.name(), state, s.task(), s.size());
            }
        }
    }

    @Command(name = "info", description = "Everything datasets.yaml says about a corpus, and its splits if ready.")
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return show();
        }

        private int show() {
            Corpus c = Datasets.get(name);
            DatasetSpec s = c.spec();
            System.out.println("name:        " + s.name());
            System.out.println("task:        " + s.task());
            System.out.println("description: " + s.description());
            System.out.println("licence:     " + s.licence());
            System.out.println("size:        " + s.size());
            if (s.generated()) {
                System.out.println("generator:   " + s.generator() + " (seed " + s.seed() + ")");
                System.out.printf("  %-22s %-28s %-28s %s%n", "param", "value", "default", "what it is");
                for (org.seqlab.experiment.spec.Param p : s.paramsView().declared()) {
                    Object given = s.params().get(p.name());
                    System.out.printf("  %-22s %-28s %-28s %s (%s)%n", p.name(), given == null ? "(default)" : org.seqlab.experiment.spec.Param.show(given),
                            p.required() ? "(required)" : org.seqlab.experiment.spec.Param.show(p.defaultValue()), p.doc(), p.allowed());
                }
            } else {
                System.out.println("source:      " + s.source().url() + (s.source().manual() ? " (fetched by hand)" : ""));
                System.out.println("sha256:      " + (s.source().sha256() == null ? "(not pinned)" : s.source().sha256()));
            }
            if (s.format() != null) {
                System.out.println("format:      " + s.format());
            }
            if (!s.inMemory()) {
                System.out.println("folder:      " + c.dir() + (c.isReady() ? " (ready)" : " (not prepared: ./seqlab datasets prepare "
                        + name + ")"));
            }
            if (c.isReady() && s.format() != null) {
                for (Map.Entry<String, Split> e : c.splits().entrySet()) {
                    Split sp = e.getValue();
                    List<String> labels = sp.labelSet();
                    System.out.printf("split %-14s %6d examples%s%n", e.getKey(), sp.size(),
                            labels.isEmpty() ? "" : ", " + labels.size() + " labels"
                                    + (labels.size() <= 12 ? " " + labels : ""));
                }
            }
            return 0;
        }
    }

    @Command(name = "generators", description = "Every generator datasets.yaml can name, with the params it declares.")
    static final class GeneratorsCmd implements Runnable {
        @Override
        public void run() {
            for (String g : org.seqlab.data.generate.Generators.names()) {
                System.out.println(g + (org.seqlab.data.generate.Generators.isInMemory(g) ? " (in memory)" : ""));
                for (org.seqlab.experiment.spec.Param p : org.seqlab.data.generate.Generators.declaration(g)) {
                    System.out.printf("  %-22s %-28s %s (%s)%n", p.name(),
                            p.required() ? "(required)" : org.seqlab.experiment.spec.Param.show(p.defaultValue()), p.doc(), p.allowed());
                }
            }
        }
    }

    @Command(name = "prepare", description = "Build a generated corpus (resumable) or fetch a public one.")
    static final class Prepare implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--force", description = "Rebuild even if complete (reuses files that still verify).")
        boolean force;

        @Override
        public Integer call() throws Exception {
            return prepare();
        }

        private int prepare() {
            Corpus c = Datasets.get(name);
            long t0 = System.nanoTime();
            c.prepare(force);
            System.out.printf("%s ready in %s (%.1f s)%n", name, c.dir(), (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "verify", description = "Check every file of a built corpus against its manifest checksums.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return verify();
        }

        private int verify() throws java.io.IOException {
            List<String> problems = Datasets.get(name).verify();
            problems.forEach(System.out::println);
            System.out.println(problems.isEmpty() ? name + ": all files match the manifest" : problems.size() + " problem(s)");
            return problems.isEmpty() ? 0 : 1;
        }
    }
}
