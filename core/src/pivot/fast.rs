//! The specialised pass of the common pivot: every dimension single-valued, a count or a sum
//! of participants, a dense grid (country x (axis x quarter) is 13 x 241 slots).
//!
//! Instead of placing each entry through the dimensions one by one, it builds the cell key
//! of every entry column by column (one tight loop per dimension, see
//! [`DimCtx::add_ids`]), then accumulates the cells in integers: a `u32` count and
//! count-with-value and a `u64` sum per cell. Totals are then added up from the cells, which
//! is exact here: each entry falls in exactly one cell, and integer sums do not depend on the
//! order. The general pass sums whole numbers in 128 bits: the same numbers unless a `u64` sum
//! here saturates; then (or for any input the pass does not cover) it returns `None` and the
//! general pass runs.

use super::compute::Side;
use super::grid::{Acc, Grid};
use super::spec::Measure;
use crate::matrix::store::{NONE32, Store};

/// Per slot: entries, entries with a value, sum of the values. Counts fit in `u32` (the
/// pass only runs on fewer than 2^32 entries); sums saturate, and a saturated grand total
/// makes the pass give way to the general one.
#[derive(Clone, Copy, Default)]
struct Sums {
    n: u32,
    has: u32,
    sum: u64,
}

impl Sums {
    fn plus(self, o: Sums) -> Sums {
        Sums {
            n: self.n + o.n,
            has: self.has + o.has,
            sum: self.sum.saturating_add(o.sum),
        }
    }

    fn acc(self) -> Acc {
        Acc {
            n: u64::from(self.n),
            has: u64::from(self.has),
            sum: u128::from(self.sum),
            ..Acc::default()
        }
    }
}

/// The grid of the pivot, or `None` when this pass does not apply (see the module doc).
pub(super) fn accumulate(
    s: &Store,
    keep: Option<&[bool]>,
    measure: Measure,
    rows: &Side,
    cols: &Side,
) -> Option<Grid> {
    let slot = match measure {
        Measure::Count => None,
        m => Some(m.participant_slot()?),
    };
    let short_keep = keep.is_some_and(|k| k.len() < s.len());
    if short_keep
        || !Grid::would_be_dense(rows.slots, cols.slots)
        || u32::try_from(s.len()).is_err()
    {
        return None;
    }
    let width = u32::try_from(cols.slots + 1).ok()?;
    let discard = u32::try_from(rows.slots + 1).ok()?.checked_mul(width)?;
    let keys = cell_keys(s, keep, rows, cols, width, discard)?;
    // The whole grid (totals' slots filled later), and one more slot for the entries that
    // are not kept.
    let size = usize::try_from(rows.slots + 1)
        .ok()?
        .checked_mul(width as usize)?;
    let mut sums = vec![Sums::default(); size + 1];
    match slot {
        None => count(&keys, &mut sums),
        Some(Some(k)) => sum_one(&keys, s.participants.get(k)?, &mut sums),
        Some(None) => sum_all(&keys, s, &mut sums),
    }
    sums.pop();
    totals(sums, rows.slots, cols.slots)
}

/// The cell key (`row slot * width + column slot`) of every entry, `discard` for the
/// entries not kept; `None` if a dimension is not covered by [`DimCtx::add_ids`].
///
/// [`DimCtx::add_ids`]: super::dims::DimCtx::add_ids
fn cell_keys(
    s: &Store,
    keep: Option<&[bool]>,
    rows: &Side,
    cols: &Side,
    width: u32,
    discard: u32,
) -> Option<Vec<u32>> {
    let mut keys = vec![0u32; s.len()];
    let row_dims = rows
        .dims
        .iter()
        .zip(&rows.strides)
        .map(|(d, st)| (d, st, width));
    let col_dims = cols
        .dims
        .iter()
        .zip(&cols.strides)
        .map(|(d, st)| (d, st, 1));
    for (d, stride, scale) in row_dims.chain(col_dims) {
        let mult = u32::try_from(*stride).ok()?.checked_mul(scale)?;
        if !d.add_ids(s, keep, mult, &mut keys) {
            return None;
        }
    }
    if let Some(keep) = keep {
        // (`accumulate` has checked that `keep` covers every entry.)
        for (k, kept) in keys.iter_mut().zip(keep) {
            if !kept {
                *k = discard;
            }
        }
    }
    Some(keys)
}

/// Counts the entries of each cell.
fn count(keys: &[u32], sums: &mut [Sums]) {
    for k in keys {
        if let Some(c) = sums.get_mut(*k as usize) {
            c.n += 1;
        }
    }
}

/// Counts and sums one participant column ([`NONE32`]: not reported).
fn sum_one(keys: &[u32], col: &[u32], sums: &mut [Sums]) {
    for (k, v) in keys.iter().zip(col) {
        if let Some(c) = sums.get_mut(*k as usize) {
            let reported = *v != NONE32;
            c.n += 1;
            c.has += u32::from(reported);
            c.sum = c
                .sum
                .saturating_add(if reported { u64::from(*v) } else { 0 });
        }
    }
}

/// Counts and sums all five participant columns: an entry has a value when any is reported.
fn sum_all(keys: &[u32], s: &Store, sums: &mut [Sums]) {
    let [a, b, c, d, e] = &s.participants;
    if [a, b, c, d, e].iter().any(|col| col.len() < keys.len()) {
        return sum_all_checked(keys, s, sums);
    }
    let rows = keys.iter().zip(a).zip(b).zip(c).zip(d).zip(e);
    for (((((k, a), b), c), d), e) in rows {
        if let Some(cell) = sums.get_mut(*k as usize) {
            let mut any = false;
            let mut sum = 0u64;
            for v in [*a, *b, *c, *d, *e] {
                let reported = v != NONE32;
                any |= reported;
                sum += if reported { u64::from(v) } else { 0 };
            }
            cell.n += 1;
            cell.has += u32::from(any);
            cell.sum = cell.sum.saturating_add(sum);
        }
    }
}

/// [`sum_all`] for participant columns shorter than the store (not produced by the import).
fn sum_all_checked(keys: &[u32], s: &Store, sums: &mut [Sums]) {
    for (i, k) in keys.iter().enumerate() {
        if let Some(cell) = sums.get_mut(*k as usize) {
            let vals = s
                .participants
                .iter()
                .filter_map(|col| col.get(i).copied().filter(|v| *v != NONE32));
            let (mut any, mut sum) = (false, 0u64);
            for v in vals {
                any = true;
                sum = sum.saturating_add(u64::from(v));
            }
            cell.n += 1;
            cell.has += u32::from(any);
            cell.sum = cell.sum.saturating_add(sum);
        }
    }
}

/// The grid from its cells (`sums[r * width + c]`, totals' slots empty): fills the row
/// and column totals and the grand total, as the general pass would have accumulated them.
/// Only `n`, `has` and `sum` are filled (`min` and `max` are read for the progress measures
/// only, which this pass does not cover). `None` when the grand total's sum saturated.
fn totals(mut sums: Vec<Sums>, rows: u64, cols: u64) -> Option<Grid> {
    let (r_len, c_len) = (usize::try_from(rows).ok()?, usize::try_from(cols).ok()?);
    let width = c_len + 1;
    let (inner, last) = sums.split_at_mut_checked(r_len.checked_mul(width)?)?;
    let mut grand = Sums::default();
    for row in inner.chunks_exact_mut(width) {
        let (cells, total) = row.split_at_mut(c_len);
        let t = cells.iter().fold(Sums::default(), |a, x| a.plus(*x));
        *total.first_mut()? = t;
        grand = grand.plus(t);
        for (c, x) in last.iter_mut().zip(cells.iter()) {
            *c = c.plus(*x);
        }
    }
    *last.get_mut(c_len)? = grand;
    if grand.sum == u64::MAX {
        // saturated somewhere: the general pass sums in 128 bits
        return None;
    }
    Grid::from_dense(rows, cols, sums.iter().map(|x| x.acc()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::matrix::store::{NONE16, RowValues, day_number};
    use crate::pivot::spec::{Dim, PeriodUnit};
    use proptest::prelude::*;

    /// A row of [`store`]: country, axis or none, day offset, status, participants or none,
    /// approved.
    type Row = (u16, Option<u16>, i32, u8, [Option<u32>; 5], bool);

    /// A store of `rows`.
    fn store(rows: &[Row]) -> Store {
        let mut s = Store::default();
        for c in ["MEX", "GTM", "HND"] {
            s.countries.intern(c, 100);
        }
        for a in ["VCM", "EMP"] {
            s.axes.intern(a, 100);
        }
        let day0 = chrono::NaiveDate::from_ymd_opt(2023, 11, 20).map_or(0, day_number);
        for (i, (country, axis, day, status, people, approved)) in rows.iter().enumerate() {
            let inst = format!("I{}", i % 4);
            let r = RowValues {
                country: *country,
                institution: &inst,
                reported_on: day0 + day,
                axis: axis.unwrap_or(NONE16),
                status: *status,
                participants: people.map(|p| p.unwrap_or(NONE32)),
                approved: *approved,
                ..RowValues::default()
            };
            assert!(s.push(&r));
        }
        s
    }

    fn row() -> impl Strategy<Value = Row> {
        let people = proptest::option::of(prop_oneof![0u32..50, Just(u32::MAX - 1)]);
        (
            0u16..3,
            proptest::option::of(0u16..2),
            0i32..800,
            0u8..3,
            [
                people.clone(),
                people.clone(),
                people.clone(),
                people.clone(),
                people,
            ],
            any::<bool>(),
        )
    }

    proptest! {
        /// The specialised pass fills the grid exactly as the general pass: every slot's
        /// entries, entries with a value and sum, totals included.
        #[test]
        fn same_grid_as_the_general_pass(
            rows in proptest::collection::vec(row(), 0..60),
            layout in 0usize..4,
            measure in prop_oneof![
                Just(Measure::Count),
                Just(Measure::Participants),
                Just(Measure::ParticipantsWomen),
                Just(Measure::ParticipantsUnspecified),
            ],
            approved_only in any::<bool>(),
        ) {
            let s = store(&rows);
            let cat = Catalog::embedded();
            let (r, c): (&[Dim], &[Dim]) = match layout {
                0 => (&[Dim::Country], &[Dim::Axis, Dim::Period]),
                1 => (&[Dim::Status, Dim::Country], &[Dim::Institution]),
                2 => (&[Dim::CongressCycle], &[Dim::Axis, Dim::EntryType]),
                _ => (&[Dim::Period], &[Dim::Country]),
            };
            let keep = approved_only.then_some(s.approved.as_slice());
            let unit = PeriodUnit::Quarter;
            let rows = Side::new(r, &s, &cat, unit, keep).unwrap();
            let cols = Side::new(c, &s, &cat, unit, keep).unwrap();
            let fast = accumulate(&s, keep, measure, &rows, &cols).unwrap();
            let general = super::super::compute::accumulate(&s, keep, measure, &rows, &cols)
                .unwrap()
                .grid;
            for key in 0..(rows.slots + 1) * (cols.slots + 1) {
                let (a, b) = (fast.get(key), general.get(key));
                prop_assert_eq!((a.n, a.has, a.sum), (b.n, b.has, b.sum));
            }
            prop_assert_eq!(fast.used_rows(), general.used_rows());
            prop_assert_eq!(fast.used_cols(), general.used_cols());
        }
    }

    #[test]
    fn general_pass_for_what_it_does_not_cover() {
        let s = store(&[(0, Some(1), 3, 0, [Some(1); 5], true)]);
        let cat = Catalog::embedded();
        let side = |d: &[Dim]| Side::new(d, &s, &cat, PeriodUnit::Year, None).unwrap();
        let (country, axis) = (side(&[Dim::Country]), side(&[Dim::Axis]));
        assert!(accumulate(&s, None, Measure::Count, &country, &axis).is_some());
        assert!(accumulate(&s, None, Measure::MeanProgress, &country, &axis).is_none());
        assert!(accumulate(&s, None, Measure::Count, &country, &side(&[Dim::Stage])).is_none());
        // A filter shorter than the store (the general pass drops the entries it misses).
        assert!(accumulate(&s, Some(&[]), Measure::Count, &country, &axis).is_none());
        assert!(accumulate(&s, Some(&[false]), Measure::Count, &country, &axis).is_some());
        // Sums beyond exact f64 integers: the same whole numbers as the general pass.
        let big: Vec<_> = (0..500_000)
            .map(|_| (0, None, 0, 0, [Some(u32::MAX - 1); 5], false))
            .collect();
        let s = store(&big);
        let side = |d: &[Dim]| Side::new(d, &s, &cat, PeriodUnit::Year, None).unwrap();
        let (country, axis) = (side(&[Dim::Country]), side(&[Dim::Axis]));
        let fast = accumulate(&s, None, Measure::Participants, &country, &axis).unwrap();
        let general =
            super::super::compute::accumulate(&s, None, Measure::Participants, &country, &axis)
                .unwrap()
                .grid;
        let grand = |g: &Grid| g.get(g.key(country.slots, axis.slots)).sum;
        assert_eq!(grand(&fast), 500_000 * 5 * u128::from(u32::MAX - 1));
        assert_eq!(grand(&fast), grand(&general));
    }
}
