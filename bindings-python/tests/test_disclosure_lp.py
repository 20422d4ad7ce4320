"""Independent check of the disclosure audit (issue 16).

Each vector in ``tests/vectors/disclosure/`` is a published table (withheld numbers are
``null``) and the intervals the Rust audit derived for its withheld numbers. This test
recomputes every interval with SciPy's ``linprog`` (HiGHS) from the published numbers only,
as an attacker with a spreadsheet and an LP solver would: the unknowns are the withheld
cells and totals, each row, column and the grand total adds up, and counts are never
negative. It needs only pytest, scipy and the JSON files, not the binding.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

scipy_optimize = pytest.importorskip("scipy.optimize")

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors" / "disclosure"
FILES = sorted(VECTORS.glob("*.json"))


def _system(pub: dict):
    """Unknowns (key -> index) and the equalities A x = b of a published table."""
    index: dict[tuple, int] = {}

    def term(key: tuple, value):
        if value is None:
            return index.setdefault(key, len(index)), 0.0
        return None, float(value)

    equations = []  # (list of (var, coeff), constant): sum(coeff * var) + constant == 0

    def equation(members, total_key, total_value):
        coeffs: dict[int, float] = {}
        const = 0.0
        for key, value in members:
            var, c = term(key, value)
            if var is None:
                const += c
            else:
                coeffs[var] = coeffs.get(var, 0.0) + 1.0
        var, c = term(total_key, total_value)
        if var is None:
            const -= c
        else:
            coeffs[var] = coeffs.get(var, 0.0) - 1.0
        equations.append((coeffs, const))

    cells = [((c["row"], c["col"]), c["value"]) for c in pub["cells"]]
    for r, total in enumerate(pub["row_totals"]):
        members = [(("cell",) + k, v) for k, v in cells if k[0] == r]
        if members:
            equation(members, ("row", r), total)
    for c, total in enumerate(pub["col_totals"]):
        members = [(("cell",) + k, v) for k, v in cells if k[1] == c]
        if members:
            equation(members, ("col", c), total)
    if cells:
        equation([(("cell",) + k, v) for k, v in cells], ("grand",), pub["grand_total"])
    n = len(index)
    a_eq = [[coeffs.get(i, 0.0) for i in range(n)] for coeffs, _ in equations]
    b_eq = [-const for _, const in equations]
    return index, a_eq, b_eq


def _bound(n, a_eq, b_eq, var, sense):
    if n == 0:
        return None
    c = [0.0] * n
    c[var] = sense
    res = scipy_optimize.linprog(
        c, A_eq=a_eq or None, b_eq=b_eq or None, bounds=[(0, None)] * n, method="highs"
    )
    if res.status == 3:  # unbounded
        return math.inf
    assert res.status == 0, res.message
    return sense * res.fun


def _key(entry) -> tuple:
    row, col = entry["row"], entry["col"]
    if row is not None and col is not None:
        return ("cell", row, col)
    if row is not None:
        return ("row", row)
    if col is not None:
        return ("col", col)
    return ("grand",)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_audit_matches_linprog(path: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    index, a_eq, b_eq = _system(vector["published"])
    n = len(index)
    expected = {_key(e): (e["lo"], e["hi"]) for e in vector["expected"]}
    # every withheld number that some equation mentions is audited, and nothing else
    mentioned = {k for k in index}
    assert set(expected) == mentioned, path.name
    for key, (lo, hi) in expected.items():
        var = index[key]
        got_lo = _bound(n, a_eq, b_eq, var, 1.0)
        got_hi = _bound(n, a_eq, b_eq, var, -1.0)
        # the LP optimum of these (totally unimodular) systems is integral: compare exactly
        # after rounding away solver noise
        assert abs(got_lo - round(got_lo)) < 1e-6, (key, got_lo)
        assert round(got_lo) == lo, (path.name, key, got_lo, lo)
        if hi is None:
            assert math.isinf(got_hi), (path.name, key, got_hi)
        else:
            assert abs(got_hi - round(got_hi)) < 1e-6, (key, got_hi)
            assert round(got_hi) == hi, (path.name, key, got_hi, hi)


def test_vectors_exist() -> None:
    assert len(FILES) >= 16
    assert any(p.stem == "issue-16-old-pattern" for p in FILES)


def test_issue_example_is_pinned() -> None:
    vector = json.loads((VECTORS / "issue-16-old-pattern.json").read_text(encoding="utf-8"))
    index, a_eq, b_eq = _system(vector["published"])
    var = index[("cell", 4, 2)]  # PAN x PRO
    assert round(_bound(len(index), a_eq, b_eq, var, 1.0)) == 4
    assert round(_bound(len(index), a_eq, b_eq, var, -1.0)) == 4
