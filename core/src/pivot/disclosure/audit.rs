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

/// The residual capacities of `x` when the arcs flagged in `free` can take any
/// non-negative value and the others are fixed.
pub(crate) fn residual(free: &[bool], x: &[Flow]) -> Vec<Flow> {
    let mut cap = Vec::with_capacity(2 * x.len());
    for (f, v) in free.iter().zip(x) {
        if *f {
            cap.extend([INF, *v]);
        } else {
            cap.extend([0, 0]);
        }
    }
    cap
}

/// A table consistent with the published values (`x` from the net's values when every arc
/// is known, else a feasible circulation). `free` flags the withheld or unpublished arcs.
pub(crate) fn point(net: &Net, graph: &Graph, free: &[bool]) -> Result<Vec<Flow>> {
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
    feasible_circulation(graph, &lo, &hi).ok_or_else(inconsistent)
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

/// `[lo, hi]` of arc `e` (`hi = None`: unbounded), given the residual capacities `base` of
/// the feasible point `x`.
pub(crate) fn interval(
    net: &Net,
    graph: &Graph,
    base: &[Flow],
    x: &[Flow],
    e: usize,
) -> (Flow, Option<Flow>) {
    let Some(&(from, to)) = net.ends.get(e) else {
        return (0, None);
    };
    let xe = x.get(e).copied().unwrap_or(0);
    let mut cap = base.to_vec();
    for i in [2 * e, 2 * e + 1] {
        if let Some(c) = cap.get_mut(i) {
            *c = 0;
        }
    }
    let mut up_cap = cap.clone();
    let up = graph.max_flow(&mut up_cap, to, from, INF);
    let hi = (up < INF).then_some(xe + up);
    let down = graph.max_flow(&mut cap, from, to, xe);
    (xe - down, hi)
}

/// Whether arc `e` can reach `x[e] + up` and `x[e] - down`: the same flows as
/// [`interval`], stopped as soon as the requirement is met.
pub(crate) fn covers(
    net: &Net,
    graph: &Graph,
    base: &[Flow],
    e: usize,
    up: Flow,
    down: Flow,
) -> bool {
    let Some(&(from, to)) = net.ends.get(e) else {
        return false;
    };
    let mut cap = base.to_vec();
    for i in [2 * e, 2 * e + 1] {
        if let Some(c) = cap.get_mut(i) {
            *c = 0;
        }
    }
    let mut up_cap = cap.clone();
    graph.max_flow(&mut up_cap, to, from, up) >= up
        && graph.max_flow(&mut cap, from, to, down) >= down
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
        assert_eq!(point(&n, &n.graph(), &[false, false]).unwrap(), [3, 3]);
        let n = net([Some(3), Some(4)]);
        assert_eq!(
            point(&n, &n.graph(), &[false, false]).unwrap_err().code(),
            "invalid_value"
        );
        let n = net([Some(-1), Some(-1)]);
        assert_eq!(
            point(&n, &n.graph(), &[false, false]).unwrap_err().code(),
            "invalid_value"
        );
        // unknown values: a feasible point is found, or the error when a fixed one is missing
        let n = net([Some(7), None]);
        assert_eq!(point(&n, &n.graph(), &[false, true]).unwrap(), [7, 7]);
        assert_eq!(
            point(&n, &n.graph(), &[true, false]).unwrap_err().code(),
            "invalid_value"
        );
    }

    #[test]
    fn intervals_of_a_lone_arc() {
        let n = net([Some(3), Some(3)]);
        let g = n.graph();
        // both withheld: the cell is unbounded above
        let base = residual(&[true, true], &[3, 3]);
        assert_eq!(interval(&n, &g, &base, &[3, 3], 1), (0, None));
        assert!(covers(&n, &g, &base, 1, 100, 3));
        // the total published: the cell is pinned
        let base = residual(&[false, true], &[3, 3]);
        assert_eq!(interval(&n, &g, &base, &[3, 3], 1), (3, Some(3)));
        assert!(!covers(&n, &g, &base, 1, 1, 0));
        assert!(!covers(&n, &g, &base, 1, 0, 1));
        assert!(covers(&n, &g, &base, 1, 0, 0));
        assert!(!covers(&n, &g, &base, 9, 0, 0));
        assert_eq!(interval(&n, &g, &base, &[3, 3], 9), (0, None));
    }
}
