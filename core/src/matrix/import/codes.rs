//! The cells that hold codes (country, entry type, axis, guideline items, stages, status):
//! each distinct text is resolved against the catalogue once, through a [`Resolver`], and
//! interned in the store.

use super::resolve::{Outcome, Resolver, single};
use super::values;
use super::{Importer, headers::Field};
use crate::catalog::Catalog;
use crate::codes::{CodeKind, EntryType, Stage, Status};
use crate::matrix::store::{Interner, NONE16, Store, entry_type_id, stage_bit, status_id};
use crate::rules::Rule;
use crate::{Error, Result};

impl Importer {
    /// Records the findings of a resolved cell at (`row`, `f`) and returns its value.
    fn resolved<T>(&mut self, row: u64, f: Field, (value, problems): Outcome<T>) -> T {
        for d in problems {
            let d = self.place(d, row, f);
            self.diags.push(d);
        }
        value
    }

    pub(super) fn country(&mut self, cells: &[&str], row: u64) -> u16 {
        if !self.required(cells, row, Field::Country) {
            return NONE16;
        }
        let raw = self.cell(cells, Field::Country);
        let (cat, store) = (&self.cat, &mut self.store);
        let r = self
            .countries
            .resolve(raw, |raw| match cat.parse_country(raw) {
                Ok(c) => intern16(&mut store.countries, &c.iso3, CodeKind::Country, raw),
                Err(e) => single(Err(Self::unknown(CodeKind::Country, e)), NONE16),
            });
        self.resolved(row, Field::Country, r)
    }

    /// The reporting institution of a row from `country`: its catalogue code when the text
    /// names one institution of that country or an organisation (`"SEPREM"` and
    /// `"Secretaría Presidencial de la Mujer"` both give `GTM-SEPREM`), else `None`: the
    /// text is kept as written and, the first time it is seen, an `unknown_institution`
    /// warning names it (with the nearest code when close). Without a known country the text
    /// is kept as written (the row is rejected for its country anyway).
    pub(super) fn institution(
        &mut self,
        raw: &str,
        row: u64,
        country: u16,
    ) -> Option<std::sync::Arc<str>> {
        if country == NONE16 {
            return None;
        }
        let iso3 = self.store.countries.name(u32::from(country));
        let mut key = std::mem::take(&mut self.institution_key);
        key.clear();
        key.push_str(iso3);
        key.push('\u{1f}');
        key.push_str(raw);
        let cat: &Catalog = &self.cat;
        let r = self.institutions.resolve_once(&key, |_| {
            let found = cat.resolve_institution(raw, Some(iso3));
            // The code as the catalogue holds it.
            let code = found.code.as_deref().and_then(|c| {
                cat.institution(c)
                    .map(|i| std::sync::Arc::from(i.code.as_str()))
                    .or_else(|| {
                        cat.organization(c)
                            .map(|o| std::sync::Arc::from(o.code.as_str()))
                    })
            });
            (code, found.finding("", iso3).into_iter().collect())
        });
        if !r.1.is_empty() {
            self.once_in_row
                .push((self.diags.len(), super::OnceKey::Institution(key.clone())));
        }
        self.institution_key = key;
        self.resolved(row, Field::Institution, r)
    }

    pub(super) fn entry_type(&mut self, cells: &[&str], row: u64) -> u8 {
        let raw = self.cell(cells, Field::EntryType);
        let parse = |raw: &str| EntryType::parse(raw).map(entry_type_id);
        let r = listed(&mut self.entry_types, raw, CodeKind::EntryType, parse);
        self.resolved(row, Field::EntryType, r)
    }

    pub(super) fn status(&mut self, cells: &[&str], row: u64) -> u8 {
        let raw = self.cell(cells, Field::Status);
        let parse = |raw: &str| Status::parse(raw).map(status_id);
        let r = listed(&mut self.statuses, raw, CodeKind::Status, parse);
        self.resolved(row, Field::Status, r)
    }

    pub(super) fn axis(&mut self, cells: &[&str], row: u64) -> u16 {
        let raw = self.cell(cells, Field::Axis);
        if raw.is_empty() {
            return NONE16;
        }
        let (cat, version, store) = (&self.cat, self.version.as_str(), &mut self.store);
        let r = self
            .axes
            .resolve(raw, |raw| match cat.parse_axis(version, raw) {
                Ok(a) => intern16(&mut store.axes, &a.code, CodeKind::Axis, raw),
                Err(e) => single(Err(Self::unknown(CodeKind::Axis, e)), NONE16),
            });
        self.resolved(row, Field::Axis, r)
    }

    /// The guideline items of a cell (several, separated by `;`, `,` or new lines).
    pub(super) fn guidelines(&mut self, cells: &[&str], row: u64, out: &mut Vec<u16>) {
        let raw = self.cell(cells, Field::Guidelines);
        if raw.is_empty() {
            return;
        }
        let (cat, version, store) = (&self.cat, self.version.as_str(), &mut self.store);
        let r = self
            .guidelines
            .resolve(raw, |raw| resolve_guidelines(cat, version, store, raw));
        let ids = self.resolved(row, Field::Guidelines, r);
        out.extend_from_slice(&ids);
    }

    /// The migration-cycle stages of a cell, as bits.
    pub(super) fn stages(&mut self, cells: &[&str], row: u64) -> u8 {
        let raw = self.cell(cells, Field::Stages);
        if raw.is_empty() {
            return 0;
        }
        let r = self.stages.resolve(raw, |raw| {
            let mut bits = 0u8;
            let mut problems = Vec::new();
            for part in values::split_multi(raw) {
                match Stage::parse(part) {
                    Ok(s) => bits |= stage_bit(s),
                    Err(e) => problems.push(Self::unknown(CodeKind::Stage, e)),
                }
            }
            (bits, problems)
        });
        self.resolved(row, Field::Stages, r)
    }
}

/// A cell holding an item of a fixed code list (entry type, status), by its id; 0 and the
/// finding for an unknown one.
fn listed(
    cache: &mut Resolver<u8>,
    raw: &str,
    kind: CodeKind,
    parse: impl FnOnce(&str) -> Result<u8>,
) -> Outcome<u8> {
    cache.resolve(raw, |raw| {
        single(parse(raw).map_err(|e| Importer::unknown(kind, e)), 0)
    })
}

/// The guideline items of a cell, in `version` of the catalogue, each interned once, with
/// the findings about unknown and retired items.
fn resolve_guidelines(
    cat: &Catalog,
    version: &str,
    store: &mut Store,
    raw: &str,
) -> Outcome<Vec<u16>> {
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for part in values::split_multi(raw) {
        let g = match cat.parse_guideline(version, part) {
            Ok(g) => g,
            Err(e) => {
                let suggestion = match e {
                    Error::UnknownCode { suggestion, .. } => suggestion,
                    _ => None,
                };
                problems.push(
                    Rule::UnknownGuideline
                        .finding("")
                        .with_value(part)
                        .with_param("version", version)
                        .with_suggestion(suggestion),
                );
                continue;
            }
        };
        if let Some(retired) = &g.retired {
            problems.push(
                Rule::RetiredGuideline
                    .finding("")
                    .with_value(g.code.clone())
                    .with_param("retired", retired.clone())
                    .with_suggestion(g.replaced_by.first().cloned()),
            );
        }
        let (id, mut full) = intern16(
            &mut store.guideline_codes,
            &g.code,
            CodeKind::Guideline,
            part,
        );
        if !full.is_empty() {
            problems.append(&mut full);
        } else if !ids.contains(&id) {
            ids.push(id);
        }
    }
    (ids, problems)
}

/// Interns `code` in an id column of at most [`NONE16`] ids (its id, or [`NONE16`] and the
/// finding naming `raw` when the column is full).
fn intern16(names: &mut Interner, code: &str, kind: CodeKind, raw: &str) -> Outcome<u16> {
    match names
        .intern(code, u32::from(NONE16))
        .and_then(|i| u16::try_from(i).ok())
    {
        Some(id) => (id, Vec::new()),
        None => (NONE16, vec![Importer::unknown(kind, too_many(raw))]),
    }
}

fn too_many(value: &str) -> Error {
    Error::limit(
        &format!("distinct codes (at {value:?})"),
        u64::from(NONE16),
        None,
    )
}
