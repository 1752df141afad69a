package org.seqlab.kernel;

import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.seqlab.display.DisplaySink;

/**
 * Sends {@code Display.show}/{@code update} and progress bars to the notebook as display_data
 * and update_display_data messages. Outside a running cell (a background thread after the cell
 * ended) there is no request to attach output to, so the text goes to the kernel's log.
 */
final class KernelDisplaySink implements DisplaySink {
    private final Renderer renderer;
    private final JupyterIO io;

    KernelDisplaySink(Renderer renderer, JupyterIO io) {
        this.renderer = renderer;
        this.io = io;
    }

    @Override
    public void show(Object value, String displayId) {
        if (!io.display.isAttached()) {
            SeqlabKernel.LOG.println(value);
            return;
        }
        System.out.flush();
        DisplayData data = render(value);
        if (displayId != null) {
            data.setDisplayId(displayId);
        }
        io.display.display(data);
    }

    @Override
    public void update(Object value, String displayId) {
        if (!io.display.isAttached()) {
            SeqlabKernel.LOG.println(value);
            return;
        }
        io.display.updateDisplay(displayId, render(value));
    }

    @Override
    public boolean live() {
        return true;
    }

    private DisplayData render(Object value) {
        if (value instanceof DisplayData d) {
            return new DisplayData(d);
        }
        return renderer.render(value);
    }
}
