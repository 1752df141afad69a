package org.seqlab.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqlab.display.FigureHtml;
import org.seqlab.experiment.run.RunResult;
import tech.tablesaw.plotly.components.Figure;

/**
 * The run's self-contained HTML page: results table, training curves, the resolved config and
 * the environment. No external resources (plotly.js is inlined once by {@link FigureHtml}), so it
 * opens offline and can be archived with the run.
 */
public final class RunReport {
    private RunReport() {}

    public static String html(RunResult r, String resolvedYaml, Map<String, Object> environment, List<String> metrics) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(SvgChart.esc(r.experiment() + " " + r.run())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}")
                .append("pre{background:#f8f8f8;padding:1em;overflow:auto}</style></head><body>");
        b.append("<h1>").append(SvgChart.esc(r.experiment())).append("</h1><p>run ").append(SvgChart.esc(r.run()))
                .append(", seed ").append(r.seed()).append(", ").append(r.epochs()).append(" epochs (")
                .append(r.stopped()).append("), best epoch ").append(r.bestEpoch()).append("</p>");
        b.append("<h2>Results on ").append(SvgChart.esc(r.split())).append("</h2><table><tr>");
        r.metrics().keySet().forEach(k -> b.append("<th>").append(SvgChart.esc(k)).append("</th>"));
        b.append("<th>parameters</th><th>s/epoch</th></tr><tr>");
        r.metrics().values().forEach(v -> b.append("<td>").append(String.format(Locale.ROOT, "%.4f", v)).append("</td>"));
        b.append("<td>").append(r.parameters()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.2f", r.secondsPerEpoch())).append("</td></tr></table>");
        b.append("<h2>Training curves</h2><div style=\"display:flex;flex-wrap:wrap\">");
        List<Figure> figures = CurveFigures.of(r.history(), metrics);
        for (int i = 0; i < figures.size(); i++) {
            b.append("<div style=\"width:480px\">").append(FigureHtml.fragment(figures.get(i), i == 0)).append("</div>");
        }
        b.append("</div>");
        b.append("<h2>Per epoch</h2><table><tr><th>epoch</th><th>train loss</th><th>validation loss</th>");
        metrics.forEach(m -> b.append("<th>validation ").append(SvgChart.esc(m)).append("</th>"));
        b.append("<th>seconds</th></tr>");
        r.history().forEach(e -> {
            b.append("<tr><td>").append(e.epoch()).append("</td><td>").append(f(e.trainLoss())).append("</td><td>")
                    .append(f(e.validationLoss())).append("</td>");
            metrics.forEach(m -> b.append("<td>").append(f(e.validationMetrics().get(m))).append("</td>"));
            b.append("<td>").append(String.format(Locale.ROOT, "%.2f", e.seconds())).append("</td></tr>");
        });
        b.append("</table><h2>Configuration</h2><pre>").append(SvgChart.esc(resolvedYaml)).append("</pre>");
        b.append("<h2>Environment</h2><table>");
        environment.forEach((k, v) -> b.append("<tr><th>").append(SvgChart.esc(k)).append("</th><td style=\"text-align:left\">")
                .append(SvgChart.esc(String.valueOf(v))).append("</td></tr>"));
        return b.append("</table></body></html>\n").toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
