//! Merging the importer of one block of a parallel import (a "shard", rows numbered from
//! its block's start) into the importer of the whole file, in file order, so that the
//! result is the serial import's.

use super::headers::Field;
use super::id_hash;
use super::{Importer, Once};
use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::matrix::report::ImportReport;
use crate::matrix::store::{Store, StrCol};
use crate::{Error, Result};
use std::collections::HashSet;

impl Importer {
    /// An importer for one block of this import: the same columns and options, no row.
    /// It starts with this importer's caches of resolved cells (so that no block resolves
    /// again what the first block did, an unknown institution's nearest match above all),
    /// and with the intern tables those caches refer to.
    pub(super) fn shard(&self) -> Importer {
        Importer {
            cat: self.cat.clone(),
            names: self.names.clone(),
            version: self.version.clone(),
            store: self.store.tables(),
            report: ImportReport::default(),
            id_hashes: Vec::new(),
            countries: self.countries.clone(),
            // Already reported here: a block's repeat would be dropped by the merge anyway.
            institutions: self.institutions.clone(),
            institution_key: String::new(),
            axes: self.axes.clone(),
            guidelines: self.guidelines.clone(),
            entry_types: self.entry_types.clone(),
            statuses: self.statuses.clone(),
            stages: self.stages.clone(),
            pending: Vec::new(),
            progress_in_percent: false,
            progress_fraction_seen: false,
            rows_with_drops: Vec::new(),
            diags: Vec::new(),
            guideline_buf: Vec::new(),
            carry: Vec::new(),
            id_buf: String::new(),
            once: Vec::new(),
            once_in_row: Vec::new(),
            reported_once: HashSet::new(),
            shard: true,
            ..*self
        }
    }

    /// Data rows read so far.
    pub(super) fn rows_read(&self) -> u64 {
        self.report.rows_read
    }

    /// The row limit's error if `more` rows after those read exceed it.
    pub(super) fn check_rows(&self, more: u64) -> Result<()> {
        match self.max_rows {
            Some(max) if self.report.rows_read.saturating_add(more) > max => {
                Err(Error::limit("data_rows", max, Some("max_rows")))
            }
            _ => Ok(()),
        }
    }

    /// Appends the rows of `shard`, whose block starts after `rows_before` spreadsheet rows.
    /// Returns the shard's store, emptied, for another block to reuse its allocations.
    pub(super) fn absorb(&mut self, mut shard: Importer, rows_before: u64) -> Result<Store> {
        if self.col(Field::Id).is_none() {
            shard.renumber_ids(rows_before);
        }
        let offset = self.store.len();
        let index = |i: usize| offset + i;
        let row = |r: u64| r + rows_before;
        if !self.store.append(&shard.store) {
            return Err(Error::limit("distinct_keys", u64::from(u32::MAX), None));
        }
        let r = shard.report;
        self.report.rows_read += r.rows_read;
        self.report.accepted += r.accepted;
        self.report.rejected += r.rejected;
        self.report
            .rejected_rows
            .extend(r.rejected_rows.iter().map(|x| row(*x)));
        self.id_hashes
            .extend(shard.id_hashes.iter().map(|&(h, i, r)| {
                let i = u32::try_from(index(i as usize)).unwrap_or(u32::MAX);
                (h, i, row(r))
            }));
        self.pending.extend(shard.pending.into_iter().map(|mut p| {
            p.index = index(p.index);
            p.row = row(p.row);
            p
        }));
        self.progress_in_percent |= shard.progress_in_percent;
        self.progress_fraction_seen |= shard.progress_fraction_seen;
        self.rows_with_drops
            .extend(shard.rows_with_drops.iter().map(|i| index(*i)));
        self.absorb_findings(r.diagnostics, r.summary, &shard.once, rows_before);
        let mut spent = shard.store;
        spent.clear_rows();
        Ok(spent)
    }

    /// Without an id column an entry's id is its row (`R12`): the rows of a block, numbered
    /// from its start, move `rows_before` rows down.
    fn renumber_ids(&mut self, rows_before: u64) {
        let mut ids = StrCol::default();
        for (hash, _, row) in &mut self.id_hashes {
            let id = format!("R{}", *row + rows_before);
            *hash = id_hash(&id);
            ids.push(&id);
        }
        self.store.id = ids;
    }

    /// Pushes the findings of a block (`stored`: a prefix of all it made; `summary`: counts
    /// of all) after this importer's, leaving out once-per-import findings already made.
    fn absorb_findings(
        &mut self,
        stored: Vec<Diagnostic>,
        summary: Summary,
        once: &[Once],
        rows_before: u64,
    ) {
        // This importer's own once-per-import findings were all first occurrences.
        for o in self.once.drain(..) {
            self.reported_once.insert(o.key);
        }
        let repeats: Vec<&Once> = once
            .iter()
            .filter(|o| !self.reported_once.insert(o.key.clone()))
            .collect();
        let repeat_ordinals: HashSet<u64> = repeats.iter().map(|o| o.ordinal).collect();
        let stored_len = stored.len() as u64;
        // What the block counted but did not store (past its cap)...
        let mut unstored = summary;
        for d in &stored {
            uncount(&mut unstored, d.severity);
        }
        for (i, mut d) in stored.into_iter().enumerate() {
            if repeat_ordinals.contains(&(i as u64)) {
                continue;
            }
            shift_row(&mut d, rows_before);
            self.report.push_capped(d, self.max_diagnostics);
        }
        // ...less the repeats among it, is left out here too (this importer's cap is full).
        for o in repeats.iter().filter(|o| o.ordinal >= stored_len) {
            uncount(&mut unstored, o.severity);
        }
        self.report.summary.errors += unstored.errors;
        self.report.summary.warnings += unstored.warnings;
        self.report.summary.infos += unstored.infos;
        self.report.diagnostics_truncated = self
            .report
            .diagnostics_truncated
            .saturating_add(total(&unstored));
    }
}

/// Removes one finding of `severity` from the counts `s`.
fn uncount(s: &mut Summary, severity: Severity) {
    let n = match severity {
        Severity::Error => &mut s.errors,
        Severity::Warning => &mut s.warnings,
        Severity::Info => &mut s.infos,
    };
    *n = n.saturating_sub(1);
}

fn total(s: &Summary) -> u64 {
    (s.errors + s.warnings + s.infos) as u64
}

/// `d`, found in a block whose rows were numbered from 0, placed after `rows_before` rows
/// (its row, and the row in its path `/rows/{row}...`).
fn shift_row(d: &mut Diagnostic, rows_before: u64) {
    let Some(row) = d.row else { return };
    let shifted = row + rows_before;
    d.row = Some(shifted);
    let prefix = format!("/rows/{row}");
    if let Some(rest) = d.path.strip_prefix(&prefix) {
        if rest.is_empty() || rest.starts_with('/') {
            d.path = format!("/rows/{shifted}{rest}");
        }
    }
}
