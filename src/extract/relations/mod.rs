//! Reading facts sentence by sentence. A fact never joins parts of unrelated sentences: the
//! only reach beyond the sentence is an explicit anaphor in it ("les deux parties", "cette
//! localité", "Il" opening a sentence about the story's headline subject), resolved within
//! the same story and marked by its rule and a lower confidence.
//!
//! The rules live in one file per family, each with its `RULES` list; this file holds the
//! sentence loop, the story memory the anaphors read, and the helpers every family shares.

mod attributes;
mod focus;
mod location;
mod meeting;
mod partnership;
mod policy;
mod roles;

pub use partnership::names_a_party;

use super::names::RoleFound;
use super::rule::Rule;
use super::{Class, Entity, Extractor, Fact, FactKind, Mention, Predicate, TopClass};
use crate::corpus::Article;
use crate::text::{fold, Folded};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

/// The relation rules, family by family, in the order the sentence loop runs them.
pub static RULES: &[&[&Rule]] = &[
    attributes::RULES,
    roles::RULES,
    partnership::RULES,
    meeting::RULES,
    location::RULES,
    policy::RULES,
    focus::RULES,
];

/// Word boundaries are ASCII ones: the patterns run on folded (diacritic-free) text, and
/// Unicode `\b` would keep the regex engine off its fast DFA path on any non-ASCII character.
fn re(p: &str) -> Regex {
    crate::text::regex(&p.replace(r"\b", r"(?-u:\b)"))
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(\d{1,2}(er)? (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)( \d{4})?)\b",
    )
});

/// Who cooperates with whom in one statement.
type Pairs = Vec<(String, String)>;

/// The article being read and the facts found so far.
struct Ctx<'a> {
    article: &'a Article,
    entities: &'a BTreeMap<String, Entity>,
    facts: Vec<Fact>,
}

impl Ctx<'_> {
    fn class(&self, iri: &str) -> Option<Class> {
        self.entities.get(iri).map(|e| e.class)
    }
    fn add(
        &mut self,
        kind: FactKind,
        at: (usize, usize),
        rule: &'static Rule,
        confidence: f64,
        date: Option<String>,
    ) {
        let confidence = (confidence * 100.0).round() / 100.0;
        self.facts.push(Fact {
            kind,
            story: at.0,
            sentence: at.1,
            rule: rule.name,
            confidence,
            date,
        });
    }
    /// A binary fact at the rule's own confidence.
    fn rel(&mut self, s: &str, p: Predicate, o: &str, at: (usize, usize), rule: &'static Rule) {
        self.rel_at(s, p, o, at, rule, rule.confidence);
    }
    /// A binary fact at a confidence the rule's doc explains (an anaphor lowers it).
    fn rel_at(
        &mut self,
        s: &str,
        p: Predicate,
        o: &str,
        at: (usize, usize),
        rule: &'static Rule,
        conf: f64,
    ) {
        if s == o {
            return;
        }
        let kind = FactKind::Relation {
            subject: s.into(),
            predicate: p,
            object: o.into(),
        };
        self.add(kind, at, rule, conf, None);
    }
    fn between(&self, a: usize, b: usize) -> String {
        between(&self.article.text, a, b)
    }
}

/// The patterns every sentence is asked about. They are tried together in one pass first: a
/// sentence matches few of them, and only those are searched again for where they match.
#[derive(Clone, Copy)]
enum Cue {
    Date,
    Coop,
    Participation,
    MeetingNoun,
    Meet,
    Host,
    Launched,
    Opened,
    Here,
}

impl Cue {
    const ALL: [Cue; 9] = [
        Cue::Date,
        Cue::Coop,
        Cue::Participation,
        Cue::MeetingNoun,
        Cue::Meet,
        Cue::Host,
        Cue::Launched,
        Cue::Opened,
        Cue::Here,
    ];

    fn regex(self) -> &'static Regex {
        match self {
            Cue::Date => &DATE,
            Cue::Coop => &partnership::COOP,
            Cue::Participation => &partnership::PARTICIPATION_CUE,
            Cue::MeetingNoun => &meeting::MEETING_NOUN,
            Cue::Meet => &meeting::MEET,
            Cue::Host => &location::HOST,
            Cue::Launched => &location::LAUNCHED,
            Cue::Opened => &location::OPENED,
            Cue::Here => &location::HERE,
        }
    }
}

static CUES: LazyLock<regex::RegexSet> =
    LazyLock::new(|| crate::text::regex_set(Cue::ALL.iter().map(|c| c.regex().as_str())));

/// Which cues a (folded) sentence has.
struct Cues<'h> {
    text: &'h str,
    hits: regex::SetMatches,
}

impl<'h> Cues<'h> {
    fn of(text: &'h str) -> Self {
        Cues {
            text,
            hits: CUES.matches(text),
        }
    }
    fn is_match(&self, c: Cue) -> bool {
        self.hits.matched(c as usize)
    }
    fn find(&self, c: Cue) -> Option<regex::Match<'h>> {
        if self.is_match(c) {
            c.regex().find(self.text)
        } else {
            None
        }
    }
}

/// What a story's earlier sentences leave for the next ones to point back at.
#[derive(Default)]
struct Memory {
    /// The sentence, parties and pairs of the story's last partnership.
    last_partnership: Option<(usize, Vec<String>, Pairs)>,
    last_locality: Option<String>,
    /// The last initiative named, what "Il"/"Elle" opening the next sentence most likely means.
    last_initiative: Option<String>,
    /// The last platform, programme, centre ... named: "Cette plateforme" points back at it.
    last_of_class: BTreeMap<Class, String>,
}

/// One sentence as the rules see it.
struct Sentence<'a> {
    at: (usize, usize),
    range: Range<usize>,
    /// The article's text (offsets of mentions point into it).
    text: &'a str,
    /// The sentence folded once; its map turns pattern offsets back into text offsets.
    folded: &'a Folded,
    cues: Cues<'a>,
    ms: Vec<&'a Mention>,
    entities: &'a BTreeMap<String, Entity>,
    roles: &'a [RoleFound],
    date: Option<String>,
    /// The story's headline initiative, or the one "Il" points back at.
    topic: Option<String>,
    /// The story's headline event.
    event: Option<String>,
    /// Sectors the sentence names.
    sectors: Vec<String>,
}

impl<'a> Sentence<'a> {
    /// The folded sentence.
    fn f(&self) -> &'a str {
        &self.folded.text
    }
    fn class_of(&self, m: &Mention) -> Option<Class> {
        self.entities.get(&m.iri).map(|e| e.class)
    }
    /// Inside a person's title ("directeur de l'Institut X"): who someone is, not an actor.
    fn in_role(&self, m: &Mention) -> bool {
        self.roles.iter().any(|r| {
            r.story == self.at.0 && r.role.start <= m.span.start && m.span.end <= r.role.end
        })
    }
    /// The folded text from the sentence's start to byte `pos` of the text.
    fn prefix(&self, pos: usize) -> &'a str {
        folded_prefix(self.folded, self.range.start, pos)
    }
    /// Text offset of a folded offset.
    fn offset(&self, fpos: usize) -> usize {
        self.range.start + fold_offset(self.folded, fpos)
    }
    /// The mentions of classes `keep` accepts.
    fn of_class(&self, keep: fn(Class) -> bool) -> impl Iterator<Item = &&'a Mention> + '_ {
        self.ms
            .iter()
            .filter(move |m| self.class_of(m).is_some_and(keep))
    }
}

pub fn find_facts(
    ex: &Extractor,
    article: &Article,
    folds: &[Vec<crate::text::Folded>],
    mentions: &mut [Mention],
    entities: &BTreeMap<String, Entity>,
    roles: &[RoleFound],
) -> Vec<Fact> {
    let mut by_sentence: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by_sentence
            .entry((m.story, m.sentence))
            .or_default()
            .push(i);
    }
    let mut cx = Ctx {
        article,
        entities,
        facts: Vec::new(),
    };
    attributes::mark_attributes(&mut cx, mentions, &by_sentence);
    attributes::names_inside_names(ex, &mut cx, mentions);
    for r in roles {
        roles::read_role(ex, &mut cx, mentions, r);
    }
    let mentions: &[Mention] = mentions;
    for (si, story) in article.stories.iter().enumerate() {
        let topic = story_topic(&cx, si, mentions, &by_sentence, false);
        let event = story_topic(&cx, si, mentions, &by_sentence, true);
        let mut memory = Memory::default();
        for (ji, range) in story.sentences.iter().enumerate() {
            let folded = &folds[si][ji];
            let cues = Cues::of(&folded.text);
            let ms: Vec<&Mention> = by_sentence
                .get(&(si, ji))
                .map(|v| v.iter().map(|&i| &mentions[i]).collect())
                .unwrap_or_default();
            let mut s = Sentence {
                at: (si, ji),
                range: range.clone(),
                text: &article.text,
                folded,
                date: cues.find(Cue::Date).map(|m| m.as_str().to_string()),
                cues,
                ms,
                entities,
                roles,
                topic: topic.clone(),
                event: event.clone(),
                sectors: Vec::new(),
            };
            s.sectors = dedup(s.of_class(|c| c == Class::Sector).map(|m| m.iri.clone()));
            partnership::read(&mut s, &mut cx, &mut memory);
            partnership::participation(&s, &mut cx);
            meeting::read(&s, &mut cx);
            location::read(&s, &mut cx, &memory);
            policy::read(&s, &mut cx, &memory);
            focus::read(&s, &mut cx, &memory);
            remember(&s, &mut memory);
        }
    }
    let mut facts = cx.facts;
    for f in &mut facts {
        if f.date.is_none() {
            if let FactKind::Partnership { .. } = f.kind {
                f.date = DATE
                    .find(&folds[f.story][f.sentence].text)
                    .map(|m| m.as_str().to_string());
            }
        }
    }
    facts
}

/// What the next sentences of the story may point back at.
fn remember(s: &Sentence, memory: &mut Memory) {
    if let Some(l) =
        s.ms.iter()
            .rev()
            .find(|m| s.class_of(m) == Some(Class::Locality))
    {
        memory.last_locality = Some(l.iri.clone());
    }
    for m in &s.ms {
        if let Some(c) = s.class_of(m).filter(|c| c.top() == TopClass::Initiative) {
            memory.last_of_class.insert(c, m.iri.clone());
        }
    }
    // only an initiative that is the sentence's first name (its likely subject)
    if let Some(i) =
        s.ms.iter()
            .find(|m| s.class_of(m) != Some(Class::Sector))
            .filter(|m| {
                s.class_of(m)
                    .is_some_and(|c| c.top() == TopClass::Initiative && c != Class::Meeting)
                    && !s.in_role(m)
            })
    {
        memory.last_initiative = Some(i.iri.clone());
    }
}

/// The folded sentence up to byte `pos` of the text: exactly `between(text, start, pos)`,
/// since folding reads left to right, without folding the prefix again for every mention.
fn folded_prefix(folded: &Folded, start: usize, pos: usize) -> &str {
    let rel = pos.saturating_sub(start);
    &folded.text[..folded.map.partition_point(|&o| o < rel)]
}

/// The end of `text[..end]` folded, enough of it for `ends_with` tests: the window opens after
/// a letter or digit, so white space collapses in it exactly as in the whole prefix.
fn folded_tail(text: &str, end: usize) -> String {
    let mut start = end.saturating_sub(48);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while let Some(c) = text[..start].chars().next_back() {
        if c.is_alphanumeric() {
            break;
        }
        start -= c.len_utf8();
    }
    fold(&text[start..end]).text
}

/// Folded text between two byte offsets (empty when they are out of order).
fn between(text: &str, a: usize, b: usize) -> String {
    if a >= b {
        return String::new();
    }
    fold(&text[a..b]).text
}

fn dedup(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    it.filter(|x| seen.insert(x.clone())).collect()
}

/// Byte offset in the original text of folded byte offset `fpos`.
fn fold_offset(f: &Folded, fpos: usize) -> usize {
    f.map
        .get(fpos)
        .or(f.map.last())
        .copied()
        .unwrap_or_default()
}

/// The initiative named in the story's headline (or first sentence): what "Il" refers to.
fn story_topic(
    cx: &Ctx,
    si: usize,
    mentions: &[Mention],
    by: &BTreeMap<(usize, usize), Vec<usize>>,
    meeting: bool,
) -> Option<String> {
    by.get(&(si, 0))?
        .iter()
        .map(|&i| &mentions[i])
        .find(|m| {
            cx.class(&m.iri).is_some_and(|c| {
                c.top() == TopClass::Initiative && (c == Class::Meeting) == meeting
            })
        })
        .map(|m| m.iri.clone())
}
