"""Notebook 03 (convolution, memory and attention) at smoke size through `./seqlab reproduce`: it runs
to the end, its claims file holds every claim with a valid verdict and the exact claims (the lecture's
parameter counts of built layers, the slide's convolution, the MLP's linear growth with its window)
as held, every claim's card is in the report, and the report draws its figures in headless Chromium
with the network blocked (parameter bars, glyph samples, filters, feature maps, shift curves, error
against window length)."""
import json
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
NOTEBOOK = ROOT / "notebooks" / "03-cnn-and-attention.ipynb"
NAME = "03-cnn-and-attention"
CHROMIUM_OFFLINE = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=20000",
]
FIGURE_ID = re.compile(r"id=['\"](seqlabplot[0-9a-f]{32})['\"]")
# sections 1-3; the attention sections add their own when they are spliced in
EXACT = {"cnn.dense-layer-has-16e8-parameters", "cnn.locally-connected-layer-has-4e6-parameters",
         "cnn.convolution-has-1e4-parameters", "cnn.slide-convolution-first-value-is-4",
         "cnn.slide-convolution-matches-the-slide", "memory.mlp-parameters-grow-linearly-with-the-window"}
TRAINED = {"cnn.max-pooling-tolerates-small-shifts", "memory.gru-beats-the-best-window"}
FIGURES_OF_SECTIONS_1_TO_3 = 6


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise unittest.SkipTest("no chromium")


def text_of(html_report):
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", html_report))


class Notebook03(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-nb03-"))
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

    def test_claims_file_has_every_claim_and_the_exact_ones_held(self):
        claims = json.loads((self.out / f"{NAME}.claims.json").read_text())
        self.assertEqual(claims["notebook"], NAME)
        verdicts = {c["id"]: c for c in claims["claims"]}
        self.assertLessEqual(EXACT | TRAINED, set(verdicts), "claims missing from the claims file")
        for claim_id in EXACT:
            self.assertEqual(verdicts[claim_id]["verdict"], "held", claim_id)
            self.assertEqual(verdicts[claim_id]["test"], "exact", claim_id)
        for claim_id in TRAINED:
            # one seed at smoke size: a comparison over seeds cannot be decided
            self.assertEqual(verdicts[claim_id]["verdict"], "inconclusive", claim_id)
        report = self.report().read_text()
        for c in claims["claims"]:
            self.assertIn(c["verdict"], ("held", "did-not-hold", "inconclusive"))
            for field in ("id", "statement", "source", "verdict", "test"):
                self.assertIn(field, c, f"{c.get('id')}: {field}")
            self.assertIn(f'id="claim-{c["id"]}"', report, f"card of {c['id']}")
        text = text_of(report)
        self.assertNotIn("Exception", text)
        self.assertNotIn("CompilationError", text)

    def test_report_draws_every_figure_offline(self):
        report = self.report()
        ids = set(FIGURE_ID.findall(report.read_text()))
        self.assertGreaterEqual(len(ids), FIGURES_OF_SECTIONS_1_TO_3, "figures in the report")
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
        self.assertGreaterEqual(dom.count('class="main-svg"'), len(ids))


if __name__ == "__main__":
    unittest.main()
