//! The dimensions of a pivot resolved against the store: the id of each entry in a
//! dimension, the slot layout of a table side, and the labels of the keys.

use super::grid::too_large;
use super::spec::{Dim, PeriodUnit};
use super::table::KeyPart;
use crate::Result;
use crate::calendar::{PeriodRange, cycle_bounds, cycle_of, day_range};
use crate::catalog::Catalog;
use crate::codes::{EntryType, Stage, Status};
use crate::congress::roman_numeral;
use crate::i18n::Lang;
use crate::matrix::store::{NONE16, NONE32, Store};

/// The sort key of a key part: "not given" last, then by number (a fixed list's index, a
/// period's index, a congress cycle's) or by code. The same value in any matrix imported
/// with the same catalogue, so that partials sort their keys alike.
pub(super) type SortKey = (bool, i64, String);

/// Whether the keys of `dim` sort by their code (else by a number).
pub(super) fn sorted_by_code(dim: Dim) -> bool {
    matches!(
        dim,
        Dim::Country | Dim::Axis | Dim::Guideline | Dim::Institution
    )
}

/// One dimension, resolved against the store.
pub(super) struct DimCtx {
    /// The dimension.
    pub dim: Dim,
    /// Number of distinct ids (the "not given" id last, for dimensions that have one).
    pub domain: u64,
    /// For the period dimension: the periods of the kept entries.
    periods: PeriodRange,
    /// Day numbers where congress cycles start, with their edition.
    bounds: Vec<(i32, u16)>,
    /// For period and congress cycle: the id of each day from `day0` on (a lookup instead of
    /// a calendar computation per entry).
    days: Vec<u32>,
    day0: i32,
}

impl DimCtx {
    /// Resolves `dim` over the entries of `s` marked in `keep` (every entry when `None`).
    pub fn new(
        dim: Dim,
        s: &Store,
        cat: &Catalog,
        unit: PeriodUnit,
        keep: Option<&[bool]>,
    ) -> Result<Self> {
        let count = |n: usize| u64::try_from(n).map_err(|_| too_large());
        // The kept entries' first and last report days, found once (a plain min/max over
        // the column when every entry is kept).
        let kept_range = || match keep {
            None => day_range(s.reported_on.iter().copied()),
            Some(keep) => day_range(
                s.reported_on
                    .iter()
                    .zip(keep)
                    .filter(|(_, k)| **k)
                    .map(|(d, _)| *d),
            ),
        };
        let range = if matches!(dim, Dim::Period | Dim::CongressCycle) {
            kept_range()
        } else {
            None
        };
        let range_days = || range.into_iter().flat_map(|(lo, hi)| [lo, hi]);
        let mut ctx = DimCtx {
            dim,
            domain: 1,
            periods: PeriodRange {
                unit,
                base: 0,
                len: 1,
            },
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
                // The same range as spanning every kept day: it only looks at the extremes.
                if let Some(p) = PeriodRange::spanning(unit, range_days()) {
                    ctx.periods = p;
                }
                ctx.periods.len
            }
            Dim::CongressCycle => {
                ctx.bounds = cycle_bounds(cat);
                count(ctx.bounds.len())? + 1
            }
        };
        if matches!(dim, Dim::Period | Dim::CongressCycle) {
            if let Some((lo, hi)) = range {
                ctx.day0 = lo;
                ctx.days = (lo..=hi).map(|d| ctx.day_id(d)).collect();
            }
        }
        Ok(ctx)
    }

    /// The id of a report day in a period or cycle dimension (computed).
    fn day_id(&self, day: i32) -> u32 {
        let v = match self.dim {
            Dim::CongressCycle => cycle_of(&self.bounds, day),
            _ => self.periods.position(day).unwrap_or(0),
        };
        u32::try_from(v).unwrap_or(0)
    }

    /// The id of `a`, an optional u16 id, with "not given" as the last id.
    #[inline]
    fn or_none(&self, a: u16) -> u64 {
        if a == NONE16 {
            self.domain.saturating_sub(1)
        } else {
            u64::from(a)
        }
    }

    /// The id of entry `i` in a single-valued dimension.
    #[inline]
    pub fn single(&self, s: &Store, i: usize) -> u64 {
        match self.dim {
            Dim::Country => u64::from(s.country.get(i).copied().unwrap_or(0)),
            Dim::Axis => self.or_none(s.axis.get(i).copied().unwrap_or(NONE16)),
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

    /// Adds `mult` times each entry's id in this single-valued dimension to its key in
    /// `keys` (one key per entry): one tight loop per column, the dimension's kind decided
    /// once. The ids are those of [`DimCtx::single`]; entries not marked in `keep` (when
    /// given) add nothing. `false` (keys then unusable) for a multi-valued dimension, a
    /// column shorter than `keys`, or a kept entry's id outside the domain, which the
    /// general pass handles.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the specialised pass only
    pub fn add_ids(&self, s: &Store, keep: Option<&[bool]>, mult: u32, keys: &mut [u32]) -> bool {
        /// `keys[i] += mult * id(col[i])`; the largest id seen, `None` when a column is
        /// short.
        fn add<T: Copy>(
            col: &[T],
            keep: Option<&[bool]>,
            keys: &mut [u32],
            mult: u32,
            id: impl Fn(T) -> u32,
        ) -> Option<u32> {
            let col = col.get(..keys.len())?;
            let mut max = 0u32;
            let mut one = |k: &mut u32, id: u32| {
                max = max.max(id);
                *k = k.wrapping_add(id.wrapping_mul(mult));
            };
            match keep {
                None => keys.iter_mut().zip(col).for_each(|(k, v)| one(k, id(*v))),
                Some(keep) => {
                    let keep = keep.get(..keys.len())?;
                    for ((k, v), kept) in keys.iter_mut().zip(col).zip(keep) {
                        if *kept {
                            one(k, id(*v));
                        }
                    }
                }
            }
            Some(max)
        }
        let none = u32::try_from(self.domain.saturating_sub(1)).unwrap_or(u32::MAX);
        let max = match self.dim {
            Dim::Country => add(&s.country, keep, keys, mult, u32::from),
            Dim::Axis => add(&s.axis, keep, keys, mult, |a| {
                if a == NONE16 { none } else { u32::from(a) }
            }),
            Dim::EntryType => add(&s.entry_type, keep, keys, mult, u32::from),
            Dim::Status => add(&s.status, keep, keys, mult, u32::from),
            Dim::Institution => add(&s.institution, keep, keys, mult, |x| x),
            Dim::Period | Dim::CongressCycle => add(&s.reported_on, keep, keys, mult, |day| {
                // The day table, as in `single`; a day outside it is computed.
                let k =
                    usize::try_from(i64::from(day) - i64::from(self.day0)).unwrap_or(usize::MAX);
                match self.days.get(k) {
                    Some(v) => *v,
                    None => self.day_id(day),
                }
            }),
            Dim::Guideline | Dim::Stage => None,
        };
        max.is_some_and(|m| u64::from(m) < self.domain)
    }

    /// The ids of entry `i` in this dimension.
    #[inline]
    pub fn values(&self, s: &Store, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let none = self.domain.saturating_sub(1);
        match self.dim {
            Dim::Guideline => {
                let g = s.guidelines_of(i);
                if g.is_empty() {
                    out.push(none);
                } else {
                    out.extend(g.iter().map(|g| u64::from(*g)));
                }
            }
            Dim::Stage => {
                let bits = s.stages.get(i).copied().unwrap_or(0);
                if bits == 0 {
                    out.push(none);
                } else {
                    out.extend((0..4u64).filter(|b| bits & (1u8 << b) != 0));
                }
            }
            Dim::Period => {
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                out.push(self.periods.position(day).unwrap_or(0));
            }
            Dim::CongressCycle => {
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                out.push(cycle_of(&self.bounds, day));
            }
            Dim::Country | Dim::Axis | Dim::EntryType | Dim::Status | Dim::Institution => {
                out.push(self.single(s, i));
            }
        }
    }

    /// Whether the last id means "not given".
    fn has_none(&self) -> bool {
        matches!(self.dim, Dim::Axis | Dim::Guideline | Dim::Stage)
    }

    /// The key part of id `id`, and its sort key.
    pub fn part(&self, id: u64, s: &Store, cat: &Catalog, version: &str) -> (KeyPart, SortKey) {
        if self.has_none() && id + 1 == self.domain {
            return (
                uncoded("(sin dato)", "(not given)"),
                (true, 0, String::new()),
            );
        }
        let num = i64::try_from(id).unwrap_or(i64::MAX);
        let part = self.label(id, s, cat, version);
        let sort = match self.dim {
            d if sorted_by_code(d) => (false, 0, part.code.clone().unwrap_or_default()),
            // the period's index from year 0, not its position in this matrix's range, so
            // that keys of partials over different date ranges sort alike
            Dim::Period => (false, self.periods.base.saturating_add(num), String::new()),
            _ => (false, num, String::new()),
        };
        (part, sort)
    }

    /// The code and labels of id `id` (not the "not given" one).
    fn label(&self, id: u64, s: &Store, cat: &Catalog, version: &str) -> KeyPart {
        let idx = usize::try_from(id).unwrap_or(usize::MAX);
        let id32 = u32::try_from(id).unwrap_or(NONE32);
        match self.dim {
            Dim::Country => {
                let code = s.countries.name(id32);
                match cat.country(code) {
                    Some(c) => coded(code, &c.name.es, &c.name.en),
                    None => same(code),
                }
            }
            Dim::Axis => {
                let code = s.axes.name(id32);
                match cat.guideline_set(version).ok().and_then(|g| g.axis(code)) {
                    Some(a) => coded(code, &a.name.es, &a.name.en),
                    None => same(code),
                }
            }
            Dim::Guideline => same(s.guideline_codes.name(id32)),
            Dim::Institution => {
                let code = s.institutions.name(id32);
                match cat.institution_label(code) {
                    Some((es, en)) => coded(code, &es, &en),
                    None => same(code),
                }
            }
            Dim::EntryType => listed(
                EntryType::ALL
                    .get(idx)
                    .map(|t| (t.code(), t.label(Lang::Es), t.label(Lang::En))),
            ),
            Dim::Status => listed(
                Status::ALL
                    .get(idx)
                    .map(|t| (t.code(), t.label(Lang::Es), t.label(Lang::En))),
            ),
            Dim::Stage => listed(
                Stage::ALL
                    .get(idx)
                    .map(|t| (t.code(), t.label(Lang::Es), t.label(Lang::En))),
            ),
            Dim::Period => {
                let (code, es, en) = self.periods.code(i64::try_from(id).unwrap_or(i64::MAX));
                KeyPart {
                    code: Some(code),
                    es,
                    en,
                }
            }
            Dim::CongressCycle => self.cycle_label(idx, cat),
        }
    }

    /// The label of congress cycle `idx` (0: before the first dated congress). The start is
    /// written as precisely as the congress's date is known (`desde 2019-12-03`, `desde 2021`).
    fn cycle_label(&self, idx: usize, cat: &Catalog) -> KeyPart {
        if let Some((_, edition)) = idx.checked_sub(1).and_then(|k| self.bounds.get(k)) {
            let r = roman_numeral(u32::from(*edition));
            let date = cat
                .congress(*edition)
                .and_then(|c| c.held_on())
                .map(|h| h.label())
                .unwrap_or_default();
            return KeyPart {
                code: Some(r.clone()),
                es: format!("Ciclo del {r} Congreso (desde {date})"),
                en: format!("Congress {r} cycle (from {date})"),
            };
        }
        match self.bounds.first() {
            Some((_, edition)) => {
                let r = roman_numeral(u32::from(*edition));
                KeyPart {
                    code: Some(format!("pre-{r}")),
                    es: format!("Antes del {r} Congreso"),
                    en: format!("Before congress {r}"),
                }
            }
            None => uncoded("(sin congreso con fecha)", "(no dated congress)"),
        }
    }
}

/// A key part with a code and its labels.
fn coded(code: &str, es: &str, en: &str) -> KeyPart {
    KeyPart {
        code: Some(code.to_owned()),
        es: es.to_owned(),
        en: en.to_owned(),
    }
}

/// A key part whose labels are its code.
fn same(code: &str) -> KeyPart {
    coded(code, code, code)
}

/// A key part without a code.
fn uncoded(es: &str, en: &str) -> KeyPart {
    KeyPart {
        code: None,
        es: es.to_owned(),
        en: en.to_owned(),
    }
}

/// The key part of an item of a fixed code list (entry type, status, stage), `?` if absent.
fn listed(item: Option<(&str, &str, &str)>) -> KeyPart {
    match item {
        Some((code, es, en)) => coded(code, es, en),
        None => uncoded("?", "?"),
    }
}

/// Strides of a side's dimensions (first dimension outermost) and the side's slot count.
pub(super) fn strides(dims: &[DimCtx]) -> Result<(Vec<u64>, u64)> {
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

/// Scratch vectors of [`slots`], kept across entries.
#[derive(Default)]
pub(super) struct Scratch {
    vals: Vec<u64>,
    tmp: Vec<u64>,
}

/// The slots of entry `i` on one side (cartesian product over multi-valued dimensions).
#[inline]
pub(super) fn slots(
    dims: &[DimCtx],
    st: &[u64],
    s: &Store,
    i: usize,
    scratch: &mut Scratch,
    out: &mut Vec<u64>,
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
        d.values(s, i, &mut scratch.vals);
        if let [v] = scratch.vals.as_slice() {
            for o in out.iter_mut() {
                *o += v * stride;
            }
        } else {
            scratch.tmp.clear();
            for o in out.iter() {
                scratch
                    .tmp
                    .extend(scratch.vals.iter().map(|v| o + v * stride));
            }
            std::mem::swap(out, &mut scratch.tmp);
        }
    }
}

/// The id in each dimension of a side's slot.
pub(super) fn decode(dims: &[DimCtx], st: &[u64], slot: u64) -> Vec<u64> {
    dims.iter()
        .zip(st)
        .map(|(d, stride)| (slot / stride) % d.domain.max(1))
        .collect()
}
