"""Notebooks are the source (STYLE.md 7): every committed notebook under notebooks/ is valid nbformat,
carries no outputs and no execution counts, uses the Seqlab kernel, and has cell ids that are unique
and readable (not random), so that a diff of an edited notebook shows only the edited cells."""
import re
import unittest
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[4]
READABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class CommittedNotebooks(unittest.TestCase):
    def notebooks(self):
        found = sorted((ROOT / "notebooks").glob("*.ipynb"))
        self.assertTrue(found, "no notebooks found")
        return found

    def test_no_outputs_or_execution_counts(self):
        for path in self.notebooks():
            nb = nbformat.read(path, as_version=4)
            nbformat.validate(nb)
            for i, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    self.assertEqual(cell.outputs, [], f"{path.name} cell {i} has outputs")
                    self.assertIsNone(cell.execution_count, f"{path.name} cell {i} has an execution count")

    def test_seqlab_kernel_and_stable_cell_ids(self):
        for path in self.notebooks():
            nb = nbformat.read(path, as_version=4)
            self.assertEqual(nb.metadata.get("kernelspec", {}).get("name"), "seqlab", path.name)
            ids = [cell.get("id") for cell in nb.cells]
            self.assertEqual(len(ids), len(set(ids)), f"{path.name}: cell ids repeat")
            for cell_id in ids:
                self.assertRegex(cell_id or "", READABLE_ID, f"{path.name}: cell id {cell_id!r}")


if __name__ == "__main__":
    unittest.main()
