"""The bad-input corpus (tests/bad-inputs/, see its README) through the Python package:
every entry of manifest.json gives the outcome the manifest expects (the same as in Rust
and JavaScript): the coded error, with the limit named for ``limit_exceeded``, or the
import's counts and findings. No entry is skipped: an unknown reader fails. Nothing is timed:
the library's limits are what keep each entry short and its memory bounded."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import lineamientos as lm

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "bad-inputs"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
ENTRIES: List[Dict[str, Any]] = MANIFEST["entries"]
BASE_CSV: str = MANIFEST["base_csv"]
# Readers that take a host object (keywords), not JSON text.
HOST_OBJECT_READERS = {"pivot_spec", "options"}


def bytes_of(entry: Dict[str, Any]) -> bytes:
    """The committed file, or the recipe's parts concatenated."""
    if "recipe" not in entry:
        return (CORPUS / entry["file"]).read_bytes()
    out = bytearray()
    for part in entry["recipe"]:
        out += (part["text"] if "text" in part else part["repeat"] * part["times"]).encode()
    return bytes(out)


def error_outcome(e: lm.LineamientosError) -> Dict[str, Any]:
    out: Dict[str, Any] = {"error": e.code}
    if e.code == "limit_exceeded":
        assert isinstance(e, lm.LimitExceededError)
        out.update(what=e.what, limit=e.limit, option=e.option)
    return out


def import_outcome(m: lm.Matrix) -> Dict[str, Any]:
    r = m.import_report
    # Nothing lost: every row read is accepted or rejected, every rejection listed.
    assert r.rows_read == r.accepted + r.rejected
    assert len(r.rejected_rows) == r.rejected
    assert len(m) == r.accepted
    return {
        "rows_read": r.rows_read,
        "accepted": r.accepted,
        "rejected": r.rejected,
        "diagnostics": dict(sorted(Counter(d.code for d in r.diagnostics).items())),
    }


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


class deep_recursion:
    """Python's own JSON parser recurses per nesting level: room for the 10,000-deep entries
    (the library refuses them; the host parser only has to build the object)."""

    def __enter__(self) -> None:
        self.old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self.old, 30_000))

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.old)


def outcome(entry: Dict[str, Any]) -> Dict[str, Any]:
    reader = entry["reader"]
    data = bytes_of(entry)
    options = entry.get("options", {})
    try:
        if reader == "csv":
            return import_outcome(lm.Matrix.read_csv(data, **options))
        if reader == "xlsx":
            return import_outcome(lm.Matrix.read_excel(data, **options))
        if reader == "plan":
            lm.WorkPlan.from_json(data.decode("utf-8"))
            return {"ok": True}
        if reader == "catalog":
            lm.Catalog.from_json(data.decode("utf-8"))
            return {"ok": True}
        if reader == "cycle":
            lm.Cycle.from_json(data.decode("utf-8"))
            return {"ok": True}
        if reader in HOST_OBJECT_READERS:
            return host_object_outcome(entry, data)
    except lm.LineamientosError as e:
        return error_outcome(e)
    raise AssertionError(f"unknown reader {reader!r}: this runner must learn it")


def host_object_outcome(entry: Dict[str, Any], data: bytes) -> Dict[str, Any]:
    """Pivot specs and import options are keyword arguments in Python: the text is parsed by
    Python's (strict) JSON parser first. Text that is not JSON never reaches the library
    (core says ``invalid_json`` for it, which the manifest must expect); a value that is not
    an object cannot be passed as keywords (a ``TypeError``; core says ``invalid_value``)."""
    expected = entry["expect"]
    try:
        with deep_recursion():
            value = json.loads(data.decode("utf-8"), parse_constant=_no_constants)
    except ValueError:
        assert expected.get("error") == "invalid_json", entry["file"]
        return expected
    if not isinstance(value, dict):
        assert expected.get("error") == "invalid_value", entry["file"]
        with pytest.raises(TypeError):
            call_with(entry["reader"], value)
        return expected
    call_with(entry["reader"], value)
    return {"ok": True}


def call_with(reader: str, value: Any) -> None:
    if reader == "options":
        lm.Matrix.read_csv(BASE_CSV.encode(), **value)
    else:
        lm.Matrix.read_csv(BASE_CSV.encode()).pivot(**value)


def ids() -> Iterator[str]:
    return (e["file"] for e in ENTRIES)


def test_the_corpus_is_large_enough() -> None:
    assert len(ENTRIES) >= 40


@pytest.mark.parametrize("entry", ENTRIES, ids=list(ids()))
def test_bad_input(entry: Dict[str, Any]) -> None:
    assert "expect" in entry, f"{entry['file']}: no expectation (run BLESS=1 cargo test)"
    assert outcome(entry) == entry["expect"]
    # The module keeps working after every bad input.
    assert len(lm.Matrix.read_csv(BASE_CSV.encode())) == 1


def test_a_lifted_limit_is_none_and_an_absent_one_the_default() -> None:
    big = BASE_CSV.replace("Ruta de atención", "x" * 40_000)
    with pytest.raises(lm.LimitExceededError) as info:
        lm.Matrix.read_csv(big.encode())
    assert (info.value.what, info.value.limit, info.value.option) == (
        "cell_chars",
        32_767,
        "max_cell_chars",
    )
    assert lm.Matrix.read_csv(big.encode(), max_cell_chars=None).import_report.accepted == 1
