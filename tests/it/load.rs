//! `vnkg load`: N-Quads shards of `vnkg extract` become the store `vnkg build` makes, a graph
//! loaded again replaces itself, and each flag does what its doc says.

use crate::common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Every quad of a store, as strings, without `dcterms:modified` (the time of each run) and
/// without the ontology graph's blank nodes (OWL lists, labelled afresh at each parse of
/// ontology/vnkg.ttl); article and story graphs have none.
pub fn store_quads(store: &Path, out: &Path) -> BTreeSet<String> {
    let o = vnkg(
        &["export", "--format", "nq", "--out", out.to_str().unwrap()],
        store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&std::fs::read(out).unwrap())
        .map(|q| q.unwrap())
        .filter(|q| q.predicate.as_str() != "http://purl.org/dc/terms/modified")
        .filter(|q| {
            let blank = q.subject.is_blank_node() || q.object.is_blank_node();
            !(blank && q.graph_name.to_string() == "<https://w3id.org/vnkg/graph/ontology>")
        })
        .map(|q| q.to_string())
        .collect()
}

/// `vnkg extract --format nquads` of the built-in corpus, split in two shards at an article
/// boundary (the second gzipped), as two map tasks would write them.
pub fn shards(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = dir.join("shards");
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.nq");
    let b = dir.join("b.nq.gz");
    for (files, out) in [
        (
            vec![
                "data/articles/000_f8d200d53bf872d3.txt",
                "data/articles/001_c4708a1c6c412f17.txt",
            ],
            &a,
        ),
        (vec!["data/articles"], &b),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_vnkg"))
            .args(["extract", "--format", "nquads"])
            .args(files)
            .current_dir(root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        if out.extension().is_some_and(|e| e == "gz") {
            let mut z = libflate::gzip::Encoder::new(Vec::new()).unwrap();
            z.write_all(&o.stdout).unwrap();
            std::fs::write(out, z.finish().into_result().unwrap()).unwrap();
        } else {
            std::fs::write(out, &o.stdout).unwrap();
        }
    }
    (a, b)
}

#[test]
fn shards_load_into_the_store_build_makes_and_loading_again_changes_nothing() {
    let dir = tempdir();
    let (a, b) = shards(dir.path());
    // b holds every article, a two of them again: overlapping shards, as a teaser's graph is
    let loaded = dir.path().join("loaded");
    let o = vnkg(&["load", a.to_str().unwrap(), b.to_str().unwrap()], &loaded);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("articles      5 loaded"), "{out}");
    assert!(out.contains("analytics     "), "{out}");
    let built = dir.path().join("built");
    assert!(vnkg(&["build"], &built).status.success());
    let from_build = store_quads(&built, &dir.path().join("built.nq"));
    let from_load = store_quads(&loaded, &dir.path().join("loaded.nq"));
    assert!(from_build.len() > 9000, "{}", from_build.len());
    // every graph: articles, teasers, ontology, gazetteer, model version, views, analytics
    assert_same_quads(&from_load, &from_build);
    // the same shards again: each graph replaces itself
    let o = vnkg(
        &["load", dir.path().join("shards").to_str().unwrap()],
        &loaded,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(21 graph(s) replaced)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        store_quads(&loaded, &dir.path().join("again.nq")),
        from_load
    );
}

#[test]
fn a_graph_loaded_again_loses_the_quads_its_new_shard_lacks() {
    let dir = tempdir();
    let (a, _) = shards(dir.path());
    let store = dir.path().join("s");
    assert!(vnkg(&["load", a.to_str().unwrap()], &store)
        .status
        .success());
    let text = std::fs::read_to_string(&a).unwrap();
    let label = text
        .lines()
        .find(|l| l.contains("/graph/article/") && l.contains("#focusesOn>"))
        .unwrap()
        .to_string();
    let edited = dir.path().join("edited.nq");
    std::fs::write(&edited, text.replace(&format!("{label}\n"), "")).unwrap();
    let dropped = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(label.as_bytes())
        .next()
        .unwrap()
        .unwrap()
        .to_string();
    assert!(store_quads(&store, &dir.path().join("before.nq")).contains(&dropped));
    let o = vnkg(
        &["load", "--no-analytics", edited.to_str().unwrap()],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("analytics     skipped (--no-analytics)"),
        "{}",
        stdout(&o)
    );
    let quads = store_quads(&store, &dir.path().join("out.nq"));
    assert!(!quads.contains(&dropped), "{dropped} is still there");
}

/// `--no-analytics` leaves the analytics graph out; `--memory-mb` bounds the loader's batches
/// (a small budget: several sorted runs, merged).
#[test]
fn no_analytics_and_memory_mb_do_what_they_say() {
    let dir = tempdir();
    let corpus = dir.path().join("corpus");
    gen_corpus(&corpus, 80, 3);
    let o = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["extract", "--format", "nquads"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let shard = dir.path().join("all.nq");
    std::fs::write(&shard, &o.stdout).unwrap();
    let store = dir.path().join("s");
    let o = vnkg(
        &[
            "load",
            "--no-analytics",
            "--memory-mb",
            "16",
            shard.to_str().unwrap(),
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let runs: usize = out
        .split("load          ")
        .nth(1)
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!(runs > 1 && out.contains("merged in"), "{out}");
    let o = vnkg(
        &[
            "query",
            "-e",
            "ASK { GRAPH <https://w3id.org/vnkg/graph/analytics> { ?s ?p ?o } }",
        ],
        &store,
    );
    assert!(stdout(&o).contains("false"), "{}", stdout(&o));
}

/// `--gazetteer DIR`: the reference graph is the gazetteer the shards were extracted with.
#[test]
fn gazetteer_sets_the_reference_graph() {
    let dir = tempdir();
    let gaz = dir.path().join("gaz");
    std::fs::create_dir(&gaz).unwrap();
    for f in std::fs::read_dir(root().join("data/gazetteer")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, gaz.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        gaz.join("extra.ttl"),
        "<https://w3id.org/vnkg/id/actor/load-test> <http://www.w3.org/2000/01/rdf-schema#label> \"Load Test\"@fr .\n",
    )
    .unwrap();
    let (a, _) = shards(dir.path());
    let store = dir.path().join("s");
    let o = vnkg(
        &[
            "load",
            "--no-analytics",
            "--gazetteer",
            gaz.to_str().unwrap(),
            a.to_str().unwrap(),
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ask = "ASK { GRAPH <https://w3id.org/vnkg/graph/gazetteer> { <https://w3id.org/vnkg/id/actor/load-test> ?p ?o } }";
    assert!(stdout(&vnkg(&["query", "-e", ask], &store)).contains("true"));
    // without the flag: the built-in gazetteer again
    assert!(
        vnkg(&["load", "--no-analytics", a.to_str().unwrap()], &store)
            .status
            .success()
    );
    assert!(stdout(&vnkg(&["query", "-e", ask], &store)).contains("false"));
}

#[test]
fn a_folder_without_shards_is_named() {
    let dir = tempdir();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("_SUCCESS"), "").unwrap();
    let store = dir.path().join("s");
    let o = vnkg(&["load", empty.to_str().unwrap()], &store);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        format!(
            "error: {}: no N-Quads shards (.nq, .nq.gz, Spark's part-*) found",
            empty.display()
        )
    );
    assert!(!store.join("CURRENT").exists(), "a store was created");
}
