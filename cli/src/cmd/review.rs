//! `lineamientos review CYCLE.json [--matrix FILE] [--focal-points FILE] --as-of DATE`

use super::{Findings, accounting};
use crate::fail::Failure;
use crate::input::{self, OptionsBuilder, name};
use crate::render::{self, Loc, t};
use crate::{Ctx, Format, Outcome, ReviewArgs};
use lineamientos::cycle::ReviewTable;
use lineamientos::{
    Cycle, FocalDirectory, ImportReport, Matrix, ReviewOptions, RuleConfig, roman_numeral,
};
use serde_json::json;
use std::collections::HashSet;

/// Runs `review`.
pub fn run(a: &ReviewArgs, ctx: Ctx) -> Result<Outcome, Failure> {
    let lang = ctx.lang;
    let cat = input::catalog(a.catalog.as_deref())?;
    let mut options = OptionsBuilder::from_file(
        a.rules.as_deref(),
        RuleConfig::MAX_JSON_BYTES,
        "review options JSON bytes",
    )?;
    options.text("as_of", "--as-of", a.as_of.as_deref());
    options.switch(
        "confirm_focal_points",
        "--confirm-focal-points",
        a.confirm_focal_points,
    );
    let review_options = options.read(ReviewOptions::from_value)?;
    let import_options = input::import_options(&a.import)?;

    let cycle_file = name(&a.cycle);
    let cycle = Cycle::from_json(&input::read_text(&a.cycle)?)
        .map_err(|e| Failure::in_file(e, &cycle_file))?;
    let focal: Option<(String, FocalDirectory, lineamientos::Report)> = match &a.focal_points {
        None => None,
        Some(path) => {
            let (dir, report) = FocalDirectory::from_json(&input::read_text(path)?, &cat)
                .map_err(|e| Failure::in_file(e, &name(path)))?;
            Some((name(path), dir, report))
        }
    };
    let matrix: Option<(String, Matrix, ImportReport)> = match &a.matrix {
        None => None,
        Some(path) => {
            let (m, r) = input::matrix(path, &cat, &import_options, ctx)?;
            Some((name(path), m, r))
        }
    };
    let review = cycle.review(
        &cat,
        matrix.as_ref().map(|(_, m, _)| m),
        focal.as_ref().map(|(_, d, _)| d),
        &review_options,
    );

    // Where a finding of the review is: the matrix (by entry), the focal-point file, or the
    // cycle document.
    let loc = |path: &str| -> Loc {
        if let (Some(rest), Some((file, m, _))) = (path.strip_prefix("/matrix/"), &matrix) {
            let index = rest.split('/').next().and_then(|i| i.parse::<usize>().ok());
            return Loc::Entry {
                file: file.clone(),
                id: index.and_then(|i| m.entry(i)).map(|e| e.id),
                path: path.to_owned(),
            };
        }
        if let (Some(rest), Some((file, _, _))) = (path.strip_prefix("/focal_points"), &focal) {
            return Loc::doc(file, rest);
        }
        Loc::doc(&cycle_file, path)
    };
    let mut shown = Findings::default();
    if let Some((file, _, report)) = &focal {
        for d in &report.diagnostics {
            shown.push(d, &Loc::doc(file, &d.path), lang);
        }
    }
    let mut seen = HashSet::new();
    for d in &review.report.diagnostics {
        shown.push(d, &loc(&d.path), lang);
        seen.insert((d.code.as_str(), d.path.as_str()));
    }
    // The merge of the approved plans: what the review did not already say
    // (`plan_not_approved`, duplicates across plans, uncovered axes).
    let general_label = t(lang, "plan general", "general plan");
    for d in &review.general_report.diagnostics {
        if seen.contains(&(d.code.as_str(), d.path.as_str())) {
            continue;
        }
        let l = if d.path.is_empty() {
            Loc::Label(general_label.to_owned())
        } else {
            loc(&d.path)
        };
        shown.push(d, &l, lang);
    }
    let import_errors = matrix.as_ref().is_some_and(|(_, _, r)| !r.ok());
    let errors = shown.has_errors() || import_errors;

    match ctx.format {
        Format::Json => {
            let doc = json!({
                "command": "review",
                "ok": !errors,
                "file": cycle_file,
                "summary": shown.total,
                "review": review.localized(lang),
                "matrix": matrix.as_ref().map(|(file, _, r)| json!({"file": file, "import": r.localized(lang)})),
                "focal_points": focal.as_ref().map(|(file, d, r)| json!({
                    "file": file, "records": d.points().len(), "report": r.localized(lang)})),
            });
            render::write_stdout(&render::json_text(&doc));
        }
        Format::Text if ctx.quiet => {}
        Format::Text => {
            let congress = review
                .congress
                .map(roman_numeral)
                .unwrap_or_else(|| "?".into());
            let period = format!(
                "{} – {}",
                review
                    .period
                    .start
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                review.period.end.map(|d| d.to_string()).unwrap_or_default()
            );
            let mut out = render::heading(&match lang {
                lineamientos::Lang::Es => format!(
                    "Ciclo del {congress} Congreso · periodo {period} · al {}",
                    review.as_of
                ),
                lineamientos::Lang::En => format!(
                    "Cycle of the {congress} Congress · period {period} · as of {}",
                    review.as_of
                ),
            });
            if let Some((file, _, r)) = &matrix {
                out.push_str(&format!(
                    "{}: {}; {} {}\n",
                    t(lang, "matriz", "matrix"),
                    accounting(file, r, lang),
                    review.entries,
                    t(lang, "registros en el periodo", "entries in the period")
                ));
                if r.summary.errors + r.summary.warnings > 0 {
                    out.push_str(&format!(
                        "  {}; `lineamientos import {file}` {}\n",
                        render::counts(r.summary, lang),
                        t(lang, "los muestra", "lists them")
                    ));
                }
            }
            if let Some((file, d, _)) = &focal {
                out.push_str(&format!(
                    "{}: {file}: {} {}\n",
                    t(lang, "puntos focales", "focal points"),
                    d.points().len(),
                    t(lang, "registros", "records")
                ));
            }
            if !review.priority_areas.is_empty() {
                out.push_str(&format!(
                    "{}: {}\n",
                    t(lang, "áreas prioritarias", "priority areas"),
                    review.priority_areas.join(", ")
                ));
            }
            let merged: Vec<&str> = review
                .general_plan
                .plans
                .iter()
                .map(|p| p.id.as_deref().unwrap_or("?"))
                .collect();
            out.push_str(&format!(
                "{}: {} {} {} ({})\n\n",
                general_label,
                merged.len(),
                t(lang, "de", "of"),
                cycle.plans.len(),
                if merged.is_empty() {
                    "-".to_owned()
                } else {
                    merged.join(", ")
                }
            ));
            for (table, title, skip) in [
                (
                    ReviewTable::Activities,
                    t(lang, "Actividades", "Activities"),
                    &[
                        "plan_id",
                        "countries",
                        "participants",
                        "progress_source",
                        "path",
                    ][..],
                ),
                (
                    ReviewTable::Tables,
                    t(lang, "Mesas de trabajo", "Working tables"),
                    &["plans"][..],
                ),
                (
                    ReviewTable::Agreements,
                    t(lang, "Acuerdos", "Agreements"),
                    &[][..],
                ),
            ] {
                out.push_str(&render::heading(title));
                out.push_str(&render::columns_table(&review.columns(table), skip, lang));
                out.push('\n');
            }
            out.push_str(&shown.text);
            out.push_str(&format!(
                "{}: {}\n",
                t(lang, "total", "total"),
                render::counts(shown.total, lang)
            ));
            render::write_stdout(&out);
        }
    }
    Ok(Outcome { errors })
}
