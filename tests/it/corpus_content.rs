//! What the built-in corpus must yield, checked against the articles by reading them
//! (data/articles/*.txt; the expected facts are quoted next to each test).

use crate::common::{corpus_store, rows};

const HCMC: &str = "https://w3id.org/vnkg/id/actor/ho-chi-minh-ville";

/// 000: « Hô Chi Minh-Ville ambitionne une coopération approfondie avec les États-Unis, le Japon
/// et la République de Corée. Les domaines prioritaires incluent ... les micropuces et les
/// semi-conducteurs » and « ... des industries de haute technologie et de l'intelligence
/// artificielle à Hô Chi Minh-Ville » (the delegates of the three consulates).
#[test]
fn hcmc_seeks_us_japan_korea_in_semiconductors_and_ai() {
    let r = rows(
        corpus_store(),
        &format!(
            "SELECT ?c ?status (GROUP_CONCAT(DISTINCT STR(?s); separator=' ') AS ?sectors) WHERE {{
               <{HCMC}> vnkg:partyTo ?p . ?c vnkg:partyTo ?p ; a vnkg:Country . ?p vnkg:status ?status .
               OPTIONAL {{ ?p vnkg:focusesOn ?s }}
             }} GROUP BY ?c ?status"
        ),
    );
    for iso in ["us", "jp", "kr"] {
        let c = format!("https://w3id.org/vnkg/id/country/{iso}");
        let found: Vec<&Vec<String>> = r.iter().filter(|row| row[0] == c).collect();
        assert!(
            !found.is_empty(),
            "no partnership between HCMC and {iso}: {r:?}"
        );
        assert!(
            found.iter().any(|row| row[1].ends_with("#Proposed")),
            "HCMC–{iso} should be proposed: {found:?}"
        );
        let sectors: String = found
            .iter()
            .map(|row| row[2].clone())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            sectors.contains("/sector/semiconductors"),
            "{iso}: {sectors}"
        );
        assert!(
            sectors.contains("/sector/artificial-intelligence"),
            "{iso}: {sectors}"
        );
    }
}

/// 001: « Binh Duong abritera le Centre d'innovation Vietnam-Singapour » and « Il continuera ...
/// une relation ... entre le Vietnam et Singapour dans laquelle Becamex IDC Corporation et
/// Sembcorp sont des actionnaires fondateurs ».
#[test]
fn vietnam_singapore_centre_is_in_binh_duong_with_becamex_and_sembcorp() {
    let centre = rows(
        corpus_store(),
        "SELECT DISTINCT ?i WHERE { ?i a vnkg:Centre ; rdfs:label|skos:prefLabel ?l . FILTER(CONTAINS(LCASE(STR(?l)), \"centre d'innovation vietnam-singapour\")) }",
    );
    assert_eq!(centre.len(), 1, "one IRI for the centre: {centre:?}");
    let c = &centre[0][0];
    let place = rows(
        corpus_store(),
        &format!("SELECT ?p WHERE {{ <{c}> vnkg:locatedIn ?p }}"),
    );
    assert!(
        place.iter().any(|r| r[0].ends_with("/actor/binh-duong")),
        "{place:?}"
    );
    let parts = rows(
        corpus_store(),
        &format!("SELECT DISTINCT ?x WHERE {{ ?x vnkg:participatesIn <{c}> }}"),
    );
    let names: Vec<&str> = parts.iter().map(|r| r[0].as_str()).collect();
    assert!(names.iter().any(|n| n.contains("becamex")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("sembcorp")), "{names:?}");
    // the two countries of its name take part too
    assert!(
        names.iter().any(|n| n.ends_with("/country/sg")),
        "{names:?}"
    );
}

/// 003: « l'Institut de technologie des postes et télécommunications s'est associé à Qualcomm,
/// leader mondial des technologies basé aux États-Unis, pour lancer la plateforme L2Pro ».
#[test]
fn qualcomm_works_with_ptit_on_l2pro() {
    let r = rows(
        corpus_store(),
        "SELECT ?q ?ptit ?i WHERE {
           ?q rdfs:label|skos:prefLabel 'Qualcomm'@fr . ?q vnkg:cooperatesWith ?ptit .
           ?ptit rdfs:label|skos:prefLabel ?pl . FILTER(CONTAINS(LCASE(STR(?pl)), 'postes et télécommunications'))
           ?q vnkg:participatesIn ?i . ?ptit vnkg:participatesIn ?i . ?i rdfs:label|skos:prefLabel|vnkg:acronym ?il . FILTER(CONTAINS(STR(?il), 'L2Pro'))
         }",
    );
    assert!(!r.is_empty(), "Qualcomm–PTIT on L2Pro not found");
    let based = rows(
        corpus_store(),
        "SELECT ?c WHERE { ?q rdfs:label|skos:prefLabel 'Qualcomm'@fr ; vnkg:basedInCountry ?c }",
    );
    assert!(
        based.iter().any(|r| r[0].ends_with("/country/us")),
        "{based:?}"
    );
    // the United States is where Qualcomm is based, not a party to the PTIT partnership
    let us_party = rows(
        corpus_store(),
        "SELECT ?p WHERE { ?q rdfs:label|skos:prefLabel 'Qualcomm'@fr ; vnkg:partyTo ?p . <https://w3id.org/vnkg/id/country/us> vnkg:partyTo ?p }",
    );
    assert!(us_party.is_empty(), "{us_party:?}");
}

/// 004: « les deux parties ont signé un accord sur la construction d'un centre de recherche
/// nucléaire au Vietnam » (the two parties: Vietnam and Russia).
#[test]
fn russia_and_vietnam_cooperate_on_nuclear_research() {
    let r = rows(
        corpus_store(),
        "SELECT ?p ?status WHERE {
           <https://w3id.org/vnkg/id/country/ru> vnkg:partyTo ?p . <https://w3id.org/vnkg/id/country/vn> vnkg:partyTo ?p .
           ?p vnkg:focusesOn ?s ; vnkg:status ?status . FILTER(CONTAINS(STR(?s), 'nuclear'))
         }",
    );
    assert!(!r.is_empty(), "no Vietnam–Russia nuclear partnership");
    assert!(
        r.iter().any(|row| row[1].ends_with("#Agreed")),
        "the accord was signed: {r:?}"
    );
}

/// 003: Thai Nguyen (« Conformément au programme d'action et au plan de mise en œuvre de la
/// résolution n° 57/NQ-TW, la province de Thai Nguyen ... ») and Can Tho (« La ville de Can Tho
/// considère ... dans l'esprit de la résolution n° 57/NQ-TW ») implement Resolution 57.
#[test]
fn resolution_57_is_implemented_by_several_localities() {
    let r = rows(
        corpus_store(),
        "SELECT DISTINCT ?x WHERE { ?x vnkg:implements <https://w3id.org/vnkg/id/policy/resolution-57-nq-tw> ; a vnkg:Locality }",
    );
    let xs: Vec<&str> = r.iter().map(|x| x[0].as_str()).collect();
    assert!(
        xs.contains(&"https://w3id.org/vnkg/id/actor/thai-nguyen"),
        "{xs:?}"
    );
    assert!(
        xs.contains(&"https://w3id.org/vnkg/id/actor/can-tho"),
        "{xs:?}"
    );
    // all spellings of the resolution (57-NQ/TW, 57/NQ-TW, « résolution n° 57 ») are one entity
    let spellings = rows(
        corpus_store(),
        "SELECT DISTINCT ?e WHERE { ?m vnkg:surfaceForm ?s ; vnkg:evidenceFor ?e . FILTER(REGEX(?s, '^[Rr]ésolution')) }",
    );
    assert_eq!(spellings.len(), 1, "{spellings:?}");
}

/// Hô Chi Minh-Ville (000) and Hô-Chi-Minh-Ville (003) are one entity.
#[test]
fn spellings_resolve_to_one_iri() {
    let r = rows(
        corpus_store(),
        &format!(
            "SELECT DISTINCT ?s WHERE {{ ?m vnkg:evidenceFor <{HCMC}> ; vnkg:surfaceForm ?s }}"
        ),
    );
    let forms: Vec<&str> = r.iter().map(|x| x[0].as_str()).collect();
    assert!(forms.contains(&"Hô Chi Minh-Ville"), "{forms:?}");
    assert!(forms.contains(&"Hô-Chi-Minh-Ville"), "{forms:?}");
    // 002: « Réseau vietnamien d’innovation (Vietnam Innovation Network - VIN) » defines VIN
    let vin = rows(
        corpus_store(),
        "SELECT ?e ?l WHERE { ?e vnkg:acronym 'VIN' ; rdfs:label ?l FILTER(lang(?l) = 'fr') }",
    );
    assert_eq!(vin.len(), 1, "{vin:?}");
    assert!(vin[0][1].starts_with("Réseau vietnamien"), "{vin:?}");
}

/// Teasers repeated across files (« Vietnam : neuf faits marquants ... » is in 000 and 001)
/// are one story.
#[test]
fn repeated_teasers_are_one_story() {
    let r = rows(
        corpus_store(),
        "SELECT ?s (COUNT(DISTINCT ?a) AS ?n) WHERE { ?s a vnkg:Story ; dcterms:title ?t ; dcterms:isPartOf ?a . FILTER(STRSTARTS(?t, 'Vietnam : neuf faits marquants')) } GROUP BY ?s",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0][1], "2");
}

/// No entity from page furniture: captions ("Photo : VNA") and credits are not actors.
#[test]
fn no_entities_from_noise() {
    let r = rows(corpus_store(), "SELECT ?s WHERE { ?m a vnkg:MentionEvidence ; vnkg:surfaceForm ?s . FILTER(?s IN ('Photo', 'VNA', 'Source', 'nhandan.vn', 'Comment')) }");
    assert!(r.is_empty(), "{r:?}");
    let r = rows(corpus_store(), "SELECT ?t WHERE { ?s vnkg:text ?t . FILTER(CONTAINS(?t, 'Photo :') || CONTAINS(?t, 'Photo:')) }");
    assert!(r.is_empty(), "caption text became a sentence: {r:?}");
}

/// People with titles: 004 « Le ministre des Sciences et des Technologies, Nguyên Manh Hung »,
/// 001 « Le ministre vietnamien des Finances Nguyen Van Thang a reçu Eduard Stiphout, haut
/// dirigeant du géant néerlandais ASML ».
#[test]
fn people_roles_and_meetings() {
    let r = rows(corpus_store(), "SELECT ?r WHERE { <https://w3id.org/vnkg/id/actor/nguyen-manh-hung> a vnkg:Person ; vnkg:hasRole ?r }");
    assert!(
        r.iter()
            .any(|x| x[0].contains("ministre des Sciences et des Technologies")),
        "{r:?}"
    );
    let met = rows(
        corpus_store(),
        "SELECT ?b WHERE { <https://w3id.org/vnkg/id/actor/nguyen-van-thang> vnkg:metWith ?b }",
    );
    assert!(
        met.iter().any(|x| x[0].ends_with("/actor/eduard-stiphout")),
        "{met:?}"
    );
    let asml = rows(corpus_store(), "SELECT ?c WHERE { ?a vnkg:acronym|rdfs:label|skos:prefLabel 'ASML' ; vnkg:basedInCountry ?c }");
    assert!(
        asml.iter().any(|x| x[0].ends_with("/country/nl")),
        "{asml:?}"
    );
}

/// Every piece of evidence points back at the exact characters of its source file: offsets
/// in an article's graph count from the file's start, in a teaser's graph from the teaser's
/// first character (its title) in each file carrying it.
#[test]
fn evidence_offsets_slice_the_source_files() {
    // (file, where offsets count from, start, end, text): sentences, then mentions
    const ORIGIN: &str = "
        GRAPH ?ag { ?story dcterms:isPartOf ?a } ?a vnkg:sourceFile ?file .
        FILTER(?ag = ?g || STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/story/'))
        OPTIONAL { ?story vnkg:isTeaser true ; dcterms:title ?teaser }";
    let sentences = rows(
        corpus_store(),
        &format!("SELECT ?file ?teaser ?start ?end ?text WHERE {{ GRAPH ?g {{ ?sn vnkg:inStory ?story ; vnkg:start ?start ; vnkg:end ?end ; vnkg:text ?text }} {ORIGIN} }}"),
    );
    let mentions = rows(
        corpus_store(),
        &format!("SELECT ?file ?teaser ?start ?end ?surface WHERE {{ GRAPH ?g {{ ?m a vnkg:MentionEvidence ; vnkg:start ?start ; vnkg:end ?end ; vnkg:surfaceForm ?surface ; vnkg:inSentence ?sn . ?sn vnkg:inStory ?story }} {ORIGIN} }}"),
    );
    assert!(mentions.len() > 100, "only {} mentions", mentions.len());
    let teasers = |r: &Vec<Vec<String>>| r.iter().filter(|x| !x[1].is_empty()).count();
    assert!(
        teasers(&sentences) > 5 && teasers(&mentions) > 5,
        "the built-in corpus has teasers: {} sentences, {} mentions",
        teasers(&sentences),
        teasers(&mentions)
    );
    let mut texts = std::collections::HashMap::new();
    for row in sentences.iter().chain(&mentions) {
        let chars: &Vec<char> = texts
            .entry(row[0].clone())
            .or_insert_with(|| std::fs::read_to_string(&row[0]).unwrap().chars().collect());
        let base = if row[1].is_empty() {
            0
        } else {
            let text: String = chars.iter().collect();
            let at = text
                .find(&row[1])
                .unwrap_or_else(|| panic!("{}: {}", row[0], row[1]));
            text[..at].chars().count()
        };
        let (s, e): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        let slice: String = chars[base + s..base + e].iter().collect();
        assert_eq!(slice, row[4], "{} {s}-{e} from {base}", row[0]);
    }
}

/// Every fact has evidence with a rule and a confidence in [0, 1].
#[test]
fn every_fact_has_provenance() {
    let bad = rows(
        corpus_store(),
        "SELECT ?ev WHERE { ?ev vnkg:evidenceFor ?x
           FILTER NOT EXISTS { ?ev vnkg:rule ?r ; vnkg:confidence ?c . GRAPH ?g { ?ev vnkg:inSentence ?sn . ?sn vnkg:inStory ?story }
             GRAPH ?ag { ?story dcterms:isPartOf ?a . ?a a vnkg:Article }
             FILTER(?ag = ?g || STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/story/'))
             FILTER(?c >= 0 && ?c <= 1) } }",
    );
    assert!(bad.is_empty(), "{bad:?}");
    let unsupported = rows(
        corpus_store(),
        "SELECT ?s ?p ?o WHERE { VALUES ?p { vnkg:implements vnkg:locatedIn vnkg:metWith vnkg:memberOf vnkg:issuedBy vnkg:participatesIn }
           GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/article/') || STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/story/'))
           FILTER NOT EXISTS { ?ev vnkg:factPredicate ?p . { ?ev vnkg:factSubject ?s ; vnkg:factObject ?o } UNION { ?ev vnkg:factSubject ?o ; vnkg:factObject ?s } } }",
    );
    assert!(unsupported.is_empty(), "{unsupported:?}");
}

/// The development corpus uses a header (title / source: / date:); every file loads and keeps
/// its metadata.
#[test]
fn header_format_articles_keep_title_source_and_date() {
    let store = vnkg::rdf::KgStore::memory().unwrap();
    let ex = vnkg::extract::Extractor::builtin().unwrap();
    let r = vnkg::ingest::ingest(
        &store,
        &ex,
        &[crate::common::root().join("tests/fixtures/corpus")],
        &crate::common::options(),
    )
    .unwrap();
    // 8 articles of the first batch and 32 of the second (b01-b32)
    assert_eq!((r.articles, r.failed.len()), (40, 0));
    let row = rows(
        &store,
        "SELECT ?t ?s ?d WHERE { ?a vnkg:sourceFile ?f ; dcterms:title ?t ; dcterms:source ?s ; dcterms:date ?d . FILTER(CONTAINS(?f, '04_vietnam-nvidia')) }",
    );
    assert_eq!(row.len(), 1, "{row:?}");
    assert!(row[0][0].contains("NVIDIA"), "{row:?}");
    assert!(row[0][1].starts_with("http"), "{row:?}");
    assert!(row[0][2].starts_with("20"), "{row:?}");
    // no header line leaks into the text
    let leaked = rows(&store, "SELECT ?t WHERE { ?s vnkg:text ?t FILTER(STRSTARTS(?t, 'source:') || STRSTARTS(?t, 'date:')) }");
    assert!(leaked.is_empty(), "{leaked:?}");
}
