"""The official Jupyter kernel conformance suite (Debian's python3-jupyter-kernel-test) against
the installed `seqlab` kernelspec: every check the kernel supports is configured."""
import unittest

import seqlab_testenv  # noqa: F401  (installs the kernelspec first)
import jupyter_kernel_test


class SeqlabConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "seqlab"
    language_name = "java"

    @classmethod
    def setUpClass(cls):
        # The suite allows 15 s per reply; the first cell also waits for the start-up imports,
        # which on a loaded 2-core machine can take longer. Start-up speed is measured by
        # `./seqlab bench kernel`, not here.
        super().setUpClass()
        cls.kc.execute_interactive("int warmedUp = 1;", timeout=180)
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [{"text": "Math.floorMo", "matches": {"floorMod("}}]

    complete_code_samples = ["int a = 1;", "int b = 2", "for (int i = 0; i < 2; i++) { }", "%jars x.jar"]
    incomplete_code_samples = ["for (int i = 0; i < 2; i++) {", "String s = \"a\" +", "void f() {"]
    # JShell's own analysis calls "int int = 3;" complete; javac's parser decides (JavaSyntax).
    # Undefined names are a run-time error, not a syntax error: that code is complete.
    complete_code_samples += ["x = notDefinedYet + 1;", "6 * 7", "class P { int a; }", "import java.util.*;",
                              "int a = 1; int b = 2;", "String t = \"\"\"\n  text\n  \"\"\";"]
    incomplete_code_samples += ["for (int i = 0; i < 3; i++) {", "class Q {"]
    invalid_code_samples = ["int x = ;", "}", "for (;;) }", "int int = 3;", "int y = 3 3;", "1 +* 2;",
                            "int a = 1; int int = 2;", "class R { int int; }"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"se\" + \"qlab\"", "result": "seqlab"},
        {"code": "Table.create(\"t\", IntColumn.create(\"n\", 1, 2))", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": "display(Table.create(\"t\", IntColumn.create(\"n\", 1, 2)));", "mime": "text/html"},
        {"code": "display(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]

    code_inspect_sample = "System.out.println"

    # history_request over this kernel session's executed cells (SessionHistory); the pattern is
    # a glob that matches exactly one of code_execute_result's inputs, as the suite expects.
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "*qlab*"

    code_clear_output = 'System.out.println("soon gone"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
