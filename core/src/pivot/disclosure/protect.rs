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
//! search is built once per table and kept in step with what is withheld; each search
//! stops as soon as it reaches its target (see [`CostGraph::min_cost_flow`]).
//!
//! Primaries are protected one after the other, so a later choice often covers what an
//! earlier one withheld: a final pass publishes again every secondary number whose
//! publication leaves each primary able to move as far as before (checked, not assumed).

use super::audit::{Reach, Withheld};
use super::network::{CostGraph, Flow, INF};
use super::system::Net;
use std::cmp::Reverse;

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
/// left as it is (the final audit reports it). Then publishes again what turned out not
/// to be needed.
pub(crate) fn protect(plan: &Plan<'_>, free: &mut [bool], primary: &[bool], up: Flow, lower: Flow) {
    let before = free.to_vec();
    let mut search = Search::new(plan, free);
    let mut withheld = Withheld::new(plan.net, free, plan.x);
    for (p, is_primary) in primary.iter().enumerate() {
        if !*is_primary {
            continue;
        }
        let down = lower.min(plan.x.get(p).copied().unwrap_or(0));
        let covered = (withheld.can_grow(p, up), withheld.can_shrink(p, down));
        if covered == (true, true) {
            continue;
        }
        if protect_arc(&mut search, free, p, (up, down), covered) {
            withheld = Withheld::new(plan.net, free, plan.x);
        }
    }
    publish_unneeded(plan, free, &before, primary, up, lower);
}

/// The min-cost flow network of the whole table, built once and kept in step with what is
/// withheld: a withheld arc moves at no cost, a published one at its cost, and one that
/// may not be withheld is absent.
struct Search<'a> {
    plan: &'a Plan<'a>,
    graph: CostGraph,
}

impl<'a> Search<'a> {
    fn new(plan: &'a Plan<'a>, free: &[bool]) -> Search<'a> {
        // pair 2 i: arc i grows (from -> to); pair 2 i + 1: it shrinks (to -> from)
        let pairs: Vec<(usize, usize)> = plan
            .net
            .ends
            .iter()
            .flat_map(|&(a, b)| [(a, b), (b, a)])
            .collect();
        let mut search = Search {
            plan,
            graph: CostGraph::new(plan.net.nodes, &pairs),
        };
        for (i, f) in free.iter().enumerate() {
            search.arc(i, *f);
        }
        search
    }

    /// Sets arc `i` as withheld (`hidden`) or published.
    fn arc(&mut self, i: usize, hidden: bool) {
        let unit = if hidden {
            Some(0)
        } else {
            self.plan.cost.get(i).copied().flatten()
        };
        match unit {
            Some(unit) => {
                self.graph.set(2 * i, INF, unit);
                let x = self.plan.x.get(i).copied().unwrap_or(0);
                self.graph.set(2 * i + 1, x, unit);
            }
            None => {
                self.graph.set(2 * i, 0, 0);
                self.graph.set(2 * i + 1, 0, 0);
            }
        }
    }

    /// The arcs the cheapest flow of `need` units from `s` to `t` passes through, without
    /// arc `p` (withheld); `None` when no flow carries `need`.
    fn cheapest(&mut self, p: usize, s: usize, t: usize, need: Flow) -> Option<Vec<usize>> {
        self.graph.set(2 * p, 0, 0);
        self.graph.set(2 * p + 1, 0, 0);
        let sent = self.graph.min_cost_flow(s, t, need);
        let used: Vec<usize> = self.graph.used().iter().map(|j| j / 2).collect();
        self.graph.clear_flow();
        self.arc(p, true);
        (sent >= need).then_some(used)
    }
}

/// Withholds what protects arc `p` by `need = (up, down)`, given whether each direction is
/// already `covered` by what is withheld. Returns whether it withheld anything; changes
/// nothing when no choice reaches both.
fn protect_arc(
    search: &mut Search<'_>,
    free: &mut [bool],
    p: usize,
    need: (Flow, Flow),
    covered: (bool, bool),
) -> bool {
    let plan = search.plan;
    let Some(&(from, to)) = plan.net.ends.get(p) else {
        return false;
    };
    let (up, down) = need;
    let mut chosen: Vec<usize> = Vec::new();
    if up > 0 && !covered.0 {
        let Some(used) = search.cheapest(p, to, from, up) else {
            return false;
        };
        for i in used {
            if !free.get(i).copied().unwrap_or(false) {
                chosen.push(i);
                search.arc(i, true);
            }
        }
    }
    // what the upward flow withholds often lets the cell go down as well
    let still_needed = || {
        let mut hidden = free.to_vec();
        for i in &chosen {
            if let Some(h) = hidden.get_mut(*i) {
                *h = true;
            }
        }
        !Withheld::new(plan.net, &hidden, plan.x).can_shrink(p, down)
    };
    if down > 0 && !covered.1 && (chosen.is_empty() || still_needed()) {
        let Some(used) = search.cheapest(p, from, to, down) else {
            for i in chosen {
                search.arc(i, false);
            }
            return false;
        };
        for i in used {
            if !free.get(i).copied().unwrap_or(false) && !chosen.contains(&i) {
                chosen.push(i);
                search.arc(i, true);
            }
        }
    }
    for i in &chosen {
        if let Some(f) = free.get_mut(*i) {
            *f = true;
        }
    }
    !chosen.is_empty()
}

/// Publishes again the secondary numbers that no primary needs any more (a later
/// primary's choice often covers an earlier one's), the costliest first. Each primary keeps
/// how far it can move (up to its protection levels) and the arcs that movement passes
/// through; publishing an arc outside all of them narrows nothing, and the primaries whose
/// movement uses it are checked again: the arc stays withheld if any of them would move
/// less (a primary that could not be fully protected keeps what it has).
fn publish_unneeded(
    plan: &Plan<'_>,
    free: &mut [bool],
    before: &[bool],
    primary: &[bool],
    up: Flow,
    lower: Flow,
) {
    let need = |p: usize| (up, lower.min(plan.x.get(p).copied().unwrap_or(0)));
    let mut withheld = Withheld::new(plan.net, free, plan.x);
    let mut reached: Vec<(usize, Reach)> = primary
        .iter()
        .enumerate()
        .filter(|(_, is_primary)| **is_primary)
        .map(|(p, _)| {
            let (u, d) = need(p);
            (p, withheld.reach(p, u, d))
        })
        .collect();
    let mut secondary: Vec<(Flow, usize)> = free
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, (now, was))| **now && !**was)
        .map(|(i, _)| (plan.cost.get(i).copied().flatten().unwrap_or(0), i))
        .collect();
    secondary.sort_by_key(|(c, i)| (Reverse(*c), *i));
    for (_, e) in secondary {
        if let Some(f) = free.get_mut(e) {
            *f = false;
        }
        let affected: Vec<usize> = reached
            .iter()
            .enumerate()
            .filter(|(_, (_, r))| r.through.binary_search(&e).is_ok())
            .map(|(k, _)| k)
            .collect();
        withheld.set_published(e, true);
        if affected.is_empty() {
            continue;
        }
        let checks = affected.len();
        let mut renewed = Vec::with_capacity(checks);
        for k in affected {
            let Some((p, old)) = reached.get(k) else {
                continue;
            };
            let (u, d) = need(*p);
            let new = withheld.reach(*p, u, d);
            if new.up < old.up || new.down < old.down {
                break;
            }
            renewed.push((k, new));
        }
        if renewed.len() < checks {
            // some primary would move less: keep the arc withheld
            if let Some(f) = free.get_mut(e) {
                *f = true;
            }
            withheld.set_published(e, false);
            continue;
        }
        for (k, new) in renewed {
            if let Some(slot) = reached.get_mut(k) {
                slot.1 = new;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::system::{Quantity, network};
    use super::*;

    /// A 2 x 3 table `a b c / d e f` with its totals: the network, the true values and the
    /// arc of each cell.
    fn two_by_three(cells: [Flow; 6]) -> (Net, Vec<Flow>, Vec<usize>) {
        let sets: Vec<Vec<usize>> = vec![
            vec![0, 1, 2],
            vec![3, 4, 5],
            vec![0, 3],
            vec![1, 4],
            vec![2, 5],
            (0..6).collect(),
        ];
        let mut quantities: Vec<Quantity> = (0..6)
            .map(|a| Quantity {
                atoms: vec![a],
                value: cells.get(a).copied(),
                hidden: false,
                cell: true,
            })
            .collect();
        for s in sets {
            let value = s.iter().map(|a| cells[*a]).sum();
            quantities.push(Quantity {
                atoms: s,
                value: Some(value),
                hidden: false,
                cell: false,
            });
        }
        let net = network(6, &quantities).unwrap();
        let x: Vec<Flow> = net.value.iter().map(|v| v.unwrap()).collect();
        let arcs = net.arc_of[..6].to_vec();
        (net, x, arcs)
    }

    fn costs(net: &Net, x: &[Flow], cells: &[usize], totals: bool) -> Vec<Option<Flow>> {
        (0..net.ends.len())
            .map(|i| {
                if cells.contains(&i) {
                    Some(1 + x[i])
                } else {
                    totals.then_some(1000 + x[i])
                }
            })
            .collect()
    }

    #[test]
    fn the_cheapest_rectangle_protects_a_small_cell() {
        // a = 1 is primary; the cheapest cycle through it is a-b-e-d (b = 10, e = 15, d = 12)
        let (net, x, arc) = two_by_three([1, 10, 20, 12, 15, 30]);
        let cost = costs(&net, &x, &arc, true);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut free = vec![false; net.ends.len()];
        free[arc[0]] = true;
        let mut primary = vec![false; net.ends.len()];
        primary[arc[0]] = true;
        protect(&plan, &mut free, &primary, 5, 5);
        let hidden: Vec<usize> = (0..6).filter(|c| free[arc[*c]]).collect();
        assert_eq!(hidden, [0, 1, 3, 4]);
        assert_eq!(free.iter().filter(|f| **f).count(), 4, "no total withheld");
        let w = Withheld::new(&net, &free, &x);
        assert!(w.can_grow(arc[0], 5) && w.can_shrink(arc[0], 1));
    }

    #[test]
    fn secondaries_no_primary_needs_are_published_again() {
        let (net, x, arc) = two_by_three([1, 10, 20, 12, 15, 30]);
        let cost = costs(&net, &x, &arc, true);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut primary = vec![false; net.ends.len()];
        primary[arc[0]] = true;
        let mut before = vec![false; net.ends.len()];
        before[arc[0]] = true;
        // every cell withheld: c and f (the costliest) are not needed, b, d and e are
        let mut free = before.clone();
        for c in 1..6 {
            free[arc[c]] = true;
        }
        publish_unneeded(&plan, &mut free, &before, &primary, 5, 5);
        let hidden: Vec<usize> = (0..6).filter(|c| free[arc[*c]]).collect();
        assert_eq!(hidden, [0, 1, 3, 4]);
        // a primary that cannot be fully protected keeps how far it can move: with a
        // protection level of 40 upwards (e's column total allows 15 + ...), nothing that
        // its movement uses is published
        let mut free = before.clone();
        for c in 1..6 {
            free[arc[c]] = true;
        }
        let reach = Withheld::new(&net, &free, &x).reach(arc[0], 40, 1);
        assert!(reach.up < 40);
        publish_unneeded(&plan, &mut free, &before, &primary, 40, 1);
        let after = Withheld::new(&net, &free, &x).reach(arc[0], 40, 1);
        assert_eq!((after.up, after.down), (reach.up, reach.down));
    }

    #[test]
    fn a_cell_that_only_a_total_can_protect_withholds_the_total_if_allowed() {
        // a 2 x 3 table whose second row is empty but for zeros: a = 1 can only move with
        // its row total (the zeros cannot shrink)
        let (net, x, arc) = two_by_three([1, 10, 20, 0, 0, 0]);
        let mut primary = vec![false; net.ends.len()];
        primary[arc[0]] = true;
        for totals in [true, false] {
            let cost = costs(&net, &x, &arc, totals);
            let plan = Plan {
                net: &net,
                x: &x,
                cost: &cost,
            };
            let mut free = primary.clone();
            protect(&plan, &mut free, &primary, 5, 5);
            let w = Withheld::new(&net, &free, &x);
            assert_eq!(w.can_grow(arc[0], 5), totals, "totals allowed: {totals}");
            if !totals {
                // nothing could protect it: nothing else withheld
                assert_eq!(free, primary);
            }
        }
    }

    #[test]
    fn the_search_never_moves_the_primary_itself() {
        // a = 1 withheld: its own arc could carry one unit either way at no cost; the
        // search must find the rectangle a-b-e-d instead, in both directions, and leave a
        // withheld afterwards (the same answer twice)
        let (net, x, arc) = two_by_three([1, 10, 20, 12, 15, 30]);
        let cost = costs(&net, &x, &arc, true);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut free = vec![false; net.ends.len()];
        free[arc[0]] = true;
        let mut search = Search::new(&plan, &free);
        let (from, to) = net.ends[arc[0]];
        let rectangle = vec![arc[0], arc[1], arc[3], arc[4]];
        for _ in 0..2 {
            let mut up = search.cheapest(arc[0], to, from, 1).unwrap();
            up.push(arc[0]);
            up.sort_unstable();
            assert_eq!(up, rectangle);
            let mut down = search.cheapest(arc[0], from, to, 1).unwrap();
            down.push(arc[0]);
            down.sort_unstable();
            assert_eq!(down, rectangle);
        }
    }

    #[test]
    fn an_arc_that_may_not_be_withheld_stays_out_of_the_search() {
        // b may not be withheld (no cost): the cheapest way up for a goes through c and f
        let (net, x, arc) = two_by_three([1, 10, 20, 12, 15, 30]);
        let mut cost = costs(&net, &x, &arc, false);
        cost[arc[1]] = None;
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut free = vec![false; net.ends.len()];
        free[arc[0]] = true;
        let mut search = Search::new(&plan, &free);
        let (from, to) = net.ends[arc[0]];
        let through_c = vec![arc[2], arc[3], arc[5]];
        assert_eq!(search.cheapest(arc[0], to, from, 5).unwrap(), through_c);
        // withheld for a while (it moves at no cost), then published again: out again
        search.arc(arc[1], true);
        assert_eq!(
            search.cheapest(arc[0], to, from, 5).unwrap(),
            [arc[1], arc[3], arc[4]]
        );
        search.arc(arc[1], false);
        assert_eq!(search.cheapest(arc[0], to, from, 5).unwrap(), through_c);
        assert_eq!(search.cheapest(arc[0], from, to, 1).unwrap(), through_c);
        // with the totals fixed, a can grow by at most min(c, d) = 12
        assert_eq!(search.cheapest(arc[0], to, from, 13), None);
        assert!(search.cheapest(arc[0], to, from, 12).is_some());
    }

    #[test]
    fn each_direction_not_covered_is_searched_alone() {
        let (net, x, arc) = two_by_three([1, 10, 20, 12, 15, 30]);
        let cost = costs(&net, &x, &arc, true);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut start = vec![false; net.ends.len()];
        start[arc[0]] = true;
        let rectangle: Vec<usize> = vec![arc[0], arc[1], arc[3], arc[4]];
        let hidden =
            |free: &[bool]| -> Vec<usize> { (0..free.len()).filter(|i| free[*i]).collect() };
        for (need, covered) in [
            ((5, 0), (false, true)),
            ((0, 1), (true, false)),
            ((5, 1), (false, false)),
        ] {
            let mut free = start.clone();
            let mut search = Search::new(&plan, &free);
            assert!(
                protect_arc(&mut search, &mut free, arc[0], need, covered),
                "{need:?}"
            );
            assert_eq!(hidden(&free), rectangle, "{need:?}");
        }
        // covered both ways, or nothing asked: nothing to do
        for (need, covered) in [((5, 1), (true, true)), ((0, 0), (false, false))] {
            let mut free = start.clone();
            let mut search = Search::new(&plan, &free);
            assert!(!protect_arc(&mut search, &mut free, arc[0], need, covered));
            assert_eq!(free, start);
        }
        // e = 0: the rectangle a-b-e-d lets a grow but not shrink (e cannot go below 0), so
        // the downward search runs after the upward one and adds c and f
        let (net0, x0, arc0) = two_by_three([1, 10, 20, 12, 0, 30]);
        let cost0 = costs(&net0, &x0, &arc0, true);
        let plan0 = Plan {
            net: &net0,
            x: &x0,
            cost: &cost0,
        };
        let mut free = vec![false; net0.ends.len()];
        free[arc0[0]] = true;
        let mut search = Search::new(&plan0, &free);
        assert!(protect_arc(
            &mut search,
            &mut free,
            arc0[0],
            (5, 1),
            (false, false)
        ));
        assert_eq!(hidden(&free), arc0);
        // more than the table allows without its totals: nothing withheld
        let cost = costs(&net, &x, &arc, false);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut free = start.clone();
        let mut search = Search::new(&plan, &free);
        assert!(!protect_arc(
            &mut search,
            &mut free,
            arc[0],
            (5000, 0),
            (false, true)
        ));
        assert_eq!(free, start);
    }

    #[test]
    fn a_secondary_with_an_alternative_is_published_after_a_check() {
        // every cell withheld; b (the costliest) is on a's first protecting cycle a-b-e-d,
        // but a-c-f-d protects a as well: b is published after checking that a still moves
        // as far (not farther), then f and c are kept, e is published, d is kept
        let (net, x, arc) = two_by_three([1, 40, 20, 12, 15, 30]);
        let cost = costs(&net, &x, &arc, true);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut primary = vec![false; net.ends.len()];
        primary[arc[0]] = true;
        let mut free = primary.clone();
        for c in 1..6 {
            free[arc[c]] = true;
        }
        assert!(
            Withheld::new(&net, &free, &x)
                .reach(arc[0], 5, 1)
                .through
                .contains(&arc[1])
        );
        publish_unneeded(&plan, &mut free, &primary, &primary, 5, 1);
        let hidden: Vec<usize> = (0..6).filter(|c| free[arc[*c]]).collect();
        assert_eq!(hidden, [0, 2, 3, 5]);
        // e = 0: only a-c-f-d lets a go down, so f (the costliest) stays although a could
        // still go up without it
        let (net, x, arc) = two_by_three([1, 10, 20, 12, 0, 30]);
        let cost = costs(&net, &x, &arc, true);
        let plan = Plan {
            net: &net,
            x: &x,
            cost: &cost,
        };
        let mut free = primary.clone();
        for c in 1..6 {
            free[arc[c]] = true;
        }
        publish_unneeded(&plan, &mut free, &primary, &primary, 5, 1);
        let hidden: Vec<usize> = (0..6).filter(|c| free[arc[*c]]).collect();
        assert_eq!(hidden, [0, 2, 3, 5]);
        assert_eq!(Withheld::new(&net, &free, &x).reach(arc[0], 5, 1).down, 1);
    }
}
