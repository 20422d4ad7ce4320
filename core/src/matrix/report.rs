//! [`ImportReport`]: the accounting of an import, with every finding.

use crate::diagnostic::{Diagnostic, LocalizedDiagnostic, Pins, Severity, Summary};
use crate::i18n::Lang;
use crate::matrix::import::headers::Field;
use serde::{Deserialize, Serialize};

/// How a column of the file was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The header as written.
    pub column: String,
    /// The field it was mapped to (`None`: unknown column, ignored).
    pub field: Option<Field>,
}

/// The result of an import: every data row is counted, accepted or rejected
/// (`rows_read == accepted + rejected`, always), with every finding.
///
/// Rows are numbered as the spreadsheet shows them (the header is row 1 when it is the first
/// line); blank rows are skipped and not counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data rows read (blank rows excluded).
    pub rows_read: u64,
    /// Rows accepted into the matrix.
    pub accepted: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Accepted rows that had a bad optional value left out (each with a warning whose
    /// `params.dropped` is `"true"`); 0 in strict mode, where such rows are rejected.
    #[serde(default)]
    pub rows_with_dropped_values: u64,
    /// Counts of findings by severity.
    pub summary: Summary,
    /// The findings, in row order (file-level findings first): all of them, or the first
    /// [`ImportOptions::max_diagnostics`](crate::ImportOptions::max_diagnostics) in reading
    /// order (see [`Self::diagnostics_truncated`]).
    pub diagnostics: Vec<Diagnostic>,
    /// Findings counted in `summary` but not stored in `diagnostics` because the cap was
    /// reached (0 when every finding is listed).
    #[serde(default)]
    pub diagnostics_truncated: u64,
    /// The row numbers of the rejected rows, ascending.
    pub rejected_rows: Vec<u64>,
    /// How each column was understood.
    pub columns: Vec<ColumnMapping>,
    /// The CSV delimiter used (`None` for XLSX and entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// `utf-8`, or `latin-1` when some cells were not UTF-8 and were read as Windows-1252.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The guideline-set version codes were resolved in.
    pub guideline_version: String,
    /// What produced the report.
    pub pins: Pins,
}

impl ImportReport {
    /// Counts `d` and stores it unless `cap` findings are already stored (file-level
    /// findings, without a row, are few and always stored).
    pub(crate) fn push_capped(&mut self, d: Diagnostic, cap: Option<u64>) {
        match d.severity {
            Severity::Error => self.summary.errors += 1,
            Severity::Warning => self.summary.warnings += 1,
            Severity::Info => self.summary.infos += 1,
        }
        let full =
            cap.is_some_and(|c| u64::try_from(self.diagnostics.len()).map_or(true, |n| n >= c));
        if full && d.row.is_some() {
            self.diagnostics_truncated = self.diagnostics_truncated.saturating_add(1);
        } else {
            self.diagnostics.push(d);
        }
    }

    /// Whether every row was accepted and no finding is an error.
    pub fn ok(&self) -> bool {
        self.rejected == 0 && self.summary.errors == 0
    }

    /// The findings with this code.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.code == code)
    }

    /// This report with every message rendered in `lang`.
    pub fn localized(&self, lang: Lang) -> LocalizedImportReport {
        LocalizedImportReport {
            rows_read: self.rows_read,
            accepted: self.accepted,
            rejected: self.rejected,
            rows_with_dropped_values: self.rows_with_dropped_values,
            summary: self.summary,
            diagnostics: self
                .diagnostics
                .iter()
                .map(|d| LocalizedDiagnostic::new(d, lang))
                .collect(),
            diagnostics_truncated: self.diagnostics_truncated,
            rejected_rows: self.rejected_rows.clone(),
            columns: self.columns.clone(),
            delimiter: self.delimiter,
            encoding: self.encoding.clone(),
            guideline_version: self.guideline_version.clone(),
            pins: self.pins.clone(),
            lang,
        }
    }
}

/// An [`ImportReport`] with messages rendered in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalizedImportReport {
    /// Data rows read.
    pub rows_read: u64,
    /// Rows accepted.
    pub accepted: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Accepted rows that had a value left out.
    #[serde(default)]
    pub rows_with_dropped_values: u64,
    /// Counts by severity.
    pub summary: Summary,
    /// The stored findings with their messages.
    pub diagnostics: Vec<LocalizedDiagnostic>,
    /// Findings counted but not stored (see [`ImportReport::diagnostics_truncated`]).
    #[serde(default)]
    pub diagnostics_truncated: u64,
    /// Rejected row numbers.
    pub rejected_rows: Vec<u64>,
    /// How each column was understood.
    pub columns: Vec<ColumnMapping>,
    /// The CSV delimiter used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// The encoding read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The guideline-set version.
    pub guideline_version: String,
    /// What produced the report.
    pub pins: Pins,
    /// The language of the messages.
    pub lang: Lang,
}
