//! The command line as a user drives it: build, ingest, query, export, explain, and the
//! errors a user sees on bad input.

use crate::common::*;
use std::path::Path;

#[test]
fn build_prints_a_summary_and_is_idempotent() {
    let dir = tempdir();
    let store = dir.path().join("store");
    let o = vnkg(&["build"], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("articles      5 read, 5 in store"), "{out}");
    assert!(out.contains("partner countries"), "{out}");
    assert!(out.contains("provenance triples per fact"), "{out}");
    let n1 = quad_count(&store);
    let modified = |s: &Path| {
        stdout(&vnkg(
            &[
                "query",
                "--format",
                "csv",
                "-e",
                "SELECT ?a ?m WHERE { ?a dcterms:modified ?m } ORDER BY ?a",
            ],
            s,
        ))
    };
    let m1 = modified(&store);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // a second build of the same files changes nothing, not even when the facts last changed
    let o = vnkg(&["build"], &store);
    assert!(o.status.success());
    assert_eq!(quad_count(&store), n1);
    assert_eq!(modified(&store), m1);
    let o = vnkg(
        &["ingest", "data/articles/003_c90cd3ffa6731a0f.txt"],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(quad_count(&store), n1);
}

#[test]
fn reingesting_an_edited_article_replaces_its_facts() {
    let dir = built();
    let store = dir.path().join("store");
    let art = dir.path().join("003_c90cd3ffa6731a0f.txt");
    let text =
        std::fs::read_to_string(root().join("data/articles/003_c90cd3ffa6731a0f.txt")).unwrap();
    std::fs::write(&art, text.replace("Qualcomm", "Intel")).unwrap();
    let o = vnkg(&["ingest", art.to_str().unwrap()], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let ask = |q: &str| {
        stdout(&vnkg(&["query", "--format", "csv", "-e", q], &store))
            .lines()
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        ask("SELECT (COUNT(*) AS ?n) WHERE { ?e vnkg:mentionedIn ?s . ?s vnkg:text ?t FILTER(CONTAINS(?t, 'Qualcomm')) }"),
        "0"
    );
    assert_ne!(
        ask("SELECT (COUNT(*) AS ?n) WHERE { ?e vnkg:mentionedIn ?s . ?s vnkg:text ?t FILTER(CONTAINS(?t, 'Intel')) }"),
        "0"
    );
    // the other articles are untouched
    assert_eq!(
        ask("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a vnkg:Article }"),
        "5"
    );
}

#[test]
fn query_formats() {
    let dir = built();
    let store = dir.path().join("store");
    let q = "SELECT ?l WHERE { <https://w3id.org/vnkg/id/country/jp> skos:prefLabel ?l FILTER(lang(?l) = 'fr') }";
    for (fmt, needle) in [
        ("table", "Japon"),
        ("csv", "l\r\nJapon"),
        ("tsv", "?l\n\"Japon\"@fr"),
        ("json", "\"value\":\"Japon\""),
        ("xml", "<literal xml:lang=\"fr\">Japon</literal>"),
    ] {
        let o = vnkg(&["query", "--format", fmt, "-e", q], &store);
        assert!(o.status.success(), "{fmt}: {}", stderr(&o));
        assert!(stdout(&o).contains(needle), "{fmt}: {}", stdout(&o));
    }
    let o = vnkg(&["query", "-e", "ASK { ?s a vnkg:Partnership }"], &store);
    assert_eq!(stdout(&o).trim(), "true");
    let o = vnkg(
        &[
            "query",
            "-e",
            "CONSTRUCT { ?c a vnkg:Country } WHERE { ?c a vnkg:Country } LIMIT 2",
        ],
        &store,
    );
    assert!(stdout(&o).contains("vnkg:Country"), "{}", stdout(&o));
}

#[test]
fn malformed_sparql_gets_the_parser_message_and_fails() {
    let dir = built();
    let o = vnkg(
        &["query", "-e", "SELECT ?x WHERE { ?x ?y }"],
        &dir.path().join("store"),
    );
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.starts_with("error: SPARQL syntax error"), "{e}");
    assert!(
        e.contains("1:") || e.contains("line"),
        "position missing: {e}"
    );
    assert_eq!(e.trim().lines().count(), 1, "{e}");
}

#[test]
fn bad_inputs_are_refused_clearly_and_leave_the_store_as_it_was() {
    let dir = built();
    let store = dir.path().join("store");
    let before = quad_count(&store);
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0]).unwrap();
    let html = dir.path().join("page.txt");
    std::fs::write(&html, "<!DOCTYPE html><html><body>Hanoi</body></html>").unwrap();
    for (f, msg) in [
        (&empty, "file is empty"),
        (&binary, "binary file"),
        (&html, "no article text found in the page"),
    ] {
        let o = vnkg(&["ingest", f.to_str().unwrap()], &store);
        assert!(!o.status.success(), "{f:?} accepted");
        let e = stderr(&o);
        assert!(
            e.contains(f.to_str().unwrap()) && e.contains(msg),
            "{f:?}: {e}"
        );
    }
    assert_eq!(quad_count(&store), before);
    let o = vnkg(&["export", "--format", "docx"], &store);
    assert!(!o.status.success());
    assert!(
        stderr(&o).trim()
            == "error: unknown format 'docx' (expected ttl, nt, nq, trig, jsonld, rdfxml, graphml, csv or nodes-csv)",
        "{}",
        stderr(&o)
    );
    let o = vnkg(
        &["query", "-e", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"],
        &dir.path().join("nowhere"),
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("run `vnkg build` first"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn windows_1252_articles_are_decoded() {
    let dir = tempdir();
    let art = dir.path().join("latin1.txt");
    let text = "Coopération franco-vietnamienne\n\nHanoï (VNA) - Le Vietnam et la France ont signé un accord de coopération dans l'intelligence artificielle.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(&art, &bytes).unwrap();
    let store = dir.path().join("store");
    let o = vnkg(&["build", art.to_str().unwrap()], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vnkg(&["query", "--format", "csv", "-e", "SELECT ?s WHERE { ?p a vnkg:Partnership ; vnkg:focusesOn ?s . <https://w3id.org/vnkg/id/country/fr> vnkg:partyTo ?p }"], &store);
    assert!(
        stdout(&o).contains("artificial-intelligence"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_store_in_use_is_reported() {
    let dir = built();
    let store_path = dir.path().join("store");
    let held = vnkg::rdf::KgStore::open(&store_path).unwrap();
    // a writer is refused, with the way forward
    let o = vnkg(&["ingest", "data/articles"], &store_path);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("in use by another process"), "{e}");
    assert!(e.contains("vnkg ingest --server"), "{e}");
    assert_eq!(e.trim().lines().count(), 1, "{e}");
    // a reader gets a read-only view, and is told so
    let o = vnkg(
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "ASK { ?s a vnkg:Article }",
        ],
        &store_path,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("true"));
    assert!(
        stderr(&o).contains("reading it read-only"),
        "{}",
        stderr(&o)
    );
    drop(held);
    let o = vnkg(&["query", "-e", "ASK {}"], &store_path);
    assert!(o.status.success());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn explain_shows_facts_with_evidence_and_suggests_on_unknown_names() {
    let dir = built();
    let store = dir.path().join("store");
    let o = vnkg(&["explain", "Qualcomm"], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Qualcomm (Company)"), "{out}");
    assert!(out.contains("s'est associé à Qualcomm"), "{out}");
    assert!(out.contains("003_c90cd3ffa6731a0f.txt"), "{out}");
    let o = vnkg(&["explain", "HCMC"], &store);
    assert!(
        stdout(&o).starts_with("Hô Chi Minh-Ville"),
        "{}",
        stdout(&o)
    );
    let o = vnkg(&["explain", "Centre"], &store);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

#[test]
fn min_confidence_filters_facts() {
    let dir = tempdir();
    let all = dir.path().join("all");
    let strict = dir.path().join("strict");
    assert!(vnkg(&["build"], &all).status.success());
    assert!(vnkg(&["build", "--min-confidence", "0.8"], &strict)
        .status
        .success());
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?e vnkg:confidence ?c ; vnkg:inSentence ?s FILTER(?c < 0.8) }";
    let n = |s: &Path| {
        stdout(&vnkg(&["query", "--format", "csv", "-e", q], s))
            .lines()
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_ne!(n(&all), "0");
    assert_eq!(n(&strict), "0");
    assert!(!vnkg(&["build", "--min-confidence", "2"], &strict)
        .status
        .success());
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::process::{Command, Stdio};
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    // `vnkg path A B | head -0`: the reader is gone before vnkg writes a byte
    for args in [
        &["path", "Becamex IDC", "Binh Duong"][..],
        &["rank", "--by", "pagerank"][..],
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "SELECT ?s WHERE { ?s ?p ?o }",
        ][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vnkg"))
            .args(args)
            .env("VNKG_STORE", &store)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
