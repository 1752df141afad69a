"""Notebook 04 (weakly labelled sound event detection) at smoke size through `./seqlab reproduce`:
it runs to the end, every claim has a valid verdict and a card in the report, the exact claim (a run's
detections.tsv rescored equals its event F1) holds, and the report draws its figures (plotly, offline:
pooling bars, per-class bars, each pooling's frame probabilities on three clips, cosine matrices, post-processing curves, PSDS ROC) and its labelled spectrogram."""
import unittest

from notebook_checks import (ROOT, FIGURE_ID, assert_cards_and_no_exception, assert_ran, claims_of, dump_dom,
                             reproduce_smoke, tear_down)

NAME = "04-sound-event-detection"
NOTEBOOK = ROOT / "notebooks" / f"{NAME}.ipynb"
CLAIMS = {"sed.detections-file-is-what-was-scored", "sed.fsl-misses-short-events", "sed.cosine-penalty-helps",
          "sed.attention-vs-mil", "sed.blstm-beats-lstm", "sed.lstm-beats-mlp"}


class Notebook04(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reproduce_smoke(cls, "seqlab-nb04-", NOTEBOOK)

    @classmethod
    def tearDownClass(cls):
        tear_down(cls)

    def test_runs_at_smoke_size(self):
        assert_ran(self, NAME)

    def test_every_claim_has_a_verdict_and_a_card(self):
        claims, verdicts = claims_of(self, NAME)
        self.assertEqual(CLAIMS, set(verdicts))
        exact = verdicts["sed.detections-file-is-what-was-scored"]
        self.assertEqual((exact["test"], exact["verdict"]), ("exact", "held"))
        # the published numbers stand beside ours
        self.assertIn("31.5", verdicts["sed.cosine-penalty-helps"]["published"])
        assert_cards_and_no_exception(self, claims, (self.out / f"{NAME}.html").read_text())

    def test_report_draws_its_figures(self):
        report = (self.out / f"{NAME}.html").read_text()
        # pooling bars, per-class bars, three clips with each pooling's frame probabilities, two cosine heatmaps,
        # post-processing lines, PSDS ROC
        self.assertGreaterEqual(len(set(FIGURE_ID.findall(report))), 9)
        self.assertIn("frame probabilities", report)
        self.assertIn("PSDS1 = ", report)
        self.assertIn('alt="test_0000.wav: tags', report, "the labelled spectrogram of a test clip")
        dom = dump_dom(self.out / f"{NAME}.html")
        self.assertGreaterEqual(dom.count('class="main-svg"'), 9)


if __name__ == "__main__":
    unittest.main()
