//! The streaming import ([`MatrixImport`]) against the CSV import: a table pushed row by
//! row gives what `Matrix::read_csv` gives for the same table written as CSV: the same
//! counts, rejected rows, findings (codes, paths, rows, columns, values), entries and
//! errors. Tables: the example matrix, every matrix vector with CSV input and every CSV of
//! the bad-input corpus, each parsed into rows of text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod common;

use lineamientos::matrix::import::{Cell, MatrixImport};
use lineamientos::{Catalog, Entry, Error, ImportOptions, ImportReport, Matrix};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The rows of a CSV file as the csv crate reads them (blank lines kept as empty rows, so
/// that the rows keep their numbers), cells not UTF-8 read lossily.
fn table(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delim = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| {
            let first = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
            first.iter().filter(|b| *b == d).count()
        })
        .unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut rec).unwrap_or(false) {
        rows.push(
            rec.iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect(),
        );
    }
    rows
}

/// `rows` written as CSV (comma, quoted where needed).
fn to_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        if r.is_empty() {
            w.write_record([""]).unwrap();
        } else {
            w.write_record(r).unwrap();
        }
    }
    w.into_inner().unwrap()
}

type Outcome = Result<(Vec<Entry>, ImportReport), Error>;

fn streamed(rows: &[Vec<String>], cat: &Catalog, opts: &ImportOptions) -> Outcome {
    let mut imp = MatrixImport::new(cat, opts)?;
    let mut first = true;
    for r in rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        let pushed = if first {
            imp.header(&cells)
        } else {
            imp.push_text_row(&cells)
        };
        first = false;
        if let Err(e) = pushed {
            // The import is over: later calls say so again.
            assert_eq!(imp.push_text_row(&[]).unwrap_err(), e);
            assert_eq!(imp.finish().unwrap_err(), e);
            return Err(e);
        }
    }
    let (m, report) = imp.finish()?;
    Ok((m.entries().collect(), report))
}

fn from_csv(bytes: &[u8], cat: &Catalog, opts: &ImportOptions) -> Outcome {
    let (m, report) = Matrix::read_csv(bytes, cat, opts)?;
    Ok((m.entries().collect(), report))
}

/// Compares the two outcomes; returns the number of rows read.
fn assert_same(name: &str, stream: Outcome, csv: Outcome) -> u64 {
    match (stream, csv) {
        (Ok((se, sr)), Ok((ce, mut cr))) => {
            // The one check proper to CSV files: a cell with a line break and a row's worth
            // of delimiters is taken for an unclosed quote. A table's cell is what it is.
            if cr.diagnostics.iter().any(|d| d.code == "unbalanced_quote") {
                cr.diagnostics.retain(|d| d.code != "unbalanced_quote");
                let rest: Vec<_> = sr.diagnostics.clone();
                assert_eq!(rest, cr.diagnostics, "{name}: findings");
                return sr.rows_read;
            }
            // Only the file's own traits differ: delimiter and encoding.
            assert_eq!(sr.delimiter, None, "{name}");
            assert_eq!(sr.encoding, None, "{name}");
            let file = ImportReport {
                delimiter: cr.delimiter,
                encoding: cr.encoding.clone(),
                ..sr.clone()
            };
            assert_eq!(file.diagnostics, cr.diagnostics, "{name}: findings");
            assert_eq!(file, cr, "{name}: report");
            assert_eq!(se, ce, "{name}: entries");
            assert_eq!(sr.rows_read, sr.accepted + sr.rejected, "{name}: rows lost");
            assert_eq!(sr.rejected_rows.len() as u64, sr.rejected, "{name}");
            sr.rows_read
        }
        (Err(se), Err(ce)) => {
            assert_eq!(se.code(), ce.code(), "{name}");
            assert_eq!(se.details(), ce.details(), "{name}");
            0
        }
        (s, c) => panic!(
            "{name}: stream {:?} / csv {:?}",
            s.map(|r| r.1.rows_read),
            c.map(|r| r.1.rows_read)
        ),
    }
}

fn check(name: &str, bytes: &[u8], cat: &Catalog, opts: &ImportOptions) -> u64 {
    let rows = table(bytes);
    assert_same(
        name,
        streamed(&rows, cat, opts),
        from_csv(&to_csv(&rows), cat, opts),
    )
}

#[test]
fn the_example_matrix_streams_as_it_reads() {
    let cat = Catalog::embedded();
    for file in ["matriz_seguimiento.csv", "tracking_matrix_en.csv"] {
        let bytes = std::fs::read(root().join("examples/data").join(file)).unwrap();
        let opts = ImportOptions::default();
        let n = check(file, &bytes, &cat, &opts);
        assert!(n > 10, "{file}: {n} rows");
        // Unchanged by the rewriting: the file itself reads the same.
        let rows = table(&bytes);
        assert_same(
            file,
            streamed(&rows, &cat, &opts),
            from_csv(&bytes, &cat, &opts),
        );
        let strict = ImportOptions {
            strict: true,
            ..ImportOptions::default()
        };
        check(file, &bytes, &cat, &strict);
    }
}

#[test]
fn every_csv_vector_streams_as_it_reads() {
    let mut seen = 0;
    for path in common::vector_files("matrix") {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(csv) = v["input_csv"].as_str() else {
            continue;
        };
        let cat = match v["catalog"].as_str() {
            Some("embedded") | None => Catalog::embedded(),
            Some(other) => panic!("{}: catalog {other}", path.display()),
        };
        let opts = match v.get("options") {
            Some(o) if !o.is_null() => ImportOptions::from_json(&o.to_string()).unwrap(),
            _ => ImportOptions::default(),
        };
        let opts = ImportOptions {
            delimiter: None,
            ..opts
        };
        check(&path.display().to_string(), csv.as_bytes(), &cat, &opts);
        seen += 1;
    }
    assert!(seen >= 20, "{seen} CSV vectors");
}

#[test]
fn every_csv_of_the_bad_input_corpus_streams_as_it_reads() {
    let dir = root().join("tests/bad-inputs");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let cat = Catalog::embedded();
    let mut seen = 0;
    for e in manifest["entries"].as_array().unwrap() {
        if e["reader"] != "csv" || e.get("recipe").is_some() {
            continue;
        }
        let file = e["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let opts = match e.get("options") {
            Some(o) if !o.is_null() => ImportOptions::from_json(&o.to_string()).unwrap(),
            _ => ImportOptions::default(),
        };
        let opts = ImportOptions {
            delimiter: None,
            ..opts
        };
        check(file, &bytes, &cat, &opts);
        seen += 1;
    }
    assert!(seen >= 20, "{seen} CSV files");
}

#[test]
fn limits_end_the_import_with_the_error_of_the_csv_import() {
    let cat = Catalog::embedded();
    let bytes = std::fs::read(root().join("examples/data/matriz_seguimiento.csv")).unwrap();
    for json in [
        r#"{"max_rows": 3}"#,
        r#"{"max_cell_chars": 5}"#,
        r#"{"max_columns": 4}"#,
        r#"{"max_diagnostics": 1}"#,
        r#"{"max_bytes": 200}"#,
    ] {
        let opts = ImportOptions::from_json(json).unwrap();
        let rows = table(&bytes);
        let s = streamed(&rows, &cat, &opts);
        if json.contains("max_bytes") {
            // The size of the table without quotes, not of a file: the same limit.
            let e = s.unwrap_err();
            assert_eq!(e.details()["what"], "input_bytes");
            continue;
        }
        assert_same(json, s, from_csv(&to_csv(&rows), &cat, &opts));
    }
}

#[test]
fn typed_cells_read_as_their_text() {
    let cat = Catalog::embedded();
    let header = [
        "ID",
        "País",
        "Institución",
        "Fecha de reporte",
        "Tipo de registro",
        "Título",
        "Estado",
        "Avance (%)",
        "Mujeres",
        "Hombres",
        "Replicable",
        "Inicio",
    ];
    let date = |s: &str| Cell::Date(s.parse().unwrap());
    let rows: Vec<Vec<Cell<'_>>> = vec![
        vec![
            Cell::Int(1),
            Cell::Text("MEX"),
            Cell::Text("INMUJERES"),
            date("2024-05-02"),
            Cell::Text("Evento"),
            Cell::Text("Foro"),
            Cell::Text("En curso"),
            Cell::Float(0.45),
            Cell::Float(120.0),
            Cell::UInt(3),
            Cell::Bool(true),
            Cell::Null,
        ],
        vec![
            Cell::Int(2),
            Cell::Text("MEX"),
            Cell::Text("INMUJERES"),
            date("2024-05-03"),
            Cell::Text("Evento"),
            Cell::Text("Foro 2"),
            Cell::Text("En curso"),
            Cell::Decimal {
                value: 25,
                scale: 2,
            },
            Cell::Float(12.5),
            Cell::Int(-3),
            Cell::Bool(false),
            Cell::Float(f64::NAN),
        ],
    ];
    let mut imp = MatrixImport::new(&cat, &ImportOptions::default()).unwrap();
    imp.header(&header).unwrap();
    for r in &rows {
        imp.push_row(r).unwrap();
    }
    assert_eq!(imp.rows_pushed(), 3);
    let (m, report) = imp.finish().unwrap();
    let text: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_text().into_owned()).collect()),
        )
        .collect();
    let (cm, cr) = Matrix::read_csv(&to_csv(&text)[..], &cat, &ImportOptions::default()).unwrap();
    assert_eq!(report.diagnostics, cr.diagnostics);
    assert_eq!(
        m.entries().collect::<Vec<_>>(),
        cm.entries().collect::<Vec<_>>()
    );
    // 0.45 and 0.25: a column of fractions; 12.5 women is no count, -3 men out of range.
    assert_eq!(m.entry(0).unwrap().progress, Some(45.0));
    let codes: Vec<(&str, Option<&str>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.value.as_deref()))
        .collect();
    assert!(
        codes.contains(&("invalid_number", Some("12.5"))),
        "{codes:?}"
    );
    assert_eq!(report.rows_read, report.accepted + report.rejected);
}

#[test]
fn the_header_comes_first_and_an_empty_table_has_no_columns() {
    let cat = Catalog::embedded();
    let mut imp = MatrixImport::new(&cat, &ImportOptions::default()).unwrap();
    imp.push_text_row(&["País", "Estado"]).unwrap();
    let e = imp.header(&["ID"]).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    // A refused header is no import error: the import goes on.
    assert!(imp.finish().is_ok());
    let imp = MatrixImport::new(&cat, &ImportOptions::default()).unwrap();
    let (m, report) = imp.finish().unwrap();
    assert!(m.is_empty());
    let (_, cr) = Matrix::read_csv(&b""[..], &cat, &ImportOptions::default()).unwrap();
    assert_eq!(report.diagnostics, cr.diagnostics);
    let e = MatrixImport::new(
        &cat,
        &ImportOptions::from_json(r#"{"guideline_version": "1999"}"#).unwrap(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_code");
}

#[test]
fn unsupported_columns_are_named() {
    let e = Cell::unsupported("Lineamientos", "list<item: string>");
    assert_eq!(e.code(), "invalid_value");
    let d = e.details();
    assert_eq!(d["field"], "data");
    assert_eq!(d["path"], "/columns/Lineamientos");
    assert_eq!(d["value"], "list<item: string>");
}
