package org.seqlab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jdk.jshell.JShell;

/**
 * The line magics IJava users know, run by the kernel itself before JShell sees the code:
 * {@code %classpath PATH...} and {@code %jars PATH-OR-GLOB...} add jars or folders,
 * {@code %load FILE} runs a file of Java snippets, {@code %maven G:A:V...} adds artifacts with
 * their dependencies. A magic is a line starting with {@code %};
 * code lines between magics run in order.
 */
final class Magics {
    private final JShell shell;
    private final Function<String, Object> evalCode;

    Magics(JShell shell, Function<String, Object> evalCode) {
        this.shell = shell;
        this.evalCode = evalCode;
    }

    /** Runs a cell: magic lines and the Java between them, in order; returns the last value. */
    Object run(String cell) {
        Object last = null;
        StringBuilder code = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            if (line.stripLeading().startsWith("%")) {
                String before = code.toString();
                if (!before.isBlank()) {
                    evalCode.apply(before);
                }
                // Blank lines in place of what ran keep later line numbers aligned with the cell.
                code.setLength(0);
                code.append("\n".repeat((int) before.chars().filter(c -> c == '\n').count() + 1));
                last = runMagic(line.strip().substring(1));
            } else {
                code.append(line).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            last = evalCode.apply(code.toString());
        }
        return last;
    }

    /** The cell with magic lines blanked, for completeness checks. */
    String stripLineMagics(String cell) {
        StringBuilder b = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            b.append(line.stripLeading().startsWith("%") ? "" : line).append('\n');
        }
        return b.toString();
    }

    private Object runMagic(String magic) {
        String[] parts = magic.strip().split("\\s+", 2);
        String name = parts[0];
        List<String> args = parts.length > 1 ? splitArgs(parts[1]) : List.of();
        switch (name) {
            case "classpath", "jars" -> {
                if (args.isEmpty()) {
                    throw magicError(name, "needs at least one jar, folder or glob such as lib/*.jar");
                }
                List<String> added = new ArrayList<>();
                for (String arg : args) {
                    for (Path p : resolve(name, arg)) {
                        shell.addToClasspath(p.toAbsolutePath().toString());
                        added.add(p.toString());
                    }
                }
                System.out.println("added to the classpath: " + String.join(", ", added));
                return null;
            }
            case "load" -> {
                if (args.size() != 1) {
                    throw magicError(name, "needs exactly one file");
                }
                Path file = Path.of(args.get(0));
                try {
                    return evalCode.apply(Files.readString(file));
                } catch (IOException e) {
                    throw magicError(name, "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
                }
            }
            case "maven" -> {
                if (args.isEmpty()) {
                    throw magicError(name, "needs at least one group:artifact:version");
                }
                List<Path> jars;
                try {
                    jars = MavenMagic.resolve(args);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw magicError(name, e.getMessage());
                }
                for (Path jar : jars) {
                    shell.addToClasspath(jar.toAbsolutePath().toString());
                }
                System.out.println("added to the classpath: " + jars.size() + " jar(s): "
                        + jars.stream().map(j -> j.getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse(""));
                return null;
            }
            default -> throw magicError(name, "unknown magic; known: %classpath, %jars, %load, %maven");
        }
    }

    /** A path, or a glob in its last part (lib/*.jar); an argument that matches nothing is an error. */
    static List<Path> resolve(String magic, String arg) {
        String expanded = arg.startsWith("~" + File.separator)
                ? System.getProperty("user.home") + arg.substring(1) : arg;
        Path p = Path.of(expanded);
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!last.contains("*") && !last.contains("?")) {
            if (!Files.exists(p)) {
                throw magicError(magic, "no such file or folder: " + p.toAbsolutePath());
            }
            return List.of(p);
        }
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        if (!Files.isDirectory(dir)) {
            throw magicError(magic, "no such folder: " + dir.toAbsolutePath());
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, last)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir.toAbsolutePath(), e);
        }
        if (out.isEmpty()) {
            throw magicError(magic, "nothing matches " + p.toAbsolutePath());
        }
        out.sort(null);
        return out;
    }

    private static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static CellError magicError(String magic, String message) {
        return new CellError("MagicError", "%" + magic + ": " + message, List.of("%" + magic + ": " + message));
    }
}
