//! Meetings: who received, met or worked with whom.

use super::{between, re, Ctx, Cue, Sentence};
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, Mention, Predicate};
use regex::Regex;
use std::sync::LazyLock;

pub static MEETING_VERB: Rule = Rule {
    name: "meeting-verb",
    family: Family::Meeting,
    cue: "« a reçu », « a rencontré », « s'est entretenu avec », « séance de travail avec » ...: the subject before the verb, the guests after it up to the next verb or framing clause",
    produces: "metWith",
    confidence: 0.54,
    fires_on: &["Le ministre Rodrigo Valdés Araya a reçu Mme Carmen Soto, présidente de l'Université de Valparaíso."],
    not_on: &["Le ministre Rodrigo Valdés Araya a présenté le rapport annuel de l'Université de Valparaíso."],
};

pub static MEETING_THANKS: Rule = Rule {
    name: "meeting-thanks",
    family: Family::Meeting,
    cue: "a meeting noun (séance de travail, entretien, rencontre) and « a remercié / salué / félicité » between two people",
    produces: "metWith (person -> person)",
    confidence: 0.65,
    fires_on: &["Au cours de la séance de travail, le ministre Rodrigo Valdés Araya a remercié Mme Carmen Soto pour son soutien."],
    not_on: &["Le ministre Rodrigo Valdés Araya a remercié Mme Carmen Soto pour son soutien."],
};

pub static RULES: &[&Rule] = &[&MEETING_THANKS, &MEETING_VERB];

pub(super) static MEET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(a recu|ont recu|recoit|a accueilli|accueille|a rencontre|rencontre avec|a eu un entretien avec|s'est entretenue? avec|seance de travail\b[^.]*?\bavec|a travaille avec|travaille avec|a eu des entretiens avec|en visite de travail)\b",
    )
});
pub(super) static MEETING_NOUN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(seance de travail|entretien|rencontre|audience|reception)\b"));
static THANKED: LazyLock<Regex> = LazyLock::new(|| re(r"\b(a|ont) (remercie|salue|felicite)\b"));
// Run on the original text: folding would turn "à Hanoï" into "a hanoi".
static VERB_BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)\b(a|ont|avait|avaient|est|sont) (\w+é|\w+u|\w+i|\w+is|\w+it)\b")
});
// Run on the original text, like VERB_BOUNDARY.
static FRAME_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i),\s*(dans le cadre d|en marge d|à l'occasion d|lors d|en présence d|pour discuter)",
    )
});

pub(super) fn read(s: &Sentence, cx: &mut Ctx) {
    thanks(s, cx);
    meeting_verb(s, cx);
}

/// "Au cours de la séance de travail, le Premier ministre X a remercié Y".
fn thanks(s: &Sentence, cx: &mut Ctx) {
    let (true, Some(v)) = (s.cues.is_match(Cue::MeetingNoun), THANKED.find(s.f())) else {
        return;
    };
    let verb = s.offset(v.start());
    let person = |m: &&&Mention| s.class_of(m) == Some(Class::Person);
    let subj = s.ms.iter().filter(person).rfind(|m| m.span.end <= verb);
    let obj = s.ms.iter().filter(person).find(|m| m.span.start >= verb);
    if let (Some(a), Some(b)) = (subj, obj) {
        if a.iri != b.iri {
            cx.rel(&a.iri, Predicate::MetWith, &b.iri, s.at, &MEETING_THANKS);
        }
    }
}

fn meeting_verb(s: &Sentence, cx: &mut Ctx) {
    let Some(mt) = s.cues.find(Cue::Meet) else {
        return;
    };
    let split = s.offset(mt.start());
    let after_verb = s.offset(mt.end());
    let actorish = |m: &&&Mention| {
        s.class_of(m)
            .is_some_and(|c| c.is_actor() || c == Class::Country)
            && !m.attribute
            && !m.demonym
    };
    let rest = &s.text[after_verb..s.range.end];
    // the guests end at the next verb or at a framing clause (", dans le cadre de
    // la visite ... du président Macron" says why, not who)
    let boundary = [
        VERB_BOUNDARY.find(rest).map(|b| after_verb + b.start()),
        FRAME_CLAUSE.find(rest).map(|b| after_verb + b.start()),
    ]
    .into_iter()
    .flatten()
    .min();
    let located = |m: &&&Mention| {
        let before = s.prefix(m.span.start);
        before.ends_with(" a ")
            || before.ends_with(" en ")
            || before.ends_with(" au ")
            || before.ends_with(" aux ")
    };
    let objects: Vec<&&Mention> = s
        .ms
        .iter()
        .filter(actorish)
        .filter(|m| !s.in_role(m))
        .filter(|m| {
            m.span.start >= after_verb && boundary.is_none_or(|b| m.span.start < b) && !located(m)
        })
        .collect();
    let subject = s
        .ms
        .iter()
        .filter(actorish)
        .filter(|m| m.span.end <= split)
        .find(|m| s.class_of(m) == Some(Class::Person))
        .or_else(|| s.ms.iter().filter(actorish).find(|m| m.span.end <= split))
        .or_else(|| {
            s.ms.iter().filter(actorish).find(|m| {
                boundary.is_some_and(|b| m.span.start >= b) && s.class_of(m) == Some(Class::Person)
            })
        });
    // "a reçu X, haut dirigeant du géant néerlandais ASML": ASML is X's affiliation
    let objects: Vec<&&Mention> = objects
        .iter()
        .enumerate()
        .filter(|(k, o)| {
            !(s.class_of(o) != Some(Class::Person)
                && objects[..*k]
                    .iter()
                    .any(|p| s.class_of(p) == Some(Class::Person))
                && between(s.text, objects[k - 1].span.end, o.span.start).contains(','))
        })
        .map(|(_, o)| *o)
        .collect();
    if let Some(subj) = subject {
        for o in objects.iter().filter(|o| o.iri != subj.iri) {
            // an object's own affiliation ("délégation de X conduite par Y") is kept as met too
            cx.rel(&subj.iri, Predicate::MetWith, &o.iri, s.at, &MEETING_VERB);
        }
    }
}
