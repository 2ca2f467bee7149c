//! From extraction to RDF: IRIs and terms ([`vocab`]), the mapping of an article's extraction
//! to quads in its own named graph ([`mapping`]), the Oxigraph store ([`store`]) and SPARQL
//! result formatting ([`results`]).

pub mod mapping;
pub mod results;
pub mod store;
pub mod term;
pub mod views;
pub mod vocab;

pub use mapping::{article_graph, map_article, MappedArticle, Provenance};
pub use store::KgStore;

/// The article(s) of sentence `?sn` (of story `?story`, in graph `?g`) as `?a`: the article
/// of its graph for a main story; every article carrying it (`dcterms:isPartOf`, in their own
/// graphs) for a teaser, which has a graph of its own. Going through the story alone would
/// pair a story pasted into two files with both files' sentences.
pub const ARTICLE_OF_SENTENCE: &str = "GRAPH ?ag { ?story dcterms:isPartOf ?a } FILTER(?ag = ?g || STRSTARTS(STR(?g), \"https://w3id.org/vnkg/graph/story/\"))";
