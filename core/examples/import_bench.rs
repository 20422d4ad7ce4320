//! Imports a large tracking-matrix CSV from disk (streaming) and pivots it, printing rows per
//! second and pivot times. Used with `/usr/bin/time -v` to measure peak memory against the
//! file size (see `docs/benchmarks.md`, "Tracking matrix").
//!
//! ```text
//! cargo run --release -p lineamientos --example import_bench -- gen /tmp/matrix_1m.csv 1000000
//! /usr/bin/time -v target/release/examples/import_bench /tmp/matrix_1m.csv
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../benches/support/generator.rs"]
#[allow(dead_code)]
mod generator;

use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PeriodUnit, PivotSpec};
use std::time::Instant;

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), so that the
/// figures mean "on one core" even when other processes share the machine.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") => {
            let path = args.get(2).ok_or("usage: import_bench gen <path> <rows>")?;
            let rows: usize = args.get(3).map_or(Ok(1_000_000), |s| s.parse())?;
            let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
            generator::write_csv(&mut f, rows, 42)?;
            println!("wrote {rows} rows to {path}");
        }
        Some(path) => {
            let size = std::fs::metadata(path)?.len();
            let cat = Catalog::embedded();
            let t0 = Instant::now();
            let c0 = cpu_seconds();
            let file = std::fs::File::open(path)?;
            // `THREADS=1` for the serial import (default: one thread per core).
            let threads = std::env::var("THREADS").ok().and_then(|t| t.parse().ok());
            let options = ImportOptions::default().threads(threads);
            let (m, r) = Matrix::read_csv(file, &cat, &options)?;
            let dt = t0.elapsed().as_secs_f64();
            let dc = cpu_seconds() - c0;
            println!(
                "file {:.1} MB, rows read {}, accepted {}, rejected {}",
                size as f64 / 1e6,
                r.rows_read,
                r.accepted,
                r.rejected
            );
            println!(
                "import wall {dt:.3} s = {:.0} rows/s; cpu {dc:.3} s = {:.0} rows per cpu-second",
                r.rows_read as f64 / dt,
                r.rows_read as f64 / dc
            );
            for measure in [Measure::Count, Measure::Participants, Measure::MeanProgress] {
                let spec = PivotSpec::new()
                    .rows([Dim::Country])
                    .cols([Dim::Axis, Dim::Period])
                    .period(PeriodUnit::Quarter)
                    .measure(measure);
                let t = Instant::now();
                let c = cpu_seconds();
                let table = m.pivot(&spec)?;
                println!(
                    "pivot country x axis x quarter, {}: wall {:.1} ms, cpu {:.1} ms ({} cells, grand total {:?})",
                    measure.code(),
                    t.elapsed().as_secs_f64() * 1e3,
                    (cpu_seconds() - c) * 1e3,
                    table.cells.len(),
                    table.grand_total.value
                );
            }
        }
        None => return Err("usage: import_bench gen <path> <rows> | import_bench <path>".into()),
    }
    Ok(())
}
