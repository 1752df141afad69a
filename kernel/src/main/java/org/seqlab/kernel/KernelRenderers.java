package org.seqlab.kernel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.seqlab.display.FigureHtml;
import org.seqlab.display.HtmlRenderable;
import org.seqlab.display.TableHtml;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * How notebook values look: tables as HTML, plotly figures drawn offline, images as PNG (not
 * SVG, which nbconvert 6.5 mangles), Seqlab's result objects as their own HTML. The HTML itself
 * comes from kernel-lib so that a run's HTML report renders the same way.
 */
final class KernelRenderers {
    /** plotly.js is inlined by the first figure of a kernel session, then reused by the page. */
    private final AtomicBoolean plotlySent = new AtomicBoolean();

    KernelRenderers(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((figure, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML,
                            () -> FigureHtml.fragment(figure, !plotlySent.getAndSet(true)));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "plotly figure with "
                            + figure.getTraces().length + " trace(s)");
                });
        renderer.createRegistration(BufferedImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((image, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(image));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN,
                            () -> "image " + image.getWidth() + "x" + image.getHeight());
                });
        renderer.createRegistration(HtmlRenderable.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, value::toHtml);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, value::toString);
                });
    }

    static String png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalArgumentException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
