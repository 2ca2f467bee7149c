//! `vnkg serve` driven over real HTTP on loopback: the W3C SPARQL 1.1 Protocol test suite
//! (../shared/peers/sparql11-protocol/cases.json), content negotiation, the error cases, and
//! Python clients (SPARQLWrapper, rdflib's SPARQLStore).

use crate::common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;

/// The built-in corpus served on a free port (the store's directory lives as long as the server).
struct Served {
    server: Server,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for Served {
    type Target = Server;
    fn deref(&self) -> &Server {
        &self.server
    }
}

fn start(extra: &[&str]) -> Served {
    let dir = built();
    let server = serve(&dir.path().join("store"), extra);
    Served { server, _dir: dir }
}

struct Resp {
    status: u16,
    content_type: String,
    /// Every header, names lower-cased, in the order received.
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    /// The one value of header `name`, None when absent; panics when sent twice.
    fn header(&self, name: &str) -> Option<&str> {
        let mut v = self.headers.iter().filter(|(k, _)| k == name);
        let first = v.next().map(|(_, x)| x.as_str());
        assert!(v.next().is_none(), "{name} sent twice: {:?}", self.headers);
        first
    }
}

fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let content_type = headers
        .iter()
        .find(|(k, _)| k == "content-type")
        .map(|(_, v)| v.to_lowercase())
        .unwrap_or_default();
    Resp {
        status,
        content_type,
        headers,
        body: body.to_string(),
    }
}

fn get(port: u16, path: &str, accept: &str) -> Resp {
    request(port, "GET", path, &[("Accept", accept)], b"")
}

fn enc(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[test]
fn w3c_sparql11_protocol_suite() {
    let Some(peers) = peers() else { return };
    let cases: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(peers.join("sparql11-protocol/cases.json")).unwrap(),
    )
    .unwrap();
    let srv = start(&["--allow-update"]);
    let auth = format!("Bearer {TOKEN}");
    let (mut passed, mut failed) = (0, Vec::new());
    for case in cases.as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        // graph data: each file as a named graph
        let data = case["graphData"].as_array().unwrap();
        if !data.is_empty() {
            let mut insert = String::from("DROP ALL ; INSERT DATA { ");
            for g in data {
                let nt = std::fs::read_to_string(
                    peers
                        .join("sparql11-protocol")
                        .join(g["file"].as_str().unwrap()),
                )
                .unwrap();
                insert.push_str(&format!(
                    "GRAPH <{}> {{ {} }} ",
                    g["graph_iri"].as_str().unwrap(),
                    nt.trim()
                ));
            }
            insert.push('}');
            let r = request(
                srv.port,
                "POST",
                "/sparql",
                &[
                    ("Content-Type", "application/sparql-update"),
                    ("Authorization", &auth),
                ],
                insert.as_bytes(),
            );
            assert!(r.status < 300, "{id}: setup failed {} {}", r.status, r.body);
        }
        let mut ok = true;
        for req in case["requests"].as_array().unwrap() {
            let method = req["method"].as_str().unwrap();
            let path = req["path"].as_str().unwrap();
            let mut headers: Vec<(String, String)> = req["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    (
                        h[0].as_str().unwrap().to_string(),
                        h[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            // updates on this server need the bearer token (the suite has no notion of auth)
            headers.push(("Authorization".into(), auth.clone()));
            let body: Vec<u8> = match (req["body"].as_str(), req["body_encoding"].as_str()) {
                (Some(b), Some("UTF-16")) => {
                    let mut v = vec![0xFF, 0xFE];
                    for u in b.encode_utf16() {
                        v.extend_from_slice(&u.to_le_bytes());
                    }
                    v
                }
                (Some(b), _) => b.as_bytes().to_vec(),
                (None, _) => Vec::new(),
            };
            let hs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let r = request(srv.port, method, path, &hs, &body);
            let want: Vec<&str> = req["resp"]["status"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            let class = format!("StatusCode{}xx", r.status / 100);
            if !want.contains(&class.as_str()) {
                ok = false;
                eprintln!(
                    "{id}: {method} {path} → {} (wanted {want:?}): {}",
                    r.status,
                    r.body.lines().next().unwrap_or("")
                );
                continue;
            }
            match req["resp"]["format"].as_str() {
                Some("boolean") | Some("tabular") => {
                    ok &= r.content_type.starts_with("application/sparql-results+")
                        || r.content_type.starts_with("text/csv")
                        || r.content_type.starts_with("text/tab-separated-values")
                }
                Some("RDF") => {
                    ok &= [
                        "text/turtle",
                        "application/n-triples",
                        "application/rdf+xml",
                        "application/ld+json",
                    ]
                    .iter()
                    .any(|t| r.content_type.starts_with(t))
                }
                _ => {}
            }
            if req["resp"]["boolean"].as_bool() == Some(true) {
                let t = r.body.replace(' ', "");
                ok &= t.contains("\"boolean\":true") || t.contains("<boolean>true</boolean>");
            }
            if !ok {
                eprintln!(
                    "{id}: unexpected result {} {}: {}",
                    r.status, r.content_type, r.body
                );
            }
        }
        if ok {
            passed += 1;
        } else {
            failed.push(id.to_string());
        }
    }
    eprintln!(
        "W3C SPARQL 1.1 Protocol: {passed} passed, {} failed",
        failed.len()
    );
    assert!(failed.is_empty(), "failed: {failed:?}");
}

#[test]
fn content_negotiation_and_errors() {
    let srv = start(&["--timeout", "2", "--max-body", "2000"]);
    let p = srv.port;
    let q = format!("/sparql?query={}", enc("SELECT ?l WHERE { <https://w3id.org/vnkg/id/country/jp> skos:prefLabel ?l FILTER(lang(?l) = 'fr') }"));
    for (accept, ct, needle) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"Japon\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            ">Japon<",
        ),
        ("text/csv", "text/csv", "Japon"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "\"Japon\"@fr",
        ),
    ] {
        let r = get(p, &q, accept);
        assert_eq!(r.status, 200, "{accept}: {}", r.body);
        assert!(
            r.content_type.starts_with(ct),
            "{accept}: {}",
            r.content_type
        );
        assert!(r.body.contains(needle), "{accept}: {}", r.body);
    }
    let c = format!(
        "/sparql?query={}",
        enc("CONSTRUCT { ?c a vnkg:Country } WHERE { ?c a vnkg:Country } LIMIT 3")
    );
    for (accept, ct) in [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ] {
        let r = get(p, &c, accept);
        assert_eq!(r.status, 200);
        assert!(
            r.content_type.starts_with(ct),
            "{accept}: {}",
            r.content_type
        );
        assert!(
            r.body.contains("ontology#Country") || r.body.contains("vnkg:Country"),
            "{}",
            r.body
        );
    }
    // malformed query: 400 with the parser's message and position
    let r = get(
        p,
        &format!("/sparql?query={}", enc("SELECT ?x WHERE { ?x ?y }")),
        "*/*",
    );
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("SPARQL syntax error") && r.body.contains("1:"),
        "{}",
        r.body
    );
    // read-only: updates refused
    let r = request(
        p,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        b"CLEAR ALL",
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(r.header("www-authenticate"), None);
    // no SERVICE calls to other hosts
    let r = get(
        p,
        &format!(
            "/sparql?query={}",
            enc("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
        ),
        "*/*",
    );
    assert!(
        r.status == 400 || r.status == 403,
        "{} {}",
        r.status,
        r.body
    );
    // a huge cartesian product times out, and the server keeps answering
    let t = std::time::Instant::now();
    let r = get(
        p,
        &format!(
            "/sparql?query={}",
            enc("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        ),
        "*/*",
    );
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(t.elapsed().as_secs() < 10);
    assert_eq!(
        get(p, &format!("/sparql?query={}", enc("ASK {}")), "*/*").status,
        200
    );
    // oversized body
    let big = vec![b'#'; 5000];
    let r = request(
        p,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        &big,
    );
    assert_eq!(r.status, 413);
    // graph store protocol, read side
    let r = get(
        p,
        &format!(
            "/store?graph={}",
            enc("https://w3id.org/vnkg/graph/article/003-c90cd3ffa6731a0f")
        ),
        "application/n-triples",
    );
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("Qualcomm"),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    assert_eq!(
        get(
            p,
            &format!("/store?graph={}", enc("http://example.org/none")),
            "*/*"
        )
        .status,
        404
    );
    // the home page lists the example queries, escaped
    let r = get(p, "/", "text/html");
    assert!(
        r.body.contains("partners_by_country") && r.body.contains("&lt;"),
        "{}",
        &r.body[..300.min(r.body.len())]
    );
}

#[test]
fn python_clients_read_the_endpoint() {
    let Some(py) = python_with("SPARQLWrapper", "pip install -r tests/requirements.txt") else {
        return;
    };
    let srv = start(&[]);
    let script = r#"
import sys
from SPARQLWrapper import SPARQLWrapper, JSON
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib import Graph
url = sys.argv[1]
w = SPARQLWrapper(url)
w.setQuery("SELECT ?l WHERE { <https://w3id.org/vnkg/id/country/jp> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?l")
w.setReturnFormat(JSON)
labels = [b["l"]["value"] for b in w.query().convert()["results"]["bindings"]]
assert "Japon" in labels, labels
g = Graph(store=SPARQLStore(url))
rows = list(g.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/vnkg/ontology#Partnership> }"))
n = int(rows[0][0])
assert n > 3, n
# the endpoint URL itself is its service description, as rdflib reads it
from rdflib import URIRef, Namespace, RDF
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
d = Graph().parse(url)
svc = d.value(predicate=SD.endpoint, object=URIRef(url))
assert svc is not None and (svc, RDF.type, SD.Service) in d, d.serialize()
assert set(d.objects(svc, SD.supportedLanguage)) == {SD.SPARQL11Query}, d.serialize()
print(n)
"#;
    let o = Command::new(py)
        .args(["-c", script])
        .arg(format!("http://127.0.0.1:{}/sparql", srv.port))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The methods an `Allow` header names, sorted.
fn allowed(r: &Resp) -> Vec<String> {
    let mut m: Vec<String> = r
        .header("allow")
        .unwrap_or_else(|| panic!("405 without Allow: {:?}", r.headers))
        .split(',')
        .map(|x| x.trim().to_string())
        .collect();
    m.sort();
    m
}

#[test]
fn every_405_names_the_methods_the_route_accepts() {
    let srv = start(&[]);
    for (path, accepts) in [
        ("/", &["GET", "HEAD"][..]),
        ("/sparql", &["GET", "HEAD", "POST"]),
        ("/sparql/", &["GET", "HEAD", "POST"]),
        ("/query", &["GET", "HEAD", "POST"]),
        ("/update", &["GET", "HEAD", "POST"]),
        ("/store", &["GET", "HEAD"]),
        ("/report", &["GET", "HEAD"]),
    ] {
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            if accepts.contains(&method) {
                continue;
            }
            let r = request(srv.port, method, path, &[], b"");
            assert_eq!(r.status, 405, "{method} {path}: {}", r.body);
            assert_eq!(allowed(&r), accepts, "{method} {path}");
        }
        // and each method named is one the route answers
        for method in accepts {
            let r = request(srv.port, method, path, &[], b"");
            assert_ne!(r.status, 405, "{method} {path} is in Allow but refused");
        }
    }
}

const WRITE: &str =
    "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }";

#[test]
fn updates_without_the_right_token_get_401_and_a_bearer_challenge() {
    let srv = start(&["--allow-update"]);
    let update = |auth: Option<&str>| {
        let mut h = vec![("Content-Type", "application/sparql-update")];
        h.extend(auth.map(|a| ("Authorization", a)));
        request(srv.port, "POST", "/sparql", &h, WRITE.as_bytes())
    };
    let written = || {
        let q = enc("ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }");
        let r = get(
            srv.port,
            &format!("/sparql?query={q}"),
            "application/sparql-results+json",
        );
        r.body.replace(' ', "").contains("\"boolean\":true")
    };
    let bare = r#"Bearer realm="vnkg""#;
    let invalid = r#"Bearer realm="vnkg", error="invalid_token""#;
    let longer = format!("Bearer {TOKEN}x");
    let shorter = format!("Bearer {}", &TOKEN[..TOKEN.len() - 1]);
    for (auth, challenge) in [
        (None, bare),
        // another scheme is no bearer token at all (RFC 6750 §3.1: no error code)
        (Some("Basic dXNlcjpyZWxpYWJpbGl0eS10b2tlbi00Mg=="), bare),
        (Some("Bearer wrong-token-000"), invalid),
        (Some(longer.as_str()), invalid),
        (Some(shorter.as_str()), invalid),
    ] {
        let r = update(auth);
        assert_eq!(r.status, 401, "{auth:?}: {}", r.body);
        assert_eq!(r.header("www-authenticate"), Some(challenge), "{auth:?}");
    }
    assert!(!written(), "a refused update wrote to the store");
    // the scheme name is case-insensitive (RFC 9110 §11.1)
    let r = update(Some(&format!("bearer {TOKEN}")));
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(r.header("www-authenticate"), None);
    assert!(written());
}

#[test]
fn a_read_only_endpoint_refuses_updates_with_403_and_no_challenge() {
    let srv = start(&[]);
    for auth in [None, Some(format!("Bearer {TOKEN}"))] {
        let mut h = vec![("Content-Type", "application/sparql-update")];
        h.extend(auth.as_deref().map(|a| ("Authorization", a)));
        let r = request(srv.port, "POST", "/update", &h, WRITE.as_bytes());
        assert_eq!(r.status, 403, "{auth:?}: {}", r.body);
        assert_eq!(r.header("www-authenticate"), None, "{auth:?}");
    }
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// What a service description says about the `sd:Service` whose `sd:endpoint` is `endpoint`,
/// read back by Oxigraph's parser for the media type it came with: (property local name,
/// object IRI or `_:` for a blank node) pairs, sorted.
fn describe(r: &Resp, endpoint: &str) -> Vec<(String, String)> {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{NamedOrBlankNode, Term};
    let f = RdfFormat::from_media_type(&r.content_type)
        .unwrap_or_else(|| panic!("not an RDF media type: {}", r.content_type));
    let quads: Vec<_> = RdfParser::from_format(f)
        .for_slice(r.body.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}\n{}", r.body));
    let services: Vec<NamedOrBlankNode> = quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == format!("{SD}endpoint")
                && q.object == Term::NamedNode(oxigraph::model::NamedNode::new(endpoint).unwrap())
        })
        .map(|q| q.subject.clone())
        .collect();
    assert_eq!(
        services.len(),
        1,
        "no one sd:endpoint <{endpoint}> in\n{}",
        r.body
    );
    let mut out: Vec<(String, String)> = quads
        .iter()
        .filter(|q| q.subject == services[0])
        .filter_map(|q| match &q.object {
            Term::NamedNode(o) => Some((
                q.predicate.as_str().trim_start_matches(SD).to_string(),
                o.as_str().trim_start_matches(SD).to_string(),
            )),
            Term::BlankNode(_) => Some((
                q.predicate.as_str().trim_start_matches(SD).to_string(),
                "_:".to_string(),
            )),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

fn values<'a>(d: &'a [(String, String)], property: &str) -> Vec<&'a str> {
    d.iter()
        .filter(|(p, _)| p == property)
        .map(|(_, o)| o.as_str())
        .collect()
}

#[test]
fn get_without_a_query_gives_the_service_description() {
    let srv = start(&[]);
    let p = srv.port;
    let rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    for (accept, ct) in [
        (None, "text/turtle"),
        (Some("text/turtle"), "text/turtle"),
        (Some("application/n-triples"), "application/n-triples"),
        (Some("application/rdf+xml"), "application/rdf+xml"),
        (Some("application/ld+json"), "application/ld+json"),
        // a browser's Accept names no RDF format: Turtle, not 406
        (
            Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            "text/turtle",
        ),
    ] {
        let h: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
        let r = request(p, "GET", "/sparql", &h, b"");
        assert_eq!(r.status, 200, "{accept:?}: {}", r.body);
        assert!(
            r.content_type.starts_with(ct),
            "{accept:?}: {}",
            r.content_type
        );
        assert_eq!(r.header("vary"), Some("Accept"));
        let d = describe(&r, &format!("http://127.0.0.1:{p}/sparql"));
        assert!(d.contains(&(rdf_type.into(), "Service".into())), "{d:?}");
        assert_eq!(
            values(&d, "supportedLanguage"),
            ["SPARQL11Query"],
            "{accept:?}"
        );
        // queries run over the union of the graphs; SERVICE is refused
        assert_eq!(values(&d, "feature"), ["UnionDefaultGraph"], "{accept:?}");
        assert_eq!(
            values(&d, "resultFormat"),
            [
                "http://www.w3.org/ns/formats/JSON-LD",
                "http://www.w3.org/ns/formats/N-Quads",
                "http://www.w3.org/ns/formats/N-Triples",
                "http://www.w3.org/ns/formats/RDF_XML",
                "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
                "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
                "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
                "http://www.w3.org/ns/formats/SPARQL_Results_XML",
                "http://www.w3.org/ns/formats/TriG",
                "http://www.w3.org/ns/formats/Turtle",
            ]
        );
        assert_eq!(values(&d, "defaultDataset"), ["_:"]);
    }
    // each endpoint path describes itself, under the host the client asked for
    for path in ["/sparql/", "/query", "/update"] {
        let r = request(p, "GET", path, &[], b"");
        assert_eq!(r.status, 200, "{path}");
        describe(&r, &format!("http://127.0.0.1:{p}{path}"));
    }
    let r = request(p, "GET", "/sparql", &[("Host", "kg.example.org:8080")], b"");
    describe(&r, "http://kg.example.org:8080/sparql");
    let r = request(p, "GET", "/sparql", &[("Host", "bad>host")], b"");
    assert_eq!(r.status, 400, "{}", r.body);
    // HEAD: the same headers as GET, no body; and HEAD runs a query as GET does
    let g = request(p, "GET", "/sparql", &[], b"");
    let h = request(p, "HEAD", "/sparql", &[], b"");
    assert_eq!((h.status, h.body.as_str()), (200, ""));
    assert_eq!(h.content_type, g.content_type);
    assert_eq!(h.header("content-length"), g.header("content-length"));
    let h = request(
        p,
        "HEAD",
        &format!("/sparql?query={}", enc("ASK {}")),
        &[],
        b"",
    );
    assert_eq!((h.status, h.body.as_str()), (200, ""));
    assert!(h
        .content_type
        .starts_with("application/sparql-results+json"));
    // a POST still needs a query or an update
    let r = request(
        p,
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"",
    );
    assert_eq!(r.status, 400, "{}", r.body);

    // with updates on, the description says so, and no longer claims a union default graph
    // for updates, which see the store's own default graph
    let rw = start(&["--allow-update"]);
    let r = request(rw.port, "GET", "/sparql", &[], b"");
    let d = describe(&r, &format!("http://127.0.0.1:{}/sparql", rw.port));
    assert_eq!(
        values(&d, "supportedLanguage"),
        ["SPARQL11Query", "SPARQL11Update"]
    );
    assert_eq!(values(&d, "feature"), Vec::<&str>::new());
}
