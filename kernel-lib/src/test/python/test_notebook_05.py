"""Notebook 05 (CTC vs Listen-Attend-Spell) at smoke size through `./seqlab reproduce`: it runs to the
end, its claims file has every claim with a valid verdict and its card in the report, the exact claim
(the fused CTC loss equals the brute-force sum over alignments) is held, and the report's figures
(lattice, learning curves, CTC posteriors, attention heatmap) are drawn by plotly in headless Chromium
with the network blocked."""
import unittest

from notebook_checks import (ROOT, FIGURE_ID, assert_cards_and_no_exception, assert_exact_held, assert_ran, claims_of,
                             dump_dom, report_path, reproduce_smoke, tear_down)

NOTEBOOK = ROOT / "notebooks" / "05-ctc-vs-las.ipynb"
NAME = "05-ctc-vs-las"
CLAIMS = {"ctc.loss-sums-all-alignments", "las.behind-ctc-with-little-data", "las.gap-narrows-with-data",
          "ctc.posteriors-are-spiky", "ctc.peaks-are-narrow", "ctc.greedy-worse-than-beam-with-lm",
          "ctc.operating-point", "las.spells-real-words", "hybrid.decodes-better-than-las", "hybrid.converges-faster"}


class Notebook05(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reproduce_smoke(cls, "seqlab-nb05-", NOTEBOOK)

    @classmethod
    def tearDownClass(cls):
        tear_down(cls)

    def test_runs_at_smoke_size(self):
        assert_ran(self, NAME)

    def test_every_claim_has_a_verdict_and_the_exact_one_holds(self):
        claims, verdicts = claims_of(self, NAME)
        self.assertEqual(CLAIMS, set(verdicts))
        assert_exact_held(self, verdicts, ["ctc.loss-sums-all-alignments"])
        assert_cards_and_no_exception(self, claims, report_path(self, NAME).read_text())

    def test_report_tunes_the_lm_on_validation_and_scores_ctc_by_voice(self):
        report = report_path(self, NAME).read_text()
        self.assertIn("CTC decoders on validation: the grid, lowest mean CER at alpha", report)
        self.assertIn("CTC decoders on the unseen test voices", report)
        self.assertIn("CTC by test voice", report)
        self.assertIn("en-us+m5", report, "voices named from the corpus's SPEAKERS.TXT")

    def test_report_steps_the_ctc_beam_and_trains_the_lm_on_the_corpus_lm_text(self):
        report = report_path(self, NAME).read_text()
        for column in ("ln p blank", "ln p char", "alpha ln p LM", "rank score"):
            self.assertIn(column, report, "the CTC prefix beam search stepped through")
        self.assertIn("speech-sentences-docs-smoke/lm-text.txt", report, "the LM's text is the corpus's lm-text.txt")

    def test_report_draws_its_figures_offline(self):
        report = report_path(self, NAME)
        ids = set(FIGURE_ID.findall(report.read_text()))
        self.assertGreaterEqual(len(ids), 4, "lattice, learning curves, posteriors, attention")
        dom = dump_dom(report)
        self.assertGreaterEqual(dom.count('class="main-svg"'), len(ids))


if __name__ == "__main__":
    unittest.main()
