package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the loaders: delimited lines and file walks with stable order. */
final class Tsv {
    private Tsv() {
    }

    /** A line of a metadata file, kept with its number for error messages. */
    record Row(Path file, int line, String[] cells) {
        String where() {
            return file + ":" + line;
        }

        double number(int i, String what) throws IOException {
            try {
                return Double.parseDouble(cells[i].trim());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(where() + ": " + what + " is '" + (i < cells.length ? cells[i] : "") + "', not a number");
            }
        }
    }

    static List<Row> read(Path file, String separatorRegex) throws IOException {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (!line.isBlank()) {
                rows.add(new Row(file, n, line.split(separatorRegex, -1)));
            }
        }
        return rows;
    }

    static List<Path> walk(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(suffix))
                    .sorted().toList();
        }
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
