//! `vnkg push`: copy the named graphs to another SPARQL 1.1 store, through the Graph Store
//! HTTP Protocol (one PUT per graph, which replaces it there) or SPARQL Update (DROP + INSERT
//! DATA per graph), with a password (answered to the server's Basic or Digest challenge, as
//! `curl --anyauth` does) or a bearer token, and retries with back-off. This is how a graph
//! moves from the embedded store to a shared or clustered one.

use crate::rdf::KgStore;
use crate::{Error, Result};
use http_auth::{PasswordClient, PasswordParams};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedOrBlankNode;
use std::time::Duration;

#[derive(Clone, Debug)]
pub enum Auth {
    None,
    /// A user and password, sent only in answer to the server's challenge: Digest when the
    /// server offers it (Virtuoso's `/sparql-auth` offers only Digest), else Basic.
    User {
        user: String,
        password: String,
    },
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

    fn endpoint(&self) -> &str {
        match &self.method {
            Method::GraphStore(e) | Method::Update(e) => e,
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
    /// A 401 to a request sent with no credentials at all.
    #[error("HTTP 401: {endpoint} asks for a login")]
    LoginNeeded { endpoint: String },
    /// A second 401 after answering a fresh challenge: the user or password is wrong.
    #[error("HTTP 401: {endpoint} refused user '{user}' ({scheme} authentication; the password is read from VNKG_PUSH_PASSWORD)")]
    CredentialsRefused {
        endpoint: String,
        user: String,
        scheme: &'static str,
    },
    /// A 401 whose challenges name no scheme vnkg can answer with a password.
    #[error("HTTP 401: {endpoint} asks for authentication vnkg cannot give ({reason}); vnkg answers Basic and Digest challenges")]
    UnsupportedChallenge { endpoint: String, reason: String },
    #[error("{0}")]
    Transport(Box<ureq::Transport>),
}

impl SendError {
    /// A 4xx is the server saying no: sending the same request again cannot help.
    fn is_refusal(&self) -> bool {
        match self {
            SendError::Status { status, .. } => (400..=499).contains(status),
            SendError::LoginNeeded { .. }
            | SendError::CredentialsRefused { .. }
            | SendError::UnsupportedChallenge { .. } => true,
            SendError::Transport(_) => false,
        }
    }

    fn from_ureq(e: ureq::Error) -> SendError {
        match e {
            ureq::Error::Status(status, resp) => SendError::Status {
                status,
                message: resp
                    .into_string()
                    .unwrap_or_default()
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string(),
            },
            ureq::Error::Transport(t) => SendError::Transport(Box::new(t)),
        }
    }
}

/// One graph as one HTTP request.
struct Request {
    method: &'static str,
    url: String,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Request {
    fn new(opts: &PushOptions, graph: &str, ntriples: &[u8]) -> Request {
        match &opts.method {
            Method::GraphStore(base) => {
                let sep = if base.contains('?') { '&' } else { '?' };
                Request {
                    method: "PUT",
                    url: format!("{base}{sep}{}={}", graph_param(base), encode(graph)),
                    content_type: "application/n-triples",
                    body: ntriples.to_vec(),
                }
            }
            Method::Update(url) => {
                // INSERT DATA may hold blank nodes (SPARQL 1.1, 3.1.1) but Virtuoso refuses them
                // there ("SP031 ... not allowed in a constant clause"): the triples with one go
                // in an INSERT template with an empty WHERE, the same update (one solution, so
                // each blank node is made once). Virtuoso compiles a template to SQL of bounded
                // size, so only those triples go there (164 of the ontology's 2,091 here).
                let (data, template) = split_blank(&String::from_utf8_lossy(ntriples));
                let mut update = format!(
                    "DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}"
                );
                if !template.is_empty() {
                    update.push_str(&format!(
                        " ;\nINSERT {{ GRAPH <{graph}> {{\n{template}}} }} WHERE {{}}"
                    ));
                }
                Request {
                    method: "POST",
                    url: url.clone(),
                    content_type: "application/sparql-update",
                    body: update.into_bytes(),
                }
            }
        }
    }

    /// The Request-URI a Digest response signs: the path and query as ureq sends them (it
    /// parses the URL with the same crate).
    fn uri(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(u) => u[url::Position::BeforePath..url::Position::AfterQuery].to_string(),
            Err(_) => self.url.clone(),
        }
    }
}

/// N-Triples lines without a blank node, and those with one (subject or object). A literal
/// whose last word starts with `_:` lands with the second, which only costs it the template.
fn split_blank(ntriples: &str) -> (String, String) {
    let (mut data, mut template) = (String::new(), String::new());
    for line in ntriples.lines() {
        let object = line
            .trim_end()
            .trim_end_matches('.')
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("");
        let to = if line.starts_with("_:") || object.starts_with("_:") {
            &mut template
        } else {
            &mut data
        };
        to.push_str(line);
        to.push('\n');
    }
    (data, template)
}

/// The query parameter naming the graph: `graph` (SPARQL 1.1 Graph Store Protocol), except
/// on Virtuoso's Graph Store endpoints (`/sparql-graph-crud`, `/sparql-graph-crud-auth`),
/// which Virtuoso documents with its own `graph-uri` (every 7.x release takes it; only newer
/// ones also take `graph`).
fn graph_param(endpoint: &str) -> &'static str {
    let path = endpoint.split(['?', '#']).next().unwrap_or(endpoint);
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.starts_with("sparql-graph-crud") {
        "graph-uri"
    } else {
        "graph"
    }
}

/// The best challenge of a 401 (Digest before Basic), from all its WWW-Authenticate headers.
fn challenge(
    endpoint: &str,
    resp: &ureq::Response,
) -> std::result::Result<PasswordClient, SendError> {
    let mut builder = PasswordClient::builder();
    for h in resp.all("WWW-Authenticate") {
        builder = builder.challenges(h);
    }
    builder
        .build()
        .map_err(|reason| SendError::UnsupportedChallenge {
            endpoint: endpoint.to_string(),
            reason,
        })
}

fn scheme(c: &PasswordClient) -> &'static str {
    match c {
        PasswordClient::Basic(_) => "Basic",
        PasswordClient::Digest(_) => "Digest",
        _ => "other",
    }
}

/// Sends graphs to one endpoint, one request each, over one connection pool. With a password
/// it remembers the last challenge (a Digest nonce is reused with a growing count), so only
/// the first request, or one whose nonce went stale, costs an extra round trip.
pub(crate) struct Sender {
    agent: ureq::Agent,
    challenge: Option<PasswordClient>,
}

impl Sender {
    pub(crate) fn new() -> Sender {
        Sender {
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(120))
                .build(),
            challenge: None,
        }
    }

    fn call(
        &self,
        r: &Request,
        authorization: Option<&str>,
    ) -> std::result::Result<ureq::Response, Box<ureq::Error>> {
        let mut req = self
            .agent
            .request(r.method, &r.url)
            .set("Content-Type", r.content_type);
        if let Some(a) = authorization {
            req = req.set("Authorization", a);
        }
        req.send_bytes(&r.body).map_err(Box::new)
    }

    /// Learns the endpoint's challenge without sending a graph: HEAD for a Graph Store, an
    /// empty update (a no-op) for SPARQL Update. A server that closes the connection on its
    /// 401 may do so before a large body is written, which would look like a network failure.
    /// A probe that is let through says nothing, and the real request finds out.
    fn probe(&mut self, opts: &PushOptions, r: &Request) -> std::result::Result<(), SendError> {
        let answer = match opts.method {
            Method::GraphStore(_) => self.agent.head(&r.url).call(),
            Method::Update(_) => self
                .agent
                .post(&r.url)
                .set("Content-Type", r.content_type)
                .send_bytes(&[]),
        };
        match answer {
            Err(ureq::Error::Status(401, resp)) => {
                self.challenge = Some(challenge(opts.endpoint(), &resp)?);
                Ok(())
            }
            Ok(_) | Err(ureq::Error::Status(..)) => Ok(()),
            Err(ureq::Error::Transport(t)) => Err(SendError::Transport(Box::new(t))),
        }
    }

    fn send(
        &mut self,
        opts: &PushOptions,
        graph: &str,
        ntriples: &[u8],
    ) -> std::result::Result<(), SendError> {
        let r = Request::new(opts, graph, ntriples);
        let (user, password) = match &opts.auth {
            Auth::None => {
                return match self.call(&r, None).map_err(|e| *e) {
                    Ok(_) => Ok(()),
                    Err(ureq::Error::Status(401, _)) => Err(SendError::LoginNeeded {
                        endpoint: opts.endpoint().to_string(),
                    }),
                    Err(e) => Err(SendError::from_ureq(e)),
                }
            }
            Auth::Bearer(t) => {
                return self
                    .call(&r, Some(&format!("Bearer {t}")))
                    .map(drop)
                    .map_err(|e| SendError::from_ureq(*e))
            }
            Auth::User { user, password } => (user, password),
        };
        if self.challenge.is_none() {
            self.probe(opts, &r)?;
        }
        // The first try answers the challenge known so far (none if the probe got through);
        // a 401 brings a fresh one (a new or stale nonce), answered once. A 401 to that is a no.
        let uri = r.uri();
        let mut fresh = false;
        loop {
            let authorization = match &mut self.challenge {
                Some(c) => Some(
                    c.respond(&PasswordParams {
                        username: user,
                        password,
                        uri: &uri,
                        method: r.method,
                        body: Some(&r.body),
                    })
                    .map_err(|reason| SendError::UnsupportedChallenge {
                        endpoint: opts.endpoint().to_string(),
                        reason,
                    })?,
                ),
                None => None,
            };
            match self.call(&r, authorization.as_deref()).map_err(|e| *e) {
                Ok(_) => return Ok(()),
                Err(ureq::Error::Status(401, resp)) => {
                    let c = challenge(opts.endpoint(), &resp)?;
                    if fresh {
                        return Err(SendError::CredentialsRefused {
                            endpoint: opts.endpoint().to_string(),
                            user: user.clone(),
                            scheme: scheme(&c),
                        });
                    }
                    self.challenge = Some(c);
                    fresh = true;
                }
                Err(e) => return Err(SendError::from_ureq(e)),
            }
        }
    }

    /// Sends one graph (N-Triples), retrying transient failures with back-off (never a 4xx:
    /// the server said no). Returns the number of retries.
    pub(crate) fn send_with_retries(
        &mut self,
        opts: &PushOptions,
        graph: &str,
        ntriples: &[u8],
    ) -> Result<usize> {
        let mut attempt = 0;
        loop {
            match self.send(opts, graph, ntriples) {
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
}

/// Pushes every named graph (or those in `opts.graphs`).
pub fn push(store: &KgStore, opts: &PushOptions) -> Result<PushReport> {
    let mut sender = Sender::new();
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
        report.retries += sender.send_with_retries(opts, g.as_str(), &buf)?;
        report.graphs += 1;
        report.triples += triples;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::sync::{Arc, Mutex};

    /// Each request's method and Authorization header, in order.
    type Seen = Arc<Mutex<Vec<(String, String)>>>;

    /// A loopback server that asks for `challenge` and lets through any request whose
    /// Authorization starts with `accept`; it records each request's method and Authorization.
    fn server(challenge: &'static [&'static str], accept: &'static str) -> (String, Seen) {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/update", l.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for s in l.incoming() {
                let mut s = s.unwrap();
                let mut r = BufReader::new(s.try_clone().unwrap());
                let (mut line, mut method, mut auth, mut len) =
                    (String::new(), String::new(), String::new(), 0);
                r.read_line(&mut line).unwrap();
                method.push_str(line.split(' ').next().unwrap_or(""));
                loop {
                    line.clear();
                    r.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    let (k, v) = line.split_once(':').unwrap();
                    match k.to_ascii_lowercase().as_str() {
                        "authorization" => auth = v.trim().to_string(),
                        "content-length" => len = v.trim().parse().unwrap(),
                        _ => {}
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                let ok = !auth.is_empty() && auth.starts_with(accept);
                log.lock().unwrap().push((method, auth));
                let head = if ok {
                    "HTTP/1.1 204 No Content\r\n".to_string()
                } else {
                    let mut h = "HTTP/1.1 401 Unauthorized\r\n".to_string();
                    for c in challenge {
                        h.push_str(&format!("WWW-Authenticate: {c}\r\n"));
                    }
                    h
                };
                let _ = s.write_all(
                    format!("{head}Content-Length: 0\r\nConnection: close\r\n\r\n").as_bytes(),
                );
            }
        });
        (url, seen)
    }

    fn opts(url: &str, password: &str) -> PushOptions {
        PushOptions {
            retries: 0,
            ..PushOptions::new(
                Method::Update(url.to_string()),
                Auth::User {
                    user: "alice".into(),
                    password: password.into(),
                },
            )
        }
    }

    #[test]
    fn basic_is_answered_only_when_asked_and_the_answer_is_reused() {
        let (url, seen) = server(&[r#"Basic realm="kg""#], "Basic YWxpY2U6czNjcmV0");
        let mut s = Sender::new();
        for g in ["http://g/1", "http://g/2"] {
            s.send_with_retries(
                &opts(&url, "s3cret"),
                g,
                b"<http://a> <http://b> <http://c> .\n",
            )
            .unwrap();
        }
        let seen = seen.lock().unwrap();
        // the probe (an empty update, no credentials), then one request per graph
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert_eq!(seen[0], ("POST".to_string(), String::new()));
        assert!(seen[1..].iter().all(|(_, a)| a == "Basic YWxpY2U6czNjcmV0"));
    }

    #[test]
    fn digest_is_preferred_to_basic_and_a_wrong_password_is_refused_once() {
        let (url, seen) = server(
            &[
                r#"Basic realm="kg""#,
                r#"Digest realm="SPARQL", nonce="abc", opaque="x", qop="auth", algorithm="MD5""#,
            ],
            r#"Digest username="alice""#,
        );
        let mut s = Sender::new();
        s.send_with_retries(&opts(&url, "pw"), "http://g/1", b"")
            .unwrap();
        assert!(seen.lock().unwrap()[1].1.contains(r#"uri="/update""#));
        // a server that says no to every answer: refused after one fresh challenge, no retries
        let (url, seen) = server(
            &[r#"Digest realm="SPARQL", nonce="n", qop="auth""#],
            "never",
        );
        let e = Sender::new()
            .send_with_retries(&opts(&url, "wrong"), "http://g/1", b"")
            .unwrap_err();
        match e {
            Error::Push {
                source: SendError::CredentialsRefused { scheme, .. },
                ..
            } => assert_eq!(scheme, "Digest"),
            e => panic!("{e}"),
        }
        assert_eq!(seen.lock().unwrap().len(), 3, "probe, answer, fresh answer");
    }

    #[test]
    fn virtuoso_graph_store_endpoints_name_the_graph_graph_uri() {
        assert_eq!(
            graph_param("http://h:8890/sparql-graph-crud-auth"),
            "graph-uri"
        );
        assert_eq!(
            graph_param("http://h:8890/sparql-graph-crud/?x=1"),
            "graph-uri"
        );
        assert_eq!(graph_param("http://h:7878/store"), "graph");
    }

    #[test]
    fn blank_node_triples_are_split_out_for_the_template() {
        let nt = "<http://a> <http://b> _:x .\n_:x <http://b> \"1\" .\n<http://a> <http://b> \"a_:b\"@fr .\n<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"see _:b\" .\n";
        let (data, template) = split_blank(nt);
        assert_eq!(
            data,
            "<http://a> <http://b> \"a_:b\"@fr .\n<http://a> <http://b> <http://c> .\n"
        );
        // the last literal only looks like one: the template holds it all the same
        assert_eq!(template.lines().count(), 3);
    }
}
