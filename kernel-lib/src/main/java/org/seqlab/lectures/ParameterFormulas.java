package org.seqlab.lectures;

import org.seqlab.nn.Module;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.Gru;
import org.seqlab.nn.recurrent.Lstm;
import org.seqlab.nn.recurrent.SimpleRnn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The lectures' parameter-count formulas, {@code g (n_in n + n^2 + n)} with g = 1 for the
 * simple RNN, 3 for the GRU and 4 for the LSTM (one bias per gate), set beside the counts
 * of layers actually built, so the notebook's table checks the formula rather than restating it.
 */
public final class ParameterFormulas {
    private ParameterFormulas() {}

    public static long formula(int gates, long inputSize, long hiddenSize) {
        return gates * (inputSize * hiddenSize + hiddenSize * hiddenSize + hiddenSize);
    }

    /** One row per (cell, input size, hidden size): the built layer's count and the formula's. */
    public static Table table(int[] inputSizes, int[] hiddenSizes) {
        StringColumn cell = StringColumn.create("cell");
        IntColumn nIn = IntColumn.create("n_in");
        IntColumn n = IntColumn.create("n");
        StringColumn formula = StringColumn.create("formula");
        LongColumn counted = LongColumn.create("parameters (model)");
        LongColumn expected = LongColumn.create("parameters (formula)");
        StringColumn ratio = StringColumn.create("ratio to RNN");
        for (int in : inputSizes) {
            for (int h : hiddenSizes) {
                long rnn = build(Cell.RNN_TANH, in, h).parameterCount();
                for (Cell c : new Cell[] {Cell.RNN_TANH, Cell.GRU, Cell.LSTM}) {
                    long count = build(c, in, h).parameterCount();
                    cell.append(c == Cell.RNN_TANH ? "RNN" : c.name());
                    nIn.append(in);
                    n.append(h);
                    formula.append(c.gates() + "(n_in*n + n^2 + n)");
                    counted.append(count);
                    expected.append(formula(c.gates(), in, h));
                    ratio.append(String.format("%.2f", count / (double) rnn));
                }
            }
        }
        return Table.create("Parameters: built layers vs the lectures' formulas", cell, nIn, n, formula, counted, expected, ratio);
    }

    private static Module build(Cell c, int in, int h) {
        return switch (c) {
            case LSTM -> new Lstm(in, h, 0);
            case GRU -> new Gru(in, h, 0);
            default -> new SimpleRnn(in, h, 0);
        };
    }
}
