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
//!
//! Each direction is first checked on the withheld arcs alone (a max flow on a small
//! graph, [`Withheld`]); the min-cost flow on the whole network runs only when that check
//! fails. Skipping it changes nothing: when withheld arcs, which cost nothing, can carry
//! the flow, the cheapest flow has cost zero and withholds nothing more. The network of the
//! search is built once per table and only its capacities and costs are reset per search.

use super::audit::Withheld;
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

/// Withholds, primary by primary in arc order, what protects each arc flagged in
/// `primary` by `up` above and `min(lower, value)` below; `free` flags the withheld or
/// unpublished arcs (the primaries among them). A primary that no choice can protect is
/// left as it is (the final audit reports it).
pub(crate) fn protect(plan: &Plan<'_>, free: &mut [bool], primary: &[bool], up: Flow, lower: Flow) {
    // pair 2 i: arc i grows (from -> to); pair 2 i + 1: it shrinks (to -> from)
    let pairs: Vec<(usize, usize)> = plan
        .net
        .ends
        .iter()
        .flat_map(|&(a, b)| [(a, b), (b, a)])
        .collect();
    let mut graph = CostGraph::new(plan.net.nodes, &pairs);
    for (p, is_primary) in primary.iter().enumerate() {
        if *is_primary {
            let down = lower.min(plan.x.get(p).copied().unwrap_or(0));
            protect_arc(plan, &mut graph, free, p, up, down);
        }
    }
}

/// Withholds what protects arc `p` by `up` above and `down` below. Returns false, changing
/// nothing, when no choice reaches both.
fn protect_arc(
    plan: &Plan<'_>,
    graph: &mut CostGraph,
    free: &mut [bool],
    p: usize,
    up: Flow,
    down: Flow,
) -> bool {
    let Some(&(from, to)) = plan.net.ends.get(p) else {
        return false;
    };
    // withheld so far, with what the first direction chose
    let mut hidden = free.to_vec();
    for (grow, need) in [(true, up), (false, down)] {
        if need <= 0 {
            continue;
        }
        let withheld = Withheld::new(plan.net, &hidden, plan.x);
        let covered = if grow {
            withheld.can_grow(p, need)
        } else {
            withheld.can_shrink(p, need)
        };
        if covered {
            continue;
        }
        for (i, x) in plan.x.iter().enumerate() {
            let unit = if hidden.get(i).copied().unwrap_or(false) {
                Some(0)
            } else {
                plan.cost.get(i).copied().flatten()
            };
            match unit {
                Some(unit) if i != p => {
                    graph.set(2 * i, INF, unit);
                    graph.set(2 * i + 1, *x, unit);
                }
                _ => {
                    graph.set(2 * i, 0, 0);
                    graph.set(2 * i + 1, 0, 0);
                }
            }
        }
        let (s, t) = if grow { (to, from) } else { (from, to) };
        if graph.min_cost_flow(s, t, need) < need {
            return false;
        }
        for (i, h) in hidden.iter_mut().enumerate() {
            if graph.flow(2 * i) > 0 || graph.flow(2 * i + 1) > 0 {
                *h = true;
            }
        }
    }
    for (f, h) in free.iter_mut().zip(hidden) {
        *f = h;
    }
    true
}
