//! Finding entity mentions: gazetteer hits, plus rules that recognise names nobody listed.
//! One file per kind of cue, each holding its rules as values (`Rule`) beside the code that
//! applies them: `head_noun` (organisations and initiatives by their head noun), `context`
//! (companies, programmes and events by a context word, suffix or year), `person` (people by
//! title or role), `policy` (numbered decisions, laws), `aliases` (acronyms and names the
//! article defines); `words` holds the shared word lists. This file runs them per sentence and
//! chooses among the candidates.

mod aliases;
mod context;
mod head_noun;
pub mod person;
mod policy;
mod words;

use super::gazetteer::Hit;
use super::rule::{Family, Rule};
use super::tokens::tokenize;
use super::{Class, Entity, Extractor, Mention};
use crate::corpus::Article;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

pub use person::{of_country, starts_with_title};

/// Every name rule, in the order `vnkg rules` lists them.
pub static RULES: &[&Rule] = &[
    &GAZETTEER,
    &GAZETTEER_DEMONYM,
    &GAZETTEER_COMPOUND_DEMONYM,
    &head_noun::ORG_HEAD_NOUN,
    &head_noun::ORG_HEAD_NOUN_LOWERCASE,
    &head_noun::INITIATIVE_KIND_AND_NAME,
    &head_noun::POLICY_DOCUMENT,
    &head_noun::BODY_OF_A_COUNTRY,
    &context::INITIATIVE_CONTEXT,
    &context::EVENT_WITH_YEAR,
    &context::PLACE_AFTER_A,
    &context::COMPANY_SUFFIX,
    &context::COMPANY_CONTEXT,
    &context::COMPANY_APPOSITION,
    &person::PERSON_TITLE,
    &person::PERSON_ROLE_APPOSITION,
    &person::PERSON_VIETNAMESE_NAME,
    &person::MINISTRY_IN_TITLE,
    &policy::POLICY_NUMBER,
    &policy::POLICY_LAW,
    &aliases::ALIAS_IN_ARTICLE,
];

/// A name rule's value. Examples are invented, with names in no gazetteer where the rule is
/// about unknown names.
const fn names(
    name: &'static str,
    cue: &'static str,
    produces: &'static str,
    confidence: f64,
    fires_on: &'static [&'static str],
    not_on: &'static [&'static str],
) -> Rule {
    Rule {
        name,
        family: Family::Names,
        cue,
        produces,
        confidence,
        fires_on,
        not_on,
    }
}

#[derive(Debug, Clone)]
pub(super) enum Target {
    Known(usize),
    Pair(usize, usize),
    Demonym(usize),
    New(Class, String),
}

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) span: Range<usize>,
    pub(super) target: Target,
    pub(super) rule: &'static Rule,
    pub(super) confidence: f64,
}

/// A person's role phrase ("ministre des Finances"), with where it was read.
pub struct RoleFound {
    pub person: String,
    pub role: Range<usize>,
    pub story: usize,
    pub sentence: usize,
}

/// A person's name and the role phrase beside it.
pub(super) type RolePhrase = (Range<usize>, Range<usize>);

/// Candidates of one sentence, and the role phrases beside people's names.
pub(super) type SentenceCandidates = (usize, usize, Vec<Candidate>, Vec<RolePhrase>);

/// An acronym or name the article defines, what it stands for, and whether it is matched as
/// written (acronyms, organisations) or folded (long forms, people).
pub(super) type Alias = (String, Target, bool);

/// All mentions in the article, resolved to entities (added to `entities`).
pub fn find_mentions(
    ex: &Extractor,
    article: &Article,
    folds: &[Vec<crate::text::Folded>],
    entities: &mut BTreeMap<String, Entity>,
) -> (Vec<Mention>, Vec<RoleFound>) {
    let gaz = &ex.gazetteer;
    let text = article.text.as_str();
    // Pass 1: candidates per sentence.
    let mut per_sentence: Vec<SentenceCandidates> = Vec::new();
    for (si, story) in article.stories.iter().enumerate() {
        for (ji, r) in story.sentences.iter().enumerate() {
            let (cands, roles) = sentence_candidates(gaz, text, r, &folds[si][ji]);
            per_sentence.push((si, ji, cands, roles));
        }
    }
    // Acronyms defined in parentheses after a name, and names repeated later in the article.
    let aliases = aliases::article_aliases(gaz, text, &per_sentence);
    aliases::alias_candidates(gaz, &aliases, article, folds, &mut per_sentence);
    // Pass 2: choose non-overlapping mentions and resolve them.
    let (mut mentions, person_roles) = resolve(gaz, per_sentence, entities);
    person::ministries_in_titles(gaz, text, &person_roles, &mut mentions, entities);
    aliases::record_acronyms(gaz, &aliases, entities);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions.dedup_by(|a, b| a.span == b.span && a.iri == b.iri);
    let roles = person_roles
        .into_iter()
        .map(|(person, role, story, sentence)| RoleFound {
            person,
            role,
            story,
            sentence,
        })
        .collect();
    (mentions, roles)
}

fn sentence_candidates(
    gaz: &super::Gazetteer,
    text: &str,
    r: &Range<usize>,
    folded: &crate::text::Folded,
) -> (Vec<Candidate>, Vec<RolePhrase>) {
    let s = &text[r.clone()];
    let mut cands = Vec::new();
    for (span, hit) in gaz.find_in(s, folded) {
        let span = r.start + span.start..r.start + span.end;
        let (target, rule, conf) = match hit {
            Hit::Name(i) => (Target::Known(i), &GAZETTEER, GAZETTEER.confidence),
            Hit::Demonym(i) => (
                Target::Demonym(i),
                &GAZETTEER_DEMONYM,
                GAZETTEER_DEMONYM.confidence,
            ),
            Hit::Compound(a, b) => (
                Target::Pair(a, b),
                &GAZETTEER_COMPOUND_DEMONYM,
                GAZETTEER_COMPOUND_DEMONYM.confidence,
            ),
        };
        cands.push(Candidate {
            span,
            target,
            rule,
            confidence: conf,
        });
    }
    policy::policy_names(s, r.start, gaz, &mut cands);
    let toks = tokenize(s, r.start);
    head_noun::head_noun_names(&toks, text, &mut cands);
    head_noun::bodies_of_a_country(&toks, text, gaz, &mut cands);
    context::context_names(&toks, text, &mut cands);
    context::places_after_a(&toks, text, &mut cands);
    context::events_with_year(&toks, text, &mut cands);
    let mut roles = Vec::new();
    let taken: Vec<Range<usize>> = cands
        .iter()
        .filter(|c| match c.target {
            Target::Demonym(_) => false,
            Target::Known(i) => gaz.entities[i].class != Class::Locality,
            _ => true,
        })
        .map(|c| c.span.clone())
        .collect();
    person::person_names(&toks, text, &taken, &mut cands, &mut roles);
    (cands, roles)
}

/// Chooses non-overlapping candidates and resolves them to entities; returns the mentions and
/// each person's role phrases.
#[allow(clippy::type_complexity)]
fn resolve(
    gaz: &super::Gazetteer,
    per_sentence: Vec<SentenceCandidates>,
    entities: &mut BTreeMap<String, Entity>,
) -> (Vec<Mention>, Vec<(String, Range<usize>, usize, usize)>) {
    let mut mentions = Vec::new();
    let mut person_roles: Vec<(String, Range<usize>, usize, usize)> = Vec::new();
    for (si, ji, cands, mut roles) in per_sentence {
        let chosen = select(cands);
        // a role phrase cut at a comma inside a name ("président du Comité des sciences, des
        // technologies ...") extends to the end of that name
        for (_, role) in roles.iter_mut() {
            if let Some(end) = chosen
                .iter()
                .filter(|c| c.span.start >= role.start && c.span.start < role.end)
                .map(|c| c.span.end)
                .max()
            {
                role.end = role.end.max(end);
            }
        }
        for c in &chosen {
            let compound = matches!(c.target, Target::Pair(..));
            let mut push = |iri: String, demonym: bool| {
                mentions.push(Mention {
                    iri,
                    span: c.span.clone(),
                    story: si,
                    sentence: ji,
                    rule: c.rule.name,
                    confidence: c.confidence,
                    attribute: false,
                    demonym,
                    compound,
                });
            };
            match &c.target {
                Target::Known(i) | Target::Demonym(i) => {
                    let e = &gaz.entities[*i];
                    entities.entry(e.iri.clone()).or_insert_with(|| e.clone());
                    push(e.iri.clone(), matches!(c.target, Target::Demonym(_)));
                }
                Target::Pair(a, b) => {
                    for i in [a, b] {
                        let e = &gaz.entities[*i];
                        entities.entry(e.iri.clone()).or_insert_with(|| e.clone());
                        push(e.iri.clone(), true);
                    }
                }
                Target::New(class, name) => {
                    let e = match gaz.lookup(name) {
                        Some(g) => g.clone(),
                        None => Entity::new(*class, name),
                    };
                    let iri = e.iri.clone();
                    entities.entry(iri.clone()).or_insert(e);
                    if *class == Class::Person {
                        for (_, role) in roles.iter().filter(|(p, _)| *p == c.span) {
                            person_roles.push((iri.clone(), role.clone(), si, ji));
                        }
                    }
                    push(iri, false);
                }
            }
        }
    }
    (mentions, person_roles)
}

/// Longest candidates win; among equal spans, the more confident.
pub(super) fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        (b.span.end - b.span.start)
            .cmp(&(a.span.end - a.span.start))
            .then(
                b.confidence
                    .partial_cmp(&a.confidence)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut taken: Vec<Candidate> = Vec::new();
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for c in cands {
        if taken
            .iter()
            .any(|t| t.span.start < c.span.end && c.span.start < t.span.end)
        {
            continue;
        }
        if seen.insert((c.span.start, c.span.end)) {
            taken.push(c);
        }
    }
    taken.sort_by_key(|c| c.span.start);
    taken
}

pub static GAZETTEER: Rule = names(
    "gazetteer",
    "a name, acronym or alternative label in the curated gazetteer or the sector scheme (diacritics, case and dashes folded)",
    "mention of the gazetteer entity",
    0.92,
    &["Le Chili a présenté son plan pour l'intelligence artificielle."],
    &["Le comité a présenté son plan."],
);
pub static GAZETTEER_DEMONYM: Rule = names(
    "gazetteer-demonym",
    "a demonym of a gazetteer country (« chilien », « vietnamiennes »)",
    "Country mention (a party only after nouns such as partenaires, ministre)",
    0.97,
    &["Les partenaires chiliens ont présenté leur plan."],
    &["Les partenaires ont présenté leur plan."],
);
pub static GAZETTEER_COMPOUND_DEMONYM: Rule = names(
    "gazetteer-compound-demonym",
    "a compound demonym (« vietnamo-chilien », « franco-vietnamienne »)",
    "two Country mentions on the same span",
    0.86,
    &["La coopération vietnamo-chilienne progresse."],
    &["La coopération bilatérale progresse."],
);
