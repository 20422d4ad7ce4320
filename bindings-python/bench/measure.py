"""Rough figures for the Python API (a measurement script, not a test): import, pivot, Arrow
hand-over and plan validation on generated data. Run: .venv/bin/python bindings-python/bench/measure.py"""

import pathlib
import time

import pyarrow as pa

import lineamientos as lm

lines = open(pathlib.Path(__file__).resolve().parents[2] / "examples/data/tracking_matrix_en.csv", encoding="utf-8-sig").read().splitlines()
header, rows = lines[0], [l for l in lines[1:] if l.strip()]
n = 100_000
body = "\n".join(rows[i % len(rows)].replace(rows[i % len(rows)].split(",")[0], f"X-{i}", 1) for i in range(n))
data = (header + "\n" + body + "\n").encode()
def t(label, f, reps=3):
    best = min((lambda s: (f(), time.perf_counter() - s)[1])(time.perf_counter()) for _ in range(reps))
    print(f"{label}: {best*1000:.0f} ms")
    return f()
m = t(f"Matrix.read_csv {n} rows ({len(data)/1e6:.1f} MB)", lambda: lm.Matrix.read_csv(data))
print(m.import_report)
pv = t("pivot country x axis count", lambda: m.pivot(rows="country", cols="axis"))
t("pivot country x period(quarter) women, suppress_below=5", lambda: m.pivot(rows="country", cols="period", period="quarter", measure="participants_women", suppress_below=5))
t("m.to_pandas() (entries, via Arrow)", lambda: m.to_pandas())
t("pa.table(m) (Arrow stream)", lambda: pa.table(m))
acts = [{"id": f"a{i}", "title": "x", "kind": "meeting", "start": "2024-03-05", "end": "2024-03-05", "lead": "MEX", "participants": ["GTM"], "guidelines": ["VCM-1"]} for i in range(10_000)]
plan = lm.WorkPlan.from_dict({"id": "p", "working_group": "g", "axis": "VCM", "guideline_version": "2023", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "activities": acts})
cat = lm.Catalog.embedded()
r = t("validate_plan 10,000 activities", lambda: cat.validate_plan(plan, as_of="2024-06-01"))
t("report.to_pandas() 10,000 findings", lambda: r.to_pandas())
