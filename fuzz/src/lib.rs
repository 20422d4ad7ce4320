//! Shared fixtures of the fuzz targets: the embedded catalogue, a fixed "today", a small
//! matrix, a plan and a cycle from `examples/`, built once per process. Each target feeds
//! its input to a public entry point and then uses what comes out (pivot, review, export),
//! so that a value that parses but breaks a later step is found too.
//!
//! A target never asserts what an error says: any `Err` is a fine outcome. A panic, an
//! abort, a timeout or running out of memory is a crash.

use chrono::NaiveDate;
use lineamientos::{
    Catalog, Cycle, FocalDirectory, ImportOptions, Lang, Matrix, PivotTable, WorkPlan,
};
use std::sync::LazyLock;

/// The catalogue every target uses unless it fuzzes the catalogue itself.
pub static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::embedded);

/// A small matrix (the English example, 12 rows) to pivot and review against.
pub static MATRIX: LazyLock<Matrix> = LazyLock::new(|| {
    let csv = include_bytes!("../../examples/data/tracking_matrix_en.csv");
    match Matrix::read_csv(&csv[..], &CATALOG, &ImportOptions::default()) {
        Ok((m, _)) => m,
        Err(e) => panic!("fixture matrix: {e}"),
    }
});

/// A plan from the examples.
pub static PLAN: LazyLock<WorkPlan> = LazyLock::new(|| {
    match WorkPlan::from_json(include_str!("../../examples/plans/mesa_vcm_2024.json")) {
        Ok(p) => p,
        Err(e) => panic!("fixture plan: {e}"),
    }
});

/// The illustrative cycle of the examples.
pub static CYCLE: LazyLock<Cycle> =
    LazyLock::new(
        || match Cycle::from_json(include_str!("../../examples/cycle/cycle.json")) {
            Ok(c) => c,
            Err(e) => panic!("fixture cycle: {e}"),
        },
    );

/// The focal points of the illustrative cycle.
pub static DIRECTORY: LazyLock<FocalDirectory> =
    LazyLock::new(|| {
        match FocalDirectory::from_json(
            include_str!("../../examples/cycle/focal_points.json"),
            &CATALOG,
        ) {
            Ok((d, _)) => d,
            Err(e) => panic!("fixture directory: {e}"),
        }
    });

/// A small CSV (the Spanish example, 26 rows) for targets that fuzz options or catalogues.
pub const SMALL_CSV: &[u8] = include_bytes!("../../examples/data/matriz_seguimiento.csv");

/// The example workbook, for the `sheet` option.
pub const SMALL_XLSX: &[u8] = include_bytes!("../../examples/data/matriz_seguimiento.xlsx");

/// The fixed "today" of every date-dependent check (the fuzzer must be deterministic).
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default()
}

/// The JSON text of the input, or `None` when the bytes are not UTF-8 (every JSON entry
/// point takes `&str`: the bindings hand over strings).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Uses an imported matrix as a caller would: pivots, the analyses and the export (errors
/// are fine, panics are not). The disclosure audit (a linear program per withheld cell) is
/// left to the pivot target: here it would cut the import targets' speed tenfold.
pub fn exercise_matrix(m: &Matrix) {
    use lineamientos::{Dim, Measure, PeriodUnit, PivotSpec};
    let specs = [
        PivotSpec::new()
            .rows([Dim::Country])
            .cols([Dim::Axis])
            .measure(Measure::Count),
        PivotSpec::new()
            .rows([Dim::Country, Dim::Guideline])
            .cols([Dim::Status])
            .measure(Measure::ParticipantsWomen)
            .suppress_below(5),
        PivotSpec::new()
            .rows([Dim::EntryType])
            .period(PeriodUnit::Quarter)
            .measure(Measure::MeanProgress),
    ];
    for spec in &specs {
        if let Ok(t) = m.pivot(spec) {
            render_table(&t);
        }
    }
    let _ = m.coverage();
    let _ = m.gaps(as_of());
    let _ = m.replication_candidates();
    let _ = m.time_series(PeriodUnit::Month);
    let _ = m.write_csv(std::io::sink(), Lang::Es);
}

/// Renders a pivot table.
pub fn render_table(t: &PivotTable) {
    let _ = t.to_html(Lang::En);
    let _ = t.write_csv(std::io::sink(), Lang::Es);
    let _ = t.to_columns();
}

/// Renders and audits a pivot table.
pub fn exercise_table(t: &PivotTable) {
    render_table(t);
    let _ = t.audit();
}
