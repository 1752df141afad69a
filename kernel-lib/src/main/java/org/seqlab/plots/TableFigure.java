package org.seqlab.plots;

import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A plotly {@link Figure} drawn from a table when it is shown, not when each chained call makes
 * it: {@code Plots.line(t).metric("norm").x("distance")} passes through steps whose x column is
 * not the final one, so traces and layout are built only by {@link #asJavascript},
 * {@link #getTraces} and {@link #getLayout}, from the last step's options.
 */
abstract class TableFigure extends Figure {
    TableFigure() {
        super(new Trace[0]);
    }

    abstract Layout layout();

    abstract Trace[] traces();

    @Override
    public String asJavascript(String divName) {
        return new Figure(layout(), traces()).asJavascript(divName);
    }

    @Override
    public Trace[] getTraces() {
        return traces();
    }

    @Override
    public Layout getLayout() {
        return layout();
    }
}
