package org.seqlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The Java side of the {@code ./seqlab} launcher. The launcher handles {@code lab},
 * {@code reproduce}, {@code kernel} and {@code test} itself and hands every other command here.
 * Failures of any subcommand are reported by {@link CliErrors}: one {@code error: ...} line and
 * an exit code, the stack trace only with {@code --verbose}.
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

    @Option(names = CliErrors.VERBOSE, scope = ScopeType.INHERIT,
            description = "on an error, print the Java stack trace too")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line as {@code ./seqlab} does, errors reported by {@link CliErrors}; the exit code. */
    public static int execute(String... args) {
        CliErrors errors = new CliErrors(CliErrors.verbose(args));
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .execute(args);
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
