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
    /// The withheld arc of each network arc (`None`: published).
    sub: Vec<Option<usize>>,
    /// Value of every network arc at the feasible point.
    x: &'a [Flow],
}

impl<'a> Withheld<'a> {
    /// The arcs flagged in `free` (withheld or unpublished), at the feasible point `x`.
    pub(crate) fn new(net: &'a Net, free: &[bool], x: &'a [Flow]) -> Withheld<'a> {
        let mut arcs = Vec::new();
        let mut base = Vec::new();
        let mut sub = Vec::with_capacity(net.ends.len());
        for (i, ends) in net.ends.iter().enumerate() {
            if free.get(i).copied().unwrap_or(false) {
                sub.push(Some(arcs.len()));
                arcs.push(*ends);
                base.extend([INF, x.get(i).copied().unwrap_or(0)]);
            } else {
                sub.push(None);
            }
        }
        Withheld {
            net,
            graph: Graph::new(net.nodes, &arcs),
            base,
            sub,
            x,
        }
    }

    /// How far arc `e` can grow (at most `up`) and shrink (at most `down`) with every
    /// other withheld arc free: the maximum flows from its head back to its tail and from
    /// its tail to its head in the residual network without `e`.
    fn moves(&self, e: usize, up: Flow, down: Flow) -> Option<(Flow, Flow)> {
        let &(from, to) = self.net.ends.get(e)?;
        let mut cap = self.base.clone();
        if let Some(i) = self.sub.get(e).copied().flatten() {
            for c in [2 * i, 2 * i + 1] {
                if let Some(c) = cap.get_mut(c) {
                    *c = 0;
                }
            }
        }
        let mut down_cap = cap.clone();
        let grow = if up > 0 {
            self.graph.max_flow(&mut cap, to, from, up)
        } else {
            0
        };
        let shrink = if down > 0 {
            self.graph.max_flow(&mut down_cap, from, to, down)
        } else {
            0
        };
        Some((grow, shrink))
    }

    /// `[lo, hi]` of arc `e` (`hi = None`: unbounded).
    pub(crate) fn interval(&self, e: usize) -> (Flow, Option<Flow>) {
        let xe = self.x.get(e).copied().unwrap_or(0);
        match self.moves(e, INF, xe) {
            Some((up, down)) => (xe - down, (up < INF).then_some(xe + up)),
            None => (0, None),
        }
    }

    /// Whether arc `e` can reach `x[e] + up`: the flow of [`Withheld::interval`], stopped
    /// as soon as the requirement is met.
    pub(crate) fn can_grow(&self, e: usize, up: Flow) -> bool {
        self.moves(e, up, 0).is_some_and(|(g, _)| g >= up)
    }

    /// Whether arc `e` can reach `x[e] - down`.
    pub(crate) fn can_shrink(&self, e: usize, down: Flow) -> bool {
        self.moves(e, 0, down).is_some_and(|(_, s)| s >= down)
    }
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
}
