//! Calendar arithmetic shared by the pivot and the analyses: day numbers, reporting periods
//! (month, quarter, semester, year) and congress cycles.
//!
//! Dates are stored as day numbers (days from the common era, [`NO_DATE`] for none) so that
//! columns stay `i32`s; periods are numbered contiguously (`year * 4 + quarter0`, ...) so that
//! a range of periods is a range of integers.

use crate::catalog::Catalog;
use crate::pivot::PeriodUnit;
use chrono::{Datelike, NaiveDate};

/// The day number meaning "no date".
pub(crate) const NO_DATE: i32 = i32::MIN;

/// The day number of `d` (days from the common era).
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The date of day number `n` (`None` for [`NO_DATE`] or out of range).
pub(crate) fn from_day_number(n: i32) -> Option<NaiveDate> {
    if n == NO_DATE {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// The earliest and latest of `days`, `None` when there is none.
pub(crate) fn day_range(days: impl IntoIterator<Item = i32>) -> Option<(i32, i32)> {
    let (lo, hi) = days
        .into_iter()
        .fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    (lo <= hi).then_some((lo, hi))
}

/// The contiguous number of the period of `unit` containing day number `day` (0 for a day
/// that is not a date).
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

/// The code, Spanish label and English label of period `index` of `unit`
/// (`2024-Q1` / `2024-T1` / `2024-Q1`, `2024-S2` / `2024-S2` / `2024-H2`, ...).
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

/// The contiguous periods of `unit` from the one of the first day to the one of the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PeriodRange {
    /// The unit.
    pub unit: PeriodUnit,
    /// [`period_index`] of the first period.
    pub base: i64,
    /// Number of periods (at least 1).
    pub len: u64,
}

impl PeriodRange {
    /// The periods spanned by `days`; `None` when there is no day.
    pub(crate) fn spanning(unit: PeriodUnit, days: impl IntoIterator<Item = i32>) -> Option<Self> {
        let (lo, hi) = day_range(days)?;
        let base = period_index(unit, lo);
        let len = u64::try_from(period_index(unit, hi) - base + 1).ok()?;
        Some(PeriodRange { unit, base, len })
    }

    /// The position of the period of `day` in the range (`None` before the first).
    pub(crate) fn position(&self, day: i32) -> Option<u64> {
        u64::try_from(period_index(self.unit, day) - self.base).ok()
    }

    /// The code and labels of the period at `position` (see [`period_code`]).
    pub(crate) fn code(&self, position: i64) -> (String, String, String) {
        period_code(self.unit, self.base + position)
    }
}

/// The congress cycle boundaries: where the cycle of each edition whose date is known (to
/// the day, month or year: [`crate::Congress::held_on`]) starts, as a day number, with the
/// edition, in date order. A congress known only by its year starts its cycle on 1 January.
/// Editions with no known date are skipped: their entries fall in the cycle of the previous
/// edition.
pub(crate) fn cycle_bounds(cat: &Catalog) -> Vec<(i32, u16)> {
    let mut b: Vec<(i32, u16)> = cat
        .congresses()
        .iter()
        .filter_map(|c| c.held_on().map(|h| (day_number(h.from), c.edition)))
        .collect();
    b.sort_unstable();
    b
}

/// The cycle of day number `day` given [`cycle_bounds`]: 0 before the first dated congress,
/// `k` from the start of the `k`-th one on.
pub(crate) fn cycle_of(bounds: &[(i32, u16)], day: i32) -> u64 {
    bounds.partition_point(|b| b.0 <= day) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn periods_are_contiguous_and_coded() {
        assert_eq!(
            period_index(PeriodUnit::Quarter, day(2024, 4, 1)),
            2024 * 4 + 1
        );
        assert_eq!(period_code(PeriodUnit::Quarter, 2024 * 4 + 1).0, "2024-Q2");
        assert_eq!(period_code(PeriodUnit::Quarter, 2024 * 4 + 1).1, "2024-T2");
        assert_eq!(period_code(PeriodUnit::Semester, 2024 * 2 + 1).2, "2024-H2");
        assert_eq!(period_code(PeriodUnit::Month, 2024 * 12).0, "2024-01");
        assert_eq!(period_code(PeriodUnit::Year, 2024).0, "2024");
        assert_eq!(period_index(PeriodUnit::Month, NO_DATE), 0);
    }

    #[test]
    fn range_spans_first_to_last_period() {
        let days = [day(2024, 8, 1), day(2024, 1, 2)];
        let r = PeriodRange::spanning(PeriodUnit::Quarter, days).unwrap();
        assert_eq!(r.len, 3);
        assert_eq!(r.position(day(2024, 5, 5)), Some(1));
        assert_eq!(r.position(day(2023, 12, 31)), None);
        assert_eq!(r.code(2).0, "2024-Q3");
        assert_eq!(PeriodRange::spanning(PeriodUnit::Year, []), None);
        assert_eq!(day_range([3, 1, 2]), Some((1, 3)));
    }

    #[test]
    fn cycles_start_on_the_congress_day() {
        let bounds = [(10, 1), (20, 2)];
        assert_eq!(cycle_of(&bounds, 9), 0);
        assert_eq!(cycle_of(&bounds, 10), 1);
        assert_eq!(cycle_of(&bounds, 19), 1);
        assert_eq!(cycle_of(&bounds, 20), 2);
        assert_eq!(cycle_of(&bounds, 25), 2);
    }

    #[test]
    fn the_embedded_cycles_separate_ii_and_iii() {
        let b = cycle_bounds(&Catalog::embedded());
        assert_eq!(
            b,
            [
                (day(2018, 12, 18), 1),
                (day(2019, 12, 3), 2),
                (day(2021, 1, 1), 3),
                (day(2023, 7, 6), 5)
            ]
        );
        assert_eq!(cycle_of(&b, day(2020, 12, 31)), 2);
        assert_eq!(cycle_of(&b, day(2021, 1, 1)), 3);
    }
}
