package org.seqlab.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.seqlab.Seqlab;
import org.seqlab.display.Display;

/**
 * The Seqlab Jupyter kernel: JShell in the kernel's JVM with the library imported, Seqlab's
 * renderers, IJava's magics, and fixes for the jjava-jupyter and JShell traps listed in
 * FACTS.md (kernel_info status, UNKNOWN completeness, inspect without a parenthesis), the
 * executed cells as history ({@link SessionHistory}) and javac's parser behind is_complete's
 * {@code invalid} ({@link JavaSyntax}).
 */
public final class SeqlabKernel extends BaseKernel {
    private final CellExecutionControl control;
    private final SessionHistory history;
    // Built on the warm-up thread (javac's start is the slowest part of a cold start); read only
    // after awaitWarm(), whose future publishes them.
    private volatile JShell shell;
    private volatile Magics magics;
    private final java.util.concurrent.CompletableFuture<Void> warm = new java.util.concurrent.CompletableFuture<>();

    public SeqlabKernel() {
        super("seqlab", Seqlab.version(),
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell",
                        "java", "java", null),
                Collections.emptyList(), null, new KernelIO(),
                new CommManager(), new Renderer(), null, null, false,
                new StringStyler.Builder()
                        .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RESET_FG)
                        .addHighlightStyle(TextColor.RED_BG)
                        .build());
        this.history = new SessionHistory();
        this.control = new CellExecutionControl();
        new KernelRenderers(getRenderer());
    }

    /**
     * Starts JShell, imports the library and installs the display sink on a background thread,
     * so the kernel answers kernel_info at once; requests that need JShell wait for it.
     */
    public void startWarmUp() {
        // ND4J's native backend takes seconds to load; on a second core it loads while JShell
        // compiles the imports, so a first ND4J cell finds it ready.
        Thread nd4j = new Thread(() -> {
            try {
                org.nd4j.linalg.factory.Nd4j.scalar(1f);
            } catch (Throwable e) {
                LOG.println("seqlab kernel: ND4J did not load at start-up: " + e);
            }
        }, "seqlab-nd4j-warm-up");
        nd4j.setDaemon(true);
        nd4j.start();
        Thread t = new Thread(() -> {
            try {
                warmUp();
                warm.complete(null);
            } catch (Throwable e) {
                warm.completeExceptionally(e);
            }
        }, "seqlab-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private void awaitWarm() {
        while (true) {
            try {
                warm.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                if (control.interrupted()) {
                    throw interruptedError();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the kernel was starting", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the kernel failed to start: " + e.getCause(), e.getCause());
            }
        }
    }

    private void warmUp() {
        JShell js = JShell.builder()
                .executionEngine(CellExecutionControl.provider(control), null)
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                js.addToClasspath(entry);
            }
        }
        importAll(js, StartupImports.PACKAGES);
        this.magics = new Magics(js, this::evalCode);
        this.shell = js;
        Display.install(new KernelDisplaySink(getRenderer(), io));
    }

    /**
     * All imports as one snippet: JShell compiles each snippet into its own wrapper, and one
     * compilation instead of about 25 saves about half a second of a cold start. If that
     * snippet is rejected (a package not on the classpath) it has no effect, and each import is
     * tried alone so the others still hold and the failing one is named. JShell names the
     * snippet after its first import, hence the marker import at the head of StartupImports.
     */
    static void importAll(JShell js, List<String> packages) {
        StringBuilder all = new StringBuilder();
        for (String pkg : packages) {
            all.append("import ").append(pkg).append(";\n");
        }
        if (js.eval(all.toString()).stream().noneMatch(e -> e.status() == Snippet.Status.REJECTED)) {
            return;
        }
        for (String pkg : packages) {
            for (SnippetEvent e : js.eval("import " + pkg + ";")) {
                if (e.status() == Snippet.Status.REJECTED) {
                    LOG.println("seqlab kernel: start-up import failed: " + pkg);
                }
            }
        }
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " with Seqlab " + Seqlab.version();
    }

    @Override
    public Object evalRaw(String source) {
        // Begin before waiting for the warm-up: an interrupt during the wait stops this cell.
        control.beginCell();
        try {
            awaitWarm();
            return magics.run(source);
        } finally {
            control.endCell();
        }
    }

    /** Evaluates plain Java (no magics): returns the value of a trailing expression, or null. */
    Object evalCode(String code) {
        Object last = null;
        String remaining = code;
        int offset = 0;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            String snippet;
            String rest;
            if (c == Completeness.COMPLETE || c == Completeness.COMPLETE_WITH_SEMI) {
                snippet = info.source();
                rest = info.remaining();
            } else if (c == Completeness.EMPTY) {
                break;
            } else {
                // UNKNOWN, incomplete: hand the rest to the compiler so the user sees its error.
                snippet = remaining;
                rest = "";
            }
            int consumed = remaining.length() - rest.length();
            if (control.interrupted()) {
                throw interruptedError();
            }
            last = evalSnippet(snippet, lineOf(code, offset));
            offset += consumed;
            remaining = rest;
        }
        return last;
    }

    private Object evalSnippet(String source, int firstLine) {
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        boolean interrupted = control.interrupted();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(snippet, source, firstLine);
            }
            Object result = control.isResultKey(event.value()) ? control.takeResult(event.value()) : null;
            if (interrupted) {
                throw interruptedError();
            }
            if (event.exception() != null) {
                throw runtimeError(event.exception());
            }
            if (isExpression(snippet)) {
                value = result;
            }
        }
        if (interrupted) {
            throw interruptedError();
        }
        return value;
    }

    private static CellError interruptedError() {
        return new CellError("Interrupted", "the cell was interrupted",
                List.of("Interrupted: the cell was stopped; variables defined before it are kept"));
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellError compilationError(Snippet snippet, String source, int firstLine) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : (Iterable<Diag>) shell.diagnostics(snippet)::iterator) {
            if (!d.isError()) {
                continue;
            }
            String msg = d.getMessage(Locale.ROOT);
            int pos = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = source.indexOf('\n', pos);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int lineNo = firstLine + (int) source.substring(0, lineStart).chars().filter(ch -> ch == '\n').count();
            String head = "line " + lineNo + ": " + msg.lines().findFirst().orElse(msg);
            if (first == null) {
                first = head;
            }
            lines.add(errorStyler.secondary(head));
            msg.lines().skip(1).forEach(l -> lines.add("  " + l));
            lines.add("    " + line);
            lines.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + "^");
        }
        if (first == null) {
            first = "the snippet was rejected: " + source.strip();
            lines.add(first);
        }
        return new CellError("CompilationError", first, lines);
    }

    private CellError runtimeError(JShellException e) {
        List<String> lines = new ArrayList<>();
        String ename;
        String evalue;
        if (e instanceof EvalException ee) {
            ename = ee.getExceptionClassName();
            evalue = ee.getMessage() == null ? "" : ee.getMessage();
        } else if (e instanceof UnresolvedReferenceException ure) {
            ename = "UnresolvedReference";
            evalue = "uses " + ure.getSnippet().source().strip() + ", which is not yet fully defined";
        } else {
            ename = e.getClass().getSimpleName();
            evalue = String.valueOf(e.getMessage());
        }
        Throwable t = e;
        boolean firstLink = true;
        while (t != null) {
            String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            String head = (firstLink ? "" : "Caused by: ") + name + (t.getMessage() != null ? ": " + t.getMessage() : "");
            lines.add(errorStyler.secondary(head));
            for (StackTraceElement el : t.getStackTrace()) {
                String cls = el.getClassName();
                if (cls.startsWith("jdk.internal.reflect") || cls.startsWith("java.lang.reflect")
                        || cls.startsWith("org.seqlab.kernel.") || cls.startsWith("java.lang.Thread")) {
                    continue;
                }
                lines.add("\tat " + (cls.startsWith("REPL.") ? "cell (" + el.getMethodName() + ")" : el.toString()));
            }
            t = t.getCause();
            firstLink = false;
        }
        return new CellError(ename, evalue, lines);
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, code.length()); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitWarm();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int end = identifierEnd(code, at);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code.substring(0, end), end, true);
        if (docs.isEmpty()) {
            // JShell documents a method only once it sees the call's parenthesis.
            docs = analysis.documentation(code.substring(0, end) + "(", end + 1, true);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append(d.javadoc().strip()).append("\n\n");
            }
        }
        return new DisplayData(text.toString().strip());
    }

    private static int identifierEnd(String code, int at) {
        int i = Math.max(0, Math.min(at, code.length()));
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitWarm();
        int[] anchor = new int[1];
        int start = snippetStart(code, at);
        String part = code.substring(start, at);
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(part, part.length(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            if (s.matchesType()) {
                matches.add(s.continuation());
            }
        }
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            matches.add(s.continuation());
        }
        return new ReplacementOptions(new ArrayList<>(matches), start + anchor[0], at);
    }

    /** Where the snippet holding the cursor begins, so completion sees one snippet, not the whole cell. */
    private int snippetStart(String code, int at) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int offset = 0;
        String remaining = code.substring(0, at);
        while (!remaining.isEmpty()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if ((info.completeness() == Completeness.COMPLETE || info.completeness() == Completeness.COMPLETE_WITH_SEMI)
                    && !info.remaining().isEmpty()) {
                offset += remaining.length() - info.remaining().length();
                remaining = info.remaining();
            } else {
                break;
            }
        }
        return offset;
    }

    @Override
    public String isComplete(String code) {
        awaitWarm();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = magics.stripLineMagics(code);
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    // complete for JShell's lexical analysis, but maybe not Java: int int = 3;
                    if (!JavaSyntax.valid(analysis, info.source())) {
                        return IS_COMPLETE_BAD;
                    }
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return IS_COMPLETE_YES;
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "    ";
                }
                default -> {
                    // JShell says UNKNOWN for code that cannot become valid by adding more.
                    return IS_COMPLETE_BAD;
                }
            }
        }
        return IS_COMPLETE_YES;
    }

    @Override
    public void interrupt() {
        control.interruptRunning();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        control.interruptRunning();
        JShell js = shell;
        if (js != null) {
            js.close();
        }
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        KernelIO kio = (KernelIO) io;
        kio.attach(env, request.isStdinEnabled());
        env.defer(() -> kio.detach(env));
        String result = null;
        try {
            DisplayData out = eval(request.getCode());
            System.out.flush();
            System.err.flush();
            if (out != null) {
                env.publish(new PublishExecuteResult(count, out));
                Object text = out.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
                result = text == null ? null : text.toString();
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (CellError e) {
            replyError(env, count, e.ename(), e.evalue(), e.traceback());
        } catch (RuntimeException | InternalError e) {
            replyError(env, count, e.getClass().getName(), String.valueOf(e.getMessage()), formatError(e));
        } finally {
            if (request.shouldStoreHistory()) {
                history.record(count, request.getCode(), result);
            }
        }
    }

    private void replyError(ShellReplyEnvironment env, int count, String ename, String evalue, List<String> traceback) {
        System.out.flush();
        System.err.flush();
        ErrorReply error = new ErrorReply(ename, evalue, traceback);
        error.setExecutionCount(count);
        env.publish(new PublishError(ename, evalue, traceback));
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
    }

    /** Called from notebook code through the clearOutput() helper. */
    public static void clearOutput(boolean wait) {
        ((KernelIO) notebookKernel().getIO()).clearOutput(wait);
    }

    /**
     * Answers from {@link SessionHistory}. jjava-jupyter's own handler would leave the request
     * unanswered without a history manager, and its reply lacks {@code "status"} and writes
     * entries as objects, not the protocol's arrays.
     */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        List<SessionHistory.Cell> cells = switch (request.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength());
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield history.range(r.getSessionIndex(), r.getStart(), r.getStop());
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                yield history.search(s.getPattern(), s.getMaxReturnLength(), s.filterUnique());
            }
        };
        env.reply(new HistoryReplyContent(SessionHistory.entries(cells, request.includeOutput())));
    }

    /** A history_reply as the protocol writes it. */
    static final class HistoryReplyContent implements ContentType<HistoryReplyContent> {
        @SuppressWarnings("unchecked") // the same message type; only the content's Java class differs
        private static final MessageType<HistoryReplyContent> TYPE =
                (MessageType<HistoryReplyContent>) (MessageType<?>) HistoryReply.MESSAGE_TYPE;

        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        HistoryReplyContent(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        public MessageType<HistoryReplyContent> getType() {
            return TYPE;
        }
    }

    /** jjava-jupyter's reply lacks {@code "status": "ok"}, which clients and the conformance suite require. */
    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new OkKernelInfoReply(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    static final class OkKernelInfoReply extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";

        OkKernelInfoReply(String protocol, String name, String version, LanguageInfo info, String banner,
                List<org.dflib.jjava.jupyter.kernel.HelpLink> links) {
            super(protocol, name, version, info, banner, links);
        }
    }

    /** Original streams, for log lines that must not land in a cell's output. */
    static final PrintStream LOG = System.err;
}
