"""Notebook 06 (language identification) at smoke size through `./seqlab reproduce`: it runs to the
end, its claims file lists every lecture claim with a valid verdict, the exact claim (a run's
SCORES.tsv rescored as `seqlab score lid` does gives the run's own Cavg) holds, every card is in the
report, and the report's figures are drawn by plotly in headless Chromium with the network blocked."""
import unittest

from notebook_checks import (ROOT, FIGURE_ID, assert_cards_and_no_exception, assert_exact_held, assert_plots_drawn,
                             assert_ran, claims_of, dump_dom, report_path, reproduce_smoke, tear_down)

NOTEBOOK = ROOT / "notebooks" / "06-language-id.ipynb"
NAME = "06-language-id"
CLAIMS = {"lid.scores-file-rescored", "lid.hierarchical-beats-flat-cavg", "lid.hierarchical-beats-flat-accuracy",
          "lid.hierarchical-beats-flat-mean-cavg", "lid.hierarchical-beats-flat-mean-accuracy",
          "lid.attention-avoids-nonspeech", "lid.attention-beats-mean-with-nonspeech", "lid.longer-tests-score-better"}


class Notebook06(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reproduce_smoke(cls, "seqlab-nb06-", NOTEBOOK)

    @classmethod
    def tearDownClass(cls):
        tear_down(cls)

    def test_runs_at_smoke_size(self):
        assert_ran(self, NAME)

    def test_every_claim_has_a_verdict_and_the_exact_one_holds(self):
        claims, verdicts = claims_of(self, NAME)
        self.assertEqual(set(verdicts), CLAIMS)
        assert_exact_held(self, verdicts, ["lid.scores-file-rescored"])
        assert_cards_and_no_exception(self, claims, report_path(self, NAME).read_text())

    def test_report_draws_its_figures_offline(self):
        report = report_path(self, NAME)
        html_text = report.read_text()
        ids = set(FIGURE_ID.findall(html_text))
        # DET curves, confusion, attention over time, Cavg by duration
        self.assertGreaterEqual(len(ids), 4, "figures in the report")
        self.assertGreaterEqual(html_text.count("<audio"), 4, "a player per language of the same sentence")
        assert_plots_drawn(self, dump_dom(report), ids)


if __name__ == "__main__":
    unittest.main()
