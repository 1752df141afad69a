"""The data tour notebook at smoke size: every corpus is built (tiny variants in a throw-away
folder) and shown. Its report, rendered by headless Chromium offline, has the soundscape
spectrogram as a PNG with a row per labelled class under it, audio players with their
transcripts beside them, and the tables."""
import base64
import re
import shutil
import struct
import subprocess
import tempfile
import unittest
from pathlib import Path

import seqlab_testenv
from test_reports import CHROMIUM_OFFLINE, chromium

SPECTROGRAM_BINS = 64  # the notebook draws LogMel.bins(64)


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("not a PNG")
    return struct.unpack(">II", data[16:24])


class DataTour(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-data-tour-"))
        cls.result = subprocess.run(
            [seqlab_testenv.SEQLAB, "reproduce", "--smoke", "--out", str(cls.tmp),
             str(seqlab_testenv.ROOT / "notebooks" / "00-data-tour.ipynb")],
            capture_output=True, text=True, timeout=900)
        cls.report = cls.tmp / "00-data-tour.html"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_runs_at_smoke_size(self):
        self.assertEqual(self.result.returncode, 0, self.result.stdout + self.result.stderr)
        self.assertIn("00-data-tour: ok", self.result.stdout)

    def test_spectrogram_has_a_label_row_per_class_of_its_clip(self):
        html = self.report.read_text()
        img = re.search(r'<img alt="soundscapes/validation ([^"]+)" src="data:image/png;base64,([^"]+)"', html)
        self.assertTrue(img, "the labelled spectrogram is in the report")
        _, height = png_size(base64.b64decode(img.group(2)))
        # the strong labels table of the same clip follows; each class it names gets a 16 px row
        table = html[html.index("<caption>strong labels of " + img.group(1)):]
        table = table[:table.index("</table>")]
        classes = set(re.findall(r"<td>([a-z_]+)</td>\s*</tr>", table))
        self.assertGreaterEqual(len(classes), 1, "the clip has strong labels")
        self.assertGreaterEqual(height, SPECTROGRAM_BINS + 16 * len(classes))

    def test_report_shows_players_with_transcripts_and_tables_in_chromium(self):
        profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
        try:
            dom = subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}",
                                  "--dump-dom", self.report.as_uri()],
                                 capture_output=True, text=True, timeout=120).stdout
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        self.assertTrue(re.search(r'<img[^>]+src="data:image/png;base64,', dom), "the spectrogram PNG")
        audio = re.findall(r'<audio[^>]+src="data:audio/wav;base64,', dom)
        # soundscape clip, 3 word and 3 sentence voices, 8 languages
        self.assertGreaterEqual(len(audio), 1 + 3 + 3 + 8)
        captions = re.findall(r'</audio><span[^>]*>\d+-\d+-\d+: ([A-Z\' ]+)</span>', dom)
        self.assertGreaterEqual(len(captions), 6, "transcripts beside the speech players")
        self.assertTrue(any(" " in c for c in captions), "sentences have several words")
        tables = re.findall(r'<table[^>]*class="dataframe"', dom)
        self.assertGreaterEqual(len(tables), 10)
        for header in ("<th>event_label</th>", "<th>speakers</th>", "<th>characters</th>", "<th>target</th>"):
            self.assertIn(header, dom)
        self.assertIn("seqlab-progress", dom, "corpora are built with a progress bar")


if __name__ == "__main__":
    unittest.main()
