//! The subcommands.

pub mod catalog;
pub mod import;
pub mod pivot;
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
    let mut line = match lang {
        Lang::Es => format!(
            "{file}: {} filas leídas, {} aceptadas, {} rechazadas",
            r.rows_read, r.accepted, r.rejected
        ),
        Lang::En => format!(
            "{file}: {} rows read, {} accepted, {} rejected",
            r.rows_read, r.accepted, r.rejected
        ),
    };
    if !r.rejected_rows.is_empty() {
        line.push_str(&format!(
            " ({} {})",
            render::t(lang, "filas", "rows"),
            rows_list(&r.rejected_rows, lang)
        ));
    }
    line
}
