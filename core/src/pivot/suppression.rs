//! Disclosure control for counts of people, as `Matrix::pivot` applies it.
//!
//! Primary suppression: a cell with `0 < value < k` is withheld. Secondary suppression is
//! chosen so that the table passes an **audit**: for each primary cell, the values that the
//! published cells and totals still allow (counts never negative) span at least `k` above
//! its value and down to `max(0, value - k)`. The old rule (every row and column with
//! either none or at least two withheld cells) did not: chains of rows and columns could
//! pin a withheld cell exactly. See [`Protection`] for the settings and
//! the algorithm, and [`PivotTable::audit`](super::PivotTable::audit) for the check.

use super::Protection;
use super::table::PivotTable;
use crate::Result;

/// Protects `table` with threshold `k` and protection levels `k` (the pivot's
/// `suppress_below`).
pub(crate) fn apply(table: &mut PivotTable, k: u64) -> Result<()> {
    table.protect(&Protection::new(k))
}
