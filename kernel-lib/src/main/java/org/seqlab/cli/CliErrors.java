package org.seqlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.seqlab.data.CorpusException;
import org.seqlab.experiment.CorpusMissingException;
import org.seqlab.experiment.run.ExitCodes;
import org.seqlab.experiment.run.RunInterruptedException;
import org.seqlab.experiment.run.RunStorageException;
import org.seqlab.experiment.run.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where the command line turns a failure into what the user sees: a line
 * {@code error: ...} on stderr that names what is wrong and what to do, and an exit code; the
 * Java stack trace only with {@code --verbose}. Why one place: {@link Main} installs it on the
 * whole command tree, so every subcommand, those added later included, reports the same way
 * and none prints a stack trace for a user's mistake (STYLE.md, habit 5).
 *
 * <p>Exit codes: {@value #USAGE} for usage and configuration errors (unknown command, option or
 * key, a bad value, no such file, run or dataset; {@link IllegalArgumentException} and its
 * {@link org.seqlab.experiment.spec.ConfigException}; a {@link NoSuchFileException} or
 * {@link AccessDeniedException}, the path the user gave), {@value #CORPUS_MISSING} when a corpus is
 * not prepared, {@value #DIVERGED} when training diverged, {@value #STORAGE} when the run folder
 * cannot be written, {@value #INTERRUPTED} when a run was interrupted (resumable), and
 * {@value #FAILED} for anything else (a damaged corpus, an I/O failure, an internal error).
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    public static final int FAILED = ExitCodes.FAILED;
    public static final int USAGE = ExitCodes.USAGE;
    public static final int CORPUS_MISSING = ExitCodes.CORPUS_MISSING;
    public static final int DIVERGED = ExitCodes.DIVERGED;
    public static final int STORAGE = ExitCodes.STORAGE;
    public static final int INTERRUPTED = ExitCodes.INTERRUPTED;

    /** The option that shows stack traces; accepted by every command. */
    public static final String VERBOSE = "--verbose";

    private final boolean verbose;

    public CliErrors(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * Whether {@code args} ask for stack traces. Read from the raw arguments, not from the
     * parsed option, because a parse error happens before any option is set.
     */
    public static boolean verbose(String... args) {
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if (VERBOSE.equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** The exit code for a failure of a command's own work. */
    public static int exitCode(Throwable e) {
        if (e instanceof CorpusMissingException) {
            return CORPUS_MISSING;
        }
        if (e instanceof TrainingDivergedException) {
            return DIVERGED;
        }
        if (e instanceof RunStorageException) {
            return STORAGE;
        }
        if (e instanceof RunInterruptedException) {
            return INTERRUPTED;
        }
        if (e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException) {
            return USAGE;
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return exitCode(u.getCause());
        }
        return FAILED;
    }

    /** The one line shown for a failure of a command's own work (without the "error: " prefix). */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        // FILE: problem, as InputFileException's FILE:LINE: problem (other FileSystemExceptions' messages already are)
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (isUsers(e) && m != null && !m.isBlank()) {
            return m;
        }
        return "internal error: " + e.getClass().getName() + (m == null ? "" : ": " + m)
                + (e.getCause() != null ? " (caused by " + e.getCause() + ")" : "")
                + "; rerun with " + VERBOSE + " for the stack trace and report it";
    }

    /** Exceptions whose message is written for the user (the rest are reported as internal errors). */
    private static boolean isUsers(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof CorpusException
                || e instanceof CorpusMissingException || e instanceof TrainingDivergedException
                || e instanceof RunStorageException || e instanceof RunInterruptedException
                || e instanceof IOException;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String line = describe(e);
        System.out.flush();
        // an interruption is not a mistake: its message says how to continue
        System.err.println(e instanceof RunInterruptedException ? line : "error: " + line);
        trace(e);
        return exitCode(e);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String command = "./" + cmd.getCommandSpec().qualifiedName(" ");
        StringBuilder b = new StringBuilder("error: ");
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched() : List.of();
        if (!unmatched.isEmpty() && !cmd.getSubcommands().isEmpty() && !unmatched.get(0).startsWith("-")) {
            b.append(command).append(": unknown command '").append(unmatched.get(0)).append('\'');
        } else {
            b.append(command).append(": ").append(e.getMessage());
        }
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            b.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append("? See ");
        } else {
            b.append("; see ");
        }
        b.append(command).append(" --help");
        System.out.flush();
        System.err.println(b);
        trace(e);
        return USAGE;
    }

    private void trace(Throwable e) {
        if (verbose) {
            e.printStackTrace(System.err);
        }
    }
}
