"""Runs every shared golden vector of tests/vectors/ (the files cargo test and node run too)
through the Python API and compares with ``expected``. A kind or call this runner does not
know fails: a vector is never skipped."""

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


def _input_bytes(case: Dict[str, Any]) -> bytes:
    text = case["input_csv"]
    if case.get("input_encoding") == "latin-1":
        return text.encode("latin-1")
    return text.encode("utf-8")


def _import(case: Dict[str, Any]) -> lm.Matrix:
    return lm.Matrix.read_csv(_input_bytes(case), _catalog(case), **case.get("options", {}))


def _diag_key(d: Dict[str, Any], with_suggestion: bool) -> Tuple[Any, ...]:
    # whether the value was left out of a kept row: "dropped": true in a vector,
    # params.dropped == "true" in a report
    dropped = d["dropped"] if "dropped" in d else (d.get("params") or {}).get("dropped") == "true"
    key: Tuple[Any, ...] = (d["code"], d["severity"], d.get("row"), d.get("column"), dropped)
    return key + ((d.get("suggestion"),) if with_suggestion else ())


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, (int, float)):
        return abs(float(got) - float(want)) < 1e-9
    return bool(got == want)


def run_import_csv(case: Dict[str, Any]) -> None:
    """Same rule as core/tests/vectors_matrix.rs."""
    name, exp = case["name"], case["expected"]
    m = _import(case)
    r = m.import_report
    assert r.rows_read == r.accepted + r.rejected, f"{name}: accounting"
    for key in ("rows_read", "accepted", "rejected", "rejected_rows", "rows_with_dropped_values", "encoding", "delimiter"):
        if key in exp:
            assert getattr(r, key) == exp[key], f"{name}: {key}"
    if "diagnostics" in exp:
        expected = exp["diagnostics"]
        want = [_diag_key(d, "suggestion" in d) for d in expected]
        got = []
        for d in r.diagnostics:
            v = d.to_dict()
            with_s = any(
                "suggestion" in w and w["code"] == v["code"] and w.get("row") == v.get("row")
                for w in expected
            )
            got.append(_diag_key(v, with_s))
        assert sorted(got, key=repr) == sorted(want, key=repr), f"{name}: diagnostics"
    if "entries" in exp:
        entries = m.entries()
        assert len(entries) == len(exp["entries"]), f"{name}: number of entries"
        for i, (g, w) in enumerate(zip(entries, exp["entries"])):
            for k, v in w.items():
                assert _same(g.get(k), v), f"{name}: entry {i} field {k}: got {g.get(k)!r}, want {v!r}"


def _num_eq(want: Any, got: Optional[float]) -> bool:
    if want is None or got is None:
        return want is None and got is None
    return abs(float(want) - got) < 1e-9


def run_pivot(case: Dict[str, Any]) -> None:
    """Same rule as core/tests/vectors_matrix.rs; the spec goes through the keyword API."""
    m = _import(case)
    _check_table(case, m.pivot(**case["pivot"]))


def run_pivot_partial(case: Dict[str, Any]) -> None:
    """The data lines split into partitions, a partial each (pickled, as Dask sends them),
    merged in ``merge_order``, finished: the expected table, and the whole file's pivot."""
    import pickle

    header, *lines = case["input_csv"].split("\n")
    data = [line for line in lines if line]
    parts = []
    for p in case["partitions"]:
        text = "".join(line + "\n" for line in [header] + [data[i] for i in p])
        m = lm.Matrix.read_csv(text.encode("utf-8"), catalog=_catalog(case))
        parts.append(pickle.loads(pickle.dumps(m.pivot_partial(**case["pivot"]))))
    first, *rest = [parts[i] for i in case["merge_order"]]
    t = first.merge(*rest).finish()
    _check_table(case, t)
    assert t.to_dict() == _import(case).pivot(**case["pivot"]).to_dict(), case["name"]


def _check_table(case: Dict[str, Any], t: lm.PivotTable) -> None:
    name, exp = case["name"], case["expected"]
    rows, cols = t.rows, t.cols
    if "cells" in exp:
        for c in exp["cells"]:
            cell = t.cell(c["row"], c["col"])
            assert cell is not None, f"{name}: no cell {c['row']} x {c['col']}"
            assert _num_eq(c["value"], cell["value"]), f"{name}: cell {c}: got {cell['value']}"
            assert t.value(c["row"], c["col"]) == cell["value"]
            if "suppressed" in c:
                assert cell["suppressed"] == c["suppressed"], f"{name}: suppressed {c}"
            if "reason" in c:
                assert cell.get("reason") == c["reason"], f"{name}: reason {c}"
        assert len(t.cells) == len(exp["cells"]), f"{name}: non-empty cells"
    for key, keys, totals, side in (
        ("row_totals", rows, t.row_totals, "row"),
        ("col_totals", cols, t.col_totals, "col"),
    ):
        if key in exp:
            assert len(exp[key]) == len(keys), f"{name}: {key} count"
            for w in exp[key]:
                i = keys.index(w[side])
                assert _num_eq(w["value"], totals[i]["value"]), f"{name}: {key} {w[side]}"
    if "grand_total" in exp:
        assert _num_eq(exp["grand_total"], t.grand_total["value"]), f"{name}: grand total"
    if "rows" in exp:
        assert rows == exp["rows"], f"{name}: row order"
    if "cols" in exp:
        assert cols == exp["cols"], f"{name}: col order"
    # The Arrow stream carries the same non-empty cells.
    assert t.to_table().num_rows == len(t.cells)


def run_lookup_institution(case: Dict[str, Any]) -> None:
    """Same rule as core/tests/vectors_catalog.rs: the whole lookup result, or the error."""
    cat = _catalog(case)
    for lookup in case["lookups"]:
        value, country, exp = lookup["value"], lookup.get("country"), lookup["expected"]
        where = f"{case['name']}: {value!r} in {country!r}"
        if "error" in exp:
            with pytest.raises(lm.LineamientosError) as info:
                cat.lookup_institution(value, country)
            for k, v in exp["error"].items():
                assert getattr(info.value, k) == v, f"{where}: {k}"
            continue
        got = cat.lookup_institution(value, country)
        assert got == {"value": value, **exp}, where


def _rule_finding(d: lm.Diagnostic) -> Dict[str, Any]:
    """A finding as the rule vectors write it (every field the expected side gives is
    compared)."""
    return {
        "code": d.code,
        "severity": d.severity,
        "path": d.path,
        "value": d.value,
        "message_es": d.message("es"),
        "message_en": d.message("en"),
        "params": {k: v for k, v in d.params.items() if not k.startswith("message_")},
    }


def _compare_rule_findings(name: str, got: List[lm.Diagnostic], want: List[Dict[str, Any]]) -> None:
    assert len(got) == len(want), f"{name}: {[d.to_dict() for d in got]}"
    for g, w in zip(got, want):
        have = _rule_finding(g)
        for k, v in w.items():
            assert have[k] == v, f"{name}: {k} of {have}"


def _rulesets(case: Dict[str, Any]) -> List[lm.RuleSet]:
    """The vector's rule file, read from JSON and, when the vector has one, from YAML too:
    both must be the same file (same pin)."""
    forms = [lm.RuleSet.from_json(json.dumps(case["ruleset"])), lm.RuleSet.from_dict(case["ruleset"])]
    if "ruleset_yaml" in case:
        forms.append(lm.RuleSet.from_yaml(case["ruleset_yaml"]))
    return forms


def run_check_rules(case: Dict[str, Any]) -> None:
    name, expected = case["name"], case["expected"]
    ran = 0
    for rs in _rulesets(case):
        assert rs.pin == expected["pin"], f"{name}: pin {rs.pin}"
        if "matrix_csv" in case:
            m = lm.Matrix.read_csv(case["matrix_csv"].encode("utf-8"))
            report = m.check(rs, **case["options"])
            want = expected["matrix"]
            _compare_rule_findings(name, report.diagnostics, want["diagnostics"])
            assert report.outcomes == want["outcomes"], name
            assert report.pins["rulesets"] == [expected["pin"]], name
            ran += 1
        if "plan" in case:
            report = lm.Catalog.embedded().validate_plan(case["plan"], rulesets=[rs], **case["options"])
            want = expected["plan"]
            of_files = [d for d in report.diagnostics if "." in d.code]
            _compare_rule_findings(name, of_files, want["rule_diagnostics"])
            assert report.outcomes == want["outcomes"], name
            ran += 1
        if "cycle" in case:
            cycle = lm.Cycle.from_dict(case["cycle"])
            matrix = lm.Matrix.read_csv(case["matrix_csv"].encode("utf-8")) if "matrix_csv" in case else None
            review = cycle.review(lm.Catalog.embedded(), matrix, rulesets=[rs], **case["options"])
            want = expected["cycle"]
            of_files = [d for d in review.report.diagnostics if "." in d.code]
            _compare_rule_findings(name, of_files, want["rule_diagnostics"])
            assert review.report.outcomes == want["outcomes"], name
            ran += 1
    assert ran, f"{name}: neither matrix_csv, plan nor cycle"


def run_bad_ruleset(case: Dict[str, Any]) -> None:
    name, expected = case["name"], case["expected"]
    with pytest.raises(lm.LineamientosError) as info:
        rs = lm.RuleSet.from_json(json.dumps(case["ruleset"]))
        assert "options" in case, f"{name}: the rule file loaded"
        lm.Catalog.embedded().validate_plan({}, rulesets=[rs], **case["options"])
    err = info.value
    assert err.code == expected["code"], f"{name}: {err!r}"
    for k, v in expected.items():
        if k != "code":
            assert err.details[k] == v, f"{name}: {k} = {err.details.get(k)!r}"


RUNNERS = {
    "lookup_institution": run_lookup_institution,
    "import_csv": run_import_csv,
    "pivot": run_pivot,
    "pivot_partial": run_pivot_partial,
    "validate_plan": run_validate_plan,
    "merge_plans": run_merge_plans,
    "review_guidelines": run_review_guidelines,
    "bad_argument": lambda case: run_error(case),
    "audit": lambda case: run_audit(case),
    "bad_document": lambda case: run_error(case),
    "review_cycle": lambda case: run_review_cycle(case),
    "systematize": lambda case: run_systematize(case),
    "check_rules": run_check_rules,
    "bad_ruleset": run_bad_ruleset,
}


def run_systematize(case: Dict[str, Any]) -> None:
    """The systematization report: the same figures, actions, withheld cells and data hashes
    as Rust and JS."""
    root = VECTORS.parent.parent
    files = case["files"]
    cycle = lm.Cycle.read_json(root / files["cycle"])
    matrix = lm.Matrix.read_csv(root / files["matrix_csv"])
    focal = lm.FocalDirectory.read_json(root / files["focal_points"])
    s = cycle.systematize(_catalog(case), matrix, focal, **case["options"])
    table = s.participants.to_dict()
    code = lambda key: key[0]["code"] if key else None
    withheld = [[code(table["rows"][c["row"]]), code(table["cols"][c["col"]])]
                for c in table["cells"] if c["suppressed"]]
    got = {
        "illustrative": s.illustrative,
        "figures": s.figures,
        "actions": [{"rule": a["rule"], "axis": a["axis"], "figures": a["figures"]} for a in s.actions],
        "withheld": withheld,
        "pins": {"cycle_hash": s.pins["cycle_hash"], "matrix_hash": s.pins["matrix_hash"]},
    }
    for key, want in case["expected"].items():
        assert json.loads(json.dumps(got[key])) == want, f"{case['name']}: {key}"


def run_review_cycle(case: Dict[str, Any]) -> None:
    """A congress cycle reviewed against its matrix and focal points: the same findings,
    activity states, table counts, agreements and approved general plan as Rust and JS."""
    name = case["name"]
    cat = _catalog(case)
    csv = case.get("matrix_csv") or ""
    matrix = lm.Matrix.read_csv(csv.encode()) if csv else None
    focal = lm.FocalDirectory.from_json(json.dumps(case["focal_points"])) if "focal_points" in case else None
    r = lm.Cycle.from_dict(case["input"]).review(cat, matrix, focal, **case["options"])
    tables = [
        {"table": t.get("table"), "axis": t.get("axis"), "approval": t.get("approval"),
         "approved": t["approved"], **{k: t["activities"][k] for k in
                                        ("planned", "reported", "behind", "done", "not_reported")}}
        for t in r.tables
    ]
    got = {
        "activities": [{"activity_id": a.get("activity_id"), "state": a["state"],
                        "approved": a["approved"], "entries": a["entries"]} for a in r.activities],
        "tables": tables,
        "agreements": [{"id": a.get("id"), "status": a["status"], "days_overdue": a.get("days_overdue")}
                       for a in r.agreements],
        "general_plan": [p.id for p in r.general_plan.plans],
        "priority_areas": r.priority_areas,
        "entries": r.entries,
        "confirmed": r.confirmed,
        "diagnostics": sorted(
            ({"code": d.code, "severity": d.severity, "path": d.path} for d in r.report.diagnostics),
            key=lambda d: (d["path"], d["code"])),
    }
    for key, want in case["expected"].items():
        if key == "diagnostics":
            want = sorted(want, key=lambda d: (d["path"], d["code"]))
        assert got[key] == want, f"{name}: {key}: {got[key]!r} != {want!r}"


def run_audit(case: Dict[str, Any]) -> None:
    """The audit of a published table: the interval of every withheld number, exactly."""
    audit = lm.audit_published(case["published"])
    got = [{k: e[k] for k in ("row", "col", "lo", "hi")} for e in audit["entries"]]
    assert got == case["expected"], case["name"]


def _error_call(case: Dict[str, Any]) -> None:
    """The call of an error vector, through the public Python API (keywords as given)."""
    args = dict(case["args"])
    call = case["call"]
    cat = lm.Catalog.embedded()
    if call == "validate_plan":
        cat.validate_plan(case["input"], **args)
    elif call == "pivot":
        lm.Matrix.read_csv(case["input"].encode()).pivot(**args)
    elif call == "import_csv":
        lm.Matrix.read_csv(case["input"].encode(), **args)
    elif call == "time_series":
        lm.Matrix.read_csv(case["input"].encode()).time_series(args["unit"])
    elif call == "gaps":
        lm.Matrix.read_csv(case["input"].encode()).gaps(args["since"])
    elif call == "follow_up":
        lm.FocalDirectory.from_json("[]").follow_up(args["as_of"], args.get("interval_days"))
    elif call == "code_list":
        lm._core.code_list(args["kind"])
    else:
        raise AssertionError(f"{case['name']}: unknown call {call!r}")


def run_error(case: Dict[str, Any]) -> None:
    """The call fails with the expected code, and every expected detail is an attribute of
    the exception with the same value (the same names as JavaScript's error properties)."""
    name = case["name"]
    with pytest.raises(lm.LineamientosError) as info:
        _error_call(case)
    err = info.value
    expected = case["expected"]
    assert err.code == expected["code"], f"{name}: {err!r}"
    for k, v in expected.items():
        if k != "code":
            assert getattr(err, k) == v, f"{name}: {k} = {getattr(err, k)!r}, expected {v!r}"
            assert err.details[k] == v, name


def test_vectors_are_present() -> None:
    assert FILES, f"no vector under {VECTORS}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_vector(path: pathlib.Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["name"] == path.stem, "name equals file name"
    kind = case["kind"]
    runner = RUNNERS.get(kind)
    assert runner is not None, f"vector kind {kind!r} has no Python runner"
    runner(case)
