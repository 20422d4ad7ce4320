//! What can only be decided once every row is read: how a progress column of bare numbers
//! is to be read, and which rows repeat an id.

use super::Importer;
use super::headers::Field;
use crate::diagnostic::Diagnostic;
use crate::matrix::report::ImportReport;
use crate::matrix::store::{FxMap, Store};
use crate::rules::Rule;

impl Importer<'_> {
    /// Resolves the ambiguous percentages, rejects duplicate ids and returns the store and
    /// the report.
    pub(crate) fn finish(mut self) -> (Store, ImportReport) {
        let mut keep = vec![true; self.store.len()];
        let mut dropped = self.resolve_percentages(&mut keep);
        dropped |= self.reject_duplicate_ids(&mut keep);
        if dropped {
            self.store = self.store.retain(&keep);
        }
        self.report.rejected_rows.sort_unstable();
        self.report.diagnostics.sort_by_key(|d| d.row.unwrap_or(0));
        (self.store, self.report)
    }

    /// Rejects the row at store `index` (spreadsheet row `row`) after it was accepted.
    fn unaccept(&mut self, keep: &mut [bool], index: usize, row: u64) {
        if let Some(k) = keep.get_mut(index) {
            *k = false;
        }
        self.report.accepted = self.report.accepted.saturating_sub(1);
        self.reject(row);
    }

    /// Bare progress numbers in (0, 1]: fractions when the whole column is, else ambiguous
    /// (their rows are rejected). Returns whether a row was dropped.
    fn resolve_percentages(&mut self, keep: &mut [bool]) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        if self.progress_in_percent {
            // The column is written in percent: a bare 0.45 or 1 cannot be read safely.
            for p in std::mem::take(&mut self.pending) {
                let d = self
                    .diag("ambiguous_percentage", p.row, Field::Progress)
                    .with_value(p.value);
                self.push(d);
                self.unaccept(keep, p.index, p.row);
            }
            return true;
        }
        // Every progress value is a bare number in [0, 1]: the column holds fractions.
        for v in &mut self.store.progress {
            if !v.is_nan() {
                *v *= 100.0;
            }
        }
        let mut d = Diagnostic::new("progress_as_fraction", "/columns/progress")
            .with_param("rows", self.pending.len().to_string());
        d.column = Some(self.column_name(Field::Progress));
        self.push(d);
        false
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
