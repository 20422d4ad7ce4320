"""What crossing into Python costs, on a generated tracking matrix (a measurement script, not a
test): importing from bytes, a path, a str and file objects; the entries and a pivot as Arrow,
pandas and polars; and a plan validation with its findings as a frame. Release build
(``scripts/setup-python``), then:

    .venv/bin/python bindings-python/bench/crossing.py [rows=1000000] [--reps=N]

The matrix is the one the Rust benchmarks use (core/benches/support/generator.rs, seed 42:
Spanish headers, ``;``, dd/mm/yyyy dates, country names), generated once into the temporary
directory. Each figure is the median of N runs (default 5) after one warm-up: wall clock and
the process's CPU time (all threads; what the work costs when the machine is shared). Compare
figures from one run. ``PYTHONPATH=<copy of an older build of the package>`` measures that
build instead, for before/after figures.
"""

from __future__ import annotations

import gc
import io
import os
import pathlib
import statistics
import sys
import tempfile
import time
from typing import Any, Callable

import pandas as pd
import polars as pl
import pyarrow as pa

import lineamientos as lm

# ------------------------------------------------------------------ the generated matrix
# A port of core/benches/support/generator.rs: the same seed writes the same bytes.

COUNTRIES = ["Guatemala", "México", "Honduras", "El Salvador", "Costa Rica", "Panamá",
             "República Dominicana", "Belice", "Nicaragua", "Canadá", "Estados Unidos", "Colombia"]
INSTITUTIONS = ["Secretaría de la Mujer", "Ministerio de Trabajo", "Instituto de Migración",
                "Cancillería", "Defensoría del Pueblo", "Ministerio de Salud",
                "Instituto Nacional de las Mujeres", "Ministerio de Educación"]
TYPES = ["Buena práctica", "Avance", "Capacitación", "Campaña", "Cambio normativo",
         "Caso de éxito", "Investigación", "Evento"]
AXES = ["VCM", "EMP", "CUI", "SER", "PRO", "TRA", "DAT", "NNA", "RET", "FOR"]
STATUS = ["En curso", "Completada", "Planificada", "Cancelada"]
STAGES = ["Origen", "Tránsito", "Destino", "Retorno", "Origen|Destino", ""]
HEADER = ("ID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Eje temático;"
          "Lineamientos;Actividad del plan;Etapas;Estado;Avance (%);Mujeres;Hombres;Niñas;Niños;"
          "Aprobado\n")
MASK = (1 << 64) - 1


def matrix_csv(rows: int, seed: int = 42) -> bytes:
    state = seed

    def nxt() -> int:
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        return state >> 33

    def pick(xs: list[str]) -> str:
        return xs[nxt() % len(xs)]

    out = [HEADER]
    for i in range(rows):
        axis = pick(AXES)
        item = 1 + nxt() % 2
        day, month, year = 1 + nxt() % 28, 1 + nxt() % 12, 2019 + nxt() % 6
        status = pick(STATUS)
        progress = 100 if status == "Completada" else 0 if status == "Planificada" else 5 + 5 * (nxt() % 19)
        country, institution, kind = pick(COUNTRIES), pick(INSTITUTIONS), pick(TYPES)
        title, activity, stages = nxt() % 100_000, nxt() % 50_000, pick(STAGES)
        women, men, girls, boys = nxt() % 200, nxt() % 80, nxt() % 30, nxt() % 30
        approved = "no" if nxt() % 3 == 0 else "sí"
        out.append(f"E{i:07};{country};{institution};{day:02}/{month:02}/{year};{kind};Actividad {title};"
                   f"{axis};{axis}-{item};ACT-{activity};{stages};{status};{progress};"
                   f"{women};{men};{girls};{boys};{approved}\n")
    return "".join(out).encode()


def matrix_file(rows: int) -> pathlib.Path:
    path = pathlib.Path(tempfile.gettempdir()) / f"lineamientos-matrix-{rows}-seed42.csv"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(matrix_csv(rows))
        tmp.replace(path)
    return path


# ------------------------------------------------------------------ measuring

def measure(label: str, f: Callable[[], Any], reps: int) -> Any:
    out = f()  # warm-up (and the value the next lines describe)
    wall, cpu = [], []
    for _ in range(reps):
        del out
        gc.collect()
        c, t = time.process_time(), time.perf_counter()
        out = f()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(f"{label:<56} wall {statistics.median(wall) * 1e3:8.1f} ms  cpu {statistics.median(cpu) * 1e3:8.1f} ms"
          f"  (wall min {min(wall) * 1e3:.1f}, max {max(wall) * 1e3:.1f})")
    return out


def main() -> None:
    args = sys.argv[1:]
    rows = next((int(a) for a in args if a.isdigit()), 1_000_000)
    reps = next((int(a[7:]) for a in args if a.startswith("--reps=")), 5)
    path = matrix_file(rows)
    data = path.read_bytes()
    text = data.decode()
    print(f"{rows:,} rows, {len(data) / 1e6:.1f} MB ({path}); lineamientos {lm.__version__} from "
          f"{pathlib.Path(lm.__file__).parent}, "
          f"pyarrow {pa.__version__}, pandas {pd.__version__}, polars {pl.__version__}; median of {reps}")

    print("-- import")
    m = measure("Matrix.read_csv(bytes)", lambda: lm.Matrix.read_csv(data), reps)
    measure("Matrix.read_csv(path: str)", lambda: lm.Matrix.read_csv(str(path)), reps)
    measure("Matrix.read_csv(pathlib.Path)", lambda: lm.Matrix.read_csv(path), reps)
    measure("Matrix.read_csv(text.encode())  (a str in hand)", lambda: lm.Matrix.read_csv(text.encode()), reps)
    measure("  text.encode() alone", lambda: text.encode(), reps)
    measure("Matrix.read_csv(io.StringIO(text))", lambda: lm.Matrix.read_csv(io.StringIO(text)), reps)
    measure("Matrix.read_csv(io.BytesIO(bytes))", lambda: lm.Matrix.read_csv(io.BytesIO(data)), reps)
    measure("Matrix.read_csv(bytearray)", lambda: lm.Matrix.read_csv(bytearray(data)), reps)
    r = m.import_report
    print(f"  accepted {r.accepted:,}, rejected {r.rejected:,}, {len(r.diagnostics)} findings")

    print("-- the entries")
    measure("m.to_table()  (typed columns, no Arrow yet)", lambda: m.to_table(), reps)
    t = measure("pa.table(m)  (Arrow C stream)", lambda: pa.table(m), reps)
    measure("  pyarrow's own share: pa.table(m).to_pandas()", lambda: t.to_pandas(), reps)
    df = measure("m.to_pandas()", lambda: m.to_pandas(), reps)
    measure("m.to_polars()", lambda: m.to_polars(), reps)
    print(f"  {df.shape[0]:,} x {df.shape[1]} frame, {df.memory_usage(deep=False).sum() / 1e6:.0f} MB shallow")
    small = lm.Matrix.read_csv(matrix_file(100_000))
    measure("m.entries()  (dicts; of the first 100,000 rows)", lambda: small.entries(), reps)

    print("-- a pivot: country x (axis x quarter)")
    spec = dict(rows="country", cols=["axis", "period"], period="quarter")
    pv = measure("m.pivot(count)", lambda: m.pivot(**spec), reps)
    measure("m.pivot(participants)", lambda: m.pivot(**spec, measure="participants"), reps)
    measure("pa.table(pivot)  (Arrow C stream of the long form)", lambda: pa.table(pv), reps)
    measure("pivot.to_pandas()", lambda: pv.to_pandas(), reps)
    measure("pivot.to_polars()", lambda: pv.to_polars(), reps)
    measure("pivot.to_dict()", lambda: pv.to_dict(), reps)
    print(f"  {len(pv.cells):,} cells")

    print("-- a work plan of 10,000 activities")
    acts = [{"id": f"a{i}", "title": "x", "kind": "meeting", "start": "2024-03-05", "end": "2024-03-05",
             "lead": "MEX", "participants": ["GTM"], "guidelines": ["VCM-1"]} for i in range(10_000)]
    plan = lm.WorkPlan.from_dict({"id": "p", "working_group": "g", "axis": "VCM", "guideline_version": "2023",
                                  "period": {"start": "2024-01-01", "end": "2024-12-31"}, "activities": acts})
    cat = lm.Catalog.embedded()
    report = measure("catalog.validate_plan(plan)", lambda: cat.validate_plan(plan, as_of="2024-06-01"), reps)
    measure(f"report.to_pandas()  ({len(report.diagnostics):,} findings)", lambda: report.to_pandas(), reps)


if __name__ == "__main__":
    main()
