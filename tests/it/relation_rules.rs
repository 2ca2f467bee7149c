//! Relation rules on invented sentences (names in no gazetteer where it matters), each checked
//! against what a reader of the sentence would record.

use std::path::Path;
use vnkg::corpus::Article;
use vnkg::extract::{Extraction, Extractor, FactKind};

fn extract(text: &str) -> (Extraction, Article) {
    let ex = Extractor::builtin().unwrap();
    let a = Article::from_text(Path::new("rules.txt"), text.to_string(), "UTF-8");
    (ex.extract(&a), a)
}

fn label(x: &Extraction, iri: &str) -> String {
    x.entities
        .get(iri)
        .map(|e| e.label.clone())
        .unwrap_or_else(|| iri.to_string())
}

/// (subject, predicate, object) as labels, partnership pairs as cooperatesWith.
fn triples(x: &Extraction) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in &x.facts {
        match &f.kind {
            FactKind::Relation {
                subject,
                predicate,
                object,
            } => out.push((
                label(x, subject),
                predicate.local().to_string(),
                label(x, object),
            )),
            FactKind::Role { person, title } => {
                out.push((label(x, person), "hasRole".into(), title.clone()))
            }
            FactKind::Partnership { pairs, .. } => {
                for (a, b) in pairs {
                    out.push((label(x, a), "cooperatesWith".into(), label(x, b)));
                }
            }
        }
    }
    out
}

fn has(t: &[(String, String, String)], s: &str, p: &str, o: &str) -> bool {
    t.iter().any(|(a, b, c)| {
        b == p && ((a == s && c == o) || (p == "cooperatesWith" && a == o && c == s))
    })
}

#[test]
fn entre_a_et_b_pairs_exactly_the_two_sides() {
    let (x, _) = extract(
        "La 2e réunion du Comité mixte de coopération scientifique entre le Vietnam et le Chili \
         s'est tenue le 3 mars à Hanoï.\n",
    );
    let t = triples(&x);
    assert!(has(&t, "Vietnam", "cooperatesWith", "Chili"), "{t:?}");
    assert!(
        !t.iter().any(|(a, p, c)| p == "cooperatesWith"
            && (a.starts_with("Comité") || c.starts_with("Comité"))),
        "the committee is where they meet, not a third party: {t:?}"
    );
}

#[test]
fn a_nationality_in_the_title_is_the_persons_country() {
    let (x, _) = extract(
        "Le vice-ministre chilien des Sciences Rodrigo Valdés Araya a reçu le 4 mars une \
         délégation vietnamienne.\n",
    );
    let t = triples(&x);
    assert!(
        has(&t, "Rodrigo Valdés Araya", "basedInCountry", "Chili"),
        "{t:?}"
    );
}

#[test]
fn two_roles_joined_by_et_give_two_titles_and_two_memberships() {
    let (x, _) = extract(
        "Le professeur Tran Van Khoa, président du Conseil scientifique de l'Institut Hoa Sen \
         et vice-président de l'Académie Lotus des Sciences, a salué cette coopération.\n",
    );
    let t = triples(&x);
    let roles: Vec<&String> = t
        .iter()
        .filter(|(a, p, _)| a == "Tran Van Khoa" && p == "hasRole")
        .map(|(_, _, c)| c)
        .collect();
    assert!(
        roles.iter().any(|r| r.starts_with("président du Conseil")),
        "{roles:?}"
    );
    assert!(
        roles
            .iter()
            .any(|r| r.starts_with("vice-président de l'Académie")),
        "{roles:?}"
    );
    let member: Vec<&String> = t
        .iter()
        .filter(|(a, p, _)| a == "Tran Van Khoa" && p == "memberOf")
        .map(|(_, _, c)| c)
        .collect();
    assert!(
        member.iter().any(|m| m.contains("Académie Lotus")),
        "{member:?}"
    );
}

#[test]
fn a_guests_affiliation_is_not_a_second_guest() {
    let (x, _) = extract(
        "Le ministre vietnamien des Finances Nguyen Van Thang a reçu Pablo Rojas, haut \
         dirigeant du groupe chilien Andes Cobre, pour discuter de la coopération.\n",
    );
    let t = triples(&x);
    assert!(
        has(&t, "Nguyen Van Thang", "metWith", "Pablo Rojas"),
        "{t:?}"
    );
    assert!(
        !t.iter()
            .any(|(_, p, c)| p == "metWith" && c == "Andes Cobre"),
        "{t:?}"
    );
    assert!(
        has(&t, "Nguyen Van Thang", "basedInCountry", "Vietnam"),
        "{t:?}"
    );
    assert!(
        !has(&t, "Pablo Rojas", "basedInCountry", "Chili"),
        "chilien qualifies the company, not the person: {t:?}"
    );
}

#[test]
fn sectors_asked_of_someone_are_not_their_focus() {
    let (x, _) = extract(
        "Le Premier ministre a appelé Andes Cobre à coopérer avec le Vietnam dans des domaines \
         tels que l'intelligence artificielle et les semi-conducteurs.\n",
    );
    let t = triples(&x);
    assert!(
        !t.iter()
            .any(|(a, p, _)| a == "Andes Cobre" && p == "focusesOn"),
        "{t:?}"
    );
}

#[test]
fn a_name_is_not_hidden_by_a_pattern_that_cuts_a_word() {
    // "e-gouvernement" (a sector) matches inside "le gouvernement"; the listed name must win
    let (x, a) = extract("Le gouvernement vietnamien a signé un accord avec Andes Cobre.\n");
    let m = x
        .mentions
        .iter()
        .find(|m| a.text[m.span.clone()].eq_ignore_ascii_case("gouvernement vietnamien"))
        .expect("mention of the government");
    assert_eq!(label(&x, &m.iri), "Gouvernement du Vietnam");
}

#[test]
fn a_ministers_title_names_the_ministry_of_the_persons_country() {
    let (x, a) = extract(
        "Le vice-ministre chilien de l'Énergie et des Mines Rodrigo Valdés Araya a salué la \
         coopération avec le Vietnam.\n",
    );
    let m = x
        .mentions
        .iter()
        .find(|m| a.text[m.span.clone()].starts_with("Énergie"))
        .expect("the ministry is a mention");
    assert_eq!(
        label(&x, &m.iri),
        "Ministère de l'Énergie et des Mines du Chili"
    );
    let t = triples(&x);
    assert!(
        has(
            &t,
            "Rodrigo Valdés Araya",
            "memberOf",
            "Ministère de l'Énergie et des Mines du Chili"
        ),
        "{t:?}"
    );
    assert!(
        has(&t, "Rodrigo Valdés Araya", "basedInCountry", "Chili"),
        "{t:?}"
    );
}

#[test]
fn the_centre_as_subject_cooperates_with_those_named_after_it() {
    let (x, _) = extract(
        "Le Centre Andes-Mékong ouvre ses portes à Can Tho\n\n\
         Le Vietnam et le Chili ont inauguré le 3 mars le Centre Andes-Mékong, symbole de leur \
         coopération.\n\
         Sur la base de la coopération entre les deux pays, le centre travaillera avec \
         l'Université de Valparaiso et l'Institut Hoa Sen.\n",
    );
    let t = triples(&x);
    assert!(
        has(
            &t,
            "Université de Valparaiso",
            "cooperatesWith",
            "Centre Andes-Mékong"
        ),
        "{t:?}"
    );
    assert!(
        !has(&t, "Université de Valparaiso", "cooperatesWith", "Vietnam"),
        "the two countries frame the sentence, they are not the university's partners: {t:?}"
    );
}

#[test]
fn co_organisers_cooperate_and_take_part_in_the_event() {
    let (x, _) = extract(
        "Le Forum Andes-Mékong 2026 s'ouvre à Hanoï\n\n\
         Le Forum Andes-Mékong 2026 s'est ouvert le 3 mars à Hanoï.\n\
         L'événement a été organisé par l'Université de Valparaiso, Andes Cobre Corporation et \
         l'Institut Hoa Sen.\n",
    );
    let t = triples(&x);
    let forum = t
        .iter()
        .find(|(_, p, o)| p == "participatesIn" && o.contains("Forum Andes-Mékong"))
        .map(|(_, _, o)| o.clone())
        .unwrap_or_else(|| panic!("someone takes part in the forum: {t:?}"));
    assert!(!forum.starts_with("Le "), "{forum}");
    assert!(
        has(
            &t,
            "Université de Valparaiso",
            "cooperatesWith",
            "Andes Cobre Corporation"
        ),
        "{t:?}"
    );
    assert!(
        has(
            &t,
            "Andes Cobre Corporation",
            "cooperatesWith",
            "Institut Hoa Sen"
        ),
        "{t:?}"
    );
    assert!(
        has(&t, "Andes Cobre Corporation", "participatesIn", &forum),
        "{t:?}"
    );
}

#[test]
fn a_platform_named_by_a_demonstrative_is_located_where_it_is_launched() {
    let (x, _) = extract(
        "Andes Cobre Corporation s'est associé à l'Institut Hoa Sen pour lancer la plateforme \
         CuLearn.\n\
         Cette plateforme de formation gratuite est lancée pour la première fois au Chili.\n",
    );
    let t = triples(&x);
    assert!(has(&t, "CuLearn", "locatedIn", "Chili"), "{t:?}");
    assert!(
        has(
            &t,
            "Institut Hoa Sen",
            "cooperatesWith",
            "Andes Cobre Corporation"
        ),
        "{t:?}"
    );
}

#[test]
fn a_working_session_where_someone_thanks_someone_is_a_meeting() {
    let (x, _) = extract(
        "Au cours de la séance de travail, le vice-ministre Tran Van Khoa a remercié \
         M. Pablo Rojas pour son engagement.\n",
    );
    let t = triples(&x);
    assert!(has(&t, "Tran Van Khoa", "metWith", "Pablo Rojas"), "{t:?}");
}

#[test]
fn the_amending_law_is_one_law() {
    let (x, a) = extract(
        "L'Assemblée nationale a adopté la Loi modifiant et complétant certaines dispositions \
         de la Loi sur les mines, selon le ministre.\n",
    );
    let laws: Vec<&str> = x
        .mentions
        .iter()
        .filter(|m| x.entities[&m.iri].class.local() == "Law")
        .map(|m| &a.text[m.span.clone()])
        .collect();
    assert_eq!(
        laws,
        ["Loi modifiant et complétant certaines dispositions de la Loi sur les mines"]
    );
}

#[test]
fn one_subject_approaching_several_partners_is_a_star_not_a_clique() {
    let (x, _) = extract(
        "La ville de Da Nang a approché le Chili, le Pérou et l'Argentine pour coopérer dans \
         les semi-conducteurs.\n",
    );
    let t = triples(&x);
    for partner in ["Chili", "Pérou", "Argentine"] {
        assert!(
            has(&t, "Da Nang", "cooperatesWith", partner)
                || has(&t, partner, "cooperatesWith", "Da Nang"),
            "Da Nang – {partner}: {t:?}"
        );
    }
    let among =
        |a: &str, b: &str| has(&t, a, "cooperatesWith", b) || has(&t, b, "cooperatesWith", a);
    assert!(
        !among("Chili", "Pérou") && !among("Chili", "Argentine") && !among("Pérou", "Argentine"),
        "the partners approached are not partners of each other: {t:?}"
    );
}

#[test]
fn a_ministry_named_by_its_country_s_demonym_is_that_country_s_ministry() {
    let (x, _) = extract(
        "Le ministère chilien de l'Énergie et le ministère vietnamien de l'Industrie et du \
         Commerce ont signé un accord de coopération.\n",
    );
    let t = triples(&x);
    assert!(
        has(
            &t,
            "Ministère de l'Énergie du Chili",
            "cooperatesWith",
            "Ministère de l'Industrie et du Commerce"
        ) || has(
            &t,
            "Ministère de l'Industrie et du Commerce",
            "cooperatesWith",
            "Ministère de l'Énergie du Chili"
        ),
        "{t:?}"
    );
}

#[test]
fn the_publisher_of_an_interview_is_no_party() {
    let (x, _) = extract(
        "Dans un entretien accordé à l'Agence Vietnamienne d'Information, le directeur de \
         l'Institut Atacama a annoncé un partenariat avec l'Université de Valparaíso.\n",
    );
    let t = triples(&x);
    assert!(
        has(
            &t,
            "Institut Atacama",
            "cooperatesWith",
            "Université de Valparaíso"
        ) || has(
            &t,
            "Université de Valparaíso",
            "cooperatesWith",
            "Institut Atacama"
        ),
        "{t:?}"
    );
    assert!(
        !t.iter().any(
            |(a, p, c)| p == "cooperatesWith" && (a.contains("Agence") || c.contains("Agence"))
        ),
        "the publisher as a party: {t:?}"
    );
}
