//! Scores and communities written back to the store, in their own named graph, so SPARQL can
//! sort and filter by them and the exports carry them.

use super::centrality::{Measure, Scores};
use super::AnalysisGraph;
use crate::rdf::term;
use crate::rdf::vocab::{nn, vnkg};
use crate::rdf::KgStore;
use crate::Result;
use oxigraph::model::{GraphName, Literal, Quad};

pub fn analytics_graph() -> GraphName {
    crate::rdf::vocab::ANALYTICS_GRAPH.into_owned().into()
}

/// Replaces the analytics graph with these results (one transaction).
pub fn write(
    store: &KgStore,
    g: &AnalysisGraph,
    scores: &Scores,
    communities: &[usize],
) -> Result<usize> {
    let ag = analytics_graph();
    let mut quads = Vec::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let s = nn(&n.iri);
        for m in Measure::ALL {
            let v = scores.get(m)[i];
            let lit = if m == Measure::Degree {
                Literal::from(v as i64)
            } else {
                Literal::from(v)
            };
            quads.push(Quad::new(s.clone(), vnkg(m.name()), lit, ag.clone()));
        }
        quads.push(Quad::new(
            s.clone(),
            term::prop::COMMUNITY,
            Literal::from(communities[i] as i64),
            ag.clone(),
        ));
    }
    store.replace_graph(&ag, &quads)?;
    Ok(quads.len())
}
