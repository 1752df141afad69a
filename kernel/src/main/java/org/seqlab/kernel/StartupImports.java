package org.seqlab.kernel;

import java.util.List;

/**
 * What every notebook can use without set-up. Later packages of the library are added here,
 * in this one list; an import that fails (a package not on the classpath) is logged, not fatal.
 */
final class StartupImports {
    private StartupImports() {}

    static final List<String> PACKAGES = List.of(
            // First on purpose: the kernel evaluates these as one JShell snippet, and JShell names
            // that snippet after its first import, so a cell that repeats the first import would
            // replace them all. Nobody imports this class by its single name.
            "org.seqlab.kernel.NotebookFunctions",
            "java.util.*",
            "java.util.stream.*",
            "java.nio.file.*",
            "java.time.*",
            "org.seqlab.*",
            "org.seqlab.display.*",
            "org.seqlab.notebook.*",
            "org.seqlab.features.*",
            "org.seqlab.audio.*",
            "org.seqlab.data.*",
            "org.seqlab.autograd.*",
            "org.seqlab.nn.*",
            "org.seqlab.nn.recurrent.*",
            "org.seqlab.nn.attention.*",
            "org.seqlab.losses.*",
            "org.seqlab.optim.*",
            "org.seqlab.metrics.*",
            "org.seqlab.experiment.*",
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
