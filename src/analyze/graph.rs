//! From the entity network to a simple weighted graph: parallel relations between two entities
//! become one edge whose weight is the sum of their supporting-story counts.

use super::projection::{Edge, Network, Node};
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use std::collections::BTreeMap;

/// Which part of the network to analyse.
#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    /// Top-level classes to keep (Actor, Country, Initiative, Policy, Sector); all when empty.
    pub classes: Vec<String>,
    /// Relations to keep (cooperatesWith, metWith, ...); all when empty.
    pub relations: Vec<String>,
    pub directed: bool,
}

/// One edge of the simple graph, with the relations behind it.
#[derive(Debug, Clone)]
pub struct Link {
    pub source: usize,
    pub target: usize,
    pub weight: f64,
    /// The network edges merged into this link (indices into [`AnalysisGraph::facts`]).
    pub facts: Vec<usize>,
}

/// A simple graph (no parallel edges, no self-loops) over a subset of the network.
#[derive(Debug, Clone)]
pub struct AnalysisGraph {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    pub facts: Vec<Edge>,
    pub directed: bool,
}

impl AnalysisGraph {
    pub fn from_network(net: &Network, opts: &ProjectOptions) -> AnalysisGraph {
        let keep_class = |n: &Node| {
            opts.classes.is_empty()
                || opts
                    .classes
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(&n.top) || c.eq_ignore_ascii_case(&n.class))
        };
        let nodes: Vec<Node> = net
            .nodes
            .iter()
            .filter(|n| keep_class(n))
            .cloned()
            .collect();
        let index: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.iri.as_str(), i))
            .collect();
        let mut links: BTreeMap<(usize, usize), Link> = BTreeMap::new();
        let mut facts = Vec::new();
        for e in &net.edges {
            if !opts.relations.is_empty()
                && !opts
                    .relations
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(&e.relation))
            {
                continue;
            }
            let (Some(&s), Some(&t)) = (index.get(e.source.as_str()), index.get(e.target.as_str()))
            else {
                continue;
            };
            if s == t {
                continue;
            }
            let key = if opts.directed {
                (s, t)
            } else {
                (s.min(t), s.max(t))
            };
            let f = facts.len();
            facts.push(e.clone());
            let l = links.entry(key).or_insert(Link {
                source: key.0,
                target: key.1,
                weight: 0.0,
                facts: Vec::new(),
            });
            l.weight += e.weight as f64;
            l.facts.push(f);
        }
        AnalysisGraph {
            nodes,
            links: links.into_values().collect(),
            facts,
            directed: opts.directed,
        }
    }

    /// Builds from plain edges (for tests and benchmarks): nodes 0..n.
    pub fn from_edges(n: usize, edges: &[(usize, usize, f64)], directed: bool) -> AnalysisGraph {
        let nodes = (0..n)
            .map(|i| Node {
                iri: format!("n{i}"),
                label: format!("n{i}"),
                class: String::new(),
                top: String::new(),
                country: String::new(),
                stories: 0,
                scores: Default::default(),
            })
            .collect();
        let mut links: BTreeMap<(usize, usize), Link> = BTreeMap::new();
        for &(s, t, w) in edges {
            if s == t {
                continue;
            }
            let key = if directed {
                (s, t)
            } else {
                (s.min(t), s.max(t))
            };
            links
                .entry(key)
                .or_insert(Link {
                    source: key.0,
                    target: key.1,
                    weight: 0.0,
                    facts: Vec::new(),
                })
                .weight += w;
        }
        AnalysisGraph {
            nodes,
            links: links.into_values().collect(),
            facts: Vec::new(),
            directed,
        }
    }

    pub fn undirected(&self) -> UnGraph<usize, f64> {
        let mut g = UnGraph::with_capacity(self.nodes.len(), self.links.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for l in &self.links {
            g.add_edge(NodeIndex::new(l.source), NodeIndex::new(l.target), l.weight);
        }
        g
    }

    pub fn directed_graph(&self) -> DiGraph<usize, f64> {
        let mut g = DiGraph::with_capacity(self.nodes.len(), self.links.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for l in &self.links {
            g.add_edge(NodeIndex::new(l.source), NodeIndex::new(l.target), l.weight);
            if !self.directed {
                g.add_edge(NodeIndex::new(l.target), NodeIndex::new(l.source), l.weight);
            }
        }
        g
    }

    /// Out-neighbours with weights (both directions for an undirected graph).
    pub fn adjacency(&self) -> Vec<Vec<(usize, f64)>> {
        let mut adj = vec![Vec::new(); self.nodes.len()];
        for l in &self.links {
            adj[l.source].push((l.target, l.weight));
            if !self.directed {
                adj[l.target].push((l.source, l.weight));
            }
        }
        adj
    }

    /// Index of a node by IRI.
    pub fn find(&self, iri: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.iri == iri)
    }
}
