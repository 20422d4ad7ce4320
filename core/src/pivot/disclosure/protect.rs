//! Secondary suppression by minimum-cost flow.
//!
//! For a primary arc `p = (u, v)` of value `a`, letting it reach `a + upper` means finding
//! `upper` units of flow from `v` back to `u` in the residual network, where a withheld arc
//! can grow freely and shrink to zero, and a published arc can do the same once withheld.
//! Each published arc costs its weight per unit (withheld arcs cost nothing), so the
//! cheapest flow names the cheapest numbers to withhold; the flow is a witness: the table
//! `x` plus that cycle is non-negative, matches every number still published and gives `p`
//! the value `a + upper`. The same from `u` to `v` for `min(lower, a)` units downwards.
//! Withholding more never narrows an interval, so primaries protected earlier stay so.

use super::network::{CostGraph, Flow, INF};
use super::system::Net;

/// What the search may use.
pub(crate) struct Plan<'a> {
    /// The network.
    pub net: &'a Net,
    /// The true table.
    pub x: &'a [Flow],
    /// Cost per unit of flow through a published arc if withheld; `None` = may not be
    /// withheld.
    pub cost: &'a [Option<Flow>],
}

/// Withholds what protects arc `p` by `up` above and `down` below (in `free`, the withheld
/// or unpublished arcs). Returns false, changing nothing, when no choice reaches both.
pub(crate) fn protect_arc(
    plan: &Plan<'_>,
    free: &mut [bool],
    p: usize,
    up: Flow,
    down: Flow,
) -> bool {
    let Some(&(from, to)) = plan.net.ends.get(p) else {
        return false;
    };
    let mut chosen: Vec<usize> = Vec::new();
    for (s, t, need) in [(to, from, up), (from, to, down)] {
        if need <= 0 {
            continue;
        }
        let mut g = CostGraph::new(plan.net.nodes);
        let mut edges: Vec<Option<(usize, usize)>> = vec![None; plan.net.ends.len()];
        for (i, ((a, b), slot)) in plan.net.ends.iter().zip(edges.iter_mut()).enumerate() {
            if i == p {
                continue;
            }
            let unit = if free.get(i).copied().unwrap_or(false) || chosen.contains(&i) {
                0
            } else {
                match plan.cost.get(i).copied().flatten() {
                    Some(c) => c,
                    None => continue,
                }
            };
            let xi = plan.x.get(i).copied().unwrap_or(0);
            let grow = g.add(*a, *b, INF, unit);
            let shrink = g.add(*b, *a, xi, unit);
            *slot = Some((grow, shrink));
        }
        if g.min_cost_flow(s, t, need) < need {
            return false;
        }
        for (i, slot) in edges.iter().enumerate() {
            if let Some((grow, shrink)) = slot
                && (g.flow(*grow) > 0 || g.flow(*shrink) > 0)
                && !free.get(i).copied().unwrap_or(false)
                && !chosen.contains(&i)
            {
                chosen.push(i);
            }
        }
    }
    for i in chosen {
        if let Some(f) = free.get_mut(i) {
            *f = true;
        }
    }
    true
}
