package org.seqlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Java side of the {@code ./seqlab} launcher. The launcher handles {@code lab},
 * {@code reproduce}, {@code kernel} and {@code test} itself and hands every other command here.
 */
@Command(name = "seqlab", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Sequence models for speech and audio: experiments, datasets and benchmarks.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DatasetsCommand.class, org.seqlab.cli.score.ScoreCommand.class,
            org.seqlab.experiment.cli.RunCommand.class, org.seqlab.experiment.cli.CompareCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seqlab " + org.seqlab.Seqlab.version()};
        }
    }
}
