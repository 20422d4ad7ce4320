//! The aggregation: one pass over the columnar store, cells and totals accumulated side by
//! side. Totals come from the entries themselves: an entry that falls into several rows (a
//! multi-valued dimension) is counted once in its column total and in the grand total.

use super::spec::{Dim, Measure, PeriodUnit, PivotSpec};
use super::suppression;
use super::table::{Cell, Key, KeyPart, PivotTable, Total};
use crate::catalog::Catalog;
use crate::codes::{EntryType, Stage, Status};
use crate::congress::roman_numeral;
use crate::matrix::store::{FxMap, NONE16, NONE32, Store, from_day_number};
use crate::{Error, Result};
use chrono::Datelike;

/// Above this many grid slots (rows x columns, totals included) accumulators go in a hash
/// map instead of a dense array.
const DENSE_LIMIT: u64 = 1 << 20;

#[derive(Debug, Clone, Copy)]
struct Acc {
    n: u64,
    has: u64,
    sum: f64,
    min: f64,
    max: f64,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            n: 0,
            has: 0,
            sum: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Acc {
    #[inline]
    fn add(&mut self, v: Option<f64>) {
        self.n += 1;
        if let Some(v) = v {
            self.has += 1;
            self.sum += v;
            self.min = self.min.min(v);
            self.max = self.max.max(v);
        }
    }
}

/// Accumulators for every (row slot, col slot), totals at index `rows` / `cols`.
struct Grid {
    width: u64,
    dense: Vec<Acc>,
    sparse: FxMap<u64, Acc>,
    is_dense: bool,
}

impl Grid {
    fn new(rows: u64, cols: u64) -> Result<Grid> {
        let width = cols + 1;
        let size = (rows + 1).checked_mul(width).ok_or_else(too_large)?;
        let is_dense = size <= DENSE_LIMIT;
        Ok(Grid {
            width,
            dense: if is_dense {
                vec![Acc::default(); usize::try_from(size).map_err(|_| too_large())?]
            } else {
                Vec::new()
            },
            sparse: FxMap::default(),
            is_dense,
        })
    }

    #[inline]
    fn key(&self, r: u64, c: u64) -> u64 {
        r * self.width + c
    }

    #[inline]
    fn add(&mut self, key: u64, v: Option<f64>) {
        if self.is_dense {
            if let Some(a) = usize::try_from(key)
                .ok()
                .and_then(|k| self.dense.get_mut(k))
            {
                a.add(v);
            }
        } else {
            self.sparse.entry(key).or_default().add(v);
        }
    }

    fn get(&self, key: u64) -> Acc {
        if self.is_dense {
            usize::try_from(key)
                .ok()
                .and_then(|k| self.dense.get(k))
                .copied()
                .unwrap_or_default()
        } else {
            self.sparse.get(&key).copied().unwrap_or_default()
        }
    }
}

fn too_large() -> Error {
    Error::LimitExceeded {
        what: "pivot table slots (product of the dimensions' sizes)".into(),
        limit: u64::from(u32::MAX),
    }
}

/// One dimension, resolved against the store.
struct DimCtx {
    dim: Dim,
    domain: u64,
    unit: PeriodUnit,
    /// Period index of the first period.
    base: i64,
    /// Day numbers where congress cycles start, with their edition.
    bounds: Vec<(i32, u16)>,
    /// For period and congress cycle: the id of each day from `day0` on (a lookup instead of
    /// a calendar computation per entry).
    days: Vec<u32>,
    day0: i32,
}

pub(crate) fn period_index(unit: PeriodUnit, day: i32) -> i64 {
    let Some(d) = from_day_number(day) else {
        return 0;
    };
    let (y, m0) = (i64::from(d.year()), i64::from(d.month0()));
    match unit {
        PeriodUnit::Month => y * 12 + m0,
        PeriodUnit::Quarter => y * 4 + m0 / 3,
        PeriodUnit::Semester => y * 2 + m0 / 6,
        PeriodUnit::Year => y,
    }
}

pub(crate) fn period_code(unit: PeriodUnit, index: i64) -> (String, String, String) {
    match unit {
        PeriodUnit::Month => {
            let c = format!("{}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1);
            (c.clone(), c.clone(), c)
        }
        PeriodUnit::Quarter => {
            let (y, q) = (index.div_euclid(4), index.rem_euclid(4) + 1);
            (
                format!("{y}-Q{q}"),
                format!("{y}-T{q}"),
                format!("{y}-Q{q}"),
            )
        }
        PeriodUnit::Semester => {
            let (y, s) = (index.div_euclid(2), index.rem_euclid(2) + 1);
            (
                format!("{y}-S{s}"),
                format!("{y}-S{s}"),
                format!("{y}-H{s}"),
            )
        }
        PeriodUnit::Year => {
            let c = index.to_string();
            (c.clone(), c.clone(), c)
        }
    }
}

/// The congress cycle boundaries: start dates of the editions whose start is known, in date
/// order. Editions without a known start date are skipped: their entries fall in the cycle
/// of the previous dated edition.
pub(crate) fn cycle_bounds(cat: &Catalog) -> Vec<(i32, u16)> {
    let mut b: Vec<(i32, u16)> = cat
        .congresses()
        .iter()
        .filter_map(|c| {
            c.start
                .map(|s| (crate::matrix::store::day_number(s), c.edition))
        })
        .collect();
    b.sort_unstable();
    b
}

impl DimCtx {
    fn new(dim: Dim, s: &Store, cat: &Catalog, unit: PeriodUnit, keep: &[bool]) -> Result<Self> {
        let count = |n: usize| u64::try_from(n).map_err(|_| too_large());
        let mut ctx = DimCtx {
            dim,
            domain: 1,
            unit,
            base: 0,
            bounds: Vec::new(),
            days: Vec::new(),
            day0: 0,
        };
        ctx.domain = match dim {
            Dim::Country => count(s.countries.len())?.max(1),
            Dim::Axis => count(s.axes.len())? + 1,
            Dim::Guideline => count(s.guideline_codes.len())? + 1,
            Dim::EntryType => count(EntryType::ALL.len())?,
            Dim::Status => count(Status::ALL.len())?,
            Dim::Stage => count(Stage::ALL.len())? + 1,
            Dim::Institution => count(s.institutions.len())?.max(1),
            Dim::Period => {
                let days = s
                    .reported_on
                    .iter()
                    .zip(keep)
                    .filter(|(_, k)| **k)
                    .map(|(d, _)| *d);
                let (lo, hi) =
                    days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
                if lo > hi {
                    1
                } else {
                    ctx.base = period_index(unit, lo);
                    u64::try_from(period_index(unit, hi) - ctx.base + 1).map_err(|_| too_large())?
                }
            }
            Dim::CongressCycle => {
                ctx.bounds = cycle_bounds(cat);
                count(ctx.bounds.len())? + 1
            }
        };
        if matches!(dim, Dim::Period | Dim::CongressCycle) {
            let (lo, hi) = s
                .reported_on
                .iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .fold((i32::MAX, i32::MIN), |(lo, hi), (d, _)| {
                    (lo.min(*d), hi.max(*d))
                });
            if lo <= hi {
                ctx.day0 = lo;
                ctx.days = (lo..=hi).map(|d| ctx.day_id(d)).collect();
            }
        }
        Ok(ctx)
    }

    /// The id of a report day in a period or cycle dimension (computed).
    fn day_id(&self, day: i32) -> u32 {
        let v = match self.dim {
            Dim::CongressCycle => self.bounds.partition_point(|b| b.0 <= day) as u64,
            _ => u64::try_from(period_index(self.unit, day) - self.base).unwrap_or(0),
        };
        u32::try_from(v).unwrap_or(0)
    }

    /// The id of entry `i` in a single-valued dimension.
    #[inline]
    fn single(&self, s: &Store, i: usize) -> u64 {
        match self.dim {
            Dim::Country => u64::from(s.country.get(i).copied().unwrap_or(0)),
            Dim::Axis => {
                let a = s.axis.get(i).copied().unwrap_or(NONE16);
                if a == NONE16 {
                    self.domain.saturating_sub(1)
                } else {
                    u64::from(a)
                }
            }
            Dim::EntryType => u64::from(s.entry_type.get(i).copied().unwrap_or(0)),
            Dim::Status => u64::from(s.status.get(i).copied().unwrap_or(0)),
            Dim::Institution => u64::from(s.institution.get(i).copied().unwrap_or(0)),
            Dim::Period | Dim::CongressCycle => {
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                let k =
                    usize::try_from(i64::from(day) - i64::from(self.day0)).unwrap_or(usize::MAX);
                match self.days.get(k) {
                    Some(v) => u64::from(*v),
                    None => u64::from(self.day_id(day)),
                }
            }
            Dim::Guideline | Dim::Stage => 0,
        }
    }

    /// The ids of entry `i` in this dimension.
    #[inline]
    fn values(&self, s: &Store, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let none = self.domain.saturating_sub(1);
        match self.dim {
            Dim::Country => out.push(u64::from(s.country.get(i).copied().unwrap_or(0))),
            Dim::Axis => {
                let a = s.axis.get(i).copied().unwrap_or(NONE16);
                out.push(if a == NONE16 { none } else { u64::from(a) });
            }
            Dim::Guideline => {
                let g = s.guidelines_of(i);
                if g.is_empty() {
                    out.push(none);
                } else {
                    out.extend(g.iter().map(|g| u64::from(*g)));
                }
            }
            Dim::EntryType => out.push(u64::from(s.entry_type.get(i).copied().unwrap_or(0))),
            Dim::Status => out.push(u64::from(s.status.get(i).copied().unwrap_or(0))),
            Dim::Stage => {
                let bits = s.stages.get(i).copied().unwrap_or(0);
                if bits == 0 {
                    out.push(none);
                } else {
                    out.extend((0..4u64).filter(|b| bits & (1u8 << b) != 0));
                }
            }
            Dim::Institution => out.push(u64::from(s.institution.get(i).copied().unwrap_or(0))),
            Dim::Period => {
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                let v = period_index(self.unit, day) - self.base;
                out.push(u64::try_from(v).unwrap_or(0));
            }
            Dim::CongressCycle => {
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                out.push(self.bounds.partition_point(|b| b.0 <= day) as u64);
            }
        }
    }

    /// The key part of id `id`, and its sort key.
    fn part(
        &self,
        id: u64,
        s: &Store,
        cat: &Catalog,
        version: &str,
    ) -> (KeyPart, (bool, i64, String)) {
        let idx = usize::try_from(id).unwrap_or(usize::MAX);
        let id32 = u32::try_from(id).unwrap_or(NONE32);
        let none_part = |es: &str, en: &str| KeyPart {
            code: None,
            es: es.to_owned(),
            en: en.to_owned(),
        };
        let num = i64::try_from(id).unwrap_or(i64::MAX);
        let same = |c: &str| KeyPart {
            code: Some(c.to_owned()),
            es: c.to_owned(),
            en: c.to_owned(),
        };
        let is_none = self.dim_has_none() && id + 1 == self.domain;
        if is_none {
            return (
                none_part("(sin dato)", "(not given)"),
                (true, 0, String::new()),
            );
        }
        let part = match self.dim {
            Dim::Country => {
                let code = s.countries.name(id32);
                match cat.country(code) {
                    Some(c) => KeyPart {
                        code: Some(code.to_owned()),
                        es: c.name.es.clone(),
                        en: c.name.en.clone(),
                    },
                    None => same(code),
                }
            }
            Dim::Axis => {
                let code = s.axes.name(id32);
                match cat.guideline_set(version).ok().and_then(|g| g.axis(code)) {
                    Some(a) => KeyPart {
                        code: Some(code.to_owned()),
                        es: a.name.es.clone(),
                        en: a.name.en.clone(),
                    },
                    None => same(code),
                }
            }
            Dim::Guideline => same(s.guideline_codes.name(id32)),
            Dim::Institution => same(s.institutions.name(id32)),
            Dim::EntryType => match EntryType::ALL.get(idx) {
                Some(t) => KeyPart {
                    code: Some(t.code().to_owned()),
                    es: t.label(crate::Lang::Es).to_owned(),
                    en: t.label(crate::Lang::En).to_owned(),
                },
                None => none_part("?", "?"),
            },
            Dim::Status => match Status::ALL.get(idx) {
                Some(t) => KeyPart {
                    code: Some(t.code().to_owned()),
                    es: t.label(crate::Lang::Es).to_owned(),
                    en: t.label(crate::Lang::En).to_owned(),
                },
                None => none_part("?", "?"),
            },
            Dim::Stage => match Stage::ALL.get(idx) {
                Some(t) => KeyPart {
                    code: Some(t.code().to_owned()),
                    es: t.label(crate::Lang::Es).to_owned(),
                    en: t.label(crate::Lang::En).to_owned(),
                },
                None => none_part("?", "?"),
            },
            Dim::Period => {
                let (code, es, en) = period_code(self.unit, self.base + num);
                KeyPart {
                    code: Some(code),
                    es,
                    en,
                }
            }
            Dim::CongressCycle => match idx.checked_sub(1).and_then(|k| self.bounds.get(k)) {
                Some((day, edition)) => {
                    let r = roman_numeral(u32::from(*edition));
                    let date = from_day_number(*day)
                        .map(|d| d.to_string())
                        .unwrap_or_default();
                    KeyPart {
                        code: Some(r.clone()),
                        es: format!("Ciclo del {r} Congreso (desde {date})"),
                        en: format!("Congress {r} cycle (from {date})"),
                    }
                }
                None => match self.bounds.first() {
                    Some((_, e)) => {
                        let r = roman_numeral(u32::from(*e));
                        KeyPart {
                            code: Some(format!("pre-{r}")),
                            es: format!("Antes del {r} Congreso"),
                            en: format!("Before congress {r}"),
                        }
                    }
                    None => none_part("(sin congreso con fecha)", "(no dated congress)"),
                },
            },
        };
        let sort = match self.dim {
            Dim::Country | Dim::Axis | Dim::Guideline | Dim::Institution => {
                (false, 0, part.code.clone().unwrap_or_default())
            }
            _ => (false, num, String::new()),
        };
        (part, sort)
    }

    fn dim_has_none(&self) -> bool {
        matches!(self.dim, Dim::Axis | Dim::Guideline | Dim::Stage)
    }
}

/// Strides of a side's dimensions (first dimension outermost) and the side's slot count.
fn strides(dims: &[DimCtx]) -> Result<(Vec<u64>, u64)> {
    let mut st = vec![1u64; dims.len()];
    let mut prod: u64 = 1;
    for (k, d) in dims.iter().enumerate().rev() {
        if let Some(s) = st.get_mut(k) {
            *s = prod;
        }
        prod = prod.checked_mul(d.domain).ok_or_else(too_large)?;
    }
    if prod > u64::from(u32::MAX) {
        return Err(too_large());
    }
    Ok((st, prod))
}

/// The slots of entry `i` on one side (cartesian product over multi-valued dimensions).
#[inline]
fn slots(
    dims: &[DimCtx],
    st: &[u64],
    s: &Store,
    i: usize,
    vals: &mut Vec<u64>,
    out: &mut Vec<u64>,
    tmp: &mut Vec<u64>,
) {
    out.clear();
    out.push(0);
    for (d, stride) in dims.iter().zip(st) {
        if !d.dim.multi_valued() {
            let v = d.single(s, i) * stride;
            for o in out.iter_mut() {
                *o += v;
            }
            continue;
        }
        d.values(s, i, vals);
        if let [v] = vals.as_slice() {
            for o in out.iter_mut() {
                *o += v * stride;
            }
        } else {
            tmp.clear();
            for o in out.iter() {
                tmp.extend(vals.iter().map(|v| o + v * stride));
            }
            std::mem::swap(out, tmp);
        }
    }
}

fn decode(dims: &[DimCtx], st: &[u64], slot: u64) -> Vec<u64> {
    dims.iter()
        .zip(st)
        .map(|(d, stride)| (slot / stride) % d.domain.max(1))
        .collect()
}

/// A key with its sort key and slot.
type SortedKey = (Vec<(bool, i64, String)>, u64, Key);

/// Runs the pivot.
pub(crate) fn pivot(
    s: &Store,
    cat: &Catalog,
    version: &str,
    spec: &PivotSpec,
) -> Result<PivotTable> {
    spec.check()?;
    let n = s.len();
    let keep: Vec<bool> = if spec.approved_only {
        s.approved.clone()
    } else {
        vec![true; n]
    };
    let unit = spec.period.unwrap_or_default();
    let rd: Vec<DimCtx> = spec
        .rows
        .iter()
        .map(|d| DimCtx::new(*d, s, cat, unit, &keep))
        .collect::<Result<_>>()?;
    let cd: Vec<DimCtx> = spec
        .cols
        .iter()
        .map(|d| DimCtx::new(*d, s, cat, unit, &keep))
        .collect::<Result<_>>()?;
    let (rst, rprod) = strides(&rd)?;
    let (cst, cprod) = strides(&cd)?;
    let mut grid = Grid::new(rprod, cprod)?;
    let measure = spec.measure;
    let mut distinct: FxMap<(u64, u32), ()> = FxMap::default();
    // (group, activity) -> (day, entry, progress) of the latest report with a progress.
    let mut last: FxMap<(u64, u64), (i32, usize, f64)> = FxMap::default();
    let (mut vals, mut rs, mut cs, mut tmp) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut groups: Vec<u64> = Vec::new();
    let part_slot = measure.participant_slot();
    let all_single = !rd.iter().chain(&cd).any(|d| d.dim.multi_valued());
    for i in 0..n {
        if !keep.get(i).copied().unwrap_or(false) {
            continue;
        }
        let v: Option<f64> = match (measure, part_slot) {
            (_, Some(slot)) => participants(s, i, slot),
            (Measure::MeanProgress | Measure::MinProgress | Measure::MaxProgress, None) => {
                s.progress.get(i).copied().filter(|p| !p.is_nan())
            }
            _ => None,
        };
        groups.clear();
        if all_single {
            // Common case: one row slot and one column slot, no scratch vectors.
            let r: u64 = rd.iter().zip(&rst).map(|(d, st)| d.single(s, i) * st).sum();
            let c: u64 = cd.iter().zip(&cst).map(|(d, st)| d.single(s, i) * st).sum();
            groups.extend([
                grid.key(r, c),
                grid.key(r, cprod),
                grid.key(rprod, c),
                grid.key(rprod, cprod),
            ]);
        } else {
            slots(&rd, &rst, s, i, &mut vals, &mut rs, &mut tmp);
            slots(&cd, &cst, s, i, &mut vals, &mut cs, &mut tmp);
            for r in &rs {
                for c in &cs {
                    groups.push(grid.key(*r, *c));
                }
                groups.push(grid.key(*r, cprod));
            }
            for c in &cs {
                groups.push(grid.key(rprod, *c));
            }
            groups.push(grid.key(rprod, cprod));
        }
        for g in &groups {
            grid.add(*g, v);
        }
        match measure {
            Measure::DistinctCountries | Measure::DistinctInstitutions => {
                let id = if measure == Measure::DistinctCountries {
                    u32::from(s.country.get(i).copied().unwrap_or(0))
                } else {
                    s.institution.get(i).copied().unwrap_or(0)
                };
                for g in &groups {
                    distinct.insert((*g, id), ());
                }
            }
            Measure::LastProgress => {
                let Some(p) = s.progress.get(i).copied().filter(|p| !p.is_nan()) else {
                    continue;
                };
                let act = s.activity.get(i).copied().unwrap_or(NONE32);
                let act = if act == NONE32 {
                    (1u64 << 32) + i as u64
                } else {
                    u64::from(act)
                };
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                for g in &groups {
                    let e = last.entry((*g, act)).or_insert((day, i, p));
                    if (day, i) > (e.0, e.1) {
                        *e = (day, i, p);
                    }
                }
            }
            _ => {}
        }
    }
    let mut distinct_n: FxMap<u64, u64> = FxMap::default();
    for (g, _) in distinct.keys() {
        *distinct_n.entry(*g).or_default() += 1;
    }
    let mut last_mean: FxMap<u64, (f64, u64)> = FxMap::default();
    for ((g, _), (_, _, p)) in &last {
        let e = last_mean.entry(*g).or_default();
        e.0 += p;
        e.1 += 1;
    }
    let value = |g: u64| -> Total {
        let a = grid.get(g);
        let v = match measure {
            Measure::Count => Some(a.n as f64),
            Measure::DistinctCountries | Measure::DistinctInstitutions => {
                Some(distinct_n.get(&g).copied().unwrap_or(0) as f64)
            }
            Measure::MeanProgress => (a.has > 0).then(|| a.sum / a.has as f64),
            Measure::MinProgress => (a.has > 0).then_some(a.min),
            Measure::MaxProgress => (a.has > 0).then_some(a.max),
            Measure::LastProgress => last_mean
                .get(&g)
                .filter(|(_, k)| *k > 0)
                .map(|(sum, k)| sum / *k as f64),
            _ => (a.has > 0).then_some(a.sum),
        };
        Total {
            value: v,
            entries: a.n,
            suppressed: false,
        }
    };

    // Keys in use, sorted.
    let keys = |dims: &[DimCtx], st: &[u64], used: Vec<u64>| {
        let mut out: Vec<SortedKey> = Vec::with_capacity(used.len());
        for slot in used {
            let ids = decode(dims, st, slot);
            let (parts, sorts): (Vec<KeyPart>, Vec<_>) = dims
                .iter()
                .zip(ids)
                .map(|(d, id)| d.part(id, s, cat, version))
                .unzip();
            out.push((sorts, slot, parts));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    };
    let used_rows: Vec<u64> = if grid.is_dense {
        (0..rprod)
            .filter(|r| grid.get(grid.key(*r, cprod)).n > 0)
            .collect()
    } else {
        let mut u: Vec<u64> = grid
            .sparse
            .iter()
            .filter(|(k, a)| *k % grid.width == cprod && *k / grid.width != rprod && a.n > 0)
            .map(|(k, _)| *k / grid.width)
            .collect();
        u.sort_unstable();
        u
    };
    let used_cols: Vec<u64> = if grid.is_dense {
        (0..cprod)
            .filter(|c| grid.get(grid.key(rprod, *c)).n > 0)
            .collect()
    } else {
        let mut u: Vec<u64> = grid
            .sparse
            .iter()
            .filter(|(k, a)| *k / grid.width == rprod && *k % grid.width != cprod && a.n > 0)
            .map(|(k, _)| *k % grid.width)
            .collect();
        u.sort_unstable();
        u
    };
    let row_keys = keys(&rd, &rst, used_rows);
    let col_keys = keys(&cd, &cst, used_cols);
    let mut cells = Vec::new();
    let cell = |ri: usize, ci: usize, t: Total| Cell {
        row: ri,
        col: ci,
        value: t.value,
        entries: t.entries,
        suppressed: false,
        reason: None,
    };
    if grid.is_dense {
        for (ri, (_, r, _)) in row_keys.iter().enumerate() {
            for (ci, (_, c, _)) in col_keys.iter().enumerate() {
                let t = value(grid.key(*r, *c));
                if t.entries > 0 {
                    cells.push(cell(ri, ci, t));
                }
            }
        }
    } else {
        // Sparse: walk the accumulated cells instead of every row x column pair.
        let rix: FxMap<u64, usize> = row_keys.iter().enumerate().map(|(i, k)| (k.1, i)).collect();
        let cix: FxMap<u64, usize> = col_keys.iter().enumerate().map(|(i, k)| (k.1, i)).collect();
        for (key, acc) in &grid.sparse {
            let (r, c) = (key / grid.width, key % grid.width);
            if acc.n == 0 || r == rprod || c == cprod {
                continue;
            }
            if let (Some(ri), Some(ci)) = (rix.get(&r), cix.get(&c)) {
                cells.push(cell(*ri, *ci, value(*key)));
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
    }
    let row_totals: Vec<Total> = row_keys
        .iter()
        .map(|(_, r, _)| value(grid.key(*r, cprod)))
        .collect();
    let col_totals: Vec<Total> = col_keys
        .iter()
        .map(|(_, c, _)| value(grid.key(rprod, *c)))
        .collect();
    let grand_total = value(grid.key(rprod, cprod));
    let mut table = PivotTable {
        measure,
        row_dims: spec.rows.clone(),
        col_dims: spec.cols.clone(),
        period: unit,
        rows: row_keys.into_iter().map(|(_, _, k)| k).collect(),
        cols: col_keys.into_iter().map(|(_, _, k)| k).collect(),
        cells,
        row_totals,
        col_totals,
        grand_total,
        suppress_below: spec.suppress_below,
        exposed: Vec::new(),
        audit: None,
        approved_only: spec.approved_only,
        pins: cat.pins(),
    };
    if let Some(k) = spec.suppress_below.filter(|k| *k > 0) {
        suppression::apply(&mut table, k)?;
    }
    Ok(table)
}

/// The participant count of entry `i`: one column, or the sum of the reported columns.
#[inline]
fn participants(s: &Store, i: usize, slot: Option<usize>) -> Option<f64> {
    let get = |k: usize| {
        s.participants
            .get(k)
            .and_then(|c| c.get(i))
            .copied()
            .filter(|v| *v != NONE32)
    };
    match slot {
        Some(k) => get(k).map(f64::from),
        None => {
            let mut any = false;
            let mut sum = 0u64;
            for k in 0..5 {
                if let Some(v) = get(k) {
                    any = true;
                    sum += u64::from(v);
                }
            }
            any.then_some(sum as f64)
        }
    }
}
