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

/// [`findings_columns`] of a report given as its JSON shape with rendered messages (what the
/// JavaScript binding hands out): the same columns, the messages as the report has them.
/// Reading by field name keeps the WebAssembly module free of a second report reader.
/// Anything but an object with a `diagnostics` list is `invalid_value` for `report`.
pub fn findings_columns_of_json(report: &serde_json::Value) -> crate::Result<Columns> {
    let list = report
        .get("diagnostics")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| {
            crate::Error::invalid_value("report", None, "a report (an object with diagnostics)")
        })?;
    let text = |key: &str| {
        Column::Str(
            list.iter()
                .map(|d| {
                    d.get(key)
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_owned)
                })
                .collect(),
        )
    };
    let columns = vec![
        text("code"),
        text("severity"),
        text("path"),
        Column::OptU64(
            list.iter()
                .map(|d| d.get("row").and_then(serde_json::Value::as_u64))
                .collect(),
        ),
        text("column"),
        text("value"),
        text("suggestion"),
        text("message"),
    ];
    Ok(Columns {
        names: FINDINGS_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
        columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Catalog, RuleConfig, WorkPlan};

    #[test]
    fn the_json_form_gives_the_same_table() {
        let plan =
            WorkPlan::from_json(r#"{"activities": [{"id": "a1", "lead": "Mexco"}]}"#).unwrap();
        let cfg = RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#).unwrap();
        let report = Catalog::embedded().validate_plan(&plan, &cfg);
        let json = serde_json::to_value(report.localized(Lang::En)).unwrap();
        let a = findings_columns(&report.diagnostics, Lang::En);
        let b = findings_columns_of_json(&json).unwrap();
        assert_eq!(a, b);
        assert!(
            a.columns[6] != Column::Str(vec![None; report.diagnostics.len()]),
            "a suggestion"
        );
        assert_eq!(
            findings_columns_of_json(&serde_json::json!([]))
                .unwrap_err()
                .code(),
            "invalid_value"
        );
    }
}
