"""Scale-out on Dask: import many matrix files, or one large CSV in byte ranges, on a
``dask.distributed`` cluster, and pivot them with mergeable partials.

Each task imports one file (or one block of a file) with the library, exactly as
``Matrix.read_csv`` / ``Matrix.read_excel`` would on one machine, and returns a
``PivotPartial``: the pivot's exact sums, counts, latest values and code sets, keyed by codes.
Partials travel between processes pickled (a few kilobytes each: one entry per cell, not per
row) and are merged in a tree; disclosure control runs once, in ``finish()``, on the merged
table. Merging is exact and order-free, so the result is the single-machine pivot of the same
rows, whatever the partitioning. See docs/scale-out.md.

Nothing here decides anything about the data: every rule lives in the library's core; these
functions only build the task graph.

>>> import lineamientos.dask as lmd                                  # doctest: +SKIP
>>> from dask.distributed import Client, LocalCluster                # doctest: +SKIP
>>> with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster):  # doctest: +SKIP
...     table = lmd.pivot_files(paths, rows="country", cols="axis", measure="participants_women",
...                             suppress_below=5)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
import importlib
from typing import Any, Optional, Union

from . import _core

# A `dask.delayed.Delayed` (Dask's own annotations are partial: typed as Any here).
Delayed = Any

_Path = Union[str, "os.PathLike[str]"]

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _dask() -> Any:
    try:
        import dask
    except ImportError as e:  # pragma: no cover - exercised only without dask
        raise ImportError(
            "lineamientos.dask needs Dask: pip install 'dask[distributed]'"
        ) from e
    return dask


def _catalog(catalog_json: Optional[str]) -> _core.Catalog:
    return _core.Catalog.embedded() if catalog_json is None else _core.Catalog.from_json(catalog_json)


def _import(
    source: Union[_Path, bytes], catalog_json: Optional[str], options: Mapping[str, Any]
) -> _core.Matrix:
    """One file (by its name: workbook or CSV) or one block of bytes (CSV), imported."""
    cat = _catalog(catalog_json)
    if not isinstance(source, (bytes, bytearray)) and os.fspath(source).lower().endswith(
        _WORKBOOK_SUFFIXES
    ):
        return _core.Matrix.read_excel(source, catalog=cat, **options)
    return _core.Matrix.read_csv(source, catalog=cat, **options)


def _partial(
    source: Union[_Path, bytes],
    catalog_json: Optional[str],
    options: Mapping[str, Any],
    spec: Mapping[str, Any],
) -> _core.PivotPartial:
    return _import(source, catalog_json, options).pivot_partial(**spec)


def _merge(parts: Sequence[_core.PivotPartial]) -> _core.PivotPartial:
    return _core.PivotPartial.merge_all(parts)


def _block(header: bytes, block: bytes, first: bool) -> bytes:
    # The first block already starts with the file's header lines.
    return block if first else header + block


def _tree(dask: Any, parts: list[Any], split_every: int) -> Any:
    """Merges delayed partials in a tree of fan-in `split_every` (any order gives the same)."""
    if not parts:
        raise ValueError("no partitions to pivot: give at least one file")
    if split_every < 2:
        raise ValueError(f"split_every must be at least 2, got {split_every}")
    merge = dask.delayed(_merge, pure=True)
    while len(parts) > 1:
        parts = [merge(parts[i : i + split_every]) for i in range(0, len(parts), split_every)]
    return parts[0]


def _spec(rows: Any, cols: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(spec)
    if rows is not None:
        out["rows"] = rows
    if cols is not None:
        out["cols"] = cols
    return out


def partials_of_files(
    paths: Iterable[_Path],
    rows: Union[str, Sequence[str], None] = None,
    cols: Union[str, Sequence[str], None] = None,
    *,
    catalog: Optional[_core.Catalog] = None,
    import_options: Optional[Mapping[str, Any]] = None,
    **spec: Any,
) -> list[Delayed]:
    """One delayed ``PivotPartial`` per file (CSV, or a workbook by its extension), each file
    imported on a worker with ``import_options`` (the keywords of ``Matrix.read_csv``)."""
    dask = _dask()
    catalog_json = None if catalog is None else catalog.to_json()
    options = dict(import_options or {})
    full = _spec(rows, cols, spec)
    task = dask.delayed(_partial, pure=True)
    return [task(os.fspath(p), catalog_json, options, full) for p in paths]


def partials_of_csv_blocks(
    path: _Path,
    rows: Union[str, Sequence[str], None] = None,
    cols: Union[str, Sequence[str], None] = None,
    *,
    blocksize: Union[int, str] = "64MiB",
    header_lines: int = 1,
    catalog: Optional[_core.Catalog] = None,
    import_options: Optional[Mapping[str, Any]] = None,
    **spec: Any,
) -> list[Delayed]:
    """One delayed ``PivotPartial`` per byte range of one large CSV (``dask.bytes.read_bytes``,
    cut at line breaks). Each block after the first is read behind the file's first
    ``header_lines`` lines (1: the header; 2 for a title row above it). As with
    ``dask.dataframe.read_csv``, a quoted cell must not hold a line break, and decisions the
    import takes over a whole column (a progress column of bare fractions, see
    docs/matrix.md) are taken per block: see docs/scale-out.md for when blocks and the whole
    file agree."""
    dask = _dask()
    read_bytes = importlib.import_module("dask.bytes").read_bytes

    if header_lines < 1:
        raise ValueError(f"header_lines must be at least 1, got {header_lines}")
    with open(path, "rb") as f:
        header = b"".join(f.readline() for _ in range(header_lines))
    _, blocks = read_bytes(os.fspath(path), delimiter=b"\n", blocksize=blocksize, sample=False)
    catalog_json = None if catalog is None else catalog.to_json()
    options = dict(import_options or {})
    full = _spec(rows, cols, spec)
    block = dask.delayed(_block, pure=True)
    task = dask.delayed(_partial, pure=True)
    return [
        task(block(header, b, i == 0), catalog_json, options, full)
        for i, b in enumerate(blocks[0])
    ]


def merge(parts: Sequence[Delayed], split_every: int = 8) -> Delayed:
    """The delayed merge of delayed partials, in a tree of fan-in ``split_every``."""
    return _tree(_dask(), list(parts), split_every)


def pivot_files(
    paths: Iterable[_Path],
    rows: Union[str, Sequence[str], None] = None,
    cols: Union[str, Sequence[str], None] = None,
    *,
    catalog: Optional[_core.Catalog] = None,
    import_options: Optional[Mapping[str, Any]] = None,
    split_every: int = 8,
    **spec: Any,
) -> _core.PivotTable:
    """The pivot (``Matrix.pivot``'s keywords) of every entry of ``paths``, computed on the
    active Dask scheduler (a ``dask.distributed.Client`` if one is open): a partial per file,
    merged in a tree, disclosure control applied once to the merged table."""
    parts = partials_of_files(
        paths, rows, cols, catalog=catalog, import_options=import_options, **spec
    )
    merged: _core.PivotPartial = merge(parts, split_every).compute()
    return merged.finish()


def pivot_csv_blocks(
    path: _Path,
    rows: Union[str, Sequence[str], None] = None,
    cols: Union[str, Sequence[str], None] = None,
    *,
    blocksize: Union[int, str] = "64MiB",
    header_lines: int = 1,
    catalog: Optional[_core.Catalog] = None,
    import_options: Optional[Mapping[str, Any]] = None,
    split_every: int = 8,
    **spec: Any,
) -> _core.PivotTable:
    """The pivot of one large CSV read in byte ranges (see ``partials_of_csv_blocks``)."""
    parts = partials_of_csv_blocks(
        path,
        rows,
        cols,
        blocksize=blocksize,
        header_lines=header_lines,
        catalog=catalog,
        import_options=import_options,
        **spec,
    )
    merged: _core.PivotPartial = merge(parts, split_every).compute()
    return merged.finish()


def _frames(
    source: _Path, catalog_json: Optional[str], options: Mapping[str, Any]
) -> tuple[Any, Any]:
    m = _import(source, catalog_json, options)
    entries = m.to_pandas()
    findings = m.import_report.to_pandas()
    findings.insert(0, "file", os.fspath(source))
    return entries, findings


def import_files(
    paths: Iterable[_Path],
    *,
    catalog: Optional[_core.Catalog] = None,
    **options: Any,
) -> tuple[Any, Any]:
    """Imports every file on the workers: ``(entries, findings)`` as two
    ``dask.dataframe.DataFrame`` with one partition per file (the accepted entries as
    ``Matrix.to_pandas()`` gives them, and the import findings with a ``file`` column)."""
    dask = _dask()
    import dask.dataframe as dd

    catalog_json = None if catalog is None else catalog.to_json()
    task = dask.delayed(_frames, pure=True, nout=2)
    pairs = [task(os.fspath(p), catalog_json, dict(options)) for p in paths]
    if not pairs:
        raise ValueError("no files to import")
    return (
        dd.from_delayed([e for e, _ in pairs]),
        dd.from_delayed([f for _, f in pairs]),
    )
