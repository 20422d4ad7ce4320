//! Writes the systematization report of the bundled illustrative cycle (`examples/cycle/`)
//! as Markdown and HTML into a directory (default `target/report/`). The command-line tool
//! (`lineamientos report`) does the same for any cycle; this example shows the library calls.
//!
//! `cargo run -p lineamientos --example systematize -- [OUT_DIR] [es|en]`
#![allow(clippy::expect_used)]

use lineamientos::{
    Catalog, Cycle, FocalDirectory, ImportOptions, Lang, Matrix, SystematizeOptions,
};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/cycle");
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "target/report".into()));
    let lang = Lang::parse(&args.next().unwrap_or_else(|| "es".into()))?;
    let cat = Catalog::embedded();
    let cycle = Cycle::from_json(&std::fs::read_to_string(root.join("cycle.json"))?)?;
    let csv = std::fs::read(root.join("matrix.csv"))?;
    let (matrix, _) = Matrix::read_csv(csv.as_slice(), &cat, &ImportOptions::default())?;
    let (focal, _) = FocalDirectory::from_json(
        &std::fs::read_to_string(root.join("focal_points.json"))?,
        &cat,
    )?;
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("a valid date");
    let report = cycle.systematize(
        &cat,
        Some(&matrix),
        Some(&focal),
        &SystematizeOptions::new(as_of),
    )?;
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("report.md"), report.to_markdown(lang))?;
    std::fs::write(out.join("report.html"), report.to_html(lang))?;
    println!(
        "wrote {}/report.md and report.html ({} priority actions)",
        out.display(),
        report.actions.len()
    );
    Ok(())
}
