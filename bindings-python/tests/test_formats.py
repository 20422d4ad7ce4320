"""Workbooks of every spreadsheet format import as their XLSX original (the formats are told
apart by the bytes; the cases themselves are checked in Rust: core/tests/matrix_formats.rs)."""

from __future__ import annotations

import pytest

import lineamientos as lm
from conftest import REPO

FORMATS = REPO / "examples" / "data" / "formats"


def outcome(m: lm.Matrix) -> tuple:
    r = m.import_report
    return (
        m.entries(),
        r.rows_read,
        r.accepted,
        r.rejected,
        [(d.code, d.path, d.value) for d in r.diagnostics],
    )


@pytest.mark.parametrize(
    "original, copy",
    [
        (REPO / "examples" / "data" / "matriz_seguimiento.xlsx", FORMATS / "matriz_seguimiento.xls"),
        (REPO / "examples" / "data" / "matriz_seguimiento.xlsx", FORMATS / "matriz_seguimiento.ods"),
        (FORMATS / "celdas.xlsx", FORMATS / "celdas.xls"),
        (FORMATS / "celdas.xlsx", FORMATS / "celdas.ods"),
    ],
)
def test_each_format_imports_as_its_xlsx_original(original, copy) -> None:
    expected = outcome(lm.Matrix.read_excel(original))
    assert expected[2] >= 5
    # a path, bytes and a binary file give the same
    assert outcome(lm.Matrix.read_excel(copy)) == expected
    assert outcome(lm.Matrix.read_excel(copy.read_bytes())) == expected
    with open(copy, "rb") as f:
        assert outcome(lm.Matrix.read_excel(f)) == expected


def test_error_and_percent_cells_of_an_ods() -> None:
    m = lm.Matrix.read_excel(FORMATS / "celdas.ods", sheet="celdas")
    assert m.entry(0)["progress"] == 45.0
    assert ("invalid_number", "/rows/3/progress", "#DIV/0!") in [
        (d.code, d.path, d.value) for d in m.import_report.diagnostics
    ]


def test_a_file_that_is_no_spreadsheet_names_the_formats() -> None:
    with pytest.raises(lm.LineamientosError) as e:
        lm.Matrix.read_excel(b"ID;Pais\n1;MX\n")
    assert e.value.code == "invalid_file"
    assert "XLS or ODS" in str(e.value)
