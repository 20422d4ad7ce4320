//! Cost of disclosure control (issue 16) on the pivots users make: country x (axis,
//! quarter), 12 x 10 x 24 = 2,880 cells with their totals.
//!
//! ```text
//! cargo bench -p lineamientos --bench disclosure -- --warm-up-time 1 --measurement-time 5 --sample-size 10
//! ```
//!
//! Cases: the pivot of 1,000,000 generated entries (participants_women: large cells, no
//! primary), a sparse one (girls in 4,000 entries: many cells below k), and that sparse
//! table linked with its country x axis heatmap. Each case measures `protect` (primary, secondary
//! suppression and the final audit) on a fresh copy of the unprotected table, and `audit`
//! of the published table (what `table.audit()` runs). CPU time of the benchmark thread.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "support/generator.rs"]
#[allow(dead_code)]
mod generator;

use criterion::measurement::Measurement;
use criterion::{BatchSize, Criterion, criterion_group};
use lineamientos::pivot::{Protection, protect_linked};
use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PeriodUnit, PivotSpec};
use std::hint::black_box;

fn matrix(rows: usize) -> Matrix {
    let mut csv = Vec::with_capacity(rows * 160);
    generator::write_csv(&mut csv, rows, 42).unwrap();
    Matrix::read_csv(
        csv.as_slice(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
    .0
}

fn benches<M: Measurement>(c: &mut Criterion<M>) {
    let p = Protection::new(5);
    let mut g = c.benchmark_group("disclosure_country_x_axis_quarter");
    g.sample_size(10);
    for (name, rows, measure) in [
        ("1m_entries", 1_000_000, Measure::ParticipantsWomen),
        ("4k_entries_girls", 4_000, Measure::ParticipantsGirls),
    ] {
        let fine = PivotSpec::new()
            .rows([Dim::Country])
            .cols([Dim::Axis, Dim::Period])
            .period(PeriodUnit::Quarter)
            .measure(measure);
        let heat = PivotSpec::new()
            .rows([Dim::Country])
            .cols([Dim::Axis])
            .measure(measure);
        let m = matrix(rows);
        let table = m.pivot(&fine).unwrap();
        let mut protected = table.clone();
        protected.protect(&p).unwrap();
        let a = protected.audit.as_ref().unwrap();
        eprintln!(
            "{name}: {} x {} = {} non-empty cells, {} primary, {} withheld numbers",
            table.rows.len(),
            table.cols.len(),
            table.cells.len(),
            protected
                .cells
                .iter()
                .filter(|c| c.reason == Some(lineamientos::Suppression::Primary))
                .count(),
            a.entries.len()
        );
        g.bench_function(format!("protect_{name}"), |b| {
            b.iter_batched(
                || table.clone(),
                |mut t| {
                    t.protect(black_box(&p)).unwrap();
                    t
                },
                BatchSize::LargeInput,
            )
        });
        g.bench_function(format!("audit_published_{name}"), |b| {
            b.iter(|| black_box(&protected).audit().unwrap())
        });
        if rows == 4_000 {
            let pair = [table.clone(), m.pivot(&heat).unwrap()];
            g.bench_function(format!("protect_linked_with_heatmap_{name}"), |b| {
                b.iter_batched(
                    || pair.clone(),
                    |mut ts| {
                        protect_linked(&mut ts, black_box(&p)).unwrap();
                        ts
                    },
                    BatchSize::LargeInput,
                )
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = disclosure;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = benches
}

fn main() {
    disclosure();
    Criterion::default().configure_from_args().final_summary();
}
