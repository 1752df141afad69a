"""Notebook 05 (CTC vs Listen-Attend-Spell) at smoke size through `./seqlab reproduce`: it runs to the
end, its claims file has every claim with a valid verdict and its card in the report, the exact claim
(the fused CTC loss equals the brute-force sum over alignments) is held, and the report's figures
(lattice, learning curves, CTC posteriors, attention heatmap) are drawn by plotly in headless Chromium
with the network blocked."""
import json
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
NOTEBOOK = ROOT / "notebooks" / "05-ctc-vs-las.ipynb"
NAME = "05-ctc-vs-las"
CLAIMS = {"ctc.loss-sums-all-alignments", "las.behind-ctc-with-little-data", "las.gap-narrows-with-data",
          "ctc.posteriors-are-spiky", "ctc.peaks-are-narrow", "ctc.greedy-worse-than-beam-with-lm",
          "las.spells-real-words", "hybrid.decodes-better-than-las", "hybrid.converges-faster"}
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


class Notebook05(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-nb05-"))
        cls.out = cls.tmp / "reports"
        cls.reproduce = subprocess.run([str(ROOT / "seqlab"), "reproduce", "--smoke", "--out", str(cls.out), str(NOTEBOOK)],
                                       capture_output=True, text=True, timeout=1800)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def report(self):
        path = self.out / f"{NAME}.html"
        self.assertTrue(path.is_file(), self.reproduce.stdout + self.reproduce.stderr)
        return path.read_text()

    def test_runs_at_smoke_size(self):
        self.assertEqual(self.reproduce.returncode, 0, self.reproduce.stdout + self.reproduce.stderr)
        self.assertIn(f"{NAME}: ok", self.reproduce.stdout)

    def test_every_claim_has_a_verdict_and_the_exact_one_holds(self):
        claims = json.loads((self.out / f"{NAME}.claims.json").read_text())
        self.assertEqual(claims["notebook"], NAME)
        verdicts = {c["id"]: c for c in claims["claims"]}
        self.assertEqual(CLAIMS, set(verdicts))
        self.assertEqual(verdicts["ctc.loss-sums-all-alignments"]["verdict"], "held")
        self.assertEqual(verdicts["ctc.loss-sums-all-alignments"]["test"], "exact")
        report = self.report()
        for c in claims["claims"]:
            self.assertIn(c["verdict"], ("held", "did-not-hold", "inconclusive"))
            self.assertIn(f'id="claim-{c["id"]}"', report, c["id"])
        self.assertNotIn("Exception", re.sub(r"<[^>]+>", "", report))

    def test_report_draws_its_figures_offline(self):
        report = self.report()
        ids = set(FIGURE_ID.findall(report))
        self.assertGreaterEqual(len(ids), 4, "lattice, learning curves, posteriors, attention")
        profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
        try:
            dom = subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}", "--dump-dom",
                                  (self.out / f"{NAME}.html").as_uri()], capture_output=True, text=True, timeout=180).stdout
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        self.assertGreaterEqual(dom.count('class="main-svg"'), len(ids))


if __name__ == "__main__":
    unittest.main()
