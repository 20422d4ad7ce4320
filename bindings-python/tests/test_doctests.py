"""Runs the ``>>>`` examples of the native module's docstrings (the .py modules' doctests are
collected by ``--doctest-modules``) and the Python code blocks of docs/python.md."""

from __future__ import annotations

import doctest
import re

import lineamientos
from lineamientos import _core

from conftest import REPO


def test_native_docstring_examples() -> None:
    result = doctest.testmod(
        _core, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 20, result
    assert result.failed == 0, result


def test_docs_python_md_code_blocks_run(tmp_path, monkeypatch) -> None:
    text = (REPO / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "docs/python.md has no python block"
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "docs_python_md"}
    for block in blocks:
        exec(compile(block, "docs/python.md", "exec"), namespace)  # noqa: S102
    assert namespace["lm"] is lineamientos


def test_readme_python_blocks_run(tmp_path, monkeypatch) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "README.md has no python block"
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    assert namespace["r"].accepted == 1
