//! Analytics checked against networkx on the same graphs (GraphML written by vnkg, read by
//! networkx), on the built-in corpus and on random graphs of a few thousand nodes.

use crate::common::*;
use std::collections::BTreeMap;
use std::process::Command;
use vnkg::analyze::centrality::{compute_all, Scores};
use vnkg::analyze::communities::{louvain, modularity};
use vnkg::analyze::projection::Network;
use vnkg::analyze::{AnalysisGraph, ProjectOptions};
use vnkg::export::graphml::node_id;

fn reference(
    py: &std::path::Path,
    graphml: &std::path::Path,
    partition: &std::path::Path,
) -> serde_json::Value {
    let o = Command::new(py)
        .arg(root().join("tests/analytics_reference.py"))
        .arg(graphml)
        .arg("--partition")
        .arg(partition)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn compare(g: &AnalysisGraph, ours: &Scores, comm: &[usize], net: &Network, dir: &std::path::Path) {
    let Some(py) = python() else { return };
    let gml = dir.join("g.graphml");
    let mut f = std::fs::File::create(&gml).unwrap();
    vnkg::export::graphml::write(net, &mut f).unwrap();
    let part: BTreeMap<String, usize> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (node_id(&n.iri), comm[i]))
        .collect();
    let pfile = dir.join("partition.json");
    std::fs::write(&pfile, serde_json::to_string(&part).unwrap()).unwrap();
    let r = reference(&py, &gml, &pfile);
    let check = |name: &str, ours: &[f64]| {
        let theirs = r[name]
            .as_object()
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(theirs.len(), g.nodes.len(), "{name}: node count");
        let mut worst = 0.0f64;
        for (i, n) in g.nodes.iter().enumerate() {
            let t = theirs[&node_id(&n.iri)].as_f64().unwrap();
            worst = worst.max((t - ours[i]).abs());
        }
        assert!(worst < 1e-6, "{name}: max difference {worst}");
        eprintln!(
            "{name}: max |vnkg - networkx| = {worst:.2e} over {} nodes",
            g.nodes.len()
        );
    };
    check("degree", &ours.degree);
    check("weighted_degree", &ours.weighted_degree);
    check("pagerank", &ours.pagerank);
    check("betweenness", &ours.betweenness);
    check("closeness", &ours.closeness);
    if !r["eigenvector"].is_null() {
        check("eigenvector", &ours.eigenvector);
    }
    let q = modularity(g, comm);
    let q_nx = r["modularity_of"].as_f64().unwrap();
    assert!(
        (q - q_nx).abs() < 1e-9,
        "modularity of our partition: {q} vs networkx {q_nx}"
    );
    let q_louvain = r["louvain_modularity"].as_f64().unwrap();
    eprintln!("modularity: vnkg Louvain {q:.4}, networkx Louvain {q_louvain:.4}");
    assert!(
        q >= q_louvain - 0.03,
        "our communities are much worse than networkx's: {q} vs {q_louvain}"
    );
}

#[test]
fn corpus_analytics_match_networkx() {
    let store = corpus_store();
    let net = Network::from_store(store).unwrap();
    let g = AnalysisGraph::from_network(&net, &ProjectOptions::default());
    assert!(g.nodes.len() > 50 && g.links.len() > 50);
    let scores = compute_all(&g);
    let comm = louvain(&g);
    let dir = tempdir();
    compare(&g, &scores, &comm, &net, dir.path());
    // Vietnam has the most partners in the built-in corpus: it is a party in the Russian,
    // Singaporean, Taiwanese, ASML and UN stories; by PageRank it shares the top with
    // Hô Chi Minh-Ville, the subject of two articles and of most sector-focus sentences
    let top = vnkg::analyze::centrality::ranking(&g, &scores.degree)[0];
    assert_eq!(g.nodes[top].label, "Vietnam");
    let by_pr: Vec<&str> = vnkg::analyze::centrality::ranking(&g, &scores.pagerank)[..2]
        .iter()
        .map(|&i| g.nodes[i].label.as_str())
        .collect();
    assert!(
        by_pr.contains(&"Vietnam") && by_pr.contains(&"Hô Chi Minh-Ville"),
        "{by_pr:?}"
    );
}

#[test]
fn random_graph_analytics_match_networkx() {
    for (n, m, seed) in [(2000, 5000, 42), (3000, 4500, 7)] {
        let net = Network::random(n, m, seed);
        let g = AnalysisGraph::from_network(&net, &ProjectOptions::default());
        let scores = compute_all(&g);
        let comm = louvain(&g);
        let dir = tempdir();
        compare(&g, &scores, &comm, &net, dir.path());
    }
}

#[test]
fn k_shortest_paths_match_networkx_lengths() {
    let Some(py) = python() else { return };
    let net = Network::random(300, 700, 3);
    let g = AnalysisGraph::from_network(&net, &ProjectOptions::default());
    let dir = tempdir();
    let gml = dir.path().join("g.graphml");
    vnkg::export::graphml::write(&net, &mut std::fs::File::create(&gml).unwrap()).unwrap();
    let pairs = [(0usize, 1usize), (5, 77), (10, 200), (33, 250)];
    let script = r#"
import sys, json, itertools, networkx as nx
raw = nx.read_graphml(sys.argv[1]); g = nx.Graph(raw); g.remove_edges_from(nx.selfloop_edges(g))
out = []
for s, t in json.loads(sys.argv[2]):
    try:
        out.append([len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(g, "actor:n%d" % s, "actor:n%d" % t), 5)])
    except nx.NetworkXNoPath:
        out.append([])
print(json.dumps(out))
"#;
    let o = Command::new(py)
        .args(["-c", script])
        .arg(&gml)
        .arg(serde_json::to_string(&pairs).unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let theirs: Vec<Vec<usize>> = serde_json::from_slice(&o.stdout).unwrap();
    for ((s, t), lens) in pairs.iter().zip(theirs) {
        let ours: Vec<usize> = vnkg::analyze::paths::k_shortest_paths(&g, *s, *t, 5)
            .iter()
            .map(|p| p.len() - 1)
            .collect();
        assert_eq!(ours, lens, "paths {s} → {t}");
        for p in vnkg::analyze::paths::k_shortest_paths(&g, *s, *t, 5) {
            assert!(
                p.windows(2)
                    .all(|w| vnkg::analyze::paths::link_between(&g, w[0], w[1]).is_some()),
                "not a path: {p:?}"
            );
            let mut seen = p.clone();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), p.len(), "loop in {p:?}");
        }
    }
}

#[test]
fn analytics_are_written_back_for_sparql_and_exports() {
    let dir = tempdir();
    let store = dir.path().join("store");
    let o = vnkg(&["build"], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vnkg(&["query", "--format", "csv", "-e", "SELECT ?e WHERE { GRAPH <https://w3id.org/vnkg/graph/analytics> { ?e vnkg:degree ?pr } } ORDER BY DESC(?pr) LIMIT 1"], &store);
    assert_eq!(
        stdout(&o).lines().nth(1),
        Some("https://w3id.org/vnkg/id/country/vn"),
        "{}",
        stdout(&o)
    );
    let o = vnkg(
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?e vnkg:community ?c }",
        ],
        &store,
    );
    let communities: usize = stdout(&o).lines().nth(1).unwrap().parse().unwrap();
    assert!(communities > 3, "{communities}");
    let gml = dir.path().join("g.graphml");
    assert!(vnkg(
        &[
            "export",
            "--format",
            "graphml",
            "--out",
            gml.to_str().unwrap()
        ],
        &store
    )
    .status
    .success());
    let text = std::fs::read_to_string(&gml).unwrap();
    assert!(text.contains(r#"attr.name="pagerank" attr.type="double""#));
    assert!(text.contains(r#"<data key="d_pagerank">"#));
    let o = vnkg(&["export", "--format", "nodes-csv"], &store);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    let pr = headers.iter().position(|h| h == "pagerank").unwrap();
    assert!(r
        .records()
        .filter_map(|x| x.ok())
        .any(|rec| rec[pr].parse::<f64>().is_ok_and(|v| v > 0.0)));
}

#[test]
fn rank_path_neighbors_and_communities_commands() {
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let o = vnkg(
        &[
            "rank", "--by", "pagerank", "--class", "Country", "--top", "3", "--format", "csv",
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .lines()
            .nth(1)
            .unwrap()
            .contains(",Vietnam,Country,"),
        "{}",
        stdout(&o)
    );
    // 003: « l'Institut de technologie des postes et télécommunications s'est associé à Qualcomm »
    let o = vnkg(
        &[
            "path",
            "Qualcomm",
            "Institut de technologie des postes et télécommunications",
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("(1 hop)")
            && out.contains("cooperatesWith")
            && out.contains("s'est associé à Qualcomm"),
        "{out}"
    );
    let o = vnkg(&["path", "Qualcomm", "Nowhere Corp"], &store);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("unknown entity 'Nowhere Corp'"),
        "{}",
        stderr(&o)
    );
    let o = vnkg(&["neighbors", "HCMC", "--depth", "1"], &store);
    assert!(stdout(&o).contains("Japon"), "{}", stdout(&o));
    let o = vnkg(&["communities"], &store);
    assert!(stdout(&o).contains("modularity"), "{}", stdout(&o));
    assert!(!vnkg(&["rank", "--by", "fame"], &store).status.success());
}
