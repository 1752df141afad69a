"""Writes a generated notebook the same way for every scripts/make_*.py: the Seqlab kernelspec,
stable cell ids (regenerating changes only what was edited), no outputs."""
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_notebook


def write(cells, name):
    """Writes notebooks/NAME (or the path given as the script's first argument) and says where."""
    for i, c in enumerate(cells):
        c.id = f"cell-{i:02d}"
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "seqlab", "display_name": "Java (Seqlab)", "language": "java"},
        "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java"},
    })
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "notebooks" / name)
    nbformat.write(nb, out)
    print(f"wrote {out}")
