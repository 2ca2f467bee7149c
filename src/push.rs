//! `vnkg push`: copy the named graphs to another SPARQL 1.1 store, through the Graph Store
//! HTTP Protocol (one PUT per graph, which replaces it there) or SPARQL Update (DROP + INSERT
//! DATA per graph), with basic or bearer authentication and retries with back-off. This is how
//! a graph moves from the embedded store to a shared or clustered one.

use crate::rdf::KgStore;
use crate::{Error, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedOrBlankNode;
use std::time::Duration;

#[derive(Clone, Debug)]
pub enum Auth {
    None,
    Basic { user: String, password: String },
    Bearer(String),
}

#[derive(Clone, Debug)]
pub enum Method {
    /// Graph Store Protocol endpoint (e.g. http://host:7878/store).
    GraphStore(String),
    /// SPARQL Update endpoint (e.g. http://host:7878/update).
    Update(String),
}

#[derive(Clone, Debug)]
pub struct PushOptions {
    pub method: Method,
    pub auth: Auth,
    pub retries: u32,
    pub backoff: Duration,
    /// Only these graphs (all named graphs when empty).
    pub graphs: Vec<String>,
    /// Only article graphs modified at or after this xsd:dateTime (plus the analytics graph).
    pub since: Option<String>,
}

impl PushOptions {
    /// Every graph, three retries half a second apart: what both `push` and `ingest --server`
    /// start from.
    pub fn new(method: Method, auth: Auth) -> PushOptions {
        PushOptions {
            method,
            auth,
            retries: 3,
            backoff: Duration::from_millis(500),
            graphs: Vec::new(),
            since: None,
        }
    }
}

#[derive(Debug, Default)]
pub struct PushReport {
    pub graphs: usize,
    pub triples: usize,
    pub retries: usize,
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Why a request failed: the server's answer, or no answer at all.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("HTTP {status}: {message}")]
    Status { status: u16, message: String },
    #[error("{0}")]
    Transport(Box<ureq::Transport>),
}

impl SendError {
    /// A 4xx is the server saying no: sending the same request again cannot help.
    fn is_refusal(&self) -> bool {
        matches!(
            self,
            SendError::Status {
                status: 400..=499,
                ..
            }
        )
    }
}

fn send(
    agent: &ureq::Agent,
    opts: &PushOptions,
    graph: &str,
    ntriples: &[u8],
) -> std::result::Result<(), SendError> {
    let (url, ct, body): (String, &str, Vec<u8>) = match &opts.method {
        Method::GraphStore(base) => {
            let sep = if base.contains('?') { '&' } else { '?' };
            (
                format!("{base}{sep}graph={}", encode(graph)),
                "application/n-triples",
                ntriples.to_vec(),
            )
        }
        Method::Update(url) => {
            let data = String::from_utf8_lossy(ntriples);
            (
                url.clone(),
                "application/sparql-update",
                format!(
                    "DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}"
                )
                .into_bytes(),
            )
        }
    };
    let mut req = match &opts.method {
        Method::GraphStore(_) => agent.put(&url),
        Method::Update(_) => agent.post(&url),
    }
    .set("Content-Type", ct);
    req = match &opts.auth {
        Auth::None => req,
        Auth::Bearer(t) => req.set("Authorization", &format!("Bearer {t}")),
        Auth::Basic { user, password } => {
            use base64::Engine;
            let b64 =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            req.set("Authorization", &format!("Basic {b64}"))
        }
    };
    match req.send_bytes(&body) {
        Ok(_) => Ok(()),
        Err(ureq::Error::Status(status, resp)) => Err(SendError::Status {
            status,
            message: resp
                .into_string()
                .unwrap_or_default()
                .lines()
                .next()
                .unwrap_or("")
                .to_string(),
        }),
        Err(ureq::Error::Transport(t)) => Err(SendError::Transport(Box::new(t))),
    }
}

pub(crate) fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build()
}

/// Sends one graph (N-Triples), retrying transient failures with back-off (never a 4xx: the
/// server said no). Returns the number of retries.
pub(crate) fn send_with_retries(
    agent: &ureq::Agent,
    opts: &PushOptions,
    graph: &str,
    ntriples: &[u8],
) -> Result<usize> {
    let mut attempt = 0;
    loop {
        match send(agent, opts, graph, ntriples) {
            Ok(()) => return Ok(attempt as usize),
            Err(e) if attempt < opts.retries && !e.is_refusal() => {
                attempt += 1;
                std::thread::sleep(opts.backoff * 2u32.pow(attempt - 1));
            }
            Err(source) => {
                return Err(Error::Push {
                    graph: graph.to_string(),
                    source,
                })
            }
        }
    }
}

/// Pushes every named graph (or those in `opts.graphs`).
pub fn push(store: &KgStore, opts: &PushOptions) -> Result<PushReport> {
    let agent = agent();
    let mut report = PushReport::default();
    let mut graphs = Vec::new();
    let changed: Option<Vec<String>> = match &opts.since {
        None => None,
        Some(t) => {
            if !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+'))
            {
                return Err(Error::Data {
                    path: "--since".into(),
                    message: format!("'{t}' is not a date-time like 2026-11-23T20:00:00Z"),
                });
            }
            let rows = store.select(&format!(
                // the articles changed since, and the graphs of the teasers they carry
                "SELECT DISTINCT ?g WHERE {{ GRAPH ?ag {{ ?a a vnkg:Article ; dcterms:modified ?m }} FILTER(?m >= \"{t}\"^^xsd:dateTime)
                   {{ GRAPH ?g {{ ?a a vnkg:Article }} }} UNION {{ GRAPH ?ag {{ ?story dcterms:isPartOf ?a }} ?story vnkg:isTeaser true
                     BIND(IRI(CONCAT(\"https://w3id.org/vnkg/graph/story/\", STRAFTER(STR(?story), \"/id/story/\"))) AS ?g) }} }}"
            ))?;
            let mut v: Vec<String> = rows.into_iter().filter_map(|r| r[0].clone()).collect();
            v.push(crate::rdf::vocab::ANALYTICS_GRAPH.as_str().to_string());
            Some(v)
        }
    };
    for g in store.store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g? {
            let wanted = opts.graphs.is_empty() || opts.graphs.iter().any(|x| x == n.as_str());
            let recent = changed
                .as_ref()
                .is_none_or(|c| c.iter().any(|x| x == n.as_str()));
            if wanted && recent {
                graphs.push(n);
            }
        }
    }
    for g in graphs {
        let mut buf = Vec::new();
        let mut triples = 0;
        {
            let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut buf);
            for q in store
                .store
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
            {
                let q = q?;
                w.serialize_triple(oxigraph::model::TripleRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                ))
                .map_err(Error::Write)?;
                triples += 1;
            }
            w.finish().map_err(Error::Write)?;
        }
        report.retries += send_with_retries(&agent, opts, g.as_str(), &buf)?;
        report.graphs += 1;
        report.triples += triples;
    }
    Ok(report)
}
