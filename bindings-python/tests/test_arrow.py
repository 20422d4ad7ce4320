"""Arrow in, Arrow out: ``Matrix.from_arrow`` reads a stream of record batches with the
findings of ``Matrix.read_csv`` on the same table written as CSV (the example matrix, every
matrix vector with CSV input, every CSV of the bad-input corpus; string columns, and typed
columns where the CSV round trip is lossless); each Arrow type becomes the cell text the
conversion table documents; entries and findings go out in batches."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
import pathlib
from typing import Any, Dict, List, Optional, Tuple

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import lineamientos as lm

from conftest import REPO, VECTORS

EXAMPLES = sorted((REPO / "examples" / "data").glob("*.csv"))
BAD = REPO / "tests" / "bad-inputs"


def _rows(data: bytes) -> List[List[str]]:
    """The rows of a CSV file, as Python's csv module reads them (blank lines as empty
    rows, so that rows keep their numbers)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delim = max([";", "\t", ","], key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))


def _string_table(rows: List[List[str]]) -> pa.Table:
    """The rows as a table of string columns: the first row names them (blank names get a
    placeholder: Arrow needs none, the CSV writer does), short rows are padded with nulls,
    blank rows are all nulls."""
    header = rows[0] if rows else []
    width = max([len(r) for r in rows] + [0])
    names = [header[i] if i < len(header) else "" for i in range(width)]
    cols: List[List[Optional[str]]] = [[] for _ in range(width)]
    for r in rows[1:]:
        for i in range(width):
            cols[i].append(r[i] if i < len(r) else None)
    arrays = [pa.array(c, type=pa.string()) for c in cols]
    return pa.Table.from_arrays(arrays, names=names)


def _as_csv(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pacsv.write_csv(table, buf)
    return buf.getvalue()


def _findings(r: lm.ImportReport, values: bool = True) -> List[Tuple[Any, ...]]:
    return [
        (
            d.code,
            d.severity,
            d.path,
            d.row,
            d.column,
            d.value if values else None,
            d.suggestion,
            tuple(sorted(d.params.items())) if values else None,
        )
        for d in r.diagnostics
    ]


def _same(name: str, a: lm.Matrix, b: lm.Matrix, values: bool = True) -> None:
    ra, rb = a.import_report, b.import_report
    assert (ra.rows_read, ra.accepted, ra.rejected) == (rb.rows_read, rb.accepted, rb.rejected), name
    assert ra.rows_read == ra.accepted + ra.rejected, name
    assert ra.rejected_rows == rb.rejected_rows, name
    assert _findings(ra, values) == _findings(rb, values), name
    assert ra.summary == rb.summary, name
    assert a.entries() == b.entries(), name


def _outcome(f: Any) -> Tuple[str, Any]:
    try:
        return ("ok", f())
    except lm.LineamientosError as e:
        return ("error", (e.code, e.details.get("what")))


def _check_strings(name: str, data: bytes, **options: Any) -> None:
    rows = _rows(data)
    if rows and any("\x00" in c for c in rows[0]):
        # Arrow's C interface passes column names as C strings: a name cannot hold a NUL
        # (UTF-16 and binary files read as text). core/tests/matrix_stream.rs covers them.
        return
    table = _string_table(rows)
    s = _outcome(lambda: lm.Matrix.from_arrow(table, **options))
    c = _outcome(lambda: lm.Matrix.read_csv(_as_csv(table), **options))
    assert s[0] == c[0], f"{name}: {s} / {c}"
    if s[0] == "ok" and c[1].import_report.with_code("unbalanced_quote"):
        # The one check proper to CSV files (a cell with a line break and a row's worth of
        # delimiters taken for an unclosed quote): a table's cell is what it is.
        rest = [f for f in _findings(c[1].import_report) if f[0] != "unbalanced_quote"]
        assert _findings(s[1].import_report) == rest, name
    elif s[0] == "ok":
        _same(name, s[1], c[1])
    else:
        assert s[1] == c[1], name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_matrix_reads_as_from_csv(path: pathlib.Path) -> None:
    data = path.read_bytes()
    _check_strings(path.name, data)
    _check_strings(path.name, data, strict=True)
    # The file itself (no rewriting): the same findings too.
    table = _string_table(_rows(data))
    _same(path.name, lm.Matrix.from_arrow(table), lm.Matrix.read_csv(data))


def _csv_vectors() -> List[pathlib.Path]:
    out = []
    for p in sorted((VECTORS / "matrix").glob("*.json")):
        if "input_csv" in json.loads(p.read_text(encoding="utf-8")):
            out.append(p)
    return out


@pytest.mark.parametrize("path", _csv_vectors(), ids=lambda p: p.stem)
def test_every_csv_vector_reads_as_from_csv(path: pathlib.Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    options = dict(case.get("options") or {})
    options.pop("delimiter", None)
    _check_strings(path.stem, case["input_csv"].encode("utf-8"), **options)


def _bad_csv() -> List[Dict[str, Any]]:
    manifest = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))
    return [e for e in manifest["entries"] if e["reader"] == "csv" and "recipe" not in e]


@pytest.mark.parametrize("entry", _bad_csv(), ids=lambda e: e["file"])
def test_every_bad_input_csv_reads_as_from_csv(entry: Dict[str, Any]) -> None:
    options = dict(entry.get("options") or {})
    options.pop("delimiter", None)
    _check_strings(entry["file"], (BAD / entry["file"]).read_bytes(), **options)


def _retyped(table: pa.Table) -> pa.Table:
    """Each text column cast to the first type that holds every value: int64, float64, or a
    date (ISO or dd/mm/yyyy); empty cells become nulls. Other columns stay as they are."""
    import pyarrow.compute as pc

    cols = []
    for col in table.columns:
        if not pa.types.is_string(col.type):
            cols.append(col)
            continue
        col = pc.if_else(pc.equal(pc.utf8_trim_whitespace(col), ""), pa.scalar(None, pa.string()), col)
        out = col
        for cast in (
            lambda c: c.cast(pa.int64()),
            lambda c: c.cast(pa.float64()),
            lambda c: pc.strptime(c, "%Y-%m-%d", "s").cast(pa.date32()),
            lambda c: pc.strptime(c, "%d/%m/%Y", "s").cast(pa.date32()),
        ):
            try:
                out = cast(col)
                break
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                continue
        cols.append(out)
    return pa.Table.from_arrays(cols, names=table.column_names)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_typed_columns_read_as_their_csv(path: pathlib.Path) -> None:
    """pyarrow's CSV reader types the columns (int64 counts, date32 ISO dates, float64
    progress, bool...): the typed table reads as the file does. Values may be spelt
    otherwise (45.0 as 45), so findings are compared without them."""
    data = path.read_bytes()
    first, rest = data.split(b"\n", 1)
    if b"Pa\xc3\xads" not in first and b"Country" not in first:
        data = rest  # a title row: pyarrow's header is the next row
    first = data.split(b"\n", 1)[0].decode("utf-8-sig")
    delim = max([";", "\t", ","], key=first.count)
    typed = _retyped(
        pacsv.read_csv(io.BytesIO(data), parse_options=pacsv.ParseOptions(delimiter=delim))
    )
    kinds = {str(t) for t in typed.schema.types}
    assert kinds - {"string"}, kinds  # some column is typed
    from_file = lm.Matrix.read_csv(data)
    _same(path.name, lm.Matrix.from_arrow(typed), from_file, values=False)
    # polars and pandas hand the same stream over (pandas: counts with gaps become float64
    # with NaN, which read as 120 and as empty cells).
    pl = pytest.importorskip("polars")
    _same(path.name, lm.Matrix.from_arrow(pl.from_arrow(typed)), from_file, values=False)
    df = typed.to_pandas()
    if hasattr(df, "__arrow_c_stream__"):
        _same(path.name, lm.Matrix.from_arrow(df), from_file, values=False)


def test_batches_in_any_size_read_the_same() -> None:
    path = REPO / "examples" / "data" / "matriz_seguimiento.csv"
    table = _string_table(_rows(path.read_bytes()))
    whole = lm.Matrix.from_arrow(table)
    for size in (1, 3, 7, 1000):
        reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=size))
        _same(f"batches of {size}", lm.Matrix.from_arrow(reader), whole)


REQUIRED = {
    "País": "MEX",
    "Institución": "INMUJERES",
    "Fecha de reporte": "2024-05-02",
    "Tipo de registro": "Evento",
    "Estado": "En curso",
}

# (Arrow array of one value, text the title reads as)
CONVERSIONS: List[Tuple[pa.Array, Optional[str]]] = [
    (pa.array(["Foro"], pa.string()), "Foro"),
    (pa.array(["Foro"], pa.large_string()), "Foro"),
    (pa.array(["Foro"], pa.string_view()), "Foro"),
    (pa.array(["Foro"]).dictionary_encode(), "Foro"),
    (pa.DictionaryArray.from_arrays(pa.array([1], pa.int8()), pa.array([7, 9], pa.int64())), "9"),
    (pa.array([-3], pa.int8()), "-3"),
    (pa.array([120], pa.int16()), "120"),
    (pa.array([120], pa.int32()), "120"),
    (pa.array([2**40], pa.int64()), str(2**40)),
    (pa.array([7], pa.uint8()), "7"),
    (pa.array([7], pa.uint16()), "7"),
    (pa.array([7], pa.uint32()), "7"),
    (pa.array([2**64 - 1], pa.uint64()), str(2**64 - 1)),
    (pa.array([120.0], pa.float64()), "120"),
    (pa.array([0.45], pa.float64()), "0.45"),
    (pa.array([1e20], pa.float64()), "100000000000000000000"),
    (pa.array([0.45], pa.float32()), "0.45"),
    (pa.array([1.5], pa.float16()), "1.5"),
    (pa.array([decimal.Decimal("12.50")], pa.decimal128(5, 2)), "12.50"),
    (pa.array([True], pa.bool_()), "true"),
    (pa.array([datetime.date(2024, 5, 2)], pa.date32()), "2024-05-02"),
    (pa.array([datetime.date(2024, 5, 2)], pa.date64()), "2024-05-02"),
    (pa.array([datetime.datetime(2024, 5, 2, 23, 59)], pa.timestamp("s")), "2024-05-02"),
    (pa.array([datetime.datetime(2024, 5, 2, 23, 59)], pa.timestamp("ms")), "2024-05-02"),
    (pa.array([datetime.datetime(2024, 5, 2, 23, 59)], pa.timestamp("us")), "2024-05-02"),
    (pa.array([datetime.datetime(1969, 12, 31, 23, 59)], pa.timestamp("ns")), "1969-12-31"),
    (pa.array([float("nan")], pa.float64()), None),
    (pa.array([None], pa.string()), None),
    (pa.DictionaryArray.from_arrays(pa.array([None], pa.int32()), pa.array([], pa.string())), None),
    (pa.array([None], pa.null()), None),
]


def _one_row(title: pa.Array) -> pa.Table:
    cols = {k: pa.array([v]) for k, v in REQUIRED.items()}
    cols["Título"] = title
    return pa.table(cols)


@pytest.mark.parametrize("array,text", CONVERSIONS, ids=lambda x: str(getattr(x, "type", x)))
def test_each_arrow_type_reads_as_its_documented_text(array: pa.Array, text: Optional[str]) -> None:
    m = lm.Matrix.from_arrow(_one_row(array))
    if text is None:
        # A null (or NaN) is an empty cell: the title is missing.
        assert [d.code for d in m.import_report.diagnostics] == ["missing_field"]
        return
    assert m.entry(0)["title"] == text
    # And as the CSV import reads that text.
    c = lm.Matrix.read_csv(_as_csv(_one_row(pa.array([text]))))
    assert m.entries() == c.entries()


@pytest.mark.parametrize(
    "array",
    [
        pa.array([["VCM-1"]], pa.list_(pa.string())),
        pa.array([{"a": 1}]),
        pa.array([b"x"], pa.binary()),
        pa.array([datetime.datetime(2024, 5, 2)], pa.timestamp("us", tz="America/Mexico_City")),
        pa.array([datetime.time(12, 0)], pa.time64("us")),
        pa.array([datetime.timedelta(days=1)], pa.duration("s")),
    ],
    ids=lambda a: str(a.type),
)
def test_unsupported_types_are_an_error_naming_the_column(array: pa.Array) -> None:
    with pytest.raises(lm.InvalidValueError) as e:
        lm.Matrix.from_arrow(_one_row(array))
    assert e.value.code == "invalid_value"
    assert e.value.details["path"] == "/columns/Título"
    assert e.value.details["value"] == str(array.type) or e.value.details["value"]


def test_not_an_arrow_stream_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        lm.Matrix.from_arrow([{"País": "MEX"}])


def test_limits_are_those_of_the_csv_import() -> None:
    path = REPO / "examples" / "data" / "matriz_seguimiento.csv"
    table = _string_table(_rows(path.read_bytes()))
    for options in ({"max_rows": 3}, {"max_cell_chars": 5}, {"max_columns": 4}):
        with pytest.raises(lm.LimitExceededError) as s:
            lm.Matrix.from_arrow(table, **options)
        with pytest.raises(lm.LimitExceededError) as c:
            lm.Matrix.read_csv(_as_csv(table), **options)
        assert s.value.details["what"] == c.value.details["what"], options
    with pytest.raises(lm.InvalidValueError):
        lm.Matrix.from_arrow(table, strikt=True)


def test_entries_and_findings_go_out_in_batches() -> None:
    path = REPO / "examples" / "data" / "matriz_seguimiento.csv"
    m = lm.Matrix.read_csv(path)
    assert len(m) > 10
    t = m.to_arrow_batches(max_rows=4)
    assert t.batch_rows == 4 and t.num_rows == len(m)
    batches = list(pa.RecordBatchReader.from_stream(t))
    assert [b.num_rows for b in batches[:-1]] == [4] * (len(batches) - 1)
    assert 1 <= batches[-1].num_rows <= 4
    whole = pa.table(m)
    assert pa.Table.from_batches(batches).equals(whole)
    assert m.to_arrow_batches().batch_rows == 65536
    case = json.loads((VECTORS / "matrix" / "import-bad-country.json").read_text(encoding="utf-8"))
    r = lm.Matrix.read_csv(case["input_csv"].encode()).import_report
    assert len(r.diagnostics) > 1
    f = r.to_arrow_batches(max_rows=1, lang="en")
    fb = list(pa.RecordBatchReader.from_stream(f))
    assert sum(b.num_rows for b in fb) == len(r.diagnostics)
    assert all(b.num_rows <= 1 for b in fb)
    assert pa.Table.from_batches(fb, schema=pa.table(r.to_table("en")).schema).equals(pa.table(r.to_table("en")))
    # An empty table is one empty batch.
    empty = lm.Matrix.read_csv(b"").to_arrow_batches(max_rows=3)
    assert [b.num_rows for b in pa.RecordBatchReader.from_stream(empty)] == [0]
    for bad in (0, -1, 2.5, "10"):
        with pytest.raises(lm.InvalidValueError):
            m.to_arrow_batches(max_rows=bad)  # type: ignore[arg-type]
    # The entries' own table has list columns (guidelines, stages): not cells.
    with pytest.raises(lm.InvalidValueError) as e:
        lm.Matrix.from_arrow(m.to_arrow_batches(max_rows=5))
    assert e.value.details["path"] == "/columns/guidelines"
