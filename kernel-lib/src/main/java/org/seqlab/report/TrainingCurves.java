package org.seqlab.report;

import java.util.List;
import org.seqlab.display.HtmlRenderable;
import org.seqlab.experiment.run.EpochRecord;

/**
 * Loss and validation-metric curves of a run so far. Shown once and replaced after every epoch
 * in a notebook ({@code Display.showUpdatable}/{@code update}), and drawn into the run's report.
 */
public record TrainingCurves(String title, List<EpochRecord> history, List<String> metrics) implements HtmlRenderable {

    public String lossSvg() {
        double[] x = epochs();
        return new SvgChart(title + ": loss", "epoch")
                .series("train", x, history.stream().mapToDouble(EpochRecord::trainLoss).toArray())
                .series("validation", x, history.stream().mapToDouble(EpochRecord::validationLoss).toArray())
                .svg();
    }

    public String metricsSvg() {
        SvgChart chart = new SvgChart(title + ": validation metrics", "epoch");
        for (String m : metrics) {
            chart.series(m, epochs(), history.stream().mapToDouble(r -> r.validationMetrics().get(m)).toArray());
        }
        return chart.svg();
    }

    private double[] epochs() {
        return history.stream().mapToDouble(EpochRecord::epoch).toArray();
    }

    @Override
    public String toHtml() {
        return "<div style=\"display:flex;flex-wrap:wrap;gap:8px\">" + lossSvg() + (metrics.isEmpty() ? "" : metricsSvg()) + "</div>";
    }

    @Override
    public String toString() {
        if (history.isEmpty()) {
            return title + ": no epoch finished yet";
        }
        EpochRecord r = history.get(history.size() - 1);
        return title + " epoch " + r.epoch() + ": train loss " + r.trainLoss() + ", validation loss " + r.validationLoss() + " " + r.validationMetrics();
    }
}
