//! Validates work plans from JSON files and, when there are several, merges them into the
//! general work plan.
//!
//! ```text
//! cargo run -p lineamientos --example validate_plan -- [--lang es|en] [--as-of YYYY-MM-DD]
//!     [--config rules.json] plan.json [plan.json ...]
//! ```
//!
//! Exit status: 0 when no plan has an error, 1 otherwise, 2 on a usage or input error.

use lineamientos::{Catalog, Lang, Report, RuleConfig, WorkPlan};
use std::process::ExitCode;

fn print(title: &str, report: &Report, lang: Lang) {
    let s = report.summary();
    println!(
        "{title}: {} error(s), {} warning(s), {} info(s)",
        s.errors, s.warnings, s.infos
    );
    for d in &report.diagnostics {
        let at = if d.path.is_empty() { "/" } else { &d.path };
        println!(
            "  {:<7} {:<20} {at}: {}",
            d.severity.code(),
            d.code,
            d.message(lang)
        );
    }
}

fn run() -> Result<bool, String> {
    let mut lang = Lang::Es;
    let mut as_of = "2024-06-01".to_owned();
    let mut config_file = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lang" => {
                lang = Lang::parse(&args.next().ok_or("--lang needs a value")?)
                    .map_err(|e| e.to_string())?
            }
            "--as-of" => as_of = args.next().ok_or("--as-of needs a date")?,
            "--config" => config_file = Some(args.next().ok_or("--config needs a file")?),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return Err("usage: validate_plan [--lang es|en] [--as-of YYYY-MM-DD] [--config rules.json] plan.json...".into());
    }
    let config_text = match config_file {
        Some(f) => std::fs::read_to_string(&f).map_err(|e| format!("{f}: {e}"))?,
        None => format!("{{\"as_of\": \"{as_of}\"}}"),
    };
    let config = RuleConfig::from_json(&config_text).map_err(|e| format!("{}: {e}", e.code()))?;
    let cat = Catalog::embedded();
    let mut plans = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?;
        plans.push(WorkPlan::from_json(&text).map_err(|e| format!("{f}: {}: {e}", e.code()))?);
    }
    let reports = cat.validate_plans(&plans, &config);
    for (f, r) in files.iter().zip(&reports) {
        print(f, r, lang);
    }
    if plans.len() > 1 {
        let (general, report) = cat.merge_plans(&plans, &config);
        print("general plan", &report, lang);
        for row in &general.coverage {
            println!(
                "  {:<4} {:>3} activities  {}",
                row.axis,
                row.activities.len(),
                row.name.get(lang)
            );
        }
    }
    Ok(reports.iter().all(|r| r.ok()))
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
