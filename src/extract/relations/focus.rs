//! What an initiative or actor works on: the sectors after a focus phrase.

use super::partnership::TOPIC_PRONOUN;
use super::{dedup, re, Ctx, Memory, Sentence};
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, Mention, Predicate, TopClass};
use regex::Regex;
use std::sync::LazyLock;

pub static FOCUS_SECTOR: Rule = Rule {
    name: "focus-sector",
    family: Family::Focus,
    cue: "an initiative or actor, then a focus phrase (« dans les domaines », « axé sur », « spécialisé », « tels que » ...), then sectors",
    produces: "focusesOn",
    confidence: 0.65,
    fires_on: &["Le Centre d'innovation Andes-Pacifique est spécialisé dans l'intelligence artificielle et les semi-conducteurs."],
    not_on: &["Le Centre d'innovation Andes-Pacifique a été inauguré hier en présence du ministre."],
};

pub static RULES: &[&Rule] = &[&FOCUS_SECTOR];

static FOCUS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(sur|consacre\w*|dans les? domaines?|specialis\w*|axe\w* sur|dedie\w*|en matiere de|se concentr\w*|domaines? cles?|investissements dans|prioritaires?|dans le secteur|secteurs? (de|des|du)|tels? que|telles? que|privilegi\w*|mise sur|financ\w*)\b",
    )
});
/// "appelé NVIDIA à ...", "exhortant X à": the sectors that follow are asked of X, not its focus.
static EXHORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(appel\w*|exhort\w*|invit\w*|encourag\w*|incit\w*|demand\w*)( le| la| l'| les)?\s*$")
});
/// "le responsable de l'ONU": the organisation is who someone works for, not the subject.
static SOMEONE_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(responsables?|representants?|dirigeants?|porte parole|delegues?|envoyes?) (de l'|de la|du|des|de|d')\s*$",
    )
});
static CREATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(la creation|l'etablissement|la construction|la mise en place|l'ouverture|le lancement)\b",
    )
});
/// A sentence whose subject is "la ville" / "la province" (after an opening adverbial).
static CITY_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^([^,]{0,40}, )?(la ville|la province|la metropole|la localite|la municipalite)\b")
});

/// The subject is the entity named before the focus phrase ("X privilégie ... telles que A,
/// B"), the sectors those after it; the first focus phrase with both wins.
pub(super) fn read(s: &Sentence, cx: &mut Ctx, memory: &Memory) {
    let f = s.f();
    for trigger in FOCUS
        .find_iter(f)
        .take(if s.sectors.is_empty() { 0 } else { 8 })
    {
        // "un accord sur la création d'un centre de R&D en IA": the sectors are the
        // new centre's, not the signatories'
        if trigger.as_str() == "sur" && CREATION.is_match(&f[trigger.end()..]) {
            continue;
        }
        let pivot = s.offset(trigger.start());
        let eligible = |m: &&&Mention| {
            m.span.end <= pivot
                && !m.attribute
                && !m.demonym
                && !EXHORTED.is_match(s.prefix(m.span.start))
                && !SOMEONE_OF.is_match(s.prefix(m.span.start))
                && !s.in_role(m)
        };
        let subj = s
            .ms
            .iter()
            .filter(eligible)
            .find(|m| {
                s.class_of(m)
                    .is_some_and(|c| c.top() == TopClass::Initiative || c.top() == TopClass::Policy)
            })
            .or_else(|| {
                s.ms.iter().filter(eligible).find(|m| {
                    s.class_of(m)
                        .is_some_and(|c| c.is_party() && c != Class::Country)
                })
            });
        // "Par ailleurs, la métropole du Sud aspire à une coopération dans les domaines
        // des startups": the city the story is about
        let subj_iri = subj
            .map(|m| m.iri.clone())
            .or_else(|| {
                CITY_SUBJECT
                    .is_match(&f[..trigger.start()])
                    .then(|| memory.last_locality.clone())
                    .flatten()
            })
            // "Il a financé cinq projets ... dans le diagnostic": the story's subject
            .or_else(|| TOPIC_PRONOUN.is_match(f).then(|| s.topic.clone()).flatten());
        let after: Vec<String> = dedup(
            s.ms.iter()
                .filter(|m| m.span.start >= pivot && s.class_of(m) == Some(Class::Sector))
                .map(|m| m.iri.clone()),
        );
        if let (Some(subj), false) = (subj_iri, after.is_empty()) {
            for sec in &after {
                cx.rel(&subj, Predicate::FocusesOn, sec, s.at, &FOCUS_SECTOR);
            }
            break;
        }
    }
}
