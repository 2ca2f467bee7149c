//! Companies, programmes and events named by their context: a trigger noun before the name
//! ("le géant néerlandais ASML"), a legal suffix ("Co., Ltd."), an apposition ("X, leader
//! mondial de ..."), or an event's year.

use super::words::*;
use super::{Candidate, Target};
use crate::extract::rule::Rule;
use crate::extract::tokens::Token;
use crate::extract::Class;
use regex::Regex;
use std::sync::LazyLock;

static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*,\s*(le |la |l'|un |une )?(leader|géant|groupe|société|entreprise|firme|fabricant|spécialiste|pionnier)\b",
    )
});
static COMPANY_SUFFIX_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*(Co\.?,?\s*Ltd\.?|Corporation|Corp\.|Inc\.?|Group|JSC|Ltd\.?|GmbH|S\.A\.|SA|AG|plc)(?-u:\b)",
    )
});

/// Events named with their year: "SEMIExpo Vietnam 2025", "Startup Flight 2025".
pub(super) fn events_with_year(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
    for (a, b) in capital_runs(toks) {
        let last = toks[b].text;
        let year = last.len() == 4
            && (last.starts_with("19") || last.starts_with("20"))
            && last.chars().all(|c| c.is_ascii_digit());
        if year && b > a && !toks[a..b].iter().any(|t| head_class(t.text).is_some()) {
            let span = toks[a].start..toks[b].end;
            out.push(Candidate {
                span: span.clone(),
                target: Target::New(Class::Meeting, text[span].to_string()),
                rule: &EVENT_WITH_YEAR,
                confidence: EVENT_WITH_YEAR.confidence,
            });
        }
    }
}

/// Companies and programmes named after a context word ("le géant néerlandais ASML",
/// "la plateforme L2Pro", "Seoul Semiconductor Co., Ltd.", "Qualcomm, leader mondial").
pub(super) fn context_names(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
    for (a, b) in capital_runs(toks) {
        let run_span = toks[a].start..toks[b].end;
        let name = text[run_span.clone()].to_string();
        let trigger = trigger_before(toks, a);
        if let Some(c) = company_by_suffix(toks, text, a, b) {
            out.push(c);
            continue;
        }
        let after = &text[toks[b].end..];
        let apposition = after.trim_start().starts_with(',') && APPOSITION.is_match(after);
        let (class, rule) = match trigger.as_deref() {
            Some("company") => (Class::Company, &COMPANY_CONTEXT),
            Some("programme") | Some("projet") | Some("initiative") => {
                (Class::Programme, &INITIATIVE_CONTEXT)
            }
            Some("plateforme") | Some("plate-forme") | Some("application") => {
                (Class::Platform, &INITIATIVE_CONTEXT)
            }
            Some("fonds") => (Class::Fund, &INITIATIVE_CONTEXT),
            _ if apposition => (Class::Company, &COMPANY_APPOSITION),
            _ => continue,
        };
        out.push(Candidate {
            span: run_span,
            target: Target::New(class, name),
            rule,
            confidence: rule.confidence,
        });
    }
}

/// The trigger noun before a capitalised run at `toks[a]`, over up to 3 lower-case adjectives:
/// "company" for the company nouns, else the noun itself ("programme", "plateforme" ...).
fn trigger_before(toks: &[Token], a: usize) -> Option<String> {
    let mut k = a;
    while k > 0 && a - k < 4 {
        k -= 1;
        let lw = toks[k].lower();
        if matches!(
            lw.as_str(),
            "géant"
                | "groupe"
                | "société"
                | "entreprise"
                | "firme"
                | "compagnie"
                | "start-up"
                | "startup"
                | "constructeur"
                | "fabricant"
                | "équipementier"
                | "opérateur"
                | "chez"
                | "sociétés"
                | "entreprises"
        ) {
            return Some("company".into());
        }
        if matches!(
            lw.as_str(),
            "programme"
                | "plateforme"
                | "plate-forme"
                | "projet"
                | "fonds"
                | "initiative"
                | "application"
                | "réseau"
        ) {
            return Some(lw);
        }
        if toks[k].is_capitalized() || !toks[k].is_word() {
            return None;
        }
    }
    None
}

/// "Andes Cobre Corporation", "Seoul Semiconductor Co., Ltd.": a company by its legal suffix,
/// inside the capitalised run `toks[a..=b]` or right after it.
fn company_by_suffix(toks: &[Token], text: &str, a: usize, b: usize) -> Option<Candidate> {
    // "Andes Cobre Corporation": the suffix inside the capitalised run
    if b > a
        && matches!(
            toks[b].text,
            "Corporation" | "Group" | "JSC" | "Inc" | "GmbH" | "AG" | "Holdings"
        )
    {
        let span = toks[a].start..toks[b].end;
        return Some(Candidate {
            span: span.clone(),
            target: Target::New(Class::Company, text[span].to_string()),
            rule: &COMPANY_SUFFIX,
            confidence: COMPANY_SUFFIX.confidence,
        });
    }
    let m = COMPANY_SUFFIX_AFTER.find(&text[toks[b].end..])?;
    let span = toks[a].start..toks[b].end + m.end();
    Some(Candidate {
        span: span.clone(),
        target: Target::New(Class::Company, text[span].trim_end_matches('.').to_string()),
        rule: &COMPANY_SUFFIX,
        confidence: COMPANY_SUFFIX.confidence,
    })
}

/// "s'est tenue le 26 novembre à Berne", "le 29 août à Séoul", "basé à Kagoshima (Japon)": a
/// place named after "à" where the sentence says when or where something happens.
pub(super) fn places_after_a(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
    const CUES: &[&str] = &[
        "tenu",
        "tenue",
        "tenus",
        "tenues",
        "lieu",
        "organisé",
        "organisée",
        "basé",
        "basée",
        "situé",
        "située",
        "installé",
        "installée",
        "déroulé",
        "déroulée",
        "ouvert",
        "ouverte",
        "inauguré",
        "inaugurée",
        "visite",
        "siège",
    ];
    for (i, t) in toks.iter().enumerate() {
        if t.lower() != "à" || i == 0 {
            continue;
        }
        let cued = toks[i.saturating_sub(6)..i].iter().any(|w| {
            let w = w.lower();
            CUES.contains(&w.as_str()) || MONTHS.contains(&w.as_str())
        });
        let Some(first) = toks
            .get(i + 1)
            .filter(|w| w.is_word() && w.is_capitalized())
        else {
            continue;
        };
        if !cued || first.is_all_caps() || NOT_NAME_SET.contains(first.lower().as_str()) {
            continue;
        }
        let mut last = i + 1;
        while last + 1 < toks.len()
            && last - i < 3
            && toks[last + 1].is_word()
            && toks[last + 1].is_capitalized()
        {
            last += 1;
        }
        // the place ends the phrase: punctuation, a lower-case word or "(Japon)" follow
        if toks
            .get(last + 1)
            .is_some_and(|n| n.is_word() && n.is_capitalized())
        {
            continue;
        }
        let span = first.start..toks[last].end;
        out.push(Candidate {
            span: span.clone(),
            target: Target::New(Class::Locality, text[span].to_string()),
            rule: &PLACE_AFTER_A,
            confidence: PLACE_AFTER_A.confidence,
        });
    }
}

pub static INITIATIVE_CONTEXT: Rule = super::names(
    "initiative-context",
    "a capitalised name the sentence calls a programme, projet, plateforme, application or fonds",
    "Programme, Platform or Fund mention",
    0.75,
    &["Condorsoft a lancé la plateforme mobile Andes Connect."],
    &["Condorsoft a lancé Andes Connect."],
);
pub static EVENT_WITH_YEAR: Rule = super::names(
    "event-with-year",
    "a capitalised name ending with a year (« Techno Andes 2025 »)",
    "Meeting mention",
    0.98,
    &["Techno Andes 2025 a réuni 300 entreprises."],
    &["Techno Andes a réuni 300 entreprises en 2025."],
);
pub static COMPANY_SUFFIX: Rule = super::names(
    "company-suffix",
    "a capitalised name ending in Corporation, Group, JSC, Inc, GmbH, AG, Holdings, S.A. ...",
    "Company mention",
    0.85,
    &["Pacifico Holdings a investi dans la région."],
    &["Pacifico a investi dans la région."],
);
pub static COMPANY_CONTEXT: Rule = super::names(
    "company-context",
    "a capitalised name the sentence calls a company (société, groupe, entreprise, start-up ...)",
    "Company mention",
    0.75,
    &["La société Andes Robotics a ouvert un bureau."],
    &["Andes Robotics a ouvert un bureau."],
);
pub static COMPANY_APPOSITION: Rule = super::names(
    "company-apposition",
    "a capitalised name followed by an apposition that names a trade (« X, leader des ... »)",
    "Company mention",
    0.75,
    &["Condorsoft, leader chilien du logiciel, a ouvert un bureau."],
    &["Condorsoft a ouvert un bureau."],
);
pub static PLACE_AFTER_A: Rule = super::names(
    "place-after-a",
    "« à » + a capitalised name, after a date or a verb of place (« s'est tenue », « basé », « organisé »)",
    "Locality mention",
    0.67,
    &[
        "La réunion s'est tenue le 3 mars à Valparaíso.",
        "Le laboratoire est basé à Antofagasta, au nord du pays.",
    ],
    &[
        "Le prix a été remis à Carlos Mendoza.",
        "La réunion s'est tenue le 3 mars à l'université.",
    ],
);
