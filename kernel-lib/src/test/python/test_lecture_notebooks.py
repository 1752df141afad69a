"""The RNN lecture notebooks (01-bptt, 02-lstm-vs-gru) at smoke size through `./seqlab reproduce`:
both run to the end, their reports draw every figure in headless Chromium with the network blocked,
the exact claims (BPTT equals the engine's gradient and finite differences; parameter counts equal
the formulas) are held in each notebook's claims file, and every claim's card is in its report."""
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

    def test_both_notebooks_run_at_smoke_size(self):
        self.assertEqual(self.reproduce.returncode, 0, self.reproduce.stdout + self.reproduce.stderr)
        self.assertIn("01-bptt: ok", self.reproduce.stdout)
        self.assertIn("02-lstm-vs-gru: ok", self.reproduce.stdout)

    def test_exact_claims_hold_at_every_size(self):
        """Each notebook's claims file (the contract the report index reads) holds its exact claims as
        held; every card is in the report under its anchor; no cell ended in an exception."""
        import json
        exact = {"01-bptt": {"bptt.sum-over-steps-is-the-gradient", "bptt.matches-finite-differences",
                             "bptt.engine-passes-gradcheck"},
                 "02-lstm-vs-gru": {"lstm-gru.parameter-counts-follow-the-formula"}}
        for name, ids in exact.items():
            claims = json.loads((self.out / f"{name}.claims.json").read_text())
            self.assertEqual(claims["notebook"], name)
            verdicts = {c["id"]: c for c in claims["claims"]}
            for claim_id in ids:
                self.assertEqual(verdicts[claim_id]["verdict"], "held", f"{name}: {claim_id}")
                self.assertEqual(verdicts[claim_id]["test"], "exact")
            report = self.report(name).read_text()
            for c in claims["claims"]:
                self.assertIn(c["verdict"], ("held", "did-not-hold", "inconclusive"))
                self.assertIn(f'id="claim-{c["id"]}"', report, f"{name}: card of {c['id']}")
            text = text_of(report)
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
