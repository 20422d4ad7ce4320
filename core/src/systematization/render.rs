//! Renderings of the report: Markdown, and one self-contained HTML page (inline CSS, inline
//! SVG charts: a country x axis heatmap and a progress bar per axis), in Spanish or English.
//! Both are built from one list of blocks, so they say the same things.

use super::Systematization;
use crate::congress::roman_numeral;
use crate::cycle::ActivityCounts;
use crate::i18n::Lang;
use crate::pivot::{PivotTable, escape_html};
use std::fmt::Write;

/// One piece of the report.
enum Block {
    Banner(String),
    Heading(u8, String),
    Para(String),
    List(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
    Heatmap(HeatmapData),
    Progress(ActivityCounts),
}

struct HeatmapData {
    title: String,
    rows: Vec<String>,
    cols: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
}

fn t(lang: Lang, es: &str, en: &str) -> String {
    match lang {
        Lang::Es => es.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn num(v: Option<f64>, withheld: bool) -> String {
    match (v, withheld) {
        (_, true) => "*".into(),
        (Some(x), false) if x.fract() == 0.0 => format!("{x:.0}"),
        (Some(x), false) => format!("{x:.1}"),
        (None, false) => "–".into(),
    }
}

/// A pivot table as header and rows (withheld values as `*`).
fn pivot_rows(table: &PivotTable, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let label = |key: &Vec<crate::pivot::KeyPart>| {
        key.iter()
            .map(|p| p.label(lang).to_owned())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let mut header = vec![String::new()];
    header.extend(table.cols.iter().map(label));
    header.push(t(lang, "Total", "Total"));
    let mut rows = Vec::new();
    for (r, key) in table.rows.iter().enumerate() {
        let mut row = vec![label(key)];
        for c in 0..table.cols.len() {
            row.push(
                table
                    .cell(r, c)
                    .map_or("–".into(), |cell| num(cell.value, cell.suppressed)),
            );
        }
        row.push(
            table
                .row_totals
                .get(r)
                .map_or("–".into(), |x| num(x.value, x.suppressed)),
        );
        rows.push(row);
    }
    let mut total = vec![t(lang, "Total", "Total")];
    total.extend(table.col_totals.iter().map(|x| num(x.value, x.suppressed)));
    total.push(num(table.grand_total.value, table.grand_total.suppressed));
    rows.push(total);
    (header, rows)
}

fn heatmap(table: &PivotTable, title: String, lang: Lang) -> HeatmapData {
    let label = |key: &Vec<crate::pivot::KeyPart>| {
        key.iter()
            .map(|p| p.code.clone().unwrap_or_else(|| p.label(lang).to_owned()))
            .collect::<Vec<_>>()
            .join("/")
    };
    HeatmapData {
        title,
        rows: table.rows.iter().map(label).collect(),
        cols: table.cols.iter().map(label).collect(),
        values: (0..table.rows.len())
            .map(|r| {
                (0..table.cols.len())
                    .map(|c| table.cell(r, c).and_then(|x| x.value))
                    .collect()
            })
            .collect(),
    }
}

fn state_label(code: &str, lang: Lang) -> String {
    let (es, en) = match code {
        "done" => ("cumplida", "done"),
        "behind" => ("atrasada", "behind"),
        "reported" => ("reportada", "reported"),
        "not_reported" => ("sin reporte", "not reported"),
        _ => ("planificada", "planned"),
    };
    t(lang, es, en)
}

impl Systematization {
    fn blocks(&self, lang: Lang) -> Vec<Block> {
        let mut b = Vec::new();
        if !self.illustrative.is_empty() {
            let what: Vec<String> = self
                .illustrative
                .iter()
                .map(|w| match w.as_str() {
                    "guidelines" => t(
                        lang,
                        "los lineamientos (ejes e ítems)",
                        "the guidelines (axes and items)",
                    ),
                    _ => t(lang, "los datos del ciclo", "the cycle's data"),
                })
                .collect();
            b.push(Block::Banner(match lang {
                Lang::Es => format!("Ilustrativo: {} son ficticios o de demostración; este informe no describe hechos reales.", what.join(" y ")),
                Lang::En => format!("Illustrative: {} are fictitious or for demonstration; this report does not describe real facts.", what.join(" and ")),
            }));
        }
        let congress = self.congress.map_or_else(|| "?".to_owned(), roman_numeral);
        let title = self.title.clone().unwrap_or_else(|| match lang {
            Lang::Es => format!("Sistematización del ciclo del {congress} Congreso"),
            Lang::En => format!("Systematization of the congress {congress} cycle"),
        });
        b.push(Block::Heading(1, title));
        let day =
            |d: Option<chrono::NaiveDate>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
        b.push(Block::Para(match lang {
            Lang::Es => format!(
                "{congress} Congreso · periodo {} a {} · cifras al {}",
                day(self.period.start),
                day(self.period.end),
                self.as_of
            ),
            Lang::En => format!(
                "Congress {congress} · period {} to {} · figures as of {}",
                day(self.period.start),
                day(self.period.end),
                self.as_of
            ),
        }));

        // Summary.
        let f = &self.figures;
        b.push(Block::Heading(2, t(lang, "Resumen", "Summary")));
        let a = &f.activities;
        b.push(Block::Table(
            vec![t(lang, "Indicador", "Figure"), t(lang, "Valor", "Value")],
            vec![
                vec![
                    t(lang, "Mesas de trabajo", "Working tables"),
                    f.tables.to_string(),
                ],
                vec![
                    t(
                        lang,
                        "Planes aprobados / presentados",
                        "Plans approved / presented",
                    ),
                    format!("{} / {}", f.plans_approved, f.plans),
                ],
                vec![
                    t(lang, "Actividades planificadas", "Activities planned"),
                    a.planned.to_string(),
                ],
                vec![
                    t(
                        lang,
                        "… reportadas / atrasadas / cumplidas / sin reporte",
                        "… reported / behind / done / not reported",
                    ),
                    format!(
                        "{} / {} / {} / {}",
                        a.reported, a.behind, a.done, a.not_reported
                    ),
                ],
                vec![
                    t(
                        lang,
                        "Acuerdos pendientes / vencidos / cumplidos",
                        "Agreements pending / overdue / done",
                    ),
                    format!(
                        "{} / {} / {}",
                        f.agreements_pending, f.agreements_overdue, f.agreements_done
                    ),
                ],
                vec![
                    t(
                        lang,
                        "Registros de la matriz en el periodo",
                        "Matrix entries in the period",
                    ),
                    f.entries.to_string(),
                ],
                vec![
                    t(
                        lang,
                        "Estados Miembros que reportaron",
                        "Member states reporting",
                    ),
                    format!(
                        "{} ({})",
                        f.members_reporting.len(),
                        f.members_reporting.join(", ")
                    ),
                ],
                vec![
                    t(
                        lang,
                        "Estados Miembros sin reportes",
                        "Member states without reports",
                    ),
                    if f.members_silent.is_empty() {
                        "–".into()
                    } else {
                        f.members_silent.join(", ")
                    },
                ],
                vec![
                    t(
                        lang,
                        "Hallazgos: errores / advertencias / avisos",
                        "Findings: errors / warnings / infos",
                    ),
                    format!(
                        "{} / {} / {}",
                        f.findings.errors, f.findings.warnings, f.findings.infos
                    ),
                ],
            ],
        ));
        b.push(Block::Progress(*a));

        // Priority actions.
        b.push(Block::Heading(
            2,
            t(lang, "Acciones prioritarias", "Priority actions"),
        ));
        if self.actions.is_empty() {
            b.push(Block::Para(t(
                lang,
                "Ninguna regla derivó acciones.",
                "No rule derived an action.",
            )));
        } else {
            b.push(Block::List(
                self.actions
                    .iter()
                    .map(|x| {
                        let figures: Vec<String> = x
                            .figures
                            .iter()
                            .map(|(k, v)| format!("{k} = {v}"))
                            .collect();
                        format!("{} [{}: {}]", x.text.get(lang), x.rule, figures.join("; "))
                    })
                    .collect(),
            ));
        }

        // Axes.
        b.push(Block::Heading(
            2,
            t(lang, "Por eje temático", "By thematic axis"),
        ));
        for s in &self.axes {
            b.push(Block::Heading(
                3,
                format!("{} · {}", s.axis, s.name.get(lang)),
            ));
            match &s.table {
                Some(tb) => b.push(Block::Para(match lang {
                    Lang::Es => format!(
                        "Mesa {} · plan {} · aprobación: {} · validación: {} errores, {} advertencias · {} evento(s)",
                        tb.table.as_deref().unwrap_or("?"),
                        if tb.plans.is_empty() { "–".into() } else { tb.plans.join(", ") },
                        tb.approval.map_or("sin registro", |x| x.code()),
                        tb.errors, tb.warnings, tb.events
                    ),
                    Lang::En => format!(
                        "Table {} · plan {} · approval: {} · validation: {} errors, {} warnings · {} event(s)",
                        tb.table.as_deref().unwrap_or("?"),
                        if tb.plans.is_empty() { "–".into() } else { tb.plans.join(", ") },
                        tb.approval.map_or("no record", |x| x.code()),
                        tb.errors, tb.warnings, tb.events
                    ),
                })),
                None => b.push(Block::Para(t(lang, "Ninguna mesa de trabajo sesionó sobre este eje.", "No working table met on this axis."))),
            }
            if !s.activities.is_empty() {
                let mut counts = ActivityCounts::default();
                let rows = s
                    .activities
                    .iter()
                    .map(|a| {
                        counts.planned += 1;
                        counts.reported +=
                            usize::from(matches!(a.state.code(), "done" | "behind" | "reported"));
                        counts.behind += usize::from(a.state.code() == "behind");
                        counts.done += usize::from(a.state.code() == "done");
                        counts.not_reported += usize::from(a.state.code() == "not_reported");
                        vec![
                            a.activity_id.clone().unwrap_or_default(),
                            a.title.clone().unwrap_or_default(),
                            state_label(a.state.code(), lang),
                            a.progress
                                .map_or("–".into(), |p| format!("{:.0} %", p.percent())),
                            a.elapsed.map_or("–".into(), |e| format!("{e:.0} %")),
                            a.entries.to_string(),
                        ]
                    })
                    .collect();
                b.push(Block::Progress(counts));
                b.push(Block::Table(
                    vec![
                        t(lang, "Actividad", "Activity"),
                        t(lang, "Título", "Title"),
                        t(lang, "Estado", "State"),
                        t(lang, "Avance", "Progress"),
                        t(lang, "Tiempo transcurrido", "Time elapsed"),
                        t(lang, "Registros", "Entries"),
                    ],
                    rows,
                ));
            }
            let women = s.participants_women.map_or_else(
                || t(lang, "reservado o sin datos", "withheld or none"),
                |w| format!("{w:.0}"),
            );
            b.push(Block::Para(match lang {
                Lang::Es => format!("Matriz: {} registro(s) de {} país(es); mujeres participantes: {women}. Lineamientos sin reportes: {}.", s.entries, s.countries, if s.items_without_reports.is_empty() { "ninguno".into() } else { s.items_without_reports.join(", ") }),
                Lang::En => format!("Matrix: {} entr(ies) from {} countr(ies); women participants: {women}. Items without reports: {}.", s.entries, s.countries, if s.items_without_reports.is_empty() { "none".into() } else { s.items_without_reports.join(", ") }),
            }));
            if !s.agreements.is_empty() {
                b.push(Block::Table(
                    vec![
                        t(lang, "Acuerdo", "Agreement"),
                        t(lang, "Estado", "Status"),
                        t(lang, "Vence", "Due"),
                        t(lang, "Días de retraso", "Days overdue"),
                    ],
                    s.agreements
                        .iter()
                        .map(|a| {
                            vec![
                                a.id.clone().unwrap_or_default(),
                                a.status.label(lang).to_owned(),
                                a.due.map_or("–".into(), |d| d.to_string()),
                                a.days_overdue.map_or("–".into(), |d| d.to_string()),
                            ]
                        })
                        .collect(),
                ));
            }
        }

        // The matrix.
        b.push(Block::Heading(
            2,
            t(
                lang,
                "Registros por país y eje",
                "Entries by country and axis",
            ),
        ));
        b.push(Block::Heatmap(heatmap(
            &self.heatmap,
            t(
                lang,
                "Registros por país y eje",
                "Entries by country and axis",
            ),
            lang,
        )));
        let (h, rows) = pivot_rows(&self.heatmap, lang);
        b.push(Block::Table(h, rows));
        b.push(Block::Heading(
            2,
            t(
                lang,
                "Mujeres participantes por país y eje",
                "Women participants by country and axis",
            ),
        ));
        b.push(Block::Para(match lang {
            Lang::Es => format!("Control de divulgación: los conteos de personas menores que {k} se reservan (*), con supresión secundaria auditada para que no puedan recalcularse a partir de los totales.", k = self.suppress_below),
            Lang::En => format!("Disclosure control: counts of people below {k} are withheld (*), with audited secondary suppression so that they cannot be recomputed from the totals.", k = self.suppress_below),
        }));
        let (h, rows) = pivot_rows(&self.participants, lang);
        b.push(Block::Table(h, rows));
        if !self.replication.is_empty() {
            b.push(Block::Heading(
                2,
                t(lang, "Prácticas replicables", "Replicable practices"),
            ));
            b.push(Block::Table(
                vec![
                    t(lang, "Registro", "Entry"),
                    t(lang, "País", "Country"),
                    t(lang, "Lineamiento", "Item"),
                    t(lang, "Título", "Title"),
                    t(lang, "Países sin reportes", "Countries without reports"),
                ],
                self.replication
                    .iter()
                    .map(|c| {
                        vec![
                            c.entry_id.clone(),
                            c.country.clone(),
                            c.guideline.clone(),
                            c.title.clone(),
                            c.target_countries.len().to_string(),
                        ]
                    })
                    .collect(),
            ));
        }

        // Events.
        b.push(Block::Heading(
            2,
            t(lang, "Eventos y asistencia", "Events and attendance"),
        ));
        let shown = |n: Option<u64>| {
            n.map_or_else(|| format!("< {}", self.suppress_below), |n| n.to_string())
        };
        b.push(Block::Table(
            vec![
                t(lang, "Evento", "Event"),
                t(lang, "Tipo", "Kind"),
                t(lang, "Fecha", "Date"),
                t(lang, "Mujeres", "Women"),
                t(lang, "Hombres", "Men"),
                t(lang, "Personal nuevo", "New staff"),
                t(lang, "Países", "Countries"),
            ],
            self.attendance
                .iter()
                .map(|e| {
                    vec![
                        e.id.clone().unwrap_or_default(),
                        e.kind.clone().unwrap_or_default(),
                        e.start.map_or("–".into(), |d| d.to_string()),
                        shown(e.women),
                        shown(e.men),
                        shown(e.new_staff),
                        e.countries.to_string(),
                    ]
                })
                .collect(),
        ));

        // Focal points and guidelines.
        b.push(Block::Heading(2, t(lang, "Puntos focales", "Focal points")));
        let focal: Vec<String> = self
            .review
            .report
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with("/focal_points"))
            .map(|d| d.message(lang))
            .collect();
        if focal.is_empty() {
            b.push(Block::Para(t(
                lang,
                "Sin hallazgos sobre los puntos focales (o sin directorio).",
                "No focal-point findings (or no directory).",
            )));
        } else {
            b.push(Block::List(focal));
        }
        b.push(Block::Heading(
            2,
            t(lang, "Lineamientos a revisar", "Guideline items to review"),
        ));
        let due: Vec<String> = self
            .guideline_review
            .diagnostics
            .iter()
            .map(|d| d.message(lang))
            .collect();
        if due.is_empty() {
            b.push(Block::Para(t(
                lang,
                "Ningún lineamiento tiene la revisión vencida.",
                "No guideline item is due for review.",
            )));
        } else {
            b.push(Block::List(due));
        }

        // Findings and pins.
        b.push(Block::Heading(
            2,
            t(lang, "Hallazgos del ciclo", "Findings of the cycle"),
        ));
        b.push(Block::List(
            self.review
                .report
                .diagnostics
                .iter()
                .filter(|d| !d.path.starts_with("/focal_points"))
                .map(|d| {
                    format!(
                        "{} [{}] {}: {}",
                        d.severity.code(),
                        d.code,
                        if d.path.is_empty() { "/" } else { &d.path },
                        d.message(lang)
                    )
                })
                .collect(),
        ));
        b.push(Block::Heading(2, t(lang, "Trazabilidad", "Traceability")));
        let p = &self.pins;
        b.push(Block::List(vec![
            format!(
                "{}: {} ({})",
                t(lang, "Catálogo", "Catalogue"),
                p.catalog_version,
                p.catalog_hash
            ),
            format!(
                "{}: {} ({})",
                t(lang, "Lineamientos", "Guidelines"),
                p.guideline_version.as_deref().unwrap_or("–"),
                p.guideline_provenance.map_or("–", |x| match x {
                    crate::guidelines::Provenance::Official => "official",
                    crate::guidelines::Provenance::Illustrative => "illustrative",
                })
            ),
            format!("{}: {}", t(lang, "Ciclo", "Cycle"), p.cycle_hash),
            format!(
                "{}: {}",
                t(lang, "Matriz", "Matrix"),
                p.matrix_hash.as_deref().unwrap_or("–")
            ),
            format!("{}: {}", t(lang, "Reglas", "Rules"), p.rules),
            format!("lineamientos {}", p.library_version),
        ]));
        b
    }

    /// The report as Markdown.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = String::new();
        for block in self.blocks(lang) {
            match block {
                Block::Banner(text) => {
                    let _ = writeln!(out, "> **{}**\n", cell(&text));
                }
                Block::Heading(level, text) => {
                    let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(level)), text);
                }
                Block::Para(text) => {
                    let _ = writeln!(out, "{text}\n");
                }
                Block::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let _ = writeln!(out, "{}. {}", i + 1, item);
                    }
                    out.push('\n');
                }
                Block::Table(header, rows) => {
                    let _ = writeln!(
                        out,
                        "| {} |",
                        header
                            .iter()
                            .map(|h| cell(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
                    for r in rows {
                        let _ = writeln!(
                            out,
                            "| {} |",
                            r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                        );
                    }
                    out.push('\n');
                }
                // Charts are HTML-only; their figures are in the neighbouring tables.
                Block::Heatmap(_) | Block::Progress(_) => {}
            }
        }
        out
    }

    /// The report as one self-contained HTML page (inline CSS and SVG; prints readably).
    pub fn to_html(&self, lang: Lang) -> String {
        let e = escape_html;
        let mut body = String::new();
        let mut title = String::new();
        for block in self.blocks(lang) {
            match block {
                Block::Banner(text) => {
                    let _ = writeln!(body, "<p class=\"banner\" role=\"note\">{}</p>", e(&text));
                }
                Block::Heading(level, text) => {
                    if level == 1 {
                        title = text.clone();
                    }
                    let _ = writeln!(body, "<h{level}>{}</h{level}>", e(&text));
                }
                Block::Para(text) => {
                    let _ = writeln!(body, "<p>{}</p>", e(&text));
                }
                Block::List(items) => {
                    body.push_str("<ol>\n");
                    for item in items {
                        let _ = writeln!(body, "<li>{}</li>", e(&item));
                    }
                    body.push_str("</ol>\n");
                }
                Block::Table(header, rows) => {
                    body.push_str("<table>\n<thead><tr>");
                    for h in header {
                        let _ = write!(body, "<th>{}</th>", e(&h));
                    }
                    body.push_str("</tr></thead>\n<tbody>\n");
                    for r in rows {
                        body.push_str("<tr>");
                        for c in r {
                            let _ = write!(body, "<td>{}</td>", e(&c));
                        }
                        body.push_str("</tr>\n");
                    }
                    body.push_str("</tbody></table>\n");
                }
                Block::Heatmap(h) => body.push_str(&heatmap_svg(&h)),
                Block::Progress(c) => body.push_str(&progress_svg(&c, lang)),
            }
        }
        let lang_tag = match lang {
            Lang::Es => "es",
            Lang::En => "en",
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang_tag}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
            e(&title)
        )
    }
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433;margin:0;background:#fff}\
main{max-width:68rem;margin:0 auto;padding:1.5rem}h1{font-size:1.7rem}h2{margin-top:2rem;border-bottom:2px solid #2b5797;padding-bottom:.2rem}\
h3{color:#2b5797}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}th,td{border:1px solid #c8cfdb;padding:.25rem .5rem;text-align:left}\
th{background:#eef2f8}td{font-variant-numeric:tabular-nums}.banner{background:#fff4ce;border:2px solid #b8860b;padding:.6rem .9rem;font-weight:600}\
svg{max-width:100%;height:auto}svg text{font-family:inherit}\
@media print{main{max-width:none;padding:0}h2{break-after:avoid}table,svg{break-inside:avoid}.banner{border-width:3px}}";

/// A country x axis heatmap: darker cells for more entries, the number in each cell.
fn heatmap_svg(h: &HeatmapData) -> String {
    let (cw, ch, left, top) = (46.0_f64, 24.0_f64, 60.0_f64, 40.0_f64);
    let max = h
        .values
        .iter()
        .flatten()
        .flatten()
        .fold(0.0_f64, |m, v| m.max(*v));
    let width = left + cw * h.cols.len() as f64 + 10.0;
    let height = top + ch * h.rows.len() as f64 + 10.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" role=\"img\" aria-label=\"{}\">\n",
        escape_html(&h.title)
    );
    for (c, name) in h.cols.iter().enumerate() {
        let x = left + cw * c as f64 + cw / 2.0;
        let _ = writeln!(
            s,
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            top - 8.0,
            escape_html(name)
        );
    }
    for (r, name) in h.rows.iter().enumerate() {
        let y = top + ch * r as f64;
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y + ch * 0.65,
            escape_html(name)
        );
        for c in 0..h.cols.len() {
            let v = h
                .values
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .flatten();
            let x = left + cw * c as f64;
            let share = match v {
                Some(v) if max > 0.0 => v / max,
                _ => 0.0,
            };
            // From very light to dark blue; the text turns white on dark cells.
            let light = 96.0 - 60.0 * share;
            let _ = writeln!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cw:.1}\" height=\"{ch:.1}\" fill=\"hsl(215,60%,{light:.0}%)\" stroke=\"#fff\"/>"
            );
            if let Some(v) = v {
                let fill = if share > 0.55 { "#fff" } else { "#1d2433" };
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{fill}\">{v:.0}</text>",
                    x + cw / 2.0,
                    y + ch * 0.65
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

/// A stacked bar of activities: done, reported on track, behind, not reported, planned.
fn progress_svg(c: &ActivityCounts, lang: Lang) -> String {
    let on_track = c.reported.saturating_sub(c.done + c.behind);
    let planned = c.planned.saturating_sub(c.reported + c.not_reported);
    let parts = [
        (c.done, "#2e7d32", t(lang, "cumplidas", "done")),
        (on_track, "#64b5f6", t(lang, "reportadas", "reported")),
        (c.behind, "#f9a825", t(lang, "atrasadas", "behind")),
        (
            c.not_reported,
            "#c62828",
            t(lang, "sin reporte", "not reported"),
        ),
        (planned, "#b0bec5", t(lang, "planificadas", "planned")),
    ];
    let total = c.planned.max(1) as f64;
    let (width, bar) = (560.0_f64, 22.0_f64);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} 52\" width=\"{width:.0}\" role=\"img\" aria-label=\"{}\">\n",
        escape_html(&t(
            lang,
            "Estado de las actividades",
            "State of the activities"
        ))
    );
    let mut x = 0.0;
    let mut legend_x = 0.0;
    for (n, color, label) in parts {
        let w = width * n as f64 / total;
        if n > 0 {
            let _ = writeln!(
                s,
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"{bar:.0}\" fill=\"{color}\"><title>{}: {n}</title></rect>",
                escape_html(&label)
            );
        }
        x += w;
        let _ = writeln!(
            s,
            "<rect x=\"{legend_x:.1}\" y=\"32\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{:.1}\" y=\"41\" font-size=\"11\">{} {n}</text>",
            legend_x + 14.0,
            escape_html(&label)
        );
        legend_x += 112.0;
    }
    s.push_str("</svg>\n");
    s
}
