//! `lineamientos pivot MATRIX --rows country --cols axis --measure count
//! [--suppress-below K] [--out FILE.csv|.xlsx|.html]`

use super::accounting;
use crate::fail::Failure;
use crate::input::{self, OptionsBuilder, name};
use crate::render::{self, Cell, t};
use crate::{Ctx, Format, Outcome, PivotArgs};
use lineamientos::pivot::Total;
use lineamientos::{Lang, PivotSpec, PivotTable, args};
use serde_json::json;
use std::io::Write;

#[derive(Clone, Copy)]
enum OutKind {
    Csv,
    Xlsx,
    Html,
}

fn value_cell(value: Option<f64>, suppressed: bool) -> Cell {
    if suppressed {
        Cell::num("*")
    } else {
        Cell::num(value.map(render::number).unwrap_or_default())
    }
}

fn total_cell(total: Option<&Total>) -> Cell {
    match total {
        Some(t) => value_cell(t.value, t.suppressed),
        None => Cell::num(""),
    }
}

/// The longest column label shown as is; a dimension with a longer one is shown by codes,
/// with a legend.
const MAX_LABEL: usize = 16;

/// The table as text: one line per row key, one column per column key, totals last. Column
/// dimensions with long labels (axes) are headed by their codes, explained below the table.
pub fn text_table(table: &PivotTable, lang: Lang) -> String {
    let mut header: Vec<String> = table
        .row_dims
        .iter()
        .map(|d| d.label(lang).to_owned())
        .collect();
    let by_code: Vec<bool> = (0..table.col_dims.len())
        .map(|k| {
            table.cols.iter().any(|key| {
                key.get(k)
                    .is_some_and(|p| p.code.is_some() && p.label(lang).chars().count() > MAX_LABEL)
            })
        })
        .collect();
    let mut legend: Vec<String> = Vec::new();
    for key in &table.cols {
        let label: Vec<&str> = key
            .iter()
            .enumerate()
            .map(|(k, p)| match (&p.code, by_code.get(k)) {
                (Some(code), Some(true)) => {
                    let line = format!("{code} = {}", p.label(lang));
                    if !legend.contains(&line) {
                        legend.push(line);
                    }
                    code.as_str()
                }
                _ => p.label(lang),
            })
            .collect();
        header.push(if label.is_empty() {
            table.measure.code().to_owned()
        } else {
            label.join(" / ")
        });
    }
    header.push("Total".into());
    let mut rows = Vec::with_capacity(table.rows.len() + 1);
    for (r, key) in table.rows.iter().enumerate() {
        let mut line: Vec<Cell> = key.iter().map(|p| Cell::text(p.label(lang))).collect();
        for c in 0..table.cols.len() {
            line.push(match table.cell(r, c) {
                Some(cell) => value_cell(cell.value, cell.suppressed),
                None => Cell::num(""),
            });
        }
        line.push(total_cell(table.row_totals.get(r)));
        rows.push(line);
    }
    // Without row dimensions the one line is already the total.
    if !table.row_dims.is_empty() {
        let mut last: Vec<Cell> = vec![Cell::text("Total")];
        last.extend((1..table.row_dims.len()).map(|_| Cell::text("")));
        last.extend(table.col_totals.iter().map(|t| total_cell(Some(t))));
        last.push(total_cell(Some(&table.grand_total)));
        rows.push(last);
    }
    let mut out = render::table(&header, &rows);
    for line in legend {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A stand-alone HTML page with the table.
fn html_page(table: &PivotTable, lang: Lang) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{}\n</body></html>\n",
        lang.code(),
        t(lang, "Tabla dinámica", "Pivot table"),
        table.to_html(lang)
    )
}

/// Runs `pivot`.
pub fn run(a: &PivotArgs, ctx: Ctx) -> Result<Outcome, Failure> {
    let lang = ctx.lang;
    let cat = input::catalog(a.catalog.as_deref())?;
    let import = input::import_options(&a.import)?;
    let mut spec = OptionsBuilder::new();
    spec.list("rows", "--rows", &a.rows);
    spec.list("cols", "--cols", &a.cols);
    spec.text("measure", "--measure", a.measure.as_deref());
    spec.text("period", "--period", a.period.as_deref());
    spec.number(
        "suppress_below",
        "--suppress-below",
        a.suppress_below.as_deref(),
    );
    spec.switch("approved_only", "--approved-only", a.approved_only);
    // The spec is read (and checked) before the import, so a bad option fails fast.
    let parsed: PivotSpec = spec.read(|v| args::arg("spec", v))?;
    let out_kind = match &a.out {
        None => None,
        Some(path) => match input::extension(path).as_str() {
            "csv" => Some((path, OutKind::Csv)),
            "xlsx" => Some((path, OutKind::Xlsx)),
            "html" | "htm" => Some((path, OutKind::Html)),
            _ => return Err(input::bad_out(path, ".csv, .xlsx or .html")),
        },
    };

    let file = name(&a.matrix);
    let (matrix, report) = input::matrix(&a.matrix, &cat, &import, ctx)?;
    let table = spec.read(|_| matrix.pivot(&parsed))?;
    if let Some((path, kind)) = out_kind {
        input::write_file(path, |w| match kind {
            OutKind::Csv => table.write_csv(w, lang),
            OutKind::Xlsx => table.write_xlsx(w, lang),
            OutKind::Html => w
                .write_all(html_page(&table, lang).as_bytes())
                .map_err(Into::into),
        })?;
    }
    let errors = !report.ok();
    match ctx.format {
        Format::Json => {
            let doc = json!({
                "command": "pivot",
                "ok": !errors,
                "file": file,
                "import": report.localized(lang),
                "table": table,
                "out": a.out.as_deref().map(name),
            });
            render::write_stdout(&render::json_text(&doc));
        }
        Format::Text if ctx.quiet => {}
        Format::Text => {
            // The accounting goes to standard error: standard output is the table.
            let mut note = accounting(&file, &report, lang);
            if report.summary.errors + report.summary.warnings > 0 {
                note.push_str(&format!(
                    "; {}; `lineamientos import {file}` {}",
                    render::counts(report.summary, lang),
                    t(lang, "los muestra", "lists them")
                ));
            }
            note.push('\n');
            if let Some(path) = &a.out {
                note.push_str(&format!(
                    "{}: {}\n",
                    t(lang, "escrito", "written"),
                    name(path)
                ));
            }
            render::write_stderr(&note);
            let mut out = text_table(&table, lang);
            if let Some(k) = table.suppress_below {
                let any = table.cells.iter().any(|c| c.suppressed)
                    || table.row_totals.iter().any(|t| t.suppressed)
                    || table.col_totals.iter().any(|t| t.suppressed);
                if any {
                    out.push_str(&match lang {
                        Lang::Es => {
                            format!("* = valor oculto por control de divulgación (k = {k})\n")
                        }
                        Lang::En => format!("* = value withheld by disclosure control (k = {k})\n"),
                    });
                }
                if !table.exposed.is_empty() {
                    out.push_str(t(
                        lang,
                        "aviso: algunas celdas pequeñas no se pudieron proteger (véase --format json, \"exposed\")\n",
                        "warning: some small cells could not be protected (see --format json, \"exposed\")\n",
                    ));
                }
            }
            render::write_stdout(&out);
        }
    }
    Ok(Outcome { errors })
}
