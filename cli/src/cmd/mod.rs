//! The subcommands.

pub mod catalog;
pub mod import;
pub mod pivot;
pub mod report;
pub mod review;
pub mod validate;

use crate::render::{self, Loc};
use lineamientos::{Diagnostic, ImportReport, Lang, Summary};

/// Findings as they are printed, with their counts.
#[derive(Default)]
pub struct Findings {
    /// The printed findings.
    pub text: String,
    /// Their counts.
    pub total: Summary,
}

impl Findings {
    /// Adds one finding at `loc`.
    pub fn push(&mut self, d: &Diagnostic, loc: &Loc, lang: Lang) {
        self.text.push_str(&render::finding(d, loc, lang));
        self.text.push('\n');
        render::add(&mut self.total, render::summary_of([d]));
    }

    /// Whether some finding is at error level.
    pub fn has_errors(&self) -> bool {
        self.total.errors > 0
    }
}

/// Row numbers as a short list: the first few, then how many more.
fn rows_list(rows: &[u64], lang: Lang) -> String {
    const SHOWN: usize = 10;
    let mut list: Vec<String> = rows.iter().take(SHOWN).map(u64::to_string).collect();
    if rows.len() > SHOWN {
        list.push(format!(
            "{} {}",
            rows.len() - SHOWN,
            render::t(lang, "más", "more")
        ));
    }
    list.join(", ")
}

/// `file: 20 rows read, 17 accepted, 3 rejected (rows 5, 9, 14)`.
pub fn accounting(file: &str, r: &ImportReport, lang: Lang) -> String {
    let n = |count: u64, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let mut line = match lang {
        Lang::Es => format!(
            "{file}: {}, {}, {}",
            n(r.rows_read, "fila leída", "filas leídas"),
            n(r.accepted, "aceptada", "aceptadas"),
            n(r.rejected, "rechazada", "rechazadas")
        ),
        Lang::En => format!(
            "{file}: {}, {} accepted, {} rejected",
            n(r.rows_read, "row read", "rows read"),
            r.accepted,
            r.rejected
        ),
    };
    if !r.rejected_rows.is_empty() {
        let word = match (lang, r.rejected_rows.len()) {
            (Lang::Es, 1) => "fila",
            (Lang::Es, _) => "filas",
            (Lang::En, 1) => "row",
            (Lang::En, _) => "rows",
        };
        line.push_str(&format!(" ({word} {})", rows_list(&r.rejected_rows, lang)));
    }
    if r.rows_with_dropped_values > 0 {
        line.push_str(&match lang {
            Lang::Es => format!(
                "; {} con algún valor dejado vacío",
                n(
                    r.rows_with_dropped_values,
                    "fila aceptada",
                    "filas aceptadas"
                )
            ),
            Lang::En => format!(
                "; {} with a value left out",
                n(r.rows_with_dropped_values, "accepted row", "accepted rows")
            ),
        });
    }
    line
}
