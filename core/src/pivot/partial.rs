//! Mergeable pivots: [`PivotPartial`], a pivot computed over one partition of the entries,
//! merged exactly with the partials of the other partitions, then finished into the
//! [`PivotTable`] that [`Matrix::pivot`](crate::Matrix::pivot) gives over all the entries.
//!
//! What a partial keeps per cell, row total, column total and grand total is what the
//! measure needs to be merged without loss: entries and entries with a value; sums of
//! participants as whole numbers; sums of progress as exact sums (see [`super::exact`]);
//! smallest and largest progress; the codes of the distinct countries or institutions; the
//! latest report of each activity with its date (entries without an activity kept as a sum
//! and a count). Totals are accumulated from the entries, like the one-pass pivot's, so an
//! entry in several rows of a multi-valued dimension counts once in its column total and
//! the grand total of every partial and of the merge. Keys are kept by code and labels (a
//! matrix's internal ids differ from another's). Disclosure control is applied once, by
//! [`PivotPartial::finish`], never per partition.

use super::compute::{Agg, LONE, Lines, Pass, cell, table};
use super::dims::{SortKey, sorted_by_code};
use super::exact::{ExactRepr, ExactSum};
use super::spec::{Measure, PivotSpec};
use super::table::{Key, KeyPart, PivotTable};
use crate::Result;
use crate::calendar::from_day_number;
use crate::catalog::Catalog;
use crate::diagnostic::Pins;
use crate::error::Error;
use crate::matrix::store::{FxMap, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The format tag of a serialised partial (refused when different).
const FORMAT: &str = "lineamientos.pivot_partial/1";

/// A pivot over one partition of the entries, to be merged with the other partitions'
/// partials and finished into the table of all the entries.
///
/// Made by [`Matrix::pivot_partial`](crate::Matrix::pivot_partial); merged by
/// [`PivotPartial::merge`] (in any order, with the same result); turned into a
/// [`PivotTable`] by [`PivotPartial::finish`], which applies the spec's disclosure control
/// once, after the merge. Partials travel between processes as JSON
/// ([`PivotPartial::to_json`], [`PivotPartial::from_json`], versioned and checked on load).
/// Only partials of the same spec and catalogue (version, content hash, guideline version
/// and library version: the table's [`Pins`]) merge.
///
/// ```
/// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PivotPartial, PivotSpec};
/// let cat = Catalog::embedded();
/// let head = "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n";
/// let a = "MX;A;2024-01-02;Evento;t1;En curso;VCM;12\nGT;C;2024-03-02;Evento;t3;En curso;VCM;3\n";
/// let b = "MX;B;2024-02-02;Evento;t2;En curso;EMP;40\n";
/// let read = |rows: &str| Matrix::read_csv(format!("{head}{rows}").as_bytes(), &cat,
///     &ImportOptions::default()).map(|(m, _)| m);
/// let spec = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis])
///     .measure(Measure::ParticipantsWomen).suppress_below(5);
/// // each worker: a partial of its partition, sent as JSON
/// let sent = [read(a)?.pivot_partial(&spec)?.to_json()?, read(b)?.pivot_partial(&spec)?.to_json()?];
/// // the coordinator: merge, then finish (suppression once, on the whole table)
/// let mut merged = PivotPartial::from_json(&sent[1])?;
/// merged.merge(PivotPartial::from_json(&sent[0])?)?;
/// let table = merged.finish()?;
/// assert_eq!(table, read(&format!("{a}{b}"))?.pivot(&spec)?);
/// assert_eq!(table.grand_total.value, Some(55.0));
/// # Ok::<(), lineamientos::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PivotPartial {
    format: String,
    spec: PivotSpec,
    pins: Pins,
    rows: Vec<Line>,
    cols: Vec<Line>,
    cells: Vec<PartCell>,
    row_totals: Vec<PartAcc>,
    col_totals: Vec<PartAcc>,
    grand_total: PartAcc,
}

/// A row or column key with what it sorts by.
type Line = Vec<LinePart>;

/// One dimension value of a key: its code and labels, and its sort position (`last`: the
/// "not given" value; `ord`: the number keys of numbered dimensions sort by).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinePart {
    code: Option<String>,
    es: String,
    en: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    last: bool,
    #[serde(default, skip_serializing_if = "is_zero_i64")]
    ord: i64,
}

fn is_zero_i64(x: &i64) -> bool {
    *x == 0
}

fn is_zero_u64(x: &u64) -> bool {
    *x == 0
}

fn is_zero_u128(x: &u128) -> bool {
    *x == 0
}

/// A non-empty cell: indices into the partial's rows and columns, and its accumulator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartCell {
    row: u32,
    col: u32,
    acc: PartAcc,
}

/// The latest report of an activity in a slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Latest {
    activity: String,
    date: NaiveDate,
    value: f64,
}

/// What one slot (cell or total) accumulates, mergeable without loss.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartAcc {
    /// Entries.
    n: u64,
    /// Entries with a value (participants, progress).
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    has: u64,
    /// Sum of participants.
    #[serde(default, skip_serializing_if = "is_zero_u128")]
    sum: u128,
    /// Exact sum of progress (mean progress).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "exact_opt")]
    exact: Option<ExactSum>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    /// Codes of the distinct countries or institutions, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    distinct: Vec<String>,
    /// Latest report per activity, sorted by activity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    latest: Vec<Latest>,
    /// Entries without an activity (each its own): how many, and the exact sum of their
    /// progress.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    lone: u64,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "exact_opt")]
    lone_sum: Option<ExactSum>,
}

/// Serde of an optional [`ExactSum`] through its [`ExactRepr`].
mod exact_opt {
    use super::{ExactRepr, ExactSum};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<ExactSum>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().map(ExactSum::repr).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ExactSum>, D::Error> {
        Option::<ExactRepr>::deserialize(d)?
            .map(|r| ExactSum::from_repr(&r).map_err(D::Error::custom))
            .transpose()
    }
}

/// An overflowing count or sum (only from a forged partial).
fn overflow(what: &str) -> Error {
    Error::limit(what, u64::MAX, None)
}

fn add_u64(a: u64, b: u64, what: &str) -> Result<u64> {
    a.checked_add(b).ok_or_else(|| overflow(what))
}

/// Merges two optional exact sums.
fn merge_exact(a: &mut Option<ExactSum>, b: Option<ExactSum>) {
    match (a.as_mut(), b) {
        (Some(x), Some(y)) => x.merge(&y),
        (None, Some(y)) => *a = Some(y),
        _ => {}
    }
}

impl PartAcc {
    /// Adds `o` into `self`.
    fn merge(&mut self, o: PartAcc) -> Result<()> {
        self.n = add_u64(self.n, o.n, "pivot partial entries")?;
        self.has = add_u64(self.has, o.has, "pivot partial entries with a value")?;
        self.sum = self
            .sum
            .checked_add(o.sum)
            .ok_or_else(|| overflow("pivot partial sum"))?;
        merge_exact(&mut self.exact, o.exact);
        self.min = match (self.min, o.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, o.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if !o.distinct.is_empty() {
            let mut all = std::mem::take(&mut self.distinct);
            all.extend(o.distinct);
            all.sort_unstable();
            all.dedup();
            self.distinct = all;
        }
        if !o.latest.is_empty() {
            let mut all = std::mem::take(&mut self.latest);
            all.extend(o.latest);
            // by activity, the latest report last (the later date; on the same date the
            // larger value, as the one-pass pivot chooses)
            all.sort_by(|a, b| {
                a.activity
                    .cmp(&b.activity)
                    .then(a.date.cmp(&b.date))
                    .then(a.value.total_cmp(&b.value))
            });
            let mut kept: Vec<Latest> = Vec::with_capacity(all.len());
            for l in all {
                match kept.last_mut() {
                    Some(k) if k.activity == l.activity => *k = l,
                    _ => kept.push(l),
                }
            }
            self.latest = kept;
        }
        self.lone = add_u64(self.lone, o.lone, "pivot partial entries without activity")?;
        merge_exact(&mut self.lone_sum, o.lone_sum);
        Ok(())
    }

    /// What the table's value of this slot is computed from.
    fn agg(&self, measure: Measure) -> Agg {
        let mut a = Agg {
            n: self.n,
            has: self.has,
            sum: self.sum,
            min: self.min.unwrap_or(f64::INFINITY),
            max: self.max.unwrap_or(f64::NEG_INFINITY),
            ..Agg::default()
        };
        match measure {
            Measure::DistinctCountries | Measure::DistinctInstitutions => {
                a.k = self.distinct.len() as u64;
            }
            Measure::MeanProgress => {
                if let Some(e) = &self.exact {
                    a.exact = e.clone();
                }
            }
            Measure::LastProgress => {
                let mut e = self.lone_sum.clone().unwrap_or_default();
                for l in &self.latest {
                    e.add(l.value);
                }
                a.exact = e;
                a.k = (self.latest.len() as u64).saturating_add(self.lone);
            }
            _ => {}
        }
        a
    }

    /// Checks what a serialised accumulator holds; `Err` names what is wrong.
    fn check(&mut self) -> std::result::Result<(), String> {
        if self.has > self.n {
            return Err("has at most n".into());
        }
        for v in [&mut self.min, &mut self.max].into_iter().flatten() {
            if !v.is_finite() {
                return Err("finite min and max".into());
            }
            *v += 0.0; // -0.0 as 0.0, as the pass reads it
        }
        if self.distinct.windows(2).any(|w| w.first() >= w.get(1)) {
            return Err("distinct codes sorted, each once".into());
        }
        if self
            .latest
            .windows(2)
            .any(|w| w.first().map(|x| &x.activity) >= w.get(1).map(|x| &x.activity))
        {
            return Err("latest reports sorted by activity, each once".into());
        }
        for l in &mut self.latest {
            if !l.value.is_finite() {
                return Err("finite latest values".into());
            }
            l.value += 0.0;
        }
        Ok(())
    }
}

impl crate::Matrix {
    /// A pivot of this matrix meant to be merged with other matrices' partials (one per
    /// partition of a large matrix: a file, a worker): see [`PivotPartial`]. The spec is
    /// checked as [`Matrix::pivot`](crate::Matrix::pivot) checks it; its disclosure control
    /// is applied by [`PivotPartial::finish`], after the merge.
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PivotSpec};
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado;Avance;Actividad\n\
    ///            MX;A;2024-01-02;Avance;t;En curso;20;A1\nMX;A;2024-03-02;Avance;t;En curso;60;A1\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default())?;
    /// let spec = PivotSpec::new().rows([Dim::Country]).measure(Measure::LastProgress);
    /// let partial = m.pivot_partial(&spec)?;
    /// assert_eq!(partial.spec(), &spec);
    /// assert_eq!(partial.finish()?, m.pivot(&spec)?);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn pivot_partial(&self, spec: &PivotSpec) -> Result<PivotPartial> {
        partial(&self.store, &self.catalog, self.guideline_version(), spec)
    }
}

/// The line of a sorted key.
fn line(key: Key, sort: &[SortKey]) -> Line {
    key.into_iter()
        .zip(sort)
        .map(|(p, (last, ord, _))| LinePart {
            code: p.code,
            es: p.es,
            en: p.en,
            last: *last,
            ord: *ord,
        })
        .collect()
}

/// The partial of the entries of `s` kept by `spec`.
fn partial(s: &Store, cat: &Catalog, version: &str, spec: &PivotSpec) -> Result<PivotPartial> {
    let pass = Pass::run(s, cat, version, spec)?;
    let m = spec.measure;
    let acc = &pass.acc;
    // What the distinct and last-progress measures keep per slot, by code.
    let mut distinct: FxMap<u64, Vec<String>> = FxMap::default();
    for (g, id) in acc.distinct.keys() {
        let code = if m == Measure::DistinctCountries {
            s.countries.name(*id)
        } else {
            s.institutions.name(*id)
        };
        distinct.entry(*g).or_default().push(code.to_owned());
    }
    let mut latest: FxMap<u64, (Vec<Latest>, ExactSum, u64)> = FxMap::default();
    for ((g, act), (day, p)) in &acc.last {
        let e = latest.entry(*g).or_default();
        if *act >= LONE {
            e.1.add(*p);
            e.2 += 1;
        } else {
            e.0.push(Latest {
                activity: s
                    .activities
                    .name(u32::try_from(*act).unwrap_or(u32::MAX))
                    .to_owned(),
                date: from_day_number(*day).unwrap_or(NaiveDate::MIN),
                value: *p,
            });
        }
    }
    let progress = matches!(
        m,
        Measure::MeanProgress | Measure::MinProgress | Measure::MaxProgress
    );
    let mut part = |g: u64| -> PartAcc {
        let a = acc.grid.get(g);
        let mut out = PartAcc {
            n: a.n,
            ..PartAcc::default()
        };
        if m.counts_people() || progress {
            out.has = a.has;
        }
        if m.counts_people() {
            out.sum = a.sum;
        }
        if a.has > 0 {
            match m {
                Measure::MinProgress => out.min = Some(a.min),
                Measure::MaxProgress => out.max = Some(a.max),
                Measure::MeanProgress => out.exact = acc.psum.get(&g).cloned(),
                _ => {}
            }
        }
        if let Some(mut d) = distinct.remove(&g) {
            d.sort_unstable();
            d.dedup();
            out.distinct = d;
        }
        if let Some((mut l, sum, k)) = latest.remove(&g) {
            l.sort_by(|a, b| a.activity.cmp(&b.activity));
            out.latest = l;
            out.lone = k;
            out.lone_sum = (k > 0).then_some(sum);
        }
        out
    };
    let cells: Vec<PartCell> =
        super::compute::cell_slots(&acc.grid, &pass.row_keys, &pass.col_keys)
            .into_iter()
            .map(|(r, c, g)| PartCell {
                row: u32::try_from(r).unwrap_or(u32::MAX),
                col: u32::try_from(c).unwrap_or(u32::MAX),
                acc: part(g),
            })
            .collect();
    let (rt, ct, gt) = pass.total_slots();
    let row_totals = rt.into_iter().map(&mut part).collect();
    let col_totals = ct.into_iter().map(&mut part).collect();
    let grand_total = part(gt);
    let Pass {
        row_keys, col_keys, ..
    } = pass;
    Ok(PivotPartial {
        format: FORMAT.to_owned(),
        spec: spec.clone(),
        pins: cat.pins_for(version),
        rows: row_keys.into_iter().map(|(s, _, k)| line(k, &s)).collect(),
        cols: col_keys.into_iter().map(|(s, _, k)| line(k, &s)).collect(),
        cells,
        row_totals,
        col_totals,
        grand_total,
    })
}

/// The sort key of a line whose dimensions are `dims`, as the one-pass pivot sorts.
fn sort_key(l: &Line, dims: &[super::Dim]) -> Vec<SortKey> {
    l.iter()
        .zip(dims)
        .map(|(p, d)| {
            let text = if !p.last && sorted_by_code(*d) {
                p.code.clone().unwrap_or_default()
            } else {
                String::new()
            };
            (p.last, p.ord, text)
        })
        .collect()
}

/// The order of `lines` (old indices, sorted) and where each old index goes.
fn order(lines: &[Line], dims: &[super::Dim]) -> (Vec<usize>, Vec<usize>) {
    let keys: Vec<Vec<SortKey>> = lines.iter().map(|l| sort_key(l, dims)).collect();
    let mut idx: Vec<usize> = (0..lines.len()).collect();
    idx.sort_by(|a, b| {
        keys.get(*a)
            .cmp(&keys.get(*b))
            .then_with(|| lines.get(*a).cmp(&lines.get(*b)))
    });
    let mut new_of = vec![0usize; lines.len()];
    for (new, old) in idx.iter().enumerate() {
        if let Some(x) = new_of.get_mut(*old) {
            *x = new;
        }
    }
    (idx, new_of)
}

/// The key of a line.
fn key(l: &Line) -> Key {
    l.iter()
        .map(|p| KeyPart {
            code: p.code.clone(),
            es: p.es.clone(),
            en: p.en.clone(),
        })
        .collect()
}

/// `invalid_value` for a partial at `path`.
fn invalid(path: &str, value: Option<String>, expected: impl Into<String>) -> Error {
    Error::InvalidValue {
        field: "partial".into(),
        path: path.into(),
        value,
        expected: expected.into(),
        suggestion: None,
    }
}

/// Merges the lines of `other` into `mine` (with their totals); the new index of each of
/// `other`'s lines.
fn merge_lines(
    mine: &mut Vec<Line>,
    totals: &mut Vec<PartAcc>,
    other: Vec<Line>,
    other_totals: Vec<PartAcc>,
) -> Result<Vec<usize>> {
    let mut at: HashMap<Line, usize> = mine.iter().cloned().zip(0..).collect();
    let mut map = Vec::with_capacity(other.len());
    for (l, t) in other.into_iter().zip(other_totals) {
        let i = match at.get(&l) {
            Some(i) => *i,
            None => {
                let i = mine.len();
                at.insert(l.clone(), i);
                mine.push(l);
                totals.push(PartAcc::default());
                i
            }
        };
        if let Some(x) = totals.get_mut(i) {
            x.merge(t)?;
        }
        map.push(i);
    }
    Ok(map)
}

impl PivotPartial {
    /// The spec the partial was computed for.
    ///
    /// ```
    /// # use lineamientos::{Catalog, ImportOptions, Matrix, PivotSpec, Dim};
    /// # let (m, _) = Matrix::read_csv("País;Institución;Fecha;Tipo;Título;Estado\n".as_bytes(),
    /// #     &Catalog::embedded(), &ImportOptions::default())?;
    /// let spec = PivotSpec::new().rows([Dim::Country]);
    /// assert_eq!(m.pivot_partial(&spec)?.spec(), &spec);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn spec(&self) -> &PivotSpec {
        &self.spec
    }

    /// The catalogue, guideline version and library the partial was computed with.
    ///
    /// ```
    /// # use lineamientos::{Catalog, ImportOptions, Matrix, PivotSpec};
    /// # let (m, _) = Matrix::read_csv("País;Institución;Fecha;Tipo;Título;Estado\n".as_bytes(),
    /// #     &Catalog::embedded(), &ImportOptions::default())?;
    /// let p = m.pivot_partial(&PivotSpec::new())?;
    /// assert_eq!(p.pins().guideline_version.as_deref(), Some("2023"));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn pins(&self) -> &Pins {
        &self.pins
    }

    /// Number of entries counted (an entry once, whatever its dimensions' values).
    ///
    /// ```
    /// # use lineamientos::{Catalog, ImportOptions, Matrix, PivotSpec};
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado\nMX;A;2024-01-02;Evento;t;En curso\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default())?;
    /// assert_eq!(m.pivot_partial(&PivotSpec::new())?.entries(), 1);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn entries(&self) -> u64 {
        self.grand_total.n
    }

    /// Adds `other` into `self`: the result is the partial of both partitions' entries,
    /// whatever the order of the merges. Partials of different specs or catalogues (see
    /// [`PivotPartial::pins`]) are refused with `invalid_value` at `/spec` or `/pins`.
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PivotSpec};
    /// let cat = Catalog::embedded();
    /// let read = |rows: &str| Matrix::read_csv(
    ///     format!("País;Institución;Fecha;Tipo;Título;Estado\n{rows}").as_bytes(), &cat,
    ///     &ImportOptions::default()).map(|(m, _)| m);
    /// let (a, b) = (read("MX;A;2024-01-02;Evento;t;En curso\n")?, read("MX;B;2024-01-03;Evento;t;En curso\n")?);
    /// let spec = PivotSpec::new().rows([Dim::Country]).measure(Measure::DistinctInstitutions);
    /// let mut p = a.pivot_partial(&spec)?;
    /// p.merge(b.pivot_partial(&spec)?)?;
    /// assert_eq!(p.finish()?.grand_total.value, Some(2.0));
    /// let other = b.pivot_partial(&PivotSpec::new())?;
    /// let err = a.pivot_partial(&spec)?.merge(other).unwrap_err();
    /// assert_eq!((err.code(), err.details()["path"].as_str()), ("invalid_value", Some("/spec")));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn merge(&mut self, other: PivotPartial) -> Result<()> {
        if other.spec != self.spec {
            return Err(invalid(
                "/spec",
                serde_json::to_string(&other.spec).ok(),
                format!(
                    "a partial of the same spec ({})",
                    serde_json::to_string(&self.spec).unwrap_or_default()
                ),
            ));
        }
        if other.pins != self.pins {
            return Err(invalid(
                "/pins",
                serde_json::to_string(&other.pins).ok(),
                format!(
                    "a partial of the same catalogue, guideline version and library ({})",
                    serde_json::to_string(&self.pins).unwrap_or_default()
                ),
            ));
        }
        let PivotPartial {
            rows,
            cols,
            cells,
            row_totals,
            col_totals,
            grand_total,
            ..
        } = other;
        let rmap = merge_lines(&mut self.rows, &mut self.row_totals, rows, row_totals)?;
        let cmap = merge_lines(&mut self.cols, &mut self.col_totals, cols, col_totals)?;
        let mut at: HashMap<(u32, u32), usize> = self
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.row, c.col), i))
            .collect();
        for c in cells {
            let (Some(r), Some(k)) = (rmap.get(c.row as usize), cmap.get(c.col as usize)) else {
                return Err(invalid("/cells", None, "cells within the rows and columns"));
            };
            let pos = (
                u32::try_from(*r).map_err(|_| overflow("pivot partial rows"))?,
                u32::try_from(*k).map_err(|_| overflow("pivot partial columns"))?,
            );
            match at.get(&pos) {
                Some(i) => {
                    if let Some(x) = self.cells.get_mut(*i) {
                        x.acc.merge(c.acc)?;
                    }
                }
                None => {
                    at.insert(pos, self.cells.len());
                    self.cells.push(PartCell {
                        row: pos.0,
                        col: pos.1,
                        acc: c.acc,
                    });
                }
            }
        }
        self.grand_total.merge(grand_total)
    }

    /// Merges every partial of `parts` (at least one) into one: [`PivotPartial::merge`] in
    /// turn. No partial is `invalid_value` at `/parts`.
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix, PivotPartial, PivotSpec};
    /// let (m, _) = Matrix::read_csv("País;Institución;Fecha;Tipo;Título;Estado\nMX;A;2024-01-02;Evento;t;En curso\n".as_bytes(),
    ///     &Catalog::embedded(), &ImportOptions::default())?;
    /// let p = m.pivot_partial(&PivotSpec::new())?;
    /// let all = PivotPartial::merge_all(vec![p.clone(), p.clone(), p])?;
    /// assert_eq!(all.finish()?.grand_total.value, Some(3.0));
    /// assert_eq!(PivotPartial::merge_all(vec![]).unwrap_err().code(), "invalid_value");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn merge_all(parts: impl IntoIterator<Item = PivotPartial>) -> Result<PivotPartial> {
        let mut it = parts.into_iter();
        let Some(mut first) = it.next() else {
            return Err(invalid("/parts", None, "at least one partial"));
        };
        for p in it {
            first.merge(p)?;
        }
        Ok(first)
    }

    /// The table: keys sorted, values computed from the merged accumulators, and the spec's
    /// disclosure control (`suppress_below`, `protection`) applied, once, to the whole table.
    /// Equal to [`Matrix::pivot`](crate::Matrix::pivot) over all the partitions' entries.
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PivotSpec};
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n\
    ///            MX;A;2024-01-02;Evento;t;En curso;VCM;3\nMX;A;2024-01-02;Evento;t;En curso;EMP;30\n\
    ///            GT;A;2024-01-02;Evento;t;En curso;VCM;30\nGT;A;2024-01-02;Evento;t;En curso;EMP;30\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default())?;
    /// let spec = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis])
    ///     .measure(Measure::ParticipantsWomen).suppress_below(5);
    /// let t = m.pivot_partial(&spec)?.finish()?;
    /// assert!(t.cells.iter().filter(|c| c.suppressed).count() >= 2);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn finish(self) -> Result<PivotTable> {
        let m = self.spec.measure;
        let (row_order, row_new) = order(&self.rows, &self.spec.rows);
        let (col_order, col_new) = order(&self.cols, &self.spec.cols);
        let mut cells: Vec<_> = self
            .cells
            .iter()
            .filter(|c| c.acc.n > 0)
            .filter_map(|c| {
                let r = *row_new.get(c.row as usize)?;
                let k = *col_new.get(c.col as usize)?;
                Some(cell(r, k, c.acc.agg(m).total(m)))
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        let totals = |order: &[usize], t: &[PartAcc]| {
            order
                .iter()
                .filter_map(|i| t.get(*i))
                .map(|a| a.agg(m).total(m))
                .collect()
        };
        let lines = Lines {
            rows: row_order
                .iter()
                .filter_map(|i| self.rows.get(*i))
                .map(key)
                .collect(),
            cols: col_order
                .iter()
                .filter_map(|i| self.cols.get(*i))
                .map(key)
                .collect(),
            cells,
            row_totals: totals(&row_order, &self.row_totals),
            col_totals: totals(&col_order, &self.col_totals),
            grand_total: self.grand_total.agg(m).total(m),
        };
        table(&self.spec, self.pins, lines)
    }

    /// The partial as JSON text (what a worker sends; versioned by a `format` tag).
    ///
    /// ```
    /// # use lineamientos::{Catalog, ImportOptions, Matrix, PivotPartial, PivotSpec};
    /// # let (m, _) = Matrix::read_csv("País;Institución;Fecha;Tipo;Título;Estado\nMX;A;2024-01-02;Evento;t;En curso\n".as_bytes(),
    /// #     &Catalog::embedded(), &ImportOptions::default())?;
    /// let p = m.pivot_partial(&PivotSpec::new())?;
    /// let text = p.to_json()?;
    /// assert!(text.starts_with(r#"{"format":"lineamientos.pivot_partial/1""#));
    /// assert_eq!(PivotPartial::from_json(&text)?, p);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::from_serde_json(&e))
    }

    /// A partial from its JSON text, checked: text that is not a partial's JSON is
    /// `invalid_json`; another `format`, a spec that does not check, keys of the wrong
    /// length or twice, cells or totals that do not match the keys, unsorted sets are
    /// `invalid_value` naming the place. A forged partial never panics.
    ///
    /// ```
    /// use lineamientos::PivotPartial;
    /// assert_eq!(PivotPartial::from_json("{").unwrap_err().code(), "invalid_json");
    /// let err = PivotPartial::from_json(r#"{"format": "other/9", "spec": {}, "pins": {"catalog_version": "",
    ///     "catalog_hash": "", "library_version": ""}, "rows": [], "cols": [], "cells": [],
    ///     "row_totals": [], "col_totals": [], "grand_total": {"n": 0}}"#).unwrap_err();
    /// assert_eq!((err.code(), err.details()["path"].as_str()), ("invalid_value", Some("/format")));
    /// ```
    pub fn from_json(text: &str) -> Result<PivotPartial> {
        let mut p: PivotPartial =
            serde_json::from_str(text).map_err(|e| Error::from_serde_json(&e))?;
        p.check()?;
        Ok(p)
    }

    /// Checks a deserialised partial (see [`PivotPartial::from_json`]).
    fn check(&mut self) -> Result<()> {
        if self.format != FORMAT {
            return Err(invalid(
                "/format",
                Some(self.format.clone()),
                format!("{FORMAT:?} (a partial of this library version)"),
            ));
        }
        self.spec.check()?;
        for (name, tname, lines, dims, totals) in [
            (
                "rows",
                "row_totals",
                &self.rows,
                &self.spec.rows,
                &self.row_totals,
            ),
            (
                "cols",
                "col_totals",
                &self.cols,
                &self.spec.cols,
                &self.col_totals,
            ),
        ] {
            let mut seen = std::collections::HashSet::new();
            for (i, l) in lines.iter().enumerate() {
                if l.len() != dims.len() {
                    return Err(invalid(
                        &format!("/{name}/{i}"),
                        Some(l.len().to_string()),
                        format!("one key part per dimension ({})", dims.len()),
                    ));
                }
                if !seen.insert(l) {
                    return Err(invalid(&format!("/{name}/{i}"), None, "each key once"));
                }
            }
            if totals.len() != lines.len() {
                return Err(invalid(
                    &format!("/{tname}"),
                    Some(totals.len().to_string()),
                    format!("one total per key ({})", lines.len()),
                ));
            }
        }
        let (nr, nc) = (self.rows.len(), self.cols.len());
        let mut seen = std::collections::HashSet::new();
        for (i, c) in self.cells.iter_mut().enumerate() {
            if c.row as usize >= nr || c.col as usize >= nc || !seen.insert((c.row, c.col)) {
                return Err(invalid(
                    &format!("/cells/{i}"),
                    Some(format!("({}, {})", c.row, c.col)),
                    "a row and column of the partial, each cell once",
                ));
            }
            c.acc
                .check()
                .map_err(|e| invalid(&format!("/cells/{i}/acc"), None, e))?;
        }
        for (name, totals) in [
            ("row_totals", &mut self.row_totals),
            ("col_totals", &mut self.col_totals),
        ] {
            for (i, t) in totals.iter_mut().enumerate() {
                t.check()
                    .map_err(|e| invalid(&format!("/{name}/{i}"), None, e))?;
            }
        }
        self.grand_total
            .check()
            .map_err(|e| invalid("/grand_total", None, e))
    }
}
