//! Exports read back by independent parsers: oxigraph and rdflib for RDF, networkx and the
//! GraphML 1.1 schema (xmllint) for GraphML.

use crate::common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn export(store: &Path, dir: &Path, fmt: &str, ext: &str) -> PathBuf {
    let out = dir.join(format!("graph.{ext}"));
    let o = vnkg(
        &["export", "--format", fmt, "--out", out.to_str().unwrap()],
        store,
    );
    assert!(o.status.success(), "{fmt}: {}", stderr(&o));
    out
}

fn oxigraph_triples(path: &Path, format: RdfFormat) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let mut set = HashSet::new();
    for q in RdfParser::from_format(format).for_slice(&bytes) {
        let q = q.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        set.insert((
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        ));
    }
    set.len()
}

#[test]
fn rdf_exports_round_trip_through_oxigraph_and_rdflib() {
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let o = vnkg(&["query", "--format", "csv", "-e", "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"], &store);
    let distinct: usize = stdout(&o).lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(distinct > 1000);
    let ttl = export(&store, dir.path(), "ttl", "ttl");
    let nt = export(&store, dir.path(), "nt", "nt");
    let trig = export(&store, dir.path(), "trig", "trig");
    let nq = export(&store, dir.path(), "nq", "nq");
    let jsonld = export(&store, dir.path(), "jsonld", "jsonld");
    let rdfxml = export(&store, dir.path(), "rdfxml", "rdf");
    assert_eq!(oxigraph_triples(&ttl, RdfFormat::Turtle), distinct);
    assert_eq!(oxigraph_triples(&nt, RdfFormat::NTriples), distinct);
    assert_eq!(oxigraph_triples(&trig, RdfFormat::TriG), distinct);
    assert_eq!(oxigraph_triples(&nq, RdfFormat::NQuads), distinct);
    let Some(py) = python() else { return };
    let script = r#"
import sys, rdflib
counts = []
for path, fmt in [(sys.argv[1], "turtle"), (sys.argv[2], "nt"), (sys.argv[5], "json-ld"), (sys.argv[6], "xml")]:
    g = rdflib.Graph(); g.parse(path, format=fmt); counts.append(len(g))
for path, fmt in [(sys.argv[3], "trig"), (sys.argv[4], "nquads")]:
    d = rdflib.Dataset(); d.parse(path, format=fmt)
    counts.append(len(set((s, p, o) for s, p, o, _ in d.quads((None, None, None, None)))))
print(" ".join(map(str, counts)))
"#;
    let o = Command::new(py)
        .args(["-c", script])
        .args([&ttl, &nt, &trig, &nq, &jsonld, &rdfxml])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let counts: Vec<usize> = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(
        counts,
        vec![distinct; 6],
        "rdflib counts (ttl nt jsonld rdfxml trig nq)"
    );
}

#[test]
fn graphml_loads_in_networkx_and_validates_against_the_schema() {
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let gml = export(&store, dir.path(), "graphml", "graphml");
    let text = std::fs::read_to_string(&gml).unwrap();
    let nodes = text.matches("<node ").count();
    let edges = text.matches("<edge ").count();
    assert!(nodes > 30 && edges > 30, "{nodes} nodes, {edges} edges");
    assert!(text.contains(r#"attr.name="weight" attr.type="double""#));
    // the CSV lists the same edges
    let csv = export(&store, dir.path(), "csv", "csv");
    let mut r = csv::Reader::from_path(&csv).unwrap();
    assert_eq!(r.records().count(), edges);
    if let Some(peers) = peers() {
        let xsd = peers.join("graphml/graphml.xsd");
        match Command::new("xmllint")
            .args(["--nonet", "--noout", "--schema"])
            .arg(&xsd)
            .arg(&gml)
            .output()
        {
            Ok(o) => assert!(
                o.status.success(),
                "xmllint: {}",
                String::from_utf8_lossy(&o.stderr)
            ),
            Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!("CI=true but xmllint is not installed")
            }
            Err(_) => eprintln!("SKIP: xmllint not installed (Debian: libxml2-utils)"),
        }
    }
    let Some(py) = python() else { return };
    let script = r#"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
w = [d["weight"] for _, _, d in g.edges(data=True)]
s = [d["stories"] for _, d in g.nodes(data=True)]
assert all(isinstance(x, float) for x in w), "weights are not numbers"
assert all(isinstance(x, int) for x in s), "story counts are not integers"
labels = {d["label"] for _, d in g.nodes(data=True)}
assert "Qualcomm" in labels, labels
print(g.number_of_nodes(), g.number_of_edges())
"#;
    let o = Command::new(py)
        .args(["-c", script])
        .arg(&gml)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("{nodes} {edges}")
    );
}
