"""A matrix of many files pivoted on a local Dask cluster and on one machine: time, memory and
whether the two tables are identical.

    .venv/bin/python bench/dask_pivot.py --files 20 --rows 500000 --workers 2 --dir /tmp/dask-bench

Generates `--files` matrices of `--rows` rows each (bench/generate.py, seeded, ids unique
across files; kept in `--dir` and reused), then, each in a fresh process so that its peak
memory is its own:

- single machine: the files' rows as one CSV (written once), `Matrix.read_csv` (all cores),
  `m.pivot(...)`;
- Dask: a `LocalCluster` of `--workers` processes of one thread, `lineamientos.dask.pivot_files`
  (a partial per file, merged in a tree).

Prints wall time, peak resident memory (the process; for Dask the driver and the largest
worker, and their sum) and `identical: True` when the two tables' `to_dict()` are equal, for
each spec. Timings are one run each: compare them side by side, run again to see the spread.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import resource
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
SPECS = [
    dict(rows="country", cols="axis", measure="participants_women", suppress_below=5),
    dict(rows="axis", cols="period", period="year", measure="last_progress"),
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_files(d: pathlib.Path, files: int, rows: int) -> tuple[list[pathlib.Path], pathlib.Path]:
    sys.path.insert(0, str(HERE))
    import generate
    import reference

    d.mkdir(parents=True, exist_ok=True)
    paths = [d / f"matriz_{i:03d}_{rows}.csv" for i in range(files)]
    whole = d / f"todo_{files}x{rows}.csv"
    missing = [p for p in paths if not p.exists()]
    if missing:
        ref = reference.build()
        for i, p in enumerate(paths):
            if not p.exists():
                t = time.perf_counter()
                generate.matrix(p, rows, seed=1000 + i, ref=ref, id_prefix=f"F{i:03d}-")
                print(f"  generated {p.name} in {time.perf_counter() - t:.1f} s", flush=True)
    if not whole.exists() or missing:
        with open(whole, "wb") as out:
            for i, p in enumerate(paths):
                with open(p, "rb") as f:
                    if i:
                        f.readline()
                    while chunk := f.read(1 << 24):
                        out.write(chunk)
    return paths, whole


def single(whole: str) -> dict:
    import lineamientos as lm

    t = time.perf_counter()
    # 10 million rows: above the default row and byte limits, lifted for one big file.
    m = lm.Matrix.read_csv(whole, max_rows=None, max_bytes=None)
    t_import = time.perf_counter() - t
    tables = []
    for spec in SPECS:
        tables.append(m.pivot(**spec).to_dict())
    return {"seconds": time.perf_counter() - t, "import_seconds": t_import, "rows": len(m),
            "peak_mb": peak_mb(), "tables": tables}


def dask_run(paths: list[str], workers: int) -> dict:
    from dask.distributed import Client, LocalCluster

    import lineamientos.dask as lmd

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, memory_limit=0) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("lineamientos"))  # warm the workers' imports
        t = time.perf_counter()
        tables = [lmd.pivot_files(paths, **spec).to_dict() for spec in SPECS]
        seconds = time.perf_counter() - t
        worker_peaks = client.run(
            lambda: __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / 1024
        )
    peaks = sorted(worker_peaks.values())
    return {"seconds": seconds, "peak_mb": peak_mb(), "worker_peak_mb": peaks, "tables": tables}


def child(mode: str, args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, *args],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--rows", type=int, default=500_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dir", default="/tmp/dask-bench")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        mode, *rest = a.child
        result = single(rest[0]) if mode == "single" else dask_run(rest[1:], int(rest[0]))
        print(json.dumps(result))
        return
    paths, whole = make_files(pathlib.Path(a.dir), a.files, a.rows)
    print(f"{a.files} files x {a.rows:,} rows = {a.files * a.rows:,} rows; "
          f"{sum(p.stat().st_size for p in paths) / 1e9:.2f} GB of CSV", flush=True)
    one = child("single", [str(whole)])
    print(f"single machine: {one['seconds']:.1f} s (import {one['import_seconds']:.1f} s, "
          f"{one['rows']:,} entries accepted), peak {one['peak_mb']:.0f} MB", flush=True)
    many = child("dask", [str(a.workers), *map(str, paths)])
    print(f"dask ({a.workers} worker processes): {many['seconds']:.1f} s, driver peak "
          f"{many['peak_mb']:.0f} MB, worker peaks {[round(x) for x in many['worker_peak_mb']]} MB "
          f"(sum {sum(many['worker_peak_mb']) + many['peak_mb']:.0f} MB)")
    for spec, t1, t2 in zip(SPECS, one["tables"], many["tables"]):
        print(f"  {spec}: identical: {t1 == t2} "
              f"({len(t1['cells'])} cells, grand total {t1['grand_total'].get('value')})")
    if one["tables"] != many["tables"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
