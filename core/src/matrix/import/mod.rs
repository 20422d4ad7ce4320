//! Importing partners' files: one importer validates rows one by one (whatever the file
//! format) into the columnar store, keeping the accounting of every row. [`headers`] lists
//! the accepted column names.
//!
//! The row importer is here; the cells holding codes are resolved in `codes` (each distinct
//! text once, through the cache of `resolve`), plain values read in `cells`, and what needs
//! every row (percentages, duplicate ids) is decided in `finish`.

mod cells;
mod codes;
pub(crate) mod csv;
mod finish;
pub mod headers;
pub(crate) mod limits;
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
mod merge;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod parallel;
#[cfg(target_arch = "wasm32")]
pub(crate) mod parallel {
    //! WebAssembly has one thread: the import is serial.
    pub(crate) const BLOCKS: (usize, usize) = (0, 0);

    pub(super) fn read(
        stream: impl std::io::Read,
        imp: &mut super::Importer,
        delim: u8,
        limits: &super::limits::Limits,
        _threads: usize,
        _blocks: (usize, usize),
    ) -> crate::Result<()> {
        super::csv::read_serial(stream, imp, delim, limits)
    }
}
mod resolve;
mod stream;
pub use stream::{Cell, MatrixImport};
pub(crate) mod values;
#[cfg(feature = "xlsx-read")]
pub(crate) mod workbook;
#[cfg(feature = "xlsx-read")]
mod zip_check;

use self::headers::{FIELD_COUNT, Field};
use self::resolve::Resolver;
use crate::catalog::{Catalog, UNKNOWN_INSTITUTION};
use crate::codes::CodeKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::guidelines::GuidelineSet;
use crate::matrix::ImportOptions;
use crate::matrix::report::{ColumnMapping, ImportReport};
use crate::matrix::store::{NO_DATE, NONE16, RowValues, Store, from_day_number};
use crate::rules::Rule;
use crate::{Error, Result};
use std::hash::{BuildHasher, BuildHasherDefault};

/// How diagnostics locate a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locate {
    /// Spreadsheet row numbers, path `/rows/{row}/{field}`.
    Sheet,
    /// 0-based positions in a list of entries, path `/{index}/{field}`.
    Index,
}

/// An accepted row whose progress is a bare number in (0, 1], read once the whole column
/// is known.
#[derive(Debug, Clone)]
struct Pending {
    index: usize,
    row: u64,
    /// The cell as written.
    value: String,
    /// The number it holds.
    number: f64,
}

/// A finding made once per import (at its first occurrence), whatever the row: the
/// parallel import drops the copies that later blocks made (see `merge`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum OnceKey {
    /// `unknown_institution`, by (country, text).
    Institution(String),
    /// `encoding_fallback`.
    Encoding,
}

/// Where a [`OnceKey`] finding is in the sequence of findings pushed to the report.
#[derive(Debug, Clone)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
pub(crate) struct Once {
    ordinal: u64,
    key: OnceKey,
    severity: Severity,
}

/// Row-by-row validation into a [`Store`].
#[derive(Clone)]
pub(crate) struct Importer {
    cat: Catalog,
    /// The guideline set's index in the catalogue's list.
    set: Option<usize>,
    version: String,
    strict: bool,
    max_rows: Option<u64>,
    max_diagnostics: Option<u64>,
    locate: Locate,
    cols: [Option<usize>; FIELD_COUNT],
    names: Vec<String>,
    fatal: bool,
    pub(crate) store: Store,
    pub(crate) report: ImportReport,
    /// (hash of the id, store index, row) of every accepted row: duplicates are found by
    /// sorting at the end, which is much cheaper than a million random hash-map inserts.
    id_hashes: Vec<(u64, u32, u64)>,
    countries: Resolver<u16>,
    /// (country, institution text) -> the institution's catalogue code, if it has one.
    /// Unbounded: each unknown institution is reported once, at its first row.
    institutions: Resolver<Option<std::sync::Arc<str>>>,
    institution_key: String,
    axes: Resolver<u16>,
    guidelines: Resolver<Vec<u16>>,
    entry_types: Resolver<u8>,
    statuses: Resolver<u8>,
    stages: Resolver<u8>,
    /// Accepted rows whose progress was a bare number in (0, 1].
    pending: Vec<Pending>,
    /// Whether some progress cell was unambiguously in percent (with `%` or above 1).
    progress_in_percent: bool,
    /// Whether some progress cell was a bare number strictly between 0 and 1 (0.45), which
    /// only a column of fractions holds.
    progress_fraction_seen: bool,
    /// Store indices of accepted rows that had a value left out (bad optional values).
    rows_with_drops: Vec<usize>,
    diags: Vec<Diagnostic>,
    guideline_buf: Vec<u16>,
    /// Findings of the reader about the next row (e.g. an unbalanced quote).
    pub(crate) carry: Vec<Diagnostic>,
    id_buf: String,
    /// The findings made once per import, in push order.
    once: Vec<Once>,
    /// `once` entries of the current row: (index in `diags`, key).
    once_in_row: Vec<(usize, OnceKey)>,
    /// The once-per-import findings of the blocks merged so far (see `merge`).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    reported_once: std::collections::HashSet<OnceKey>,
    /// Set on the importer of one block of a parallel import (see `merge`).
    shard: bool,
}

impl Importer {
    /// Records a finding in the report, within the cap on stored findings.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        let cap = self.cap();
        self.report.push_capped(d, cap);
    }

    /// Records a row above the header that was skipped (a title row), with its text; one
    /// place for the CSV, spreadsheet and streaming readers.
    pub(crate) fn preamble_skipped(&mut self, row: u64, cells: &[&str]) {
        let mut d = Diagnostic::new("preamble_skipped", format!("/rows/{row}"))
            .with_value(cells.join(" ").trim().to_owned());
        d.row = Some(row);
        self.push(d);
    }

    /// Records a finding that is made once per import.
    pub(crate) fn push_once(&mut self, d: Diagnostic, key: OnceKey) {
        self.once.push(Once {
            ordinal: self.pushed(),
            key,
            severity: d.severity,
        });
        self.push(d);
    }

    /// Findings pushed so far (stored or not).
    fn pushed(&self) -> u64 {
        let s = &self.report.summary;
        (s.errors + s.warnings + s.infos) as u64
    }

    /// The cap on stored findings. A block of a parallel import keeps as many more as it
    /// has once-per-import findings (which the merge may drop as repeats), and once it
    /// starts leaving findings out it leaves out all the rest, so that what it stores is a
    /// prefix of what it found.
    fn cap(&self) -> Option<u64> {
        if !self.shard {
            return self.max_diagnostics;
        }
        if self.report.diagnostics_truncated > 0 {
            return Some(0);
        }
        self.max_diagnostics
            .map(|c| c.saturating_add(self.once.len() as u64))
    }

    pub(crate) fn new(cat: &Catalog, opts: &ImportOptions, locate: Locate) -> Result<Self> {
        opts.check()?;
        let set = match &opts.guideline_version {
            Some(v) => Some(cat.guideline_set(v)?),
            None => cat.current_guideline_set(),
        };
        let version = set.map(|s| s.version.clone()).unwrap_or_default();
        let set = set.and_then(|s| cat.guideline_sets().iter().position(|x| std::ptr::eq(x, s)));
        let report = ImportReport {
            guideline_version: version.clone(),
            pins: cat.pins_for(&version),
            ..ImportReport::default()
        };
        Ok(Importer {
            cat: cat.clone(),
            set,
            version,
            strict: opts.strict,
            max_rows: opts.max_rows,
            max_diagnostics: opts.max_diagnostics,
            locate,
            cols: [None; FIELD_COUNT],
            names: Vec::new(),
            fatal: false,
            store: Store::default(),
            report,
            id_hashes: Vec::new(),
            countries: Resolver::default(),
            institutions: Resolver::unbounded(),
            institution_key: String::new(),
            axes: Resolver::default(),
            guidelines: Resolver::default(),
            entry_types: Resolver::default(),
            statuses: Resolver::default(),
            stages: Resolver::default(),
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
            reported_once: std::collections::HashSet::new(),
            shard: false,
        })
    }

    /// Maps the header cells to fields. `row` is the header's row number.
    pub(crate) fn header(&mut self, row: u64, cells: &[&str]) {
        for (i, raw) in cells.iter().enumerate() {
            let name = raw.trim().to_owned();
            let field = Field::from_header(&name);
            let mut mapped = field;
            match field {
                Some(f) => {
                    if let Some(slot) = self.cols.get_mut(f.index()) {
                        if slot.is_some() {
                            self.push(
                                Diagnostic::new("duplicate_column", format!("/columns/{i}"))
                                    .at_cell(row, name.clone())
                                    .with_value(name.clone())
                                    .with_param("field", f.code()),
                            );
                            mapped = None;
                        } else {
                            *slot = Some(i);
                        }
                    }
                }
                None if name.is_empty() => {}
                None => {
                    // The nearest known header, in the language it seems to be written in.
                    let keyed: Vec<(String, &str)> = Field::ALL
                        .iter()
                        .flat_map(|f| [f.label(crate::Lang::Es), f.label(crate::Lang::En)])
                        .chain(Field::ALL.iter().flat_map(|f| f.aliases().iter().copied()))
                        .map(|l| (crate::text::normalize_key(l), l))
                        .collect();
                    let suggestion =
                        crate::text::nearest(&name, keyed.iter().map(|(k, l)| (k.as_str(), *l)));
                    self.push(
                        Diagnostic::new("unknown_column", format!("/columns/{i}"))
                            .at_cell(row, name.clone())
                            .with_value(name.clone())
                            .with_suggestion(suggestion),
                    );
                }
            }
            self.report.columns.push(ColumnMapping {
                column: name.clone(),
                field: mapped,
            });
            self.names.push(name);
        }
        for f in Field::ALL {
            if f.required() && self.cols.get(f.index()).copied().flatten().is_none() {
                self.fatal = true;
                self.push(
                    Diagnostic::new("missing_column", format!("/columns/{}", f.code()))
                        .at_cell(row, f.label(crate::Lang::Es))
                        .with_param("field", f.code())
                        .with_param("es", f.label(crate::Lang::Es))
                        .with_param("en", f.label(crate::Lang::En)),
                );
            }
        }
    }

    /// Number of header columns.
    pub(crate) fn width(&self) -> usize {
        self.names.len()
    }

    /// The header of column `i` as written.
    pub(crate) fn name_at(&self, i: usize) -> String {
        self.names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.cols.get(f.index()).copied().flatten()
    }

    fn cell<'a>(&self, cells: &[&'a str], f: Field) -> &'a str {
        self.col(f)
            .and_then(|i| cells.get(i))
            .map_or("", |s| trim(s))
    }

    fn column_name(&self, f: Field) -> String {
        self.col(f)
            .and_then(|i| self.names.get(i))
            .cloned()
            .unwrap_or_else(|| f.code().to_owned())
    }

    /// A diagnostic located at `row`, column of `f`.
    fn diag(&self, code: &str, row: u64, f: Field) -> Diagnostic {
        self.place(Diagnostic::new(code, String::new()), row, f)
    }

    /// A finding of `rule` located at `row`, column of `f`.
    fn finding(&self, rule: Rule, row: u64, f: Field) -> Diagnostic {
        self.place(rule.finding(String::new()), row, f)
    }

    /// Locates `d` at (`row`, `f`). An error about an optional field's value does not
    /// reject the row (unless in strict mode): the value is left out, and the finding
    /// becomes a warning saying so (`params.dropped`, `params.field`).
    fn place(&self, mut d: Diagnostic, row: u64, f: Field) -> Diagnostic {
        if !self.strict && d.severity == Severity::Error && Self::droppable(f) {
            d = dropped(d, f);
        }
        match self.locate {
            Locate::Sheet => {
                d.path = format!("/rows/{row}/{}", f.code());
                d.row = Some(row);
                d.column = Some(self.column_name(f));
            }
            Locate::Index => {
                d.path = format!("/{row}/{}", f.code());
                d.row = Some(row);
                d.column = Some(f.code().to_owned());
            }
        }
        d
    }

    /// Whether a bad value of `f` can be left out of its row: every optional field but the
    /// id (a row with a bad id cannot be told apart from the others).
    fn droppable(f: Field) -> bool {
        !f.required() && f != Field::Id
    }

    fn unknown(kind: CodeKind, e: Error) -> Diagnostic {
        let (value, suggestion) = match e {
            Error::UnknownCode {
                value, suggestion, ..
            } => (value, suggestion),
            other => (other.to_string(), None),
        };
        Rule::UnknownCode
            .finding("")
            .with_value(value)
            .with_param("kind", kind.code())
            .with_suggestion(suggestion)
    }

    fn required(&mut self, cells: &[&str], row: u64, f: Field) -> bool {
        if self.cell(cells, f).is_empty() {
            let d = self
                .finding(Rule::MissingField, row, f)
                .with_param("field", f.code());
            self.diags.push(d);
            false
        } else {
            true
        }
    }

    fn reject(&mut self, row: u64) {
        self.report.rejected += 1;
        self.report.rejected_rows.push(row);
    }

    /// Validates one data row (`cells` in file column order) and stores it if acceptable.
    /// Blank rows must not be passed (the readers skip them).
    pub(crate) fn row(&mut self, row: u64, cells: &[&str]) -> Result<()> {
        if let Some(max) = self.max_rows {
            if self.report.rows_read >= max {
                return Err(Error::limit("data_rows", max, Some("max_rows")));
            }
        }
        self.report.rows_read += 1;
        if self.fatal {
            self.carry.clear();
            self.reject(row);
            return Ok(());
        }
        self.diags.clear();
        self.once_in_row.clear();
        self.diags.append(&mut self.carry);
        let mut r = RowValues {
            guidelines: std::mem::take(&mut self.guideline_buf),
            ..RowValues::default()
        };
        r.guidelines.clear();
        self.read_id(cells, row);
        let institution = self.identity_fields(cells, row, &mut r);
        let ambiguous = self.measure_fields(cells, row, &mut r);
        if self.strict {
            // An institution missing from the catalogue is no bad value: the catalogue of
            // national institutions is deliberately partial, so strict mode keeps the row.
            for d in self
                .diags
                .iter_mut()
                .filter(|d| d.code != UNKNOWN_INSTITUTION)
            {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                    d.params.insert("strict".into(), "true".into());
                }
            }
        }
        let id = std::mem::take(&mut self.id_buf);
        r.id = &id;
        if let Some(code) = &institution {
            r.institution = code;
        }
        let stored = self.store_row(row, &r);
        if let Some(index) = stored {
            if ambiguous {
                self.pending.push(Pending {
                    index,
                    row,
                    value: self.cell(cells, Field::Progress).to_owned(),
                    number: r.progress,
                });
            }
            if self.diags.iter().any(is_dropped) {
                self.rows_with_drops.push(index);
            }
        }
        self.guideline_buf = std::mem::take(&mut r.guidelines);
        self.id_buf = id;
        let pushed = self.pushed();
        for (i, key) in self.once_in_row.drain(..) {
            if let Some(d) = self.diags.get(i) {
                self.once.push(Once {
                    ordinal: pushed + i as u64,
                    key,
                    severity: d.severity,
                });
            }
        }
        let mut diags = std::mem::take(&mut self.diags);
        for d in diags.drain(..) {
            let cap = self.cap();
            self.report.push_capped(d, cap);
        }
        self.diags = diags;
        Ok(())
    }

    /// Reads the id into `id_buf`; without an id column the row number identifies the entry.
    fn read_id(&mut self, cells: &[&str], row: u64) {
        self.id_buf.clear();
        if self.col(Field::Id).is_some() {
            if self.required(cells, row, Field::Id) {
                self.id_buf.push_str(self.cell(cells, Field::Id));
            }
        } else {
            self.id_buf.push('R');
            self.id_buf.push_str(&row.to_string());
        }
    }

    /// Who reports what: country to activity, stages and status. Returns the institution's
    /// catalogue code, if it names one (the caller stores it instead of the text).
    fn identity_fields<'a>(
        &mut self,
        cells: &[&'a str],
        row: u64,
        r: &mut RowValues<'a>,
    ) -> Option<std::sync::Arc<str>> {
        r.country = self.country(cells, row);
        let mut code = None;
        if self.required(cells, row, Field::Institution) {
            let raw = self.cell(cells, Field::Institution);
            code = self.institution(raw, row, r.country);
            r.institution = raw;
        }
        r.reported_on = if self.required(cells, row, Field::ReportedOn) {
            self.date(cells, row, Field::ReportedOn)
        } else {
            NO_DATE
        };
        if self.required(cells, row, Field::EntryType) {
            r.entry_type = self.entry_type(cells, row);
        }
        if self.required(cells, row, Field::Title) {
            r.title = self.cell(cells, Field::Title);
        }
        r.description = self.cell(cells, Field::Description);
        r.axis = self.axis(cells, row);
        self.guidelines(cells, row, &mut r.guidelines);
        if r.axis == NONE16 {
            r.axis = self.axis_of_first_guideline(&r.guidelines);
        }
        r.activity = self.cell(cells, Field::Activity);
        r.stages = self.stages(cells, row);
        if self.required(cells, row, Field::Status) {
            r.status = self.status(cells, row);
        }
        code
    }

    /// No axis given: the axis of the first guideline item, so that pivots by axis still
    /// see the row.
    fn axis_of_first_guideline(&mut self, guidelines: &[u16]) -> u16 {
        let Some(code) = guidelines
            .first()
            .map(|g| self.store.guideline_codes.name(u32::from(*g)))
        else {
            return NONE16;
        };
        let axis = self
            .set
            .and_then(|i| self.cat.guideline_sets().get(i))
            .and_then(|s: &GuidelineSet| s.guideline(code))
            .map(|g| g.axis.clone());
        axis.and_then(|a| self.store.axes.intern(&a, u32::from(NONE16)))
            .and_then(|i| u16::try_from(i).ok())
            .unwrap_or(NONE16)
    }

    /// Progress, dates, participants, evidence and flags. Returns whether the progress is
    /// an ambiguous bare number (decided once the whole column is read).
    fn measure_fields<'a>(&mut self, cells: &[&'a str], row: u64, r: &mut RowValues<'a>) -> bool {
        let (progress, ambiguous) = self.progress(cells, row);
        r.progress = progress;
        r.start = self.date(cells, row, Field::Start);
        r.end = self.date(cells, row, Field::End);
        if r.start != NO_DATE && r.end != NO_DATE && r.end < r.start {
            let fmt = |n| {
                from_day_number(n)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            };
            let d = self
                .finding(Rule::EndBeforeStart, row, Field::End)
                .with_value(self.cell(cells, Field::End))
                .with_param("start", fmt(r.start))
                .with_param("end", fmt(r.end));
            if is_dropped(&d) {
                r.end = NO_DATE;
            }
            self.diags.push(d);
        }
        for f in Field::ALL {
            if let Some(slot) = f.participant_slot().and_then(|k| r.participants.get_mut(k)) {
                *slot = self.count(cells, row, f);
            }
        }
        r.evidence_url = self.cell(cells, Field::EvidenceUrl);
        r.replicable = match self.flag(cells, row, Field::Replicable) {
            Some(false) => 0,
            Some(true) => 1,
            None => 2,
        };
        r.approved = self.flag(cells, row, Field::Approved).unwrap_or(false);
        ambiguous
    }

    /// Stores the row if it has no error (and the store has room); returns its index.
    fn store_row(&mut self, row: u64, r: &RowValues<'_>) -> Option<usize> {
        let mut ok = !self.diags.iter().any(|d| d.severity == Severity::Error);
        let hash = id_hash(r.id);
        let index = self.store.len();
        if ok && !self.store.push(r) {
            let d = Diagnostic::new("limit_exceeded", "").with_param("what", "distinct_keys");
            let d = self.place(d, row, Field::Institution);
            self.diags.push(d);
            ok = false;
        }
        if ok {
            self.report.accepted += 1;
            self.id_hashes
                .push((hash, u32::try_from(index).unwrap_or(u32::MAX), row));
            Some(index)
        } else {
            self.reject(row);
            None
        }
    }
}

/// `s` without surrounding white space ([`str::trim`]), checking first the common case of a
/// cell that starts and ends with a visible ASCII character.
fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = s.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        s
    } else {
        s.trim()
    }
}

/// The hash by which duplicate ids are found (see `finish`).
fn id_hash(id: &str) -> u64 {
    BuildHasherDefault::<crate::matrix::store::FxHasher>::default().hash_one(id)
}

/// `d` as the warning that a bad value of `f` was left out of its row.
fn dropped(d: Diagnostic, f: Field) -> Diagnostic {
    d.with_severity(Severity::Warning)
        .with_param("dropped", "true")
        .with_param("field", f.code())
}

/// Whether `d` says a value was left out of its row.
pub(crate) fn is_dropped(d: &Diagnostic) -> bool {
    d.params.get("dropped").is_some_and(|v| v == "true")
}

#[cfg(test)]
mod trim_tests {
    #[test]
    fn trims_as_str_trim_does() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            " a b ",
            "\ta\n",
            "\u{a0}x\u{a0}",
            "x\u{2003}",
            "é",
            " é",
            "ID-1",
            "\r\n",
        ] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}
