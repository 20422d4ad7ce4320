//! A set of published quantities over "atoms" (the finest cells), turned into a network.
//!
//! Each published number is the sum of a set of atoms: a cell of the finest table is one
//! atom, a total or a cell of a coarser linked table is a larger set. When the sets split
//! into two laminar families (nested or disjoint within each family: rows with their
//! subtotals on one side, columns with theirs on the other), the equalities "published
//! number = sum of its atoms" are the flow-conservation equations of a network: one node
//! per set, one arc per distinct quantity. Its constraint matrix is totally unimodular, so
//! the linear-programming bounds of any quantity are integers and max-flow computes them
//! exactly. The split is found by two-colouring the graph of crossing sets (two sets cross
//! when they meet and neither contains the other); an odd cycle means no split exists.

use super::network::Flow;
use crate::{Error, Result};
use std::cmp::Reverse;
use std::collections::{BTreeMap, VecDeque};

/// One published number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    /// The atoms it adds up (any order; duplicates ignored).
    pub atoms: Vec<usize>,
    /// Its value when known: the true value (before publication) or the published one.
    pub value: Option<Flow>,
    /// Whether it is withheld.
    pub hidden: bool,
    /// Whether it is a cell (a total otherwise).
    pub cell: bool,
}

/// The network of a [`System`]: one arc per distinct quantity, plus one per atom and the
/// grand total (arc `0`, from the column side's root back to the row side's root).
#[derive(Debug, Clone)]
pub(crate) struct Net {
    /// Node count (`0` = row-side root, `1` = column-side root).
    pub nodes: usize,
    /// `(from, to)` of each arc.
    pub ends: Vec<(usize, usize)>,
    /// Arc of each quantity.
    pub arc_of: Vec<usize>,
    /// Quantities published on each arc (empty: an unpublished sum, free for the attacker).
    pub published: Vec<Vec<usize>>,
    /// The true (or a feasible) value of each arc, when known.
    pub value: Vec<Option<Flow>>,
}

/// The graph of crossing sets: `i` and `j` cross when they share an atom and neither
/// contains the other. Only sets that share an atom are compared (shared atoms are counted
/// through the sets of each atom), so the cost follows the number of atoms times the sets
/// of each, not the square of the number of totals. Neighbours in increasing order.
fn crossings(sets: &[Vec<usize>], atoms: usize) -> Vec<Vec<usize>> {
    let mut sets_of: Vec<Vec<usize>> = vec![Vec::new(); atoms];
    for (i, set) in sets.iter().enumerate() {
        for a in set {
            if let Some(v) = sets_of.get_mut(*a) {
                v.push(i);
            }
        }
    }
    let mut shared: Vec<usize> = vec![0; sets.len()];
    let mut met: Vec<usize> = Vec::new();
    let mut cross: Vec<Vec<usize>> = vec![Vec::new(); sets.len()];
    for (i, set) in sets.iter().enumerate() {
        for a in set {
            for &j in sets_of.get(*a).map_or(&[][..], Vec::as_slice) {
                if j > i
                    && let Some(n) = shared.get_mut(j)
                {
                    if *n == 0 {
                        met.push(j);
                    }
                    *n += 1;
                }
            }
        }
        met.sort_unstable();
        for j in met.drain(..) {
            let n = shared.get_mut(j).map_or(0, std::mem::take);
            // sets are distinct, so "neither contains the other" = the meet is smaller than both
            if n < set.len() && n < sets.get(j).map_or(0, Vec::len) {
                if let Some(c) = cross.get_mut(i) {
                    c.push(j);
                }
                if let Some(c) = cross.get_mut(j) {
                    c.push(i);
                }
            }
        }
    }
    cross
}

/// Builds the network of `quantities` over `atoms` atoms.
pub(crate) fn network(atoms: usize, quantities: &[Quantity]) -> Result<Net> {
    // distinct sets: singletons are atoms, the full set is the grand total
    let mut distinct: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut set_of: Vec<Option<usize>> = Vec::with_capacity(quantities.len());
    let mut single: Vec<Option<usize>> = Vec::with_capacity(quantities.len());
    for q in quantities {
        let mut s = q.atoms.clone();
        s.sort_unstable();
        s.dedup();
        if s.is_empty() || s.iter().any(|a| *a >= atoms) {
            return Err(Error::invalid_value(
                "table",
                None,
                "published numbers that each refer to a cell of the table",
            ));
        }
        single.push(if s.len() == 1 {
            s.first().copied()
        } else {
            None
        });
        if s.len() == 1 || s.len() == atoms {
            set_of.push(None);
            continue;
        }
        let next = sets.len();
        let id = *distinct.entry(s.clone()).or_insert(next);
        if id == next {
            sets.push(s);
        }
        set_of.push(Some(id));
    }
    let cross = crossings(&sets, atoms);
    // two-colour the crossing graph, lowest index first
    let mut side: Vec<Option<bool>> = vec![None; sets.len()];
    for start in 0..sets.len() {
        if side.get(start).copied().flatten().is_some() {
            continue;
        }
        if let Some(s) = side.get_mut(start) {
            *s = Some(false);
        }
        let mut queue = VecDeque::from([start]);
        while let Some(u) = queue.pop_front() {
            let su = side.get(u).copied().flatten().unwrap_or(false);
            for &v in cross.get(u).map_or(&[][..], Vec::as_slice) {
                match side.get(v).copied().flatten() {
                    None => {
                        if let Some(s) = side.get_mut(v) {
                            *s = Some(!su);
                        }
                        queue.push_back(v);
                    }
                    Some(sv) if sv == su => {
                        return Err(Error::invalid_value(
                            "tables",
                            None,
                            "the published totals do not form two hierarchies (rows and \
                                     columns, each with nested subtotals); the audit handles only \
                                     such tables",
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    // nodes: 0 = row root, 1 = column root, then one per set
    let node = |s: usize| s + 2;
    let mut ends: Vec<(usize, usize)> = vec![(1, 0)]; // grand total
    let mut set_arc: Vec<usize> = vec![0; sets.len()];
    let mut own_rows: Vec<Option<usize>> = vec![None; atoms];
    let mut own_cols: Vec<Option<usize>> = vec![None; atoms];
    for family in [false, true] {
        let mut order: Vec<usize> = (0..sets.len())
            .filter(|s| side.get(*s).copied().flatten() == Some(family))
            .collect();
        order.sort_by_key(|s| (Reverse(sets.get(*s).map_or(0, Vec::len)), *s));
        let own = if family { &mut own_cols } else { &mut own_rows };
        for s in order {
            let members = sets.get(s).map_or(&[][..], Vec::as_slice);
            let parent = members
                .first()
                .and_then(|a| own.get(*a).copied().flatten())
                .map_or(usize::from(family), node);
            if let Some(a) = set_arc.get_mut(s) {
                *a = ends.len();
            }
            ends.push(if family {
                (node(s), parent)
            } else {
                (parent, node(s))
            });
            for a in members {
                if let Some(o) = own.get_mut(*a) {
                    *o = Some(s);
                }
            }
        }
    }
    let first_atom = ends.len();
    for (r, c) in own_rows.iter().zip(&own_cols) {
        ends.push((r.map_or(0, node), c.map_or(1, node)));
    }
    let mut arc_of = Vec::with_capacity(quantities.len());
    let mut published: Vec<Vec<usize>> = vec![Vec::new(); ends.len()];
    for (qi, (s, one)) in set_of.iter().zip(&single).enumerate() {
        // a set of one atom is that atom's arc (also when it is the whole table)
        let arc = match (s, one) {
            (Some(s), _) => set_arc.get(*s).copied().unwrap_or(0),
            (None, Some(a)) => first_atom + a,
            (None, None) => 0,
        };
        arc_of.push(arc);
        if let Some(p) = published.get_mut(arc) {
            p.push(qi);
        }
    }
    // values: from the atoms when every atom is known, otherwise from what is published
    let atom_value: Vec<Option<Flow>> = (0..atoms)
        .map(|a| {
            published
                .get(first_atom + a)
                .and_then(|qs| qs.iter().find_map(|q| quantities.get(*q)?.value))
        })
        .collect();
    let mut value: Vec<Option<Flow>> = published
        .iter()
        .map(|qs| qs.iter().find_map(|q| quantities.get(*q)?.value))
        .collect();
    if atom_value.iter().all(Option::is_some) {
        let sum = |set: &[usize]| -> Flow {
            set.iter()
                .filter_map(|a| atom_value.get(*a).copied().flatten())
                .sum()
        };
        if let Some(v) = value.get_mut(0) {
            *v = Some(atom_value.iter().flatten().sum());
        }
        for (s, set) in sets.iter().enumerate() {
            if let Some(v) = set_arc.get(s).and_then(|a| value.get_mut(*a)) {
                *v = Some(sum(set));
            }
        }
    }
    Ok(Net {
        nodes: sets.len() + 2,
        ends,
        arc_of,
        published,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(atoms: &[usize], value: i128) -> Quantity {
        Quantity {
            atoms: atoms.to_vec(),
            value: Some(value),
            hidden: false,
            cell: atoms.len() == 1,
        }
    }

    #[test]
    fn a_two_by_two_table_is_a_network() {
        // cells 0 1 / 2 3, rows {0,1} {2,3}, cols {0,2} {1,3}, grand
        let qs = vec![
            q(&[0], 1),
            q(&[1], 2),
            q(&[2], 3),
            q(&[3], 4),
            q(&[0, 1], 3),
            q(&[2, 3], 7),
            q(&[0, 2], 4),
            q(&[1, 3], 6),
            q(&[0, 1, 2, 3], 10),
        ];
        let net = network(4, &qs).unwrap();
        assert_eq!(net.nodes, 6);
        assert_eq!(net.ends.len(), 1 + 4 + 4);
        assert_eq!(net.arc_of[8], 0);
        assert_eq!(net.value[0], Some(10));
        // conservation at every node
        for v in 0..net.nodes {
            let mut bal = 0;
            for (i, (f, t)) in net.ends.iter().enumerate() {
                let x = net.value[i].unwrap();
                if *t == v {
                    bal += x;
                }
                if *f == v {
                    bal -= x;
                }
            }
            assert_eq!(bal, 0, "node {v}");
        }
    }

    #[test]
    fn three_crossing_families_are_refused() {
        // a 2x2x2 cube with all three 2-D margins of one line: {0,1},{0,2},{0,4}... crossing
        // triangle {0,1} x {1,2} x {0,2}
        let qs = vec![q(&[0, 1], 1), q(&[1, 2], 1), q(&[0, 2], 1), q(&[0], 1)];
        let e = network(4, &qs).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        let e = network(2, &[q(&[0, 5], 1)]).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
    }

    #[test]
    fn crossing_sets_are_the_ones_that_meet_without_nesting() {
        // rows {0,1} {2,3}, a subtotal {0} ... as sets: columns {0,2} {1,3}, a row
        // subtotal {0,1,4} containing row {0,1}, and a set {4,5} disjoint from the rows
        let sets = vec![
            vec![0, 1],
            vec![2, 3],
            vec![0, 2],
            vec![1, 3],
            vec![0, 1, 4],
            vec![4, 5],
        ];
        let cross = crossings(&sets, 6);
        assert_eq!(cross[0], [2, 3]); // meets both columns, contained in set 4: no crossing
        assert_eq!(cross[1], [2, 3]);
        assert_eq!(cross[2], [0, 1, 4]);
        assert_eq!(cross[3], [0, 1, 4]);
        assert_eq!(cross[4], [2, 3, 5]); // {0,1,4} and {4,5} meet in 4 only
        assert_eq!(cross[5], [4]);
        // a set that equals the meet on one side is contained, not crossing
        assert_eq!(
            crossings(&[vec![0], vec![0, 1]], 2),
            [vec![], vec![]] as [Vec<usize>; 2]
        );
    }
}
