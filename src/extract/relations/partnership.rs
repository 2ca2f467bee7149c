//! Partnerships: who cooperates with whom, on which sides, in which sectors, through which
//! initiatives, and how far along (proposed, agreed, active).

use super::{dedup, fold_offset, re, Ctx, Cue, Memory, Pairs, Sentence};
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, FactKind, Mention, Predicate, Status, TopClass};
use crate::text::{fold, Folded};
use regex::Regex;
use std::sync::LazyLock;

pub static PARTNERSHIP_SENTENCE: Rule = Rule {
    name: "partnership-sentence",
    family: Family::Partnership,
    cue: "a cooperation word (coopération, partenariat, accord signé, mémorandum, jumelage ...) or support (soutenu par, finance, accorde, a aidé, travailleront ensemble) with two parties or more in the sentence; sides split at « entre A et B », « avec », or between the first list of parties and the others",
    produces: "Partnership (parties, pairs by side, sectors, initiatives, status)",
    confidence: 0.48,
    fires_on: &[
        "L'Université de Valparaíso a signé un accord de coopération avec l'Institut Pasteur de Lille.",
        "Le Chili finance à hauteur de deux millions de dollars l'Université de Valparaíso.",
    ],
    not_on: &["L'Université de Valparaíso a accueilli 300 étudiants cette année."],
};

pub static PARTNERSHIP_ANAPHORA: Rule = Rule {
    name: "partnership-anaphora",
    family: Family::Partnership,
    cue: "a cooperation word with « les deux parties / pays / villes » pointing back at the story's last partnership",
    produces: "Partnership with the earlier parties",
    confidence: 0.3,
    fires_on: &["L'Université de Valparaíso et l'Institut Pasteur de Lille ont signé un accord de coopération. Les deux parties vont renforcer leur coopération dans l'agriculture."],
    not_on: &["Les deux pays vont renforcer leur coopération dans l'agriculture."],
};

pub static PARTNERSHIP_CONTINUATION: Rule = Rule {
    name: "partnership-continuation",
    family: Family::Partnership,
    cue: "« Les domaines / secteurs ... » with sectors, in the sentence right after a partnership",
    produces: "Partnership (the previous parties, these sectors, proposed)",
    confidence: 0.6,
    fires_on: &["L'Université de Valparaíso et l'Institut Pasteur de Lille ont signé un accord de coopération. Les domaines prioritaires sont l'intelligence artificielle et les semi-conducteurs."],
    not_on: &["Le Chili a publié un rapport. Les domaines prioritaires sont l'intelligence artificielle et les semi-conducteurs."],
};

pub static PARTNERSHIP_COUNTRIES: Rule = Rule {
    name: "partnership-between-countries",
    family: Family::Partnership,
    cue: "a partnership the sentence, anaphora or continuation rule found whose every party is a country (« Le Chili et le Vietnam ont signé ... »): countries are named by the gazetteer and rarely run on into the sentence, so these pairs are far more often right than pairs of organisations",
    produces: "Partnership between countries, at this rule's confidence instead of the finding rule's",
    confidence: 0.96,
    fires_on: &["Le Chili et le Vietnam ont signé un accord de coopération dans l'agriculture."],
    not_on: &["L'Université de Valparaíso a signé un accord de coopération avec le Vietnam."],
};

pub static PARTNERSHIP_INITIATIVE: Rule = Rule {
    name: "partnership-initiative",
    family: Family::Partnership,
    cue: "an initiative named in a partnership sentence (or a lone party's cooperation « par le biais du programme X »)",
    produces: "participatesIn (0.8 x the partnership's confidence; 0.55 for a lone party)",
    confidence: 0.46,
    fires_on: &["L'Université de Valparaíso a signé un accord de coopération avec l'Institut Pasteur de Lille dans le cadre du programme Horizon Andes."],
    not_on: &["L'Université de Valparaíso a présenté le programme Horizon Andes."],
};

pub static PARTICIPATION: Rule = Rule {
    name: "participation",
    family: Family::Partnership,
    cue: "« participation de X à Y », « X a participé au Y », « présence »",
    produces: "participatesIn (actor -> initiative)",
    confidence: 0.7,
    fires_on: &["L'Université de Valparaíso a participé au Forum Techno Andes 2025."],
    not_on: &["L'Université de Valparaíso a organisé un atelier."],
};

pub static RULES: &[&Rule] = &[
    &PARTNERSHIP_SENTENCE,
    &PARTNERSHIP_ANAPHORA,
    &PARTNERSHIP_CONTINUATION,
    &PARTNERSHIP_COUNTRIES,
    &PARTNERSHIP_INITIATIVE,
    &PARTICIPATION,
];

// Patterns run on folded text (lower case, no diacritics, dashes as spaces). Those only asked
// whether they match put the alternatives ending in `\w*` under one `\w*`: the same language,
// and each Unicode `\w` costs compile time at every start (the test keeps the long forms).
pub(super) static COOP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((cooper|collabor|partenariat|partenaire|s'est associe|s'associ|coordonne|co organise)\w*|associe a|accords?|signe\w* (un|une|des|l'|le|les) (accord|memorandum|protocole|contrat|convention|lettre)\w*|signature (de l'|d'un|d'une|du|des|de la) (accord|memorandum|protocole|contrat|convention)\w*|memorandum|protocole d'accord|conjointement|organise\w* (conjointement )?par|aide (le|la|l'|les)|soutient|soutiennent|soutenu\w* par|financ(e|ent|ee|es|ement)|subventions?|accorde (\d|un|une|des)|(a|ont) aide|travaill\w* ensemble|offert\w* par|provenant d|jumelage|alliance|actionnaires?|relations? (scientifiques?|bilaterales?|etroites?|de cooperation|strategiques?))\b",
    )
});
static AGREED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b((signe|accord|convenu|conclu|s'engag)\w*|signature|memorandum|protocole)\b")
});
static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((inaugur|lanc|s'est associe|coordonne|deploie)\w*|mis\w* en place|en partenariat avec|cooperent|collaborent|deploieront|cooperation .*depuis|actionnaires?)\b",
    )
});
/// Nouns after which a demonym names a party ("partenaires américains", "ministre vietnamien");
/// after other nouns ("étudiants vietnamiens") it only describes.
/// "dans une interview accordée à l'Agence Vietnamienne d'Information", "a déclaré à la VNA",
/// "selon l'AFP": the publisher or the source of a statement, never a party.
static PUBLISHER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\b(interview|entretien|entrevue|declarations?)( exclusive)? (accordee?|donnee?|faite?)s? a|\b(a|ont) (declare|confie|indique|souligne|affirme|precise) a|\bselon|\bsource ?:?|\bphoto ?:?)( (l'|la|le|les))?\s*$",
    )
});
static PARTY_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(partenaires?|cooperation|delegations?|ministres?|vice ministres?|gouvernements?|autorites|homologues?|parties?|investisseurs|cote|entreprises? partenaires|relations?|amitie|consulats? generaux|ambassades?)\s*$",
    )
});
/// "La ville" as a subject or a coordinated party, not inside "de la province de X".
static THE_CITY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(^|\b(et|avec|entre) )(la ville|la province|la metropole|la municipalite|la localite)\b")
});
/// A wish or a search: the partnership is proposed even if "en partenariat avec" follows.
static DESIRED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((ambitionn|souhait|cherch|aspir|desir|envisag|esper|voudrai|pourrai|prevoi|propos)\w*|recherch\w* des partenaires)\b",
    )
});
static PROPOSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((ambitionn|souhait|cherch|vise|aspir|propos|desir|envisag|appel|esper|entend|potentiel|explor|encourag|promouv|approfondi)\w*|recherch\w* des partenaires|perspectives?|opportunites?|renforcer|elargir|developper|optimisme|voudrait|pourrait|pourraient|devrait|devraient)\b",
    )
});
static ANAPHOR_PARTIES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(les deux (parties|pays|cotes|nations|villes|provinces|partenaires|gouvernements)|ces (deux |trois |quatre )?(pays|nations|partenaires)|les delegues|les deux parties)\b",
    )
});
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(les|ces) (domaines|secteurs|priorites|axes|domaines prioritaires|champs)\b")
});
pub(super) static TOPIC_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(il|elle|le centre|ce centre|la plateforme|cette plateforme|le programme|ce programme|le fonds|ce fonds|le reseau|ce reseau|l'evenement|cet evenement|le seminaire|ce seminaire|le forum|ce forum|la conference|cette conference)\b",
    )
});
/// The story's initiative as the subject after an opening clause: ", le centre continuera".
static TOPIC_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r", (le centre|ce centre|la plateforme|cette plateforme|le programme|ce programme|le fonds|le reseau|l'institut|cet institut) [a-z]",
    )
});
static EVENT_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(l'evenement|cet evenement|le seminaire|ce seminaire|le forum|ce forum|la conference|cette conference)\b",
    )
});
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(il|elle) (a|avait) (affirme|declare|souligne|indique|estime|note|ajoute|precise|salue|remercie|appele|exprime|espere|dit|reitere|rappele|insiste|propose|partage|mis en exergue|mis en avant|fait savoir|assure|explique|suggere|demande|exhorte)\b",
    )
});
/// "la participation d'ASML à la SEMIExpo", "X a participé au forum Y".
pub(super) static PARTICIPATION_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(participation|participe\w*|pris part|prend part|prennent part|presence)\b")
});
static ENTRE: LazyLock<Regex> = LazyLock::new(|| re(r"\bentre\b"));
static BETWEEN_AND: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(,\s*)?et\s+(le |la |l'|les |du |des )?([^\s,]+ ){0,5}$"));
/// Where "avec" (or "associé à", "auprès de") splits the parties into the two sides of a
/// cooperation.
static WITH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(avec|aupres d[eu']|associee?s? a|associee?s? avec|(des|de|ses|aux) partenaires)\b")
});

/// True when the text before a demonym ends with a noun that makes the country an actor
/// ("partenaires américains", "le ministre vietnamien").
pub fn names_a_party(before: &str) -> bool {
    PARTY_NOUN.is_match(&fold(before).text)
}

/// The parties the sentence itself names: actors and countries taking part, not the ones in a
/// speaker's title, nor a demonym that only describes, nor a place something happens in.
fn own_parties(s: &Sentence) -> Vec<String> {
    let mut parties: Vec<String> = Vec::new();
    for m in &s.ms {
        let Some(c) = s.class_of(m) else { continue };
        if !c.is_party() || m.attribute {
            continue;
        }
        // "le directeur de l'Institut X a déclaré que la coopération ...": X is who the
        // speaker is, not a party (a nationality in the title still is)
        if !m.demonym && s.in_role(m) {
            continue;
        }
        if m.demonym && !m.compound && !PARTY_NOUN.is_match(s.prefix(m.span.start)) {
            continue;
        }
        let before = s.prefix(m.span.start);
        if PUBLISHER_BEFORE.is_match(before) {
            continue;
        }
        let located = (c == Class::Locality
            && (before.ends_with(" a ") || before.ends_with(" dans ")))
            || (c == Class::Country
                && (before.ends_with(" en ") && !before.ends_with("cooperation en ")));
        if located {
            continue;
        }
        if !parties.contains(&m.iri) {
            parties.push(m.iri.clone());
        }
    }
    parties
}

/// How far along the cooperation is, from the sentence's verbs.
fn status(f: &str) -> Status {
    if AGREED.is_match(f) {
        Status::Agreed
    } else if DESIRED.is_match(f) {
        Status::Proposed
    } else if ACTIVE.is_match(f) {
        Status::Active
    } else if PROPOSED.is_match(f) {
        Status::Proposed
    } else {
        Status::Active
    }
}

/// "les deux pays" in a cooperation sentence: adds the story's last partnership's parties (of
/// the class the anaphor names). None when there is no such anaphor or partnership; else the
/// earlier pairs, kept when the sentence adds nobody new.
fn point_back(s: &Sentence, memory: &Memory, parties: &mut Vec<String>) -> Option<Option<Pairs>> {
    let a = ANAPHOR_PARTIES.find(s.f())?;
    let (_, prev, prev_pairs) = memory.last_partnership.as_ref()?;
    let mut anaphor_pairs = None;
    if parties.iter().all(|p| prev.contains(p)) {
        anaphor_pairs = Some(prev_pairs.clone());
    }
    // "les deux pays" points back at countries, "les deux villes" at localities
    let a = a.as_str();
    let want: Option<Class> =
        if a.contains("pays") || a.contains("nations") || a.contains("gouvernements") {
            Some(Class::Country)
        } else if a.contains("villes") || a.contains("provinces") {
            Some(Class::Locality)
        } else {
            None
        };
    for p in prev {
        if want.is_some_and(|w| s.entities.get(p).map(|e| e.class) != Some(w)) {
            continue;
        }
        if !parties.contains(p) {
            parties.push(p.clone());
        }
    }
    if let Some(ap) = anaphor_pairs.as_mut() {
        ap.retain(|(a, b)| parties.contains(a) && parties.contains(b));
    }
    Some(anaphor_pairs)
}

/// Partnerships stated in the sentence, pointed back at ("les deux pays"), or continued
/// ("Les domaines prioritaires sont ..."); sets the sentence's topic for the rules after it.
pub(super) fn read(s: &mut Sentence, cx: &mut Ctx, memory: &mut Memory) {
    let f = s.f();
    let mut parties = own_parties(s);
    let mut initiatives: Vec<String> = dedup(
        s.of_class(|c| c.top() == TopClass::Initiative && c != Class::Centre)
            .map(|m| m.iri.clone()),
    );
    let coop = s.cues.is_match(Cue::Coop);
    let pronoun = f.starts_with("il ") || f.starts_with("elle ");
    // "Il a affirmé que ...": a speaker, not the story's initiative
    if pronoun && SPEAKER.is_match(f) {
        s.topic = None;
    } else if pronoun {
        s.topic = memory.last_initiative.clone().or_else(|| s.topic.clone());
    }
    let own = parties.clone();
    // "La ville et l'Institut ... encouragent la coopération": the city of the story
    if coop && THE_CITY.is_match(f) && !s.ms.iter().any(|m| s.class_of(m) == Some(Class::Locality))
    {
        if let Some(l) = &memory.last_locality {
            if !parties.contains(l) {
                parties.insert(0, l.clone());
            }
        }
    }
    let mut rule = &PARTNERSHIP_SENTENCE;
    // an anaphor that adds nobody new keeps the sides it points back at
    let mut anaphor_pairs: Option<Pairs> = None;
    if coop {
        if let Some(earlier) = point_back(s, memory, &mut parties) {
            anaphor_pairs = earlier;
            rule = &PARTNERSHIP_ANAPHORA;
        }
    }
    if coop && TOPIC_PRONOUN.is_match(f) {
        // "L'événement est le fruit d'une collaboration entre ...": the story's event
        let t = if EVENT_PRONOUN.is_match(f) {
            &s.event
        } else {
            &s.topic
        };
        if let Some(t) = t {
            if !initiatives.contains(t) && !parties.contains(t) {
                initiatives.push(t.clone());
            }
        }
    }
    if coop && parties.len() >= 2 {
        // "Sur la base de la coopération entre les deux pays, le centre continuera ...
        // avec A, B et C": the story's centre is the one who works with A, B and C
        let centre_subject = s
            .topic
            .as_ref()
            .filter(|_| TOPIC_SUBJECT.is_match(f) && !TOPIC_PRONOUN.is_match(f))
            .filter(|t| !own.contains(t));
        let pairs = match (centre_subject, anaphor_pairs.filter(|p| !p.is_empty())) {
            (Some(t), frame) => {
                let mut p = frame.unwrap_or_default();
                p.extend(own.iter().map(|x| (x.clone(), t.clone())));
                if !parties.contains(t) {
                    parties.push(t.clone());
                }
                p
            }
            (None, Some(p)) => p,
            (None, None) => pair_up(&parties, s),
        };
        let kind = FactKind::Partnership {
            parties: parties.clone(),
            pairs: pairs.clone(),
            sectors: s.sectors.clone(),
            initiatives: initiatives.clone(),
            status: status(f),
        };
        let rule = between_countries(s, &parties).unwrap_or(rule);
        cx.add(kind, s.at, rule, rule.confidence, s.date.clone());
        for p in &parties {
            for i in &initiatives {
                let conf = rule.confidence * 0.8;
                cx.rel_at(
                    p,
                    Predicate::ParticipatesIn,
                    i,
                    s.at,
                    &PARTNERSHIP_INITIATIVE,
                    conf,
                );
            }
        }
        memory.last_partnership = Some((s.at.1, parties.clone(), pairs));
    } else if !s.sectors.is_empty() && CONTINUATION.is_match(f) {
        if let Some((pj, prev, prev_pairs)) = memory.last_partnership.clone() {
            if pj + 1 == s.at.1 {
                let r = between_countries(s, &prev).unwrap_or(&PARTNERSHIP_CONTINUATION);
                let kind = FactKind::Partnership {
                    pairs: prev_pairs,
                    parties: prev,
                    sectors: s.sectors.clone(),
                    initiatives: vec![],
                    status: Status::Proposed,
                };
                cx.add(kind, s.at, r, r.confidence, s.date.clone());
            }
        }
    }
    // A lone party of a cooperation through an initiative: "le partenariat avec
    // l'Australie, par le biais du programme Aus4Innovation"
    if coop && parties.len() == 1 && !initiatives.is_empty() {
        for i in &initiatives {
            cx.rel(
                &parties[0],
                Predicate::ParticipatesIn,
                i,
                s.at,
                &PARTNERSHIP_INITIATIVE,
            );
        }
    }
}

/// "la participation d'ASML à la SEMIExpo", "X a participé au Y".
pub(super) fn participation(s: &Sentence, cx: &mut Ctx) {
    let Some(t) = s.cues.find(Cue::Participation) else {
        return;
    };
    let pos = s.offset(t.start());
    let party = |m: &&&Mention| {
        s.class_of(m)
            .is_some_and(|c| c.is_party() && c.top() != TopClass::Initiative)
            && !m.attribute
            && !m.demonym
    };
    let initiative = |m: &&&Mention| {
        s.class_of(m)
            .is_some_and(|c| c.top() == TopClass::Initiative)
    };
    let who =
        s.ms.iter()
            .filter(party)
            .rfind(|m| m.span.end <= pos)
            .filter(|_| t.as_str() != "participation" && t.as_str() != "presence")
            .or_else(|| s.ms.iter().filter(party).find(|m| m.span.start >= pos));
    if let Some(p) = who {
        let from = p.span.end.max(pos);
        if let Some(i) =
            s.ms.iter()
                .filter(initiative)
                .find(|m| m.span.start >= from)
        {
            cx.rel(
                &p.iri,
                Predicate::ParticipatesIn,
                &i.iri,
                s.at,
                &PARTICIPATION,
            );
        }
    }
}

/// The countries' rule, when every party is a country.
fn between_countries(s: &Sentence, parties: &[String]) -> Option<&'static Rule> {
    let country = |p: &String| s.entities.get(p).is_some_and(|e| e.class == Class::Country);
    parties
        .iter()
        .all(country)
        .then_some(&PARTNERSHIP_COUNTRIES)
}

fn all_pairs(parties: &[String]) -> Pairs {
    let mut out = Vec::new();
    for (i, a) in parties.iter().enumerate() {
        for b in &parties[i + 1..] {
            out.push((a.clone(), b.clone()));
        }
    }
    out
}

/// Pairs the parties across "avec" when the sentence has both sides, else pairs everyone.
fn pair_up(parties: &[String], s: &Sentence) -> Pairs {
    let (ms, folded, base) = (&s.ms, s.folded, s.range.start);
    let sentence = &s.text[s.range.clone()];
    // "la coopération entre le Vietnam et la Russie": the two named sides, nobody else
    if let Some(e) = ENTRE.find(&folded.text) {
        let from = base + fold_offset(folded, e.start());
        let mut after: Vec<&&Mention> = ms
            .iter()
            .filter(|m| m.span.start >= from && parties.contains(&m.iri))
            .collect();
        after.sort_by_key(|m| m.span.start);
        if let [a, b, ..] = after[..] {
            let gap = fold(&sentence[a.span.end - base..b.span.start - base]).text;
            let lead = fold(&sentence[from - base..a.span.start - base]).text;
            if a.iri != b.iri && BETWEEN_AND.is_match(&gap) && lead.split_whitespace().count() <= 2
            {
                // the others in the sentence ("dans laquelle X et Y sont actionnaires") among themselves
                let rest: Vec<String> = parties
                    .iter()
                    .filter(|p| **p != a.iri && **p != b.iri)
                    .cloned()
                    .collect();
                let mut out = vec![(a.iri.clone(), b.iri.clone())];
                out.extend(all_pairs(&rest));
                return out;
            }
        }
    }
    // "une collaboration entre A, B, C et D": everyone named after "entre" works together
    let between = ENTRE.is_match(&folded.text);
    sides_of_with(parties, ms, folded, base)
        .or_else(|| {
            (!between)
                .then(|| sides_of_lists(parties, ms, sentence, base))
                .flatten()
        })
        .unwrap_or_else(|| all_pairs(parties))
}

/// "Hô Chi Minh-Ville a approché la Corée, le Japon et les États-Unis": the parties named in
/// one list ("A, B et C") stand on one side; the first list (the sentence's subject) is paired
/// with every party of the others, a star or a bipartite graph. None when all the parties are
/// in one list (co-signers: "A, B et C ont signé").
fn sides_of_lists(
    parties: &[String],
    ms: &[&Mention],
    sentence: &str,
    base: usize,
) -> Option<Pairs> {
    let mut firsts: Vec<(usize, usize, &String)> = parties
        .iter()
        .filter_map(|p| {
            ms.iter()
                .filter(|m| &m.iri == p)
                .map(|m| (m.span.start, m.span.end, p))
                .min()
        })
        .collect();
    firsts.sort();
    let mut lists: Vec<Vec<&String>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (start, end, p) in firsts {
        let joined = prev_end.is_some_and(|e| {
            let gap = fold(
                sentence
                    .get(e.min(start) - base..start - base)
                    .unwrap_or("x"),
            )
            .text;
            gap.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| matches!(w, "et" | "ainsi" | "que" | "le" | "la" | "les" | "l"))
        });
        match lists.last_mut() {
            Some(l) if joined => l.push(p),
            _ => lists.push(vec![p]),
        }
        prev_end = Some(prev_end.map_or(end, |e| e.max(end)));
    }
    if lists.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for x in &lists[0] {
        for other in &lists[1..] {
            for y in other {
                if x != y {
                    out.push(((*x).clone(), (*y).clone()));
                }
            }
        }
    }
    Some(out)
}

/// "A coopère avec B et C": everyone before "avec" with everyone after it; None when one
/// side is empty.
fn sides_of_with(
    parties: &[String],
    ms: &[&Mention],
    folded: &Folded,
    base: usize,
) -> Option<Pairs> {
    let w = WITH.find(&folded.text)?;
    let split = base + fold_offset(folded, w.start());
    let position = |p: &String| {
        ms.iter()
            .filter(|m| &m.iri == p)
            .map(|m| m.span.start)
            .min()
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for p in parties {
        match position(p) {
            Some(pos) if pos >= split => b.push(p.clone()),
            _ => a.push(p.clone()),
        }
    }
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for x in &a {
        for y in &b {
            if x != y {
                out.push((x.clone(), y.clone()));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod factored_pattern_tests {
    use super::*;

    /// The long forms the factored patterns replaced: each must match the same sentences.
    #[test]
    fn factored_patterns_match_what_the_long_forms_match() {
        let long = [
            (
                &*COOP,
                r"\b(cooper\w*|collabor\w*|partenariat\w*|partenaire\w*|s'est associe\w*|s'associ\w*|associe a|accords?|signe\w* (un|une|des|l'|le|les) (accord|memorandum|protocole|contrat|convention|lettre)\w*|signature (de l'|d'un|d'une|du|des|de la) (accord|memorandum|protocole|contrat|convention)\w*|memorandum|protocole d'accord|coordonne\w*|conjointement|co organise\w*|organise\w* (conjointement )?par|aide (le|la|l'|les)|soutient|soutiennent|soutenu\w* par|financ(e|ent|ee|es|ement)|subventions?|accorde (\d|un|une|des)|(a|ont) aide|travaill\w* ensemble|offert\w* par|provenant d|jumelage|alliance|actionnaires?|relations? (scientifiques?|bilaterales?|etroites?|de cooperation|strategiques?))\b",
            ),
            (
                &*DESIRED,
                r"\b(ambitionn\w*|souhait\w*|cherch\w*|recherch\w* des partenaires|aspir\w*|desir\w*|envisag\w*|esper\w*|voudrai\w*|pourrai\w*|prevoi\w*|propos\w*)\b",
            ),
            (
                &*PROPOSED,
                r"\b(ambitionn\w*|souhait\w*|cherch\w*|recherch\w* des partenaires|vise\w*|aspir\w*|propos\w*|desir\w*|envisag\w*|appel\w*|esper\w*|entend\w*|potentiel\w*|perspectives?|opportunites?|explor\w*|encourag\w*|promouv\w*|renforcer|approfondi\w*|elargir|developper|optimisme|voudrait|pourrait|pourraient|devrait|devraient)\b",
            ),
            (
                &*ACTIVE,
                r"\b(inaugur\w*|lanc\w*|mis\w* en place|en partenariat avec|s'est associe\w*|cooperent|collaborent|coordonne\w*|deploie\w*|deploieront|cooperation .*depuis|actionnaires?)\b",
            ),
            (
                &*AGREED,
                r"\b(signe\w*|signature|accord\w*|memorandum|protocole|convenu\w*|conclu\w*|s'engag\w*)\b",
            ),
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut sentences: Vec<String> = vec![
            "les deux parties ont signe un accord de cooperation".into(),
            "ils souhaitent cooperer et recherchent des partenaires".into(),
            "le centre a ete inaugure et coordonne les actions depuis 2020".into(),
            "co organise par l'institut, conjointement avec ses actionnaires".into(),
            "s'est associee a l'universite; s'engagent a elargir les perspectives".into(),
            "cooperation\u{e9}tendue accordx signee".into(),
        ];
        for e in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            sentences.extend(text.lines().map(crate::text::fold_text));
        }
        let mut matched = 0;
        for (short, pattern) in long {
            let long = re(pattern);
            for s in &sentences {
                assert_eq!(short.is_match(s), long.is_match(s), "{pattern} on {s:?}");
                matched += usize::from(long.is_match(s));
            }
        }
        assert!(matched > 20, "{matched}");
    }
}
