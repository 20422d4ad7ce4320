"""Runs every shared golden vector of tests/vectors/ (the files cargo test and node run too)
through the Python API and compares with ``expected``. Kinds this runner does not know yet
are skipped with the reason, so a new kind shows up in the test summary instead of passing
silently."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List, Optional, Tuple

import pytest

import lineamientos as lm

from conftest import VECTORS

FILES = sorted(VECTORS.rglob("*.json"))


def _id(p: pathlib.Path) -> str:
    return str(p.relative_to(VECTORS))


def _catalog(case: Dict[str, Any]) -> lm.Catalog:
    c = case.get("catalog", "embedded")
    if c == "embedded":
        return lm.Catalog.embedded()
    return lm.Catalog.from_json(json.dumps(c))


Key = Tuple[str, str, str, Optional[str]]


def _key(d: Dict[str, Any], with_suggestion: bool) -> Key:
    return (
        d["path"],
        d["code"],
        d["severity"],
        d.get("suggestion") if with_suggestion else None,
    )


def compare_report(name: str, report: lm.Report, expected: Dict[str, Any]) -> None:
    """Same rule as core/tests/vectors_plans.rs: the exact multiset of (path, code,
    severity), plus the suggestion where the expectation names one; ok and summary equal."""
    want: List[Key] = sorted(_key(d, "suggestion" in d) for d in expected["diagnostics"])
    have: List[Key] = sorted(_key(d.to_dict(), True) for d in report.diagnostics)
    unmatched = [
        w
        for w in want
        if not any(
            h[:3] == w[:3] and (w[3] is None or h[3] == w[3]) for h in have
        )
    ]
    assert not unmatched and len(want) == len(have), f"{name}: expected {want}\n got {have}"
    assert report.ok == expected["ok"], name
    assert report.summary == expected["summary"], name
    for d in report.diagnostics:
        # Every finding renders in both languages (a template exists for its code).
        assert d.message("es") and d.message("en")


def run_validate_plan(case: Dict[str, Any]) -> None:
    cat = _catalog(case)
    plan = lm.WorkPlan.from_json(json.dumps(case["input"]))
    report = cat.validate_plan(plan, **case["options"])
    compare_report(case["name"], report, case["expected"])


def run_merge_plans(case: Dict[str, Any]) -> None:
    cat = _catalog(case)
    plans = [lm.WorkPlan.from_json(json.dumps(p)) for p in case["inputs"]]
    general, report = cat.merge_plans(plans, **case["options"])
    compare_report(case["name"], report, case["expected"])
    for axis, count in case["expected"].get("coverage", {}).items():
        cov = general.axis_coverage(axis)
        got = len(cov["activities"]) if cov else 0
        assert got == count, f"{case['name']}: coverage {axis}"


def run_review_guidelines(case: Dict[str, Any]) -> None:
    cat = _catalog(case)
    opts = dict(case["options"])
    as_of = opts.pop("as_of")
    opts.pop("max_event_days", None)
    report = cat.review_guidelines(case["version"], as_of=as_of, **opts)
    compare_report(case["name"], report, case["expected"])


RUNNERS = {
    "validate_plan": run_validate_plan,
    "merge_plans": run_merge_plans,
    "review_guidelines": run_review_guidelines,
}


def test_vectors_are_present() -> None:
    assert FILES, f"no vector under {VECTORS}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_vector(path: pathlib.Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["name"] == path.stem, "name equals file name"
    kind = case["kind"]
    runner = RUNNERS.get(kind)
    if runner is None:
        pytest.skip(f"vector kind {kind!r} is not wrapped by the Python runner yet")
    runner(case)
