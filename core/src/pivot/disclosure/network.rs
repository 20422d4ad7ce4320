//! Exact integer network-flow routines on the network of a published table: maximum flow
//! (Dinic), minimum-cost flow (successive shortest paths with potentials) and feasible
//! circulations with lower bounds. Every quantity is an `i128`; capacities of hidden
//! quantities are [`INF`], far above any sum of counts (each count is at most 2^53), so no
//! arithmetic here can overflow.
//!
//! Every arc `i` of the network is stored as two residual edges: `2 i` (from → to, "the
//! quantity can grow") and `2 i + 1` (to → from, "it can shrink"). Loops run over indices
//! in order and ties are broken by the lowest index: the same network gives the same result.

use std::collections::VecDeque;

/// Flow and cost arithmetic.
pub(crate) type Flow = i128;

/// "Unbounded": larger than any sum of counts.
pub(crate) const INF: Flow = 1 << 100;

/// Residual edges grouped by their tail (compressed rows): the edges leaving node `u`, in
/// edge order, are `edges[start[u]..start[u + 1]]`. One allocation for the whole graph,
/// and the same order as pushing each edge onto its tail's list.
#[derive(Debug, Clone, Default)]
struct Adjacency {
    start: Vec<usize>,
    edges: Vec<usize>,
}

impl Adjacency {
    /// `tails` gives the tail of each edge in edge order; an edge whose tail is out of
    /// range is listed nowhere (never traversed).
    fn new(nodes: usize, tails: &[usize]) -> Adjacency {
        let mut start = vec![0usize; nodes + 1];
        for t in tails {
            if *t < nodes
                && let Some(s) = start.get_mut(t + 1)
            {
                *s += 1;
            }
        }
        for u in 0..nodes {
            let before = start.get(u).copied().unwrap_or(0);
            if let Some(s) = start.get_mut(u + 1) {
                *s += before;
            }
        }
        let mut next = start.clone();
        let mut edges = vec![0usize; start.last().copied().unwrap_or(0)];
        for (e, t) in tails.iter().enumerate() {
            if let Some(n) = next.get_mut(*t)
                && *t < nodes
            {
                if let Some(slot) = edges.get_mut(*n) {
                    *slot = e;
                }
                *n += 1;
            }
        }
        Adjacency { start, edges }
    }

    /// The edges leaving `u` (none for a node out of range).
    fn out(&self, u: usize) -> &[usize] {
        match (self.start.get(u), self.start.get(u + 1)) {
            (Some(a), Some(b)) => self.edges.get(*a..*b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The tails of the residual edges of `arcs`: `2 i` leaves `from`, `2 i + 1` leaves `to`.
fn tails(arcs: &[(usize, usize)]) -> Vec<usize> {
    arcs.iter().flat_map(|(from, to)| [*from, *to]).collect()
}

/// The shape of a network: nodes and arcs (each arc = two residual edges).
#[derive(Debug, Clone)]
pub(crate) struct Graph {
    nodes: usize,
    /// Head of each residual edge.
    head: Vec<usize>,
    /// Residual edges leaving each node, in edge order.
    adj: Adjacency,
}

impl Graph {
    /// A graph with `nodes` nodes and one pair of residual edges per arc `(from, to)`.
    /// Arcs whose ends are out of range are kept as edges that are never traversed.
    pub(crate) fn new(nodes: usize, arcs: &[(usize, usize)]) -> Graph {
        let head = arcs.iter().flat_map(|(from, to)| [*to, *from]).collect();
        Graph {
            nodes,
            head,
            adj: Adjacency::new(nodes, &tails(arcs)),
        }
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
            // Levels up to t's are enough: a node at t's level or beyond cannot lead to t
            // along increasing levels, so the search stops when it reaches t.
            'levels: while let Some(u) = queue.pop_front() {
                let lu = level.get(u).copied().unwrap_or(usize::MAX);
                for &e in self.adj.out(u) {
                    let v = self.head.get(e).copied().unwrap_or(usize::MAX);
                    if cap.get(e).is_some_and(|c| *c > 0)
                        && level.get(v).is_some_and(|l| *l == usize::MAX)
                    {
                        if let Some(l) = level.get_mut(v) {
                            *l = lu + 1;
                        }
                        if v == t {
                            break 'levels;
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
                let edges = self.adj.out(u);
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

/// A network with costs for minimum-cost flow, built once and reused: pair `j` is edge
/// `2 j` (from -> to) and its reverse `2 j + 1` (capacity 0, cost `-cost`). Capacities and
/// costs are set with [`CostGraph::set`]; a pair at capacity 0 is never traversed, exactly
/// as if it were absent. A search records the pairs it sends flow through, and
/// [`CostGraph::clear_flow`] puts them back, so a search costs what it visits, not the size
/// of the network.
#[derive(Debug, Clone, Default)]
pub(crate) struct CostGraph {
    head: Vec<usize>,
    adj: Adjacency,
    cap: Vec<Flow>,
    cost: Vec<Flow>,
    /// Capacity of each forward edge as set (reverse edges are set to 0).
    set_cap: Vec<Flow>,
    /// Pairs with flow since the last [`CostGraph::clear_flow`] (repeats possible).
    touched: Vec<usize>,
}

impl CostGraph {
    /// A network with `nodes` nodes and one edge pair per `(from, to)`, all at capacity 0.
    pub(crate) fn new(nodes: usize, pairs: &[(usize, usize)]) -> CostGraph {
        let edges = 2 * pairs.len();
        CostGraph {
            head: pairs.iter().flat_map(|(from, to)| [*to, *from]).collect(),
            adj: Adjacency::new(nodes, &tails(pairs)),
            cap: vec![0; edges],
            cost: vec![0; edges],
            set_cap: vec![0; pairs.len()],
            touched: Vec::new(),
        }
    }

    /// Sets pair `j`: capacity `cap` at `cost` per unit, no flow.
    pub(crate) fn set(&mut self, j: usize, cap: Flow, cost: Flow) {
        for (e, c, w) in [(2 * j, cap, cost), (2 * j + 1, 0, -cost)] {
            if let Some(x) = self.cap.get_mut(e) {
                *x = c;
            }
            if let Some(x) = self.cost.get_mut(e) {
                *x = w;
            }
        }
        if let Some(x) = self.set_cap.get_mut(j) {
            *x = cap;
        }
    }

    /// The pairs with flow (each once, in increasing order).
    pub(crate) fn used(&self) -> Vec<usize> {
        let mut used: Vec<usize> = self
            .touched
            .iter()
            .copied()
            .filter(|j| self.cap.get(2 * j + 1).is_some_and(|f| *f > 0))
            .collect();
        used.sort_unstable();
        used.dedup();
        used
    }

    /// Removes all flow: the capacities as last set.
    pub(crate) fn clear_flow(&mut self) {
        for j in std::mem::take(&mut self.touched) {
            let c = self.set_cap.get(j).copied().unwrap_or(0);
            for (e, c) in [(2 * j, c), (2 * j + 1, 0)] {
                if let Some(x) = self.cap.get_mut(e) {
                    *x = c;
                }
            }
        }
    }

    /// Sends up to `need` units from `s` to `t` at minimum cost (all edge costs must be
    /// non-negative when called): successive shortest paths, Dijkstra with potentials.
    /// Each Dijkstra stops when it settles `t` (on the tables' networks it has then
    /// scanned about a third of the edges); ties go to the lowest node, so the flow found
    /// is deterministic. Returns the amount sent.
    pub(crate) fn min_cost_flow(&mut self, s: usize, t: usize, need: Flow) -> Flow {
        let n = self.adj.start.len().saturating_sub(1);
        if s == t || s >= n || t >= n {
            return 0;
        }
        let mut pot: Vec<Flow> = vec![0; n];
        let mut sent: Flow = 0;
        let mut dist: Vec<Flow> = vec![UNREACHED; n];
        let mut parent: Vec<usize> = vec![usize::MAX; n];
        let mut heap = Heap::new(n);
        let mut done: Vec<bool> = vec![false; n];
        while sent < need {
            dist.fill(UNREACHED);
            parent.fill(usize::MAX);
            if let Some(d) = dist.get_mut(s) {
                *d = 0;
            }
            done.fill(false);
            heap.clear();
            heap.push(0, s);
            while let Some((d, u)) = heap.pop() {
                if let Some(x) = done.get_mut(u) {
                    *x = true;
                }
                if u == t {
                    break;
                }
                let pu = pot.get(u).copied().unwrap_or(0);
                for &e in self.adj.out(u) {
                    if self.cap.get(e).is_none_or(|c| *c <= 0) {
                        continue;
                    }
                    let v = self.head.get(e).copied().unwrap_or(usize::MAX);
                    let pv = pot.get(v).copied().unwrap_or(0);
                    let nd = d + self.cost.get(e).copied().unwrap_or(0) + pu - pv;
                    if let Some(slot) = dist.get_mut(v)
                        && nd < *slot
                    {
                        *slot = nd;
                        if let Some(p) = parent.get_mut(v) {
                            *p = e;
                        }
                        heap.push(nd, v);
                    }
                }
            }
            let Some(&dt) = dist.get(t).filter(|d| **d != UNREACHED) else {
                break;
            };
            // Stopped at t: nodes not settled move by t's distance, which keeps every
            // reduced cost non-negative (each is at least t's distance away).
            for ((p, d), settled) in pot.iter_mut().zip(&dist).zip(&done) {
                *p += if *settled { *d } else { dt };
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
                self.touched.push(e / 2);
                v = self.head.get(e ^ 1).copied().unwrap_or(s);
                steps += 1;
            }
            sent += push;
        }
        sent
    }
}

/// Distance of a node not reached (yet) by Dijkstra's search: above any path cost.
const UNREACHED: Flow = Flow::MAX;

/// The priority queue of Dijkstra's search: pops the node of smallest `(distance, index)`,
/// so ties go to the lowest index. Indexed: each node is in it at most once, and pushing a
/// node already in it lowers its key (a search pushes only strictly better distances).
struct Heap {
    /// Binary min-heap of `(distance, node)`.
    items: Vec<(Flow, usize)>,
    /// Position of each node in `items`, `usize::MAX` when absent.
    at: Vec<usize>,
}

impl Heap {
    fn new(nodes: usize) -> Heap {
        Heap {
            items: Vec::with_capacity(nodes),
            at: vec![usize::MAX; nodes],
        }
    }

    fn key(&self, i: usize) -> (Flow, usize) {
        self.items
            .get(i)
            .copied()
            .unwrap_or((UNREACHED, usize::MAX))
    }

    fn swap(&mut self, i: usize, j: usize) {
        if i < self.items.len() && j < self.items.len() {
            self.items.swap(i, j);
            for k in [i, j] {
                let node = self.key(k).1;
                if let Some(a) = self.at.get_mut(node) {
                    *a = k;
                }
            }
        }
    }

    /// Inserts `node` with distance `d`, or lowers its distance to `d`.
    fn push(&mut self, d: Flow, node: usize) {
        let Some(&pos) = self.at.get(node) else {
            return;
        };
        let mut i = if pos == usize::MAX {
            self.items.push((d, node));
            let i = self.items.len() - 1;
            if let Some(a) = self.at.get_mut(node) {
                *a = i;
            }
            i
        } else {
            if let Some(item) = self.items.get_mut(pos) {
                item.0 = d;
            }
            pos
        };
        while i > 0 {
            let up = (i - 1) / 2;
            if self.key(i) >= self.key(up) {
                break;
            }
            self.swap(i, up);
            i = up;
        }
    }

    /// Empties the queue.
    fn clear(&mut self) {
        for (_, node) in self.items.drain(..) {
            if let Some(a) = self.at.get_mut(node) {
                *a = usize::MAX;
            }
        }
    }

    /// Removes and returns the smallest `(distance, node)`.
    fn pop(&mut self) -> Option<(Flow, usize)> {
        let last = self.items.len().checked_sub(1)?;
        self.swap(0, last);
        let top = self.items.pop()?;
        if let Some(a) = self.at.get_mut(top.1) {
            *a = usize::MAX;
        }
        let mut i = 0;
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut m = i;
            if l < self.items.len() && self.key(l) < self.key(m) {
                m = l;
            }
            if r < self.items.len() && self.key(r) < self.key(m) {
                m = r;
            }
            if m == i {
                break;
            }
            self.swap(i, m);
            i = m;
        }
        Some(top)
    }
}

/// A circulation with `lo[i] <= x[i] <= hi[i]` on every arc `(from, to)` of `arcs`, over
/// `nodes` nodes, if one exists (integral, since the bounds are). Arcs with `lo = hi` are
/// fixed: they only move excess between their ends and are left out of the max flow,
/// which therefore runs on the arcs that can still change (the withheld ones, for an
/// audit).
pub(crate) fn feasible_circulation(
    nodes: usize,
    arcs: &[(usize, usize)],
    lo: &[Flow],
    hi: &[Flow],
) -> Option<Vec<Flow>> {
    if lo.len() != arcs.len() || hi.len() != arcs.len() {
        return None;
    }
    let mut excess: Vec<Flow> = vec![0; nodes];
    // arcs with room between their bounds, as (arc, from, to)
    let mut loose: Vec<(usize, usize, usize)> = Vec::new();
    for (i, ((from, to), (l, h))) in arcs.iter().zip(lo.iter().zip(hi)).enumerate() {
        if h < l {
            return None;
        }
        if let Some(x) = excess.get_mut(*to) {
            *x += l;
        }
        if let Some(x) = excess.get_mut(*from) {
            *x -= l;
        }
        if h > l {
            loose.push((i, *from, *to));
        }
    }
    let (ss, tt) = (nodes, nodes + 1);
    let mut pairs: Vec<(usize, usize)> = loose.iter().map(|(_, f, t)| (*f, *t)).collect();
    let mut cap: Vec<Flow> = Vec::with_capacity(2 * loose.len() + 2 * nodes);
    for (i, _, _) in &loose {
        let room = hi.get(*i).copied().unwrap_or(0) - lo.get(*i).copied().unwrap_or(0);
        cap.extend([room, 0]);
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
    let g = Graph::new(nodes + 2, &pairs);
    let got = g.max_flow(&mut cap, ss, tt, need);
    if got < need {
        return None;
    }
    let mut x = lo.to_vec();
    for (k, (i, _, _)) in loose.iter().enumerate() {
        if let Some(v) = x.get_mut(*i) {
            *v += cap.get(2 * k + 1).copied().unwrap_or(0);
        }
    }
    Some(x)
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
        let mut g = CostGraph::new(4, &[(0, 1), (1, 3), (0, 2), (2, 3)]);
        for (j, cost) in [1, 1, 5, 5].into_iter().enumerate() {
            g.set(j, 10, cost);
        }
        assert_eq!(g.min_cost_flow(0, 3, 12), 12);
        assert_eq!(g.used(), [0, 1, 2, 3]);
        assert_eq!((g.cap[1], g.cap[3], g.cap[5], g.cap[7]), (10, 10, 2, 2));
        assert_eq!(g.min_cost_flow(0, 3, 20), 8);
        g.clear_flow();
        assert!(g.used().is_empty());
        assert_eq!(g.min_cost_flow(0, 3, 10), 10);
        assert_eq!(g.used(), [0, 1]);
        // a pair set to capacity 0 is absent
        g.clear_flow();
        g.set(0, 0, 1);
        assert_eq!(g.min_cost_flow(0, 3, 30), 10);
        assert_eq!(g.used(), [2, 3]);
    }

    #[test]
    fn circulation_with_lower_bounds() {
        let arcs = [(0, 1), (1, 0)];
        assert_eq!(
            feasible_circulation(2, &arcs, &[3, 0], &[3, INF]),
            Some(vec![3, 3])
        );
        assert_eq!(
            feasible_circulation(2, &arcs, &[1, 0], &[4, 2]),
            Some(vec![1, 1])
        );
        assert_eq!(feasible_circulation(2, &arcs, &[3, 0], &[3, 2]), None);
        assert_eq!(feasible_circulation(2, &arcs, &[3, 0], &[2, 2]), None);
        assert_eq!(feasible_circulation(2, &arcs, &[3], &[2]), None);
    }

    #[test]
    fn the_heap_pops_by_distance_then_lowest_node() {
        let mut h = Heap::new(6);
        h.push(5, 3);
        h.push(2, 4);
        h.push(5, 1);
        h.push(7, 0);
        h.push(1, 0); // lowers node 0's distance
        h.push(9, 9); // out of range: ignored
        let mut order = Vec::new();
        while let Some(x) = h.pop() {
            order.push(x);
        }
        assert_eq!(order, [(1, 0), (2, 4), (5, 1), (5, 3)]);
        // a popped node can come back; clear empties it
        h.push(3, 2);
        h.push(4, 5);
        assert_eq!(h.pop(), Some((3, 2)));
        h.push(1, 2);
        h.clear();
        assert_eq!(h.pop(), None);
        h.push(8, 5);
        assert_eq!(h.pop(), Some((8, 5)));
    }

    #[test]
    fn adjacency_lists_edges_by_tail_in_order() {
        let a = Adjacency::new(3, &[2, 0, 2, 7, 0, 1]);
        assert_eq!(a.out(0), [1, 4]);
        assert_eq!(a.out(1), [5]);
        assert_eq!(a.out(2), [0, 2]);
        assert!(a.out(3).is_empty() && a.out(7).is_empty());
        let g = Graph::new(2, &[(0, 1), (1, 5)]);
        assert_eq!((g.adj.out(0), g.adj.out(1)), (&[0][..], &[1, 2][..]));
    }

    #[test]
    fn min_cost_flow_after_an_early_stop_still_finds_the_cheapest() {
        // s = 0, t = 3: the direct cheap path 0-1-3 (capacity 1, cost 2), then 0-2-3 (cost
        // 10, capacity 1), and a detour 0-1-2-3 (cost 1 + 1 + 5 = 7) through node 2, which
        // is not settled when the first search stops at t
        let mut g = CostGraph::new(4, &[(0, 1), (1, 3), (0, 2), (2, 3), (1, 2)]);
        for (j, (cap, cost)) in [(2, 1), (1, 1), (1, 5), (2, 5), (1, 1)]
            .into_iter()
            .enumerate()
        {
            g.set(j, cap, cost);
        }
        assert_eq!(g.min_cost_flow(0, 3, 3), 3);
        // 2 + 7 + 10 = 19: every edge carries flow
        let cost: Flow = (0..5).map(|j| g.cap[2 * j + 1] * g.cost[2 * j]).sum();
        assert_eq!(cost, 19);
        assert_eq!(g.used(), [0, 1, 2, 3, 4]);
        assert_eq!(g.min_cost_flow(0, 0, 3), 0);
        assert_eq!(g.min_cost_flow(0, 9, 3), 0);
    }

    #[test]
    fn min_cost_flow_cancels_flow_when_that_is_cheaper() {
        // s = 0, a = 1, b = 2, t = 3. First path s-a-b-t (cost 3); the second unit is
        // cheapest by sending s-b, cancelling a-b (refund 1) and going a-t: 3 - 1 + 3 = 5,
        // less than the direct s-t (6). Pair 1 (a-b) ends without flow.
        let mut g = CostGraph::new(4, &[(0, 1), (1, 2), (2, 3), (0, 2), (1, 3), (0, 3)]);
        for (j, cost) in [1, 1, 1, 3, 3, 6].into_iter().enumerate() {
            g.set(j, 1, cost);
        }
        assert_eq!(g.min_cost_flow(0, 3, 2), 2);
        assert_eq!(g.used(), [0, 2, 3, 4]);
    }
}
