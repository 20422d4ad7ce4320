//! Findings as a table: the same columns in every language (Python's `Report.to_table()` /
//! `to_pandas()`, JavaScript's `findingsColumns`).

use super::Diagnostic;
use crate::i18n::Lang;
use crate::pivot::{Column, Columns};

/// The column names of a findings table, in order.
pub const FINDINGS_COLUMNS: &[&str] = &[
    "code",
    "severity",
    "path",
    "row",
    "column",
    "value",
    "suggestion",
    "message",
];

/// One row per finding: code, severity, path, row (tabular input), column, value,
/// suggestion, and the message rendered in `lang`.
///
/// ```
/// use lineamientos::diagnostic::{findings_columns, FINDINGS_COLUMNS};
/// use lineamientos::{Catalog, Lang, RuleConfig, WorkPlan};
/// let plan = WorkPlan::from_json(r#"{"activities": [{"id": "a1"}]}"#)?;
/// let report = Catalog::embedded().validate_plan(&plan, &RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#)?);
/// let t = findings_columns(&report.diagnostics, Lang::En);
/// assert_eq!(t.names, FINDINGS_COLUMNS);
/// assert_eq!(t.columns[0].len(), report.diagnostics.len());
/// # Ok::<(), lineamientos::Error>(())
/// ```
pub fn findings_columns(diagnostics: &[Diagnostic], lang: Lang) -> Columns {
    let text = |f: &dyn Fn(&Diagnostic) -> Option<String>| {
        Column::Str(diagnostics.iter().map(f).collect())
    };
    let columns = vec![
        text(&|d| Some(d.code.clone())),
        text(&|d| Some(d.severity.code().to_owned())),
        text(&|d| Some(d.path.clone())),
        Column::OptU64(diagnostics.iter().map(|d| d.row).collect()),
        text(&|d| d.column.clone()),
        text(&|d| d.value.clone()),
        text(&|d| d.suggestion.clone()),
        text(&|d| Some(d.message(lang))),
    ];
    Columns {
        names: FINDINGS_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
        columns,
    }
}
