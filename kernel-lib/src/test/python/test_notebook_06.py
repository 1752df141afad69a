"""Notebook 06 (language identification) at smoke size through `./seqlab reproduce`: it runs to the
end, its claims file lists every lecture claim with a valid verdict, the exact claim (a run's
SCORES.tsv rescored as `seqlab score lid` does gives the run's own Cavg) holds, every card is in the
report, and the report's figures are drawn by plotly in headless Chromium with the network blocked."""
import json
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from test_lecture_notebooks import CHROMIUM_OFFLINE, FIGURE_ID, chromium, text_of

ROOT = Path(__file__).resolve().parents[4]
NOTEBOOK = ROOT / "notebooks" / "06-language-id.ipynb"
NAME = "06-language-id"
CLAIMS = {"lid.scores-file-rescored", "lid.hierarchical-beats-flat-cavg", "lid.hierarchical-beats-flat-accuracy",
          "lid.attention-avoids-nonspeech", "lid.attention-beats-mean-with-nonspeech", "lid.longer-tests-score-better"}


class Notebook06(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-nb06-"))
        cls.out = cls.tmp / "reports"
        cls.reproduce = subprocess.run([str(ROOT / "seqlab"), "reproduce", "--smoke", "--out", str(cls.out), str(NOTEBOOK)],
                                       capture_output=True, text=True, timeout=1800)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def report(self):
        path = self.out / f"{NAME}.html"
        self.assertTrue(path.is_file(), self.reproduce.stdout + self.reproduce.stderr)
        return path

    def test_runs_at_smoke_size(self):
        self.assertEqual(self.reproduce.returncode, 0, self.reproduce.stdout + self.reproduce.stderr)
        self.assertIn(f"{NAME}: ok", self.reproduce.stdout)

    def test_every_claim_has_a_verdict_and_the_exact_one_holds(self):
        claims = json.loads((self.out / f"{NAME}.claims.json").read_text())
        self.assertEqual(claims["notebook"], NAME)
        verdicts = {c["id"]: c for c in claims["claims"]}
        self.assertEqual(set(verdicts), CLAIMS)
        for c in claims["claims"]:
            self.assertIn(c["verdict"], ("held", "did-not-hold", "inconclusive"), c["id"])
        self.assertEqual(verdicts["lid.scores-file-rescored"]["verdict"], "held")
        self.assertEqual(verdicts["lid.scores-file-rescored"]["test"], "exact")
        report = self.report().read_text()
        for claim_id in CLAIMS:
            self.assertIn(f'id="claim-{claim_id}"', report, claim_id)
        text = text_of(report)
        self.assertNotIn("Exception", text)
        self.assertNotIn("CompilationError", text)

    def test_report_draws_its_figures_offline(self):
        report = self.report()
        html_text = report.read_text()
        ids = set(FIGURE_ID.findall(html_text))
        # DET curves, confusion, attention over time, Cavg by duration
        self.assertGreaterEqual(len(ids), 4, "figures in the report")
        self.assertGreaterEqual(html_text.count("<audio"), 4, "a player per language of the same sentence")
        profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
        try:
            dom = subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}", "--dump-dom", report.as_uri()],
                                 capture_output=True, text=True, timeout=180).stdout
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        for plot_id in ids:
            drawn = re.search(r'<div[^>]*id="' + plot_id + r'"[^>]*class="[^"]*js-plotly-plot', dom) \
                or re.search(r'<div[^>]*class="[^"]*js-plotly-plot[^"]*"[^>]*id="' + plot_id + '"', dom)
            self.assertTrue(drawn, f"figure {plot_id} not drawn by plotly")


if __name__ == "__main__":
    unittest.main()
