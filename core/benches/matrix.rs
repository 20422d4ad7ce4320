//! Benchmarks of the tracking matrix on a generated 1,000,000-row CSV (see
//! `docs/benchmarks.md`, section "Tracking matrix"):
//!
//! ```text
//! cargo bench -p lineamientos --bench matrix -- --warm-up-time 1 --measurement-time 5 --sample-size 10
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/generator.rs"]
#[allow(dead_code)]
mod generator;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PeriodUnit, PivotSpec};
use std::hint::black_box;

const ROWS: usize = 1_000_000;

fn benches(c: &mut Criterion) {
    let mut csv = Vec::with_capacity(ROWS * 160);
    generator::write_csv(&mut csv, ROWS, 42).unwrap();
    let cat = Catalog::embedded();
    let opts = ImportOptions::default();

    let mut g = c.benchmark_group("matrix_import");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function("read_csv_1m_rows", |b| {
        b.iter(|| {
            let (m, r) = Matrix::read_csv(black_box(csv.as_slice()), &cat, &opts).unwrap();
            assert_eq!(r.accepted as usize, ROWS);
            m
        });
    });
    g.finish();

    let (m, _) = Matrix::read_csv(csv.as_slice(), &cat, &opts).unwrap();
    drop(csv);
    let mut g = c.benchmark_group("matrix_pivot_country_x_axis_quarter");
    g.sample_size(10);
    for measure in [Measure::Count, Measure::Participants, Measure::MeanProgress] {
        let spec = PivotSpec::new()
            .rows([Dim::Country])
            .cols([Dim::Axis, Dim::Period])
            .period(PeriodUnit::Quarter)
            .measure(measure);
        g.bench_function(measure.code(), |b| {
            b.iter(|| m.pivot(black_box(&spec)).unwrap())
        });
    }
    let spec = PivotSpec::new()
        .rows([Dim::Country])
        .cols([Dim::Axis, Dim::Period])
        .period(PeriodUnit::Quarter)
        .measure(Measure::ParticipantsWomen)
        .suppress_below(5);
    g.bench_function("participants_women_suppressed_k5", |b| {
        b.iter(|| m.pivot(black_box(&spec)).unwrap())
    });
    g.finish();
}

criterion_group!(matrix, benches);
criterion_main!(matrix);
