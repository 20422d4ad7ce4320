"""The comparison script's three implementations (bench/: lineamientos, pandas, polars) agree
on a small generated matrix, and its pandas plan validation agrees with the library's: so CI
notices when the library's import rules, or the reimplementations, drift apart."""

from __future__ import annotations

import pathlib
import sys

import pytest

pytest.importorskip("pandas")
pytest.importorskip("polars")

BENCH = pathlib.Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import compare  # noqa: E402
import generate  # noqa: E402
import matrix_jobs  # noqa: E402
import plan_jobs  # noqa: E402
import reference  # noqa: E402


@pytest.fixture(scope="module")
def ref() -> dict:
    return reference.build()


def test_matrix_jobs_agree(tmp_path: pathlib.Path, ref: dict) -> None:
    path = generate.matrix(tmp_path / "matrix.csv", 3000, seed=7, ref=ref)
    results = {name: job(str(path), ref) for name, job in matrix_jobs.JOBS.items()}
    assert compare.check_matrix(results) == []
    acc = results["lineamientos"][0]
    # The generator's bad values reach every rule: rejected rows and values left out.
    assert acc["rows_read"] == 3000
    assert 0 < acc["rejected"] < 150
    assert acc["rows_with_dropped_values"] > 0
    # A single differing cell, or differing accounting, is reported.
    acc_p, frame = results["pandas"]
    frame = frame.copy()
    frame.loc[frame.index[0], "entries"] += 1
    assert len(compare.check_matrix({**results, "pandas": (acc_p, frame)})) == 1
    worse = {**acc_p, "accepted": acc_p["accepted"] - 1}
    assert compare.check_matrix({**results, "polars": (worse, results["polars"][1])})


def test_plan_jobs_agree(tmp_path: pathlib.Path, ref: dict) -> None:
    path = generate.write_plans(tmp_path / "plans.jsonl", 20_000, seed=7, ref=ref)
    results = {name: job(str(path), ref) for name, job in plan_jobs.JOBS.items()}
    assert results["pandas"] == results["lineamientos"]
    assert all(v > 0 for v in results["lineamientos"].values()), results["lineamientos"]


def test_generator_is_deterministic(ref: dict) -> None:
    a = generate.matrix_columns(500, 11, ref)
    b = generate.matrix_columns(500, 11, ref)
    assert all(list(a[h]) == list(b[h]) for h in generate.HEADER)
