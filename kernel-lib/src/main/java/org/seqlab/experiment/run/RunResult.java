package org.seqlab.experiment.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final numbers of one finished run: the metrics on the evaluation split with the best
 * checkpoint, beside the model size and the time per epoch, so comparisons stay fair.
 *
 * @param config identifies the configuration apart from the seed ({@link Runner#configId})
 * @param metrics {@code loss} first, then the spec's metrics in order
 * @param stopped {@code completed} or {@code early-stopping}
 */
public record RunResult(String experiment, String config, String run, Path path, long seed, String split,
                        Map<String, Double> metrics, long parameters, int epochs, int bestEpoch,
                        double secondsPerEpoch, String stopped, List<EpochRecord> history) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", experiment);
        m.put("config", config);
        m.put("run", run);
        m.put("seed", seed);
        m.put("split", split);
        m.put("metrics", new LinkedHashMap<>(metrics));
        m.put("parameters", parameters);
        m.put("epochs", epochs);
        m.put("best_epoch", bestEpoch);
        m.put("seconds_per_epoch", secondsPerEpoch);
        m.put("stopped", stopped);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static RunResult fromMap(Map<String, Object> m, Path path, List<EpochRecord> history) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("metrics")).forEach((k, v) -> metrics.put(k, EpochRecord.num(v)));
        return new RunResult((String) m.get("experiment"), (String) m.get("config"), (String) m.get("run"), path,
                ((Number) m.get("seed")).longValue(), (String) m.get("split"), metrics,
                ((Number) m.get("parameters")).longValue(), ((Number) m.get("epochs")).intValue(),
                ((Number) m.get("best_epoch")).intValue(), EpochRecord.num(m.get("seconds_per_epoch")),
                (String) m.get("stopped"), history);
    }

    /** The one line a finished run settles to in a notebook or on a terminal: epochs and final metrics. */
    public String summaryLine() {
        StringBuilder line = new StringBuilder(epochs + " epochs");
        metrics.forEach((k, v) -> line.append(", ").append(split).append(' ').append(k).append(' ')
                .append(org.seqlab.display.Numbers.DEFAULT.format(v)));
        return line.toString();
    }

    /** One CSV row with a header: the same fields as the JSON, metrics flattened. */
    public String csv() {
        StringBuilder h = new StringBuilder("experiment,config,run,seed,split");
        StringBuilder v = new StringBuilder(experiment + "," + config + "," + run + "," + seed + "," + split);
        metrics.forEach((k, x) -> {
            h.append(',').append(k);
            v.append(',').append(x);
        });
        h.append(",parameters,epochs,best_epoch,seconds_per_epoch,stopped\n");
        v.append(',').append(parameters).append(',').append(epochs).append(',').append(bestEpoch)
                .append(',').append(secondsPerEpoch).append(',').append(stopped).append('\n');
        return h.append(v).toString();
    }
}
