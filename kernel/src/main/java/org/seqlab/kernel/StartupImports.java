package org.seqlab.kernel;

import java.util.List;

/**
 * What every notebook can use without set-up. Later packages of the library are added here,
 * in this one list (the kernel imports a package only if it exists on the classpath).
 */
final class StartupImports {
    private StartupImports() {}

    static final List<String> PACKAGES = List.of(
            "java.util.*",
            "java.util.stream.*",
            "java.nio.file.*",
            "java.time.*",
            "org.seqlab.*",
            "org.seqlab.display.*",
            "org.seqlab.notebook.*",
            "org.seqlab.features.*",
            "org.nd4j.linalg.api.ndarray.*",
            "org.nd4j.linalg.factory.*",
            "tech.tablesaw.api.*",
            "tech.tablesaw.plotly.*",
            "tech.tablesaw.plotly.api.*",
            "tech.tablesaw.plotly.components.*",
            "tech.tablesaw.plotly.traces.*");

    /**
     * Helpers IJava users know: display(obj) returns a display id that updateDisplay(id, obj)
     * replaces; clearOutput() empties the cell's output (wait: when the next output arrives).
     */
    static final List<String> HELPERS = List.of(
            "String display(Object value) { return org.seqlab.display.Display.showUpdatable(value); }",
            "void updateDisplay(String displayId, Object value) { org.seqlab.display.Display.update(displayId, value); }",
            "void clearOutput() { org.seqlab.kernel.SeqlabKernel.clearOutput(false); }",
            "void clearOutput(boolean wait) { org.seqlab.kernel.SeqlabKernel.clearOutput(wait); }");
}
