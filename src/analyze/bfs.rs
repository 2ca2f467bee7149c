//! Centralities that need one breadth-first search per node (exact betweenness, Brandes 2001,
//! and closeness), for unweighted graphs on a compressed adjacency array.
//!
//! Why not rustworkx-core's: its per-source state is built from petgraph's node and edge
//! structures and predecessor lists, and its betweenness was slower than python-igraph at 10⁵
//! nodes (benches/RESULTS.md). Here a source costs passes over flat `u32` arrays: a BFS that
//! counts shortest paths, and a backward pass that finds successors by distance instead of
//! storing predecessor lists. Sources are split into a fixed number of blocks whose sums are
//! added in block order, so the result is the same on any number of threads.

use rayon::prelude::*;

/// Out-neighbours of every node as one array (`adj[offsets[v]..offsets[v + 1]]`).
pub struct Csr {
    offsets: Vec<usize>,
    adj: Vec<u32>,
}

impl Csr {
    /// Arcs `(from, to)` over nodes `0..n`; an undirected edge is given as two arcs.
    pub fn from_arcs(n: usize, arcs: impl Iterator<Item = (usize, usize)> + Clone) -> Csr {
        let mut offsets = vec![0usize; n + 1];
        for (a, _) in arcs.clone() {
            offsets[a + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut adj = vec![0u32; offsets[n]];
        for (a, b) in arcs {
            adj[next[a]] = b as u32;
            next[a] += 1;
        }
        Csr { offsets, adj }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn out(&self, v: usize) -> &[u32] {
        &self.adj[self.offsets[v]..self.offsets[v + 1]]
    }
}

/// Per-source scratch space, reused across sources (only visited entries are reset).
struct Scratch {
    dist: Vec<i32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            dist: vec![-1; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds the dependencies of every node on source `s` to `acc`.
    fn source(&mut self, g: &Csr, s: usize, acc: &mut [f64]) {
        let Scratch {
            dist,
            sigma,
            delta,
            order,
        } = self;
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s as u32);
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            let (dv, sv) = (dist[v], sigma[v]);
            for &w in g.out(v) {
                let w = w as usize;
                if dist[w] < 0 {
                    dist[w] = dv + 1;
                    order.push(w as u32);
                }
                if dist[w] == dv + 1 {
                    sigma[w] += sv;
                }
            }
        }
        // backward: a successor of v is an out-neighbour one step further from s
        for &v in order.iter().rev() {
            let v = v as usize;
            let (dv, sv) = (dist[v], sigma[v]);
            let mut d = 0.0;
            for &w in g.out(v) {
                let w = w as usize;
                if dist[w] == dv + 1 {
                    d += sv / sigma[w] * (1.0 + delta[w]);
                }
            }
            delta[v] = d;
            if v != s {
                acc[v] += d;
            }
        }
        for &v in order.iter() {
            let v = v as usize;
            dist[v] = -1;
            sigma[v] = 0.0;
            delta[v] = 0.0;
        }
    }
}

/// Blocks of sources summed separately: enough to keep two to eight cores busy, few enough
/// that their partial sums (one `f64` per node each) stay small.
const BLOCKS: usize = 32;

/// Betweenness of every node, normalised like networkx and rustworkx
/// (`normalized=True, endpoints=False`): divided by (n − 1)(n − 2), for directed and undirected
/// graphs alike (an undirected pair is counted once from each end).
pub fn betweenness(g: &Csr) -> Vec<f64> {
    let n = g.len();
    if n == 0 {
        return Vec::new();
    }
    let block = n.div_ceil(BLOCKS);
    let partials: Vec<Vec<f64>> = (0..n)
        .step_by(block)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|start| {
            let mut scratch = Scratch::new(n);
            let mut acc = vec![0.0; n];
            for s in start..(start + block).min(n) {
                scratch.source(g, s, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for p in &partials {
        for (t, x) in total.iter_mut().zip(p) {
            *t += x;
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for t in &mut total {
            *t *= scale;
        }
    }
    total
}

/// Closeness of every node with the Wasserman–Faust correction, as networkx and rustworkx
/// define it: (r − 1)/Σd · (r − 1)/(n − 1) over the r nodes that reach it (itself included),
/// by incoming distance, so a directed graph is searched along reversed arcs.
pub fn closeness(reversed: &Csr) -> Vec<f64> {
    let n = reversed.len();
    if n < 2 {
        return vec![0.0; n];
    }
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![-1i32; n], Vec::with_capacity(n)),
            |(dist, order), s| {
                order.clear();
                dist[s] = 0;
                order.push(s as u32);
                let (mut head, mut total) = (0, 0u64);
                while head < order.len() {
                    let v = order[head] as usize;
                    head += 1;
                    total += dist[v] as u64;
                    for &w in reversed.out(v) {
                        if dist[w as usize] < 0 {
                            dist[w as usize] = dist[v] + 1;
                            order.push(w);
                        }
                    }
                }
                let reached = order.len() as f64 - 1.0;
                for &v in order.iter() {
                    dist[v as usize] = -1;
                }
                if total == 0 {
                    0.0
                } else {
                    reached / total as f64 * (reached / (n - 1) as f64)
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undirected(n: usize, edges: &[(usize, usize)]) -> Csr {
        Csr::from_arcs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
    }

    #[test]
    fn a_path_and_a_star_by_hand() {
        // path 0-1-2-3: node 1 lies on 0–2 and 0–3, node 2 on 0–3 and 1–3; C(3,2) = 3 pairs
        let bc = betweenness(&undirected(4, &[(0, 1), (1, 2), (2, 3)]));
        assert_eq!(bc, vec![0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
        // star: the centre is on every one of the C(4,2) = 6 leaf pairs
        let bc = betweenness(&undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]));
        assert_eq!(bc, vec![1.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn two_shortest_paths_share_the_credit() {
        // square 0-1-3, 0-2-3: 1 and 2 each carry half of the 0–3 paths; 1 of C(3,2) = 3 pairs
        let bc = betweenness(&undirected(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]));
        for (v, x) in bc.iter().enumerate() {
            assert!((x - 1.0 / 6.0).abs() < 1e-15, "node {v}: {x}");
        }
    }

    #[test]
    fn directed_arcs_count_one_way() {
        // 0 → 1 → 2: only the pair (0, 2) passes through 1; (n-1)(n-2) = 2
        let g = Csr::from_arcs(3, [(0, 1), (1, 2)].into_iter());
        assert_eq!(betweenness(&g), vec![0.0, 0.5, 0.0]);
    }

    #[test]
    fn closeness_by_hand() {
        // path 0-1-2: the middle is at distance 1 from both ends, an end at 1 + 2
        let c = closeness(&undirected(3, &[(0, 1), (1, 2)]));
        assert_eq!(c, vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
        // two components {0,1} and {2}: 0 reaches 1 of the 2 others at distance 1, so
        // 1/1 · 1/2; the isolated node gets 0
        let c = closeness(&undirected(3, &[(0, 1)]));
        assert_eq!(c, vec![0.5, 0.5, 0.0]);
        // 0 → 1 → 2 searched backwards: 2 is reached from 1 (1 step) and 0 (2 steps)
        let reversed = Csr::from_arcs(3, [(1, 0), (2, 1)].into_iter());
        assert_eq!(closeness(&reversed), vec![0.0, 0.5, 2.0 / 3.0]);
    }

    #[test]
    fn empty_and_tiny_graphs() {
        assert!(betweenness(&Csr::from_arcs(0, std::iter::empty())).is_empty());
        assert_eq!(
            betweenness(&undirected(2, &[(0, 1)])),
            vec![0.0, 0.0],
            "no node lies between two"
        );
    }
}
