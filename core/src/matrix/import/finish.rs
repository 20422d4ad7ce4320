//! What can only be decided once every row is read: how a progress column of bare numbers
//! is to be read, and which rows repeat an id.

use super::Importer;
use super::headers::Field;
use crate::diagnostic::Diagnostic;
use crate::matrix::report::ImportReport;
use crate::matrix::store::{FxMap, Store};
use crate::rules::Rule;

impl Importer {
    /// Resolves the ambiguous percentages, rejects duplicate ids and returns the store and
    /// the report.
    pub(crate) fn finish(mut self) -> (Store, ImportReport) {
        let mut keep = vec![true; self.store.len()];
        let mut dropped = self.resolve_percentages(&mut keep);
        dropped |= self.reject_duplicate_ids(&mut keep);
        self.count_rows_with_drops(&keep);
        if dropped {
            self.store = self.store.retain(&keep);
        }
        self.report.rejected_rows.sort_unstable();
        self.report.diagnostics.sort_by_key(|d| d.row.unwrap_or(0));
        (self.store, self.report)
    }

    /// Counts the accepted rows that had a value left out (a row rejected in the end, for a
    /// duplicate id, is not counted).
    fn count_rows_with_drops(&mut self, keep: &[bool]) {
        let mut rows = std::mem::take(&mut self.rows_with_drops);
        rows.sort_unstable();
        rows.dedup();
        let kept = rows
            .iter()
            .filter(|i| keep.get(**i).copied().unwrap_or(false))
            .count();
        self.report.rows_with_dropped_values = kept as u64;
    }

    /// Rejects the row at store `index` (spreadsheet row `row`) after it was accepted.
    fn unaccept(&mut self, keep: &mut [bool], index: usize, row: u64) {
        if let Some(k) = keep.get_mut(index) {
            *k = false;
        }
        self.report.accepted = self.report.accepted.saturating_sub(1);
        self.reject(row);
    }

    /// Bare progress numbers in (0, 1], read by the whole column (see `docs/matrix.md`):
    /// - in a column evidently in percent (a `%` sign, a value above 1), a bare 1 is 1 %
    ///   (`value_normalized`), and a bare fraction (0.45) stays ambiguous;
    /// - in a column with a bare fraction and no percent evidence, every value is a
    ///   fraction (`progress_as_fraction`);
    /// - with no evidence either way (only bare 0s and 1s), a bare 1 is ambiguous.
    ///
    /// An ambiguous value is left out of its row (a `dropped` warning), or rejects the row in
    /// strict mode. Returns whether a row was rejected.
    fn resolve_percentages(&mut self, keep: &mut [bool]) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        if !self.progress_in_percent && self.progress_fraction_seen {
            // A column of fractions: 0.45 is 45 %.
            for v in &mut self.store.progress {
                if !v.is_nan() {
                    *v *= 100.0;
                }
            }
            let mut d = Diagnostic::new("progress_as_fraction", "/columns/progress")
                .with_param("rows", self.pending.len().to_string());
            d.column = Some(self.column_name(Field::Progress));
            self.push(d);
            return false;
        }
        let mut rejected = false;
        for p in std::mem::take(&mut self.pending) {
            let d = if self.progress_in_percent && p.number == 1.0 {
                // Stored as read: 1 %.
                self.diag("value_normalized", p.row, Field::Progress)
                    .with_value(p.value)
                    .with_param("read_as", "1 %")
                    .with_param("rule", "percent_column")
            } else {
                if let Some(v) = self.store.progress.get_mut(p.index) {
                    *v = f64::NAN;
                }
                self.diag("ambiguous_percentage", p.row, Field::Progress)
                    .with_value(p.value)
                    .with_param(
                        "column_in",
                        if self.progress_in_percent {
                            "percent"
                        } else {
                            "unknown"
                        },
                    )
            };
            if self.strict {
                // Strict mode: any doubt rejects the row, as every row-level warning does.
                let d = d
                    .with_severity(crate::diagnostic::Severity::Error)
                    .with_param("strict", "true");
                self.push(d);
                self.unaccept(keep, p.index, p.row);
                rejected = true;
            } else {
                if super::is_dropped(&d) {
                    self.rows_with_drops.push(p.index);
                }
                self.push(d);
            }
        }
        rejected
    }

    /// Duplicate ids: the first accepted row keeps the id, later ones are rejected. Returns
    /// whether a row was dropped.
    fn reject_duplicate_ids(&mut self, keep: &mut [bool]) -> bool {
        let mut dropped = false;
        let mut ids = std::mem::take(&mut self.id_hashes);
        ids.retain(|(_, i, _)| keep.get(*i as usize).copied().unwrap_or(false));
        ids.sort_unstable();
        // Rows with the same hash are adjacent; only those groups can hold duplicates.
        for group in ids.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
            // the earliest row of each id (a hash collision is not a duplicate)
            let mut first: FxMap<String, u64> = FxMap::default();
            for &(_, index, row) in group {
                let id = self.store.id.get(index as usize).to_owned();
                let Some(&first_row) = first.get(&id) else {
                    first.insert(id, row);
                    continue;
                };
                dropped = true;
                let d = self
                    .finding(Rule::DuplicateId, row, Field::Id)
                    .with_value(id)
                    .with_param("first", format!("row {first_row}"))
                    .with_param("first_row", first_row.to_string());
                self.push(d);
                self.unaccept(keep, index as usize, row);
            }
        }
        dropped
    }
}
