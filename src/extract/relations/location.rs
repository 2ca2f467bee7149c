//! Where organisations and initiatives are: hosted, launched, opened, "situé à".

use super::{between, re, Ctx, Cue, Memory, Sentence};
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, Mention, Predicate, TopClass};
use regex::Regex;
use std::sync::LazyLock;

pub static LOCATED_HOST_VERB: Rule = Rule {
    name: "located-host-verb",
    family: Family::Location,
    cue: "a place, then « abrite / accueille / héberge », then an organisation or initiative",
    produces: "locatedIn",
    confidence: 0.75,
    fires_on: &["La ville de Da Nang abrite le Centre d'innovation Andes-Pacifique."],
    not_on: &["Le Centre d'innovation Andes-Pacifique a publié un rapport."],
};

pub static LAUNCHED_IN: Rule = Rule {
    name: "launched-in",
    family: Family::Location,
    cue: "an initiative (or « cette plateforme » pointing back) « est lancé(e) / inauguré(e) » « à / au / en » a place",
    produces: "locatedIn",
    confidence: 0.65,
    fires_on: &["Le programme Horizon Andes a été lancé à Da Nang le 3 mars."],
    not_on: &["Le programme Horizon Andes a été présenté à la presse."],
};

pub static LOCATED_PREPOSITION: Rule = Rule {
    name: "located-preposition",
    family: Family::Location,
    cue: "an organisation or initiative followed by « à / au / situé à / basé à » and a locality",
    produces: "locatedIn",
    confidence: 0.7,
    fires_on: &["Il a visité le Centre d'innovation Andes-Pacifique à Da Nang."],
    not_on: &["Il a visité le Centre d'innovation Andes-Pacifique avec des experts."],
};

pub static LOCATED_OPENED_IN: Rule = Rule {
    name: "located-opened-in",
    family: Family::Location,
    cue: "« ont ouvert / implanté / installé » ... « à / dans la ville »: the organisations are there",
    produces: "locatedIn",
    confidence: 0.65,
    fires_on: &["Les sociétés Andes Robotics et Pacifico Labs ont ouvert des bureaux à Da Nang."],
    not_on: &["Les sociétés Andes Robotics et Pacifico Labs ont publié des bureaux."],
};

pub static OPENED_CENTRE_OF: Rule = Rule {
    name: "opened-centre-of",
    family: Family::Focus,
    cue: "companies that « ont ouvert des centres de R&D en X » in a place: X is their work",
    produces: "focusesOn (company -> sector)",
    confidence: 0.6,
    fires_on: &["Les sociétés Andes Robotics et Pacifico Labs ont ouvert des centres de recherche en intelligence artificielle à Da Nang."],
    not_on: &["Les sociétés Andes Robotics et Pacifico Labs ont ouvert des bureaux à Da Nang."],
};

pub static LOCATED_ANAPHORA: Rule = Rule {
    name: "located-anaphora",
    family: Family::Location,
    cue: "an initiative, then « cette localité / cette ville / cette province »: the story's last locality",
    produces: "locatedIn",
    confidence: 0.6,
    fires_on: &["Da Nang accueille des investisseurs. Le programme Horizon Andes soutient les jeunes pousses de cette ville."],
    not_on: &["Le programme Horizon Andes soutient les jeunes pousses."],
};

pub static RULES: &[&Rule] = &[
    &LOCATED_HOST_VERB,
    &LAUNCHED_IN,
    &LOCATED_PREPOSITION,
    &LOCATED_OPENED_IN,
    &OPENED_CENTRE_OF,
    &LOCATED_ANAPHORA,
];

pub(super) static HOST: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(abrit\w*|accueill\w*|heberg\w*)\b"));
static PLACE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(a|au|en|dans|dans la province de|dans la ville de|de la province de|de la ville de|base\w* a|base\w* au|base\w* aux|base\w* en|situe\w* a|situe\w* au|situe\w* en|,? situe\w* dans (l'etat d'|l'etat de|la province de|la ville de|la region de)?)\s*$",
    )
});
/// Companies opening offices or centres somewhere: "SAP, Marvell et Qualcomm ont ouvert des
/// bureaux et des centres de R&D dans la ville".
pub(super) static OPENED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(ont|a) (ouvert|implante|installe|etabli)\w*\b.*\b(dans la ville|dans la province|a |au |en |dans )",
    )
});
pub(super) static HERE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(cette localite|cette ville|cette province|la localite)\b"));
pub(super) static LAUNCHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(est|a ete|ont ete|sont|sera|seront) (officiellement )?(lance|lancee|lances|lancees|inaugure|inauguree|deploye|deployee)\b",
    )
});
static DEMONSTRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(cette|ce|le|la) (plateforme|programme|centre|projet|fonds|initiative|reseau)\b")
});

pub(super) fn read(s: &Sentence, cx: &mut Ctx, memory: &Memory) {
    hosted(s, cx);
    launched(s, cx, memory);
    preposition(s, cx);
    opened(s, cx, memory);
    here(s, cx, memory);
}

fn is_place(c: Option<Class>) -> bool {
    matches!(c, Some(Class::Locality | Class::Country))
}

fn hosted(s: &Sentence, cx: &mut Ctx) {
    let Some(h) = s.cues.find(Cue::Host) else {
        return;
    };
    let verb = s.offset(h.start());
    let host =
        s.ms.iter()
            .rev()
            .find(|m| m.span.end <= verb && is_place(s.class_of(m)));
    let guest = s.ms.iter().find(|m| {
        m.span.start >= verb
            && s.class_of(m)
                .is_some_and(|c| c.top() == TopClass::Initiative || c.is_org())
    });
    if let (Some(h), Some(g)) = (host, guest) {
        cx.rel(
            &g.iri,
            Predicate::LocatedIn,
            &h.iri,
            s.at,
            &LOCATED_HOST_VERB,
        );
    }
}

/// "Cette plateforme ... est lancée pour la première fois au Vietnam", "L'événement X a
/// été lancé à l'Université Y, située dans l'État de Z": where it was launched.
fn launched(s: &Sentence, cx: &mut Ctx, memory: &Memory) {
    let Some(v) = s.cues.find(Cue::Launched) else {
        return;
    };
    let verb = s.offset(v.start());
    let what =
        s.ms.iter()
            .find(|m| {
                m.span.end <= verb
                    && s.class_of(m)
                        .is_some_and(|c| c.top() == TopClass::Initiative)
                    && !s.in_role(m)
            })
            .map(|m| m.iri.clone())
            .or_else(|| {
                let d = DEMONSTRATIVE.captures(s.f())?;
                let class = match d.get(2)?.as_str() {
                    "plateforme" => Class::Platform,
                    "programme" | "projet" | "initiative" => Class::Programme,
                    "centre" => Class::Centre,
                    "fonds" => Class::Fund,
                    _ => Class::Network,
                };
                memory.last_of_class.get(&class).cloned()
            });
    let place =
        s.ms.iter()
            .find(|m| m.span.start >= verb && is_place(s.class_of(m)) && !m.demonym);
    if let (Some(i), Some(p)) = (what, place) {
        let before = s.prefix(p.span.start);
        if before.ends_with(" au ")
            || before.ends_with(" en ")
            || before.ends_with(" a ")
            || before.ends_with(" aux ")
            || PLACE_GAP.is_match(&format!(" {}", before.rsplit(',').next().unwrap_or("")))
        {
            cx.rel(&i, Predicate::LocatedIn, &p.iri, s.at, &LAUNCHED_IN);
        }
    }
}

/// "le Centre X à Hanoï", "l'Institut Y, situé dans la province de Z".
fn preposition(s: &Sentence, cx: &mut Ctx) {
    for (k, m) in s.ms.iter().enumerate() {
        let Some(c) = s.class_of(m) else { continue };
        if !(c.top() == TopClass::Initiative || c.is_org()) || c == Class::Meeting {
            continue;
        }
        if let Some(n) = s.ms.get(k + 1) {
            let gap = between(s.text, m.span.end, n.span.start);
            if matches!(s.class_of(n), Some(Class::Locality)) && PLACE_GAP.is_match(&gap) {
                cx.rel(
                    &m.iri,
                    Predicate::LocatedIn,
                    &n.iri,
                    s.at,
                    &LOCATED_PREPOSITION,
                );
            }
        }
    }
}

fn opened(s: &Sentence, cx: &mut Ctx, memory: &Memory) {
    if !s.cues.is_match(Cue::Opened) {
        return;
    }
    let f = s.f();
    let verb = s
        .cues
        .find(Cue::Opened)
        .map(|m| s.offset(m.start()))
        .unwrap_or(s.range.start);
    let place =
        s.ms.iter()
            .find(|m| m.span.start > verb && is_place(s.class_of(m)))
            .map(|m| m.iri.clone())
            .or_else(|| {
                (f.contains("dans la ville") || f.contains("dans la province"))
                    .then(|| memory.last_locality.clone())
                    .flatten()
            });
    // "ont ouvert des bureaux et des centres de R&D": what they opened is their work
    let opened_sectors: Vec<&&Mention> =
        s.ms.iter()
            .filter(|m| m.span.start > verb && s.class_of(m) == Some(Class::Sector))
            .collect();
    for m in s.of_class(|c| c == Class::Company) {
        for sec in &opened_sectors {
            cx.rel(
                &m.iri,
                Predicate::FocusesOn,
                &sec.iri,
                s.at,
                &OPENED_CENTRE_OF,
            );
        }
    }
    if let Some(place) = place {
        for m in s.of_class(|c| c.is_org()).filter(|m| m.iri != place) {
            cx.rel(
                &m.iri,
                Predicate::LocatedIn,
                &place,
                s.at,
                &LOCATED_OPENED_IN,
            );
        }
    }
}

fn here(s: &Sentence, cx: &mut Ctx, memory: &Memory) {
    let Some(h) = s.cues.find(Cue::Here) else {
        return;
    };
    let pos = s.offset(h.start());
    let subj = s.ms.iter().rev().find(|m| {
        m.span.end <= pos
            && s.class_of(m)
                .is_some_and(|c| c.top() == TopClass::Initiative && c != Class::Meeting)
    });
    let place =
        s.ms.iter()
            .rev()
            .find(|m| m.span.end <= pos && s.class_of(m) == Some(Class::Locality))
            .map(|m| m.iri.clone())
            .or_else(|| memory.last_locality.clone());
    if let (Some(subj), Some(p)) = (subj, place) {
        cx.rel(&subj.iri, Predicate::LocatedIn, &p, s.at, &LOCATED_ANAPHORA);
    }
}
