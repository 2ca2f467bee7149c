//! Library errors: each names the file (or query) and what is wrong with it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is empty (no article text)")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file ({reason}), not an article")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: looks like an HTML page; save the article's text as a .txt file instead")]
    Html { path: PathBuf },
    #[error("{path}: file is {size} bytes, over the {limit}-byte limit for one article (raise it with --max-bytes)")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: no article files (.txt) found")]
    NoArticles { path: PathBuf },
    #[error("{path}: {message}")]
    Data { path: PathBuf, message: String },
    #[error("SPARQL syntax error: {0}")]
    SparqlSyntax(String),
    #[error("SPARQL evaluation failed: {0}")]
    SparqlEval(String),
    #[error("store at {path} is in use by another process (a running `vnkg serve`, build or ingest). Wait for it or stop it; to add articles while a server runs, start it with --allow-update and send them through it: `VNKG_TOKEN=... vnkg ingest --server http://HOST:PORT FILE...`; or build elsewhere with --store DIR")]
    StoreLocked { path: PathBuf },
    #[error("store at {path}: {message}")]
    Store { path: PathBuf, message: String },
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("unknown entity '{name}'{suggestions}")]
    UnknownEntity { name: String, suggestions: String },
    #[error("unknown format '{name}' (expected {expected})")]
    UnknownFormat {
        name: String,
        expected: &'static str,
    },
    #[error("write failed: {0}")]
    Write(String),
}

impl Error {
    /// A query's evaluation error, with what to do where oxigraph's own words leave the user
    /// guessing.
    pub fn from_evaluation(e: oxigraph::sparql::QueryEvaluationError) -> Error {
        let msg = e.to_string();
        if msg.starts_with("The service") {
            Error::SparqlEval(format!(
                "{msg}: SERVICE (federated query) is switched off; vnkg queries only its own store"
            ))
        } else {
            Error::SparqlEval(msg)
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
