//! The accumulators of a pivot: one per (row slot, column slot), totals included, in a
//! dense array for small tables and a hash map for large sparse ones.

use crate::Error;
use crate::Result;
use crate::matrix::store::FxMap;

/// Above this many grid slots (rows x columns, totals included) accumulators go in a hash
/// map instead of a dense array.
const DENSE_LIMIT: u64 = 1 << 20;

/// Count, count of values, sum, min and max of the entries of one slot.
#[derive(Debug, Clone, Copy)]
pub(super) struct Acc {
    /// Entries.
    pub n: u64,
    /// Entries with a value.
    pub has: u64,
    /// Sum of the values as whole numbers: read for the participant measures only, whose
    /// values are whole (progress sums are exact sums kept beside the grid).
    pub sum: u128,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            n: 0,
            has: 0,
            sum: 0,
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
            // Exact for whole values below 2^128 (participants: below 2^35 per entry).
            self.sum = self.sum.saturating_add(v as u128);
            self.min = self.min.min(v);
            self.max = self.max.max(v);
        }
    }
}

/// Accumulators for every (row slot, col slot), totals at index `rows` / `cols`.
pub(super) struct Grid {
    width: u64,
    /// Row slots (the total row's index).
    rows: u64,
    /// Column slots (the total column's index).
    cols: u64,
    dense: Vec<Acc>,
    sparse: FxMap<u64, Acc>,
    pub is_dense: bool,
}

impl Grid {
    /// A grid of `rows` x `cols` slots plus a total row and column.
    pub fn new(rows: u64, cols: u64) -> Result<Grid> {
        let width = cols + 1;
        let size = (rows + 1).checked_mul(width).ok_or_else(too_large)?;
        let is_dense = size <= DENSE_LIMIT;
        Ok(Grid {
            width,
            rows,
            cols,
            dense: if is_dense {
                vec![Acc::default(); usize::try_from(size).map_err(|_| too_large())?]
            } else {
                Vec::new()
            },
            sparse: FxMap::default(),
            is_dense,
        })
    }

    /// A dense grid of `rows` x `cols` slots plus totals from its accumulators, in key
    /// order; `None` when `accs` has not exactly that many.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the specialised pass only
    pub fn from_dense(rows: u64, cols: u64, accs: Vec<Acc>) -> Option<Grid> {
        let width = cols.checked_add(1)?;
        let size = rows.checked_add(1)?.checked_mul(width)?;
        (size <= DENSE_LIMIT && u64::try_from(accs.len()).ok()? == size).then(|| Grid {
            width,
            rows,
            cols,
            dense: accs,
            sparse: FxMap::default(),
            is_dense: true,
        })
    }

    /// Whether a grid of `rows` x `cols` slots plus totals is held in a dense array.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the specialised pass only
    pub fn would_be_dense(rows: u64, cols: u64) -> bool {
        (rows + 1)
            .checked_mul(cols + 1)
            .is_some_and(|size| size <= DENSE_LIMIT)
    }

    /// The key of slot (`r`, `c`); `r == rows` / `c == cols` are the totals.
    #[inline]
    pub fn key(&self, r: u64, c: u64) -> u64 {
        r * self.width + c
    }

    /// The (row, column) of a key.
    fn split(&self, key: u64) -> (u64, u64) {
        (key / self.width, key % self.width)
    }

    /// Adds an entry (with its value, if any) to slot `key`.
    #[inline]
    pub fn add(&mut self, key: u64, v: Option<f64>) {
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

    /// The accumulator of slot `key` (empty when nothing was added).
    pub fn get(&self, key: u64) -> Acc {
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

    /// The row slots with at least one entry, in slot order.
    pub fn used_rows(&self) -> Vec<u64> {
        self.used(true)
    }

    /// The column slots with at least one entry, in slot order.
    pub fn used_cols(&self) -> Vec<u64> {
        self.used(false)
    }

    /// The slots of one side (`rows`, else columns) with at least one entry, in slot order:
    /// those whose total (against the other side's total slot) counted an entry.
    fn used(&self, rows: bool) -> Vec<u64> {
        let (len, other_total) = if rows {
            (self.rows, self.cols)
        } else {
            (self.cols, self.rows)
        };
        // (slot, other side's slot) -> (row, col), and back
        let orient = |a: u64, b: u64| if rows { (a, b) } else { (b, a) };
        if self.is_dense {
            return (0..len)
                .filter(|s| {
                    let (r, c) = orient(*s, other_total);
                    self.get(self.key(r, c)).n > 0
                })
                .collect();
        }
        let mut u: Vec<u64> = self
            .sparse
            .iter()
            .filter(|(_, a)| a.n > 0)
            .filter_map(|(k, _)| {
                let (r, c) = self.split(*k);
                let (slot, other) = orient(r, c);
                (other == other_total && slot != len).then_some(slot)
            })
            .collect();
        u.sort_unstable();
        u
    }

    /// The inner (not total) slots with at least one entry, as (key, row slot, col slot),
    /// in no particular order. Only for a sparse grid (a dense one is walked by keys).
    pub fn sparse_cells(&self) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        self.sparse.iter().filter_map(|(key, acc)| {
            let (r, c) = self.split(*key);
            (acc.n > 0 && r != self.rows && c != self.cols).then_some((*key, r, c))
        })
    }
}

/// The error of a table with too many slots.
pub(super) fn too_large() -> Error {
    Error::limit(
        "pivot table slots (product of the dimensions' sizes)",
        u64::from(u32::MAX),
        None,
    )
}
