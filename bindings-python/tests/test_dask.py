"""Scale-out on a Dask LocalCluster of worker processes: many files, and one file in byte
ranges, pivot with exactly the result of the single-machine pivot of the same rows."""

from __future__ import annotations

import pathlib
import sys

import pytest

import lineamientos as lm
from conftest import REPO

distributed = pytest.importorskip("dask.distributed")
lmd = pytest.importorskip("lineamientos.dask")

sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402
import reference  # noqa: E402

SPECS = [
    dict(rows="country", cols="axis", measure="count"),
    dict(rows=["country"], cols=["axis", "period"], period="year", measure="participants_women",
         suppress_below=5),
    dict(rows="guideline", measure="participants"),
    dict(rows="axis", cols="period", period="quarter", measure="last_progress"),
    dict(rows="country", measure="distinct_institutions"),
    dict(rows="stage", cols="entry_type", measure="mean_progress"),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[pathlib.Path]:
    """Seven generated matrices (their bad rows included), with ids unique across files."""
    d = tmp_path_factory.mktemp("matrices")
    ref = reference.build()
    return [
        generate.matrix(d / f"matriz_{i}.csv", 1500 + 250 * i, seed=100 + i, ref=ref,
                        id_prefix=f"F{i}-")
        for i in range(7)
    ]


@pytest.fixture(scope="module")
def whole(files, tmp_path_factory) -> pathlib.Path:
    """The same rows as one file: the files' data rows under one header."""
    path = tmp_path_factory.mktemp("whole") / "todo.csv"
    with open(path, "wb") as out:
        for i, f in enumerate(files):
            lines = f.read_bytes().splitlines(keepends=True)
            out.writelines(lines if i == 0 else lines[1:])
    return path


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_the_cluster_has_several_worker_processes(client) -> None:
    pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(pids) == 3


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.get('rows')}-{s['measure']}")
def test_files_pivot_on_the_cluster_as_one_file_on_one_machine(client, files, whole, spec) -> None:
    expected = lm.Matrix.read_csv(whole).pivot(**spec)
    assert expected.grand_total["value"] is not None
    got = lmd.pivot_files(files, split_every=3, **spec)
    assert got.to_dict() == expected.to_dict()


def test_one_file_in_byte_ranges_pivots_as_the_whole_file(client, whole, tmp_path) -> None:
    # A repeated id is rejected by the import that sees both rows; blocks see one each (see
    # docs/scale-out.md). Here every id appears once (the generator's repeated ids removed).
    seen: set[bytes] = set()
    path = tmp_path / "ids_unicos.csv"
    with open(path, "wb") as out:
        for i, line in enumerate(whole.read_bytes().splitlines(keepends=True)):
            key = line.split(b";", 1)[0]
            if i == 0 or not key or key not in seen:
                seen.add(key)
                out.write(line)
    spec = dict(rows="country", cols="axis", measure="participants_women", suppress_below=5)
    expected = lm.Matrix.read_csv(path).pivot(**spec)
    parts = lmd.partials_of_csv_blocks(path, blocksize=200_000, **spec)
    assert len(parts) >= 5
    got = lmd.merge(parts).compute().finish()
    assert got.to_dict() == expected.to_dict()


def test_import_files_gives_entries_and_findings_frames(client, files) -> None:
    entries, findings = lmd.import_files(files)
    assert entries.npartitions == len(files)
    single = [lm.Matrix.read_csv(f) for f in files]
    assert len(entries) == sum(len(m) for m in single)
    found = findings.compute()
    assert len(found) == sum(len(m.import_report.diagnostics) for m in single)
    assert set(found["file"]) == {str(f) for f in files}


def test_bad_arguments_are_refused(files) -> None:
    with pytest.raises(ValueError):
        lmd.merge([])
    with pytest.raises(ValueError):
        lmd.merge(lmd.partials_of_files(files[:2], rows="country"), split_every=1)
    # a bad spec is the library's coded error, raised where the partial is computed
    with pytest.raises(lm.LineamientosError) as e:
        lmd.pivot_files(files[:1], rows="pais")
    assert e.value.code == "invalid_value"
