//! The inputs that crashed a fuzz target (fuzz/regressions/, docs/fuzzing.md), each with the
//! coded error or the result it gives now. A crash there was an abort, a panic or a hang: an
//! `Err` with the right code is the fix.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::{Catalog, ImportOptions, Matrix};
use std::io::Cursor;

fn regression(target: &str, name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../fuzz/regressions/{target}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn xlsx(name: &str) -> lineamientos::Result<(Matrix, lineamientos::ImportReport)> {
    let bytes = regression("xlsx_import", name);
    Matrix::read_xlsx(
        Cursor::new(bytes),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
}

/// A header in row 1 and one cell at XFD1048576, the last cell of Excel's grid: calamine's
/// dense range would be 2^34 cells (an out-of-memory abort, before any panic handler). Read
/// cell by cell, it is a header and no data row.
#[test]
fn xlsx_cell_at_the_end_of_the_grid_is_read_sparsely() {
    let (m, report) = xlsx("dense-range-a1-to-xfd1048576.xlsx").unwrap();
    assert_eq!((report.rows_read, report.accepted, m.len()), (1, 0, 0));
    // The header row lists every used column up to XFD (16,384), as a dense sheet would.
    assert_eq!(report.columns.len(), 16_384);
    assert_eq!(report.columns[1].column, "Institución");
}

/// References calamine adds up or subtracts without checking (a panic with overflow checks,
/// a wrapped position without), and references past Excel's grid: `invalid_file`, naming
/// the reference, in every build.
#[test]
fn xlsx_references_outside_the_grid_are_invalid_file() {
    for (file, reference) in [
        ("cell-reference-eight-letters.xlsx", "ZZZZZZZZ2"),
        ("cell-reference-eleven-digits.xlsx", "A99999999999"),
        ("cell-reference-beyond-xfd.xlsx", "XFE2"),
        ("cell-reference-beyond-row-1048576.xlsx", "A1048577"),
        ("dimension-ends-before-start.xlsx", "B2:A1"),
    ] {
        let err = xlsx(file).unwrap_err();
        assert_eq!(err.code(), "invalid_file", "{file}");
        assert!(err.to_string().contains(reference), "{file}: {err}");
    }
}

/// An `.xls` cut at 64 KiB (libFuzzer's length cap on a seed): calamine's compound-file
/// reader sliced past its buffer (a panic, an abort in WebAssembly). The structure is now
/// followed first, and a chain that leaves the file is `invalid_file` naming the format.
#[test]
fn xls_truncated_inside_a_chain_is_invalid_file() {
    let err = xlsx("xls-truncated-sector-beyond-buffer.xls").unwrap_err();
    assert_eq!(
        (err.code(), err.details()["format"].as_str()),
        ("invalid_file", Some("xls"))
    );
    assert!(
        err.to_string().contains("compound file is damaged"),
        "{err}"
    );
}
