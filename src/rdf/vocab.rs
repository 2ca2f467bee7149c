//! Namespaces, the named graphs, and IRIs built from a local name known only at run time
//! (a relation's predicate, a metric). Fixed terms are constants in `term`.

use oxigraph::model::{GraphName, NamedNode, NamedNodeRef};

pub const VNKG: &str = "https://w3id.org/vnkg/ontology#";
pub const ID: &str = "https://w3id.org/vnkg/id/";
pub const GRAPH: &str = "https://w3id.org/vnkg/graph/";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "https://schema.org/";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// The named graphs besides one per article (`graph/article/ID`).
pub const ONTOLOGY_GRAPH: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/vnkg/graph/ontology");
pub const GAZETTEER_GRAPH: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/vnkg/graph/gazetteer");
/// Centralities and communities (`vnkg analyze`).
pub const ANALYTICS_GRAPH: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/vnkg/graph/analytics");
/// The materialised counts the ranking queries read.
pub const VIEWS_GRAPH: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/vnkg/graph/views");

/// Prefixes written into Turtle/TriG output and offered to SPARQL users.
pub const PREFIXES: &[(&str, &str)] = &[
    ("vnkg", VNKG),
    ("id", ID),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("dcterms", DCT),
    ("prov", PROV),
    ("schema", SCHEMA),
    ("xsd", XSD),
    ("owl", OWL),
];

pub fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}
/// `nn` for an IRI just built: takes the string rather than copying it (mapping makes millions).
fn owned(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}
pub fn vnkg(local: &str) -> NamedNode {
    owned(format!("{VNKG}{local}"))
}
pub fn rdf_type() -> NamedNode {
    owned(format!("{RDF}type"))
}
pub fn graph(local: &str) -> GraphName {
    GraphName::NamedNode(owned(format!("{GRAPH}{local}")))
}

/// The graph holding the ontology and sector scheme.
pub fn ontology_graph() -> GraphName {
    ONTOLOGY_GRAPH.into_owned().into()
}
/// The graph holding the curated gazetteer.
pub fn gazetteer_graph() -> GraphName {
    GAZETTEER_GRAPH.into_owned().into()
}

/// SPARQL prologue with every prefix above.
pub fn sparql_prologue() -> String {
    PREFIXES
        .iter()
        .map(|(p, i)| format!("PREFIX {p}: <{i}>\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_constants_are_in_the_graph_namespace() {
        for g in [
            ONTOLOGY_GRAPH,
            GAZETTEER_GRAPH,
            ANALYTICS_GRAPH,
            VIEWS_GRAPH,
        ] {
            assert!(g.as_str().starts_with(GRAPH), "{g}");
            assert!(NamedNode::new(g.as_str()).is_ok(), "{g}");
        }
    }
}
