//! `lineamientos validate PLAN.json... [--as-of DATE] [--rules RULES.json] [--merge]`

use super::Findings;
use crate::fail::Failure;
use crate::input::{self, OptionsBuilder, name};
use crate::render::{self, Cell, Loc, t};
use crate::{Ctx, Format, Outcome, ValidateArgs};
use lineamientos::{RuleConfig, WorkPlan};
use serde_json::{Value, json};
use std::collections::HashSet;

/// The plan index and the rest of a general-plan path (`/plans/2/activities/0` -> 2,
/// `/activities/0`).
fn plan_path(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("/plans/")?;
    let (index, rest) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    Some((index.parse().ok()?, rest))
}

/// Runs `validate`.
pub fn run(a: &ValidateArgs, ctx: Ctx) -> Result<Outcome, Failure> {
    let lang = ctx.lang;
    let cat = input::catalog(a.catalog.as_deref())?;
    let mut options = OptionsBuilder::from_file(
        a.rules.as_deref(),
        RuleConfig::MAX_JSON_BYTES,
        "rule config JSON bytes",
    )?;
    options.text("as_of", "--as-of", a.as_of.as_deref());
    if !options.has("as_of") {
        // The library never reads the clock; this program does: today, on this computer.
        let today = chrono::Local::now().date_naive().to_string();
        options.set("as_of", "--as-of", Value::from(today));
    }
    let config = options.read(RuleConfig::from_value)?;

    let files: Vec<String> = a.plans.iter().map(|p| name(p)).collect();
    let mut plans = Vec::with_capacity(a.plans.len());
    for path in &a.plans {
        let text = input::read_text(path)?;
        plans.push(WorkPlan::from_json(&text).map_err(|e| Failure::in_file(e, &name(path)))?);
    }
    let reports = cat.validate_plans(&plans, &config);
    let general = a.merge.then(|| cat.merge_plans(&plans, &config));

    // Every plan's findings in its file; then the general plan's findings that are not one
    // of those (duplicates across plans, near duplicates, uncovered axes).
    let mut shown = Findings::default();
    let mut per_file = Vec::new();
    let mut seen = HashSet::new();
    for (i, (file, report)) in files.iter().zip(&reports).enumerate() {
        for d in &report.diagnostics {
            shown.push(d, &Loc::doc(file, &d.path), lang);
            seen.insert((i, d.code.clone(), d.path.clone()));
        }
        per_file.push((file.as_str(), report.summary()));
    }
    let general_label = t(lang, "plan general", "general plan");
    let mut general_shown = Findings::default();
    if let Some((_, report)) = &general {
        for d in &report.diagnostics {
            let loc = match plan_path(&d.path) {
                Some((i, rest)) => {
                    if seen.contains(&(i, d.code.clone(), rest.to_owned())) {
                        continue;
                    }
                    match files.get(i) {
                        Some(file) => Loc::doc(file, rest),
                        None => Loc::Label(format!("{general_label}:{}", d.path)),
                    }
                }
                None if d.path.is_empty() => Loc::Label(general_label.to_owned()),
                None => Loc::Label(format!("{general_label}:{}", d.path)),
            };
            general_shown.push(d, &loc, lang);
        }
    }
    let mut total = shown.total;
    render::add(&mut total, general_shown.total);
    let errors = total.errors > 0;

    match ctx.format {
        Format::Json => {
            let files_json: Vec<Value> = files
                .iter()
                .zip(&reports)
                .map(|(file, r)| json!({"file": file, "report": r.localized(lang)}))
                .collect();
            let mut doc = json!({
                "command": "validate",
                "ok": !errors,
                "as_of": config.as_of,
                "summary": total,
                "files": files_json,
            });
            if let (Some((plan, report)), Value::Object(map)) = (&general, &mut doc) {
                map.insert(
                    "general".into(),
                    json!({"report": report.localized(lang), "plan": plan}),
                );
            }
            render::write_stdout(&render::json_text(&doc));
        }
        Format::Text if ctx.quiet => {}
        Format::Text => {
            let mut out = shown.text;
            out.push_str(&general_shown.text);
            if let Some((plan, _)) = &general {
                out.push_str(&render::heading(&format!(
                    "{} ({} {})",
                    t(
                        lang,
                        "Cobertura por eje del plan general",
                        "Axis coverage of the general plan"
                    ),
                    t(lang, "lineamientos", "guidelines"),
                    plan.guideline_version.as_deref().unwrap_or("-")
                )));
                let header = [
                    t(lang, "eje", "axis").to_owned(),
                    t(lang, "actividades", "activities").to_owned(),
                    t(lang, "nombre", "name").to_owned(),
                ];
                let rows: Vec<Vec<Cell>> = plan
                    .coverage
                    .iter()
                    .map(|c| {
                        vec![
                            Cell::text(c.axis.clone()),
                            Cell::num(c.activities.len().to_string()),
                            Cell::text(c.name.get(lang)),
                        ]
                    })
                    .collect();
                out.push_str(&render::table(&header, &rows));
                out.push('\n');
            }
            for (file, s) in &per_file {
                out.push_str(&format!("{file}: {}\n", render::counts(*s, lang)));
            }
            if general.is_some() {
                out.push_str(&format!(
                    "{general_label}: {}\n",
                    render::counts(general_shown.total, lang)
                ));
            }
            if per_file.len() > 1 || general.is_some() {
                out.push_str(&format!(
                    "{}: {}\n",
                    t(lang, "total", "total"),
                    render::counts(total, lang)
                ));
            }
            out.push_str(&format!(
                "{} {}\n",
                t(lang, "validado al", "validated as of"),
                config.as_of
            ));
            render::write_stdout(&out);
        }
    }
    Ok(Outcome { errors })
}

#[cfg(test)]
mod tests {
    use super::plan_path;

    #[test]
    fn general_plan_paths_point_into_the_plan_files() {
        assert_eq!(
            plan_path("/plans/2/activities/0/end"),
            Some((2, "/activities/0/end"))
        );
        assert_eq!(plan_path("/plans/0"), Some((0, "")));
        assert_eq!(plan_path(""), None);
        assert_eq!(plan_path("/plans/x/id"), None);
    }
}
