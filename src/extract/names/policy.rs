//! Policies: numbered resolutions and decisions ("Résolution n°57-NQ/TW"), laws by their
//! "Loi sur ..." form.

use super::words::*;
use super::{Candidate, Target};
use crate::extract::rule::Rule;
use crate::extract::tokens::tokenize;
use crate::extract::{Class, Gazetteer};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static POLICY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)(?-u:\b)(résolution|resolution|décision|decision|décret|decret|directive|circulaire|arrêté)\s+(?:n\s*°\s*|no\.?\s+|numéro\s+)?(\d{1,5}(?:\s*[-/]\s*[A-Za-zĐđ]{1,5}(?:\s*[-/]\s*[A-Za-zĐđ]{1,5})*)?)",
    )
});
static LAW: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?-u:\b)Loi\s+(?:n\s*°\s*[\d/]+[\w/\-]*\s+)?(?:sur|relative|portant|modifiant)(?-u:\b)",
    )
});

/// Policies in one sentence: numbered resolutions and decisions, and laws.
pub(super) fn policy_names(sentence: &str, base: usize, gaz: &Gazetteer, out: &mut Vec<Candidate>) {
    numbered_policies(sentence, base, gaz, out);
    laws(sentence, base, gaz, out);
}

/// "Résolution n°57-NQ/TW", "décision 1131": the number identifies the policy.
fn numbered_policies(sentence: &str, base: usize, gaz: &Gazetteer, out: &mut Vec<Candidate>) {
    for c in POLICY.captures_iter(sentence) {
        let kind = c[1].to_lowercase();
        let class = if kind.starts_with("r") {
            Class::Resolution
        } else {
            Class::Decision
        };
        let kind_label = if class == Class::Resolution {
            "Résolution"
        } else {
            "Décision"
        };
        let num_raw = c[2].replace(' ', "");
        let number = normalise_number(&num_raw);
        // A capital letter or a full number is needed: "une décision approuvant" has neither.
        let whole = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        let span = base + whole.start..base + whole.end;
        let target = match gaz.entities.iter().position(|e| {
            e.class == class && e.number.as_deref().map(normalise_number) == Some(number.clone())
        }) {
            Some(i) => Target::Known(i),
            None if !number.contains('-') => match gaz
                .by_number(class, &number)
                .and_then(|e| gaz.entities.iter().position(|x| x.iri == e.iri))
            {
                Some(i) => Target::Known(i),
                None => Target::New(class, format!("{kind_label} {num_raw}")),
            },
            None => Target::New(class, format!("{kind_label} n°{num_raw}")),
        };
        out.push(Candidate {
            span,
            target,
            rule: &POLICY_NUMBER,
            confidence: POLICY_NUMBER.confidence,
        });
    }
}

/// "Loi sur les hautes technologies", "Loi modifiant ... la Loi sur X".
fn laws(sentence: &str, base: usize, gaz: &Gazetteer, out: &mut Vec<Candidate>) {
    let laws: Vec<regex::Match> = LAW.find_iter(sentence).collect();
    let mut spans: Vec<Range<usize>> = Vec::new();
    for m in &laws {
        let toks = tokenize(&sentence[m.start()..], base + m.start());
        let mut last = 1.min(toks.len() - 1);
        let mut j = 1;
        let mut content = 0;
        while j < toks.len() && content < 6 {
            let lw = toks[j].lower();
            if !toks[j].is_word() && lw != "l'" && lw != "d'" {
                break;
            }
            if is_stop(&lw)
                || matches!(
                    lw.as_str(),
                    "conformément" | "adoptée" | "promulguée" | "entrée" | "qui"
                )
            {
                break;
            }
            if !CONNECTORS.contains(&lw.as_str())
                && !matches!(
                    lw.as_str(),
                    "sur" | "relative" | "portant" | "modifiant" | "complétant" | "certaines"
                )
            {
                content += 1;
            }
            last = j;
            j += 1;
        }
        while last > 0 && CONNECTORS.contains(&toks[last].lower().as_str()) {
            last -= 1;
        }
        spans.push(toks[0].start..toks[last].end);
    }
    // "Loi modifiant et complétant certaines dispositions de la Loi sur X": one law, which
    // contains the name of the law it amends
    let mut k = 0;
    while k < spans.len() {
        let mut span = spans[k].clone();
        if laws[k].as_str().ends_with("modifiant") {
            if let Some(next) = spans.get(k + 1) {
                let gap = &sentence[span.end - base..next.start - base];
                if gap.split_whitespace().count() <= 6 && !gap.contains([',', '.', ';']) {
                    span.end = next.end;
                    k += 1;
                }
            }
        }
        k += 1;
        let name = clean_name(&sentence[span.start - base..span.end - base]);
        let target = match gaz.lookup(&name) {
            Some(e) => Target::Known(
                gaz.entities
                    .iter()
                    .position(|x| x.iri == e.iri)
                    .unwrap_or(0),
            ),
            None => Target::New(Class::Law, name),
        };
        out.push(Candidate {
            span,
            target,
            rule: &POLICY_LAW,
            confidence: POLICY_LAW.confidence,
        });
    }
}

/// "57-NQ/TW", "57/NQ-TW", "57 - NQ / TW" → "57-NQ-TW".
fn normalise_number(s: &str) -> String {
    s.split(|c: char| c == '-' || c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|p| p.to_uppercase().replace('Đ', "D"))
        .collect::<Vec<_>>()
        .join("-")
}

pub static POLICY_NUMBER: Rule = super::names(
    "policy-number",
    "Résolution, Décision, Décret, Directive followed by a number (« n°57-NQ/TW »)",
    "Resolution or Decision mention",
    1.0,
    &["La Décision n°127/QD-TTg encadre la stratégie."],
    &["La décision a été saluée."],
);
pub static POLICY_LAW: Rule = super::names(
    "policy-law",
    "« Loi sur ... » / « Loi de ... » with its subject",
    "Law mention",
    0.85,
    &["La Loi sur la transformation numérique entre en vigueur."],
    &["La loi entre en vigueur."],
);
