//! Benchmarks of the tracking matrix on a generated 1,000,000-row CSV (see
//! `docs/benchmarks.md`, section "Tracking matrix"):
//!
//! ```text
//! cargo bench -p lineamientos --bench matrix -- --warm-up-time 1 --measurement-time 5 --sample-size 10
//! MATRIX_BENCH_WALL=1 cargo bench -p lineamientos --bench matrix -- ...   # wall-clock instead
//! ```
//!
//! By default the figures are the benchmark thread's CPU time (one core), because the machines
//! this runs on are shared; `MATRIX_BENCH_WALL=1` measures wall-clock time.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "support/generator.rs"]
#[allow(dead_code)]
mod generator;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput, criterion_group};
use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PeriodUnit, PivotSpec};
use std::hint::black_box;

const ROWS: usize = 1_000_000;

fn benches<M: Measurement>(c: &mut Criterion<M>) {
    let mut csv = Vec::with_capacity(ROWS * 160);
    generator::write_csv(&mut csv, ROWS, 42).unwrap();
    let cat = Catalog::embedded();
    let opts = ImportOptions::default();
    let serial = ImportOptions::default().threads(Some(1));

    let mut g = c.benchmark_group("matrix_import");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    // The serial import ("read_csv_1m_rows": its CPU time is the cost on one core)...
    g.bench_function("read_csv_1m_rows", |b| {
        b.iter(|| {
            let (m, r) = Matrix::read_csv(black_box(csv.as_slice()), &cat, &serial).unwrap();
            assert_eq!(r.accepted as usize, ROWS);
            m
        });
    });
    // ...and on every core: only wall-clock time means anything here (the CPU time of this
    // thread leaves the workers out), so it runs with MATRIX_BENCH_WALL=1 only.
    if std::env::var_os("MATRIX_BENCH_WALL").is_some() {
        g.bench_function("read_csv_1m_rows_all_cores", |b| {
            b.iter(|| {
                let (m, r) = Matrix::read_csv(black_box(csv.as_slice()), &cat, &opts).unwrap();
                assert_eq!(r.accepted as usize, ROWS);
                m
            });
        });
    }
    g.finish();

    // Row validation alone (no CSV): 100,000 entries through `Matrix::from_entries`.
    let (m, _) = Matrix::read_csv(csv.as_slice(), &cat, &serial).unwrap();
    let entries: Vec<_> = m.entries().take(100_000).collect();
    let mut g = c.benchmark_group("matrix_row_validation");
    g.sample_size(10);
    g.throughput(Throughput::Elements(entries.len() as u64));
    g.bench_function("from_entries_100k", |b| {
        b.iter(|| Matrix::from_entries(black_box(entries.clone()), &cat).unwrap())
    });
    g.finish();
    drop(m);

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

criterion_group! {
    name = matrix_cpu;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = benches
}
criterion_group!(matrix_wall, benches);

fn main() {
    if std::env::var_os("MATRIX_BENCH_WALL").is_some() {
        matrix_wall();
    } else {
        matrix_cpu();
    }
    Criterion::default().configure_from_args().final_summary();
}
