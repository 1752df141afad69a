"""The RNN lecture notebooks (01-bptt, 02-lstm-vs-gru) at smoke size through `./seqlab reproduce`:
both run to the end, their reports draw every figure in headless Chromium with the network blocked,
the exact claims (BPTT equals the engine's gradient and finite differences; parameter counts equal
the formulas) print "held", and the committed notebooks carry no outputs."""
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[4]
NOTEBOOKS = [ROOT / "notebooks" / "01-bptt.ipynb", ROOT / "notebooks" / "02-lstm-vs-gru.ipynb"]
CHROMIUM_OFFLINE = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=20000",
]
FIGURE_ID = re.compile(r"id=['\"](seqlabplot[0-9a-f]{32})['\"]")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise unittest.SkipTest("no chromium")


def text_of(html_report):
    """The report without tags, entities decoded: what a reader sees of the outputs."""
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", html_report))


class LectureNotebooks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-lectures-"))
        cls.out = cls.tmp / "reports"
        cls.reproduce = subprocess.run([str(ROOT / "seqlab"), "reproduce", "--smoke", "--out", str(cls.out),
                                  *map(str, NOTEBOOKS)], capture_output=True, text=True, timeout=1800)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def report(self, name):
        path = self.out / f"{name}.html"
        self.assertTrue(path.is_file(), self.reproduce.stdout + self.reproduce.stderr)
        return path

    def test_committed_without_outputs(self):
        for path in NOTEBOOKS:
            nb = nbformat.read(path, as_version=4)
            for i, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    self.assertEqual(cell.outputs, [], f"{path.name} cell {i} has outputs")
                    self.assertIsNone(cell.execution_count, f"{path.name} cell {i} has an execution count")

    def test_both_notebooks_run_at_smoke_size(self):
        self.assertEqual(self.reproduce.returncode, 0, self.reproduce.stdout + self.reproduce.stderr)
        self.assertIn("01-bptt: ok", self.reproduce.stdout)
        self.assertIn("02-lstm-vs-gru: ok", self.reproduce.stdout)

    def test_exact_claims_hold_at_every_size(self):
        bptt = text_of(self.report("01-bptt").read_text())
        self.assertIn("Claim held: the sum over time steps of dE_t/dU equals the engine's gradient", bptt)
        gru = text_of(self.report("02-lstm-vs-gru").read_text())
        self.assertIn("Held: every built layer has exactly g(n_in*n + n^2 + n) parameters", gru)
        # every experiment ends in a verdict computed by a cell, never a cell error
        for text in (bptt, gru):
            self.assertNotIn("Exception", text)
            self.assertNotIn("CompilationError", text)

    def test_reports_draw_every_figure_offline(self):
        for name, at_least in (("01-bptt", 6), ("02-lstm-vs-gru", 2)):
            report = self.report(name)
            ids = set(FIGURE_ID.findall(report.read_text()))
            self.assertGreaterEqual(len(ids), at_least, f"{name}: figures in the report")
            profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
            try:
                dom = subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}",
                                      "--dump-dom", report.as_uri()],
                                     capture_output=True, text=True, timeout=180).stdout
            finally:
                shutil.rmtree(profile, ignore_errors=True)
            for plot_id in ids:
                drawn = re.search(r'<div[^>]*id="' + plot_id + r'"[^>]*class="[^"]*js-plotly-plot', dom) \
                    or re.search(r'<div[^>]*class="[^"]*js-plotly-plot[^"]*"[^>]*id="' + plot_id + '"', dom)
                self.assertTrue(drawn, f"{name}: figure {plot_id} not drawn by plotly")
            self.assertGreaterEqual(dom.count('class="main-svg"'), len(ids), name)


if __name__ == "__main__":
    unittest.main()
