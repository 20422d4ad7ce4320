"""Side-by-side comparison: lineamientos vs pandas vs polars on the same job (bench/run).

For each size: generate the matrix (bench/generate.py, cached in the data directory), run
each job --repeat times, each run in a fresh process, round-robin (lineamientos, pandas,
polars, lineamientos, ...) so that the machine's load falls on all of them alike; check that
the three results agree (accounting and every pivot cell) and print best wall time, peak
memory and the ratios to lineamientos. Then the same for plan validation against pandas.
Exits non-zero when results disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import pickle
import platform
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
GENERATOR_VERSION = 2  # bump when generate.py changes what it writes


def machine() -> dict:
    model = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "?"
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    try:
        mem = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        mem_gb = f"{int(mem) / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration):
        mem_gb = "?"
    return {"nproc": cores, "cpu": model, "memory": mem_gb, "python": platform.python_version()}


def versions() -> dict:
    out = {}
    for name in ("lineamientos", "pandas", "polars", "pyarrow", "numpy"):
        try:
            mod = __import__(name)
            out[name] = getattr(mod, "__version__", "?")
        except ImportError:
            out[name] = "-"
    return out


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def run_once(task: str, job: str, data: pathlib.Path, ref: pathlib.Path, out: pathlib.Path | None):
    """One run in a fresh process: (seconds, CPU seconds, peak RSS in MiB, baseline RSS in MiB)."""
    cmd = [sys.executable, str(HERE / "worker.py"), task, job, str(data), str(ref)]
    if out is not None:
        cmd += ["--out", str(out)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, cwd=HERE)
    if proc.returncode != 0:
        raise SystemExit(f"{task}/{job} failed with exit status {proc.returncode}")
    res = json.loads(proc.stdout)
    return res["seconds"], res["cpu_seconds"], res["peak_rss_kib"] / 1024, res["baseline_rss_kib"] / 1024


def measure(task, jobs, data, ref, repeat, workdir):
    """Best time, every time, peak memory and the result of each job."""
    stats = {j: {"times": [], "cpu": [], "rss": 0.0, "baseline": 0.0} for j in jobs}
    results = {}
    for r in range(repeat):
        for j in jobs:
            out = workdir / f"result-{task}-{j}.pkl" if r == 0 else None
            t, cpu, rss, base = run_once(task, j, data, ref, out)
            s = stats[j]
            s["times"].append(t)
            s["cpu"].append(cpu)
            s["rss"] = max(s["rss"], rss)
            s["baseline"] = max(s["baseline"], base)
            if out is not None:
                with open(out, "rb") as f:
                    results[j] = pickle.load(f)
                out.unlink()
    return stats, results


def ratio(x: float, base: float) -> str:
    if base <= 0:
        return "-"
    r = x / base
    return "1" if abs(r - 1) < 1e-9 else (f"{r:.2f}x slower" if r > 1 else f"{1 / r:.2f}x faster")


def table(title: str, stats: dict, base_job: str = "lineamientos") -> str:
    base_t = min(stats[base_job]["times"])
    base_m = stats[base_job]["rss"] - stats[base_job]["baseline"]
    lines = [
        f"\n{title}",
        "| job | best wall time | all runs (s) | time vs lineamientos | CPU time of the best run | peak RSS "
        "| RSS before the job (imports) | added by the job | memory added vs lineamientos |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for j, s in stats.items():
        best = min(s["times"])
        cpu = s["cpu"][s["times"].index(best)]
        runs = ", ".join(f"{t:.3f}" for t in s["times"])
        added = s["rss"] - s["baseline"]
        mem_ratio = f"{added / base_m:.2f}x" if j != base_job and base_m > 0 else "1"
        lines.append(
            f"| {j} | {best:.3f} s | {runs} | {ratio(best, base_t)} | {cpu:.2f} s | {s['rss']:.0f} MiB "
            f"| {s['baseline']:.0f} MiB | {added:.0f} MiB | {mem_ratio} |"
        )
    return "\n".join(lines)


def check_matrix(results: dict) -> list[str]:
    """Differences between the jobs' results (empty when they agree)."""
    import numpy as np
    import pandas as pd

    problems = []
    jobs = list(results)
    base = jobs[0]
    key = ["country", "axis", "quarter"]

    def norm(df):
        df = df.copy()
        df["axis"] = df["axis"].astype(object).where(df["axis"].notna(), "(none)")
        df = df.astype({"country": str, "axis": str, "quarter": str})
        df["entries"] = df["entries"].astype("int64")
        df["participants"] = df["participants"].astype("float64")
        df["mean_progress"] = df["mean_progress"].astype("float64")
        return df.set_index(key).sort_index()

    ref_acc, ref_df = results[base]
    ref_df = norm(ref_df)
    for j in jobs[1:]:
        acc, df = results[j]
        if acc != ref_acc:
            problems.append(f"accounting: {base} {ref_acc} != {j} {acc}")
        df = norm(df)
        both = ref_df.merge(df, how="outer", left_index=True, right_index=True, suffixes=("_a", "_b"))
        only = both["entries_a"].isna() | both["entries_b"].isna()
        if only.any():
            problems.append(f"cells only in one of {base}/{j}: {int(only.sum())}, e.g.\n{both[only].head()}")
        for col in ("entries", "participants", "mean_progress"):
            a, b = both[f"{col}_a"].to_numpy(float), both[f"{col}_b"].to_numpy(float)
            same = np.isclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True)
            if not same.all():
                problems.append(f"{col} differs between {base} and {j} in {int((~same).sum())} cells, "
                                f"e.g.\n{both.loc[~same, [f'{col}_a', f'{col}_b']].head()}")
        if not problems:
            print(f"  {j} agrees with {base}: {acc['accepted']:,} accepted rows, {len(df):,} cells")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description="lineamientos vs pandas vs polars, side by side")
    ap.add_argument("--rows", default="100000,1000000", help="matrix sizes, comma separated")
    ap.add_argument("--plans", type=int, default=100_000, help="activities for plan validation (0: skip)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per job (best is reported)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--jobs", default="lineamientos,pandas,polars")
    ap.add_argument("--data", default=str(HERE / ".data"), help="where generated inputs are kept")
    a = ap.parse_args()

    sys.path.insert(0, str(HERE))
    import generate
    import reference

    data = pathlib.Path(a.data)
    data.mkdir(parents=True, exist_ok=True)
    jobs = [j for j in a.jobs.split(",") if j]
    if "lineamientos" not in jobs:
        jobs.insert(0, "lineamientos")
    m = machine()
    print(f"machine: {m['nproc']} cores ({m['cpu']}), {m['memory']}, Python {m['python']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()))
    print(f"load average before: {load()}")

    ref_path = data / "reference.json"
    ref = reference.write(ref_path)
    failed = []
    for rows in [int(x) for x in a.rows.split(",") if x]:
        path = data / f"matrix_{rows}_seed{a.seed}_v{GENERATOR_VERSION}.csv"
        if not path.exists():
            t0 = time.perf_counter()
            tmp = path.with_suffix(".tmp")
            generate.matrix(tmp, rows, a.seed, ref)
            tmp.rename(path)
            print(f"generated {path.name} in {time.perf_counter() - t0:.1f} s")
        size = path.stat().st_size / 1e6
        print(f"\n== tracking matrix, {rows:,} rows ({size:.1f} MB): read, check, pivot country x axis x quarter "
              f"(entries, participants, mean progress) to pandas; load {load()}")
        stats, results = measure("matrix", jobs, path, ref_path, a.repeat, data)
        problems = check_matrix(results)
        print(table(f"matrix {rows:,} rows (best of {a.repeat}, load after: {load()})", stats))
        acc = results["lineamientos"][0]
        print(f"accounting: {acc}")
        if problems:
            failed.append(f"matrix {rows}")
            print("\nDISAGREEMENT:\n" + "\n".join(problems), file=sys.stderr)

    if a.plans:
        path = data / f"plans_{a.plans}_seed{a.seed}_v{GENERATOR_VERSION}.jsonl"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            generate.write_plans(tmp, a.plans, a.seed, ref)
            tmp.rename(path)
        print(f"\n== plan validation, {a.plans:,} activities in 20 plans ({path.stat().st_size / 1e6:.1f} MB "
              f"JSON Lines); load {load()}")
        stats, results = measure("plans", ["lineamientos", "pandas"], path, ref_path, a.repeat, data)
        counts = results["lineamientos"]
        print("findings per rule: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        if results["pandas"] != counts:
            failed.append("plans")
            print(f"\nDISAGREEMENT: lineamientos {counts}\n              pandas       {results['pandas']}",
                  file=sys.stderr)
        else:
            print("  pandas agrees with lineamientos")
        print(table(f"plan validation, {a.plans:,} activities (best of {a.repeat}, load after: {load()})", stats))

    print(f"\nload average after: {load()}")
    if failed:
        print(f"FAILED: results disagree ({', '.join(failed)})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
