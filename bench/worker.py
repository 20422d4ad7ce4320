"""Runs one job once, in its own process (started by bench/compare.py), so that its peak
memory is its own. Times the job only (not the interpreter start or the imports), pickles
its result to --out for the agreement check, and prints its wall and CPU time (all threads)
and peak memory as JSON.

Peak memory is the process's high-water mark of resident memory (`VmHWM` in
/proc/self/status), not `ru_maxrss`: on Linux a child's `ru_maxrss` keeps the parent's
resident size at the fork, so it would charge the comparison script's own memory to the
job."""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import sys
import time


def peak_rss_kib() -> int:
    """Peak resident memory of this process since it started, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["matrix", "plans"])
    ap.add_argument("job")
    ap.add_argument("data")
    ap.add_argument("ref")
    ap.add_argument("--out")
    a = ap.parse_args()

    import reference

    if a.task == "matrix":
        import matrix_jobs as jobs
    else:
        import plan_jobs as jobs
    # Import what the job uses before the clock starts, as in a notebook session.
    if a.job == "lineamientos":
        import lineamientos  # noqa: F401
    import pandas  # noqa: F401
    if a.job == "polars":
        import polars  # noqa: F401

    ref = reference.load(a.ref)
    baseline = peak_rss_kib()
    t0, c0 = time.perf_counter(), time.process_time()
    result = jobs.JOBS[a.job](a.data, ref)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    if a.out:
        with open(a.out, "wb") as f:
            pickle.dump(result, f)
    peak = peak_rss_kib()
    json.dump({"seconds": seconds, "cpu_seconds": cpu, "baseline_rss_kib": baseline,
               "peak_rss_kib": peak}, sys.stdout)


if __name__ == "__main__":
    main()
