"""The same job three ways: read a partner's tracking matrix (CSV), check and normalise every
row as docs/matrix.md says, and pivot country x axis x quarter (entries, participants, mean
progress) into a pandas DataFrame.

Each job returns `(accounting, frame)`: `accounting` is `rows_read`, `accepted`, `rejected`
and `rows_with_dropped_values`; `frame` has one row per non-empty cell, columns `country`
(ISO3), `axis` (code, None when the row has none), `quarter` (`2024-Q2`), `entries`,
`participants` (NaN when no entry of the cell reports a count) and `mean_progress` (NaN when
none reports progress).

The pandas and polars jobs implement the library's rules for the values the generator
writes (bench/generate.py), the way a competent analyst would: read every column as text,
resolve each *distinct* spelling once through the lookup tables of bench/reference.py
(codes, labels, yes/no, counts, progress), vectorised parsing and checks, one group-by.
Rules (docs/matrix.md, core/src/matrix/import):

- a row is rejected when a required cell is empty (ID, country, institution, report date,
  entry type, title, status) or unreadable (unknown country, entry type or status, a
  report date that is not a date), and when its id was already used by an accepted row;
- a bad optional value is left out and the row kept (unknown axis or guideline item,
  impossible start/end, end before start, a bad count, progress or yes/no value);
- without a known axis the row takes the axis of its first known guideline item;
- progress: `%` or a bare number above 1 is a percentage; in a column that has such a
  value, a bare 1 is 1 % and a bare fraction (0.45) is ambiguous and left out; in a column
  without, bare fractions make it a column of fractions (every value x 100).
"""

from __future__ import annotations

import re

from reference import normalize_key

MAX_COUNT = 4_294_967_294
COUNTS = ["Mujeres", "Hombres", "Niñas", "Niños", "Sin desagregar"]
_SPLIT = re.compile(r"[;,|\n\r]")
_YES = {"si", "s", "yes", "y", "true", "verdadero", "1", "x"}
_NO = {"no", "n", "false", "falso", "0"}


# ---- value rules shared by the pandas and polars jobs (applied to distinct values) ----

def parse_decimal(s: str):
    s = s.strip()
    if not s:
        return None
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        return None
    return v if v == v and abs(v) != float("inf") else None


def parse_count(s: str):
    """(value, bad): value None when empty or bad."""
    s = s.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None, False
    v = parse_decimal(s)
    if v is None or v != int(v) or v < 0 or v > MAX_COUNT:
        return None, True
    return int(v), False


def parse_progress(s: str):
    """(number, kind) with kind: "" (empty), "exact", "ambiguous" (bare, in (0, 1]),
    "bad" (not a number, out of range)."""
    s = s.strip()
    if not s:
        return None, ""
    if s.endswith("%"):
        v = parse_decimal(s[:-1])
        if v is None or not 0 <= v <= 100:
            return None, "bad"
        return v, "exact%"
    v = parse_decimal(s)
    if v is None:
        return None, "bad"
    if 0 < v <= 1:
        return v, "ambiguous"
    if not 0 <= v <= 100:
        return None, "bad"
    return v, "exact"


def parse_flag(s: str):
    """True when the cell is not empty and not a yes/no value (left out)."""
    k = normalize_key(s)
    return bool(s.strip()) and k not in _YES and k not in _NO


def guideline_cell(s: str, table: dict):
    """(axis of the first known item, whether some item is unknown)."""
    axis, unknown = None, False
    for part in _SPLIT.split(s):
        part = part.strip()
        if not part:
            continue
        g = table.get(normalize_key(part))
        if g is None:
            unknown = True
        elif axis is None:
            axis = g[1]
    return axis, unknown


def axis_cell(s: str, table: dict):
    """(axis code, whether the cell was left out as unknown)."""
    if not s.strip():
        return None, False
    code = table.get(normalize_key(s))
    return code, code is None


def percent_rule(kinds_values):
    """The column-level decision from the distinct (number, kind) pairs of the column:
    returns (in_percent, fractions)."""
    in_percent = any(k == "exact%" or (k == "exact" and v > 1) for v, k in kinds_values)
    fraction = any(k == "ambiguous" and v < 1 for v, k in kinds_values)
    return in_percent, (not in_percent) and fraction


# ---- lineamientos ----

def lineamientos_job(path, ref=None):
    import lineamientos as lm
    import pandas as pd

    m = lm.Matrix.read_csv(path)
    r = m.import_report
    acc = {"rows_read": r.rows_read, "accepted": r.accepted, "rejected": r.rejected,
           "rows_with_dropped_values": r.rows_with_dropped_values}
    dims = ["country", "axis", "period"]
    frames = []
    for measure, name in (("count", None), ("participants", "participants"),
                          ("mean_progress", "mean_progress")):
        t = m.pivot(rows=dims, period="quarter", measure=measure).to_pandas()
        t = t.set_index(dims)
        frames.append(t[["entries"]] if name is None else t[["value"]].rename(columns={"value": name}))
    df = pd.concat(frames, axis=1).reset_index().rename(columns={"period": "quarter"})
    return acc, df


# ---- pandas ----

def pandas_job(path, ref):
    import numpy as np
    import pandas as pd

    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, engine="pyarrow")
    n = len(df)

    def distinct(col):
        """The distinct values of a column and each row's index into them."""
        codes, uniques = pd.factorize(df[col])
        return uniques, codes

    def per_distinct(col, fn, dtype=object):
        uniques, codes = distinct(col)
        return np.array([fn(v) for v in uniques], dtype=dtype)[codes]

    def lookup(col, table):
        uniques, codes = distinct(col)
        cat = pd.Categorical([table.get(normalize_key(v)) for v in uniques])
        return pd.Categorical.from_codes(cat.codes[codes], categories=cat.categories)

    def dates(col):
        """(each row's date or NaT, whether its cell is not empty)."""
        uniques, codes = distinct(col)
        u = pd.Series(uniques).str.strip()
        d = pd.to_datetime(u, format="%d/%m/%Y", errors="coerce")
        d = d.fillna(pd.to_datetime(u.where(u.str.len() == 10), format="%Y-%m-%d", errors="coerce"))
        d = d.fillna(pd.to_datetime(u, format="%m/%d/%Y", errors="coerce"))  # month-first
        d = d.where((d.dt.year >= 1900) & (d.dt.year <= 2200))
        return d.to_numpy()[codes], (u != "").to_numpy()[codes]

    country = lookup("País", ref["country"])
    entry_type = lookup("Tipo de registro", ref["entry_type"])
    status = lookup("Estado", ref["status"])
    reported, _ = dates("Fecha de reporte")
    ids = df["ID"].str.strip()
    ok = (
        (ids != "").to_numpy()
        & ~pd.isna(country)
        & per_distinct("Institución", lambda v: bool(v.strip()), bool)
        & ~pd.isna(reported)
        & ~pd.isna(entry_type)
        & (df["Título"].str.strip() != "").to_numpy()
        & ~pd.isna(status)
    )
    # The first accepted row keeps its id; later accepted rows with it are rejected.
    accepted = ok.copy()
    accepted[ok] = ~ids[ok].duplicated(keep="first").to_numpy()

    # Axis: as written, else from the first known guideline item.
    uniques, codes = distinct("Eje temático")
    parsed = [axis_cell(v, ref["axis"]) for v in uniques]
    axis = np.array([a for a, _ in parsed], dtype=object)[codes]
    axis_bad = np.array([b for _, b in parsed], dtype=bool)[codes]
    uniques, codes = distinct("Lineamientos")
    parsed = [guideline_cell(v, ref["guideline"]) for v in uniques]
    g_axis = np.array([a for a, _ in parsed], dtype=object)[codes]
    g_bad = np.array([b for _, b in parsed], dtype=bool)[codes]
    axis = np.where(pd.isna(axis), g_axis, axis)

    uniques, codes = distinct("Avance (%)")
    parsed = [parse_progress(v) for v in uniques]
    in_percent, fractions = percent_rule(parsed)
    value = np.array([np.nan if v is None else v for v, _ in parsed])
    kind = np.array([k for _, k in parsed], dtype=object)
    if fractions:
        value = value * 100
        p_bad = kind == "bad"
    else:
        ambiguous = (kind == "ambiguous") & ~(in_percent & (value == 1))
        value[ambiguous] = np.nan
        p_bad = (kind == "bad") | ambiguous
    progress, p_bad = value[codes], p_bad[codes]

    start, start_given = dates("Fecha de inicio")
    end, end_given = dates("Fecha de fin")
    start_bad = pd.isna(start) & start_given
    end_bad = pd.isna(end) & end_given
    end_before = ~pd.isna(start) & ~pd.isna(end) & (end < start)

    total = np.zeros(n)
    reported_any = np.zeros(n, dtype=bool)
    count_bad = np.zeros(n, dtype=bool)
    for col in COUNTS:
        uniques, codes = distinct(col)
        parsed = [parse_count(v) for v in uniques]
        v = np.array([np.nan if x is None else x for x, _ in parsed])[codes]
        count_bad |= np.array([b for _, b in parsed], dtype=bool)[codes]
        reported_any |= ~np.isnan(v)
        total += np.nan_to_num(v)
    flag_bad = per_distinct("Aprobado", parse_flag, bool)

    dropped = axis_bad | g_bad | p_bad | start_bad | end_bad | end_before | count_bad | flag_bad
    acc = {"rows_read": n, "accepted": int(accepted.sum()), "rejected": int(n - accepted.sum()),
           "rows_with_dropped_values": int((dropped & accepted).sum())}

    rd = pd.DatetimeIndex(reported[accepted])
    rows = pd.DataFrame({
        "country": country[accepted],
        "axis": pd.Categorical(axis[accepted]),
        "year": rd.year,
        "q": rd.quarter,
        "participants": np.where(reported_any, total, np.nan)[accepted],
        "progress": progress[accepted],
    })
    return acc, _pandas_group(rows)


def _pandas_group(rows):
    import pandas as pd

    g = rows.groupby(["country", "axis", "year", "q"], observed=True, dropna=False, sort=False)
    out = pd.DataFrame({
        "entries": g.size(),
        "participants": g["participants"].sum(min_count=1),
        "mean_progress": g["progress"].mean(),
    }).reset_index()
    out["quarter"] = out["year"].astype(str) + "-Q" + out["q"].astype(str)
    out["country"] = out["country"].astype(str)
    out["axis"] = out["axis"].astype(object).where(out["axis"].notna(), None)
    return out[["country", "axis", "quarter", "entries", "participants", "mean_progress"]]


# ---- polars ----

def polars_job(path, ref):
    import polars as pl

    df = pl.read_csv(path, separator=";", infer_schema=False, empty_string_is_null=False)
    n = df.height
    uniques: dict = {}

    def per_distinct(col, fn, dtype):
        """`col` mapped through `fn`, which runs once per distinct value."""
        if col not in uniques:
            uniques[col] = df.get_column(col).unique().to_list()
        return pl.col(col).replace_strict({v: fn(v) for v in uniques[col]}, return_dtype=dtype)

    def lookup(col, table):
        return per_distinct(col, lambda v: table.get(normalize_key(v)), pl.String)

    def date(col):
        s = pl.col(col)
        return pl.coalesce(
            s.str.strptime(pl.Date, "%d/%m/%Y", strict=False),
            pl.when(s.str.len_bytes() == 10).then(s).str.strptime(pl.Date, "%Y-%m-%d", strict=False),
            s.str.strptime(pl.Date, "%m/%d/%Y", strict=False),  # month-first
        )

    def number(col):
        """A decimal as written in the region (decimal comma when there is no dot)."""
        s = pl.col(col)
        comma = s.str.contains(",", literal=True) & ~s.str.contains(".", literal=True)
        return pl.when(comma).then(s.str.replace(",", ".", literal=True)).otherwise(s) \
            .cast(pl.Float64, strict=False)

    dates = {"reported": "Fecha de reporte", "start": "Fecha de inicio", "end": "Fecha de fin"}
    counts = [f"c{i}" for i in range(len(COUNTS))]
    lf = (
        df.lazy()
        # Cells trimmed, except those resolved once per distinct spelling (codes, labels).
        .with_columns(pl.exclude("País", "Tipo de registro", "Estado", "Eje temático", "Lineamientos",
                                 "Aprobado").str.strip_chars())
        .with_columns(
            lookup("País", ref["country"]).alias("country"),
            lookup("Tipo de registro", ref["entry_type"]).alias("entry_type"),
            lookup("Estado", ref["status"]).alias("status"),
            per_distinct("Eje temático", lambda v: axis_cell(v, ref["axis"])[0], pl.String).alias("axis0"),
            per_distinct("Eje temático", lambda v: axis_cell(v, ref["axis"])[1], pl.Boolean).alias("axis_bad"),
            per_distinct("Lineamientos", lambda v: guideline_cell(v, ref["guideline"])[0], pl.String).alias("g_axis"),
            per_distinct("Lineamientos", lambda v: guideline_cell(v, ref["guideline"])[1], pl.Boolean).alias("g_bad"),
            per_distinct("Aprobado", parse_flag, pl.Boolean).alias("flag_bad"),
            *(date(col).alias(name) for name, col in dates.items()),
            pl.col("Avance (%)").str.ends_with("%").alias("pct"),
            pl.col("Avance (%)").str.strip_suffix("%").str.strip_chars().alias("p_body"),
            *(pl.col(col).str.replace_all(r"[ \u00a0]", "").alias(f"s{i}") for i, col in enumerate(COUNTS)),
        )
        .with_columns(
            *(pl.when(pl.col(name).dt.year().is_between(1900, 2200)).then(name).alias(name) for name in dates),
            number("p_body").alias("pv"),
            *(number(f"s{i}").alias(f"v{i}") for i in range(len(COUNTS))),
        )
        .with_columns(
            # Progress: a value in 0-100; with `%` or above 1 it is evidence of a column in percent.
            p_ok=(pl.col("pv").is_between(0, 100)).fill_null(False),
            p_bare01=~pl.col("pct") & (pl.col("pv") > 0) & (pl.col("pv") <= 1),
            *(((pl.col(f"v{i}") >= 0) & (pl.col(f"v{i}") <= MAX_COUNT) & (pl.col(f"v{i}").floor() == pl.col(f"v{i}")))
              .alias(f"good{i}") for i in range(len(COUNTS))),
        )
        .with_columns(
            # Column-level evidence, over every row (rejected ones too).
            in_percent=(pl.col("p_ok") & (pl.col("pct") | (pl.col("pv") > 1))).any(),
            fraction_seen=(pl.col("p_ok") & ~pl.col("pct") & (pl.col("pv") > 0) & (pl.col("pv") < 1)).any(),
            *(pl.when(f"good{i}").then(f"v{i}").alias(c) for i, c in enumerate(counts)),
            count_bad=pl.any_horizontal((pl.col(f"s{i}") != "") & ~pl.col(f"good{i}").fill_null(False)
                                        for i in range(len(COUNTS))),
        )
        .with_columns(
            fractions=~pl.col("in_percent") & pl.col("fraction_seen"),
        )
        .with_columns(
            # Ambiguous bare numbers in (0, 1]: fractions in a column of fractions; a bare 1 is
            # 1 % in a column in percent; otherwise left out.
            p_dropped=((pl.col("Avance (%)") != "") & ~pl.col("p_ok"))
            | (pl.col("p_ok") & pl.col("p_bare01") & ~pl.col("fractions")
               & ~(pl.col("in_percent") & (pl.col("pv") == 1))),
        )
        .with_columns(
            ok=(pl.col("ID") != "") & pl.col("country").is_not_null() & (pl.col("Institución") != "")
            & pl.col("reported").is_not_null() & pl.col("entry_type").is_not_null()
            & (pl.col("Título") != "") & pl.col("status").is_not_null(),
            axis=pl.coalesce("axis0", "g_axis"),
            participants=pl.when(pl.any_horizontal(pl.col(counts).is_not_null()))
            .then(pl.sum_horizontal(counts)),
            progress=pl.when(pl.col("p_ok") & ~pl.col("p_dropped"))
            .then(pl.when("fractions").then(pl.col("pv") * 100).otherwise("pv")),
            dropped=pl.col("axis_bad") | pl.col("g_bad") | pl.col("p_dropped") | pl.col("flag_bad")
            | pl.col("count_bad")
            | (pl.col("start").is_null() & (pl.col("Fecha de inicio") != ""))
            | (pl.col("end").is_null() & (pl.col("Fecha de fin") != ""))
            | (pl.col("end") < pl.col("start")).fill_null(False),
        )
        # The first accepted row (in file order) keeps its id.
        .with_columns(accepted=pl.col("ok") & pl.when("ok").then("ID").is_first_distinct())
        .select("accepted", "dropped", "country", "axis", "reported", "participants", "progress")
    )
    rows = lf.collect()
    accepted = int(rows.get_column("accepted").sum())
    dropped = int((rows.get_column("accepted") & rows.get_column("dropped")).sum())
    acc = {"rows_read": n, "accepted": accepted, "rejected": n - accepted,
           "rows_with_dropped_values": dropped}
    out = (
        rows.lazy().filter("accepted")
        .group_by("country", "axis", pl.col("reported").dt.year().alias("year"),
                  pl.col("reported").dt.quarter().alias("q"))
        .agg(
            entries=pl.len(),
            participants=pl.when(pl.col("participants").count() > 0).then(pl.col("participants").sum()),
            mean_progress=pl.col("progress").mean(),
        )
        .with_columns(quarter=pl.format("{}-Q{}", "year", "q"))
        .select("country", "axis", "quarter", "entries", "participants", "mean_progress")
        .collect()
    )
    return acc, out.to_pandas()


JOBS = {"lineamientos": lineamientos_job, "pandas": pandas_job, "polars": polars_job}
