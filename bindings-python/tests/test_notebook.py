"""Executes the example notebook end to end (examples/python/*.ipynb) in a fresh kernel."""

from __future__ import annotations

import os
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOKS = sorted((REPO / "examples" / "python").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean(path: pathlib.Path, monkeypatch) -> None:
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel plots inline
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors
    # The heatmap cell produced an image.
    images = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]
    assert images, "no figure in the notebook's outputs"


def test_there_is_a_notebook() -> None:
    assert NOTEBOOKS
    assert os.path.getsize(NOTEBOOKS[0]) > 0
