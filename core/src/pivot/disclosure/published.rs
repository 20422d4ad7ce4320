//! A table as it is published: what an attacker (or an auditor) sees, in a compact form
//! that any language can write: withheld numbers are `null`. The shared disclosure vectors
//! (`tests/vectors/disclosure/`) and the bindings' `audit_published` / `auditPublished` use it.

use super::Audit;
use crate::pivot::{Cell, Dim, KeyPart, Measure, PeriodUnit, PivotTable, Total};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One published cell: its place and its value (`None`: withheld).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedCell {
    /// Row index.
    pub row: usize,
    /// Column index.
    pub col: usize,
    /// The published count, `None` when withheld.
    pub value: Option<u64>,
}

/// A published two-dimensional table of counts with its totals.
///
/// ```
/// use lineamientos::pivot::PublishedTable;
/// let t: PublishedTable = serde_json::from_str(r#"{"rows": 2, "cols": 2,
///   "cells": [{"row": 0, "col": 0, "value": null}, {"row": 0, "col": 1, "value": 7},
///             {"row": 1, "col": 0, "value": null}, {"row": 1, "col": 1, "value": 9}],
///   "row_totals": [10, 12], "col_totals": [6, 16], "grand_total": 22}"#).unwrap();
/// let audit = t.audit()?;
/// // the first column's total gives the two withheld cells away
/// assert_eq!((audit.entries[0].lo, audit.entries[0].hi), (3, Some(3)));
/// # Ok::<(), lineamientos::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedTable {
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// The non-empty cells (an empty cell is a published zero with no entry).
    pub cells: Vec<PublishedCell>,
    /// One total per row (`None`: withheld).
    pub row_totals: Vec<Option<u64>>,
    /// One total per column (`None`: withheld).
    pub col_totals: Vec<Option<u64>>,
    /// The grand total (`None`: withheld).
    pub grand_total: Option<u64>,
}

/// The most rows or columns a published table may have (the audit's network grows with
/// both: a partner's table is far smaller).
const MAX_SIDE: usize = 100_000;

impl PublishedTable {
    /// Reads a published table from JSON (`invalid_json` with the path of a bad value).
    pub fn from_json(text: &str) -> Result<Self> {
        crate::document::from_text(text)
    }

    /// What `table` publishes.
    pub fn of(table: &PivotTable) -> Self {
        let count = |v: Option<f64>| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            v.map(|x| x.max(0.0) as u64)
        };
        // A visible number without a value (entries that report no participants) adds
        // nothing to the totals: it is published as 0, never as a withheld `null`.
        let visible = |v: Option<f64>| Some(count(v).unwrap_or(0));
        let total = |t: &Total| if t.suppressed { None } else { visible(t.value) };
        PublishedTable {
            rows: table.rows.len(),
            cols: table.cols.len(),
            cells: table
                .cells
                .iter()
                .map(|c| PublishedCell {
                    row: c.row,
                    col: c.col,
                    value: if c.suppressed { None } else { visible(c.value) },
                })
                .collect(),
            row_totals: table.row_totals.iter().map(total).collect(),
            col_totals: table.col_totals.iter().map(total).collect(),
            grand_total: total(&table.grand_total),
        }
    }

    /// The interval an attacker can derive for every withheld number (see
    /// [`PivotTable::audit`]). `invalid_value` when the shape is inconsistent (a cell
    /// outside the table, as many totals as rows or columns) or the numbers are.
    pub fn audit(&self) -> Result<Audit> {
        self.to_table()?.audit()
    }

    /// The table as a [`PivotTable`] of counts (the keys are positions).
    fn to_table(&self) -> Result<PivotTable> {
        let bad = |expected: &str| Error::invalid_value("table", None, expected);
        if self.rows > MAX_SIDE || self.cols > MAX_SIDE {
            return Err(bad("a table of at most 100,000 rows and columns"));
        }
        if self.row_totals.len() != self.rows || self.col_totals.len() != self.cols {
            return Err(bad("one total per row and one per column"));
        }
        let key = |i: usize| {
            vec![KeyPart {
                code: Some(i.to_string()),
                es: i.to_string(),
                en: i.to_string(),
            }]
        };
        let mut cells: Vec<Cell> = Vec::with_capacity(self.cells.len());
        for c in &self.cells {
            if c.row >= self.rows || c.col >= self.cols {
                return Err(bad("cells inside the table (row < rows, col < cols)"));
            }
            cells.push(Cell {
                row: c.row,
                col: c.col,
                #[allow(clippy::cast_precision_loss)]
                value: c.value.map(|v| v as f64),
                entries: 1,
                suppressed: c.value.is_none(),
                reason: None,
            });
        }
        cells.sort_by_key(|c| (c.row, c.col));
        if cells
            .windows(2)
            .any(|w| matches!(w, [a, b] if (a.row, a.col) == (b.row, b.col)))
        {
            return Err(bad("each cell once"));
        }
        let total = |v: &Option<u64>| Total {
            #[allow(clippy::cast_precision_loss)]
            value: v.map(|x| x as f64),
            entries: 1,
            suppressed: v.is_none(),
        };
        Ok(PivotTable {
            measure: Measure::Participants,
            row_dims: vec![Dim::Country],
            col_dims: vec![Dim::Axis],
            period: PeriodUnit::default(),
            rows: (0..self.rows).map(key).collect(),
            cols: (0..self.cols).map(key).collect(),
            cells,
            row_totals: self.row_totals.iter().map(total).collect(),
            col_totals: self.col_totals.iter().map(total).collect(),
            grand_total: total(&self.grand_total),
            suppress_below: None,
            exposed: Vec::new(),
            audit: None,
            approved_only: false,
            pins: crate::diagnostic::Pins {
                catalog_version: String::new(),
                catalog_hash: String::new(),
                library_version: crate::LIBRARY_VERSION.to_owned(),
                ..crate::diagnostic::Pins::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visible_cell_without_value_is_published_as_zero_not_withheld() {
        let t: PublishedTable = serde_json::from_str(
            r#"{"rows": 1, "cols": 2, "cells": [{"row": 0, "col": 0, "value": 3},
                {"row": 0, "col": 1, "value": 0}], "row_totals": [3], "col_totals": [3, 0],
                "grand_total": 3}"#,
        )
        .unwrap();
        let mut table = t.to_table().unwrap();
        if let Some(c) = table.cells.get_mut(1) {
            c.value = None; // entries that report no participants
        }
        let back = PublishedTable::of(&table);
        assert_eq!(back.cells[1].value, Some(0));
        assert_eq!(back, t);
        assert!(back.audit().unwrap().entries.is_empty());
    }

    #[test]
    fn inconsistent_shapes_are_invalid_value() {
        let bad = |text: &str| {
            let t: PublishedTable = serde_json::from_str(text).unwrap();
            t.audit().unwrap_err().code()
        };
        // a cell outside the table, a missing total, a cell twice
        assert_eq!(
            bad(
                r#"{"rows": 1, "cols": 1, "cells": [{"row": 1, "col": 0, "value": 1}], "row_totals": [1], "col_totals": [1], "grand_total": 1}"#
            ),
            "invalid_value"
        );
        assert_eq!(
            bad(
                r#"{"rows": 1, "cols": 1, "cells": [], "row_totals": [], "col_totals": [0], "grand_total": 0}"#
            ),
            "invalid_value"
        );
        assert_eq!(
            bad(
                r#"{"rows": 1, "cols": 1, "cells": [{"row": 0, "col": 0, "value": 1}, {"row": 0, "col": 0, "value": 1}], "row_totals": [1], "col_totals": [1], "grand_total": 1}"#
            ),
            "invalid_value"
        );
    }
}
