//! The aggregation: one pass over the columnar store, cells and totals accumulated side by
//! side. Totals come from the entries themselves: an entry that falls into several rows (a
//! multi-valued dimension) is counted once in its column total and in the grand total.
//!
//! The accumulators are in [`super::grid`], the dimensions and their labels in
//! [`super::dims`], the calendar (periods, congress cycles) in [`crate::calendar`].

use super::dims::{DimCtx, Scratch, SortKey, decode, slots, strides};
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
type SortedKey = (Vec<SortKey>, u64, Key);

/// Everything one pass over the entries accumulates.
pub(super) struct Accumulated {
    pub grid: Grid,
    measure: Measure,
    /// Distinct countries or institutions per slot.
    distinct_n: FxMap<u64, u64>,
    /// Per slot: sum and count of the latest progress of each activity.
    last_mean: FxMap<u64, (f64, u64)>,
}

impl Accumulated {
    /// The measure's value and the entry count of slot `g`.
    fn value(&self, g: u64) -> Total {
        let a = self.grid.get(g);
        let v = match self.measure {
            Measure::Count => Some(a.n as f64),
            Measure::DistinctCountries | Measure::DistinctInstitutions => {
                Some(self.distinct_n.get(&g).copied().unwrap_or(0) as f64)
            }
            Measure::MeanProgress => (a.has > 0).then(|| a.sum / a.has as f64),
            Measure::MinProgress => (a.has > 0).then_some(a.min),
            Measure::MaxProgress => (a.has > 0).then_some(a.max),
            Measure::LastProgress => self
                .last_mean
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
            s.progress.get(i).copied().filter(|p| !p.is_nan())
        }
        _ => None,
    }
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
    // (group, activity) -> (day, entry, progress) of the latest report with a progress.
    let mut last: FxMap<(u64, u64), (i32, usize, f64)> = FxMap::default();
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
                for g in groups {
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
    Ok(Accumulated {
        grid,
        measure,
        distinct_n,
        last_mean,
    })
}

/// The non-empty cells, in (row, column) order.
fn cells(acc: &Accumulated, row_keys: &[SortedKey], col_keys: &[SortedKey]) -> Vec<Cell> {
    let grid = &acc.grid;
    let cell = |ri: usize, ci: usize, t: Total| Cell {
        row: ri,
        col: ci,
        value: t.value,
        entries: t.entries,
        suppressed: false,
        reason: None,
    };
    let mut cells = Vec::new();
    if grid.is_dense {
        for (ri, (_, r, _)) in row_keys.iter().enumerate() {
            for (ci, (_, c, _)) in col_keys.iter().enumerate() {
                let t = acc.value(grid.key(*r, *c));
                if t.entries > 0 {
                    cells.push(cell(ri, ci, t));
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
            cells.push(cell(*ri, *ci, acc.value(key)));
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    cells
}

/// Runs the pivot.
pub(crate) fn pivot(
    s: &Store,
    cat: &Catalog,
    version: &str,
    spec: &PivotSpec,
) -> Result<PivotTable> {
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
            distinct_n: FxMap::default(),
            last_mean: FxMap::default(),
        },
        None => accumulate(s, keep, spec.measure, &rows, &cols)?,
    };
    let row_keys = rows.sorted_keys(acc.grid.used_rows(), s, cat, version);
    let col_keys = cols.sorted_keys(acc.grid.used_cols(), s, cat, version);
    let cells = cells(&acc, &row_keys, &col_keys);
    let grid = &acc.grid;
    let row_totals: Vec<Total> = row_keys
        .iter()
        .map(|(_, r, _)| acc.value(grid.key(*r, cols.slots)))
        .collect();
    let col_totals: Vec<Total> = col_keys
        .iter()
        .map(|(_, c, _)| acc.value(grid.key(rows.slots, *c)))
        .collect();
    let grand_total = acc.value(grid.key(rows.slots, cols.slots));
    let mut table = PivotTable {
        measure: spec.measure,
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
        pins: cat.pins_for(version),
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
