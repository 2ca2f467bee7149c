//! People, by a title before the name or a role after it; the ministries those titles name;
//! and Vietnamese names on their own.

use super::words::*;
use super::{Candidate, Target};
use crate::extract::rule::Rule;
use crate::extract::tokens::{tokenize, Token};
use crate::extract::{Class, Entity, Gazetteer, Mention};
use crate::text::fold_key;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

pub(super) fn folded_tokens(toks: &[Token]) -> Vec<String> {
    toks.iter().map(|t| fold_key(t.text)).collect()
}

/// Start of a title (from TITLES) that ends at token `end`, if any. Tokens fold to several
/// words ("vice-ministre" → "vice ministre"), so phrases are compared joined.
fn title_ending_at(ft: &[String], end: usize) -> Option<usize> {
    (end.saturating_sub(4)..=end).find(|&start| is_title(&ft[start..=end]))
}

fn is_title(words: &[String]) -> bool {
    let phrase = words.join(" ").replace(" .", ".");
    let titles = &*TITLE_SET;
    titles.contains(phrase.as_str()) || titles.contains(phrase.trim_end_matches('.'))
}

/// True when `text` opens with a title ("vice-président de ...").
pub fn starts_with_title(text: &str) -> bool {
    let toks = tokenize(text, 0);
    let ft = folded_tokens(&toks);
    title_starting_at(&ft, 0).is_some()
}

/// Length (in tokens) of the longest title starting at token `s`.
pub(super) fn title_starting_at(ft: &[String], s: usize) -> Option<usize> {
    (1..=5)
        .rev()
        .find(|&n| s + n <= ft.len() && is_title(&ft[s..s + n]))
}

/// People, found by a title before the name or a role after it.
/// Which person rule a name's context fits, with its confidence, in order of strength.
fn person_rule(
    titled: bool,
    titled_one_word: bool,
    role_after: bool,
    vn_name: bool,
) -> Option<(&'static Rule, f64)> {
    if titled {
        Some((&PERSON_TITLE, PERSON_TITLE.confidence))
    } else if titled_one_word {
        // a single word after a title is as often a place or a common noun
        Some((&PERSON_TITLE, 0.6))
    } else if role_after {
        Some((&PERSON_ROLE_APPOSITION, PERSON_ROLE_APPOSITION.confidence))
    } else if vn_name {
        Some((&PERSON_VIETNAMESE_NAME, PERSON_VIETNAMESE_NAME.confidence))
    } else {
        None
    }
}

pub(super) fn person_names(
    toks: &[Token],
    text: &str,
    taken: &[Range<usize>],
    out: &mut Vec<Candidate>,
    roles: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    let ft = folded_tokens(toks);
    for (a0, b) in capital_runs(toks) {
        // "des Finances Nguyen Van Thang": the name may be a suffix of a capitalised run
        for a in a0..=b {
            if a > a0 && b - a < 1 {
                break;
            }
            if b == a && !toks[a].is_capitalized() {
                continue;
            }
            // "La Professeure Balvinder Shukla": the title is not part of the name
            if is_title(&ft[a..=a]) {
                continue;
            }
            let span = toks[a].start..toks[b].end;
            if taken
                .iter()
                .any(|r| r.start < span.end && span.start < r.end)
            {
                continue;
            }
            if toks[a..=b].iter().any(|t| {
                t.is_all_caps()
                    || head_class(t.text).is_some()
                    || t.text.chars().any(|c| c.is_ascii_digit())
            }) {
                continue;
            }
            let n = b - a + 1;
            let title = title_before(toks, &ft, a);
            let role_after = role_after(toks, &ft, b);
            let vn_name = n == 3 && VN_SURNAMES.contains(&ft[a].as_str()) && ft[a] != "le";
            let one_word = title.is_some() && n == 1 && toks[a].text.chars().count() > 2;
            let Some((rule, conf)) = person_rule(
                title.is_some() && n >= 2,
                one_word,
                role_after.is_some() && n >= 2,
                vn_name,
            ) else {
                continue;
            };
            let name = text[span.clone()].to_string();
            push_roles(text, &span, title.clone(), role_after.clone(), roles);
            out.push(Candidate {
                span,
                target: Target::New(Class::Person, name),
                rule,
                confidence: conf,
            });
            break;
        }
    }
}

/// (a) A title just before the name at token `a`: "le ministre des Finances Nguyen Van Thang",
/// "M. Ram Krishnan".
fn title_before(toks: &[Token], ft: &[String], a: usize) -> Option<Range<usize>> {
    let mut k = a;
    if k > 0 && toks[k - 1].text == "," {
        k -= 1;
    }
    if k > 0 && toks[k - 1].text == "." {
        k -= 1; // "M." / "Dr."
    }
    if k == 0
        || matches!(
            ft[k - 1].as_str(),
            "de" | "du" | "des" | "d'" | "chez" | "l'" | "la" | "le" | "a" | "avec" | "et"
        )
    {
        return None;
    }
    // walk back over the title's complement to a title word
    for e in (k.saturating_sub(16)..k).rev() {
        if matches!(toks[e].text, "." | ";" | ":") && !(e + 1 == k && toks[e].text == ".") {
            return None;
        }
        if toks[e].text == "," && e + 1 != k {
            return None;
        }
        if is_stop(&ft[e]) && ft[e] != "a" || ft[e] == "a" && toks[e].text == "a" {
            return None;
        }
        if let Some(s) = title_ending_at(ft, e) {
            return Some(toks[s].start..toks[k - 1].end);
        }
    }
    None
}

/// (b) A role right after the name ending at token `b`: "Lê Truong Duy, directeur du Centre ...".
fn role_after(toks: &[Token], ft: &[String], b: usize) -> Option<Range<usize>> {
    if b + 2 >= toks.len() || toks[b + 1].text != "," {
        return None;
    }
    let mut s = b + 2;
    if matches!(ft[s].as_str(), "le" | "la" | "l'" | "un" | "une") {
        s += 1;
    }
    title_starting_at(ft, s)?;
    let mut e = s;
    while e + 1 < toks.len()
        && !matches!(toks[e + 1].text, "," | "." | ";" | ":" | ")")
        && !matches!(
            ft[e + 1].as_str(),
            "lors" | "a" | "ont" | "qui" | "dans" | "est"
        )
        && e - s < 20
    {
        e += 1;
    }
    // keep a parenthesised acronym inside the role
    if e + 1 < toks.len() && toks[e + 1].text == "(" {
        if let Some(c) = (e + 1..toks.len().min(e + 8)).find(|&c| toks[c].text == ")") {
            e = c;
        }
    }
    Some(toks[s].start..toks[e].end)
}

/// Records a person's role phrases, before and after the name; a form of address is no role.
fn push_roles(
    text: &str,
    span: &Range<usize>,
    title: Option<Range<usize>>,
    role_after: Option<Range<usize>>,
    roles: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    // "le professeur X, président de Y": the honorific gives way to the role after
    let counterpart = title
        .as_ref()
        .is_some_and(|r| fold_key(&text[r.clone()]).starts_with("homologue"));
    if let Some(r) = title.clone().filter(|_| !counterpart) {
        let honorific = matches!(
            fold_key(&text[r.clone()]).as_str(),
            "professeur"
                | "professeure"
                | "docteur"
                | "dr"
                | "dr."
                | "m."
                | "mme"
                | "m"
                | "professeur dr"
        );
        // "M.", "le professeur": a form of address, not a role
        if !honorific {
            roles.push((span.clone(), r));
        }
    }
    if let Some(r) = role_after {
        roles.push((span.clone(), r));
    }
}

/// "le ministre vietnamien des Finances", "vice-ministre russe des Sciences et de
/// l'Enseignement supérieur": the title names a ministry, which becomes a mention of its own
/// (of the person's country when the title says a foreign one).
static MINISTER_OF: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)^(?:vice-)?ministre(?:\s+\p{Ll}[\p{Ll}-]*)?\s+(des|de la|de l['’]|du)\s*([^,(]+)",
    )
});

pub(super) fn ministries_in_titles(
    gaz: &Gazetteer,
    text: &str,
    roles: &[(String, Range<usize>, usize, usize)],
    mentions: &mut Vec<Mention>,
    entities: &mut BTreeMap<String, Entity>,
) {
    for (_, role, si, ji) in roles {
        let Some(c) = MINISTER_OF.captures(&text[role.clone()]) else {
            continue;
        };
        let (Some(article), Some(what)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let what_text = what.as_str().trim_end();
        let span = role.start + what.start()..role.start + what.start() + what_text.len();
        if what_text.is_empty() || mentions.iter().any(|m| m.span == span) {
            continue;
        }
        let country = mentions
            .iter()
            .find(|m| {
                m.demonym
                    && m.span.start >= role.start
                    && m.span.end <= span.start
                    && entities
                        .get(&m.iri)
                        .is_some_and(|e| e.class == Class::Country)
            })
            .map(|m| m.iri.clone());
        let base = format!("Ministère {} {what_text}", article.as_str().trim_end())
            .replace("l' ", "l'")
            .replace("l’ ", "l'");
        let foreign = country
            .as_deref()
            .filter(|c| !c.ends_with("/vn"))
            .and_then(|c| entities.get(c))
            .map(|e| e.label.clone());
        let name = match &foreign {
            Some(country) => format!("{base} {}", of_country(country)),
            None => base,
        };
        let e = gaz
            .lookup(&name)
            .cloned()
            .unwrap_or_else(|| Entity::new(Class::GovernmentBody, &name));
        let iri = e.iri.clone();
        entities.entry(iri.clone()).or_insert(e);
        // the ministry's name replaces anything matched inside it ("Sciences", "Technologies")
        mentions.retain(|m| !(m.span.start >= span.start && m.span.end <= span.end));
        mentions.push(Mention {
            iri,
            span,
            story: *si,
            sentence: *ji,
            rule: MINISTRY_IN_TITLE.name,
            confidence: MINISTRY_IN_TITLE.confidence,
            attribute: false,
            demonym: false,
            compound: false,
        });
    }
}

/// "de Russie", "du Japon", "des États-Unis", "d'Australie".
pub fn of_country(label: &str) -> String {
    let first = label.chars().next().unwrap_or('x');
    // "de la République de Corée", "de la Fédération de Russie"
    if label.starts_with("République") || label.starts_with("Fédération") {
        return format!("de la {label}");
    }
    if "AEIOUÉÈÊÂÎÔÛ".contains(first) && !label.ends_with("Unis") {
        format!("d'{label}")
    } else if label.ends_with('s') {
        format!("des {label}")
    } else if label.ends_with('e') {
        format!("de {label}")
    } else {
        format!("du {label}")
    }
}

pub static PERSON_TITLE: Rule = super::names(
    "person-title",
    "a title (M., Mme, ministre, directeur, président ...) before a capitalised name; 0.6 for a one-word name",
    "Person mention",
    0.93,
    &["Le directeur Pablo Rojas a présenté le projet."],
    &["Le directeur a présenté le projet."],
);
pub static PERSON_ROLE_APPOSITION: Rule = super::names(
    "person-role-apposition",
    "a capitalised name of two words or more followed by « , <title> de ... »",
    "Person mention",
    0.94,
    &["Pablo Rojas, directeur de l'Institut Andes-Pacifique, a présenté le projet."],
    &["Pablo Rojas a présenté le projet."],
);
pub static PERSON_VIETNAMESE_NAME: Rule = super::names(
    "person-vietnamese-name",
    "three capitalised words starting with a Vietnamese surname (Nguyen, Tran, Le, Pham ...)",
    "Person mention",
    0.99,
    &["Le projet a été présenté par Nguyen Van Long."],
    &["Selon Valparaíso Andes Pacifico, le projet avance."],
);
pub static MINISTRY_IN_TITLE: Rule = super::names(
    "ministry-in-title",
    "a ministry named only by its portfolio in a title (« vice-ministre des Sciences et des Technologies »)",
    "GovernmentBody mention of the ministry",
    0.95,
    &["Le vice-ministre des Sciences et des Technologies, Bui The Duy, a reçu la délégation."],
    &["Le vice-président Bui The Duy a reçu la délégation."],
);
