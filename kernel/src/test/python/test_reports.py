"""`./seqlab reproduce` end to end: the tour notebook becomes a report that headless Chromium,
with every network route blocked, shows with its plot drawn and its table present; a broken
notebook fails alone, named with its cell, and the command exits non-zero."""
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import nbformat
import seqlab_testenv
from nbformat.v4 import new_code_cell, new_notebook

CHROMIUM_OFFLINE = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    # nothing may load from outside the file: no proxy answers, no name resolves
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=15000",
]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise unittest.SkipTest("no chromium")


class Reproduce(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-reports-"))
        broken = new_notebook(cells=[
            new_code_cell("int fine = 1;"),
            new_code_cell('throw new IllegalStateException("broken on purpose");'),
            new_code_cell("int never = 2;"),
        ], metadata={"kernelspec": {"name": "seqlab", "display_name": "Java (Seqlab)", "language": "java"}})
        cls.broken = cls.tmp / "zz-broken.ipynb"
        nbformat.write(broken, cls.broken)
        cls.out = cls.tmp / "reports"
        cls.result = subprocess.run(
            [seqlab_testenv.SEQLAB, "reproduce", "--smoke", "--out", str(cls.out),
             str(seqlab_testenv.ROOT / "notebooks" / "00-tour.ipynb"), str(cls.broken)],
            capture_output=True, text=True, timeout=900)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_a_failing_notebook_fails_alone_and_is_named_with_its_cell(self):
        self.assertNotEqual(self.result.returncode, 0, self.result.stdout)
        self.assertIn("notebook zz-broken failed in cell 1", self.result.stderr)
        self.assertIn("00-tour: ok", self.result.stdout)
        report = (self.out / "zz-broken.html").read_text()
        self.assertIn("broken on purpose", report)
        index = (self.out / "index.html").read_text()
        self.assertIn('href="00-tour.html"', index)
        self.assertRegex(index, r"zz-broken.*failed in cell 1")

    def test_tour_report_is_self_contained(self):
        html = (self.out / "00-tour.html").read_text()
        scripts = re.findall(r"<script[^>]+src=\"([^\"]+)\"", html)
        self.assertFalse([s for s in scripts if s.startswith(("http:", "https:", "//", "file:"))], scripts)
        self.assertEqual(html.count("window.define = undefined"), 1, "plotly.js inlined once")

    def test_tour_report_draws_its_plot_and_table_offline_in_chromium(self):
        report = self.out / "00-tour.html"
        self.assertTrue(report.is_file(), self.result.stdout + self.result.stderr)
        profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
        try:
            dom = subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}",
                                  "--dump-dom", report.as_uri()],
                                 capture_output=True, text=True, timeout=120).stdout
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        # nbconvert 6 and 7 order attributes differently; long DOMs are not printed on failure.
        self.assertGreaterEqual(dom.count('class="main-svg"'), 1, "plotly drew the figure")
        self.assertTrue(re.search(r'<table[^>]*class="dataframe"', dom), "the table is in the DOM")
        self.assertTrue("<th>amplitude</th>" in dom, "the table has its header")
        self.assertTrue("seqlab-progress" in dom, "the progress bar is in the report")


if __name__ == "__main__":
    unittest.main()
