package org.seqlab.experiment.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code metrics.csv}: the epoch's mean training loss, the validation loss and
 * metrics, the learning rate at its end, its wall time (training plus validation) and the
 * largest global gradient norm before clipping, which shows exploding gradients that the mean
 * loss hides.
 */
public record EpochRecord(int epoch, long step, double lr, double trainLoss, double validationLoss,
                          Map<String, Double> validationMetrics, double seconds, double maxGradNorm) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("step", step);
        m.put("lr", lr);
        m.put("train_loss", trainLoss);
        m.put("validation_loss", validationLoss);
        validationMetrics.forEach((k, v) -> m.put("validation_" + k, v));
        m.put("max_grad_norm", maxGradNorm);
        m.put("seconds", seconds);
        return m;
    }

    public static EpochRecord fromMap(Map<String, Object> m, List<String> metricNames) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String name : metricNames) {
            metrics.put(name, num(m.get("validation_" + name)));
        }
        return new EpochRecord(((Number) m.get("epoch")).intValue(), ((Number) m.get("step")).longValue(),
                num(m.get("lr")), num(m.get("train_loss")), num(m.get("validation_loss")), metrics, num(m.get("seconds")),
                num(m.get("max_grad_norm")));
    }

    /** The value of {@code loss} or of a metric on the validation split. */
    public double monitored(String monitor) {
        return monitor.equals("loss") ? validationLoss : validationMetrics.get(monitor);
    }

    static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    public static String csv(List<EpochRecord> rows, List<String> metricNames) {
        StringBuilder b = new StringBuilder("epoch,step,lr,train_loss,validation_loss");
        metricNames.forEach(n -> b.append(",validation_").append(n));
        b.append(",max_grad_norm,seconds\n");
        for (EpochRecord r : rows) {
            b.append(r.epoch).append(',').append(r.step).append(',').append(r.lr).append(',')
                    .append(r.trainLoss).append(',').append(r.validationLoss);
            metricNames.forEach(n -> b.append(',').append(r.validationMetrics.get(n)));
            b.append(',').append(r.maxGradNorm)
                    .append(',').append(String.format(java.util.Locale.ROOT, "%.3f", r.seconds)).append('\n');
        }
        return b.toString();
    }
}
