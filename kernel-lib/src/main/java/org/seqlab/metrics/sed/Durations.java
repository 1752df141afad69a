package org.seqlab.metrics.sed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.io.InputFileException;

/**
 * Each audio file's duration in seconds, from a {@code filename duration} TSV.
 *
 * <p>When a file is listed twice the first row counts, as psds_eval 0.3.0 does
 * ({@code drop_duplicates("filename")}): the DCASE 2019 validation metadata lists 1168 files in
 * 4251 rows, and summing every row would give a PSDS of 0.2500 instead of 0.00443.
 *
 * @param source  the name shown in messages
 * @param seconds duration per file, in order of first appearance
 */
public record Durations(String source, Map<String, Double> seconds) {
    public Durations {
        seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    public boolean has(String file) {
        return seconds.containsKey(file);
    }

    public double of(String file) {
        Double d = seconds.get(file);
        if (d == null) {
            throw new InputFileException(source, 0, "no duration for file '" + file + "'");
        }
        return d;
    }

    /** The sum over distinct files. */
    public double total() {
        double sum = 0;
        for (double d : seconds.values()) {
            sum += d;
        }
        return sum;
    }
}
