//! `vnkg serve`: a SPARQL 1.1 Protocol endpoint with its Service Description (and the read
//! side of the Graph Store Protocol) over the store, on axum/hyper. Safe by default: loopback,
//! read-only (updates need `--allow-update` and a bearer token), a per-query timeout, a cap on
//! result rows, a cap on request bodies, no SERVICE calls (the store has no HTTP client), and a
//! panic in a handler is turned into a 500 for that request only.

// Handlers pass ready-made HTTP error responses up as `Err`; their size does not matter here.
#![allow(clippy::result_large_err)]

use crate::rdf::vocab::PREFIXES;
use crate::rdf::KgStore;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Bearer token required for updates (401 without it); updates are refused (403) when None.
    pub update_token: Option<String>,
    pub timeout: Duration,
    pub max_rows: usize,
    pub max_body_bytes: usize,
    /// Folder of example queries shown on the home page.
    pub queries_dir: Option<PathBuf>,
}

struct AppState {
    store: KgStore,
    opts: ServeOptions,
    examples: Vec<(String, String)>,
}

type Shared = Arc<AppState>;

fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        msg.into(),
    )
        .into_response()
}

/// The router, for `serve` and for tests that drive it in-process.
pub fn router(store: KgStore, opts: ServeOptions) -> Router {
    let examples = load_examples(opts.queries_dir.as_deref());
    let max_body = opts.max_body_bytes;
    let state = Arc::new(AppState {
        store,
        opts,
        examples,
    });
    harden(routes(), max_body).with_state(state)
}

/// Every route names its methods, so axum's method router answers any other method with 405
/// and an `Allow` header listing them (HTTP requires it; `any(...)` would leave it out), and
/// `get` answers HEAD too.
fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(home))
        .route("/sparql", get(sparql).post(sparql))
        .route("/sparql/", get(sparql).post(sparql))
        .route("/query", get(sparql).post(sparql))
        .route("/update", get(sparql).post(sparql))
        .route("/store", get(graph_store))
        .route("/report", get(report))
}

/// The HTML report, made from the store as it is now.
async fn report(State(st): State<Shared>) -> Response {
    let store = st.store.store.clone();
    let r = tokio::task::spawn_blocking(move || {
        let kg = KgStore { store, path: None };
        let mut buf = Vec::new();
        crate::export::report::write(&kg, crate::export::report::DEFAULT_MAX_NODES, &mut buf)
            .map(|_| buf)
    })
    .await;
    match r {
        Ok(Ok(buf)) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], buf).into_response(),
        Ok(Err(e)) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("report failed: {e}"),
        ),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error (logged)"),
    }
}

/// Body limit, and a panic in any handler answered with a 500 for that request alone (the
/// default hook has logged it to stderr); the server goes on.
fn harden(r: Router<Shared>, max_body: usize) -> Router<Shared> {
    r.layer(DefaultBodyLimit::max(max_body)).layer(
        tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while answering this request (logged)",
            )
        }),
    )
}

/// Runs until Ctrl-C (or SIGTERM), then finishes the requests in flight.
pub async fn serve(store: KgStore, opts: ServeOptions) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(opts.bind).await?;
    let addr = listener.local_addr()?;
    eprintln!(
        "vnkg: SPARQL endpoint on http://{addr}/sparql (read-{}), Ctrl-C to stop",
        if opts.update_token.is_some() {
            "write"
        } else {
            "only"
        }
    );
    // the port actually bound (for `--port 0`), for the service description's fallback URL
    let app = router(store, ServeOptions { bind: addr, ..opts });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    eprintln!("vnkg: shutting down");
}

fn load_examples(dir: Option<&std::path::Path>) -> Vec<(String, String)> {
    let Some(dir) = dir else { return Vec::new() };
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .filter_map(|p| {
            Some((
                p.file_stem()?.to_string_lossy().to_string(),
                std::fs::read_to_string(&p).ok()?,
            ))
        })
        .collect();
    out.sort();
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

async fn home(State(st): State<Shared>) -> Html<String> {
    let options: String = st
        .examples
        .iter()
        .map(|(n, q)| {
            format!(
                "<option value=\"{}\">{}</option>",
                html_escape(q),
                html_escape(n)
            )
        })
        .collect();
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vnkg SPARQL</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}textarea{{width:100%;height:18em;font-family:monospace}}</style></head>
<body><h1>vnkg SPARQL endpoint</h1>
<p>POST or GET <code>/sparql?query=…</code> (SPARQL 1.1 Protocol); <code>/store?default</code> or <code>/store?graph=IRI</code> to read graphs.
Prefixes {prefixes} are predeclared. The default graph is the union of all graphs.</p>
<form method="get" action="/sparql">
<label>Example: <select onchange="document.getElementById('q').value=this.value"><option value="">—</option>{options}</select></label>
<textarea id="q" name="query">SELECT ?country (COUNT(*) AS ?n) WHERE {{ ?c a vnkg:Country ; vnkg:partyTo ?p ; skos:prefLabel ?country FILTER(lang(?country)="fr") }} GROUP BY ?country ORDER BY DESC(?n)</textarea>
<label>Format: <select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select></label>
<button type="submit">Run</button></form></body></html>"#,
        prefixes = html_escape(
            &PREFIXES
                .iter()
                .map(|(p, _)| format!("{p}:"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ))
}

/// Request parameters, from the query string and a form body.
#[derive(Default)]
struct Params {
    query: Vec<String>,
    update: Vec<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    using_graphs: Vec<String>,
    using_named_graphs: Vec<String>,
    format: Option<String>,
}

impl Params {
    fn absorb(&mut self, raw: &[u8]) {
        for (k, v) in form_urlencoded::parse(raw) {
            let v = v.into_owned();
            match k.as_ref() {
                "query" => self.query.push(v),
                "update" => self.update.push(v),
                "default-graph-uri" => self.default_graphs.push(v),
                "named-graph-uri" => self.named_graphs.push(v),
                "using-graph-uri" => self.using_graphs.push(v),
                "using-named-graph-uri" => self.using_named_graphs.push(v),
                "format" => self.format = Some(v),
                _ => {}
            }
        }
    }
}

fn media_type(headers: &HeaderMap) -> Option<(String, Option<String>)> {
    let ct = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mut parts = ct.split(';');
    let essence = parts.next()?.trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| {
            p.trim()
                .strip_prefix("charset=")
                .map(|c| c.trim_matches('"').to_ascii_lowercase())
        })
        .next();
    Some((essence, charset))
}

fn body_text(body: &Bytes, charset: Option<&str>) -> Result<String, Response> {
    if charset.is_some_and(|c| c != "utf-8" && c != "utf8") {
        return Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "only UTF-8 request bodies are accepted",
        ));
    }
    String::from_utf8(body.to_vec())
        .map_err(|_| error(StatusCode::BAD_REQUEST, "request body is not UTF-8"))
}

async fn sparql(
    State(st): State<Shared>,
    method: Method,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut p = Params::default();
    p.absorb(raw.unwrap_or_default().as_bytes());
    match method {
        Method::POST => match media_type(&headers) {
            Some((t, cs)) if t == "application/x-www-form-urlencoded" => {
                if cs.as_deref().is_some_and(|c| c != "utf-8" && c != "utf8") {
                    return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "only UTF-8 form bodies are accepted");
                }
                p.absorb(&body);
            }
            Some((t, cs)) if t == "application/sparql-query" => match body_text(&body, cs.as_deref()) {
                Ok(q) => p.query.push(q),
                Err(r) => return r,
            },
            Some((t, cs)) if t == "application/sparql-update" => match body_text(&body, cs.as_deref()) {
                Ok(u) => p.update.push(u),
                Err(r) => return r,
            },
            Some((t, _)) => return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("unsupported content type {t}; use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded")),
            None => return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "a POST needs a Content-Type"),
        },
        // GET or HEAD: the router sends no other method here
        _ => {
            if !p.update.is_empty() {
                return error(StatusCode::BAD_REQUEST, "updates must be sent with POST");
            }
            if p.query.is_empty() {
                return service_description(&st, &uri, &headers);
            }
        }
    }
    match (p.query.len(), p.update.len()) {
        (1, 0) => run_query(st, p, headers).await,
        (0, 1) => run_update(st, p, headers).await,
        (0, 0) => error(StatusCode::BAD_REQUEST, "no query or update given"),
        _ => error(
            StatusCode::BAD_REQUEST,
            "give exactly one query or one update",
        ),
    }
}

fn parse_iris(list: &[String]) -> Result<Vec<NamedNode>, Response> {
    list.iter()
        .map(|s| {
            NamedNode::new(s.clone()).map_err(|e| {
                error(
                    StatusCode::BAD_REQUEST,
                    format!("invalid graph IRI {s}: {e}"),
                )
            })
        })
        .collect()
}

/// Relative IRIs in operations resolve against the service endpoint.
const BASE: &str = "https://w3id.org/vnkg/sparql";

fn evaluator() -> SparqlEvaluator {
    let mut e = SparqlEvaluator::new();
    if let Ok(next) = e.clone().with_base_iri(BASE) {
        e = next;
    }
    for (p, iri) in PREFIXES {
        if let Ok(next) = e.clone().with_prefix(*p, *iri) {
            e = next;
        }
    }
    e
}

/// The results formats written for SELECT and ASK, by the media types in Accept that choose
/// them (first match wins, JSON when none does). The service description lists these formats.
const RESULTS_FORMATS: [(&str, QueryResultsFormat); 6] = [
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
];

/// The RDF formats written for CONSTRUCT, DESCRIBE and the service description, by the media
/// types that choose them (Turtle when none does). The service description lists these too.
const RDF_FORMATS: [(&str, RdfFormat); 6] = [
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
];

/// Picks a results format from Accept (or `format=`), defaulting to JSON / Turtle.
fn negotiate_results(accept: &str, format: Option<&str>) -> QueryResultsFormat {
    match format {
        Some("xml") => return QueryResultsFormat::Xml,
        Some("csv") => return QueryResultsFormat::Csv,
        Some("tsv") => return QueryResultsFormat::Tsv,
        Some("json") => return QueryResultsFormat::Json,
        _ => {}
    }
    let a = accept.to_ascii_lowercase();
    RESULTS_FORMATS
        .iter()
        .find(|(needle, _)| a.contains(needle))
        .map_or(QueryResultsFormat::Json, |(_, f)| *f)
}

fn negotiate_rdf(accept: &str) -> RdfFormat {
    let a = accept.to_ascii_lowercase();
    RDF_FORMATS
        .iter()
        .find(|(needle, _)| a.contains(needle))
        .map_or(RdfFormat::Turtle, |(_, f)| *f)
}

/// The SPARQL 1.1 Service Description namespace.
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// The absolute URL a client used to reach this endpoint: `http://` (the server speaks no
/// TLS), the Host header (else the authority of an absolute-form request, else the bound
/// address), and the path without the query string.
fn endpoint_url(bind: SocketAddr, uri: &Uri, headers: &HeaderMap) -> Result<NamedNode, Response> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| uri.authority().map(|a| a.to_string()))
        .unwrap_or_else(|| bind.to_string());
    NamedNode::new(format!("http://{host}{}", uri.path())).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            format!("the Host header does not make a valid endpoint URL: {e}"),
        )
    })
}

/// `GET` without a query: the SPARQL 1.1 Service Description of this endpoint, which clients
/// fetch to learn what the endpoint speaks before they send a query (SD §2). An Accept naming
/// no RDF format we write gets Turtle rather than 406: the description is discovery data, the
/// browsers and generic clients that probe an endpoint send `*/*` or HTML types, and RFC 9110
/// §12.5.1 lets a server send its default when it cannot match Accept.
fn service_description(st: &AppState, uri: &Uri, headers: &HeaderMap) -> Response {
    let endpoint = match endpoint_url(st.opts.bind, uri, headers) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    // fixed labels: the same document on every request (HEAD's Content-Length matches GET's)
    let service = BlankNode::new_unchecked("service");
    let dataset = BlankNode::new_unchecked("dataset");
    let default_graph = BlankNode::new_unchecked("defaultGraph");
    let mut triples = vec![
        Triple::new(service.clone(), rdf::TYPE, sd("Service")),
        Triple::new(service.clone(), sd("endpoint"), endpoint),
        Triple::new(
            service.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Query"),
        ),
    ];
    if st.opts.update_token.is_some() {
        triples.push(Triple::new(
            service.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Update"),
        ));
    } else {
        // Queries without a protocol dataset or FROM run over the union of all graphs (see
        // `run_query`), but updates see the store's own default graph: sd:UnionDefaultGraph
        // covers both, so it is claimed only when no update can run.
        triples.push(Triple::new(
            service.clone(),
            sd("feature"),
            sd("UnionDefaultGraph"),
        ));
    }
    // No sd:BasicFederatedQuery: SERVICE is refused (the store has no HTTP client).
    let mut iris: Vec<&str> = RESULTS_FORMATS.iter().map(|(_, f)| f.iri()).collect();
    iris.extend(RDF_FORMATS.iter().map(|(_, f)| match f {
        // Oxigraph names JSON-LD `https://www.w3.org/ns/formats/data/JSON-LD`; the W3C
        // formats namespace, which clients match on, has it as below.
        RdfFormat::JsonLd { .. } => "http://www.w3.org/ns/formats/JSON-LD",
        f => f.iri(),
    }));
    iris.sort_unstable();
    iris.dedup();
    for iri in iris {
        triples.push(Triple::new(
            service.clone(),
            sd("resultFormat"),
            NamedNode::new_unchecked(iri),
        ));
    }
    // The named graphs are not listed: a built store has one per article.
    triples.extend([
        Triple::new(service, sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf::TYPE, sd("Dataset")),
        Triple::new(dataset, sd("defaultGraph"), default_graph.clone()),
        Triple::new(default_graph, rdf::TYPE, sd("Graph")),
    ]);
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let f = negotiate_rdf(accept);
    let mut ser = RdfSerializer::from_format(f);
    for (p, iri) in [("sd", SD), ("formats", "http://www.w3.org/ns/formats/")] {
        if let Ok(s) = ser.clone().with_prefix(p, iri) {
            ser = s;
        }
    }
    let mut w = ser.for_writer(Vec::new());
    for t in &triples {
        if let Err(e) = w.serialize_triple(t) {
            return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        }
    }
    match w.finish() {
        Ok(buf) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(f.media_type()),
                ),
                (header::VARY, HeaderValue::from_static("Accept")),
            ],
            buf,
        )
            .into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

enum Outcome {
    Body(&'static str, Vec<u8>),
    TooMany,
    /// A SERVICE clause: this endpoint never calls others (403, not 400).
    Forbidden(String),
    Failed(String),
}

impl Outcome {
    fn evaluation(e: oxigraph::sparql::QueryEvaluationError) -> Outcome {
        if crate::error::is_service(&e) {
            Outcome::Forbidden(e.to_string())
        } else {
            Outcome::Failed(e.to_string())
        }
    }
}

/// A query's results in the negotiated format, at most `max_rows` of them.
fn serialize(
    results: QueryResults<'_>,
    accept: &str,
    format: Option<&str>,
    max_rows: usize,
) -> Outcome {
    match results {
        QueryResults::Solutions(sol) => {
            let f = negotiate_results(accept, format);
            let mut buf = Vec::new();
            let Ok(mut ser) = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut buf, sol.variables().to_vec())
            else {
                return Outcome::Failed("serialization failed".into());
            };
            for (n, s) in sol.enumerate() {
                if n >= max_rows {
                    return Outcome::TooMany;
                }
                match s {
                    Ok(s) => {
                        if ser.serialize(&s).is_err() {
                            return Outcome::Failed("serialization failed".into());
                        }
                    }
                    Err(e) => return Outcome::evaluation(e),
                }
            }
            if ser.finish().is_err() {
                return Outcome::Failed("serialization failed".into());
            }
            Outcome::Body(f.media_type(), buf)
        }
        QueryResults::Boolean(b) => {
            let f = negotiate_results(accept, format);
            let mut buf = Vec::new();
            match QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut buf, b) {
                Ok(_) => Outcome::Body(f.media_type(), buf),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        }
        QueryResults::Graph(triples) => {
            let f = negotiate_rdf(accept);
            let mut ser = RdfSerializer::from_format(f);
            for (p, iri) in PREFIXES.iter().filter(|(p, _)| *p != "id") {
                if let Ok(s) = ser.clone().with_prefix(*p, *iri) {
                    ser = s;
                }
            }
            let mut w = ser.for_writer(Vec::new());
            for (n, t) in triples.enumerate() {
                if n >= max_rows {
                    return Outcome::TooMany;
                }
                match t {
                    Ok(t) => {
                        if w.serialize_triple(&t).is_err() {
                            return Outcome::Failed("serialization failed".into());
                        }
                    }
                    Err(e) => return Outcome::evaluation(e),
                }
            }
            match w.finish() {
                Ok(buf) => Outcome::Body(f.media_type(), buf),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        }
    }
}

async fn run_query(st: Shared, p: Params, headers: HeaderMap) -> Response {
    let token = CancellationToken::new();
    let mut prepared = match evaluator()
        .with_cancellation_token(token.clone())
        .parse_query(&p.query[0])
    {
        Ok(q) => q,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")),
    };
    let defaults = match parse_iris(&p.default_graphs) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let named = match parse_iris(&p.named_graphs) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ds = prepared.dataset_mut();
    if defaults.is_empty() && named.is_empty() {
        if ds.is_default_dataset() {
            ds.set_default_graph_as_union();
        }
    } else {
        ds.set_default_graph(defaults.into_iter().map(GraphName::NamedNode).collect());
        if !named.is_empty() {
            ds.set_available_named_graphs(
                named.into_iter().map(NamedOrBlankNode::NamedNode).collect(),
            );
        }
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let cancel = token;
    let store = st.store.store.clone();
    let max_rows = st.opts.max_rows;
    let format = p.format.clone();
    let task = tokio::task::spawn_blocking(move || -> Outcome {
        match prepared.on_store(&store).execute() {
            Ok(results) => serialize(results, &accept, format.as_deref(), max_rows),
            Err(e) => Outcome::evaluation(e),
        }
    });
    match tokio::time::timeout(st.opts.timeout, task).await {
        Ok(Ok(Outcome::Body(ct, body))) => {
            ([(header::CONTENT_TYPE, ct)], Body::from(body)).into_response()
        }
        Ok(Ok(Outcome::TooMany)) => error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the result has more than {max_rows} rows; add a LIMIT"),
        ),
        Ok(Ok(Outcome::Forbidden(e))) => error(
            StatusCode::FORBIDDEN,
            format!("SERVICE calls are not allowed here: {e}"),
        ),
        Ok(Ok(Outcome::Failed(e))) => error(StatusCode::BAD_REQUEST, format!("query failed: {e}")),
        Ok(Err(_)) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error while evaluating the query (logged)",
        ),
        Err(_) => {
            cancel.cancel();
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "query timed out after {:?}; the server is fine, try a narrower query",
                    st.opts.timeout
                ),
            )
        }
    }
}

/// Equal strings, compared in a time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// 401 with the RFC 6750 challenge, so that a client knows to send (or fix) a bearer token.
fn unauthorized(challenge: &'static str, msg: &str) -> Response {
    let mut r = error(StatusCode::UNAUTHORIZED, msg);
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    r
}

/// May this request update the store? A read-only server refuses with 403, not 401: no
/// credentials would change the answer, and a 401 would invite clients to prompt for a token
/// (RFC 9110 §15.5.2 and §15.5.4). With `--allow-update`, a missing token (or another scheme)
/// gets the bare challenge and a wrong one `error="invalid_token"` (RFC 6750 §3, §3.1).
fn authorize_update(expected: Option<&str>, headers: &HeaderMap) -> Result<(), Response> {
    let Some(expected) = expected else {
        return Err(error(StatusCode::FORBIDDEN, "this endpoint is read-only (start it with --allow-update and a token to accept updates)"));
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    match bearer {
        None => Err(unauthorized(
            r#"Bearer realm="vnkg""#,
            "updates need `Authorization: Bearer TOKEN` with the token given to --allow-update",
        )),
        Some(given) if !same_secret(given, expected) => Err(unauthorized(
            r#"Bearer realm="vnkg", error="invalid_token""#,
            "the bearer token is not the one given to --allow-update",
        )),
        Some(_) => Ok(()),
    }
}

async fn run_update(st: Shared, p: Params, headers: HeaderMap) -> Response {
    if let Err(r) = authorize_update(st.opts.update_token.as_deref(), &headers) {
        return r;
    }
    let text = &p.update[0];
    let mut prepared = match evaluator().parse_update(text) {
        Ok(u) => u,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")),
    };
    let usings = (
        parse_iris(&p.using_graphs),
        parse_iris(&p.using_named_graphs),
    );
    let (Ok(using), Ok(using_named)) = usings else {
        return error(StatusCode::BAD_REQUEST, "invalid graph IRI");
    };
    if !using.is_empty() || !using_named.is_empty() {
        let upper = text.to_uppercase();
        if upper.contains("USING") || upper.contains("WITH ") {
            return error(
                StatusCode::BAD_REQUEST,
                "using-graph-uri / using-named-graph-uri conflict with USING or WITH in the update",
            );
        }
        for ds in prepared.using_datasets_mut() {
            ds.set_default_graph(using.iter().cloned().map(GraphName::NamedNode).collect());
            ds.set_available_named_graphs(
                using_named
                    .iter()
                    .cloned()
                    .map(NamedOrBlankNode::NamedNode)
                    .collect(),
            );
        }
    }
    let store = st.store.store.clone();
    let r = tokio::task::spawn_blocking(move || prepared.on_store(&store).execute()).await;
    match r {
        Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(e)) => error(StatusCode::BAD_REQUEST, format!("update failed: {e}")),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error while running the update (logged)",
        ),
    }
}

/// Graph Store Protocol, read side: `?default`, `?graph=IRI`, or the whole dataset.
async fn graph_store(
    State(st): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let raw = raw.unwrap_or_default();
    let params: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let store = st.store.store.clone();
    let graph = params
        .iter()
        .find(|(k, _)| k == "graph")
        .map(|(_, v)| v.clone());
    let default = params.iter().any(|(k, _)| k == "default");
    let result = tokio::task::spawn_blocking({
        let accept = accept.to_string();
        move || -> Result<(&'static str, Vec<u8>), Response> {
            if let Some(g) = graph {
                let node = NamedNode::new(g.clone()).map_err(|e| {
                    error(StatusCode::BAD_REQUEST, format!("invalid graph IRI: {e}"))
                })?;
                if !store.contains_named_graph(&node).unwrap_or(false) {
                    return Err(error(StatusCode::NOT_FOUND, format!("no graph <{g}>")));
                }
                let f = negotiate_rdf(&accept);
                let f = if f.supports_datasets() {
                    RdfFormat::Turtle
                } else {
                    f
                };
                let buf = store
                    .dump_graph_to_writer(&node, RdfSerializer::from_format(f), Vec::new())
                    .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
                Ok((f.media_type(), buf))
            } else if default {
                let f = negotiate_rdf(&accept);
                let f = if f.supports_datasets() {
                    RdfFormat::Turtle
                } else {
                    f
                };
                let buf = store
                    .dump_graph_to_writer(
                        GraphName::DefaultGraph.as_ref(),
                        RdfSerializer::from_format(f),
                        Vec::new(),
                    )
                    .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
                Ok((f.media_type(), buf))
            } else {
                let f = if accept.contains("application/n-quads") {
                    RdfFormat::NQuads
                } else {
                    RdfFormat::TriG
                };
                let buf = store
                    .dump_to_writer(RdfSerializer::from_format(f), Vec::new())
                    .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
                Ok((f.media_type(), buf))
            }
        }
    })
    .await;
    match result {
        Ok(Ok((ct, body))) => ([(header::CONTENT_TYPE, ct)], body).into_response(),
        Ok(Err(r)) => r,
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error (logged)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_gets_a_500_and_the_server_goes_on() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let opts = ServeOptions {
            bind: "127.0.0.1:0".parse().unwrap(),
            update_token: None,
            timeout: std::time::Duration::from_secs(5),
            max_rows: 1000,
            max_body_bytes: 10_000,
            queries_dir: None,
        };
        let state = Arc::new(AppState {
            store: KgStore::memory().unwrap(),
            opts,
            examples: Vec::new(),
        });
        async fn boom() -> &'static str {
            panic!("a bug in a handler")
        }
        let app = harden(routes().route("/boom", get(boom)), 10_000).with_state(state);
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        rt.spawn(async move { axum::serve(listener, app).await });
        let get = |path: &str| match ureq::get(&format!("http://127.0.0.1:{port}{path}")).call() {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(code, _)) => code,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(get("/boom"), 500);
        assert_eq!(get("/boom"), 500);
        assert_eq!(get("/sparql?query=ASK%7B%7D"), 200);
    }
}
