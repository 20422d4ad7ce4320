//! Disclosure control for counts of people.
//!
//! Primary suppression: a cell with `0 < value < k` is withheld. Secondary suppression: a
//! row or column with exactly one withheld cell would let anyone recompute it from the
//! published (exact) total, so a second cell of that line is withheld: the smallest non-zero
//! visible cell, else a zero cell. Each new suppression can create the same problem in its
//! other line, so the passes repeat until nothing changes (at most one pass per cell). A line
//! whose only non-empty cell is withheld cannot be protected without hiding the total: it is
//! reported in [`PivotTable::exposed`](super::PivotTable::exposed).

use super::table::{Cell, Exposure, Suppression};

/// Applies primary and secondary suppression in place; returns the exposed lines.
pub(crate) fn suppress(cells: &mut [Cell], rows: usize, cols: usize, k: u64) -> Vec<Exposure> {
    #[allow(clippy::cast_precision_loss)]
    let k = k as f64;
    for c in cells.iter_mut() {
        if c.value.is_some_and(|v| v > 0.0 && v < k) {
            c.suppressed = true;
            c.reason = Some(Suppression::Primary);
        }
    }
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows];
    let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); cols];
    for (i, c) in cells.iter().enumerate() {
        if let Some(v) = by_row.get_mut(c.row) {
            v.push(i);
        }
        if let Some(v) = by_col.get_mut(c.col) {
            v.push(i);
        }
    }
    let mut exposed: Vec<Exposure> = Vec::new();
    loop {
        let mut changed = false;
        exposed.clear();
        for (line, groups) in [("row", &by_row), ("col", &by_col)] {
            for (index, members) in groups.iter().enumerate() {
                let hidden = members
                    .iter()
                    .filter(|i| cells.get(**i).is_some_and(|c| c.suppressed))
                    .count();
                if hidden != 1 {
                    continue;
                }
                // Smallest non-zero visible value first, zeros last.
                let pick = members
                    .iter()
                    .filter_map(|i| {
                        let c = cells.get(*i)?;
                        (!c.suppressed).then_some(())?;
                        c.value.map(|v| (v == 0.0, v, *i))
                    })
                    .min_by(|a, b| {
                        (a.0, a.1)
                            .partial_cmp(&(b.0, b.1))
                            .unwrap_or(std::cmp::Ordering::Equal)
                    });
                match pick.and_then(|(_, _, i)| cells.get_mut(i)) {
                    Some(c) => {
                        c.suppressed = true;
                        c.reason = Some(Suppression::Secondary);
                        changed = true;
                    }
                    None => exposed.push(Exposure {
                        line: line.to_owned(),
                        index,
                    }),
                }
            }
        }
        if !changed {
            break;
        }
    }
    for c in cells.iter_mut() {
        if c.suppressed {
            c.value = None;
        }
    }
    exposed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(values: &[&[Option<f64>]]) -> Vec<Cell> {
        let mut out = Vec::new();
        for (r, line) in values.iter().enumerate() {
            for (c, v) in line.iter().enumerate() {
                if let Some(v) = v {
                    out.push(Cell {
                        row: r,
                        col: c,
                        value: Some(*v),
                        entries: 1,
                        suppressed: false,
                        reason: None,
                    });
                }
            }
        }
        out
    }

    #[test]
    fn primary_and_secondary_in_rows_and_columns() {
        // 3 is below 5: primary. Its row and column each need a second suppression.
        let mut cells = grid(&[
            &[Some(3.0), Some(10.0), Some(20.0)],
            &[Some(8.0), Some(30.0), Some(40.0)],
            &[Some(9.0), Some(12.0), Some(50.0)],
        ]);
        let exposed = suppress(&mut cells, 3, 3, 5);
        assert!(exposed.is_empty());
        let state: Vec<(usize, usize, Option<Suppression>)> =
            cells.iter().map(|c| (c.row, c.col, c.reason)).collect();
        assert!(state.contains(&(0, 0, Some(Suppression::Primary))));
        // row 0: smallest other is 10 (col 1); column 0: smallest other is 8 (row 1)
        assert!(state.contains(&(0, 1, Some(Suppression::Secondary))));
        assert!(state.contains(&(1, 0, Some(Suppression::Secondary))));
        // then column 1 has (0,1) only -> 12 (row 2) ... until every line has 0 or >= 2
        for line in 0..3 {
            let r = cells
                .iter()
                .filter(|c| c.row == line && c.suppressed)
                .count();
            let c = cells
                .iter()
                .filter(|c| c.col == line && c.suppressed)
                .count();
            assert_ne!(r, 1, "row {line}");
            assert_ne!(c, 1, "col {line}");
        }
        assert!(
            cells
                .iter()
                .filter(|c| c.suppressed)
                .all(|c| c.value.is_none())
        );
    }

    #[test]
    fn a_lone_cell_is_exposed() {
        let mut cells = grid(&[&[Some(2.0)]]);
        let exposed = suppress(&mut cells, 1, 1, 5);
        assert_eq!(exposed.len(), 2);
        assert_eq!(cells[0].reason, Some(Suppression::Primary));
    }

    #[test]
    fn zero_cells_are_not_primary_but_can_be_secondary() {
        let mut cells = grid(&[&[Some(2.0), Some(0.0)], &[Some(7.0), Some(6.0)]]);
        suppress(&mut cells, 2, 2, 5);
        assert_eq!(cells[1].reason, Some(Suppression::Secondary));
        assert_eq!(cells[0].reason, Some(Suppression::Primary));
    }
}
