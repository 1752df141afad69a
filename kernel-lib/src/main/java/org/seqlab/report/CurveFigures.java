package org.seqlab.report;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.experiment.run.EpochRecord;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Plotly figures of a run's curves for the HTML report: loss (train and validation) and each validation metric. */
public final class CurveFigures {
    private CurveFigures() {}

    public static List<Figure> of(List<EpochRecord> history, List<String> metrics) {
        double[] epochs = history.stream().mapToDouble(EpochRecord::epoch).toArray();
        List<Figure> out = new ArrayList<>();
        out.add(figure("loss", epochs,
                line("train", epochs, history.stream().mapToDouble(EpochRecord::trainLoss).toArray()),
                line("validation", epochs, history.stream().mapToDouble(EpochRecord::validationLoss).toArray())));
        for (String m : metrics) {
            out.add(figure("validation " + m, epochs, line(m, epochs, history.stream().mapToDouble(r -> r.validationMetrics().get(m)).toArray())));
        }
        return out;
    }

    private static Trace line(String name, double[] x, double[] y) {
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(name).showLegend(true).build();
    }

    private static Figure figure(String title, double[] epochs, Trace... traces) {
        Layout layout = Layout.builder().title(title).width(460).height(300)
                .xAxis(Axis.builder().title("epoch").build()).build();
        return new Figure(layout, traces);
    }
}
