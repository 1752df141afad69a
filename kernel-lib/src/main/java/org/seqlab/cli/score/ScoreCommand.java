package org.seqlab.cli.score;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code seqlab score KIND ...}: scores a system's output file against a reference with the
 * field's own definitions, so that numbers can be put beside published ones. One subcommand per
 * kind of output; a new kind is one more class in the list below.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score result files against references (DCASE sound event detection, PSDS, ASR, LID).",
        subcommands = {
            ScoreSedCommand.class,
            ScorePsdsCommand.class,
            ScoreAsrCommand.class,
            ScoreLidCommand.class,
        })
public final class ScoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
