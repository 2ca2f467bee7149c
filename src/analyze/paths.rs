//! Paths between entities: the shortest (petgraph's A* with a zero heuristic), the k shortest
//! loop-free ones (Yen's algorithm over petgraph's A*, since petgraph's `k_shortest_path` only
//! returns costs), and ego networks by breadth-first search. Lengths count hops.

use super::AnalysisGraph;
use petgraph::algo::astar;
use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::{EdgeFiltered, EdgeRef};
use std::collections::{BTreeSet, VecDeque};

/// A path as node indices of the [`AnalysisGraph`].
pub type Path = Vec<usize>;

fn undirected_view(g: &AnalysisGraph) -> UnGraph<usize, f64> {
    g.undirected()
}

/// Shortest path by hops (the network is read as undirected: a relation links both ways).
pub fn shortest_path(g: &AnalysisGraph, from: usize, to: usize) -> Option<Path> {
    let ug = undirected_view(g);
    astar(
        &ug,
        NodeIndex::new(from),
        |n| n == NodeIndex::new(to),
        |_| 1usize,
        |_| 0,
    )
    .map(|(_, p)| p.into_iter().map(|n| n.index()).collect())
}

/// Up to `k` shortest loop-free paths, shortest first (Yen, 1971).
pub fn k_shortest_paths(g: &AnalysisGraph, from: usize, to: usize, k: usize) -> Vec<Path> {
    let ug = undirected_view(g);
    let (s, t) = (NodeIndex::new(from), NodeIndex::new(to));
    let Some((_, first)) = astar(&ug, s, |n| n == t, |_| 1usize, |_| 0) else {
        return Vec::new();
    };
    let mut found: Vec<Vec<NodeIndex>> = vec![first];
    let mut candidates: BTreeSet<(usize, Vec<usize>)> = BTreeSet::new();
    while found.len() < k {
        let last = found.last().cloned().unwrap_or_default();
        for i in 0..last.len().saturating_sub(1) {
            let spur = last[i];
            let root = &last[..=i];
            let mut banned_edges: BTreeSet<EdgeIndex> = BTreeSet::new();
            for p in &found {
                if p.len() > i && p[..=i] == *root {
                    if let Some(e) = ug.find_edge(p[i], p[i + 1]) {
                        banned_edges.insert(e);
                    }
                }
            }
            let banned_nodes: BTreeSet<NodeIndex> = root[..i].iter().copied().collect();
            let view = EdgeFiltered::from_fn(&ug, |e| {
                !banned_edges.contains(&e.id())
                    && !banned_nodes.contains(&e.source())
                    && !banned_nodes.contains(&e.target())
            });
            if let Some((_, spur_path)) = astar(&view, spur, |n| n == t, |_| 1usize, |_| 0) {
                let mut total: Vec<usize> = root[..i].iter().map(|n| n.index()).collect();
                total.extend(spur_path.iter().map(|n| n.index()));
                candidates.insert((total.len(), total));
            }
        }
        let next = loop {
            let Some(c) = candidates.pop_first() else {
                break None;
            };
            let as_nodes: Vec<NodeIndex> = c.1.iter().map(|&i| NodeIndex::new(i)).collect();
            if !found.contains(&as_nodes) {
                break Some(as_nodes);
            }
        };
        match next {
            Some(p) => found.push(p),
            None => break,
        }
    }
    found
        .into_iter()
        .map(|p| p.into_iter().map(|n| n.index()).collect())
        .collect()
}

/// Nodes within `depth` hops of `center`, with their distance, nearest first.
pub fn ego_network(g: &AnalysisGraph, center: usize, depth: usize) -> Vec<(usize, usize)> {
    let adj = {
        let mut a = vec![Vec::new(); g.nodes.len()];
        for l in &g.links {
            a[l.source].push(l.target);
            a[l.target].push(l.source);
        }
        a
    };
    let mut dist = vec![usize::MAX; g.nodes.len()];
    dist[center] = 0;
    let mut q = VecDeque::from([center]);
    let mut out = vec![(center, 0)];
    while let Some(u) = q.pop_front() {
        if dist[u] == depth {
            continue;
        }
        for &v in &adj[u] {
            if dist[v] == usize::MAX {
                dist[v] = dist[u] + 1;
                out.push((v, dist[v]));
                q.push_back(v);
            }
        }
    }
    out
}

/// The link between two adjacent nodes, either way round.
pub fn link_between(g: &AnalysisGraph, a: usize, b: usize) -> Option<&super::graph::Link> {
    g.links
        .iter()
        .find(|l| (l.source == a && l.target == b) || (l.source == b && l.target == a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_finds_paths_in_length_order() {
        // a square with a diagonal: 0-1-3, 0-2-3, 0-3
        let g = AnalysisGraph::from_edges(
            4,
            &[
                (0, 1, 1.0),
                (1, 3, 1.0),
                (0, 2, 1.0),
                (2, 3, 1.0),
                (0, 3, 1.0),
            ],
            false,
        );
        let ps = k_shortest_paths(&g, 0, 3, 5);
        assert_eq!(ps.len(), 3);
        assert_eq!(ps[0], vec![0, 3]);
        assert_eq!(ps[1].len(), 3);
        assert_eq!(ps[2].len(), 3);
        assert_ne!(ps[1], ps[2]);
        assert_eq!(shortest_path(&g, 1, 2).map(|p| p.len()), Some(3));
        let ego = ego_network(&g, 1, 1);
        assert_eq!(
            ego.iter().map(|x| x.0).collect::<BTreeSet<_>>(),
            BTreeSet::from([1, 0, 3])
        );
    }
}
