package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The kernel's evaluation, without sockets: the protocol is tested by the Python suites. */
class SeqlabKernelTest {
    private static SeqlabKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new SeqlabKernel();
        kernel.startWarmUp();
    }

    @Test
    void keepsResultsAsObjectsSoTheyCanBeRendered() {
        assertEquals(2, kernel.evalRaw("1 + 1"));
        Object table = kernel.evalRaw("Table.create(\"t\", DoubleColumn.create(\"a\", 1, 2))");
        assertInstanceOf(Table.class, table, "library imported at start, value kept");
        DisplayData d = kernel.getRenderer().render(table);
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("<th>a</th>"));
        assertNotNull(d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void onlyATrailingExpressionIsTheCellValue() {
        assertEquals(null, kernel.evalRaw("int unseen = 5;"));
        assertEquals(12, kernel.evalRaw("int seen = 6;\nseen * 2"));
    }

    @Test
    void aVariableMayHoldNull() {
        assertEquals(null, kernel.evalRaw("String nothing = null;"));
        assertEquals(true, kernel.evalRaw("nothing == null"));
        assertEquals(null, kernel.evalRaw("nothing"));
    }

    @Test
    void compileErrorsNameTheCellLine() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("int ok = 1;\n\nint bad = nope + 1;"));
        assertEquals("CompilationError", e.ename());
        assertTrue(e.evalue().startsWith("line 3: cannot find symbol"), e.evalue());
        assertTrue(e.traceback().stream().anyMatch(l -> l.contains("int bad = nope + 1;")), e.traceback().toString());
    }

    @Test
    void runtimeErrorsCarryTheJavaExceptionClass() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("Integer.parseInt(\"x1\")"));
        assertEquals("java.lang.NumberFormatException", e.ename());
        assertTrue(e.evalue().contains("x1"));
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalidApart() {
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int a = 1;\nint b = 2"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("int x = ;"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%jars foo.jar\nint c = 3;"));
        // JShell's lexical analysis calls these complete; javac's parser does not
        assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("int int = 3;"));
        assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("int ok = 1;\nint y = 3 3;"));
        // an undefined name fails when run, but the code is complete Java
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("x = notDefinedYet + 1;"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("6 * 7"));
    }

    @Test
    void aBusyLoopStopsWithinTwoSecondsOfAnInterruptAndVariablesStay() throws Exception {
        kernel.evalRaw("int keep = 41;");
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                kernel.evalRaw("long spin = 0;\nwhile (true) { spin++; }");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(500);
        assertFalse(run.isDone(), "the loop runs");
        long t0 = System.nanoTime();
        kernel.interrupt();
        Throwable t = run.get(2, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertInstanceOf(CellError.class, t);
        assertEquals("Interrupted", ((CellError) t).ename());
        assertTrue(millis < 2000, millis + " ms");
        assertEquals(42, kernel.evalRaw("keep + 1"));
    }

    @Test
    void magicsLoadFilesAndAddJarsAndNameWhatIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpers.jsh");
        Files.writeString(file, "int triple(int v) { return 3 * v; }\n");
        assertEquals(21, kernel.evalRaw("%load " + file + "\ntriple(7)"));
        CellError late = assertThrows(CellError.class, () -> kernel.evalRaw("int one = 1;\n%load " + file + "\nint two = nope;"));
        assertTrue(late.evalue().startsWith("line 3:"), "line numbers count magic lines: " + late.evalue());
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("%jars " + dir.resolve("none/*.jar")));
        assertEquals("MagicError", e.ename());
        assertTrue(e.evalue().contains(dir.toString()), e.evalue());
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("lib/b.jar"), "");
        assertEquals(2, Magics.resolve("jars", dir.resolve("lib/*.jar").toString()).size());
    }

    @Test
    void mavenMagicResolvesArtifactsWithTheirDependenciesAndNamesBadCoordinates() {
        var jars = MavenMagic.resolve(java.util.List.of("org.dflib.jjava:jjava-jupyter:1.0-a6"));
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("jjava-jupyter-1.0-a6")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("jeromq-")), "dependencies too: " + jars);
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("%maven not-a-coordinate"));
        assertTrue(e.evalue().contains("'not-a-coordinate' is not group:artifact:version"), e.evalue());
    }

    @Test
    void everyStartupImportHoldsThoughTheyAreOneSnippet() {
        assertEquals(java.time.LocalDate.of(2020, 1, 2), kernel.evalRaw("LocalDate.of(2020, 1, 2)"), "java.time.*");
        assertEquals(java.util.stream.Collectors.class, kernel.evalRaw("Collectors.class"), "java.util.stream.*");
        assertEquals(org.nd4j.linalg.factory.Nd4j.class, kernel.evalRaw("Nd4j.class"), "org.nd4j.linalg.factory.*");
        assertEquals(tech.tablesaw.plotly.traces.ScatterTrace.class, kernel.evalRaw("ScatterTrace.class"),
                "tech.tablesaw.plotly.traces.*");
        assertEquals(null, kernel.evalRaw("Runnable r = () -> clearOutput();"), "the static import");
        var options = kernel.complete("LocalDa", 7);
        assertTrue(options.getReplacements().contains("LocalDate"), options.getReplacements().toString());
    }

    @Test
    void aCellRepeatingAStartupImportKeepsTheOthers() {
        // JShell replaces an import snippet named like a new one; the start-up snippet must survive.
        for (String pkg : StartupImports.PACKAGES.subList(1, 4)) {
            kernel.evalRaw("import " + pkg + ";");
        }
        assertEquals(java.time.LocalDate.of(2021, 3, 4), kernel.evalRaw("LocalDate.of(2021, 3, 4)"));
        assertEquals(tech.tablesaw.plotly.traces.ScatterTrace.class, kernel.evalRaw("ScatterTrace.class"));
        assertEquals(java.util.List.of(1), kernel.evalRaw("List.of(1)"));
    }

    @Test
    void aMissingStartupPackageIsSkippedAndTheOthersStillImported() {
        try (jdk.jshell.JShell js = jdk.jshell.JShell.builder().executionEngine("local").build()) {
            SeqlabKernel.importAll(js, java.util.List.of("java.time.*", "org.nowhere.missing.*", "java.util.function.*"));
            assertEquals("VALID", js.eval("LocalDate.of(2020, 1, 2)").get(0).status().name());
            assertEquals("VALID", js.eval("Supplier<String> s = () -> \"x\";").get(0).status().name());
            assertEquals(2, js.imports().count(), "the two real packages, each on its own");
        }
    }

    @Test
    void completesAndInspectsWithinTheSnippetUnderTheCursor() {
        String code = "int a = 1;\nStrin";
        var options = kernel.complete(code, code.length());
        assertTrue(options.getReplacements().contains("String"), options.getReplacements().toString());
        assertEquals(code.length() - 5, options.getSourceStart());
        DisplayData doc = kernel.inspect("System.out.println", 18, false);
        assertNotNull(doc, "inspect retries with a parenthesis");
        assertTrue(((String) doc.getData(MIMEType.TEXT_PLAIN)).contains("println"));
    }
}
