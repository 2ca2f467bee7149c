//! Communities by the Louvain method (Blondel et al., 2008) on the weighted undirected graph,
//! and Newman's modularity to judge them (tested against networkx).

use super::AnalysisGraph;
use std::collections::BTreeMap;

/// The communities of more than one member, largest first, each listing its members by
/// descending `score` (PageRank, say): what a reader scans for "who works with whom".
pub fn ranked_groups(communities: &[usize], score: &[f64]) -> Vec<Vec<usize>> {
    let count = communities.iter().max().map_or(0, |m| m + 1);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &c) in communities.iter().enumerate() {
        groups[c].push(i);
    }
    groups.retain(|g| g.len() > 1);
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    for g in &mut groups {
        g.sort_by(|&x, &y| score[y].total_cmp(&score[x]));
    }
    groups
}

/// Community id of each node (ids are 0.. in order of first appearance).
pub fn louvain(g: &AnalysisGraph) -> Vec<usize> {
    let n = g.nodes.len();
    // adjacency of the current level, self-loop weight kept apart
    let mut adj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for l in &g.links {
        *adj[l.source].entry(l.target).or_insert(0.0) += l.weight;
        *adj[l.target].entry(l.source).or_insert(0.0) += l.weight;
    }
    let mut selfw = vec![0.0; n];
    let m: f64 = g.links.iter().map(|l| l.weight).sum();
    let mut membership: Vec<usize> = (0..n).collect();
    if m == 0.0 {
        return renumber(&membership);
    }
    loop {
        let size = adj.len();
        let k: Vec<f64> = (0..size)
            .map(|i| adj[i].values().sum::<f64>() + 2.0 * selfw[i])
            .collect();
        let mut comm: Vec<usize> = (0..size).collect();
        let mut tot: Vec<f64> = k.clone();
        let mut moved_any = false;
        loop {
            let mut moved = false;
            for i in 0..size {
                let ci = comm[i];
                tot[ci] -= k[i];
                let mut links_to: BTreeMap<usize, f64> = BTreeMap::new();
                for (&j, &w) in &adj[i] {
                    *links_to.entry(comm[j]).or_insert(0.0) += w;
                }
                let gain = |c: usize, kin: f64| kin - tot[c] * k[i] / (2.0 * m);
                let mut best = ci;
                let mut best_gain = gain(ci, links_to.get(&ci).copied().unwrap_or(0.0));
                for (&c, &kin) in &links_to {
                    let gn = gain(c, kin);
                    if gn > best_gain + 1e-12 {
                        best = c;
                        best_gain = gn;
                    }
                }
                tot[best] += k[i];
                if best != ci {
                    comm[i] = best;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        if !moved_any {
            break;
        }
        // aggregate communities into nodes
        let ids = renumber(&comm);
        let cn = ids.iter().max().map(|x| x + 1).unwrap_or(0);
        let mut nadj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); cn];
        let mut nself = vec![0.0; cn];
        for i in 0..size {
            nself[ids[i]] += selfw[i];
            for (&j, &w) in &adj[i] {
                if ids[i] == ids[j] {
                    if i < j {
                        nself[ids[i]] += w;
                    }
                } else {
                    *nadj[ids[i]].entry(ids[j]).or_insert(0.0) += w;
                }
            }
        }
        for v in membership.iter_mut() {
            *v = ids[*v];
        }
        adj = nadj;
        selfw = nself;
    }
    renumber(&membership)
}

fn renumber(c: &[usize]) -> Vec<usize> {
    let mut map = BTreeMap::new();
    c.iter()
        .map(|x| {
            let next = map.len();
            *map.entry(*x).or_insert(next)
        })
        .collect()
}

/// Newman's weighted modularity of a partition.
pub fn modularity(g: &AnalysisGraph, comm: &[usize]) -> f64 {
    let m: f64 = g.links.iter().map(|l| l.weight).sum();
    if m == 0.0 {
        return 0.0;
    }
    let k = crate::analyze::centrality::degrees(g).1;
    let mut inside: BTreeMap<usize, f64> = BTreeMap::new();
    let mut tot: BTreeMap<usize, f64> = BTreeMap::new();
    for l in &g.links {
        if comm[l.source] == comm[l.target] {
            *inside.entry(comm[l.source]).or_insert(0.0) += l.weight;
        }
    }
    for (i, c) in comm.iter().enumerate() {
        *tot.entry(*c).or_insert(0.0) += k[i];
    }
    tot.iter()
        .map(|(c, t)| inside.get(c).copied().unwrap_or(0.0) / m - (t / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_a_bridge_are_two_communities() {
        let g = AnalysisGraph::from_edges(
            6,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
                (2, 3, 1.0),
            ],
            false,
        );
        let c = louvain(&g);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_eq!(c[3], c[4]);
        assert_ne!(c[0], c[3]);
        // by hand: m = 7, each side has 3 inner edges and degree sum 7: 2 * (3/7 - (7/14)^2)
        assert!((modularity(&g, &c) - 2.0 * (3.0 / 7.0 - 0.25)).abs() < 1e-12);
    }
}
