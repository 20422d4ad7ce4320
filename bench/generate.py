"""Deterministic (seeded) generators of realistic inputs, written as partners write them.

- `matrix(path, rows, seed)`: a tracking matrix as a CSV: Spanish headers, `;`, the 11 member
  states written every way partners write them (ISO3, Spanish names with and without
  accents, upper and lower case, English names, aliases such as `EE.UU.`), the catalogue's
  axes and guideline items, every entry type and status as labels, codes or synonyms,
  `dd/mm/yyyy` and ISO dates (and a few month-first ones), progress with and without `%`,
  participant counts, and about 2 % of rows with one bad value each (unknown country,
  impossible date, negative count, end before start, duplicate or empty id, ...).
- `plans(n_activities, seed)`: work plans as dicts (see docs/plans.md), 20 working groups,
  with about 1 % of activities carrying a mistake, and events that clash across groups.

Every spelling comes from `reference.build()`, which checks it against the library, so
that valid rows are valid for the library too. Run as a script:
`python bench/generate.py matrix --rows 100000 --out /tmp/m.csv`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import pathlib
import sys

import numpy as np

HEADER = [
    "ID", "País", "Institución", "Fecha de reporte", "Tipo de registro", "Título", "Estado",
    "Eje temático", "Lineamientos", "Avance (%)", "Fecha de inicio", "Fecha de fin",
    "Mujeres", "Hombres", "Niñas", "Niños", "Sin desagregar", "Aprobado",
]
COUNT_COLUMNS = ["Mujeres", "Hombres", "Niñas", "Niños", "Sin desagregar"]

INSTITUTIONS = [
    "Ministerio de la Mujer", "Instituto Nacional de las Mujeres", "Cancillería",
    "Dirección General de Migración", "Defensoría del Pueblo", "OIM", "ONU Mujeres",
    "Ministerio de Trabajo", "Secretaría de Bienestar Social",
]
VERBS = ["Taller", "Campaña", "Protocolo", "Ruta de atención", "Foro", "Estudio", "Guía",
         "Diplomado", "Mesa técnica", "Programa"]
TOPICS = ["mujeres migrantes", "trata de personas", "violencia de género", "empleo",
          "salud sexual y reproductiva", "retorno", "niñas no acompañadas", "documentación",
          "acceso a justicia", "refugio"]

# The bad values, one per affected row, with their weights.
BAD_KINDS = [
    ("unknown_country", 3), ("bad_report_date", 2), ("missing_report_date", 1),
    ("negative_count", 2), ("invalid_count", 1), ("end_before_start", 2), ("bad_start", 1),
    ("duplicate_id", 2), ("missing_id", 1), ("unknown_type", 1), ("unknown_status", 1), ("missing_title", 1),
    ("missing_institution", 1), ("missing_country", 1), ("progress_out_of_range", 1),
    ("progress_invalid", 1), ("unknown_axis", 1), ("unknown_guideline", 1), ("bad_flag", 1),
]
BAD_SHARE = 0.02
DAY0 = dt.date(2021, 1, 1)
DAYS = (dt.date(2025, 12, 31) - DAY0).days + 1


def _dates(rng, days: np.ndarray, formats: np.ndarray) -> np.ndarray:
    """Day numbers (from DAY0) written as dd/mm/yyyy (0), ISO (1) or month-first (2, only
    for days above 12, where it is unambiguous)."""
    table = [DAY0 + dt.timedelta(days=int(d)) for d in range(DAYS + 400)]
    dmy = np.array([f"{d.day:02d}/{d.month:02d}/{d.year}" for d in table], dtype=object)
    iso = np.array([d.isoformat() for d in table], dtype=object)
    mdy = np.array([f"{d.month:02d}/{d.day:02d}/{d.year}" if d.day > 12 else
                    f"{d.day:02d}/{d.month:02d}/{d.year}" for d in table], dtype=object)
    out = dmy[days]
    out[formats == 1] = iso[days[formats == 1]]
    out[formats == 2] = mdy[days[formats == 2]]
    return out


def _pick(rng, values, n: int, p=None) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr[rng.choice(len(values), size=n, p=p)]


def matrix_columns(rows: int, seed: int, ref: dict, id_prefix: str = "MS-") -> dict[str, np.ndarray]:
    """The cells of every column (object arrays of str). Ids are `id_prefix` and a number:
    files generated with different prefixes share no id."""
    rng = np.random.default_rng(seed)
    n = rows
    sp = ref["spellings"]
    cols: dict[str, np.ndarray] = {}
    cols["ID"] = np.array([f"{id_prefix}{i:07d}" for i in range(1, n + 1)], dtype=object)

    # Countries: weighted (Mexico and Guatemala report most), then one of their spellings.
    members = sorted(sp["country"])
    w = np.array([3.0 if c in ("MEX", "GTM") else 1.5 if c in ("HND", "SLV", "USA") else 1.0
                  for c in members])
    ci = rng.choice(len(members), size=n, p=w / w.sum())
    flat = [s for c in members for s in sp["country"][c]]
    offsets = np.cumsum([0] + [len(sp["country"][c]) for c in members])[:-1]
    lens = np.array([len(sp["country"][c]) for c in members])
    pick = offsets[ci] + (rng.random(n) * lens[ci]).astype(np.int64)
    cols["País"] = np.array(flat, dtype=object)[pick]
    cols["Institución"] = _pick(rng, INSTITUTIONS, n)

    reported = rng.integers(0, DAYS, size=n)
    cols["Fecha de reporte"] = _dates(rng, reported, rng.choice(3, size=n, p=[0.6, 0.38, 0.02]))

    def labelled(kind: str, p=None) -> np.ndarray:
        flat = [s for code in sp[kind] for s in sp[kind][code]]
        return _pick(rng, flat, n, p)

    cols["Tipo de registro"] = labelled("entry_type")
    cols["Título"] = np.char.add(
        np.char.add(_pick(rng, VERBS, n).astype(str), " sobre "), _pick(rng, TOPICS, n).astype(str)
    ).astype(object)
    # A few titles hold the delimiter and quotes: the CSV writer quotes them.
    quoted = rng.random(n) < 0.01
    cols["Título"][quoted] = 'Foro "Mujeres; derechos y movilidad"'
    cols["Estado"] = labelled("status")

    # Axis: a spelling of an axis (88 %), blank (10 %: taken from the first guideline item,
    # or none when that is blank too); items of that axis, 1-2 of them, in several spellings.
    axes = sorted(sp["axis"])
    ai = rng.integers(0, len(axes), size=n)
    axis_sp = [sp["axis"][a] for a in axes]
    cols["Eje temático"] = np.array(
        [axis_sp[a][k % len(axis_sp[a])] for a, k in zip(ai, rng.integers(0, 60, size=n))],
        dtype=object,
    )
    blank_axis = rng.random(n) < 0.10
    cols["Eje temático"][blank_axis] = ""
    items = [sp["guideline"].get(a, []) for a in axes]
    styles = rng.integers(0, 4, size=n)
    first = rng.integers(0, 1000, size=n)
    second = rng.integers(0, 1000, size=n)
    two = rng.random(n) < 0.35
    none = rng.random(n) < 0.08

    def spell(code: str, style: int) -> str:
        if style == 1:
            return code.lower().replace("-", " ")
        if style == 2:
            return code.lower()
        return code

    g = np.empty(n, dtype=object)
    for i in range(n):
        its = items[ai[i]]
        if none[i] or not its:
            g[i] = ""
            continue
        a = spell(its[first[i] % len(its)], styles[i])
        if two[i] and len(its) > 1:
            sep = "; " if styles[i] != 3 else "|"
            a = a + sep + spell(its[second[i] % len(its)], styles[i])
        g[i] = a
    cols["Lineamientos"] = g

    # Progress: integers with and without %, decimals with a comma, 0 and 100; a few bare
    # fractions (0.45: ambiguous in a column in percent) and bare 1s (read as 1 %).
    pv = rng.integers(0, 101, size=n)
    pf = rng.choice(6, size=n, p=[0.45, 0.3, 0.1, 0.1, 0.045, 0.005])
    prog = np.empty(n, dtype=object)
    pstr = pv.astype(str).astype(object)
    prog[pf == 0] = pstr[pf == 0] + "%"
    prog[pf == 1] = pstr[pf == 1]
    prog[pf == 2] = pstr[pf == 2] + " %"
    prog[pf == 3] = ""
    prog[pf == 4] = (np.char.add(pstr[pf == 4].astype(str), ",5 %")).astype(object)
    frac = pf == 5
    prog[frac] = np.where(rng.random(frac.sum()) < 0.7, "0.45", "1")
    prog[(pf == 4) & (pv == 100)] = "100%"
    cols["Avance (%)"] = prog

    # Start up to a year before the report, end 0-300 days after the start.
    start = np.maximum(reported - rng.integers(0, 365, size=n), 0)
    end = start + rng.integers(0, 300, size=n)
    cols["Fecha de inicio"] = _dates(rng, start, rng.choice(2, size=n, p=[0.7, 0.3]))
    cols["Fecha de fin"] = _dates(rng, end, rng.choice(2, size=n, p=[0.7, 0.3]))
    cols["Fecha de inicio"][rng.random(n) < 0.2] = ""
    cols["Fecha de fin"][rng.random(n) < 0.3] = ""

    for name in COUNT_COLUMNS:
        v = rng.integers(0, 300, size=n)
        big = rng.random(n) < 0.01
        v[big] = rng.integers(1000, 5000, size=big.sum())
        c = v.astype(str).astype(object)
        # "1 200" as some partners type thousands, "45.0" as spreadsheets export integers.
        c[big] = np.array([f"{x // 1000} {x % 1000:03d}" for x in v[big]], dtype=object)
        dotted = rng.random(n) < 0.03
        c[dotted] = c[dotted] + ".0"
        c[rng.random(n) < 0.5] = ""
        cols[name] = c
    cols["Aprobado"] = _pick(rng, ["Sí", "si", "No", "no", "x", ""], n)

    _bad_values(rng, cols, ref)
    return cols


def _bad_values(rng, cols: dict[str, np.ndarray], ref: dict) -> None:
    """One bad value in about BAD_SHARE of the rows."""
    n = len(cols["ID"])
    rows = np.flatnonzero(rng.random(n) < BAD_SHARE)
    kinds, weights = zip(*BAD_KINDS)
    w = np.array(weights, dtype=float)
    which = rng.choice(len(kinds), size=len(rows), p=w / w.sum())
    bad = ref["bad"]
    for r, k in zip(rows, which):
        kind = kinds[k]
        if kind == "unknown_country":
            cols["País"][r] = bad["country"][r % len(bad["country"])]
        elif kind == "bad_report_date":
            cols["Fecha de reporte"][r] = ["31/02/2024", "2023-13-01", "30/02/2022", "ayer"][r % 4]
        elif kind == "missing_report_date":
            cols["Fecha de reporte"][r] = ""
        elif kind == "negative_count":
            cols[COUNT_COLUMNS[r % 5]][r] = f"-{r % 50 + 1}"
        elif kind == "invalid_count":
            cols[COUNT_COLUMNS[r % 5]][r] = ["muchas", "12.5", "n/d"][r % 3]
        elif kind == "end_before_start":
            cols["Fecha de inicio"][r] = "15/06/2024"
            cols["Fecha de fin"][r] = ["01/06/2024", "2024-05-31"][r % 2]
        elif kind == "bad_start":
            cols["Fecha de inicio"][r] = ["30/02/2023", "2024-00-10"][r % 2]
        elif kind == "duplicate_id" and r > 0:
            cols["ID"][r] = cols["ID"][rng.integers(0, r)]
        elif kind == "missing_id":
            cols["ID"][r] = ""  # an empty cell of the ID column rejects the row
        elif kind == "unknown_type":
            cols["Tipo de registro"][r] = bad["entry_type"][r % len(bad["entry_type"])]
        elif kind == "unknown_status":
            cols["Estado"][r] = bad["status"][r % len(bad["status"])]
        elif kind == "missing_title":
            cols["Título"][r] = ""
        elif kind == "missing_institution":
            cols["Institución"][r] = ""
        elif kind == "missing_country":
            cols["País"][r] = ""
        elif kind == "progress_out_of_range":
            cols["Avance (%)"][r] = ["150%", "-5", "101"][r % 3]
        elif kind == "progress_invalid":
            cols["Avance (%)"][r] = ["mucho", "n/a"][r % 2]
        elif kind == "unknown_axis":
            cols["Eje temático"][r] = bad["axis"][r % len(bad["axis"])]
        elif kind == "unknown_guideline":
            g = cols["Lineamientos"][r]
            cols["Lineamientos"][r] = "ZZZ-99; " + g if g else "VCM-99"
        elif kind == "bad_flag":
            cols["Aprobado"][r] = "tal vez"


def matrix(path, rows: int, seed: int = 2024, ref: dict | None = None,
           id_prefix: str = "MS-") -> pathlib.Path:
    """Writes the CSV (UTF-8, `;`, `\\n`) to `path`."""
    if ref is None:
        import reference

        ref = reference.build()
    cols = matrix_columns(rows, seed, ref, id_prefix)
    path = pathlib.Path(path)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(zip(*(cols[h] for h in HEADER)))
    return path


# ---- work plans ----

GROUPS = [f"mesa-{i:02d}" for i in range(20)]
EVENT_KINDS = ["meeting", "webinar", "training"]
OTHER_KINDS = ["research", "campaign", "regulatory", "other"]
ORGANIZATIONS = ["OIM", "ACNUR", "CEPAL", "CIDH"]
PLAN_START = dt.date(2020, 1, 1)
PLAN_END = dt.date(2029, 12, 31)


def plans(n_activities: int, seed: int = 2024, ref: dict | None = None) -> list[dict]:
    """20 working groups, one plan each, over 2020-2029. One activity in 20 is an event
    (meeting, webinar, training) of 1-3 days, with a lead and one participant (member states
    in several spellings, organisations by acronym), so events of different groups clash;
    about 1 % of activities carry one mistake (unknown guideline ref, end before start, a
    missing or blank title, start or end, an unknown participant)."""
    if ref is None:
        import reference

        ref = reference.build()
    rng = np.random.default_rng(seed)
    sp = ref["spellings"]
    axes = sorted(sp["guideline"])
    people = [s for c in sorted(sp["country"]) for s in sp["country"][c][:3]] + ORGANIZATIONS
    per = n_activities // len(GROUPS)
    n = per * len(GROUPS)
    event = rng.random(n) < 0.05
    kind = np.where(event, rng.integers(0, 3, n), rng.integers(0, 4, n))
    start = rng.integers(0, (PLAN_END - PLAN_START).days - 100, n)
    length = np.where(event, rng.integers(0, 3, n), rng.integers(0, 90, n))
    lead = rng.integers(0, len(people), n)
    other = rng.integers(0, len(people), n)
    item = rng.integers(0, 1000, n)
    verb, topic = rng.integers(0, len(VERBS), n), rng.integers(0, len(TOPICS), n)
    target = rng.integers(10, 500, n)
    mistake = np.where(rng.random(n) < 0.01, rng.integers(0, 7, n), -1)
    days = [(PLAN_START + dt.timedelta(days=d)).isoformat() for d in range((PLAN_END - PLAN_START).days + 1)]
    out = []
    for gi, group in enumerate(GROUPS):
        axis = axes[gi % len(axes)]
        items = sp["guideline"][axis]
        acts = []
        for k in range(per):
            i = gi * per + k
            s, e = int(start[i]), int(start[i] + length[i])
            a = {
                "id": f"{group}-{k:05d}",
                "title": f"{VERBS[verb[i]]} {TOPICS[topic[i]]}",
                "kind": EVENT_KINDS[kind[i]] if event[i] else OTHER_KINDS[kind[i]],
                "start": days[s],
                "end": days[e],
                "lead": people[lead[i]],
                "participants": [people[other[i]]],
                "guidelines": [items[item[i] % len(items)]],
                "indicators": [{"name": "Personas", "target": int(target[i])}],
            }
            m = mistake[i]
            if m == 0:
                a["guidelines"].append(f"{axis}-99")
            elif m == 1:
                a["end"] = days[max(s - 1 - int(length[i]), 0)] if s > 0 else days[0]
                a["start"] = days[s + 1]
            elif m in (2, 3, 4):
                del a[["title", "start", "end"][m - 2]]
            elif m == 5:
                a["participants"] = ["Guatemla"]
            elif m == 6:
                a["title"] = "  "
            acts.append(a)
        out.append({
            "id": f"plan-{group}", "working_group": group, "axis": axis,
            "guideline_version": ref["guideline_version"],
            "period": {"start": PLAN_START.isoformat(), "end": PLAN_END.isoformat()},
            "activities": acts,
        })
    return out


def write_plans(path, n_activities: int, seed: int = 2024, ref: dict | None = None) -> pathlib.Path:
    """The plans as JSON Lines: one plan (a JSON object) per line."""
    import json

    path = pathlib.Path(path)
    with open(path, "w", encoding="utf-8") as f:
        for p in plans(n_activities, seed, ref):
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["matrix", "plans"])
    ap.add_argument("--rows", type=int, default=100_000, help="rows or activities")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.what == "matrix":
        matrix(a.out, a.rows, a.seed)
    else:
        write_plans(a.out, a.rows, a.seed)


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    main()
