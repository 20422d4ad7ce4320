//! The spreadsheet formats: the example matrix and a workbook of date, percent and error
//! cells, saved as XLS (Excel 97-2003) and ODS (OpenDocument) by LibreOffice, import exactly
//! as their XLSX originals. Which reader runs is decided by the bytes, not the name.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::{Catalog, ImportOptions, ImportReport, Matrix};
use serde_json::{Value, json};
use std::io::Cursor;

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(path: &str, options: &ImportOptions) -> lineamientos::Result<(Matrix, ImportReport)> {
    Matrix::read_xlsx(Cursor::new(bytes(path)), &Catalog::embedded(), options)
}

/// The entries and the report, as JSON, of a workbook read with the default options.
fn read(path: &str) -> (Value, Value) {
    let (m, report) =
        import(path, &ImportOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"));
    (
        serde_json::to_value(m.entries().collect::<Vec<_>>()).unwrap(),
        serde_json::to_value(&report).unwrap(),
    )
}

#[test]
fn xls_and_ods_import_exactly_as_their_xlsx_originals() {
    for (original, copies) in [
        (
            "examples/data/matriz_seguimiento.xlsx",
            [
                "examples/data/formats/matriz_seguimiento.xls",
                "examples/data/formats/matriz_seguimiento.ods",
            ],
        ),
        (
            "examples/data/formats/celdas.xlsx",
            [
                "examples/data/formats/celdas.xls",
                "examples/data/formats/celdas.ods",
            ],
        ),
    ] {
        let (entries, report) = read(original);
        assert!(report["accepted"].as_u64().unwrap() >= 5, "{original}");
        for copy in copies {
            let (e, r) = read(copy);
            assert_eq!(e, entries, "{copy}: entries");
            assert_eq!(r, report, "{copy}: report");
        }
    }
}

#[test]
fn date_percent_and_error_cells_read_the_same_in_every_format() {
    for path in [
        "examples/data/formats/celdas.xlsx",
        "examples/data/formats/celdas.xls",
        "examples/data/formats/celdas.ods",
    ] {
        let (entries, report) = read(path);
        let gt1 = &entries[0];
        // a date cell, and a cell formatted 45% (0.45 in the file)
        assert_eq!(gt1["reported_on"], "2024-05-02", "{path}");
        assert_eq!(gt1["start"], "2024-01-15", "{path}");
        assert_eq!(gt1["progress"], 45.0, "{path}");
        assert_eq!(entries[2]["progress"], 100.0, "{path}");
        // error cells are spelled as the spreadsheet shows them, and dropped with a finding
        let found: Vec<Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] != "progress_as_fraction")
            .map(|d| json!([d["code"], d["path"], d["value"]]))
            .collect();
        assert_eq!(
            found,
            vec![
                json!(["invalid_number", "/rows/3/progress", "#DIV/0!"]),
                json!(["invalid_number", "/rows/4/women", "#N/A"]),
                json!(["invalid_number", "/rows/5/progress", "#DIV/0!"]),
                json!(["invalid_date", "/rows/5/end", "#DIV/0!"]),
                json!(["invalid_number", "/rows/6/women", "n/d"]),
            ],
            "{path}"
        );
        // nothing lost: every row is accepted or rejected
        assert_eq!(report["rows_read"], 5, "{path}");
        assert_eq!(report["accepted"], 5, "{path}");
    }
}

#[test]
fn a_worksheet_is_chosen_by_name_in_every_format() {
    for ext in ["xlsx", "xls", "ods"] {
        let path = format!("examples/data/formats/celdas.{ext}");
        let options = ImportOptions {
            sheet: Some("CELDAS".into()),
            ..ImportOptions::default()
        };
        let (_, report) = import(&path, &options).unwrap();
        assert_eq!(report.accepted, 5, "{path}");
        let options = ImportOptions {
            sheet: Some("Hoja9".into()),
            ..ImportOptions::default()
        };
        let err = import(&path, &options).unwrap_err();
        assert_eq!(err.code(), "invalid_value", "{path}");
        assert!(err.to_string().contains("celdas"), "{path}: {err}");
    }
}

#[test]
fn a_file_that_is_no_spreadsheet_is_invalid_file_naming_the_formats() {
    let err = Matrix::read_xlsx(
        Cursor::new(b"ID;Pais\n1;MX\n".to_vec()),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_file");
    assert_eq!(err.details()["format"], "spreadsheet");
    assert!(err.to_string().contains("XLSB, XLS or ODS"), "{err}");
    // a damaged .xls says which format it was taken for
    let mut xls = bytes("examples/data/formats/celdas.xls");
    xls.truncate(3000);
    let err = Matrix::read_xlsx(
        Cursor::new(xls),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.details()["format"].as_str()),
        ("invalid_file", Some("xls"))
    );
}
