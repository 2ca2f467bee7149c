//! The bad-input catalogue (tests/bad_input/README.md): each case, the exact words a user sees,
//! the exit code, and that nothing already in the store is lost or half-written.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/bad_input").join(name)
}

/// `vnkg ingest FILE` on a bad file: exit 2, the one error line, the store as it was.
fn refused(file: &Path, expected: &str) {
    let dir = built();
    let store = dir.path().join("store");
    let before = quad_count(&store);
    let o = vnkg(&["ingest", file.to_str().unwrap()], &store);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert_eq!(
        e.trim(),
        format!("error: {}: {expected}", file.display()),
        "what the user sees"
    );
    assert_eq!(quad_count(&store), before, "the store changed");
    // the map step says the same words, naming the file once, and writes nothing
    let o = vnkg(&["extract", file.to_str().unwrap()], &store);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).trim(),
        format!("error: {}: {expected}", file.display()),
        "what `vnkg extract` says"
    );
    assert!(
        o.stdout.is_empty(),
        "extract wrote output for a refused file"
    );
}

#[test]
fn empty_file() {
    refused(&fixture("empty.txt"), "file is empty (no article text)");
}

#[test]
fn binary_file() {
    refused(
        &fixture("binary.txt"),
        "looks like a binary file (NUL byte at character 7), not an article",
    );
}

#[test]
fn file_with_nul_bytes() {
    refused(
        &fixture("nul_bytes.txt"),
        "looks like a binary file (NUL byte at character 23), not an article",
    );
}

/// A page saved as .txt is read as a page (sniffed), and this one holds no article.
#[test]
fn a_page_with_no_article() {
    refused(
        &fixture("html_page.txt"),
        "no article text found in the page (no paragraph of running text: an index page or a list of links)",
    );
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let dir = tempdir();
    let big = dir.path().join("big.txt");
    // 200 MB of French text (a sparse file would be refused as binary before its size mattered)
    {
        use std::io::Write;
        let line = "Le Vietnam et la France renforcent leur coopération scientifique. ".repeat(16);
        let mut w = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let mut n = 0;
        while n < 200_000_000 {
            w.write_all(line.as_bytes()).unwrap();
            n += line.len();
        }
    }
    let size = std::fs::metadata(&big).unwrap().len();
    refused(
        &big,
        &format!("file is {size} bytes, over the 16777216-byte limit for one article (raise it with --max-bytes)"),
    );
}

#[test]
fn windows_1252_french_is_decoded_not_refused() {
    let dir = built();
    let store = dir.path().join("store");
    let o = vnkg(
        &["ingest", fixture("windows_1252.txt").to_str().unwrap()],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vnkg(
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "SELECT ?t WHERE { ?s vnkg:inStory ?st ; vnkg:text ?t FILTER(CONTAINS(?t, 'Agence française de développement')) }",
        ],
        &store,
    );
    let out = stdout(&o);
    assert!(
        out.contains("Hanoï") || out.contains("française"),
        "{out}{}",
        stderr(&o)
    );
}

#[test]
fn a_directory_of_thousands_with_one_bad_file() {
    let dir = tempdir();
    let corpus = dir.path().join("corpus");
    gen_corpus(&corpus, 2000, 9);
    let bad = corpus.join("0999_bad.txt");
    std::fs::copy(fixture("binary.txt"), &bad).unwrap();
    let store = dir.path().join("store");
    let o = vnkg(
        &["build", "--no-analytics", corpus.to_str().unwrap()],
        &store,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "{}: looks like a binary file (NUL byte at character 7), not an article",
            bad.display()
        )),
        "{e}"
    );
    assert_eq!(e.matches("error").count(), 1, "{e}");
    let out = stdout(&o);
    assert!(out.contains("2000 in store"), "{out}");
    let o = vnkg(
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a vnkg:Article }",
        ],
        &store,
    );
    assert_eq!(stdout(&o).lines().nth(1), Some("2000"));
}

#[test]
fn malformed_sparql_names_the_position() {
    let dir = built();
    let o = vnkg(
        &["query", fixture("malformed.rq").to_str().unwrap()],
        &dir.path().join("store"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        r#"error: SPARQL syntax error: error at 2:1: expected one of ",", ".", ";", "{", "{|", "}", "~", [_]"#
    );
}

#[test]
fn an_update_given_to_query_is_explained() {
    let dir = built();
    let o = vnkg(
        &["query", fixture("update.ru").to_str().unwrap()],
        &dir.path().join("store"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("this is a SPARQL Update, and vnkg only runs queries here"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_service_clause_is_refused() {
    let dir = built();
    let o = vnkg(
        &["query", fixture("service.rq").to_str().unwrap()],
        &dir.path().join("store"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "error: SPARQL evaluation failed: The service <http://example.org/sparql> is not supported: SERVICE (federated query) is switched off; vnkg queries only its own store"
    );
}

#[test]
fn a_missing_query_file_is_named() {
    let dir = built();
    let o = vnkg(&["query", "no/such.rq"], &dir.path().join("store"));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "error: no/such.rq: cannot read query file: No such file or directory (os error 2)"
    );
}

fn http_get(port: u16, target: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[test]
fn path_traversal_reaches_no_file() {
    let dir = built();
    let server = serve(&dir.path().join("store"), &[]);
    for target in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/queries/../Cargo.toml",
        "/queries/..%2f..%2fCargo.toml",
        "/report/../../Cargo.toml",
        "/store?graph=file:///etc/passwd",
        "/store?graph=..%2f..%2fCargo.toml",
    ] {
        let (status, text) = http_get(server.port, target);
        assert!(
            (400..500).contains(&status),
            "{target}: HTTP {status}\n{text}"
        );
        assert!(
            !text.contains("root:") && !text.contains("[package]"),
            "{target} leaked a file:\n{text}"
        );
    }
    // and the server is still there
    assert_eq!(http_get(server.port, "/sparql?query=ASK%7B%7D").0, 200);
}

/// Labels with quotes, angle brackets, newlines, tabs, control characters and a script tag,
/// on an entity that takes part in partnerships, through every export; each output is read
/// back by the library a user would use and the label comes back unchanged.
#[test]
fn hostile_labels_stay_valid_and_escaped_in_every_export() {
    let Some(py) = python() else { return };
    let dir = built();
    let store = dir.path().join("store");
    let nasty = "Q\"u'o<t>e & <script>alert(1)</script>\nline2\ttab\u{1}\u{7f} \\ é";
    {
        let s = vnkg::rdf::KgStore::open(&store).unwrap();
        // the update is written with the label escaped the SPARQL way
        let lit: String = nasty
            .chars()
            .map(|c| match c {
                '"' => "\\\"".to_string(),
                '\\' => "\\\\".to_string(),
                '\n' => "\\n".to_string(),
                '\t' => "\\t".to_string(),
                c if c.is_control() => format!("\\u{:04X}", c as u32),
                c => c.to_string(),
            })
            .collect();
        s
            .update(&format!(
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                 PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                 DELETE {{ GRAPH ?g {{ ?e skos:prefLabel ?l }} }}
                 INSERT {{ GRAPH ?g {{ ?e skos:prefLabel \"{lit}\"@fr }} }}
                 WHERE {{ GRAPH ?g {{ ?e skos:prefLabel ?l }} FILTER(?e = <https://w3id.org/vnkg/id/actor/qualcomm>) }};
                 DELETE {{ GRAPH ?g {{ ?e rdfs:label ?l }} }}
                 INSERT {{ GRAPH ?g {{ ?e rdfs:label \"{lit}\"@fr }} }}
                 WHERE {{ GRAPH ?g {{ ?e rdfs:label ?l }} FILTER(?e = <https://w3id.org/vnkg/id/actor/qualcomm>) }}"
            ))
            .unwrap();
    }
    let mut files = Vec::new();
    for fmt in [
        "ttl",
        "nt",
        "nq",
        "trig",
        "jsonld",
        "rdfxml",
        "graphml",
        "csv",
        "nodes-csv",
    ] {
        let out = dir.path().join(format!("export.{fmt}"));
        let o = vnkg(
            &["export", "--format", fmt, "--out", out.to_str().unwrap()],
            &store,
        );
        assert!(o.status.success(), "{fmt}: {}", stderr(&o));
        files.push(out);
    }
    let script = r#"
import sys, csv, json, rdflib, networkx
from xml.etree import ElementTree
nasty = json.loads(sys.argv[1])
d = sys.argv[2]
q = rdflib.URIRef("https://w3id.org/vnkg/id/actor/qualcomm")
# XML 1.0 cannot carry U+0001 even escaped: the XML formats drop such characters
xml_nasty = "".join(c for c in nasty if c in "\n\t\r" or not (ord(c) < 32 or 127 <= ord(c) < 160))
fmts = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}
for ext, f in fmts.items():
    g = rdflib.Dataset()
    g.parse(f"{d}/export.{ext}", format=f)
    labels = {str(o) for _, _, o, _ in g.quads((q, rdflib.SKOS.prefLabel, None, None))}
    assert (xml_nasty if ext == "rdfxml" else nasty) in labels, (ext, labels)
    print("ok", ext)
ElementTree.parse(f"{d}/export.graphml")
g = networkx.read_graphml(f"{d}/export.graphml")
labels = {a.get("label") for _, a in g.nodes(data=True)}
assert xml_nasty in labels, [l for l in labels if l and "Q" in l]
print("ok graphml")
rows = list(csv.DictReader(open(f"{d}/export.csv", newline="", encoding="utf-8")))
labels = {r["source_label"] for r in rows} | {r["target_label"] for r in rows}
assert nasty in labels, list(rows[0].keys())
rows = list(csv.DictReader(open(f"{d}/export.nodes-csv", newline="", encoding="utf-8")))
assert nasty in {r["label"] for r in rows}
print("ok csv")
"#;
    let o = Command::new(&py)
        .arg("-c")
        .arg(script)
        .arg(serde_json::to_string(nasty).unwrap())
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    // GraphML is also valid against the GraphML 1.1 schema
    if let Some(peers) = peers() {
        if Command::new("xmllint").arg("--version").output().is_ok() {
            let o = Command::new("xmllint")
                .args(["--nonet", "--noout", "--schema"])
                .arg(peers.join("graphml/graphml.xsd"))
                .arg(dir.path().join("export.graphml"))
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
        }
    }
}

/// A store written by a vnkg of the previous data model (evidence node per mention, no model
/// version) is refused with one line saying to rebuild, by readers and writers alike (the
/// ingest writes nothing: it is refused again the second time).
#[test]
fn a_store_of_the_old_data_model_is_refused_not_mixed() {
    let dir = built();
    let store = dir.path().join("store");
    {
        // what a model-1 store looks like to this vnkg: articles, no model version
        let s = vnkg::rdf::KgStore::open(&store).unwrap();
        s.update(
            "DELETE WHERE { GRAPH ?g { ?s <https://w3id.org/vnkg/ontology#modelVersion> ?v } }",
        )
        .unwrap();
    }
    let expected = format!(
        "error: store at {} holds data model 1; this vnkg reads and writes model 3 (compact provenance, teasers stored once). Rebuild it: remove the directory and run `vnkg build`, or build into another --store",
        store.display()
    );
    for args in [
        vec!["query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
        vec![
            "ingest",
            root()
                .join("tests/bad_input/windows_1252.txt")
                .to_str()
                .unwrap(),
        ],
    ] {
        let o = vnkg(&args.iter().map(|s| &**s).collect::<Vec<_>>(), &store);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).trim(), expected, "{args:?}");
    }
}

/// `vnkg load GOOD BAD` into a built store: exit 1, the one error line naming the bad shard and
/// line, and the store exactly as it was (no graph of the good shard replaced, nothing added).
fn load_refused(bad_line: &str, expected: &str) {
    let dir = built();
    let store = dir.path().join("store");
    let good = dir.path().join("good.nq");
    let o = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["extract", "--format", "nquads", "data/articles"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(&good, &o.stdout).unwrap();
    let bad = dir.path().join("bad.nq");
    let first = String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap()
        .to_string();
    std::fs::write(&bad, format!("{first}\n# a comment\n{bad_line}\n")).unwrap();
    let export = |name: &str| {
        let out = dir.path().join(name);
        let o = vnkg(
            &["export", "--format", "nq", "--out", out.to_str().unwrap()],
            &store,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let mut lines: Vec<String> = std::fs::read_to_string(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        lines.sort();
        lines
    };
    // with dcterms:modified: a graph replaced by the good shard would show a new time
    let before = export("before.nq");
    let o = vnkg(
        &["load", good.to_str().unwrap(), bad.to_str().unwrap()],
        &store,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).trim(),
        format!("error: {} line 3{expected}", bad.display()),
        "what the user sees"
    );
    assert!(before == export("after.nq"), "the store changed");
}

#[test]
fn load_refuses_a_quad_in_the_default_graph() {
    load_refused(
        "<http://a> <http://b> <http://c> .",
        ": quad in the default graph; vnkg load takes only article and story graphs (<https://w3id.org/vnkg/graph/article/…>, <…/graph/story/…>), as `vnkg extract --format nquads` writes them",
    );
}

#[test]
fn load_refuses_a_quad_in_another_graph() {
    load_refused(
        "<http://a> <http://b> <http://c> <https://w3id.org/vnkg/graph/views> .",
        ": quad in graph <https://w3id.org/vnkg/graph/views>; vnkg load takes only article and story graphs (<https://w3id.org/vnkg/graph/article/…>, <…/graph/story/…>), as `vnkg extract --format nquads` writes them",
    );
}

#[test]
fn load_refuses_a_line_that_does_not_parse() {
    load_refused(
        "<http://a> <http://b> \"x .",
        " column 23: Unexpected end of file",
    );
}
