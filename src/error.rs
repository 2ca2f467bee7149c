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
    #[error("{path}: cannot write: {source}")]
    WriteFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is empty (no article text)")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file ({reason}), not an article")]
    Binary { path: PathBuf, reason: String },
    /// A web page whose bytes are not the text its charset says.
    #[error("{path}: {message}")]
    Charset { path: PathBuf, message: String },
    /// A web page with no article body (an index page, a section front, a login page).
    #[error("{path}: no article text found in the page ({reason})")]
    NoArticle { path: PathBuf, reason: String },
    /// A web archive that ends in the middle of a record (a crawl cut short) or is not WARC.
    #[error("{path}: {message} ({records} good record(s) read)")]
    Warc {
        path: PathBuf,
        records: usize,
        message: String,
    },
    #[error("{path}: file is {size} bytes, over the {limit}-byte limit for one article (raise it with --max-bytes)")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: no article files (.txt, .html, .htm, .warc, .warc.gz) found")]
    NoArticles { path: PathBuf },
    #[error("{path}: {message}")]
    Data { path: PathBuf, message: String },
    /// A data file (Turtle) that does not parse; `line` and `column` count from 1.
    #[error("{path}: {source}")]
    Syntax {
        path: PathBuf,
        line: u64,
        column: u64,
        #[source]
        source: oxigraph::io::RdfSyntaxError,
    },
    #[error("{path}: no N-Quads shards (.nq, .nq.gz, Spark's part-*) found")]
    NoShards { path: PathBuf },
    /// A line of an N-Quads shard that does not parse.
    #[error("{path} line {line} column {column}: {message}")]
    ShardSyntax {
        path: PathBuf,
        line: usize,
        column: u64,
        message: String,
    },
    /// A quad of a shard outside the article and story graphs `vnkg extract` writes.
    #[error("{path} line {line}: quad in {graph}; vnkg load takes only article and story graphs (<https://w3id.org/vnkg/graph/article/…>, <…/graph/story/…>), as `vnkg extract --format nquads` writes them")]
    ShardGraph {
        path: PathBuf,
        line: usize,
        graph: String,
    },
    #[error("SPARQL syntax error: {0}")]
    SparqlSyntax(String),
    #[error("SPARQL evaluation failed: {0}")]
    SparqlEval(#[source] oxigraph::sparql::QueryEvaluationError),
    #[error("SPARQL evaluation failed: {0}: SERVICE (federated query) is switched off; vnkg queries only its own store")]
    ServiceForbidden(#[source] oxigraph::sparql::QueryEvaluationError),
    #[error("expected a SELECT query")]
    NotSelect,
    #[error("store at {path} is in use by another process (a running `vnkg serve`, build or ingest). Wait for it or stop it; to add articles while a server runs, start it with --allow-update and send them through it: `VNKG_TOKEN=... vnkg ingest --server http://HOST:PORT FILE...`; or build elsewhere with --store DIR")]
    StoreLocked { path: PathBuf },
    #[error("store at {path}: {message}")]
    Store { path: PathBuf, message: String },
    /// A store written by a vnkg with another data model: never read or written as this one.
    #[error("store at {path} holds data model {found}; this vnkg reads and writes model {expected} (compact provenance, teasers stored once). Rebuild it: remove the directory and run `vnkg build`, or build into another --store")]
    OtherModel {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("unknown entity '{name}'{suggestions}")]
    UnknownEntity { name: String, suggestions: String },
    #[error("unknown format '{name}' (expected {expected})")]
    UnknownFormat {
        name: String,
        expected: &'static str,
    },
    #[error("pushing <{graph}>: {source}")]
    Push {
        graph: String,
        #[source]
        source: crate::push::SendError,
    },
    #[error("write failed: {0}")]
    Write(#[source] std::io::Error),
}

/// One input a run left out (a file, a line of standard input), and why. The run goes on
/// without it, reports it on one line, and exits non-zero.
#[derive(Debug, thiserror::Error)]
pub enum Skipped {
    /// A file that could not be read (the error names it).
    #[error(transparent)]
    File(Error),
    #[error("{path}: same article id '{id}' as {other}; rename one of them")]
    DuplicateId {
        path: PathBuf,
        id: String,
        other: PathBuf,
    },
    #[error("{path}: cannot serialize its triples: {source}")]
    Serialize {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A page of a web archive with no article (an index page, a section front): counted in
    /// the summary, not an error.
    #[error("{path}: no article in the page")]
    NoArticle { path: PathBuf },
    /// A line of JSON Lines on standard input that is not an article.
    #[error("standard input line {line}: {reason}")]
    Line { line: usize, reason: String },
}

impl Error {
    /// A parse error in a data file, with where it is.
    pub fn syntax(path: PathBuf, source: oxigraph::io::RdfSyntaxError) -> Error {
        let start = source.location().map(|l| l.start);
        Error::Syntax {
            path,
            line: start.map_or(0, |p| p.line + 1),
            column: start.map_or(0, |p| p.column + 1),
            source,
        }
    }

    /// A query's evaluation error; SERVICE gets its own variant, since the fix (query the
    /// other store yourself) differs from every other evaluation error's.
    pub fn from_evaluation(e: oxigraph::sparql::QueryEvaluationError) -> Error {
        if is_service(&e) {
            Error::ServiceForbidden(e)
        } else {
            Error::SparqlEval(e)
        }
    }
}

/// Whether evaluation failed on a SERVICE clause (vnkg never calls other endpoints).
pub fn is_service(e: &oxigraph::sparql::QueryEvaluationError) -> bool {
    use oxigraph::sparql::QueryEvaluationError as E;
    matches!(
        e,
        E::UnsupportedService(_) | E::Service(_) | E::UnboundService | E::InvalidServiceName(_)
    )
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
