package org.seqlab.cli.score;

import picocli.CommandLine.Command;

/** {@code seqlab score asr | lid}: scoring of result files against references, one subcommand per task. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score result files against references.",
        subcommands = {ScoreAsrCommand.class, ScoreLidCommand.class})
public final class ScoreCommand {
}
