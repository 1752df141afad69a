package org.seqlab.display;

/**
 * Implemented by Seqlab's own result objects so that a notebook shows them as HTML
 * while a terminal still gets {@link Object#toString()}.
 */
public interface HtmlRenderable {
    /** A self-contained HTML fragment: no external scripts or stylesheets. */
    String toHtml();
}
