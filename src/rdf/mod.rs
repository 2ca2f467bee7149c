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
