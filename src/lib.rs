//! vnkg: French news about Vietnam's S&T cooperation → knowledge graph.
//!
//! Data flows one way: [`corpus`] (read, clean, segment) → [`extract`] (mentions, entities,
//! relations with evidence) → [`rdf`] (map to the ontology, load the Oxigraph store) →
//! [`export`] (RDF formats, GraphML, CSV).
//!
//! No `unwrap`/`expect` outside tests: bad input must come back as an [`Error`] naming the
//! file and what is wrong, never as a panic (clippy enforces it; `text::regex` is the one
//! allowed exception, for the crate's own constant patterns).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod analyze;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod load;
pub mod pipeline;
pub mod push;
pub mod rdf;
pub mod serve;
pub mod stream;
pub mod summary;
pub mod text;
pub mod validate;

pub use error::{Error, Result, Skipped};

/// Version stamped on every article graph so a reader knows which rules produced it.
pub const EXTRACTOR_VERSION: &str = concat!("vnkg-", env!("CARGO_PKG_VERSION"));
