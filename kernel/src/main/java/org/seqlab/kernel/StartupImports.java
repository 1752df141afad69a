package org.seqlab.kernel;

import java.util.List;

/**
 * What every notebook can use without set-up. Later packages of the library are added here,
 * in this one list; an import that fails (a package not on the classpath) is logged, not fatal.
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
            "tech.tablesaw.plotly.traces.*",
            // display(x), updateDisplay(id, x), clearOutput() as IJava users know them
            "static org.seqlab.kernel.NotebookFunctions.*");
}
