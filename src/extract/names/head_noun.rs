//! Organisations and initiatives named by their head noun ("Institut de ...", "le programme
//! INTENSE"), up to the start of the next clause.

use super::person::title_starting_at;
use super::words::*;
use super::{Candidate, Target};
use crate::extract::rule::Rule;
use crate::extract::tokens::Token;
use crate::extract::{Class, Gazetteer};
use crate::text::fold_key;
use regex::Regex;
use std::sync::LazyLock;

static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"^(\d{1,3}(e|è|ème|eme|er|re)|[IVX][IVXL]*e)$"));

/// Extends a name from its head noun at `toks[i]`; returns the index of its last token.
fn extend_name(toks: &[Token], i: usize) -> usize {
    let mut last = i;
    let mut j = i + 1;
    while j < toks.len() && j - i <= 18 {
        let t = &toks[j];
        let lw = t.lower();
        if t.text == "," {
            if comma_continues(toks, j) {
                j += 1;
                continue;
            }
            break;
        }
        // "Comité mixte ... Vietnam – États-Unis": a dash between two proper names
        if matches!(t.text, "–" | "-" | "—")
            && toks[j - 1].is_capitalized()
            && toks
                .get(j + 1)
                .is_some_and(|n| n.is_word() && n.is_capitalized())
        {
            j += 1;
            continue;
        }
        if !t.is_word() && lw != "d'" && lw != "l'" {
            break;
        }
        // a person's name after an organisation ("Assemblée nationale du Vietnam Vuong Dinh Hue")
        if t.is_capitalized()
            && j > i + 1
            && VN_SURNAMES.contains(&crate::text::fold_key(t.text).as_str())
            && toks.get(j + 1).is_some_and(|n| n.is_capitalized())
            && toks.get(j + 2).is_some_and(|n| n.is_capitalized())
        {
            break;
        }
        if CONNECTORS.contains(&lw.as_str()) {
            match after_connector(toks, j) {
                Some(k) => {
                    j = k;
                    continue;
                }
                None => break,
            }
        }
        // "consacrés à", "conduite par", "basé au": a participle that opens a new phrase
        let next_opens = toks.get(j + 1).is_some_and(|n| {
            matches!(
                n.lower().as_str(),
                "à" | "au" | "aux" | "par" | "dans" | "en" | "pour" | "sur" | "avec"
            )
        });
        if is_stop(&lw) || (is_participle(&lw) && j > i + 1 && !t.is_capitalized() && next_opens) {
            break;
        }
        // "Centre Andes-Mékong ouvre ...": a lower-case word right after the proper name is
        // the sentence going on, not the name
        if !t.is_capitalized()
            && !lw.starts_with(|c: char| c.is_ascii_digit())
            && j > i + 1
            && toks[j - 1].is_capitalized()
            && !adjective_in_name(toks, j)
        {
            break;
        }
        if lw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            // any number or ordinal ends a name ("Assemblée nationale de la 15e législature"),
            // some years inside it
            if year_in_name(toks, i, j) {
                last = j;
            }
            break;
        }
        last = j;
        j += 1;
    }
    last
}

/// Whether the year at `toks[j]` closes the name whose head is `toks[i]`: an event's year
/// ("Forum Andes-Mékong 2026"), the period a plan covers ("Stratégie nationale ... pour la
/// période 2011-2020", "... à l'horizon 2030").
fn year_in_name(toks: &[Token], i: usize, j: usize) -> bool {
    let lw = toks[j].lower();
    let year = lw.len() >= 4 && (lw.starts_with("19") || lw.starts_with("20"));
    let period = matches!(
        toks[j - 1].lower().as_str(),
        "période" | "horizon" | "ici" | "pour"
    );
    match head_class(toks[i].text) {
        Some(Class::Meeting) => year,
        Some(Class::Policy | Class::Programme | Class::Agreement) => year && period,
        _ => false,
    }
}

/// "ministère hongrois des Affaires étrangères", "gouvernement laotien": a body named by its
/// country's demonym (found by the gazetteer just before). It is named as the country's
/// ("Ministère des Affaires étrangères de Hongrie"; Vietnam's without the country), so that
/// the same body written either way is one entity.
pub(super) fn bodies_of_a_country(
    toks: &[Token],
    text: &str,
    gaz: &Gazetteer,
    out: &mut Vec<Candidate>,
) {
    let demonym_at = |t: &Token| {
        out.iter().find_map(|c| match c.target {
            Target::Demonym(k) if c.span.start == t.start && c.span.end == t.end => Some(k),
            _ => None,
        })
    };
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let head = t.lower();
        let kind = match head.as_str() {
            "ministère" => "Ministère",
            "département" => "Département",
            "gouvernement" => "Gouvernement",
            _ => continue,
        };
        let Some(country) = toks.get(i + 1).and_then(demonym_at) else {
            continue;
        };
        let (last, name) = if kind == "Gouvernement" {
            (i + 1, format!("{kind} {}", toks[i + 1].text))
        } else {
            let last = extend_name(toks, i + 1);
            if last == i + 1 || !toks[i + 2..=last].iter().any(|w| w.is_capitalized()) {
                continue;
            }
            let what = &text[toks[i + 2].start..toks[last].end];
            let e = &gaz.entities[country];
            let name = if e.iri.ends_with("/country/vn") {
                format!("{kind} {what}")
            } else {
                format!("{kind} {what} {}", super::person::of_country(&e.label))
            };
            (last, name)
        };
        found.push(Candidate {
            span: t.start..toks[last].end,
            target: Target::New(Class::GovernmentBody, name.replace("l’", "l'")),
            rule: &BODY_OF_A_COUNTRY,
            confidence: BODY_OF_A_COUNTRY.confidence,
        });
    }
    out.extend(found);
}

/// "des Affaires étrangères et du Commerce", "des Ressources naturelles", "des Technologies
/// avancées": an adjective after a capitalised noun, where the name goes on or ends. A verb
/// ("ouvre", "indique que") is no adjective: the word must end like one and be followed by
/// "et", "de", punctuation or nothing.
fn adjective_in_name(toks: &[Token], j: usize) -> bool {
    const ENDINGS: &[&str] = &[
        "ère", "ères", "elle", "elles", "el", "els", "ale", "ales", "aux", "ée", "ées", "ique",
        "iques", "aire", "aires", "eure", "eures", "ieur", "ieurs", "ive", "ives", "if", "ifs",
    ];
    let w = toks[j].lower();
    let ends_like_one = ENDINGS.iter().any(|e| w.ends_with(e)) && w.chars().count() > 4;
    let then = toks.get(j + 1).map(|n| n.lower());
    let goes_on = match then.as_deref() {
        None => true,
        Some(n) => matches!(
            n,
            "et" | "de" | "du" | "des" | "d'" | "," | "." | ")" | "(" | ";"
        ),
    };
    ends_like_one && goes_on
}

/// "des sciences, des technologies et de l'environnement": a comma inside a name, before a
/// coordinated complement.
fn comma_continues(toks: &[Token], j: usize) -> bool {
    let rest: Vec<String> = toks[j + 1..]
        .iter()
        .take_while(|x| !matches!(x.text, "," | "." | ";" | "(" | ")"))
        .map(|x| x.lower())
        .collect();
    let next_is_conn = rest
        .first()
        .is_some_and(|w| matches!(w.as_str(), "des" | "du" | "de"));
    let has_et = rest
        .windows(2)
        .any(|w| w[0] == "et" && matches!(w[1].as_str(), "de" | "des" | "du" | "d'"));
    let next_lower = toks.get(j + 2).is_some_and(|x| !x.is_capitalized());
    next_is_conn && has_et && next_lower
}

/// Where a name goes on after the connector at `toks[j]` ("de", "et", "pour" ...), or `None`
/// when the connector ends it.
fn after_connector(toks: &[Token], j: usize) -> Option<usize> {
    let lw = toks[j].lower();
    // a connector must lead to a content word
    let mut k = j;
    while k < toks.len() && CONNECTORS.contains(&toks[k].lower().as_str()) && k - j < 3 {
        k += 1;
    }
    let n = toks.get(k)?;
    let nl = n.lower();
    if !n.is_word() || is_stop(&nl) || CONNECTORS.contains(&nl.as_str()) {
        return None;
    }
    // "Conseil des gouverneurs de l'AIEA en novembre": a date opens a new phrase
    if lw == "en" && (MONTHS.contains(&nl.as_str()) || nl.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    // "Institut X de développer des programmes": "de" before an infinitive and its object
    let object_follows = toks.get(k + 1).is_some_and(|x| {
        matches!(
            x.lower().as_str(),
            "la" | "le" | "les" | "l'" | "des" | "du" | "un" | "une" | "ses" | "leur" | "leurs"
        )
    });
    if matches!(lw.as_str(), "de" | "d'")
        && !n.is_capitalized()
        && (nl.ends_with("er") || nl.ends_with("ir"))
        && object_follows
    {
        return None;
    }
    // "le Conseil des gouverneurs de l'AIEA pour le mandat ...": after an acronym, "pour"
    // opens a purpose or a period
    if lw == "pour" && j > 0 && toks[j - 1].is_all_caps() {
        return None;
    }
    if DETERMINERS.contains(&lw.as_str()) {
        return None; // "Centre X la ville": a determiner without "de" starts a new phrase
    }
    // "Institut Hoa Sen pour lancer ...": "pour" before an infinitive is a purpose
    if lw == "pour"
        && !n.is_capitalized()
        && (nl.ends_with("er") || nl.ends_with("ir") || nl.ends_with("re"))
    {
        return None;
    }
    if lw == "et" {
        let after = toks[j + 1].lower();
        // "au Ministère X et au gouvernement vietnamien de ...": "et" before a preposition
        // adds a second complement to the verb, not to the name
        if matches!(
            after.as_str(),
            "au" | "aux" | "à" | "pour" | "en" | "sur" | "avec"
        ) {
            return None;
        }
        if DETERMINERS.contains(&after.as_str())
            || matches!(after.as_str(), "un" | "une")
            || title_starting_at(&[fold_key(toks[j + 1].text)], 0).is_some()
        {
            return None;
        }
        if toks[j + 1].is_capitalized() && !matches!(after.as_str(), "de" | "des" | "du" | "d'") {
            return None;
        }
    }
    if n.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(k)
}

/// Candidate organisation / initiative names found by their head noun.
pub(super) fn head_noun_names(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
    for (i, t) in toks.iter().enumerate() {
        let Some(class) = head_class(t.text) else {
            continue;
        };
        let capital = t.is_capitalized();
        let sentence_start = i == 0 || matches!(toks[i - 1].text, "«" | "\"" | "-");
        // "le programme INTENSE", "la plateforme L2Pro": a lower-case kind, then the name
        if !capital
            && matches!(
                t.lower().as_str(),
                "programme" | "plateforme" | "plate-forme" | "projet" | "fonds" | "initiative"
            )
        {
            out.extend(kind_and_name(toks, text, i, class));
            continue;
        }
        let last = extend_name(toks, i);
        if last == i {
            continue;
        }
        let words = &toks[i + 1..=last];
        let has_capital = words.iter().any(|w| w.is_capitalized());
        if !capital && !lower_case_head_ok(toks, i, last) {
            continue;
        }
        // a capitalised head at the start of a sentence may just be a capitalised common noun
        if sentence_start && !has_capital && words.len() < 3 {
            continue;
        }
        // "14e Congrès du PCV", "4e réunion": the ordinal is part of an event's name
        let first = if class == Class::Meeting && i > 0 && ORDINAL.is_match(toks[i - 1].text) {
            i - 1
        } else {
            i
        };
        let span = toks[first].start..toks[last].end;
        let name = text[span.clone()].to_string();
        // "Programme national des sciences ...": a national programme is a policy
        let national = class == Class::Programme
            && capital
            && matches!(toks[i + 1].lower().as_str(), "national" | "nationale");
        let class = if national { Class::Policy } else { class };
        let rule = if class == Class::Policy {
            &POLICY_DOCUMENT
        } else if capital {
            &ORG_HEAD_NOUN
        } else {
            &ORG_HEAD_NOUN_LOWERCASE
        };
        out.push(Candidate {
            span,
            target: Target::New(class, clean_name(&name)),
            rule,
            confidence: rule.confidence,
        });
    }
}

/// "le programme INTENSE": the kind is in the mention, the name alone is the label
/// ("SOLVIET"), so that the name used alone later is the same entity.
fn kind_and_name(toks: &[Token], text: &str, i: usize, class: Class) -> Option<Candidate> {
    let mut last = i;
    while last + 1 < toks.len()
        && last - i < 4
        && toks[last + 1].is_word()
        && toks[last + 1].is_capitalized()
        && !NOT_NAME_SET.contains(toks[last + 1].lower().as_str())
    {
        last += 1;
    }
    (last > i).then(|| Candidate {
        span: toks[i].start..toks[last].end,
        target: Target::New(class, text[toks[i + 1].start..toks[last].end].to_string()),
        rule: &INITIATIVE_KIND_AND_NAME,
        confidence: INITIATIVE_KIND_AND_NAME.confidence,
    })
}

/// Whether a lower-case head noun at `toks[i]` starts a name ending at `toks[last]`.
fn lower_case_head_ok(toks: &[Token], i: usize, last: usize) -> bool {
    let head = toks[i].lower();
    let words = &toks[i + 1..=last];
    // "ministère des Finances": some heads need a capitalised complement
    let capital_complement = matches!(
        head.as_str(),
        "ministère"
            | "département"
            | "université"
            | "institut"
            | "académie"
            | "ambassade"
            | "consulat"
    ) && words
        .iter()
        .find(|w| w.is_word() && !CONNECTORS.contains(&w.lower().as_str()))
        .is_some_and(|w| w.is_capitalized());
    // "l'incubateur d'innovation Amity", "le bureau commercial de l'ambassade du Vietnam en
    // Inde": a lower-case head whose name ends on a proper name
    let proper_tail = matches!(
        head.as_str(),
        "incubateur" | "bureau" | "département" | "comité" | "service" | "ambassade"
    ) && toks[last].is_capitalized()
        && (i == 0
            || matches!(
                toks[i - 1].lower().as_str(),
                "l'" | "le" | "la" | "du" | "au"
            ));
    capital_complement || proper_tail
}

pub static ORG_HEAD_NOUN: Rule = super::names(
    "org-head-noun",
    "a capitalised head noun (Université, Institut, Centre, Ministère, Programme, Fonds ...) and the name after it, up to a clause start",
    "mention of a new organisation or initiative, class from the head noun",
    0.59,
    &["L'Institut de robotique de Valparaíso a ouvert ses portes."],
    &["Les instituts de la région ont ouvert leurs portes."],
);
pub static ORG_HEAD_NOUN_LOWERCASE: Rule = super::names(
    "org-head-noun-lowercase",
    "a lower-case head noun followed by a capitalised name (« l'institut Andes-Pacifique »)",
    "mention of a new organisation or initiative",
    0.83,
    &["Il a visité l'institut Pacifico de robotique."],
    &["Il a visité un institut de robotique."],
);
pub static INITIATIVE_KIND_AND_NAME: Rule = super::names(
    "initiative-kind-and-name",
    "programme, plateforme, projet, fonds, initiative followed by a capitalised name (« programme SOLVIET »)",
    "Programme, Platform or Fund mention labelled by the name alone",
    0.9,
    &["Le programme CONDOR soutient les jeunes chercheurs."],
    &["Le programme soutient les jeunes chercheurs."],
);
pub static POLICY_DOCUMENT: Rule = super::names(
    "policy-document",
    "a capitalised document type (Stratégie, Plan, Politique, Vision, Programme national) and its name, with the period it covers",
    "Policy mention",
    0.8,
    &[
        "La Stratégie nationale pour l'économie circulaire à l'horizon 2030 a été adoptée.",
        "Le Programme national de recherche sur les matériaux pour la période 2021-2025 démarre.",
    ],
    &[
        "La stratégie de l'entreprise a changé.",
        "Le programme de bourses Tallinn Digital accueille dix étudiants.",
    ],
);

pub static BODY_OF_A_COUNTRY: Rule = super::names(
    "body-of-a-country",
    "« ministère », « département » or « gouvernement » followed by a country's demonym (and the ministry's field)",
    "GovernmentBody mention, named as the country's (« Ministère de la Santé du Chili »)",
    0.79,
    &[
        "Le ministère chilien de la Santé et du Bien-être a signé l'accord.",
        "Il a remercié le gouvernement chilien pour son soutien.",
    ],
    &["Le ministère a signé l'accord avec des partenaires chiliens."],
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    /// The name `extend_name` reads from the first token `head` in `s`.
    fn name_at(s: &str, head: &str) -> String {
        let toks = tokenize(s, 0);
        let i = toks.iter().position(|t| t.text == head).unwrap();
        s[toks[i].start..toks[extend_name(&toks, i)].end].to_string()
    }

    #[test]
    fn a_name_stops_where_the_clause_goes_on() {
        for (s, head, want) in [
            (
                "Le Conseil des ministres de l'OCDE en mars a voté.",
                "Conseil",
                "Conseil des ministres de l'OCDE",
            ),
            (
                "Il siège au Conseil scientifique de l'OMM pour le mandat suivant.",
                "Conseil",
                "Conseil scientifique de l'OMM",
            ),
            (
                "Il a demandé à l'Institut des sciences marines de renforcer les échanges.",
                "Institut",
                "Institut des sciences marines",
            ),
            (
                "Il remercie le Ministère de la Santé et au gouvernement chilien de leur aide.",
                "Ministère",
                "Ministère de la Santé",
            ),
        ] {
            assert_eq!(name_at(s, head), want, "{s}");
        }
    }

    #[test]
    fn a_name_keeps_a_dash_between_names_and_the_period_of_a_plan() {
        for (s, head, want) in [
            (
                "La réunion du Comité mixte de coopération Chili – Argentine s'ouvre.",
                "Comité",
                "Comité mixte de coopération Chili – Argentine",
            ),
            (
                "La Stratégie nationale de l'hydrogène pour la période 2021-2030 est adoptée.",
                "Stratégie",
                "Stratégie nationale de l'hydrogène pour la période 2021-2030",
            ),
            (
                "L'Institut de recherche des Andes accueille des chercheurs.",
                "Institut",
                "Institut de recherche des Andes",
            ),
            (
                "Le Ministère des Affaires étrangères et du Commerce du Chili a signé.",
                "Ministère",
                "Ministère des Affaires étrangères et du Commerce du Chili",
            ),
            (
                "Le Centre Andes-Mékong ouvre ses portes.",
                "Centre",
                "Centre Andes-Mékong",
            ),
            (
                "L'Institut Atacama indique que les travaux avancent.",
                "Institut",
                "Institut Atacama",
            ),
        ] {
            assert_eq!(name_at(s, head), want, "{s}");
        }
    }
}
