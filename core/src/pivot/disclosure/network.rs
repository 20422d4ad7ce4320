//! Exact integer network-flow routines on the network of a published table: maximum flow
//! (Dinic), minimum-cost flow (successive shortest paths with potentials) and feasible
//! circulations with lower bounds. Every quantity is an `i128`; capacities of hidden
//! quantities are [`INF`], far above any sum of counts (each count is at most 2^53), so no
//! arithmetic here can overflow.
//!
//! Every arc `i` of the network is stored as two residual edges: `2 i` (from → to, "the
//! quantity can grow") and `2 i + 1` (to → from, "it can shrink"). Loops run over indices
//! in order and ties are broken by the lowest index: the same network gives the same result.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// Flow and cost arithmetic.
pub(crate) type Flow = i128;

/// "Unbounded": larger than any sum of counts.
pub(crate) const INF: Flow = 1 << 100;

/// The shape of a network: nodes and arcs (each arc = two residual edges).
#[derive(Debug, Clone)]
pub(crate) struct Graph {
    nodes: usize,
    /// Head of each residual edge.
    head: Vec<usize>,
    /// Residual edges leaving each node, in edge order.
    out: Vec<Vec<usize>>,
}

impl Graph {
    /// A graph with `nodes` nodes and one pair of residual edges per arc `(from, to)`.
    /// Arcs whose ends are out of range are kept as edges that are never traversed.
    pub(crate) fn new(nodes: usize, arcs: &[(usize, usize)]) -> Graph {
        let mut head = Vec::with_capacity(arcs.len() * 2);
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); nodes];
        for (i, (from, to)) in arcs.iter().enumerate() {
            head.push(*to);
            head.push(*from);
            if let Some(o) = out.get_mut(*from) {
                o.push(2 * i);
            }
            if let Some(o) = out.get_mut(*to) {
                o.push(2 * i + 1);
            }
        }
        Graph { nodes, head, out }
    }

    /// Number of nodes.
    pub(crate) fn nodes(&self) -> usize {
        self.nodes
    }

    /// Number of residual edges (twice the arcs).
    pub(crate) fn edges(&self) -> usize {
        self.head.len()
    }

    fn tail(&self, e: usize) -> usize {
        self.head.get(e ^ 1).copied().unwrap_or(usize::MAX)
    }

    /// Maximum flow from `s` to `t`, at most `limit`, in the residual capacities `cap`
    /// (one per residual edge; updated in place). Dinic's algorithm, iterative.
    pub(crate) fn max_flow(&self, cap: &mut [Flow], s: usize, t: usize, limit: Flow) -> Flow {
        if s == t || s >= self.nodes || t >= self.nodes || cap.len() != self.head.len() {
            return 0;
        }
        let mut total: Flow = 0;
        let mut level = vec![usize::MAX; self.nodes];
        let mut it = vec![0usize; self.nodes];
        let mut queue = VecDeque::new();
        let mut path: Vec<usize> = Vec::new();
        while total < limit {
            level.fill(usize::MAX);
            if let Some(l) = level.get_mut(s) {
                *l = 0;
            }
            queue.clear();
            queue.push_back(s);
            while let Some(u) = queue.pop_front() {
                let lu = level.get(u).copied().unwrap_or(usize::MAX);
                for &e in self.out.get(u).map_or(&[][..], Vec::as_slice) {
                    let v = self.head.get(e).copied().unwrap_or(usize::MAX);
                    if cap.get(e).is_some_and(|c| *c > 0)
                        && level.get(v).is_some_and(|l| *l == usize::MAX)
                    {
                        if let Some(l) = level.get_mut(v) {
                            *l = lu + 1;
                        }
                        queue.push_back(v);
                    }
                }
            }
            if level.get(t).is_none_or(|l| *l == usize::MAX) {
                break;
            }
            it.fill(0);
            path.clear();
            let mut u = s;
            loop {
                if u == t {
                    let mut push = limit - total;
                    for e in &path {
                        push = push.min(cap.get(*e).copied().unwrap_or(0));
                    }
                    for e in &path {
                        if let Some(c) = cap.get_mut(*e) {
                            *c -= push;
                        }
                        if let Some(c) = cap.get_mut(*e ^ 1) {
                            *c += push;
                        }
                    }
                    total += push;
                    if total >= limit {
                        return total;
                    }
                    path.clear();
                    u = s;
                    continue;
                }
                let lu = level.get(u).copied().unwrap_or(usize::MAX);
                let edges = self.out.get(u).map_or(&[][..], Vec::as_slice);
                let mut next = None;
                while let Some(&e) = it.get(u).and_then(|i| edges.get(*i)) {
                    let v = self.head.get(e).copied().unwrap_or(usize::MAX);
                    if cap.get(e).is_some_and(|c| *c > 0)
                        && level
                            .get(v)
                            .is_some_and(|l| lu != usize::MAX && *l == lu + 1)
                    {
                        next = Some((e, v));
                        break;
                    }
                    if let Some(i) = it.get_mut(u) {
                        *i += 1;
                    }
                }
                match next {
                    Some((e, v)) => {
                        path.push(e);
                        u = v;
                    }
                    None => {
                        // dead end: never visit u again in this phase
                        if let Some(l) = level.get_mut(u) {
                            *l = usize::MAX;
                        }
                        match path.pop() {
                            Some(e) => {
                                u = self.tail(e);
                                if let Some(i) = it.get_mut(u) {
                                    *i += 1;
                                }
                            }
                            None => break,
                        }
                    }
                }
            }
        }
        total
    }
}

/// A network with costs for minimum-cost flow: each edge has a capacity and a cost per
/// unit, and its own reverse edge (`e ^ 1`, capacity 0, cost `-cost`).
#[derive(Debug, Clone, Default)]
pub(crate) struct CostGraph {
    head: Vec<usize>,
    cap: Vec<Flow>,
    cost: Vec<Flow>,
    out: Vec<Vec<usize>>,
}

impl CostGraph {
    /// An empty network with `nodes` nodes.
    pub(crate) fn new(nodes: usize) -> CostGraph {
        CostGraph {
            out: vec![Vec::new(); nodes],
            ..CostGraph::default()
        }
    }

    /// Adds an edge; returns its index (the reverse edge is the index + 1).
    pub(crate) fn add(&mut self, from: usize, to: usize, cap: Flow, cost: Flow) -> usize {
        let e = self.head.len();
        self.head.extend([to, from]);
        self.cap.extend([cap, 0]);
        self.cost.extend([cost, -cost]);
        if let Some(o) = self.out.get_mut(from) {
            o.push(e);
        }
        if let Some(o) = self.out.get_mut(to) {
            o.push(e + 1);
        }
        e
    }

    /// The flow sent through edge `e` (what its reverse edge holds).
    pub(crate) fn flow(&self, e: usize) -> Flow {
        self.cap.get(e ^ 1).copied().unwrap_or(0)
    }

    /// Sends up to `need` units from `s` to `t` at minimum cost (all edge costs must be
    /// non-negative when called). Returns the amount sent.
    pub(crate) fn min_cost_flow(&mut self, s: usize, t: usize, need: Flow) -> Flow {
        let n = self.out.len();
        if s == t || s >= n || t >= n {
            return 0;
        }
        let mut pot: Vec<Flow> = vec![0; n];
        let mut sent: Flow = 0;
        let mut dist: Vec<Option<Flow>> = vec![None; n];
        let mut parent: Vec<usize> = vec![usize::MAX; n];
        let mut heap = BinaryHeap::new();
        while sent < need {
            dist.fill(None);
            parent.fill(usize::MAX);
            if let Some(d) = dist.get_mut(s) {
                *d = Some(0);
            }
            heap.clear();
            heap.push(Reverse((0 as Flow, s)));
            while let Some(Reverse((d, u))) = heap.pop() {
                if dist.get(u).copied().flatten() != Some(d) {
                    continue;
                }
                let pu = pot.get(u).copied().unwrap_or(0);
                for &e in self.out.get(u).map_or(&[][..], Vec::as_slice) {
                    if self.cap.get(e).is_none_or(|c| *c <= 0) {
                        continue;
                    }
                    let v = self.head.get(e).copied().unwrap_or(usize::MAX);
                    let pv = pot.get(v).copied().unwrap_or(0);
                    let nd = d + self.cost.get(e).copied().unwrap_or(0) + pu - pv;
                    if let Some(slot) = dist.get_mut(v)
                        && slot.is_none_or(|old| nd < old)
                    {
                        *slot = Some(nd);
                        if let Some(p) = parent.get_mut(v) {
                            *p = e;
                        }
                        heap.push(Reverse((nd, v)));
                    }
                }
            }
            if dist.get(t).copied().flatten().is_none() {
                break;
            }
            for (p, d) in pot.iter_mut().zip(&dist) {
                if let Some(d) = d {
                    *p += *d;
                }
            }
            // bottleneck along the path t <- ... <- s
            let mut push = need - sent;
            let mut v = t;
            let mut steps = 0usize;
            while v != s && steps <= n {
                let e = parent.get(v).copied().unwrap_or(usize::MAX);
                push = push.min(self.cap.get(e).copied().unwrap_or(0));
                v = self.head.get(e ^ 1).copied().unwrap_or(s);
                steps += 1;
            }
            if push <= 0 {
                break;
            }
            let mut v = t;
            let mut steps = 0usize;
            while v != s && steps <= n {
                let e = parent.get(v).copied().unwrap_or(usize::MAX);
                if let Some(c) = self.cap.get_mut(e) {
                    *c -= push;
                }
                if let Some(c) = self.cap.get_mut(e ^ 1) {
                    *c += push;
                }
                v = self.head.get(e ^ 1).copied().unwrap_or(s);
                steps += 1;
            }
            sent += push;
        }
        sent
    }
}

/// A circulation with `lo[i] <= x[i] <= hi[i]` on every arc of `graph`, if one exists
/// (integral, since the bounds are). `lo` and `hi` have one entry per arc.
pub(crate) fn feasible_circulation(graph: &Graph, lo: &[Flow], hi: &[Flow]) -> Option<Vec<Flow>> {
    let arcs = graph.edges() / 2;
    if lo.len() != arcs || hi.len() != arcs {
        return None;
    }
    let n = graph.nodes();
    let mut pairs: Vec<(usize, usize)> = (0..arcs)
        .map(|i| {
            (
                graph.tail(2 * i),
                graph.head.get(2 * i).copied().unwrap_or(usize::MAX),
            )
        })
        .collect();
    let mut excess: Vec<Flow> = vec![0; n];
    for (i, (from, to)) in pairs.iter().enumerate() {
        let l = lo.get(i).copied().unwrap_or(0);
        if hi.get(i).copied().unwrap_or(0) < l {
            return None;
        }
        if let Some(x) = excess.get_mut(*to) {
            *x += l;
        }
        if let Some(x) = excess.get_mut(*from) {
            *x -= l;
        }
    }
    let (ss, tt) = (n, n + 1);
    let mut cap: Vec<Flow> = Vec::with_capacity(2 * arcs + 2 * n);
    for (l, h) in lo.iter().zip(hi) {
        cap.extend([h - l, 0]);
    }
    let mut need: Flow = 0;
    for (v, x) in excess.iter().enumerate() {
        if *x > 0 {
            pairs.push((ss, v));
            cap.extend([*x, 0]);
            need += *x;
        } else if *x < 0 {
            pairs.push((v, tt));
            cap.extend([-*x, 0]);
        }
    }
    let g = Graph::new(n + 2, &pairs);
    let got = g.max_flow(&mut cap, ss, tt, need);
    if got < need {
        return None;
    }
    Some(
        lo.iter()
            .enumerate()
            .map(|(i, l)| l + cap.get(2 * i + 1).copied().unwrap_or(0))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_flow_on_a_diamond() {
        // 0 -> 1 -> 3, 0 -> 2 -> 3, 1 -> 2
        let g = Graph::new(4, &[(0, 1), (0, 2), (1, 3), (2, 3), (1, 2)]);
        let mut cap = vec![3, 0, 2, 0, 2, 0, 3, 0, 5, 0];
        assert_eq!(g.max_flow(&mut cap.clone(), 0, 3, INF), 5);
        assert_eq!(g.max_flow(&mut cap, 0, 3, 4), 4);
        assert_eq!(g.max_flow(&mut [0; 10], 0, 3, INF), 0);
        assert_eq!(g.max_flow(&mut [0; 3], 0, 3, INF), 0);
        assert_eq!(g.max_flow(&mut [1; 10], 2, 2, INF), 0);
    }

    #[test]
    fn min_cost_prefers_the_cheap_path() {
        let mut g = CostGraph::new(4);
        let a = g.add(0, 1, 10, 1);
        let b = g.add(1, 3, 10, 1);
        let c = g.add(0, 2, 10, 5);
        let d = g.add(2, 3, 10, 5);
        assert_eq!(g.min_cost_flow(0, 3, 12), 12);
        assert_eq!((g.flow(a), g.flow(b), g.flow(c), g.flow(d)), (10, 10, 2, 2));
        assert_eq!(g.min_cost_flow(0, 3, 20), 8);
    }

    #[test]
    fn circulation_with_lower_bounds() {
        let g = Graph::new(2, &[(0, 1), (1, 0)]);
        assert_eq!(
            feasible_circulation(&g, &[3, 0], &[3, INF]),
            Some(vec![3, 3])
        );
        assert_eq!(feasible_circulation(&g, &[3, 0], &[3, 2]), None);
        assert_eq!(feasible_circulation(&g, &[3, 0], &[2, 2]), None);
        assert_eq!(feasible_circulation(&g, &[3], &[2]), None);
    }
}
