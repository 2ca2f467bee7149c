//! What a country, city or sector next to an organisation says about it: where it is based,
//! what it trades in, what its own name says.

use super::Ctx;
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, Entity, Extractor, Mention, Predicate, TopClass};
use crate::text::fold;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub static DEMONYM_OF_ORGANISATION: Rule = Rule {
    name: "demonym-of-organisation",
    family: Family::Attributes,
    cue: "a demonym right before an organisation (« le géant néerlandais ASML »), or before « des puces » and a company",
    produces: "basedInCountry",
    confidence: 0.75,
    fires_on: &["Le groupe chilien Andes Robotics a présenté ses robots."],
    not_on: &["Des étudiants chiliens ont présenté leurs robots."],
};

pub static TRADE_OF_COMPANY: Rule = Rule {
    name: "trade-of-company",
    family: Family::Attributes,
    cue: "« le géant américain des semi-conducteurs NVIDIA »: the trade between demonym and name",
    produces: "focusesOn (company -> sector)",
    confidence: 0.7,
    fires_on: &["Le géant chilien des semi-conducteurs Andes Chips a ouvert un bureau."],
    not_on: &["Le géant chilien Andes Chips a ouvert un bureau."],
};

pub static DEMONYM_OF_PERSON: Rule = Rule {
    name: "demonym-of-person",
    family: Family::Attributes,
    cue: "a demonym right before a person's name",
    produces: "basedInCountry (person -> country)",
    confidence: 0.87,
    fires_on: &["Le chercheur a rencontré le ministre chilien Rodrigo Valdés Araya."],
    not_on: &["Le chercheur a rencontré Rodrigo Valdés Araya."],
};

pub static ORGANISATION_OF_COUNTRY: Rule = Rule {
    name: "organisation-of-country",
    family: Family::Attributes,
    cue: "a company, government body or research organisation directly followed by « du / de la / des » and a country",
    produces: "basedInCountry",
    confidence: 0.7,
    fires_on: &["La société Andes Robotics du Chili a signé le texte."],
    not_on: &["La société Andes Robotics a signé le texte avec le Chili."],
};

pub static COUNTRY_IN_PARENTHESES: Rule = Rule {
    name: "country-in-parentheses",
    family: Family::Attributes,
    cue: "an organisation, then a country in parentheses: « Université de Valparaíso (Chili) »",
    produces: "basedInCountry",
    confidence: 0.8,
    fires_on: &["Des chercheurs de l'Université de Valparaíso (Chili) sont arrivés à Hanoï."],
    not_on: &["Des chercheurs de l'Université de Valparaíso sont arrivés au Chili."],
};

pub static BASED_IN_COUNTRY: Rule = Rule {
    name: "based-in-country",
    family: Family::Attributes,
    cue: "an organisation, then « basé(e) au / en / aux » and a country",
    produces: "basedInCountry",
    confidence: 0.8,
    fires_on: &["La société Andes Robotics, basée au Chili, a ouvert un bureau."],
    not_on: &["La société Andes Robotics a ouvert un bureau et exporte au Chili."],
};

pub static COUNTRY_IN_NAME: Rule = Rule {
    name: "country-in-name",
    family: Family::Attributes,
    cue: "a country inside an organisation's or initiative's own name: « Université nationale du Chili »",
    produces: "basedInCountry",
    confidence: 0.59,
    fires_on: &["L'Université nationale du Chili a accueilli le séminaire."],
    not_on: &["L'Université de Valparaíso a accueilli le séminaire."],
};

pub static COUNTRIES_IN_NAME: Rule = Rule {
    name: "countries-in-name",
    family: Family::Attributes,
    cue: "two countries or more inside an initiative's name: « programme Chili-Vietnam »",
    produces: "participatesIn (country -> initiative)",
    confidence: 0.7,
    fires_on: &["Le Forum d'innovation Chili-Vietnam 2025 s'est ouvert lundi."],
    not_on: &["Le Forum Techno Andes 2025 s'est ouvert lundi."],
};

pub static LOCALITY_IN_NAME: Rule = Rule {
    name: "locality-in-name",
    family: Family::Attributes,
    cue: "a locality inside an organisation's or initiative's name: « Université de Hanoï »",
    produces: "locatedIn",
    confidence: 0.03,
    fires_on: &["L'Université des sciences de Hanoï a ouvert un laboratoire."],
    not_on: &["L'Université des sciences a ouvert un laboratoire."],
};

pub static SECTOR_IN_NAME: Rule = Rule {
    name: "sector-in-name",
    family: Family::Attributes,
    cue: "a sector inside an initiative's name: « Programme national d'intelligence artificielle »",
    produces: "focusesOn (initiative -> sector)",
    confidence: 0.27,
    fires_on: &["Le Centre d'intelligence artificielle de Valparaíso a été inauguré."],
    not_on: &["Le Centre Andes-Pacifique a été inauguré."],
};

pub static RULES: &[&Rule] = &[
    &DEMONYM_OF_ORGANISATION,
    &TRADE_OF_COMPANY,
    &DEMONYM_OF_PERSON,
    &ORGANISATION_OF_COUNTRY,
    &COUNTRY_IN_PARENTHESES,
    &BASED_IN_COUNTRY,
    &COUNTRY_IN_NAME,
    &COUNTRIES_IN_NAME,
    &LOCALITY_IN_NAME,
    &SECTOR_IN_NAME,
];

static BASED: LazyLock<Regex> =
    LazyLock::new(|| super::re(r"^\s*(,?\s*[^,.;]{0,60}?)?\bbase\w* (aux|au|en|a)\s*$"));

/// Countries and demonyms that describe an organisation rather than act:
/// "le géant néerlandais ASML", "Qualcomm, ... basé aux États-Unis", "Université de Kyonggi (Corée)".
/// Country mention `i` describes `who` rather than acting: an attribute, and `who` is based
/// in that country.
fn describes(
    cx: &mut Ctx,
    mentions: &mut [Mention],
    i: usize,
    who: &str,
    at: (usize, usize),
    rule: &'static Rule,
) {
    mentions[i].attribute = true;
    let country = mentions[i].iri.clone();
    cx.rel(who, Predicate::BasedInCountry, &country, at, rule);
}

pub(super) fn mark_attributes(
    cx: &mut Ctx,
    mentions: &mut [Mention],
    by: &BTreeMap<(usize, usize), Vec<usize>>,
) {
    for (&(si, ji), idx) in by {
        for (k, &i) in idx.iter().enumerate() {
            let m = mentions[i].clone();
            if cx.class(&m.iri) != Some(Class::Country) {
                continue;
            }
            // demonym right before an organisation
            if m.demonym {
                if let Some(&n) = idx.get(k + 1) {
                    let next = mentions[n].clone();
                    let gap = cx.between(m.span.end, next.span.start);
                    if cx.class(&next.iri).is_some_and(|c| c.is_org())
                        && next.rule != crate::extract::names::person::MINISTRY_IN_TITLE.name
                        && gap.trim().split(' ').filter(|w| !w.is_empty()).count() <= 1
                        && !gap.contains(',')
                    {
                        describes(
                            cx,
                            mentions,
                            i,
                            &next.iri,
                            (si, ji),
                            &DEMONYM_OF_ORGANISATION,
                        );
                        continue;
                    }
                    // "le géant américain des puces NVIDIA": the trade between demonym and name
                    // is the company's sector
                    if cx.class(&next.iri) == Some(Class::Sector) {
                        if let Some(&o) = idx.get(k + 2) {
                            let org = mentions[o].clone();
                            let gap2 = cx.between(next.span.end, org.span.start);
                            if matches!(gap.trim(), "des" | "du" | "de la" | "de l'" | "de")
                                && gap2.trim().is_empty()
                                && cx.class(&org.iri) == Some(Class::Company)
                            {
                                describes(
                                    cx,
                                    mentions,
                                    i,
                                    &org.iri,
                                    (si, ji),
                                    &DEMONYM_OF_ORGANISATION,
                                );
                                cx.rel(
                                    &org.iri,
                                    Predicate::FocusesOn,
                                    &next.iri,
                                    (si, ji),
                                    &TRADE_OF_COMPANY,
                                );
                                continue;
                            }
                        }
                    }
                    if cx.class(&next.iri) == Some(Class::Person) && gap.trim().is_empty() {
                        describes(cx, mentions, i, &next.iri, (si, ji), &DEMONYM_OF_PERSON);
                        continue;
                    }
                }
            }
            if k == 0 {
                continue;
            }
            // organisation earlier in the sentence, then "basé aux <country>" or "(<country>)"
            let Some(&o) = idx[..k]
                .iter()
                .rev()
                .find(|&&o| cx.class(&mentions[o].iri).is_some_and(|c| c.is_org()))
            else {
                continue;
            };
            let org = mentions[o].clone();
            let gap = cx.between(org.span.end, m.span.start);
            let paren =
                gap.trim() == "(" && cx.article.text[m.span.end..].trim_start().starts_with(')');
            let of_country = o + 1 == idx[k]
                && !m.demonym
                && matches!(gap.trim(), "du" | "de la" | "de l'" | "des")
                && cx.class(&org.iri).is_some_and(|c| {
                    matches!(
                        c,
                        Class::Company | Class::GovernmentBody | Class::ResearchOrganization
                    )
                });
            if of_country {
                describes(
                    cx,
                    mentions,
                    i,
                    &org.iri,
                    (si, ji),
                    &ORGANISATION_OF_COUNTRY,
                );
                continue;
            }
            if paren || BASED.is_match(&gap) {
                describes(
                    cx,
                    mentions,
                    i,
                    &org.iri,
                    (si, ji),
                    if paren {
                        &COUNTRY_IN_PARENTHESES
                    } else {
                        &BASED_IN_COUNTRY
                    },
                );
            }
        }
    }
}

/// A country or city named inside an organisation's name says where it is based:
/// "Université nationale de Singapour", "Centre d'innovation Vietnam-Singapour".
pub(super) fn names_inside_names(ex: &Extractor, cx: &mut Ctx, mentions: &[Mention]) {
    for m in mentions {
        let Some(e) = cx.entities.get(&m.iri) else {
            continue;
        };
        if !(e.class.is_org() || e.class.top() == TopClass::Initiative) {
            continue;
        }
        let surface = &cx.article.text[m.span.clone()];
        // look past the head noun: the whole name may itself be a gazetteer entry
        let after_head = surface
            .find([' ', '\'', '’'])
            .map(|i| &surface[i..])
            .unwrap_or("");
        let inner: Vec<&Entity> = ex
            .gazetteer
            .find(after_head)
            .into_iter()
            .filter_map(|(_, h)| match h {
                crate::extract::gazetteer::Hit::Name(i) => Some(&ex.gazetteer.entities[i]),
                _ => None,
            })
            .collect();
        let countries: Vec<&&Entity> = inner.iter().filter(|e| e.class == Class::Country).collect();
        let at = (m.story, m.sentence);
        // "Ambassade du Vietnam au Japon": the first country owns it, the second hosts it
        let hosted = countries.len() == 2
            && fold(surface).text.contains(&format!(" {} ", "au"))
            && e.class.is_org();
        if hosted {
            cx.rel(
                &m.iri,
                Predicate::BasedInCountry,
                &countries[0].iri,
                at,
                &COUNTRY_IN_NAME,
            );
        } else if countries.len() >= 2
            && e.class.top() == TopClass::Initiative
            && e.class != Class::Centre
        {
            for c in countries {
                cx.rel(
                    &c.iri,
                    Predicate::ParticipatesIn,
                    &m.iri,
                    at,
                    &COUNTRIES_IN_NAME,
                );
            }
        } else if let (Some(c), true) =
            (countries.first(), countries.len() == 1 || e.class.is_org())
        {
            cx.rel(
                &m.iri,
                Predicate::BasedInCountry,
                &c.iri,
                at,
                &COUNTRY_IN_NAME,
            );
        }
        if let Some(l) = inner.iter().find(|e| e.class == Class::Locality) {
            cx.rel(&m.iri, Predicate::LocatedIn, &l.iri, at, &LOCALITY_IN_NAME);
        }
        if e.class.top() == TopClass::Initiative {
            for s in inner.iter().filter(|e| e.class == Class::Sector) {
                cx.rel(&m.iri, Predicate::FocusesOn, &s.iri, at, &SECTOR_IN_NAME);
            }
        }
    }
}
