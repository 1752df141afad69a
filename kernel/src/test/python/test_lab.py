"""`./seqlab lab` serves Jupyter on loopback only, with token authentication, and offers the
seqlab kernelspec; it provisions JupyterLab with pip whenever pip can install it and falls back to
the classic Notebook, saying why, only when it cannot (both branches, with a stub pip); and in
Chromium, driven by playwright-core with every outside request blocked, the tour notebook runs in
the UI it serves with its plot drawn, its table rendered, its math typeset and no error."""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import textwrap
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import seqlab_testenv
from nbformat.v4 import new_markdown_cell

TOKEN = "seqlab-test-token-5e1f"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port):
    """Local addresses with a listening TCP socket on port, from /proc (no traffic sent)."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            with open(table) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hexport = fields[1].split(":")
            if int(hexport, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.append(addr)
    return found


def start_lab(*args):
    """Starts `./seqlab lab` on a free port; returns (process, base url, log path, runtime dir)
    once the server answers, or fails with the log."""
    port = free_port()
    runtime = tempfile.mkdtemp(prefix="seqlab-lab-")
    env = dict(os.environ, JUPYTER_TOKEN=TOKEN, JUPYTER_RUNTIME_DIR=runtime, JUPYTER_CONFIG_DIR=runtime)
    log_path = os.path.join(runtime, "lab.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen([seqlab_testenv.SEQLAB, "lab", f"--port={port}", *args], env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    specs = None
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/api/kernelspecs?token={TOKEN}", timeout=5) as r:
                specs = json.load(r)
                break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    return proc, base, log_path, runtime, specs


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Lab(unittest.TestCase):
    def test_loopback_token_and_kernelspec(self):
        proc, base, log_path, runtime, specs = start_lab()
        port = int(base.rsplit(":", 1)[1])
        try:
            with open(log_path) as f:
                log_text = f.read()
            self.assertIsNotNone(specs, log_text)
            self.assertRegex(log_text, r"serving (JupyterLab|the classic Notebook \(Debian's\), because JupyterLab "
                                       r"could not be installed: pip could not)", "says what it serves and why")
            self.assertIn("seqlab", specs["kernelspecs"])
            self.assertEqual(specs["kernelspecs"]["seqlab"]["spec"]["display_name"], "Java (Seqlab)")

            with self.assertRaises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{base}/api/kernelspecs", timeout=5)
            self.assertIn(refused.exception.code, (401, 403))
            with self.assertRaises(urllib.error.HTTPError):
                urllib.request.urlopen(f"{base}/api/kernelspecs?token=wrong", timeout=5)

            addresses = listening_addresses(port)
            self.assertTrue(addresses, "something listens on the port")
            for a in addresses:
                self.assertIn(a, ("0100007F", "00000000000000000000000001000000"),
                              f"listens on loopback only, not {a}")
        finally:
            stop(proc)
            shutil.rmtree(runtime, ignore_errors=True)


def fake_venv(folder, pip_installs):
    """A venv whose pip either "installs" JupyterLab (a jupyterlab module that records its
    arguments and exits) or fails as pip does with no package index; its python is Debian's with
    the venv's site folder on the path. Each pip call is recorded in pip.calls."""
    venv = Path(folder) / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "site").mkdir()
    (venv / "bin" / "python").write_text(f'#!/bin/sh\nPYTHONPATH="{venv}/site" exec /usr/bin/python3 "$@"\n')
    install = textwrap.dedent(f"""\
        mkdir -p "{venv}/site/jupyterlab"
        : > "{venv}/site/jupyterlab/__init__.py"
        printf 'import sys\\nopen("{venv}/lab.args", "w").write(" ".join(sys.argv[1:]))\\n' > "{venv}/site/jupyterlab/__main__.py"
        """) if pip_installs else 'echo "ERROR: Could not find a version that satisfies the requirement jupyterlab" >&2\nexit 1\n'
    (venv / "bin" / "pip").write_text(f'#!/bin/sh\necho "$@" >> "{venv}/pip.calls"\n{install}')
    for f in ("python", "pip"):
        (venv / "bin" / f).chmod(0o755)
    return venv


class LabProvisioning(unittest.TestCase):
    """Both branches of the choice between JupyterLab and the classic Notebook, with a stub pip."""

    def setUp(self):
        if subprocess.run(["/usr/bin/python3", "-c", "import jupyterlab"], capture_output=True).returncode == 0:
            self.skipTest("Debian's python3 has JupyterLab: the launcher would not need pip")
        self.tmp = tempfile.mkdtemp(prefix="seqlab-venv-")
        self.marker = Path(self.tmp) / "pip-unavailable"

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def lab(self, venv, *args):
        env = dict(os.environ, SEQLAB_VENV=str(venv), SEQLAB_PIP_MARKER=str(self.marker), JUPYTER_TOKEN=TOKEN)
        return subprocess.run([seqlab_testenv.SEQLAB, "lab", *args], env=env, capture_output=True, text=True,
                              timeout=300)

    def test_jupyterlab_is_installed_with_pip_and_served_even_where_the_classic_notebook_is_present(self):
        venv = fake_venv(self.tmp, pip_installs=True)
        first = self.lab(venv, "--port=1")
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("serving JupyterLab, just installed into", first.stderr)
        calls = (venv / "pip.calls").read_text().splitlines()
        self.assertEqual(len(calls), 1, calls)
        self.assertIn("install --timeout 5 --retries 0", calls[0], "pip fails fast without an index")
        self.assertIn("jupyterlab", calls[0].split())
        served = (venv / "lab.args").read_text()
        self.assertIn("--ServerApp.ip=127.0.0.1", served)
        self.assertIn(f"--ServerApp.token={TOKEN}", served)
        self.assertIn("--port=1", served)
        self.assertFalse(self.marker.exists())

        again = self.lab(venv, "--port=1")
        self.assertIn("serving JupyterLab from", again.stderr)
        self.assertEqual(len((venv / "pip.calls").read_text().splitlines()), 1, "installed once")

    def test_the_classic_notebook_only_when_pip_cannot_install_jupyterlab_and_the_failure_is_remembered(self):
        venv = fake_venv(self.tmp, pip_installs=False)
        first = self.lab(venv, "--help")   # the classic Notebook prints its help and exits
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("serving the classic Notebook (Debian's), because JupyterLab could not be installed: "
                      "pip could not install jupyterlab", first.stderr)
        self.assertTrue(self.marker.exists(), "remembered")
        self.assertFalse((venv / "lab.args").exists())
        again = self.lab(venv, "--help")
        self.assertIn("pip could not reach a package index before", again.stderr)
        self.assertEqual(len((venv / "pip.calls").read_text().splitlines()), 1, "pip is not tried again")


PLAYWRIGHT_CORE = "1.65.1"   # pinned; playwright-core downloads no browser: Debian's chromium is used


def playwright_core():
    """playwright-core from the npm registry, installed once into ~/.cache/seqlab/npm."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise unittest.SkipTest("node and npm are needed to drive Chromium (Debian package nodejs)")
    prefix = Path.home() / ".cache" / "seqlab" / "npm" / f"playwright-core-{PLAYWRIGHT_CORE}"
    module = prefix / "node_modules" / "playwright-core"
    if not (module / "package.json").is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save",
                            f"playwright-core@{PLAYWRIGHT_CORE}"], capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))
        if r.returncode != 0:
            raise AssertionError(f"npm install playwright-core@{PLAYWRIGHT_CORE} failed: {r.stderr[-800:]}")
    return module


def tour_with_math(folder):
    """The tour notebook and its lib/, plus one markdown cell of inline and display math (the
    tour itself has none); the copy lives in a temporary folder, never in notebooks/."""
    src = seqlab_testenv.ROOT / "notebooks"
    shutil.copytree(src / "lib", Path(folder) / "lib")
    nb = nbformat.read(src / "00-tour.ipynb", as_version=4)
    nb.cells.insert(1, new_markdown_cell("An Elman network keeps a state $h_t$:\n\n"
                                         "$$h_t = \\tanh(W x_t + U h_{t-1} + b)$$"))
    nbformat.write(nb, Path(folder) / "tour-math.ipynb")
    return "tour-math.ipynb"


class Browser(unittest.TestCase):
    def test_the_tour_runs_in_the_served_ui_with_plot_table_and_math_and_no_error(self):
        if not Path(os.environ.get("SEQLAB_CHROMIUM", "/usr/bin/chromium")).exists():
            self.skipTest("no /usr/bin/chromium")
        module = playwright_core()
        folder = tempfile.mkdtemp(prefix="seqlab-tour-")
        notebook = tour_with_math(folder)
        proc, base, log_path, runtime, specs = start_lab(f"--notebook-dir={folder}")
        try:
            with open(log_path) as f:
                log_text = f.read()
            self.assertIsNotNone(specs, log_text)
            ui = "lab" if "serving JupyterLab" in log_text else "classic"
            script = Path(__file__).with_name("lab_browser.js")
            r = subprocess.run(["node", str(script), str(module), base, TOKEN, notebook, ui],
                               capture_output=True, text=True, timeout=420)
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            result = json.loads(r.stdout)
            self.assertNotIn("failure", result, result.get("failure"))
            self.assertGreaterEqual(result["plots"], 1, "plotly drew the figure")
            self.assertGreaterEqual(result["tables"], 1, "the table is rendered")
            self.assertIn("amplitude", result["tableHeaders"])
            self.assertGreaterEqual(result["math"], 2, "inline and display math typeset")
            raw = [p for p in result["prose"] if "$" in p]
            self.assertEqual(raw, [], "no TeX source left in the prose")
            self.assertEqual(result["errors"], 0, "no error output")
            # JupyterLab's debugger panel asks every kernel for a debug session and logs a rejection
            # when it has none (the kernelspec says "debugger": false); anything else is a fault
            errors = [e for e in result["pageErrors"] if "No active debugger session" not in e]
            self.assertEqual(errors, [], "no JavaScript error")
            self.assertEqual(result["blocked"], [], "the UI asked for nothing outside the machine")
        finally:
            stop(proc)
            shutil.rmtree(runtime, ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
