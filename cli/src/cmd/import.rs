//! `lineamientos import MATRIX [--strict] [--max-diagnostics N] [--out FILE]`

use super::{Findings, accounting};
use crate::fail::Failure;
use crate::input::{self, name};
use crate::render::{self, Loc, t};
use crate::{Ctx, Format, ImportArgs, Outcome};
use lineamientos::{ImportReport, Lang};
use serde_json::json;

/// The findings of an import, each at its row and column.
pub fn findings(file: &str, report: &ImportReport, lang: Lang) -> Findings {
    let mut f = Findings::default();
    for d in &report.diagnostics {
        f.push(d, &Loc::cell(file, d), lang);
    }
    // The counts are the report's: they include the findings beyond --max-diagnostics.
    f.total = report.summary;
    f
}

/// How the file was read: delimiter, encoding, guideline version.
pub fn how_read(report: &ImportReport, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(d) = report.delimiter {
        let shown = if d == '\t' {
            "tab".to_owned()
        } else {
            format!("{d:?}")
        };
        parts.push(format!("{} {shown}", t(lang, "delimitador", "delimiter")));
    }
    if let Some(e) = &report.encoding {
        parts.push(format!("{} {e}", t(lang, "codificación", "encoding")));
    }
    parts.push(format!(
        "{} {}",
        t(lang, "lineamientos", "guidelines"),
        report.guideline_version
    ));
    parts.join(" · ")
}

/// Runs `import`.
pub fn run(a: &ImportArgs, ctx: Ctx) -> Result<Outcome, Failure> {
    let lang = ctx.lang;
    let cat = input::catalog(a.catalog.as_deref())?;
    let options = input::import_options(&a.import)?;
    // The output format is checked before the (possibly long) import.
    let out_kind = match &a.out {
        None => None,
        Some(path) => match input::extension(path).as_str() {
            "csv" => Some((path, false)),
            "xlsx" => Some((path, true)),
            _ => return Err(input::bad_out(path, ".csv or .xlsx")),
        },
    };
    let file = name(&a.matrix);
    let (matrix, report) = input::matrix(&a.matrix, &cat, &options, ctx)?;
    if let Some((path, xlsx)) = out_kind {
        input::write_file(path, |w| {
            if xlsx {
                matrix.write_xlsx(w, lang)
            } else {
                matrix.write_csv(w, lang)
            }
        })?;
    }
    let errors = !report.ok();
    match ctx.format {
        Format::Json => {
            let doc = json!({
                "command": "import",
                "ok": !errors,
                "file": file,
                "report": report.localized(lang),
                "out": a.out.as_deref().map(name),
            });
            render::write_stdout(&render::json_text(&doc));
        }
        Format::Text if ctx.quiet => {}
        Format::Text => {
            let shown = findings(&file, &report, lang);
            let mut out = format!(
                "{}\n{}\n\n",
                accounting(&file, &report, lang),
                how_read(&report, lang)
            );
            out.push_str(&shown.text);
            if report.diagnostics_truncated > 0 {
                out.push_str(&format!(
                    "{} {}\n",
                    report.diagnostics_truncated,
                    t(
                        lang,
                        "hallazgos más no se muestran (--max-diagnostics)",
                        "more findings are not listed (--max-diagnostics)"
                    )
                ));
            }
            if let Some(path) = &a.out {
                out.push_str(&format!(
                    "{}: {} ({} {})\n",
                    t(lang, "escrito", "written"),
                    name(path),
                    matrix.len(),
                    t(lang, "registros", "entries")
                ));
            }
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
