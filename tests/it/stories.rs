//! A "Voir plus" teaser carried by several articles is stored once, in a graph of its own
//! (`…/graph/story/HASH`) that the articles link to (`story dcterms:isPartOf article`, in the
//! articles' graphs). It stays while any article carries it and goes with the last one.
//!
//! Fixtures: `tests/fixtures/teasers/{a,b}.txt`, two articles with different main stories
//! and the same teaser, "Le Vietnam et la France discutent de la coopération…".

use crate::common::{options, root, rows};
use std::path::{Path, PathBuf};
use vnkg::extract::Extractor;
use vnkg::ingest::{ingest, IngestReport};
use vnkg::rdf::KgStore;

const TEASER: &str =
    "Le Vietnam et la France discutent de la coopération en matière de semi-conducteurs";
const FRANCE: &str = "https://w3id.org/vnkg/id/country/fr";

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/teasers").join(name)
}

/// Builds `files` into `store` as `vnkg build` does (graphs of articles not given are removed).
fn build(store: &KgStore, files: &[PathBuf]) -> IngestReport {
    let r = ingest(store, &Extractor::builtin().unwrap(), files, &options()).unwrap();
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    r
}

fn count(store: &KgStore, q: &str) -> usize {
    rows(store, q)[0][0].parse().unwrap()
}

fn story_graphs(store: &KgStore) -> Vec<String> {
    rows(
        store,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/story/')) } ORDER BY ?g",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect()
}

/// Quads in the article and story graphs (what the articles cost, without the reference
/// graphs and the views).
fn article_quads(store: &KgStore) -> usize {
    count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/article/') || STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/story/')) }",
    )
}

/// Which articles say they carry the teaser (by file name).
fn carriers(store: &KgStore) -> Vec<String> {
    rows(
        store,
        &format!("SELECT ?f WHERE {{ ?st dcterms:title '{TEASER}'@fr . ?st dcterms:isPartOf ?a . ?a vnkg:sourceFile ?f }} ORDER BY ?f"),
    )
    .into_iter()
    .map(|r| {
        Path::new(&r[0])
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    })
    .collect()
}

fn teaser_sentence_nodes(store: &KgStore) -> usize {
    count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { ?sn vnkg:text ?t FILTER(CONTAINS(?t, 'moyens de promouvoir leurs relations')) }",
    )
}

#[test]
fn a_teaser_carried_by_two_articles_is_stored_once() {
    let (a, b) = (fixture("a.txt"), fixture("b.txt"));
    let alone = |f: &PathBuf| {
        let s = KgStore::memory().unwrap();
        build(&s, std::slice::from_ref(f));
        article_quads(&s)
    };
    let both = KgStore::memory().unwrap();
    build(&both, &[a.clone(), b.clone()]);
    let graphs = story_graphs(&both);
    assert_eq!(graphs.len(), 1, "{graphs:?}");
    assert_eq!(carriers(&both), ["a.txt", "b.txt"]);
    assert_eq!(teaser_sentence_nodes(&both), 1);
    // the teaser's graph once: both articles together cost what each costs alone, less one
    // copy of the teaser's graph
    let teaser_quads = count(
        &both,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
            graphs[0]
        ),
    );
    assert!(teaser_quads > 10, "{teaser_quads}");
    assert_eq!(article_quads(&both), alone(&a) + alone(&b) - teaser_quads);
    // nothing about the teaser is left in the articles' own graphs but the link
    assert_eq!(
        count(
            &both,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?sn vnkg:text ?t } FILTER(CONTAINS(?t, 'promouvoir') && STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/article/')) }",
        ),
        0
    );
    // France is named only in the teaser: one sentence, one story, two articles
    let explained = vnkg::explain::explain(&both, "France").unwrap();
    assert!(
        explained.contains("mentioned in 1 sentence(s) of 1 story(ies) in 2 article(s)"),
        "{explained}"
    );
    // the partnership the teaser states is read the same from either article: one node
    assert_eq!(
        count(
            &both,
            &format!("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ <{FRANCE}> vnkg:partyTo ?p }}"),
        ),
        1
    );
}

#[test]
fn a_teaser_stays_while_an_article_carries_it_and_goes_with_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::copy(fixture("a.txt"), &a).unwrap();
    std::fs::copy(fixture("b.txt"), &b).unwrap();
    let store = KgStore::memory().unwrap();
    build(&store, &[a.clone(), b.clone()]);
    let before = article_quads(&store);
    let graphs = story_graphs(&store);

    // b removed (a build without it): a still carries the teaser
    let r = build(&store, std::slice::from_ref(&a));
    assert_eq!((r.removed, r.removed_stories), (1, 0));
    assert_eq!(story_graphs(&store), graphs);
    assert_eq!(carriers(&store), ["a.txt"]);
    assert_eq!(teaser_sentence_nodes(&store), 1);

    // b back: the teaser is not written twice
    build(&store, &[a.clone(), b.clone()]);
    assert_eq!(article_quads(&store), before);
    assert_eq!(carriers(&store), ["a.txt", "b.txt"]);

    // a re-ingested without the teaser: b still carries it
    let text = std::fs::read_to_string(&a).unwrap();
    let cut = text.find("Voir plus").unwrap();
    std::fs::write(&a, format!("{}Comment (0)\n", &text[..cut])).unwrap();
    let r = build(&store, &[a.clone(), b.clone()]);
    assert_eq!(r.removed_stories, 0);
    assert_eq!(story_graphs(&store), graphs);
    assert_eq!(carriers(&store), ["b.txt"]);

    // b removed: no article carries the teaser any more, and its graph goes
    let r = build(&store, std::slice::from_ref(&a));
    assert_eq!((r.removed, r.removed_stories), (1, 1));
    assert!(story_graphs(&store).is_empty());
    assert_eq!(teaser_sentence_nodes(&store), 0);
    // and with it everything it said: France is no longer mentioned, nor counted in the views
    assert_eq!(
        count(
            &store,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ <{FRANCE}> vnkg:mentionedIn|vnkg:partyTo|vnkg:mentionCount ?x }}"),
        ),
        0
    );
}
