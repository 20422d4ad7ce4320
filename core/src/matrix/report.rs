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
    /// Counts of findings by severity.
    pub summary: Summary,
    /// Every finding, in row order (file-level findings first).
    pub diagnostics: Vec<Diagnostic>,
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
    pub(crate) fn push(&mut self, d: Diagnostic) {
        match d.severity {
            Severity::Error => self.summary.errors += 1,
            Severity::Warning => self.summary.warnings += 1,
            Severity::Info => self.summary.infos += 1,
        }
        self.diagnostics.push(d);
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
            summary: self.summary,
            diagnostics: self
                .diagnostics
                .iter()
                .map(|d| LocalizedDiagnostic::new(d, lang))
                .collect(),
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
    /// Counts by severity.
    pub summary: Summary,
    /// Every finding with its message.
    pub diagnostics: Vec<LocalizedDiagnostic>,
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
