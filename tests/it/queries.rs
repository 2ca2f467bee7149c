//! Every query in queries/ runs on the built-in corpus and returns a row an analyst would
//! expect from reading the articles.

use crate::common::{corpus_store, root};
use std::collections::BTreeMap;

/// query file → (column, text the value must contain), checked against the articles.
fn expectations() -> BTreeMap<&'static str, Vec<(&'static str, &'static str)>> {
    BTreeMap::from([
        // 000: HCMC seeks Japanese partners
        (
            "partners_by_country.rq",
            vec![("country", "Japon"), ("partners", "Hô Chi Minh-Ville")],
        ),
        // 003: PTIT « s'est associé à Qualcomm »
        (
            "partnerships_with_evidence.rq",
            vec![
                ("sentence", "s'est associé à Qualcomm"),
                ("status", "Active"),
            ],
        ),
        // 000: micropuces et semi-conducteurs with the three partners
        (
            "actors_per_sector.rq",
            vec![("sector", "semi-conducteurs"), ("actors", "États-Unis")],
        ),
        // 003: « la province de Thai Nguyen » and résolution n° 57/NQ-TW
        (
            "policy_implementation.rq",
            vec![("policy", "57-NQ/TW"), ("implementer", "Thai Nguyen")],
        ),
        // 001 teaser: « Nguyen Van Thang a reçu Eduard Stiphout »
        (
            "who_met_whom.rq",
            vec![("who", "Nguyen Van Thang"), ("met", "Eduard Stiphout")],
        ),
        // 003: Qualcomm (based in the US) and PTIT
        (
            "foreign_companies.rq",
            vec![
                ("company", "Qualcomm"),
                ("counterpart", "postes et télécommunications"),
            ],
        ),
        // 004: Russia, nuclear research
        (
            "sectors_per_partner.rq",
            vec![("partner", "Russie"), ("sectors", "énergie nucléaire")],
        ),
        // 003: Can Tho implements Resolution 57
        (
            "facts_with_evidence.rq",
            vec![
                ("subject", "Can Tho"),
                ("relation", "implements"),
                ("sentence", "Can Tho"),
            ],
        ),
        // 000: « Lê Truong Duy, directeur du Centre ... (HCMC C4IR) »
        (
            "people_and_roles.rq",
            vec![("person", "Lê Truong Duy"), ("role", "directeur du Centre")],
        ),
        ("most_mentioned.rq", vec![("entity", "Hô Chi Minh-Ville")]),
        // 001: the centre, Binh Duong
        (
            "initiative_locations.rq",
            vec![
                ("initiative", "Centre d'innovation Vietnam-Singapour"),
                ("place", "Binh Duong"),
            ],
        ),
        (
            "policies.rq",
            vec![("policy", "57-NQ/TW"), ("class", "Resolution")],
        ),
        // 000: the United States, proposed
        (
            "partners_of_actor.rq",
            vec![("partner", "États-Unis"), ("status", "Proposed")],
        ),
        (
            "provenance_cost.rq",
            vec![("file", "000_f8d200d53bf872d3.txt")],
        ),
    ])
}

#[test]
fn every_query_returns_an_expected_row() {
    let store = corpus_store();
    let exp = expectations();
    let mut files: Vec<_> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "only {} queries", files.len());
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let want = exp
            .get(name)
            .unwrap_or_else(|| panic!("{name}: add an expectation for this query"));
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            text.starts_with("# "),
            "{name}: start with a comment saying what it answers"
        );
        let vars: Vec<String> = match store.query(&text).unwrap_or_else(|e| panic!("{name}: {e}")) {
            oxigraph::sparql::QueryResults::Solutions(s) => s
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect(),
            _ => panic!("{name}: not a SELECT"),
        };
        let rows = store.select(&text).unwrap();
        let hit = rows.iter().any(|r| {
            want.iter().all(|(col, needle)| {
                let i = vars
                    .iter()
                    .position(|v| v == col)
                    .unwrap_or_else(|| panic!("{name}: no column {col}"));
                r[i].as_deref().is_some_and(|v| v.contains(needle))
            })
        });
        assert!(
            hit,
            "{name}: no row with {want:?} among {} rows: {:?}",
            rows.len(),
            rows.iter().take(5).collect::<Vec<_>>()
        );
    }
}

/// "Hô Chi Minh-Ville a approché la Corée, le Japon et les États-Unis": the city is each
/// country's partner; the countries it approached are not each other's (the query once listed
/// Japan and the United States as partners of Korea).
#[test]
fn partners_by_country_follows_the_sides() {
    let dir = crate::common::tempdir();
    let file = dir.path().join("hcmv.txt");
    std::fs::write(
        &file,
        "Hô Chi Minh-Ville cherche des partenaires dans les semi-conducteurs\n\n\
         Hanoi (VNA) - Hô Chi Minh-Ville a approché la République de Corée, le Japon et les \
         États-Unis pour coopérer dans les semi-conducteurs.\n",
    )
    .unwrap();
    let store = vnkg::rdf::KgStore::memory().unwrap();
    let ex = vnkg::extract::Extractor::builtin().unwrap();
    vnkg::ingest::ingest(&store, &ex, &[file], &crate::common::options()).unwrap();
    let q = std::fs::read_to_string(root().join("queries/partners_by_country.rq")).unwrap();
    let got: BTreeMap<String, String> = crate::common::rows(&store, &q)
        .into_iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    for country in ["République de Corée", "Japon", "États-Unis"] {
        assert_eq!(
            got.get(country).map(String::as_str),
            Some("Hô Chi Minh-Ville"),
            "{got:?}"
        );
    }
}
