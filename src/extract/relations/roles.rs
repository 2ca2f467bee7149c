//! People's titles: the role itself, the organisation they belong to, their nationality.

use super::{folded_tail, Ctx};
use crate::extract::names::{self, RoleFound};
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, Entity, Extractor, FactKind, Mention, Predicate};
use crate::text::fold;
use regex::Regex;
use std::sync::LazyLock;

pub static PERSON_ROLE: Rule = Rule {
    name: "person-role",
    family: Family::Roles,
    cue: "a title beside a person's name: « X, directeur du Centre Y », « le ministre X »",
    produces: "hasRole (the title as written)",
    confidence: 0.89,
    fires_on: &["Carmen Soto, directrice de l'Institut Andes-Pacifique, a présenté le projet."],
    not_on: &["Carmen Soto a présenté le projet."],
};

pub static PERSON_ROLE_DEMONYM: Rule = Rule {
    name: "person-role-demonym",
    family: Family::Roles,
    cue: "a nationality inside the title: « le vice-ministre chilien des Sciences X »",
    produces: "basedInCountry (person -> country)",
    confidence: 0.81,
    fires_on: &[
        "Le vice-ministre chilien des Sciences Rodrigo Valdés Araya a reçu une délégation.",
    ],
    not_on: &["Le vice-ministre des Sciences Rodrigo Valdés Araya a reçu une délégation."],
};

pub static PERSON_ROLE_POSSESSIVE: Rule = Rule {
    name: "person-role-possessive",
    family: Family::Roles,
    cue: "« une délégation de X conduite par son PDG, Y »: the possessive points back at X",
    produces: "memberOf",
    confidence: 0.7,
    fires_on: &["Une délégation de la société Andes Robotics conduite par son directeur général, Pablo Rojas, est arrivée."],
    not_on: &["Une délégation conduite par Pablo Rojas est arrivée."],
};

pub static PERSON_AMBASSADOR_OF: Rule = Rule {
    name: "person-ambassador-of",
    family: Family::Roles,
    cue: "« l'ambassadeur du Chili au Vietnam X », when the article names that embassy",
    produces: "memberOf (the embassy) and basedInCountry",
    confidence: 0.99,
    fires_on: &["L'Ambassade du Chili au Vietnam a organisé la soirée. L'ambassadeur du Chili au Vietnam, Pablo Rojas, a pris la parole."],
    not_on: &["L'ambassadeur du Chili au Vietnam, Pablo Rojas, a pris la parole."],
};

pub static PERSON_MINISTER_OF: Rule = Rule {
    name: "person-minister-of",
    family: Family::Roles,
    cue: "« ministre des Finances » when the gazetteer knows « Ministère des Finances »",
    produces: "memberOf (the ministry)",
    confidence: 1.0,
    fires_on: &[
        "Le ministre des Sciences et des Technologies, Nguyen Van Binh, a ouvert la séance.",
    ],
    not_on: &["Le ministre des Sports, Nguyen Van Binh, a ouvert la séance."],
};

pub static PERSON_ROLE_ORGANISATION: Rule = Rule {
    name: "person-role-organisation",
    family: Family::Roles,
    cue: "an organisation, locality or initiative named inside the title",
    produces: "memberOf",
    confidence: 0.58,
    fires_on: &["Carmen Soto, directrice de l'Institut Andes-Pacifique, a présenté le projet."],
    not_on: &["Carmen Soto, directrice, a présenté le projet de l'Institut Andes-Pacifique."],
};

pub static PERSON_ROLE_COUNTRY: Rule = Rule {
    name: "person-role-country",
    family: Family::Roles,
    cue: "a country named inside the title, and no organisation",
    produces: "basedInCountry",
    confidence: 0.75,
    fires_on: &["M. Pablo Rojas, représentant du Chili, a pris la parole."],
    not_on: &["M. Pablo Rojas a pris la parole au Chili."],
};

pub static RULES: &[&Rule] = &[
    &PERSON_ROLE,
    &PERSON_ROLE_DEMONYM,
    &PERSON_ROLE_POSSESSIVE,
    &PERSON_AMBASSADOR_OF,
    &PERSON_MINISTER_OF,
    &PERSON_ROLE_ORGANISATION,
    &PERSON_ROLE_COUNTRY,
];

/// "Lê Truong Duy, directeur du Centre ..." → role, membership, nationality.
/// "ministre vietnamien des Finances" → the ministry "Ministère des Finances".
static MINISTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)^(?:vice-)?ministre(?:\s+\p{Ll}+)?\s+((?:des|de la|de l['’]|du)\s*[^,(]+)",
    )
});

/// "président du conseil de l'USTH et vice-président de l'Académie": two roles, each with
/// its own organisation.
pub(super) fn read_role(ex: &Extractor, cx: &mut Ctx, mentions: &[Mention], r: &RoleFound) {
    let text = &cx.article.text[r.role.clone()];
    let mut cuts = vec![r.role.start];
    for (i, _) in text.match_indices(" et ") {
        let rest = &text[i + 4..];
        if names::starts_with_title(rest) {
            cuts.push(r.role.start + i + 4);
        }
    }
    cuts.push(r.role.end);
    // a nationality in the role is the person's: "le ministre vietnamien des Finances"
    if let Some(c) = mentions.iter().find(|m| {
        m.demonym && !m.attribute && inside_role(m, r) && cx.class(&m.iri) == Some(Class::Country)
    }) {
        let iri = c.iri.clone();
        cx.rel(
            &r.person,
            Predicate::BasedInCountry,
            &iri,
            (r.story, r.sentence),
            &PERSON_ROLE_DEMONYM,
        );
    }
    for w in cuts.windows(2) {
        let end = if w[1] == r.role.end { w[1] } else { w[1] - 4 };
        let one = RoleFound {
            person: r.person.clone(),
            role: w[0]..end,
            story: r.story,
            sentence: r.sentence,
        };
        read_one_role(ex, cx, mentions, &one);
    }
}

fn read_one_role(ex: &Extractor, cx: &mut Ctx, mentions: &[Mention], r: &RoleFound) {
    let title = cx.article.text[r.role.clone()]
        .trim()
        .trim_end_matches([',', ' '])
        .to_string();
    let at = (r.story, r.sentence);
    cx.add(
        FactKind::Role {
            person: r.person.clone(),
            title,
        },
        (r.story, r.sentence),
        &PERSON_ROLE,
        PERSON_ROLE.confidence,
        None,
    );
    // "une délégation de X conduite par son PDG, Y": the possessive points back at X
    let before = folded_tail(&cx.article.text, r.role.start);
    if before.ends_with(" son ") || before.ends_with(" sa ") || before.ends_with(" leur ") {
        let org = mentions
            .iter()
            .filter(|m| {
                m.story == r.story
                    && m.sentence == r.sentence
                    && m.span.end <= r.role.start
                    && !m.demonym
            })
            .filter(|m| cx.class(&m.iri).is_some_and(|c| c.is_org()))
            .max_by_key(|m| m.span.end);
        if let Some(o) = org {
            let iri = o.iri.clone();
            cx.rel(
                &r.person,
                Predicate::MemberOf,
                &iri,
                at,
                &PERSON_ROLE_POSSESSIVE,
            );
            return;
        }
    }
    // "l'ambassadeur vietnamien au Japon", "l'ambassadeur d'Australie au Vietnam": the embassy,
    // when the article names it
    if let Some((iri, owner)) = embassy_of_ambassador(cx, mentions, r) {
        cx.rel(
            &r.person,
            Predicate::BasedInCountry,
            &owner,
            at,
            &PERSON_AMBASSADOR_OF,
        );
        cx.rel(
            &r.person,
            Predicate::MemberOf,
            &iri,
            at,
            &PERSON_AMBASSADOR_OF,
        );
        return;
    }
    if let Some(c) = MINISTER.captures(cx.article.text[r.role.clone()].trim()) {
        let name = format!("Ministère {}", c[1].trim());
        if let Some(min) = ex.gazetteer.lookup(&name) {
            let iri = min.iri.clone();
            cx.rel(
                &r.person,
                Predicate::MemberOf,
                &iri,
                at,
                &PERSON_MINISTER_OF,
            );
            return;
        }
    }
    let inside: Vec<&Mention> = mentions.iter().filter(|m| inside_role(m, r)).collect();
    if let Some(org) = inside.iter().find(|m| {
        cx.class(&m.iri).is_some_and(|c| {
            c.is_org()
                || c == Class::Locality
                || matches!(
                    c,
                    Class::Centre | Class::Programme | Class::Fund | Class::Platform
                )
        })
    }) {
        cx.rel(
            &r.person,
            Predicate::MemberOf,
            &org.iri,
            at,
            &PERSON_ROLE_ORGANISATION,
        );
    } else if let Some(c) = inside
        .iter()
        .find(|m| cx.class(&m.iri) == Some(Class::Country))
    {
        cx.rel(
            &r.person,
            Predicate::BasedInCountry,
            &c.iri,
            at,
            &PERSON_ROLE_COUNTRY,
        );
    }
}

/// A mention within the title of `r`.
fn inside_role(m: &Mention, r: &RoleFound) -> bool {
    m.story == r.story
        && m.sentence == r.sentence
        && m.span.start >= r.role.start
        && m.span.end <= r.role.end
}

/// The embassy an ambassador's title names, and the country it represents.
fn embassy_of_ambassador(
    cx: &Ctx,
    mentions: &[Mention],
    r: &RoleFound,
) -> Option<(String, String)> {
    let role = &cx.article.text[r.role.clone()];
    if !fold(role).text.starts_with("ambassad") {
        return None;
    }
    let countries: Vec<&Mention> = mentions
        .iter()
        .filter(|m| inside_role(m, r) && cx.class(&m.iri) == Some(Class::Country))
        .collect();
    let [owner, host] = countries[..] else {
        return None;
    };
    let prep = fold(&cx.article.text[owner.span.end..host.span.start]).text;
    let prep = prep.trim();
    if !matches!(prep, "au" | "en" | "aux" | "a") {
        return None;
    }
    let label = |m: &Mention| cx.entities.get(&m.iri).map(|e| e.label.clone());
    let name = format!(
        "Ambassade {} {} {}",
        names::of_country(&label(owner)?),
        &cx.article.text[owner.span.end..host.span.start].trim(),
        label(host)?
    );
    let iri = Entity::new(Class::GovernmentBody, &name).iri;
    cx.entities
        .contains_key(&iri)
        .then(|| (iri, owner.iri.clone()))
}
