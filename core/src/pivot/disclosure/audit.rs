//! The attacker's intervals: for each withheld arc of the network, the smallest and the
//! largest value of that arc over every non-negative table consistent with what is
//! published.
//!
//! From a feasible point `x` (the true table, or any table matching the published numbers),
//! a withheld arc `e = (u, v)` can grow by exactly the maximum flow from `v` to `u` in the
//! residual network without `e` (every change of a feasible table is a sum of cycles; those
//! through `e` forwards are paths back from `v` to `u`), and shrink by the maximum flow from
//! `u` to `v`, at most `x[e]`. Published arcs are fixed (no residual capacity); withheld
//! arcs can grow without limit and shrink to zero. All integers: the bounds are exact.

use super::network::{Flow, Graph, INF, feasible_circulation};
use super::system::Net;
use crate::{Error, Result};

/// A table consistent with the published values (`x` from the net's values when every arc
/// is known, else a feasible circulation). `free` flags the withheld or unpublished arcs.
pub(crate) fn point(net: &Net, free: &[bool]) -> Result<Vec<Flow>> {
    let inconsistent = || Error::InvalidValue {
        field: "table".into(),
        path: String::new(),
        value: None,
        expected: "published numbers that some table of non-negative counts matches (these \
                   are inconsistent)"
            .into(),
        suggestion: None,
    };
    if net.value.iter().all(Option::is_some) {
        let x: Vec<Flow> = net.value.iter().map(|v| v.unwrap_or(0)).collect();
        if x.iter().any(|v| *v < 0) || !balanced(net, &x) {
            return Err(inconsistent());
        }
        return Ok(x);
    }
    let mut lo = Vec::with_capacity(free.len());
    let mut hi = Vec::with_capacity(free.len());
    for (f, v) in free.iter().zip(&net.value) {
        match (f, v) {
            (true, _) => {
                lo.push(0);
                hi.push(INF);
            }
            (false, Some(v)) => {
                lo.push(*v);
                hi.push(*v);
            }
            (false, None) => return Err(inconsistent()),
        }
    }
    feasible_circulation(net.nodes, &net.ends, &lo, &hi).ok_or_else(inconsistent)
}

/// Whether `x` satisfies conservation at every node.
fn balanced(net: &Net, x: &[Flow]) -> bool {
    let mut bal: Vec<Flow> = vec![0; net.nodes];
    for ((from, to), v) in net.ends.iter().zip(x) {
        if let Some(b) = bal.get_mut(*to) {
            *b += v;
        }
        if let Some(b) = bal.get_mut(*from) {
            *b -= v;
        }
    }
    bal.iter().all(|b| *b == 0)
}

/// The withheld part of the network: the only arcs an attacker can move (published arcs
/// are fixed, so they have no residual capacity and are left out). Withheld arcs can grow
/// without limit and shrink to zero from the feasible point `x`. Usually a few hundred arcs
/// out of thousands, so each interval costs a max flow on a small graph.
pub(crate) struct Withheld<'a> {
    net: &'a Net,
    graph: Graph,
    /// Residual capacities at `x`: `[INF, x[arc]]` per withheld arc.
    base: Vec<Flow>,
    /// The network arc of each withheld arc, increasing.
    arcs: Vec<usize>,
    /// Value of every network arc at the feasible point.
    x: &'a [Flow],
}

impl<'a> Withheld<'a> {
    /// The arcs flagged in `free` (withheld or unpublished), at the feasible point `x`.
    pub(crate) fn new(net: &'a Net, free: &[bool], x: &'a [Flow]) -> Withheld<'a> {
        let mut ends = Vec::new();
        let mut arcs = Vec::new();
        let mut base = Vec::new();
        for (i, pair) in net.ends.iter().enumerate() {
            if free.get(i).copied().unwrap_or(false) {
                ends.push(*pair);
                arcs.push(i);
                base.extend([INF, x.get(i).copied().unwrap_or(0)]);
            }
        }
        Withheld {
            net,
            graph: Graph::new(net.nodes, &ends),
            base,
            arcs,
            x,
        }
    }

    /// Publishes arc `e` (`published`: it no longer moves) or withholds it again; only for
    /// an arc this was built with. Cheaper than building anew, and the same flows: an arc
    /// without capacity is never traversed.
    pub(crate) fn set_published(&mut self, e: usize, published: bool) {
        if let Ok(i) = self.arcs.binary_search(&e) {
            let room = if published {
                [0, 0]
            } else {
                [INF, self.x.get(e).copied().unwrap_or(0)]
            };
            for (k, c) in room.into_iter().enumerate() {
                if let Some(b) = self.base.get_mut(2 * i + k) {
                    *b = c;
                }
            }
        }
    }

    /// How far arc `e` can move with every other withheld arc free, at most `limit`:
    /// up (`grow`), the maximum flow from its head back to its tail in the residual network
    /// without `e`, or down, from its tail to its head. Also returns the residual
    /// capacities after that flow (where they differ from `base`, the flow passes).
    fn push(&self, e: usize, grow: bool, limit: Flow) -> Option<(Flow, Vec<Flow>)> {
        let &(from, to) = self.net.ends.get(e)?;
        let mut cap = self.base.clone();
        if let Ok(i) = self.arcs.binary_search(&e) {
            for c in [2 * i, 2 * i + 1] {
                if let Some(c) = cap.get_mut(c) {
                    *c = 0;
                }
            }
        }
        let (s, t) = if grow { (to, from) } else { (from, to) };
        let got = self.graph.max_flow(&mut cap, s, t, limit);
        Some((got, cap))
    }

    /// `[lo, hi]` of arc `e` (`hi = None`: unbounded).
    pub(crate) fn interval(&self, e: usize) -> (Flow, Option<Flow>) {
        let xe = self.x.get(e).copied().unwrap_or(0);
        match (self.push(e, true, INF), self.push(e, false, xe)) {
            (Some((up, _)), Some((down, _))) => (xe - down, (up < INF).then_some(xe + up)),
            _ => (0, None),
        }
    }

    /// Whether arc `e` can reach `x[e] + up`: the flow of [`Withheld::interval`], stopped
    /// as soon as the requirement is met.
    pub(crate) fn can_grow(&self, e: usize, up: Flow) -> bool {
        self.push(e, true, up).is_some_and(|(g, _)| g >= up)
    }

    /// Whether arc `e` can reach `x[e] - down`.
    pub(crate) fn can_shrink(&self, e: usize, down: Flow) -> bool {
        self.push(e, false, down).is_some_and(|(s, _)| s >= down)
    }

    /// How far arc `e` can move up (at most `up`) and down (at most `down`), with the
    /// network arcs that flows reaching those amounts pass through: a witness, since as long
    /// as those arcs stay withheld the same flows exist, whatever else is published.
    pub(crate) fn reach(&self, e: usize, up: Flow, down: Flow) -> Reach {
        let mut reach = Reach::default();
        for (grow, limit) in [(true, up), (false, down)] {
            let Some((got, cap)) = self.push(e, grow, limit) else {
                continue;
            };
            if grow {
                reach.up = got;
            } else {
                reach.down = got;
            }
            for (i, (c, b)) in cap.chunks(2).zip(self.base.chunks(2)).enumerate() {
                if c != b
                    && let Some(arc) = self.arcs.get(i)
                {
                    reach.through.push(*arc);
                }
            }
        }
        reach.through.sort_unstable();
        reach.through.dedup();
        reach
    }
}

/// What [`Withheld::reach`] finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reach {
    /// How far the arc can grow (up to the amount asked).
    pub up: Flow,
    /// How far it can shrink (up to the amount asked).
    pub down: Flow,
    /// The arcs the flows pass through, increasing.
    pub through: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two nodes, a cell arc 0 -> 1 and the grand total back: a 1 x 1 table.
    fn net(values: [Option<Flow>; 2]) -> Net {
        Net {
            nodes: 2,
            ends: vec![(1, 0), (0, 1)],
            arc_of: vec![1, 0],
            published: vec![vec![1], vec![0]],
            value: values.to_vec(),
        }
    }

    #[test]
    fn a_known_point_must_balance_and_be_non_negative() {
        let n = net([Some(3), Some(3)]);
        assert_eq!(point(&n, &[false, false]).unwrap(), [3, 3]);
        let n = net([Some(3), Some(4)]);
        assert_eq!(
            point(&n, &[false, false]).unwrap_err().code(),
            "invalid_value"
        );
        let n = net([Some(-1), Some(-1)]);
        assert_eq!(
            point(&n, &[false, false]).unwrap_err().code(),
            "invalid_value"
        );
        // unknown values: a feasible point is found, or the error when a fixed one is missing
        let n = net([Some(7), None]);
        assert_eq!(point(&n, &[false, true]).unwrap(), [7, 7]);
        assert_eq!(
            point(&n, &[true, false]).unwrap_err().code(),
            "invalid_value"
        );
    }

    #[test]
    fn intervals_of_a_lone_arc() {
        let n = net([Some(3), Some(3)]);
        let x = [3, 3];
        // both withheld: the cell is unbounded above and can reach zero, not below
        let w = Withheld::new(&n, &[true, true], &x);
        assert_eq!(w.interval(1), (0, None));
        assert!(w.can_grow(1, 100) && w.can_shrink(1, 3));
        assert!(!w.can_shrink(1, 4));
        // the total published: the cell is pinned
        let w = Withheld::new(&n, &[false, true], &x);
        assert_eq!(w.interval(1), (3, Some(3)));
        assert!(!w.can_grow(1, 1));
        assert!(!w.can_shrink(1, 1));
        assert!(w.can_grow(1, 0) && w.can_shrink(1, 0));
        assert!(!w.can_grow(9, 0) && !w.can_shrink(9, 0));
        assert_eq!(w.interval(9), (0, None));
    }

    #[test]
    fn reach_names_the_arcs_it_moves() {
        // a 1 x 2 table: cells 1 and 2 of the row {both}; total = grand total (arc 0)
        let net = Net {
            nodes: 3,
            ends: vec![(1, 0), (0, 2), (2, 1), (0, 1)],
            arc_of: vec![],
            published: vec![vec![0], vec![1], vec![2], vec![3]],
            value: vec![Some(7), Some(7), Some(7), Some(0)],
        };
        let x = [7, 7, 7, 0];
        // arc 3 (value 0) grows by taking from the path 0 -> 2 -> 1 (arcs 1 and 2)
        let w = Withheld::new(&net, &[false, true, true, true], &x);
        let r = w.reach(3, 5, 0);
        assert_eq!((r.up, r.down, r.through), (5, 0, vec![1, 2, 3]));
        // down is bounded only by what is asked (callers ask at most the value)
        let r = w.reach(3, 9, 4);
        assert_eq!((r.up, r.down), (7, 4));
        assert_eq!(w.reach(1, 0, 3).down, 3);
        assert_eq!(w.reach(9, 1, 1), Reach::default());
        // publishing arc 1 pins arc 3 (nothing else can give way); withholding it again frees it
        let mut w = w;
        w.set_published(1, true);
        assert_eq!(w.interval(3), (0, Some(0)));
        w.set_published(0, true); // not withheld: nothing to do
        w.set_published(1, false);
        assert_eq!(w.interval(3), (0, Some(7)));
        assert_eq!(
            w.base,
            Withheld::new(&net, &[false, true, true, true], &x).base
        );
    }
}
