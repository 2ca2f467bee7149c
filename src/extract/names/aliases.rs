//! Names the article defines: acronyms in parentheses after a name, and names found once and
//! used again later in the article.

use super::{select, Alias, Candidate, SentenceCandidates, Target};
use crate::corpus::Article;
use crate::extract::rule::Rule;
use crate::extract::{Class, Entity, Gazetteer, TopClass};
use crate::text::fold_key;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

static ACRONYM_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*\(\s*(?:([^()]{3,80}?)\s+[-–]\s+)?([A-Z][A-Za-z0-9&]*(?:[ .\-][A-Z0-9][A-Za-z0-9&]*){0,2})\s*\)",
    )
});

pub(super) fn article_aliases(
    gaz: &Gazetteer,
    text: &str,
    per_sentence: &[SentenceCandidates],
) -> Vec<Alias> {
    let mut aliases: Vec<Alias> = Vec::new();
    for (_, _, cands, _) in per_sentence {
        for c in select(cands.clone()) {
            let after = &text[c.span.end..];
            if let (Target::New(class, _), Some(m)) = (&c.target, ACRONYM_PAREN.captures(after)) {
                if class.is_org() || class.top() == TopClass::Initiative {
                    let acr = m[2].to_string();
                    if gaz
                        .lookup(&acr)
                        .is_none_or(|e| e.class.top() != TopClass::Sector)
                        && acr.chars().filter(|x| x.is_uppercase()).count() >= 2
                    {
                        aliases.push((acr, c.target.clone(), true));
                    }
                    if let Some(long) = m.get(1) {
                        aliases.push((long.as_str().to_string(), c.target.clone(), false));
                    }
                }
            }
            if let Target::New(class, name) = &c.target {
                // names found once are recognised again later in the article (people with or
                // without diacritics, organisations as written)
                if (*class != Class::Person || name.contains(' ')) && name.chars().count() >= 3 {
                    aliases.push((name.clone(), c.target.clone(), *class != Class::Person));
                }
            }
        }
    }
    aliases
}

/// Every later use of a name or acronym the article defined.
pub(super) fn alias_candidates(
    gaz: &Gazetteer,
    aliases: &[Alias],
    article: &Article,
    folds: &[Vec<crate::text::Folded>],
    per_sentence: &mut [SentenceCandidates],
) {
    let text = article.text.as_str();
    if !aliases.is_empty() {
        let exact: Vec<&Alias> = aliases.iter().filter(|a| a.2).collect();
        let folded: Vec<&Alias> = aliases.iter().filter(|a| !a.2).collect();
        let folded_keys: Vec<String> = folded.iter().map(|a| fold_key(&a.0)).collect();
        let ac_exact =
            crate::extract::gazetteer::FewPatterns::new(exact.iter().map(|a| a.0.as_str()));
        let ac_fold =
            crate::extract::gazetteer::FewPatterns::new(folded_keys.iter().map(String::as_str));
        for (si, ji, cands, _) in per_sentence.iter_mut() {
            let r = article.stories[*si].sentences[*ji].clone();
            let s = &text[r.clone()];
            for (a, b, pat) in ac_exact.matches_at_word_boundaries(s) {
                let span = r.start + a..r.start + b;
                // "(RCA)" after "Accord régional de coopération": an acronym the article
                // defines means what the article says, not what the gazetteer lists, when the
                // two are different kinds of thing (an agreement, a country); "(JAXA)" after
                // another name of the agency the gazetteer knows is still that agency
                if let (true, Target::New(class, _)) = (is_acronym(&exact[pat].0), &exact[pat].1) {
                    cands.retain(|c| match c.target {
                        Target::Known(i) => {
                            c.span != span || gaz.entities[i].class.top() == class.top()
                        }
                        _ => true,
                    });
                }
                cands.push(Candidate {
                    span,
                    target: exact[pat].1.clone(),
                    rule: &ALIAS_IN_ARTICLE,
                    confidence: ALIAS_IN_ARTICLE.confidence,
                });
            }
            let f = &folds[*si][*ji];
            for (a, b, pat) in ac_fold.matches_at_word_boundaries(&f.text) {
                let (a, b) = f.original_range(a, b, s);
                cands.push(Candidate {
                    span: r.start + a..r.start + b,
                    target: folded[pat].1.clone(),
                    rule: &ALIAS_IN_ARTICLE,
                    confidence: ALIAS_IN_ARTICLE.confidence,
                });
            }
            // a name is not its own alias where it is defined: the rule that found it there
            // keeps it (the alias would win on confidence and hide that rule)
            let defined: Vec<(Range<usize>, String)> = cands
                .iter()
                .filter(|c| c.rule.name != ALIAS_IN_ARTICLE.name)
                .filter_map(|c| match &c.target {
                    Target::New(_, n) => Some((c.span.clone(), n.clone())),
                    _ => None,
                })
                .collect();
            cands.retain(|c| {
                c.rule.name != ALIAS_IN_ARTICLE.name
                    || !matches!(&c.target, Target::New(_, n) if defined.iter().any(|(s, d)| *s == c.span && d == n))
            });
        }
    }
}

/// "RCA", "VKIST", "H2O": no lower-case letter, two upper-case ones at least.
fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_uppercase()).count() >= 2 && !s.chars().any(|c| c.is_lowercase())
}

/// Acronyms become the entity's acronym.
pub(super) fn record_acronyms(
    gaz: &Gazetteer,
    aliases: &[Alias],
    entities: &mut BTreeMap<String, Entity>,
) {
    for (acr, target, is_acr) in aliases {
        if let (Target::New(class, name), true) = (
            target,
            *is_acr && acr.chars().filter(|c| c.is_uppercase()).count() >= 2 && acr.len() <= 12,
        ) {
            if *class == Class::Person || acr == name {
                continue;
            }
            let iri = gaz
                .lookup(name)
                .map(|g| g.iri.clone())
                .unwrap_or_else(|| Entity::new(*class, name).iri);
            if let Some(e) = entities.get_mut(&iri) {
                e.acronym.get_or_insert(acr.clone());
            }
        }
    }
}

pub static ALIAS_IN_ARTICLE: Rule = super::names(
    "alias-in-article",
    "an acronym or short name the article defines (« Institut Andes-Pacifique (IAP) ») used again later",
    "mention of the entity it was defined for",
    0.64,
    &[
        "L'Institut Andes-Pacifique (IAP) a ouvert. L'IAP recrute des chercheurs.",
        // the gazetteer reads RCA as the Central African Republic; the article says otherwise
        "L'Accord andin de coopération technique (RCA) est signé. Le RCA finance dix projets.",
    ],
    &["L'IAP recrute des chercheurs."],
);
