"""Tables cross into pandas, polars and pyarrow through the Arrow PyCapsule stream."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import lineamientos as lm

from conftest import good_plan


@pytest.fixture()
def report(cat: lm.Catalog) -> lm.Report:
    plan = good_plan()
    plan["activities"][0].update(end="2024-03-01", participants=["Mexco"], indicators=[])
    return cat.validate_plan(plan, as_of="2024-06-01")


COLUMNS = ["code", "severity", "path", "row", "column", "value", "suggestion", "message"]


def test_report_to_pandas(report: lm.Report) -> None:
    df = report.to_pandas("en")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == COLUMNS
    assert len(df) == len(report)
    assert list(df["code"]) == [d.code for d in report.diagnostics]
    assert list(df["path"]) == [d.path for d in report.diagnostics]
    row = df[df["code"] == "unknown_code"].iloc[0]
    assert (row["value"], row["suggestion"]) == ("Mexco", "MEX")
    assert row["message"] == report.with_code("unknown_code")[0].message("en")


def test_report_arrow_stream_polars_and_pyarrow(report: lm.Report) -> None:
    table = pa.table(report)  # __arrow_c_stream__
    assert table.column_names == COLUMNS
    assert table.schema.field("row").type == pa.int64()
    assert table.num_rows == len(report)
    df = pl.DataFrame(report)
    assert df.columns == COLUMNS and df.height == len(report)
    assert report.to_polars("es")["severity"].to_list() == [d.severity for d in report]
    # The language of messages: es by default in the stream, selectable in to_table.
    es = report.to_table("es").to_dict()["message"]
    en = report.to_table("en").to_dict()["message"]
    assert es == table.column("message").to_pylist() and es != en


def test_table_object(report: lm.Report) -> None:
    t = report.to_table("en")
    assert t.column_names == COLUMNS and t.num_rows == len(t) == len(report)
    recs = t.to_records()
    assert recs[0]["code"] == report.diagnostics[0].code
    assert t.to_arrow().num_rows == len(report)
    assert t.to_pandas().shape == (len(report), len(COLUMNS))
    html = t._repr_html_()
    assert html.startswith("<table") and "unknown_code" in html
    assert "Table" in repr(t)


def test_empty_report_streams_an_empty_table(cat: lm.Catalog) -> None:
    report = cat.validate_plan(good_plan(), as_of="2024-06-01")
    table = pa.table(report)
    assert table.num_rows == 0 and table.column_names == COLUMNS
    assert report.to_pandas().empty


def test_report_html_and_json_round_trip(report: lm.Report) -> None:
    html = report._repr_html_()
    assert "Not OK" in html and "end_before_start" in html and "<script" not in html
    again = lm.Report.from_json(report.to_json())
    assert again == report
    localized = report.to_dict("en")
    assert all("message" in d for d in localized["diagnostics"])
    assert "message" not in report.to_dict()["diagnostics"][0]
    assert "Report ok=False" in repr(report)


def test_html_is_escaped(cat: lm.Catalog) -> None:
    plan = good_plan()
    plan["activities"][0]["participants"] = ["<script>alert(1)</script>"]
    html = cat.validate_plan(plan, as_of="2024-06-01")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_to_pandas_without_pyarrow_uses_plain_columns(report: lm.Report, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    df = report.to_pandas("en")
    assert list(df.columns) == COLUMNS and len(df) == len(report)
    assert list(df["code"]) == [d.code for d in report.diagnostics]
    m = lm.Matrix.read_csv(
        "País;Institución;Fecha;Tipo;Título;Estado;Eje;Lineamientos\nMX;A;2024-01-02;Evento;t;En curso;VCM;VCM-1\n".encode()
    )
    entries = m.to_pandas()
    assert list(entries["guidelines"].iloc[0]) == ["VCM-1"] and entries["country"].iloc[0] == "MEX"


def test_pivot_html_is_cores_cross_table() -> None:
    csv = (
        "País;Institución;Fecha;Tipo;Título;Estado;Eje\n"
        "MX;A;2024-01-02;Evento;t;En curso;VCM\n"
    ).encode()
    t = lm.Matrix.read_csv(csv).pivot(rows="country", cols="axis")
    html = t.to_html("en")
    # core's provenance caption first: the embedded guidelines are illustrative
    assert html.startswith('<table class="lineamientos-pivot"><caption class="lineamientos-provenance illustrative">Source: catalogue ')
    assert "guidelines version 2023: ILLUSTRATIVE, not the official text" in html
    assert '</caption><thead><tr><th>Country</th>' in html
    assert "<th>Mexico</th><td>1</td><td><b>1</b></td>" in html
    assert t._repr_html_() == t.to_html("es")
    with pytest.raises(lm.InvalidValueError) as info:
        t.to_html("fr")
    assert info.value.field == "lang"


def test_findings_table_columns_come_from_core() -> None:
    report = lm.Catalog.embedded().validate_plan({"activities": [{"id": "a1"}]}, as_of="2024-06-01")
    t = report.to_table("en")
    assert t.column_names == ["code", "severity", "path", "row", "column", "value", "suggestion", "message"]
    assert t.to_dict()["code"] == [d.code for d in report.diagnostics]


def test_published_and_its_audit_equal_the_stored_audit() -> None:
    csv = (
        "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n"
        "MX;A;2024-01-02;Evento;t;En curso;VCM;12\n"
        "MX;B;2024-02-02;Evento;t2;En curso;EMP;3\n"
        "GT;C;2024-03-02;Evento;t3;En curso;VCM;40\n"
        "GT;D;2024-03-03;Evento;t4;En curso;EMP;25\n"
    ).encode()
    t = lm.Matrix.read_csv(csv).pivot(rows="country", cols="axis", measure="participants_women", suppress_below=5)
    stored = t.to_dict()["audit"]
    bounds = lambda a: [(e["row"], e["col"], e["lo"], e["hi"]) for e in a["entries"]]  # noqa: E731
    assert stored["entries"] and bounds(t.audit()) == bounds(stored)
    assert bounds(lm.audit_published(t.published())) == bounds(stored)
