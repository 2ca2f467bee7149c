//! Centrality scores. Eigenvector comes from rustworkx-core, betweenness and closeness from
//! [`super::bfs`] (faster than rustworkx's and python-igraph's, benches/RESULTS.md);
//! PageRank is a sparse power iteration written here because petgraph's `page_rank` is
//! quadratic in the number of nodes and leaves out the teleport share of linked nodes, so it
//! neither scales nor matches the usual definition (tests compare ours with networkx).

use super::AnalysisGraph;
use rustworkx_core::centrality::eigenvector_centrality;
use std::convert::Infallible;

/// The measures `vnkg rank --by` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Degree,
    #[value(alias = "weighted_degree", alias = "weighteddegree")]
    WeightedDegree,
    #[value(name = "pagerank")]
    PageRank,
    Betweenness,
    Closeness,
    Eigenvector,
}

impl Measure {
    pub const ALL: [Measure; 6] = [
        Measure::Degree,
        Measure::WeightedDegree,
        Measure::PageRank,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Eigenvector,
    ];

    /// Name used on the command line and as the ontology property's local name.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::WeightedDegree => "weightedDegree",
            Measure::PageRank => "pagerank",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Eigenvector => "eigenvector",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        let k = s.to_lowercase().replace(['-', '_'], "");
        Measure::ALL
            .into_iter()
            .find(|m| m.name().to_lowercase() == k)
    }
}

/// All scores, indexed like [`AnalysisGraph::nodes`].
#[derive(Debug, Clone)]
pub struct Scores {
    pub degree: Vec<f64>,
    pub weighted_degree: Vec<f64>,
    pub pagerank: Vec<f64>,
    pub betweenness: Vec<f64>,
    pub closeness: Vec<f64>,
    pub eigenvector: Vec<f64>,
}

impl Scores {
    pub fn get(&self, m: Measure) -> &[f64] {
        match m {
            Measure::Degree => &self.degree,
            Measure::WeightedDegree => &self.weighted_degree,
            Measure::PageRank => &self.pagerank,
            Measure::Betweenness => &self.betweenness,
            Measure::Closeness => &self.closeness,
            Measure::Eigenvector => &self.eigenvector,
        }
    }
}

pub fn compute_all(g: &AnalysisGraph) -> Scores {
    let (degree, weighted_degree) = degrees(g);
    Scores {
        degree,
        weighted_degree,
        pagerank: pagerank(g, 0.85, 1e-12, 1000),
        betweenness: betweenness(g),
        closeness: closeness(g),
        eigenvector: eigenvector(g),
    }
}

/// Number of neighbours and sum of edge weights (out-going only for a directed graph, like
/// networkx's `out_degree`).
pub fn degrees(g: &AnalysisGraph) -> (Vec<f64>, Vec<f64>) {
    let adj = g.adjacency();
    (
        adj.iter().map(|a| a.len() as f64).collect(),
        // fold from +0.0: `sum()` of nothing is -0.0 in Rust, written as "-0" for isolated nodes
        adj.iter()
            .map(|a| a.iter().fold(0.0, |s, x| s + x.1))
            .collect(),
    )
}

/// Weighted PageRank with uniform teleport and dangling mass spread uniformly (networkx's
/// definition). Stops when the L1 change is below `n * tol`.
pub fn pagerank(g: &AnalysisGraph, alpha: f64, tol: f64, max_iter: usize) -> Vec<f64> {
    let n = g.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let adj = g.adjacency();
    let out_w: Vec<f64> = adj.iter().map(|a| a.iter().map(|x| x.1).sum()).collect();
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..max_iter {
        let dangling: f64 = (0..n).filter(|&i| out_w[i] == 0.0).map(|i| x[i]).sum();
        let base = (1.0 - alpha) / n as f64 + alpha * dangling / n as f64;
        let mut next = vec![base; n];
        for (i, a) in adj.iter().enumerate() {
            if out_w[i] > 0.0 {
                let share = alpha * x[i] / out_w[i];
                for &(j, w) in a {
                    next[j] += share * w;
                }
            }
        }
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if err < n as f64 * tol {
            break;
        }
    }
    x
}

/// Shortest-path betweenness (unweighted, normalised, endpoints excluded).
pub fn betweenness(g: &AnalysisGraph) -> Vec<f64> {
    let r = super::bfs::betweenness(&csr(g, false));
    // 12 significant digits: scores read the same whichever implementation or summation
    // order produced them, and a rebuild of the same corpus must not change a single triple
    r.into_iter().map(|x| round_significant(x, 12)).collect()
}

fn round_significant(x: f64, digits: usize) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.*e}", digits - 1).parse().unwrap_or(x)
}

/// Closeness with the Wasserman–Faust correction for disconnected graphs (incoming distance
/// on a directed graph, as networkx).
pub fn closeness(g: &AnalysisGraph) -> Vec<f64> {
    super::bfs::closeness(&csr(g, true))
}

/// The graph's arcs as [`super::bfs::Csr`]; an undirected link gives both arcs.
fn csr(g: &AnalysisGraph, reversed: bool) -> super::bfs::Csr {
    let arcs = g.links.iter().flat_map(move |l| {
        let (a, b) = if reversed {
            (l.target, l.source)
        } else {
            (l.source, l.target)
        };
        let back = (!g.directed).then_some((b, a));
        std::iter::once((a, b)).chain(back)
    });
    super::bfs::Csr::from_arcs(g.nodes.len(), arcs)
}

/// Weighted eigenvector centrality by power iteration — rustworkx-core. Zeros when it does
/// not converge (a bipartite component can make it oscillate).
pub fn eigenvector(g: &AnalysisGraph) -> Vec<f64> {
    let r: Result<Option<Vec<f64>>, Infallible> = if g.directed {
        eigenvector_centrality(
            &g.directed_graph(),
            |e| Ok(*e.weight()),
            Some(10_000),
            Some(1e-10),
        )
    } else {
        eigenvector_centrality(
            &g.undirected(),
            |e| Ok(*e.weight()),
            Some(10_000),
            Some(1e-10),
        )
    };
    match r {
        Ok(Some(v)) => v,
        _ => vec![0.0; g.nodes.len()],
    }
}

/// Node indices sorted by a score, best first (ties by label for stable output).
pub fn ranking(g: &AnalysisGraph, scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..g.nodes.len()).collect();
    idx.sort_by(|&a, &b| {
        scores[b]
            .partial_cmp(&scores[a])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| g.nodes[a].label.cmp(&g.nodes[b].label))
    });
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betweenness_and_closeness_agree_with_rustworkx_on_random_graphs() {
        use crate::analyze::projection::Network;
        use crate::analyze::ProjectOptions;
        for (n, seed) in [(60, 1), (300, 2), (1000, 3)] {
            let net = Network::random(n, 3 * n, seed);
            let mut g = AnalysisGraph::from_network(&net, &ProjectOptions::default());
            for directed in [false, true] {
                g.directed = directed;
                let ours = betweenness(&g);
                let our_cl = closeness(&g);
                let (theirs, their_cl) = if directed {
                    let d = g.directed_graph();
                    (
                        rustworkx_core::centrality::betweenness_centrality(&d, false, true, 50),
                        rustworkx_core::centrality::closeness_centrality(&d, true, 50),
                    )
                } else {
                    let u = g.undirected();
                    (
                        rustworkx_core::centrality::betweenness_centrality(&u, false, true, 50),
                        rustworkx_core::centrality::closeness_centrality(&u, true, 50),
                    )
                };
                for (v, (a, b)) in our_cl.iter().zip(&their_cl).enumerate() {
                    let b = b.unwrap_or(0.0);
                    assert!(
                        (a - b).abs() <= 1e-12,
                        "closeness n={n} directed={directed} node {v}: {a} vs rustworkx {b}"
                    );
                }
                assert_eq!(ours.len(), theirs.len());
                assert!(ours.iter().any(|&x| x > 0.0));
                for (v, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                    let b = b.unwrap_or(0.0);
                    assert!(
                        (a - b).abs() <= 1e-9 * b.abs().max(1e-12),
                        "n={n} directed={directed} node {v}: {a} vs rustworkx {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn pagerank_of_a_star_favours_the_hub() {
        let g = AnalysisGraph::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)], false);
        let pr = pagerank(&g, 0.85, 1e-12, 1000);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[0] > pr[1] && (pr[1] - pr[2]).abs() < 1e-12);
        // closed form for a star with k leaves: hub = (1 - a)/n + a * k * leaf, leaf = (1 - a)/n + a * hub / k
        let (a, n, k) = (0.85, 4.0, 3.0);
        let hub = ((1.0 - a) / n + a * k * (1.0 - a) / n) / (1.0 - a * a);
        assert!((pr[0] - hub).abs() < 1e-9, "{} vs {hub}", pr[0]);
    }
}
