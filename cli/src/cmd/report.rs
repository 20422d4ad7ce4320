//! `lineamientos report [CYCLE_DIR | CYCLE.json] [--matrix FILE] [--focal-points FILE]
//! [--as-of DATE] [--out DIR]`: the congress cycle's systematization report (the main job).
//!
//! Without an input it runs on the bundled illustrative cycle (`examples/cycle/`, compiled
//! in): fictitious data, and the report says so on every page.

use crate::fail::Failure;
use crate::input::{self, OptionsBuilder, name};
use crate::render::{self, t};
use crate::{Ctx, Format, Outcome, ReportArgs};
use lineamientos::cycle::ReviewTable;
use lineamientos::pivot::{Column, Columns};
use lineamientos::{
    Catalog, Cycle, FocalDirectory, ImportOptions, Matrix, RuleConfig, SystematizeOptions,
    roman_numeral,
};
use serde_json::json;
use std::path::{Path, PathBuf};

/// The bundled illustrative cycle, and the day its figures are as of.
const BUNDLED_CYCLE: &str = include_str!("../../../examples/cycle/cycle.json");
const BUNDLED_MATRIX: &str = include_str!("../../../examples/cycle/matrix.csv");
const BUNDLED_FOCAL: &str = include_str!("../../../examples/cycle/focal_points.json");
const BUNDLED_AS_OF: &str = "2024-06-30";

/// The inputs of a report, resolved: files given, found in a cycle directory, or bundled.
struct Inputs {
    cycle: (String, String),
    /// The directory's `plans/*.json` and `approvals/*.json`, added to the cycle's own.
    plans: Vec<PathBuf>,
    approvals: Vec<PathBuf>,
    matrix: Option<PathBuf>,
    focal: Option<(String, String)>,
    bundled: bool,
}

/// The file of a cycle directory with one of `names`, if present.
fn in_dir(dir: &Path, names: &[&str]) -> Option<PathBuf> {
    names.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

fn inputs(a: &ReportArgs) -> Result<Inputs, Failure> {
    let Some(input) = &a.input else {
        return Ok(Inputs {
            cycle: ("examples/cycle/cycle.json".into(), BUNDLED_CYCLE.into()),
            matrix: None,
            focal: Some((
                "examples/cycle/focal_points.json".into(),
                BUNDLED_FOCAL.into(),
            )),
            plans: Vec::new(),
            approvals: Vec::new(),
            bundled: true,
        });
    };
    let (cycle_path, dir) = if input.is_dir() {
        let path = in_dir(input, &["cycle.json", "ciclo.json"]).ok_or_else(|| Failure::Io {
            file: name(&input.join("cycle.json")),
            write: false,
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "a cycle directory needs cycle.json",
            ),
        })?;
        (path, Some(input.clone()))
    } else {
        (input.clone(), None)
    };
    let matrix = a.matrix.clone().or_else(|| {
        dir.as_deref().and_then(|d| {
            let names: Vec<String> = ["matrix", "matriz"]
                .iter()
                .flat_map(|stem| {
                    ["csv", "xlsx", "xlsm", "xlsb", "xls", "ods"]
                        .iter()
                        .map(move |ext| format!("{stem}.{ext}"))
                })
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            in_dir(d, &names)
        })
    });
    let focal_path = a.focal_points.clone().or_else(|| {
        dir.as_deref()
            .and_then(|d| in_dir(d, &["focal_points.json", "puntos_focales.json"]))
    });
    let focal = match focal_path {
        Some(p) => Some((name(&p), input::read_text(&p)?)),
        None => None,
    };
    let json_files = |sub: &str| -> Vec<PathBuf> {
        let Some(d) = dir.as_deref().map(|d| d.join(sub)) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| input::extension(p) == "json")
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    };
    Ok(Inputs {
        plans: json_files("plans"),
        approvals: json_files("approvals"),
        cycle: (name(&cycle_path), input::read_text(&cycle_path)?),
        matrix,
        focal,
        bundled: false,
    })
}

fn write_text(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|error| Failure::Io {
        file: name(path),
        write: true,
        error,
    })
}

/// Runs `report`.
pub fn run(a: &ReportArgs, ctx: Ctx) -> Result<Outcome, Failure> {
    let lang = ctx.lang;
    let cat: Catalog = input::catalog(a.catalog.as_deref())?;
    let inputs = inputs(a)?;
    let mut options = OptionsBuilder::from_file(
        a.rules.as_deref(),
        RuleConfig::MAX_JSON_BYTES,
        "report options JSON bytes",
    )?;
    // The bundled cycle's figures are as of its last day (the same report on any day);
    // a partner's cycle is reviewed as of today unless told otherwise.
    let today = chrono::Local::now().date_naive().to_string();
    let default_as_of = if inputs.bundled {
        BUNDLED_AS_OF.to_owned()
    } else {
        today
    };
    if a.as_of.is_some() || !options.has("as_of") {
        options.text(
            "as_of",
            "--as-of",
            Some(a.as_of.as_deref().unwrap_or(&default_as_of)),
        );
    }
    options.number(
        "suppress_below",
        "--suppress-below",
        a.suppress_below.as_deref(),
    );
    options.switch(
        "confirm_focal_points",
        "--confirm-focal-points",
        a.confirm_focal_points,
    );
    let report_options = options.read(SystematizeOptions::from_value)?;
    let import_options: ImportOptions = input::import_options(&a.import)?;

    let (cycle_file, cycle_text) = &inputs.cycle;
    let mut cycle = Cycle::from_json(cycle_text).map_err(|e| Failure::in_file(e, cycle_file))?;
    // A directory's plans and approval records as files of their own, after the document's.
    for path in &inputs.plans {
        let plan = lineamientos::WorkPlan::from_json(&input::read_text(path)?)
            .map_err(|e| Failure::in_file(e, &name(path)))?;
        cycle.plans.push(plan);
    }
    for path in &inputs.approvals {
        let approval = lineamientos::Approval::from_json(&input::read_text(path)?)
            .map_err(|e| Failure::in_file(e, &name(path)))?;
        cycle.approvals.push(approval);
    }
    if let Some(n) = &a.congress {
        let wanted = lineamientos::congress::parse_edition(n).map_err(|e| Failure::Core {
            error: Box::new(e),
            file: None,
            flag: Some("--congress".into()),
        })?;
        match (wanted, cycle.congress) {
            (w, Some(c)) if w != c => {
                return Err(Failure::Core {
                    error: Box::new(lineamientos::Error::invalid_value(
                        "congress",
                        Some(n.clone()),
                        format!("the edition of {cycle_file} ({})", roman_numeral(c)),
                    )),
                    file: None,
                    flag: Some("--congress".into()),
                });
            }
            (w, _) => cycle.congress = Some(w),
        }
    }
    let (matrix, matrix_file, import_report) = match (&inputs.matrix, inputs.bundled) {
        (Some(path), _) => {
            let (m, r) = input::matrix(path, &cat, &import_options, ctx)?;
            (Some(m), Some(name(path)), Some(r))
        }
        (None, true) => {
            let (m, r) = Matrix::read_csv(BUNDLED_MATRIX.as_bytes(), &cat, &import_options)
                .map_err(|e| Failure::in_file(e, "examples/cycle/matrix.csv"))?;
            (
                Some(m),
                Some("examples/cycle/matrix.csv".to_owned()),
                Some(r),
            )
        }
        (None, false) => (None, None, None),
    };
    let focal = match &inputs.focal {
        Some((file, text)) => Some(
            FocalDirectory::from_json(text, &cat)
                .map_err(|e| Failure::in_file(e, file))?
                .0,
        ),
        None => None,
    };
    let report = cycle
        .systematize(&cat, matrix.as_ref(), focal.as_ref(), &report_options)
        .map_err(|e| Failure::in_file(e, cycle_file))?;

    // The files.
    let out = a.out.clone().unwrap_or_else(|| PathBuf::from("report"));
    std::fs::create_dir_all(&out).map_err(|error| Failure::Io {
        file: name(&out),
        write: true,
        error,
    })?;
    let actions = Columns {
        names: vec![
            "rule".into(),
            "axis".into(),
            "text".into(),
            "figures".into(),
        ],
        columns: vec![
            Column::Str(
                report
                    .actions
                    .iter()
                    .map(|x| Some(x.rule.to_owned()))
                    .collect(),
            ),
            Column::Str(report.actions.iter().map(|x| x.axis.clone()).collect()),
            Column::Str(
                report
                    .actions
                    .iter()
                    .map(|x| Some(x.text.get(lang).to_owned()))
                    .collect(),
            ),
            Column::Str(
                report
                    .actions
                    .iter()
                    .map(|x| {
                        Some(
                            x.figures
                                .iter()
                                .map(|(k, v)| format!("{k}={v}"))
                                .collect::<Vec<_>>()
                                .join("; "),
                        )
                    })
                    .collect(),
            ),
        ],
    };
    let texts: Vec<(String, String)> = vec![
        ("report.html".into(), report.to_html(lang)),
        ("report.md".into(), report.to_markdown(lang)),
    ];
    let mut written = Vec::new();
    for (file, text) in &texts {
        let path = out.join(file);
        write_text(&path, text)?;
        written.push(name(&path));
    }
    // Typed columns through core's CSV writer (RFC 4180 quoting; dates ISO; lists joined
    // with `;`; text cells neutralised against formulas, as in every spreadsheet export).
    let tables = ReviewTable::ALL
        .iter()
        .map(|t| (format!("{}.csv", t.code()), report.review.columns(*t)))
        .chain([("actions.csv".to_owned(), actions)]);
    for (file, columns) in tables {
        let path = out.join(file);
        input::write_file(&path, |w| columns.write_csv(w))?;
        written.push(name(&path));
    }
    for (file, table) in [
        ("entries_by_country_axis.csv", &report.heatmap),
        ("participants_by_country_axis.csv", &report.participants),
    ] {
        let path = out.join(file);
        input::write_file(&path, |w| table.write_csv(w, lang))?;
        written.push(name(&path));
    }
    let xlsx = out.join("participants_by_country_axis.xlsx");
    input::write_file(&xlsx, |w| report.participants.write_xlsx(w, lang))?;
    written.push(name(&xlsx));

    let html = name(&out.join("report.html"));
    match ctx.format {
        Format::Json => {
            let doc = json!({
                "command": "report",
                "ok": true,
                "out": name(&out),
                "files": written,
                "illustrative": report.illustrative,
                "figures": report.figures,
                "actions": report.actions,
                "pins": report.pins,
                "matrix": matrix_file.as_ref().map(|f| json!({"file": f,
                    "import": import_report.as_ref().map(|r| r.localized(lang))})),
            });
            render::write_stdout(&render::json_text(&doc));
        }
        Format::Text if ctx.quiet => {}
        Format::Text => {
            let f = &report.figures;
            let mut text = String::new();
            if !report.illustrative.is_empty() {
                text.push_str(t(
                    lang,
                    "AVISO: datos o lineamientos ilustrativos (ficticios): el informe lo indica en cada página.\n",
                    "NOTE: illustrative (fictitious) data or guidelines: the report says so on every page.\n",
                ));
            }
            let congress = report.congress.map_or_else(|| "?".into(), roman_numeral);
            text.push_str(&match lang {
                lineamientos::Lang::Es => format!(
                    "Informe de sistematización del {congress} Congreso (cifras al {}):\n  {} mesas, {}/{} planes aprobados, {} actividades ({} atrasadas, {} cumplidas, {} sin reporte)\n  {} registros de la matriz, {} de 11 Estados Miembros reportaron; {} acuerdos vencidos\n  {} acciones prioritarias\nEscrito: {html} (y Markdown y tablas CSV/XLSX en {})\n",
                    report.as_of, f.tables, f.plans_approved, f.plans, f.activities.planned, f.activities.behind, f.activities.done, f.activities.not_reported,
                    f.entries, f.members_reporting.len(), f.agreements_overdue, report.actions.len(), name(&out)
                ),
                lineamientos::Lang::En => format!(
                    "Systematization report of congress {congress} (figures as of {}):\n  {} tables, {}/{} plans approved, {} activities ({} behind, {} done, {} not reported)\n  {} matrix entries, {} of 11 member states reported; {} agreements overdue\n  {} priority actions\nWritten: {html} (and Markdown and CSV/XLSX tables in {})\n",
                    report.as_of, f.tables, f.plans_approved, f.plans, f.activities.planned, f.activities.behind, f.activities.done, f.activities.not_reported,
                    f.entries, f.members_reporting.len(), f.agreements_overdue, report.actions.len(), name(&out)
                ),
            });
            render::write_stdout(&text);
        }
    }
    // The report was written: its findings are its content, not a failure of the command.
    Ok(Outcome { errors: false })
}
