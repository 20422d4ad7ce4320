"""The tracking matrix: import from CSV / XLSX / records / DataFrames, exports, pivot tables
with Arrow / pandas / polars interop, analyses."""

from __future__ import annotations

import datetime
import io

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import lineamientos as lm

CSV = (
    "\ufeffID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Estado;"
    "Eje;Lineamientos;Avance (%);Mujeres;Niñas;Aprobado\n"
    "MX-1;México;INMUJERES;02/05/2024;Buena práctica;Ruta de atención;En curso;VCM;VCM-1;45%;120;14;sí\n"
    "MX-2;mexico;INMUJERES;2024-08-03;Capacitación;Diplomado;Completado;EMP;EMP-1;100;30;;no\n"
    "GT-1;Guatemala;SEPREM;2024-05-03;Avance;Protocolo;En curso;VCM;VCM-2;20;3;;sí\n"
    "GT-2;Guatemla;SEPREM;2024-05-04;Avance;Otro;En curso;VCM;VCM-1;10;5;;sí\n"
)


@pytest.fixture(scope="module")
def m() -> lm.Matrix:
    return lm.Matrix.read_csv(CSV.encode("utf-8"))


def test_import_report_counts_and_cells(m: lm.Matrix) -> None:
    r = m.import_report
    assert (r.rows_read, r.accepted, r.rejected) == (4, 3, 1)
    assert r.rows_read == r.accepted + r.rejected
    assert r.rejected_rows == [5]
    d = r.with_code("unknown_code")[0]
    assert (d.row, d.column, d.value, d.suggestion) == (5, "País", "Guatemla", "GTM")
    assert not r.ok and r.summary["errors"] >= 1
    assert r.delimiter == ";" and r.encoding
    assert {c["column"] for c in r.columns} >= {"País", "Mujeres"}
    assert len(m) == 3
    assert "ImportReport" in repr(r) and "rejected" in r._repr_html_()
    assert list(r.to_pandas("en").columns)[:4] == ["code", "severity", "path", "row"]
    assert pa.table(r).num_rows == len(r)


def test_entries_are_resolved(m: lm.Matrix) -> None:
    e = m.entry(0)
    assert e["country"] == "MEX" and e["entry_type"] == "good_practice" and e["status"] == "ongoing"
    assert e["reported_on"] == "2024-05-02" and e["progress"] == 45.0
    assert e["participants"] == {"women": 120, "girls": 14}
    assert m.entry(99) is None
    assert [x["id"] for x in m.entries()] == ["MX-1", "MX-2", "GT-1"]


def test_read_from_path_file_like_and_options(tmp_path) -> None:
    p = tmp_path / "matriz.csv"
    p.write_bytes(CSV.encode("utf-8"))
    assert len(lm.Matrix.read_csv(p)) == 3
    assert len(lm.Matrix.read_csv(str(p))) == 3
    assert len(lm.Matrix.read_csv(io.BytesIO(CSV.encode("utf-8")))) == 3
    strict = lm.Matrix.read_csv(CSV.encode("utf-8"), strict=True)
    assert strict.import_report.accepted <= 3
    with pytest.raises(lm.LimitExceededError):
        lm.Matrix.read_csv(CSV.encode("utf-8"), max_rows=1)
    with pytest.raises(lm.InvalidValueError):
        lm.Matrix.read_csv(CSV.encode("utf-8"), delimiter="ñ")
    with pytest.raises(lm.UnknownCodeError):
        lm.Matrix.read_csv(CSV.encode("utf-8"), guideline_version="1999")
    with pytest.raises(lm.IoError):
        lm.Matrix.read_csv(tmp_path / "missing.csv")
    with pytest.raises(TypeError):
        lm.Matrix.read_csv(12)  # type: ignore[arg-type]


def test_csv_and_excel_round_trips(m: lm.Matrix, tmp_path) -> None:
    text = m.to_csv(lang="en")
    assert text is not None and text.startswith("ID,Country")
    again = lm.Matrix.read_csv(text.encode("utf-8"))
    assert again.entries() == m.entries()
    xlsx = m.to_excel(lang="es")
    assert isinstance(xlsx, bytes) and xlsx[:2] == b"PK"
    back = lm.Matrix.read_excel(xlsx)
    assert back.entries() == m.entries()
    path = tmp_path / "m.xlsx"
    assert m.to_excel(path) is None
    assert lm.Matrix.read_excel(path, sheet="Matriz").entries() == m.entries()
    with pytest.raises(lm.InvalidFileError) as info:
        lm.Matrix.read_excel(b"this is not a workbook")
    assert info.value.code == "invalid_file"
    assert m.to_csv(tmp_path / "m.csv") is None and (tmp_path / "m.csv").stat().st_size > 0


def test_to_pandas_polars_arrow(m: lm.Matrix) -> None:
    df = m.to_pandas()
    assert list(df.columns)[:6] == ["id", "country", "institution", "reported_on", "entry_type", "title"]
    assert list(df["country"]) == ["MEX", "MEX", "GTM"]
    assert df["reported_on"].iloc[0] == datetime.date(2024, 5, 2)
    assert list(df["guidelines"].iloc[0]) == ["VCM-1"]
    table = pa.table(m)
    assert table.schema.field("reported_on").type == pa.date32()
    assert table.schema.field("guidelines").type == pa.list_(pa.string())
    assert table.schema.field("women").type == pa.int64()
    pdf = pl.DataFrame(m)
    assert pdf.height == 3 and pdf["women"].to_list() == [120, 30, 3]


def test_from_records_and_from_pandas(m: lm.Matrix) -> None:
    records = m.entries()
    again = lm.Matrix.from_records(records)
    assert again.entries() == records
    df = m.to_pandas()
    back = lm.Matrix.from_pandas(df)
    assert back.entries() == records, back.import_report.to_dict()
    assert lm.Matrix.from_pandas(pl.DataFrame(m)).entries() == records
    bad = dict(records[0], country="Narnia")
    r = lm.Matrix.from_records([bad]).import_report
    assert (r.accepted, r.rejected) == (0, 1)
    assert r.diagnostics[0].code == "unknown_code" and r.diagnostics[0].path.startswith("/0/")
    with pytest.raises(lm.InvalidJsonError):
        lm.Matrix.from_records([{"id": "x"}])  # not an entry
    with pytest.raises(TypeError):
        lm.Matrix.from_records({"id": "x"})  # type: ignore[arg-type]


def test_pivot_cells_totals_and_frames(m: lm.Matrix) -> None:
    t = m.pivot(rows="country", cols="axis", measure="count")
    assert t.rows == [["GTM"], ["MEX"]] and t.cols == [["EMP"], ["VCM"]]
    assert t.value(["MEX"], ["VCM"]) == 1.0 and t.value("GTM", "VCM") == 1.0
    assert t.value(["GTM"], ["EMP"]) is None and t.cell(["GTM"], ["EMP"]) is None
    assert [x["value"] for x in t.row_totals] == [1.0, 2.0]
    assert t.grand_total["value"] == 3.0
    assert t.row_dims == ["country"] and t.col_dims == ["axis"] and t.measure == "count"
    assert t.row_labels("es") == [["Guatemala"], ["México"]]
    long = t.to_pandas()
    assert list(long.columns) == ["country", "axis", "value", "entries", "suppressed"]
    assert len(long) == len(t.cells) == 3
    assert pl.DataFrame(t).height == 3 and t.to_polars().height == 3
    assert pa.table(t).column_names[:2] == ["country", "axis"]
    html = t._repr_html_()
    assert "<table" in html and "México" in html and "Total" in html
    wide = t.to_csv(lang="en")
    assert wide is not None and "Total" in wide
    assert t.to_excel()[:2] == b"PK"
    assert "PivotTable" in repr(t)


def test_pivot_measures_periods_and_suppression(m: lm.Matrix) -> None:
    women = m.pivot(rows=["country"], measure="participants_women", suppress_below=5)
    gtm = women.cell(["GTM"], [])
    assert gtm["suppressed"] and gtm["value"] is None and "reason" not in gtm
    # One column: MEX is withheld too, or GTM's value would follow from the column total.
    mex = women.cell(["MEX"], [])
    assert mex["suppressed"] and mex["value"] is None
    assert m.pivot(rows=["country"], measure="participants_women").value(["MEX"], []) == 150.0
    by_q = m.pivot(rows="axis", cols="period", period="quarter", measure="mean_progress")
    assert ["2024-Q2"] in by_q.cols and ["2024-Q3"] in by_q.cols
    approved = m.pivot(rows="country", approved_only=True)
    assert approved.grand_total["value"] == 2.0
    with pytest.raises(lm.InvalidValueError) as info:
        m.pivot(rows="pais")
    assert (info.value.field, info.value.path, info.value.value) == ("rows", "/rows", "pais")
    with pytest.raises(lm.InvalidValueError) as info:
        m.pivot(measure="average")
    assert (info.value.field, info.value.path) == ("measure", "/measure")
    with pytest.raises(lm.InvalidValueError) as info:
        m.pivot(rows="country", mesure="count")
    assert (info.value.field, info.value.suggestion) == ("mesure", "measure")


def test_analyses(m: lm.Matrix) -> None:
    cov = m.coverage()
    mex = next(c for c in cov["countries"] if c["country"] == "MEX")
    assert "VCM-1" in mex["covered"] and 0 < mex["ratio"] <= 1
    gaps = m.gaps(since="2024-06-01")
    assert "VCM-1" not in gaps["items_without_reports"]
    assert any(c["country"] == "HND" for c in gaps["silent_countries"])
    cands = m.replication_candidates()
    assert any(c["entry_id"] == "MX-1" for c in cands)
    ts = m.time_series("quarter")
    # no unit, or None: core's default (quarter), the same as JavaScript's timeSeries()
    assert m.time_series() == ts and m.time_series(None) == ts
    assert ts["periods"] and ts["series"]
    with pytest.raises(lm.InvalidValueError):
        m.time_series("decade")


@pytest.mark.parametrize(
    "bad",
    [b"", b"\xff\xfe\x00\x00garbage", b"a;b\n" * 3, b'"unbalanced;quote\n1;2', b"\x00" * 100, "not-a-file.csv"],
)
def test_bad_files_never_panic(bad: object) -> None:
    for call in (lambda: lm.Matrix.read_csv(bad), lambda: lm.Matrix.read_excel(bad)):
        try:
            call()
        except Exception:
            pass
        except BaseException as e:  # pragma: no cover
            pytest.fail(f"{type(e).__name__}: {e}")


def test_partner_style_frame_goes_through_the_csv_importer() -> None:
    df = pd.DataFrame(
        {
            "País": ["México", "Guatemla"],
            "Institución": ["INMUJERES", "SEPREM"],
            "Fecha de reporte": ["02/05/2024", "03/05/2024"],
            "Tipo de registro": ["Buena práctica", "Avance"],
            "Título": ["Ruta", "Protocolo"],
            "Estado": ["En curso", "Completado"],
        }
    )
    m = lm.Matrix.read_csv(df.to_csv(index=False).encode("utf-8"))
    r = m.import_report
    assert (r.accepted, r.rejected) == (1, 1)
    assert m.entry(0)["country"] == "MEX" and m.entry(0)["entry_type"] == "good_practice"
    assert (r.diagnostics[0].row, r.diagnostics[0].column) == (3, "País")


def test_import_findings_are_capped_but_counted() -> None:
    header = b"Pais;Institucion;Fecha de reporte;Tipo;Titulo;Estado\n"
    bad = b"".join(b"Atlantis;X;01/02/2024;Evento;t%d;En curso\n" % i for i in range(30))
    m = lm.Matrix.read_csv(header + bad, max_diagnostics=5)
    r = m.import_report
    assert (r.rows_read, r.accepted, r.rejected) == (30, 0, 30)
    assert len(r.diagnostics) == 5
    assert r.diagnostics_truncated == 25
    assert r.summary["errors"] == 30
    assert [d.row for d in r.diagnostics] == [2, 3, 4, 5, 6]
    default = lm.Matrix.read_csv(header + bad).import_report
    assert (len(default.diagnostics), default.diagnostics_truncated) == (30, 0)


def test_threads_never_change_the_result() -> None:
    # About 5.4 MB: more than the first two blocks (256 KiB, then 4 MiB), so the import runs
    # on several threads.
    head, *rows = CSV.split("\n")[:-1]
    body = []
    for i in range(60_000):
        r = rows[i % len(rows)].split(";")
        r[0] = f"{r[0]}-{i // len(rows)}" if i % 97 else r[0]  # some duplicate ids
        if i % 1013 == 0:
            r[5] = '"Taller\nde dos líneas"'  # a quoted line break somewhere
        body.append(";".join(r))
    data = (head + "\n" + "\n".join(body) + "\n").encode("utf-8")
    assert len(data) > 4 << 20
    serial = lm.Matrix.read_csv(data, threads=1)
    parallel = lm.Matrix.read_csv(data)
    two = lm.Matrix.read_csv(data, threads=2)
    rs, rp, r2 = serial.import_report, parallel.import_report, two.import_report
    assert rs.rows_read == 60_000 and rs.rejected > 0
    for r in (rp, r2):
        assert (r.rows_read, r.accepted, r.rejected) == (rs.rows_read, rs.accepted, rs.rejected)
        assert r.rejected_rows == rs.rejected_rows
        assert [(d.code, d.row, d.path) for d in r.diagnostics] == [
            (d.code, d.row, d.path) for d in rs.diagnostics
        ]
    assert serial.to_pandas().equals(parallel.to_pandas())
    with pytest.raises(lm.LineamientosError) as e:
        lm.Matrix.read_csv(data, threads=0)
    assert e.value.code == "invalid_value"


# ---- mergeable pivots (issue 15) -------------------------------------------------------

PARTIAL_HEAD = (
    "ID;País;Institución;Fecha;Tipo;Título;Estado;Eje;Lineamientos;Avance;Mujeres;Actividad\n"
)
PARTIAL_ROWS = [
    "1;MX;INMUJERES;2024-01-15;Avance;t;En curso;VCM;VCM-1|VCM-2;33.3;12;A1\n",
    "2;MX;INMUJERES;2024-01-15;Avance;t;En curso;VCM;VCM-1;60;4;A1\n",
    "3;MX;SRE;2024-02-01;Evento;t;Completada;EMP;EMP-1;0.1;30;\n",
    "4;GT;SEPREM;2024-05-20;Buena práctica;t;En curso;VCM;VCM-2;50;2;\n",
    "5;GT;SEPREM;2024-08-01;Capacitación;t;Completada;EMP;EMP-2;100;40;A2\n",
    "6;HN;SEDH;2024-03-03;Avance;t;Planificada;VCM;VCM-3;33.3;7;A2\n",
]


def _read(rows: list) -> lm.Matrix:
    return lm.Matrix.read_csv((PARTIAL_HEAD + "".join(rows)).encode("utf-8"))


@pytest.mark.parametrize(
    "spec",
    [
        dict(rows="country", cols="axis", measure="count"),
        dict(rows="guideline", measure="participants_women", suppress_below=5),
        dict(rows=["country", "guideline"], cols="period", period="month", measure="mean_progress"),
        dict(rows="axis", measure="last_progress"),
        dict(rows="stage", cols="axis", measure="distinct_institutions"),
        dict(rows="country", cols="axis", measure="participants_women", protection={"k": 5}),
        dict(rows="axis", measure="min_progress", approved_only=False),
    ],
)
def test_merged_partials_equal_the_pivot(spec: dict) -> None:
    import functools
    import pickle

    whole = _read(PARTIAL_ROWS).pivot(**spec).to_dict()
    splits = [[0, 3], [1, 5], [2, 4], []]
    parts = [pickle.loads(pickle.dumps(_read([PARTIAL_ROWS[i] for i in s]).pivot_partial(**spec))) for s in splits]
    for order in ([0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]):
        merged = functools.reduce(lambda a, b: a.merge(b), [parts[i] for i in order])
        assert merged.finish().to_dict() == whole
        assert merged.entries == 6
    assert lm.PivotPartial.merge_all(parts).finish().to_dict() == whole
    # a partial is equal to itself through JSON (equality compares the partials as stored;
    # two merge orders may store keys in another order and still finish alike)
    merged = parts[0].merge(*parts[1:])
    assert merged == lm.PivotPartial(merged.to_json())
    assert merged.finish().to_dict() == parts[1].merge(parts[0], *parts[2:]).finish().to_dict()


def test_partial_arguments_and_errors() -> None:
    m = _read(PARTIAL_ROWS)
    p = m.pivot_partial("country", measure="participants", suppress_below=3)
    assert p.spec["rows"] == ["country"] and p.spec["suppress_below"] == 3
    assert p.pins["guideline_version"] == m.guideline_version
    assert "PivotPartial participants by country" in repr(p)
    # argument handling is the pivot's (core reads the options)
    with pytest.raises(lm.InvalidValueError) as e:
        m.pivot_partial("country", measure="count", suppress_below=3)
    assert e.value.path == "/suppress_below"
    with pytest.raises(lm.InvalidValueError):
        m.pivot_partial("pais")
    # partials of other specs do not merge
    with pytest.raises(lm.InvalidValueError) as e:
        p.merge(m.pivot_partial("axis", measure="participants", suppress_below=3))
    assert e.value.path == "/spec"
    with pytest.raises(lm.InvalidValueError):
        lm.PivotPartial.merge_all([])
    with pytest.raises(TypeError):
        p.merge("not a partial")  # type: ignore[arg-type]
    # forged or truncated JSON is a coded error
    text = p.to_json()
    with pytest.raises(lm.InvalidJsonError):
        lm.PivotPartial.from_json(text[:-5])
    with pytest.raises(lm.InvalidValueError) as e:
        lm.PivotPartial.from_json(text.replace("pivot_partial/1", "pivot_partial/0"))
    assert e.value.path == "/format"
    assert lm.PivotPartial.from_json(text.encode()) == p
