//! Graph analytics. [`projection`] reads the entity network out of the store (the only part
//! that knows RDF); [`graph`] turns it into a petgraph graph; [`centrality`] (with [`bfs`]), [`paths`] and
//! [`communities`] work on plain petgraph structures; [`writeback`] stores the results as RDF.

pub mod bfs;
pub mod centrality;
pub mod communities;
pub mod graph;
pub mod paths;
pub mod projection;
pub mod writeback;

pub use graph::{AnalysisGraph, ProjectOptions};

use crate::rdf::KgStore;
use crate::Result;

/// Everything `vnkg analyze` computes.
pub struct Analysis {
    pub graph: AnalysisGraph,
    pub scores: centrality::Scores,
    pub communities: Vec<usize>,
    pub modularity: f64,
}

/// Projects the store and computes centralities and communities.
pub fn analyze(store: &KgStore, opts: &ProjectOptions) -> Result<Analysis> {
    let net = projection::Network::from_store(store)?;
    let graph = AnalysisGraph::from_network(&net, opts);
    let scores = centrality::compute_all(&graph);
    let communities = communities::louvain(&graph);
    let modularity = communities::modularity(&graph, &communities);
    Ok(Analysis {
        graph,
        scores,
        communities,
        modularity,
    })
}

/// Analyses the whole network (undirected) and writes the results to the analytics graph.
pub fn analyze_and_write(store: &KgStore) -> Result<Analysis> {
    let a = analyze(store, &ProjectOptions::default())?;
    writeback::write(store, &a.graph, &a.scores, &a.communities)?;
    // out of the write-ahead log now, not at the next open (see the end of `ingest`)
    store.flush()?;
    Ok(a)
}
