//! The aggregation: one pass over the columnar store, cells and totals accumulated side by
//! side. Totals come from the entries themselves: an entry that falls into several rows (a
//! multi-valued dimension) is counted once in its column total and in the grand total.
//!
//! The accumulators are in [`super::grid`], the dimensions and their labels in
//! [`super::dims`], the calendar (periods, congress cycles) in [`crate::calendar`].

use super::dims::{DimCtx, Scratch, SortKey, decode, slots, strides};
use super::exact::ExactSum;
use super::grid::Grid;
use super::spec::{Dim, Measure, PeriodUnit, PivotSpec};
use super::suppression;
use super::table::{Cell, Key, KeyPart, PivotTable, Total};
use crate::Result;
use crate::catalog::Catalog;
use crate::matrix::store::{FxMap, NONE32, Store};

/// One side of the table (rows or columns): its dimensions and slot layout.
pub(super) struct Side {
    pub dims: Vec<DimCtx>,
    pub strides: Vec<u64>,
    /// Number of slots (the totals' slot index).
    pub slots: u64,
}

impl Side {
    pub(super) fn new(
        dims: &[Dim],
        s: &Store,
        cat: &Catalog,
        unit: PeriodUnit,
        keep: Option<&[bool]>,
    ) -> Result<Self> {
        let dims: Vec<DimCtx> = dims
            .iter()
            .map(|d| DimCtx::new(*d, s, cat, unit, keep))
            .collect::<Result<_>>()?;
        let (strides, slots) = strides(&dims)?;
        Ok(Side {
            dims,
            strides,
            slots,
        })
    }

    /// The slot of entry `i` when every dimension is single-valued.
    #[inline]
    fn single(&self, s: &Store, i: usize) -> u64 {
        self.dims
            .iter()
            .zip(&self.strides)
            .map(|(d, st)| d.single(s, i) * st)
            .sum()
    }

    /// The used slots' keys, sorted by their labels' sort keys.
    fn sorted_keys(
        &self,
        used: Vec<u64>,
        s: &Store,
        cat: &Catalog,
        version: &str,
    ) -> Vec<SortedKey> {
        let mut out: Vec<SortedKey> = Vec::with_capacity(used.len());
        for slot in used {
            let ids = decode(&self.dims, &self.strides, slot);
            let (parts, sorts): (Vec<KeyPart>, Vec<_>) = self
                .dims
                .iter()
                .zip(ids)
                .map(|(d, id)| d.part(id, s, cat, version))
                .unzip();
            out.push((sorts, slot, parts));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// A key with its sort key and slot.
pub(super) type SortedKey = (Vec<SortKey>, u64, Key);

/// Everything one pass over the entries accumulates.
pub(super) struct Accumulated {
    pub grid: Grid,
    pub measure: Measure,
    /// (slot, country or institution id) for the distinct measures.
    pub distinct: FxMap<(u64, u32), ()>,
    /// (slot, activity) -> (day, progress) of the latest report with a progress; an
    /// activity at or above 2^32 is entry `activity - 2^32`, which has no activity id.
    pub last: FxMap<(u64, u64), (i32, f64)>,
    /// Per slot, the exact sum of the progress values (mean progress).
    pub psum: FxMap<u64, ExactSum>,
    /// Distinct ids per slot (from `distinct`, see [`Accumulated::reduce`]).
    distinct_n: FxMap<u64, u64>,
    /// Per slot: exact sum and count of the latest progress of each activity.
    last_sum: FxMap<u64, (ExactSum, u64)>,
}

/// The activity key of an entry without an activity id: its own activity.
pub(super) const LONE: u64 = 1 << 32;

impl Accumulated {
    /// Counts the distinct ids and sums the latest progress values per slot.
    fn reduce(&mut self) {
        for (g, _) in self.distinct.keys() {
            *self.distinct_n.entry(*g).or_default() += 1;
        }
        for ((g, _), (_, p)) in &self.last {
            let e = self.last_sum.entry(*g).or_default();
            e.0.add(*p);
            e.1 += 1;
        }
    }

    /// What slot `g` holds, once [`Accumulated::reduce`] has run.
    fn agg(&self, g: u64) -> Agg {
        let a = self.grid.get(g);
        let mut out = Agg {
            n: a.n,
            has: a.has,
            sum: a.sum,
            min: a.min,
            max: a.max,
            ..Agg::default()
        };
        match self.measure {
            Measure::DistinctCountries | Measure::DistinctInstitutions => {
                out.k = self.distinct_n.get(&g).copied().unwrap_or(0);
            }
            Measure::LastProgress => {
                if let Some((sum, k)) = self.last_sum.get(&g) {
                    out.exact = sum.clone();
                    out.k = *k;
                }
            }
            Measure::MeanProgress => {
                if let Some(sum) = self.psum.get(&g) {
                    out.exact = sum.clone();
                }
            }
            _ => {}
        }
        out
    }
}

/// What a slot holds, reduced to what its value is computed from: the same from one pass
/// over a matrix and from merged partials, so that both give the same table.
#[derive(Debug, Clone)]
pub(super) struct Agg {
    /// Entries.
    pub n: u64,
    /// Entries with a value.
    pub has: u64,
    /// Sum of whole values (participants).
    pub sum: u128,
    /// Exact sum of progress values (mean progress; latest progress per activity).
    pub exact: ExactSum,
    /// Distinct countries or institutions; activities for last progress.
    pub k: u64,
    /// Smallest and largest value.
    pub min: f64,
    pub max: f64,
}

impl Default for Agg {
    fn default() -> Self {
        Agg {
            n: 0,
            has: 0,
            sum: 0,
            exact: ExactSum::default(),
            k: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Agg {
    /// The measure's value and the entry count.
    pub fn total(&self, measure: Measure) -> Total {
        let v = match measure {
            Measure::Count => Some(self.n as f64),
            Measure::DistinctCountries | Measure::DistinctInstitutions => Some(self.k as f64),
            Measure::MeanProgress => (self.has > 0).then(|| self.exact.value() / self.has as f64),
            Measure::MinProgress => (self.has > 0).then_some(self.min),
            Measure::MaxProgress => (self.has > 0).then_some(self.max),
            Measure::LastProgress => (self.k > 0).then(|| self.exact.value() / self.k as f64),
            // rounded once, to nearest (ties to even), as `ExactSum` rounds
            _ => (self.has > 0).then_some(self.sum as f64),
        };
        Total {
            value: v,
            entries: self.n,
            suppressed: false,
        }
    }
}

/// Finds the grid slots of an entry, with scratch space kept across entries.
struct Placer {
    /// Whether every dimension is single-valued (one row slot, one column slot).
    all_single: bool,
    scratch: Scratch,
    rs: Vec<u64>,
    cs: Vec<u64>,
    /// The slots of the last entry placed.
    groups: Vec<u64>,
}

impl Placer {
    fn new(rows: &Side, cols: &Side) -> Self {
        Placer {
            all_single: !rows
                .dims
                .iter()
                .chain(&cols.dims)
                .any(|d| d.dim.multi_valued()),
            scratch: Scratch::default(),
            rs: Vec::new(),
            cs: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// Sets [`Placer::groups`] to the grid slots entry `i` counts in: its cells, its row and
    /// column totals, the grand total.
    fn place(&mut self, rows: &Side, cols: &Side, grid: &Grid, s: &Store, i: usize) {
        let groups = &mut self.groups;
        groups.clear();
        let (rprod, cprod) = (rows.slots, cols.slots);
        if self.all_single {
            // Common case: one row slot and one column slot, no scratch vectors.
            let (r, c) = (rows.single(s, i), cols.single(s, i));
            groups.extend([
                grid.key(r, c),
                grid.key(r, cprod),
                grid.key(rprod, c),
                grid.key(rprod, cprod),
            ]);
            return;
        }
        slots(
            &rows.dims,
            &rows.strides,
            s,
            i,
            &mut self.scratch,
            &mut self.rs,
        );
        slots(
            &cols.dims,
            &cols.strides,
            s,
            i,
            &mut self.scratch,
            &mut self.cs,
        );
        for r in &self.rs {
            for c in &self.cs {
                groups.push(grid.key(*r, *c));
            }
            groups.push(grid.key(*r, cprod));
        }
        for c in &self.cs {
            groups.push(grid.key(rprod, *c));
        }
        groups.push(grid.key(rprod, cprod));
    }
}

/// The value entry `i` adds to the accumulators of the measure, if any.
#[inline]
fn entry_value(s: &Store, i: usize, measure: Measure) -> Option<f64> {
    match (measure, measure.participant_slot()) {
        (_, Some(slot)) => participants(s, i, slot),
        (Measure::MeanProgress | Measure::MinProgress | Measure::MaxProgress, None) => {
            progress(s, i)
        }
        _ => None,
    }
}

/// The progress of entry `i`, if reported (`-0.0` read as `0.0`, so that the smallest and
/// largest value do not depend on the order of the entries).
#[inline]
fn progress(s: &Store, i: usize) -> Option<f64> {
    s.progress
        .get(i)
        .copied()
        .filter(|p| !p.is_nan())
        .map(|p| p + 0.0)
}

/// Whether a report (`day`, `value`) is later than `than`: the later day; on the same day
/// the larger value, so that the choice does not depend on the order of the entries (nor on
/// how they are split into partitions).
#[inline]
pub(super) fn later(day: i32, value: f64, than: (i32, f64)) -> bool {
    (day, value).partial_cmp(&than) == Some(std::cmp::Ordering::Greater)
}

/// The pass over the kept entries (the general one; see [`fast`] for the common case).
pub(super) fn accumulate(
    s: &Store,
    keep: Option<&[bool]>,
    measure: Measure,
    rows: &Side,
    cols: &Side,
) -> Result<Accumulated> {
    let mut grid = Grid::new(rows.slots, cols.slots)?;
    let mut distinct: FxMap<(u64, u32), ()> = FxMap::default();
    // (group, activity) -> (day, progress) of the latest report with a progress.
    let mut last: FxMap<(u64, u64), (i32, f64)> = FxMap::default();
    let mut psum: FxMap<u64, ExactSum> = FxMap::default();
    let mut placer = Placer::new(rows, cols);
    for i in 0..s.len() {
        if keep.is_some_and(|k| !k.get(i).copied().unwrap_or(false)) {
            continue;
        }
        let v = entry_value(s, i, measure);
        placer.place(rows, cols, &grid, s, i);
        let groups = &placer.groups;
        for g in groups {
            grid.add(*g, v);
        }
        match measure {
            Measure::MeanProgress => {
                if let Some(p) = v {
                    for g in groups {
                        psum.entry(*g).or_default().add(p);
                    }
                }
            }
            Measure::DistinctCountries | Measure::DistinctInstitutions => {
                let id = if measure == Measure::DistinctCountries {
                    u32::from(s.country.get(i).copied().unwrap_or(0))
                } else {
                    s.institution.get(i).copied().unwrap_or(0)
                };
                for g in groups {
                    distinct.insert((*g, id), ());
                }
            }
            Measure::LastProgress => {
                let Some(p) = progress(s, i) else {
                    continue;
                };
                let act = s.activity.get(i).copied().unwrap_or(NONE32);
                let act = if act == NONE32 {
                    LONE + i as u64
                } else {
                    u64::from(act)
                };
                let day = s.reported_on.get(i).copied().unwrap_or(0);
                for g in groups {
                    let e = last.entry((*g, act)).or_insert((day, p));
                    if later(day, p, *e) {
                        *e = (day, p);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Accumulated {
        grid,
        measure,
        distinct,
        last,
        psum,
        distinct_n: FxMap::default(),
        last_sum: FxMap::default(),
    })
}

/// The non-empty cells as (row index, column index, grid key), in (row, column) order.
pub(super) fn cell_slots(
    grid: &Grid,
    row_keys: &[SortedKey],
    col_keys: &[SortedKey],
) -> Vec<(usize, usize, u64)> {
    let mut cells = Vec::new();
    if grid.is_dense {
        for (ri, (_, r, _)) in row_keys.iter().enumerate() {
            for (ci, (_, c, _)) in col_keys.iter().enumerate() {
                let key = grid.key(*r, *c);
                if grid.get(key).n > 0 {
                    cells.push((ri, ci, key));
                }
            }
        }
        return cells;
    }
    // Sparse: walk the accumulated cells instead of every row x column pair.
    let rix: FxMap<u64, usize> = row_keys.iter().enumerate().map(|(i, k)| (k.1, i)).collect();
    let cix: FxMap<u64, usize> = col_keys.iter().enumerate().map(|(i, k)| (k.1, i)).collect();
    for (key, r, c) in grid.sparse_cells() {
        if let (Some(ri), Some(ci)) = (rix.get(&r), cix.get(&c)) {
            cells.push((*ri, *ci, key));
        }
    }
    cells.sort_by_key(|c| (c.0, c.1));
    cells
}

/// One pass over a matrix for a spec: its sides, accumulators and sorted keys.
pub(super) struct Pass {
    pub rows: Side,
    pub cols: Side,
    pub acc: Accumulated,
    pub row_keys: Vec<SortedKey>,
    pub col_keys: Vec<SortedKey>,
}

impl Pass {
    /// Checks `spec` and runs the pass over the entries it keeps.
    pub(super) fn run(s: &Store, cat: &Catalog, version: &str, spec: &PivotSpec) -> Result<Pass> {
        spec.check()?;
        // `None`: every entry.
        let keep: Option<&[bool]> = spec.approved_only.then_some(s.approved.as_slice());
        let unit = spec.period.unwrap_or_default();
        let rows = Side::new(&spec.rows, s, cat, unit, keep)?;
        let cols = Side::new(&spec.cols, s, cat, unit, keep)?;
        #[cfg(not(target_arch = "wasm32"))]
        let fast = super::fast::accumulate(s, keep, spec.measure, &rows, &cols);
        #[cfg(target_arch = "wasm32")]
        let fast = None;
        let acc = match fast {
            Some(grid) => Accumulated {
                grid,
                measure: spec.measure,
                distinct: FxMap::default(),
                last: FxMap::default(),
                psum: FxMap::default(),
                distinct_n: FxMap::default(),
                last_sum: FxMap::default(),
            },
            None => accumulate(s, keep, spec.measure, &rows, &cols)?,
        };
        let row_keys = rows.sorted_keys(acc.grid.used_rows(), s, cat, version);
        let col_keys = cols.sorted_keys(acc.grid.used_cols(), s, cat, version);
        Ok(Pass {
            rows,
            cols,
            acc,
            row_keys,
            col_keys,
        })
    }

    /// The grid keys of the row totals, the column totals and the grand total.
    pub(super) fn total_slots(&self) -> (Vec<u64>, Vec<u64>, u64) {
        let grid = &self.acc.grid;
        let rows = self
            .row_keys
            .iter()
            .map(|(_, r, _)| grid.key(*r, self.cols.slots))
            .collect();
        let cols = self
            .col_keys
            .iter()
            .map(|(_, c, _)| grid.key(self.rows.slots, *c))
            .collect();
        (rows, cols, grid.key(self.rows.slots, self.cols.slots))
    }
}

/// Runs the pivot.
pub(crate) fn pivot(
    s: &Store,
    cat: &Catalog,
    version: &str,
    spec: &PivotSpec,
) -> Result<PivotTable> {
    let mut pass = Pass::run(s, cat, version, spec)?;
    pass.acc.reduce();
    let m = spec.measure;
    let acc = &pass.acc;
    let cells = cell_slots(&acc.grid, &pass.row_keys, &pass.col_keys)
        .into_iter()
        .map(|(row, col, key)| cell(row, col, acc.agg(key).total(m)))
        .collect();
    let (rt, ct, gt) = pass.total_slots();
    let row_totals = rt.iter().map(|g| acc.agg(*g).total(m)).collect();
    let col_totals = ct.iter().map(|g| acc.agg(*g).total(m)).collect();
    let grand_total = acc.agg(gt).total(m);
    let Pass {
        row_keys, col_keys, ..
    } = pass;
    let lines = Lines {
        rows: row_keys.into_iter().map(|(_, _, k)| k).collect(),
        cols: col_keys.into_iter().map(|(_, _, k)| k).collect(),
        cells,
        row_totals,
        col_totals,
        grand_total,
    };
    table(spec, cat.pins_for(version), lines)
}

/// A cell of a table before disclosure control.
pub(super) fn cell(row: usize, col: usize, t: Total) -> Cell {
    Cell {
        row,
        col,
        value: t.value,
        entries: t.entries,
        suppressed: false,
        reason: None,
    }
}

/// The keys, cells and totals of a table, keys sorted.
pub(super) struct Lines {
    pub rows: Vec<Key>,
    pub cols: Vec<Key>,
    /// Non-empty cells, row-major.
    pub cells: Vec<Cell>,
    pub row_totals: Vec<Total>,
    pub col_totals: Vec<Total>,
    pub grand_total: Total,
}

/// The table of `lines`, with the disclosure control of `spec` applied (once, here).
pub(super) fn table(
    spec: &PivotSpec,
    pins: crate::diagnostic::Pins,
    lines: Lines,
) -> Result<PivotTable> {
    let mut table = PivotTable {
        measure: spec.measure,
        row_dims: spec.rows.clone(),
        col_dims: spec.cols.clone(),
        period: spec.period.unwrap_or_default(),
        rows: lines.rows,
        cols: lines.cols,
        cells: lines.cells,
        row_totals: lines.row_totals,
        col_totals: lines.col_totals,
        grand_total: lines.grand_total,
        suppress_below: spec.suppress_below,
        exposed: Vec::new(),
        audit: None,
        approved_only: spec.approved_only,
        pins,
    };
    if let Some(p) = &spec.protection {
        table.protect(p)?;
    } else if let Some(k) = spec.suppress_below.filter(|k| *k > 0) {
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
