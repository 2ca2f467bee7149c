//! `vnkg push` against a real triplestore: Oxigraph's own server (PyPI package `oxigraph`,
//! installed by scripts/test.sh into the test venv), started here on a free loopback port.

use crate::common::*;
use std::process::{Command, Stdio};

fn oxigraph_server() -> Option<std::path::PathBuf> {
    let venv = std::env::var_os("VNKG_PYTHON")
        .map(std::path::PathBuf::from)
        .and_then(|p| p.parent().map(|d| d.join("oxigraph")));
    let home = std::env::var_os("HOME")
        .map(|h| std::path::PathBuf::from(h).join(".cache/vnkg/venv/bin/oxigraph"));
    venv.into_iter().chain(home).find(|p| p.exists())
}

fn count(port: u16, q: &str) -> usize {
    let url = format!(
        "http://127.0.0.1:{port}/query?query={}",
        form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
    );
    let body = ureq::get(&url)
        .set("Accept", "text/csv")
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    body.lines().nth(1).unwrap().trim().parse().unwrap()
}

#[test]
fn push_to_an_oxigraph_server_gives_the_same_counts() {
    let Some(bin) = oxigraph_server() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but the oxigraph server (pip package oxigraph) is not installed");
        }
        eprintln!("SKIP: no oxigraph server binary (pip install oxigraph into the test venv)");
        return;
    };
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(bin)
        .args(["serve", "--location"])
        .arg(dir.path().join("remote"))
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let up = (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(up, "oxigraph server did not start");
    let o = vnkg(
        &[
            "push",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
        ],
        &store,
    );
    eprintln!("{}", stdout(&o));
    assert!(o.status.success(), "{}", stderr(&o));
    let q_quads = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let q_graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let q_partners = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a <https://w3id.org/vnkg/ontology#Partnership> } }";
    let local = |q: &str| {
        stdout(&vnkg(&["query", "--format", "csv", "-e", q], &store))
            .lines()
            .nth(1)
            .unwrap()
            .trim()
            .parse::<usize>()
            .unwrap()
    };
    let (lq, lg, lp) = (local(q_quads), local(q_graphs), local(q_partners));
    assert_eq!(
        (
            count(port, q_quads),
            count(port, q_graphs),
            count(port, q_partners)
        ),
        (lq, lg, lp)
    );
    assert!(
        stdout(&o).contains(&format!("pushed {lg} graph(s), {lq} triples")),
        "{}",
        stdout(&o)
    );
    // pushing again replaces, never duplicates
    assert!(vnkg(
        &[
            "push",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store")
        ],
        &store
    )
    .status
    .success());
    assert_eq!(count(port, q_quads), lq);
    // --since: only what changed after that time (a newly ingested article, and the analytics)
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // --since the new article's timestamp: it and the analytics are newer, the build's articles older
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let copy = dir.path().join("new_article.txt");
    std::fs::copy(root().join("data/articles/004_6089e58429b7021b.txt"), &copy).unwrap();
    assert!(vnkg(&["ingest", copy.to_str().unwrap()], &store)
        .status
        .success());
    let since_next = stdout(&vnkg(
        &["query", "--format", "csv", "-e", "SELECT ?m WHERE { ?a vnkg:sourceFile ?f ; dcterms:modified ?m FILTER(CONTAINS(?f, 'new_article')) }"],
        &store,
    ))
    .lines()
    .nth(1)
    .unwrap()
    .trim()
    .to_string();
    let o = vnkg(
        &[
            "push",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
            "--since",
            &since_next,
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // the article's graph, the graphs of the teasers it carries (written with it), analytics
    let teasers: usize = stdout(&vnkg(
        &["query", "--format", "csv", "-e", "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?a vnkg:sourceFile ?f FILTER(CONTAINS(?f, 'new_article')) ?st dcterms:isPartOf ?a ; vnkg:isTeaser true }"],
        &store,
    ))
    .lines()
    .nth(1)
    .unwrap()
    .trim()
    .parse()
    .unwrap();
    assert!(teasers > 0);
    assert!(
        stdout(&o).starts_with(&format!("pushed {} graph(s)", 2 + teasers)),
        "{teasers} teasers: {}",
        stdout(&o)
    );
    assert_eq!(count(port, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/vnkg/ontology#Article> } }"), 6);
    let _ = server.kill();
    let _ = server.wait();
}
