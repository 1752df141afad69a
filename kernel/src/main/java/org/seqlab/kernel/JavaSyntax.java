package org.seqlab.kernel;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Whether one JShell snippet is syntactically valid Java, for {@code is_complete}'s
 * {@code invalid} answer. Why not JShell alone: its completeness analysis is lexical and calls
 * {@code int int = 3;} complete (FACTS.md, Jupyter, item 2), and
 * {@link SourceCodeAnalysis#sourceToSnippets} calls a snippet erroneous also when it only uses a
 * name that is not defined yet, which is a run-time error, not a syntax error. So a snippet that
 * JShell classifies is valid, and one it calls erroneous is checked by javac's parser alone (no
 * attribution), in each of the places a snippet can stand: a compilation unit (imports, types),
 * a class body (methods, fields), a method body (statements) and an initialiser (expressions).
 */
final class JavaSyntax {
    private JavaSyntax() {}

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static StandardJavaFileManager files;

    /** Whether {@code snippet} (one snippet's source, as JShell's completion analysis cuts it) parses. */
    static boolean valid(SourceCodeAnalysis analysis, String snippet) {
        if (analysis.sourceToSnippets(snippet).stream().noneMatch(s -> s.kind() == Snippet.Kind.ERRONEOUS)) {
            return true;
        }
        return parses(snippet)
                || parses("class $Snippet {\n" + snippet + "\n;}")
                || parses("class $Snippet { void $run() {\n" + snippet + "\n;} }")
                || parses("class $Snippet { Object $value =\n" + snippet + "\n;}");
    }

    /** Whether javac's parser reports no error for {@code text} as one source file. */
    static synchronized boolean parses(String text) {
        if (JAVAC == null) {
            return true; // no compiler to ask (cannot happen where JShell runs): do not refuse code
        }
        if (files == null) {
            files = JAVAC.getStandardFileManager(null, null, null);
        }
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) JAVAC.getTask(null, files, diagnostics, List.of("-proc:none"), null, List.of(source));
        try {
            task.parse();
        } catch (IOException e) {
            return false;
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }
}
