//! The views graph (materialised counts the ranking queries read) must say what the full
//! queries over the evidence say, stay right when articles change, and come out the same
//! whether a build tallies it or it is recounted from the store.

use crate::common::{articles, options, rows};
use std::collections::BTreeSet;
use vnkg::extract::{Extractor, Gazetteer};
use vnkg::ingest::{ingest, IngestOptions};
use vnkg::rdf::KgStore;

/// The built-in articles plus 60 generated ones (so counts above one and shared stories occur).
fn corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let gaz = Gazetteer::builtin().unwrap();
    vnkg::corpus::generate::generate(&gaz, 60, 3, dir).unwrap();
    std::fs::remove_file(dir.join("expected.jsonl")).ok();
    for f in std::fs::read_dir(articles()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    dir.to_path_buf()
}

fn built(dir: &std::path::Path) -> KgStore {
    let store = KgStore::memory().unwrap();
    let report = ingest(
        &store,
        &Extractor::builtin().unwrap(),
        &[dir.into()],
        &options(),
    )
    .unwrap();
    assert!(report.failed.is_empty());
    assert!(!report.views_from_store, "a whole build tallies its views");
    assert!(report.view_quads > 0);
    store
}

fn views(store: &KgStore) -> BTreeSet<String> {
    rows(
        store,
        "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/vnkg/graph/views> { ?s ?p ?o } }",
    )
    .into_iter()
    .map(|r| r.join(" "))
    .collect()
}

/// A GROUP_CONCAT list as a set, so lists compare whatever order the engine joined in.
fn set(list: &str, sep: &str) -> BTreeSet<String> {
    list.split(sep)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Rows with their list column (a GROUP_CONCAT) as a set, so they compare whatever order
/// the engine joined in.
type ListRows = BTreeSet<(Vec<String>, BTreeSet<String>)>;
fn with_list(rows: Vec<Vec<String>>, list: usize, sep: &str) -> ListRows {
    rows.into_iter()
        .map(|mut r| {
            let l = set(&r.remove(list), sep);
            (r, l)
        })
        .collect()
}

fn library(name: &str) -> String {
    std::fs::read_to_string(crate::common::root().join("queries").join(name)).unwrap()
}

const PROLOGUE: &str = "PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>\n";

#[test]
fn entity_counts_match_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = built(&corpus(dir.path()));
    // stories and mentions per entity, counted from the evidence by the query the library
    // used before the views existed
    let full = rows(
        &store,
        &format!(
            "{PROLOGUE}SELECT ?e (COUNT(DISTINCT ?story) AS ?stories) (COUNT(DISTINCT ?sn) AS ?mentions)
             WHERE {{ ?e vnkg:mentionedIn ?sn . ?sn vnkg:inStory ?story }}
             GROUP BY ?e"
        ),
    );
    let view: BTreeSet<Vec<String>> = rows(
        &store,
        &format!(
            "{PROLOGUE}SELECT ?e ?stories ?mentions WHERE {{ GRAPH <https://w3id.org/vnkg/graph/views> {{
               ?e vnkg:storyCount ?stories ; vnkg:mentionCount ?mentions }} }}"
        ),
    )
    .into_iter()
    .collect();
    assert!(full.len() > 100, "{} entities", full.len());
    assert_eq!(full.into_iter().collect::<BTreeSet<_>>(), view);

    // one vnkg:topClass per mentioned entity and top-level class, as the ontology's subclass
    // tree says (the views use a fixed table of classes: this catches a class added to the
    // ontology but not to the table)
    for top in ["Actor", "Country", "Initiative", "Policy", "Sector"] {
        let full: BTreeSet<Vec<String>> = rows(
            &store,
            &format!(
                "{PROLOGUE}SELECT DISTINCT ?e WHERE {{ ?e vnkg:mentionedIn ?sn .
                   ?e a ?c . ?c rdfs:subClassOf* vnkg:{top} }}"
            ),
        )
        .into_iter()
        .collect();
        let view: Vec<Vec<String>> = rows(
            &store,
            &format!("{PROLOGUE}SELECT ?e WHERE {{ ?e vnkg:topClass vnkg:{top} }}"),
        );
        assert!(!full.is_empty() || top == "Policy", "{top}");
        assert_eq!(view.len(), full.len(), "{top}: one topClass per entity");
        assert_eq!(view.into_iter().collect::<BTreeSet<_>>(), full, "{top}");
    }

    // the built-in articles: Hô Chi Minh-Ville is named in articles 000 and 003 (by hand)
    let hcmc = rows(
        &store,
        &format!(
            "{PROLOGUE}SELECT ?l ?n WHERE {{ <https://w3id.org/vnkg/id/actor/ho-chi-minh-ville>
               vnkg:displayLabel ?l ; vnkg:storyCount ?n }}"
        ),
    );
    assert_eq!(hcmc.len(), 1);
    assert_eq!(hcmc[0][0], "Hô Chi Minh-Ville");
    assert!(hcmc[0][1].parse::<u32>().unwrap() >= 2, "{hcmc:?}");

    // ranks follow stories, then mentions: rank 1 has the most stories
    let ranked = rows(
        &store,
        &format!(
            "{PROLOGUE}SELECT ?r ?n ?m WHERE {{ ?e vnkg:mentionRank ?r ; vnkg:storyCount ?n ; vnkg:mentionCount ?m }} ORDER BY ?r"
        ),
    );
    assert!(ranked.len() > 100);
    let key = |r: &Vec<String>| {
        (
            std::cmp::Reverse(r[1].parse::<u32>().unwrap()),
            std::cmp::Reverse(r[2].parse::<u32>().unwrap()),
        )
    };
    assert!(ranked.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    assert_eq!(ranked[0][0], "1");
}

#[test]
fn country_and_sector_views_match_the_full_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = built(&corpus(dir.path()));
    // partners_by_country as it was written before the views (aggregating over partnerships;
    // partners across the sides, cooperatesWith, not every co-party)
    let full = with_list(
        rows(
            &store,
            &format!(
                "{PROLOGUE}SELECT ?country ?stories ?partners WHERE {{
  {{ SELECT ?c (COUNT(DISTINCT ?story) AS ?stories) WHERE {{
      ?c a vnkg:Country ; vnkg:partyTo ?p .
      FILTER(?c != <https://w3id.org/vnkg/id/country/vn>)
      ?p prov:wasDerivedFrom ?story .
    }} GROUP BY ?c }}
  OPTIONAL {{
    {{ SELECT ?c (GROUP_CONCAT(DISTINCT ?partnerLabel; separator=\" | \") AS ?partners) WHERE {{
        {{ SELECT DISTINCT ?c ?partner WHERE {{
            ?c a vnkg:Country ; vnkg:partyTo ?p .
            {{ ?c vnkg:cooperatesWith ?partner }} UNION {{ ?partner vnkg:cooperatesWith ?c }}
            FILTER(?partner != ?c) }} }}
        OPTIONAL {{ ?partner skos:prefLabel ?pl0 FILTER(lang(?pl0) = \"fr\") }}
        OPTIONAL {{ ?partner rdfs:label ?pl1 }}
        BIND(COALESCE(?pl0, ?pl1) AS ?partnerLabel)
      }} GROUP BY ?c }}
  }}
  ?c skos:prefLabel ?country . FILTER(lang(?country) = \"fr\")
}}"
            ),
        ),
        2,
        " | ",
    );
    let view = with_list(rows(&store, &library("partners_by_country.rq")), 2, " | ");
    assert!(full.len() >= 5, "{full:?}");
    assert_eq!(full, view);

    // actors_per_sector as it was written before the views
    let full = with_list(
        rows(
        &store,
        &format!(
            "{PROLOGUE}SELECT ?sector (COUNT(DISTINCT ?x) AS ?n) (GROUP_CONCAT(DISTINCT ?xLabel; separator=\" | \") AS ?actors)
WHERE {{
  ?s a vnkg:Sector ; skos:prefLabel ?sector . FILTER(lang(?sector) = \"fr\")
  {{ ?x vnkg:partyTo ?p . ?p vnkg:focusesOn ?s . }}
  UNION
  {{ ?x vnkg:focusesOn ?s . FILTER NOT EXISTS {{ ?x a vnkg:Partnership }} }}
  OPTIONAL {{ ?x skos:prefLabel ?l0 FILTER(lang(?l0) = \"fr\") }}
  OPTIONAL {{ ?x rdfs:label ?l1 }}
  BIND(COALESCE(?l0, ?l1, STR(?x)) AS ?xLabel)
}}
GROUP BY ?sector"
        ),
    ),
        2,
        " | ",
    );
    let view = with_list(rows(&store, &library("actors_per_sector.rq")), 2, " | ");
    assert!(full.len() >= 10, "{full:?}");
    assert_eq!(full, view);

    // sectors_per_partner as it was written before the views
    let full = with_list(
        rows(
            &store,
            &format!(
                "{PROLOGUE}SELECT DISTINCT ?partner ?sectors ?stories WHERE {{
  {{ SELECT DISTINCT ?x WHERE {{
      ?x vnkg:partyTo ?p0 .
      {{ ?x a vnkg:Country . FILTER(?x != <https://w3id.org/vnkg/id/country/vn>) }}
      UNION
      {{ ?x vnkg:basedInCountry ?c . FILTER(?c != <https://w3id.org/vnkg/id/country/vn>) }}
  }} }}
  {{ SELECT ?x (COUNT(DISTINCT ?story) AS ?stories) WHERE {{
      ?x vnkg:partyTo ?p . ?p vnkg:focusesOn ?s0 ; prov:wasDerivedFrom ?story .
    }} GROUP BY ?x }}
  {{ SELECT ?x (GROUP_CONCAT(DISTINCT ?sector; separator=\", \") AS ?sectors) WHERE {{
      {{ SELECT DISTINCT ?x ?s WHERE {{ ?x vnkg:partyTo ?p . ?p vnkg:focusesOn ?s }} }}
      ?s skos:prefLabel ?sector . FILTER(lang(?sector) = \"fr\")
    }} GROUP BY ?x }}
  OPTIONAL {{ ?x skos:prefLabel ?x0 FILTER(lang(?x0) = \"fr\") }} OPTIONAL {{ ?x rdfs:label ?x1 }}
  BIND(COALESCE(?x0, ?x1) AS ?partner)
}}"
            ),
        ),
        1,
        ", ",
    );
    let view = with_list(rows(&store, &library("sectors_per_partner.rq")), 1, ", ");
    assert!(full.len() >= 5, "{full:?}");
    assert_eq!(full, view);
}

#[test]
fn a_recount_from_the_store_gives_the_views_the_build_tallied() {
    let dir = tempfile::tempdir().unwrap();
    let store = built(&corpus(dir.path()));
    let tallied = views(&store);
    let n = vnkg::rdf::views::refresh(&store).unwrap();
    assert_eq!(n, tallied.len());
    assert_eq!(views(&store), tallied);
}

#[test]
fn ingesting_and_editing_articles_updates_the_views() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(articles()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let store = KgStore::memory().unwrap();
    let ex = Extractor::builtin().unwrap();
    let first = dir.path().join("000_f8d200d53bf872d3.txt");
    let ingest_opts = IngestOptions {
        prune: false,
        ..options()
    };
    let r = ingest(&store, &ex, std::slice::from_ref(&first), &ingest_opts).unwrap();
    assert!(r.views_from_store, "an ingest recounts from the store");
    let stories = |store: &KgStore| -> u32 {
        rows(
            store,
            "SELECT ?n WHERE { <https://w3id.org/vnkg/id/actor/ho-chi-minh-ville> <https://w3id.org/vnkg/ontology#storyCount> ?n }",
        )
        .first()
        .map(|r| r[0].parse().unwrap())
        .unwrap_or(0)
    };
    let one = stories(&store);
    assert!(one >= 1);
    // adding the other articles (003 names the city again) raises the count
    ingest(&store, &ex, &[dir.path().into()], &ingest_opts).unwrap();
    let all = stories(&store);
    assert!(all > one, "{one} -> {all}");
    // an article edited to drop every mention of the city: the count falls back
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replace("Hô Chi Minh-Ville", "la ville")).unwrap();
    ingest(&store, &ex, std::slice::from_ref(&first), &ingest_opts).unwrap();
    let after = stories(&store);
    assert!(after < all, "{all} -> {after}");
    // and what ingest recounted is what a build of the same files tallies
    let rebuilt = KgStore::memory().unwrap();
    ingest(&rebuilt, &ex, &[dir.path().into()], &options()).unwrap();
    assert_eq!(views(&store), views(&rebuilt));
}

/// Two articles spelling one entity two ways ("Trân Van Tùng" and "Tran Van Tung", "d’optique"
/// and "d'optique") give it one French skos:prefLabel and one rdfs:label, the fuller
/// spelling with straight apostrophes, whatever order the articles come in and whether the views were tallied by the
/// build or recounted from the store; both spellings stay as skos:altLabel.
#[test]
fn one_preferred_label_per_entity_across_spellings() {
    let a = "Le Japon soutient la photonique\n\nHanoi (VNA) - Le professeur Trân Van Tùng, directeur de l’Institut d’optique Lumière, a rencontré jeudi une délégation japonaise à Hanoi.\n";
    let b = "La photonique au Vietnam\n\nHanoi (VNA) - Le professeur Tran Van Tung, directeur de l'Institut d'optique Lumiere, a présenté mardi les travaux de son équipe.\n";
    let labels = |store: &KgStore, p: &str, iri: &str| -> BTreeSet<String> {
        rows(
            store,
            &format!("SELECT ?l WHERE {{ <https://w3id.org/vnkg/id/actor/{iri}> {p} ?l FILTER(lang(?l) = 'fr') }}"),
        )
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
    };
    let ex = Extractor::builtin().unwrap();
    // an ingest that keeps the articles already there
    let add = IngestOptions {
        prune: false,
        ..options()
    };
    for (first, second) in [(a, b), (b, a)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("one.txt"), first).unwrap();
        let store = KgStore::memory().unwrap();
        ingest(&store, &ex, &[dir.path().join("one.txt")], &add).unwrap();
        // the second by ingest: the views are recounted from the store
        std::fs::write(dir.path().join("two.txt"), second).unwrap();
        let report = ingest(&store, &ex, &[dir.path().join("two.txt")], &add).unwrap();
        assert!(report.views_from_store);
        for (iri, pref, spellings) in [
            (
                "tran-van-tung",
                "Trân Van Tùng",
                ["Trân Van Tùng", "Tran Van Tung"],
            ),
            (
                "institut-d-optique-lumiere",
                "Institut d'optique Lumière",
                ["Institut d’optique Lumière", "Institut d'optique Lumiere"],
            ),
        ] {
            let want: BTreeSet<String> = [pref.to_string()].into();
            assert_eq!(labels(&store, "skos:prefLabel", iri), want, "{iri}");
            assert_eq!(labels(&store, "rdfs:label", iri), want, "{iri}");
            let alt = labels(&store, "skos:altLabel", iri);
            assert!(spellings.iter().all(|s| alt.contains(*s)), "{iri}: {alt:?}");
        }
    }
}

/// `--provenance full` adds a mention evidence node per mention, and changes nothing else:
/// the views and what `vnkg explain` says are the same from either model, and the full
/// model's evidence nodes agree with the compact links (one entity-sentence link per mention).
#[test]
fn compact_and_full_provenance_give_the_same_views_and_explanations() {
    let ex = Extractor::builtin().unwrap();
    let build = |provenance| {
        let store = KgStore::memory().unwrap();
        let opts = IngestOptions {
            provenance,
            ..options()
        };
        ingest(&store, &ex, &[articles()], &opts).unwrap();
        store
    };
    let compact = build(vnkg::rdf::Provenance::Compact);
    let full = build(vnkg::rdf::Provenance::Full);
    let views = |s: &KgStore| -> BTreeSet<Vec<String>> {
        rows(
            s,
            "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/vnkg/graph/views> { ?s ?p ?o } }",
        )
        .into_iter()
        .collect()
    };
    let v = views(&compact);
    assert!(v.len() > 300, "{}", v.len());
    assert_eq!(v, views(&full));
    for name in ["Qualcomm", "Hô Chi Minh-Ville", "Japon", "semi-conducteurs"] {
        let a = vnkg::explain::explain(&compact, name).unwrap();
        assert!(a.contains("mentioned in "), "{a}");
        assert_eq!(a, vnkg::explain::explain(&full, name).unwrap(), "{name}");
    }
    // every mention evidence node of the full model has its entity-sentence link
    let unlinked = rows(
        &full,
        "SELECT ?m WHERE { ?m a <https://w3id.org/vnkg/ontology#MentionEvidence> ;
           <https://w3id.org/vnkg/ontology#evidenceFor> ?e ; <https://w3id.org/vnkg/ontology#inSentence> ?sn
           FILTER NOT EXISTS { ?e <https://w3id.org/vnkg/ontology#mentionedIn> ?sn } }",
    );
    assert!(unlinked.is_empty(), "{unlinked:?}");
    let evidence = |s: &KgStore| {
        rows(s, "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/vnkg/ontology#MentionEvidence> }")[0][0].clone()
    };
    assert_eq!(evidence(&compact), "0");
    assert_ne!(evidence(&full), "0");
}
