//! Output: findings as a compiler prints errors, counts, text tables. Text is written with
//! colour codes; `anstream` strips them unless the stream is a terminal (and `NO_COLOR` is
//! not set), so piped output is plain text.

use anstyle::{AnsiColor, Style};
use lineamientos::pivot::{Column, Columns};
use lineamientos::{Diagnostic, Lang, Severity, Summary};
use std::io::Write;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const INFO: Style = AnsiColor::Cyan.on_default().bold();
const ARROW: Style = AnsiColor::Blue.on_default().bold();
const BOLD: Style = Style::new().bold();

/// Writes `text` to standard output; colour codes are stripped when it is not a terminal.
/// A closed pipe (`| head`) is not an error worth reporting.
pub fn write_stdout(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Writes `text` to standard error, like [`write_stdout`].
pub fn write_stderr(text: &str) {
    let mut out = anstream::stderr();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// A JSON document as printed: indented, with a final line break.
pub fn json_text(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        serde_json::json!({"error": {"code": "io_error", "message": e.to_string()}}).to_string()
    });
    text.push('\n');
    text
}

/// Spanish or English.
pub fn t(lang: Lang, es: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

/// `error[code]: message` of a fatal error.
pub fn error_line(code: &str, message: &str) -> String {
    format!("{ERROR}error[{code}]{ERROR:#}{BOLD}: {message}{BOLD:#}\n")
}

/// Where a finding is.
pub enum Loc {
    /// A JSON Pointer into a JSON document.
    Doc {
        /// The file.
        file: String,
        /// The pointer (`""`: the whole document).
        path: String,
    },
    /// A cell of a table (tracking matrix): row as the spreadsheet shows it, column header
    /// as written.
    Cell {
        /// The file.
        file: String,
        /// The row.
        row: Option<u64>,
        /// The column header.
        column: Option<String>,
        /// The finding's path, when there is neither row nor column.
        path: String,
    },
    /// An accepted matrix entry, by its id.
    Entry {
        /// The matrix file.
        file: String,
        /// The entry's id.
        id: Option<String>,
        /// The finding's path (`/matrix/{i}/...`).
        path: String,
    },
    /// Not in a file (the general plan).
    Label(String),
}

impl Loc {
    /// A pointer into the JSON document `file`.
    pub fn doc(file: &str, path: &str) -> Self {
        Loc::Doc {
            file: file.to_owned(),
            path: path.to_owned(),
        }
    }

    /// The cell of `d` in the table `file`.
    pub fn cell(file: &str, d: &Diagnostic) -> Self {
        Loc::Cell {
            file: file.to_owned(),
            row: d.row,
            column: d.column.clone(),
            path: d.path.clone(),
        }
    }

    fn text(&self, lang: Lang) -> String {
        match self {
            Loc::Doc { file, path } if path.is_empty() => file.clone(),
            Loc::Doc { file, path } => format!("{file}:{path}"),
            Loc::Cell {
                file,
                row,
                column,
                path,
            } => {
                let mut at = Vec::new();
                if let Some(row) = row {
                    at.push(format!("{} {row}", t(lang, "fila", "row")));
                }
                if let Some(column) = column {
                    at.push(format!("{} {column:?}", t(lang, "columna", "column")));
                }
                if at.is_empty() {
                    Loc::doc(file, path).text(lang)
                } else {
                    format!("{file}:{}", at.join(", "))
                }
            }
            Loc::Entry { file, id, path } => match id {
                Some(id) => format!("{file}:{} {id:?} ({path})", t(lang, "registro", "entry")),
                None => format!("{file}:{path}"),
            },
            Loc::Label(label) => label.clone(),
        }
    }
}

/// One finding, as a compiler prints an error:
///
/// ```text
/// error[unknown_code]: Unknown participant code: "Guatemla".
///  --> plan.json:/activities/0/participants/0
///  = help: did you mean "GTM"?
/// ```
pub fn finding(d: &Diagnostic, loc: &Loc, lang: Lang) -> String {
    let style = match d.severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    };
    let mut out = format!(
        "{style}{}[{}]{style:#}{BOLD}: {}{BOLD:#}\n {ARROW}-->{ARROW:#} {}\n",
        d.severity.code(),
        d.code,
        d.message(lang),
        loc.text(lang)
    );
    if let Some(s) = &d.suggestion {
        let help = match lang {
            Lang::Es => format!("¿quiso decir {s:?}?"),
            Lang::En => format!("did you mean {s:?}?"),
        };
        out.push_str(&format!(" {ARROW}={ARROW:#} {BOLD}help{BOLD:#}: {help}\n"));
    }
    out
}

/// Adds counts by severity.
pub fn add(total: &mut Summary, s: Summary) {
    total.errors += s.errors;
    total.warnings += s.warnings;
    total.infos += s.infos;
}

/// `2 errors, 1 warning, 0 infos` (`2 errores, 1 advertencia, 0 notas`).
pub fn counts(s: Summary, lang: Lang) -> String {
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let (e, w, i) = match lang {
        Lang::Es => (
            n(s.errors, "error", "errores"),
            n(s.warnings, "advertencia", "advertencias"),
            n(s.infos, "nota", "notas"),
        ),
        Lang::En => (
            n(s.errors, "error", "errors"),
            n(s.warnings, "warning", "warnings"),
            n(s.infos, "info", "infos"),
        ),
    };
    let text = format!("{e}, {w}, {i}");
    if s.errors > 0 {
        format!("{ERROR}{text}{ERROR:#}")
    } else if s.warnings > 0 {
        format!("{WARNING}{text}{WARNING:#}")
    } else {
        text
    }
}

/// The counts of `diagnostics`.
pub fn summary_of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
    let mut s = Summary::default();
    for d in diagnostics {
        match d.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
    }
    s
}

/// A section heading: `== title ==`.
pub fn heading(title: &str) -> String {
    format!("{BOLD}== {title} =={BOLD:#}\n")
}

/// A number as a table shows it: whole numbers without decimals, others with one.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A cell of a text table.
pub struct Cell {
    /// The text.
    pub text: String,
    /// Right-aligned (numbers).
    pub right: bool,
}

impl Cell {
    /// Left-aligned text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            right: false,
        }
    }

    /// Right-aligned text (a number).
    pub fn num(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            right: true,
        }
    }
}

/// The longest text shown in a table cell, in characters.
const MAX_CELL: usize = 40;

fn clip(s: &str) -> String {
    if s.chars().count() > MAX_CELL {
        let mut c: String = s.chars().take(MAX_CELL - 1).collect();
        c.push('…');
        c
    } else {
        s.to_owned()
    }
}

/// A text table: a bold header, a rule, the rows; columns separated by two spaces. Long
/// texts are clipped, but in the last column.
pub fn table(header: &[String], rows: &[Vec<Cell>]) -> String {
    let last = header.len().saturating_sub(1);
    let clip = |i: usize, s: &str| if i == last { s.to_owned() } else { clip(s) };
    let mut widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| clip(i, h).chars().count())
        .collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let w = clip(i, &cell.text).chars().count();
            match widths.get_mut(i) {
                Some(width) => *width = (*width).max(w),
                None => widths.push(w),
            }
        }
    }
    let line = |cells: Vec<(String, bool)>| {
        let parts: Vec<String> = cells
            .into_iter()
            .zip(&widths)
            .map(|((text, right), &w)| {
                let pad = " ".repeat(w.saturating_sub(text.chars().count()));
                if right {
                    format!("{pad}{text}")
                } else {
                    format!("{text}{pad}")
                }
            })
            .collect();
        let mut l = parts.join("  ").trim_end().to_owned();
        l.push('\n');
        l
    };
    let right: Vec<bool> = (0..widths.len())
        .map(|i| rows.iter().any(|r| r.get(i).is_some_and(|c| c.right)))
        .collect();
    let head: Vec<(String, bool)> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (clip(i, h), right.get(i).copied().unwrap_or(false)))
        .collect();
    let mut out = format!("{BOLD}{}{BOLD:#}", line(head).trim_end());
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&rule.join("  "));
    out.push('\n');
    for row in rows {
        out.push_str(&line(
            row.iter()
                .enumerate()
                .map(|(i, c)| (clip(i, &c.text), c.right))
                .collect(),
        ));
    }
    out
}

/// A typed column's value at `i` as a table cell (`yes`/`no` in `lang`).
fn column_cell(column: &Column, i: usize, lang: Lang) -> Cell {
    let yes_no = |b: bool| {
        t(
            lang,
            if b { "sí" } else { "no" },
            if b { "yes" } else { "no" },
        )
    };
    match column {
        Column::Str(v) => Cell::text(v.get(i).cloned().flatten().unwrap_or_default()),
        Column::F64(v) => Cell::num(v.get(i).copied().flatten().map(number).unwrap_or_default()),
        Column::U64(v) => Cell::num(v.get(i).map(u64::to_string).unwrap_or_default()),
        Column::Bool(v) => Cell::text(v.get(i).map(|b| yes_no(*b)).unwrap_or_default()),
        Column::OptU64(v) => Cell::num(
            v.get(i)
                .copied()
                .flatten()
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        Column::OptBool(v) => {
            Cell::text(v.get(i).copied().flatten().map(yes_no).unwrap_or_default())
        }
        Column::Date(v) => Cell::text(
            v.get(i)
                .copied()
                .flatten()
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Column::StrList(v) => Cell::text(v.get(i).map(|l| l.join(", ")).unwrap_or_default()),
    }
}

/// Typed columns as a text table, leaving out the columns named in `skip`.
pub fn columns_table(columns: &Columns, skip: &[&str], lang: Lang) -> String {
    let keep: Vec<usize> = columns
        .names
        .iter()
        .enumerate()
        .filter(|(_, n)| !skip.contains(&n.as_str()))
        .map(|(i, _)| i)
        .collect();
    let header: Vec<String> = keep
        .iter()
        .filter_map(|&i| columns.names.get(i).cloned())
        .collect();
    let rows_n = columns.columns.first().map_or(0, Column::len);
    let rows: Vec<Vec<Cell>> = (0..rows_n)
        .map(|r| {
            keep.iter()
                .filter_map(|&i| columns.columns.get(i))
                .map(|c| column_cell(c, r, lang))
                .collect()
        })
        .collect();
    table(&header, &rows)
}
