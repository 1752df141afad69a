"""Notebook 04 (weakly labelled sound event detection) at smoke size through `./seqlab reproduce`:
it runs to the end, every claim has a valid verdict and a card in the report, the exact claim (a run's
detections.tsv rescored equals its event F1) holds, and the report draws its figures (plotly, offline:
pooling bars, per-class bars, cosine matrices, post-processing curves, PSDS ROC) and its labelled spectrogram."""
import json
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
NAME = "04-sound-event-detection"
NOTEBOOK = ROOT / "notebooks" / f"{NAME}.ipynb"
FIGURE_ID = re.compile(r"id=['\"](seqlabplot[0-9a-f]{32})['\"]")
CLAIMS = {"sed.detections-file-is-what-was-scored", "sed.fsl-misses-short-events", "sed.cosine-penalty-helps",
          "sed.attention-vs-mil", "sed.blstm-beats-lstm", "sed.lstm-beats-mlp"}


def text_of(html_report):
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", html_report))


class Notebook04(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-nb04-"))
        cls.out = cls.tmp / "reports"
        cls.reproduce = subprocess.run([str(ROOT / "seqlab"), "reproduce", "--smoke", "--out", str(cls.out), str(NOTEBOOK)],
                                       capture_output=True, text=True, timeout=1800)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_runs_at_smoke_size(self):
        self.assertEqual(self.reproduce.returncode, 0, self.reproduce.stdout + self.reproduce.stderr)
        self.assertIn(f"{NAME}: ok", self.reproduce.stdout)

    def test_every_claim_has_a_verdict_and_a_card(self):
        claims = json.loads((self.out / f"{NAME}.claims.json").read_text())
        self.assertEqual(claims["notebook"], NAME)
        verdicts = {c["id"]: c for c in claims["claims"]}
        self.assertEqual(CLAIMS, set(verdicts))
        exact = verdicts["sed.detections-file-is-what-was-scored"]
        self.assertEqual((exact["test"], exact["verdict"]), ("exact", "held"))
        report = (self.out / f"{NAME}.html").read_text()
        for c in claims["claims"]:
            self.assertIn(c["verdict"], ("held", "did-not-hold", "inconclusive"))
            self.assertIn(f'id="claim-{c["id"]}"', report, c["id"])
        # the published numbers stand beside ours
        self.assertIn("31.5", verdicts["sed.cosine-penalty-helps"]["published"])
        text = text_of(report)
        self.assertNotIn("Exception", text)
        self.assertNotIn("CompilationError", text)

    def test_report_draws_its_figures(self):
        report = (self.out / f"{NAME}.html").read_text()
        # pooling bars, per-class bars, two cosine heatmaps, post-processing lines, PSDS ROC
        self.assertGreaterEqual(len(set(FIGURE_ID.findall(report))), 6)
        self.assertIn("PSDS1 = ", report)
        self.assertIn('alt="test_0000.wav: tags', report, "the labelled spectrogram of a test clip")
        chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
        if chromium is None:
            self.skipTest("no chromium")
        profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
        try:
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                  "--disable-component-update", "--no-first-run", "--proxy-server=127.0.0.1:9",
                                  "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=20000",
                                  f"--user-data-dir={profile}", "--dump-dom", (self.out / f"{NAME}.html").as_uri()],
                                 capture_output=True, text=True, timeout=180).stdout
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        self.assertGreaterEqual(dom.count('class="main-svg"'), 6)


if __name__ == "__main__":
    unittest.main()
