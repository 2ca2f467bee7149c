//! `vnkg validate`: the built-in corpus's graph conforms to ontology/shapes.ttl, and a graph
//! broken on purpose is reported violation by violation, each with its focus node.

use crate::common::*;

#[test]
fn the_built_in_graph_conforms_and_a_broken_one_is_reported_with_focus_nodes() {
    let Some(py) = python_with("pyshacl", "pip install -r tests/requirements.txt") else {
        return;
    };
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vnkg"))
            .args(args)
            .env("VNKG_STORE", &store)
            .env("VNKG_PYTHON", &py)
            .current_dir(root())
            .output()
            .unwrap()
    };
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with("conforms: 0 violation(s)"),
        "{}",
        stdout(&o)
    );

    // break it: a partnership loses all parties but one, a fact's confidence leaves [0, 1],
    // an entity loses its French labels
    let (partnership, fact, entity) = {
        let s = vnkg::rdf::KgStore::open(&store).unwrap();
        let one = |q: &str| rows(&s, q)[0][0].clone();
        let p = one("SELECT ?p WHERE { ?p a vnkg:Partnership . ?x vnkg:partyTo ?p } GROUP BY ?p HAVING (COUNT(?x) = 2) ORDER BY ?p LIMIT 1");
        let e = one(
            "SELECT ?e WHERE { ?e vnkg:factPredicate ?p ; vnkg:confidence ?c } ORDER BY ?e LIMIT 1",
        );
        let q = "https://w3id.org/vnkg/id/actor/qualcomm".to_string();
        s
            .update(&format!(
                "PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
                 PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                 PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                 DELETE {{ GRAPH ?g {{ ?x vnkg:partyTo <{p}> }} }} WHERE {{
                   {{ SELECT ?x ?g WHERE {{ GRAPH ?g {{ ?x vnkg:partyTo <{p}> }} }} ORDER BY ?x LIMIT 1 }} }};
                 DELETE {{ GRAPH ?g {{ <{e}> vnkg:confidence ?c }} }} INSERT {{ GRAPH ?g {{ <{e}> vnkg:confidence 1.5 }} }}
                   WHERE {{ GRAPH ?g {{ <{e}> vnkg:confidence ?c }} }};
                 DELETE {{ GRAPH ?g {{ <{q}> ?l ?v }} }} WHERE {{ GRAPH ?g {{ <{q}> ?l ?v FILTER(?l IN (skos:prefLabel, rdfs:label)) }} }}"
            ))
            .unwrap();
        (p, e, q)
    };
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for focus in [&partnership, &fact, &entity] {
        assert!(
            out.lines()
                .any(|l| l.starts_with("violation") && l.contains(focus.as_str())),
            "no violation with focus {focus}:\n{out}"
        );
    }
    assert!(
        out.lines().last().unwrap().starts_with("does not conform"),
        "{out}"
    );
    let o = run(&["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["conforms"], false);
    assert!(v["violations"].as_array().unwrap().len() >= 3);
    // without pySHACL the user is told what to install
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["validate", "--python", "/usr/bin/python3"])
        .env("VNKG_STORE", &store)
        .output()
        .unwrap();
    if std::path::Path::new("/usr/bin/python3").exists()
        && !std::process::Command::new("/usr/bin/python3")
            .args(["-c", "import pyshacl"])
            .status()
            .is_ok_and(|s| s.success())
    {
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("cannot import pyshacl"),
            "{}",
            stderr(&o)
        );
    }
}

/// Each shape can fail: tests/shacl_check.py breaks the built-in graph one way per shape (74
/// mutations: a partnership with one party, a confidence of 1.5, a missing French label, an
/// IRI with a space, evidence pointing at no article, ...) and checks that exactly the expected
/// focus node is reported.
#[test]
fn every_shape_catches_the_fault_it_is_for() {
    let Some(py) = python_with("pyshacl", "pip install -r tests/requirements.txt") else {
        return;
    };
    let dir = tempdir();
    let store = dir.path().join("store");
    // full provenance: the mention evidence nodes are there to be broken too
    assert!(vnkg(&["build", "--provenance", "full"], &store)
        .status
        .success());
    let nq = dir.path().join("graph.nq");
    let o = vnkg(
        &["export", "--format", "nq", "--out", nq.to_str().unwrap()],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = std::process::Command::new(&py)
        .arg(root().join("tests/shacl_check.py"))
        .arg("--self-test")
        .arg(&nq)
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    let ok = out.lines().filter(|l| l.starts_with("ok ")).count();
    assert!(ok >= 50, "only {ok} mutations checked:\n{out}");
    assert!(!out.lines().any(|l| l.starts_with("FAIL")), "{out}");
}
