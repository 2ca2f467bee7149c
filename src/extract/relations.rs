//! Reading facts sentence by sentence. A fact never joins parts of unrelated sentences: the
//! only reach beyond the sentence is an explicit anaphor in it ("les deux parties", "cette
//! localité", "Il" opening a sentence about the story's headline subject), resolved within
//! the same story and marked by its rule and a lower confidence.

use super::names::{self, RoleFound};
use super::{Class, Entity, Extractor, Fact, FactKind, Mention, Predicate, Status};
use crate::corpus::Article;
use crate::text::{fold, Folded};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

/// Word boundaries are ASCII ones: the patterns run on folded (diacritic-free) text, and
/// Unicode `\b` would keep the regex engine off its fast DFA path on any non-ASCII character.
fn re(p: &str) -> Regex {
    crate::text::regex(&p.replace(r"\b", r"(?-u:\b)"))
}

// Patterns run on folded text (lower case, no diacritics, dashes as spaces). Those only asked
// whether they match put the alternatives ending in `\w*` under one `\w*`: the same language,
// and each Unicode `\w` costs compile time at every start (the test keeps the long forms).
static COOP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((cooper|collabor|partenariat|partenaire|s'est associe|s'associ|coordonne|co organise)\w*|associe a|accords?|signe\w* (un|une|des|l'|le|les) (accord|memorandum|protocole|contrat|convention|lettre)\w*|signature (de l'|d'un|d'une|du|des|de la) (accord|memorandum|protocole|contrat|convention)\w*|memorandum|protocole d'accord|conjointement|organise\w* (conjointement )?par|aide (le|la|l'|les)|soutient|soutiennent|jumelage|alliance|actionnaires?|relations? (scientifiques?|bilaterales?|etroites?|de cooperation|strategiques?))\b",
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
static TOPIC_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(il|elle|le centre|ce centre|la plateforme|cette plateforme|le programme|ce programme|le fonds|ce fonds|le reseau|ce reseau|l'evenement|cet evenement|le seminaire|ce seminaire|le forum|ce forum|la conference|cette conference)\b",
    )
});
static MEET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(a recu|ont recu|recoit|a accueilli|accueille|a rencontre|rencontre avec|a eu un entretien avec|s'est entretenue? avec|seance de travail\b[^.]*?\bavec|a travaille avec|travaille avec|a eu des entretiens avec|en visite de travail)\b",
    )
});
// Run on the original text: folding would turn "à Hanoï" into "a hanoi".
static VERB_BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)\b(a|ont|avait|avaient|est|sont) (\w+é|\w+u|\w+i|\w+is|\w+it)\b")
});
static HOST: LazyLock<Regex> = LazyLock::new(|| re(r"\b(abrit\w*|accueill\w*|heberg\w*)\b"));
static PLACE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(a|au|en|dans|dans la province de|dans la ville de|de la province de|de la ville de|base\w* a|base\w* au|base\w* aux|base\w* en|situe\w* a|situe\w* au|situe\w* en|,? situe\w* dans (l'etat d'|l'etat de|la province de|la ville de|la region de)?)\s*$",
    )
});
/// Companies opening offices or centres somewhere: "SAP, Marvell et Qualcomm ont ouvert des
/// bureaux et des centres de R&D dans la ville".
static OPENED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(ont|a) (ouvert|implante|installe|etabli)\w*\b.*\b(dans la ville|dans la province|a |au |en |dans )",
    )
});
static HERE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(cette localite|cette ville|cette province|la localite)\b"));
static IMPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(mise en (oeuvre|application)|mettre en (oeuvre|application)|met en (oeuvre|application)|mettent en oeuvre|appliqu\w*|application de|conformement|dans l'esprit de|en application|concretis\w*|realiser|deploie\w*|execution de)\b",
    )
});
static ISSUER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(du|de la|de l'|par le|par la|par l')?\s*(\d{1,2}(er)? \w+ \d{4}\s*)?(du|de la|de l'|par le|par la|par l')\s*$",
    )
});
static ADOPT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(a|ont) (adopte|promulgue|publie|emis|edicte|approuve)\b"));
static FOCUS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(sur|consacre\w*|dans les? domaines?|specialis\w*|axe\w* sur|dedie\w*|en matiere de|se concentr\w*|domaines? cles?|investissements dans|prioritaires?|dans le secteur|secteurs? (de|des|du)|tels? que|telles? que|privilegi\w*|mise sur|financ\w*)\b",
    )
});
/// "appelé NVIDIA à ...", "exhortant X à": the sectors that follow are asked of X, not its focus.
static EXHORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(appel\w*|exhort\w*|invit\w*|encourag\w*|incit\w*|demand\w*)( le| la| l'| les)?\s*$")
});
/// "entre le Vietnam et la Russie": exactly two sides, named.
/// A sentence whose subject is "la ville" / "la province" (after an opening adverbial).
static CITY_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^([^,]{0,40}, )?(la ville|la province|la metropole|la localite|la municipalite)\b")
});
/// "la participation d'ASML à la SEMIExpo", "X a participé au forum Y".
static PARTICIPATION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(participation|participe\w*|pris part|prend part|prennent part|presence)\b")
});
static CREATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(la creation|l'etablissement|la construction|la mise en place|l'ouverture|le lancement)\b",
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
static MEETING_NOUN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(seance de travail|entretien|rencontre|audience|reception)\b"));
static THANKED: LazyLock<Regex> = LazyLock::new(|| re(r"\b(a|ont) (remercie|salue|felicite)\b"));
/// "le responsable de l'ONU": the organisation is who someone works for, not the subject.
static SOMEONE_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(responsables?|representants?|dirigeants?|porte parole|delegues?|envoyes?) (de l'|de la|du|des|de|d')\s*$",
    )
});
static LAUNCHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(est|a ete|ont ete|sont|sera|seront) (officiellement )?(lance|lancee|lances|lancees|inaugure|inauguree|deploye|deployee)\b",
    )
});
static DEMONSTRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(cette|ce|le|la) (plateforme|programme|centre|projet|fonds|initiative|reseau)\b")
});
// Run on the original text, like VERB_BOUNDARY.
static FRAME_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i),\s*(dans le cadre d|en marge d|à l'occasion d|lors d|en présence d|pour discuter)",
    )
});
static ENTRE: LazyLock<Regex> = LazyLock::new(|| re(r"\bentre\b"));
static BETWEEN_AND: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(,\s*)?et\s+(le |la |l'|les |du |des )?([^\s,]+ ){0,5}$"));
static BASED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(,?\s*[^,.;]{0,60}?)?\bbase\w* (aux|au|en|a)\s*$"));
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(\d{1,2}(er)? (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)( \d{4})?)\b",
    )
});

/// Who cooperates with whom in one statement.
type Pairs = Vec<(String, String)>;

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
        story: usize,
        sentence: usize,
        rule: &'static str,
        confidence: f64,
        date: Option<String>,
    ) {
        let confidence = (confidence * 100.0).round() / 100.0;
        self.facts.push(Fact {
            kind,
            story,
            sentence,
            rule,
            confidence,
            date,
        });
    }
    fn rel(
        &mut self,
        s: &str,
        p: Predicate,
        o: &str,
        at: (usize, usize),
        rule: &'static str,
        conf: f64,
    ) {
        if s == o {
            return;
        }
        self.add(
            FactKind::Relation {
                subject: s.into(),
                predicate: p,
                object: o.into(),
            },
            at.0,
            at.1,
            rule,
            conf,
            None,
        );
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
            Cue::Coop => &COOP,
            Cue::Participation => &PARTICIPATION,
            Cue::MeetingNoun => &MEETING_NOUN,
            Cue::Meet => &MEET,
            Cue::Host => &HOST,
            Cue::Launched => &LAUNCHED,
            Cue::Opened => &OPENED,
            Cue::Here => &HERE,
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
    mark_attributes(&mut cx, mentions, &by_sentence);
    names_inside_names(ex, &mut cx, mentions);
    for r in roles {
        read_role(ex, &mut cx, mentions, r);
    }

    let text = article.text.as_str();
    // per story: the sentence, parties and pairs of the last partnership (for anaphora and
    // continuations)
    let mut last_partnership: BTreeMap<usize, (usize, Vec<String>, Pairs)> = BTreeMap::new();
    let mut last_locality: BTreeMap<usize, String> = BTreeMap::new();
    // the last initiative named, what "Il"/"Elle" opening the next sentence most likely means
    let mut last_initiative: BTreeMap<usize, String> = BTreeMap::new();
    // the last platform, programme, centre ... named: "Cette plateforme" points back at it
    let mut last_of_class: BTreeMap<(usize, Class), String> = BTreeMap::new();
    for (si, story) in article.stories.iter().enumerate() {
        let topic = story_topic(&cx, story, si, mentions, &by_sentence, false);
        let event = story_topic(&cx, story, si, mentions, &by_sentence, true);
        for (ji, range) in story.sentences.iter().enumerate() {
            let ms: Vec<&Mention> = by_sentence
                .get(&(si, ji))
                .map(|v| v.iter().map(|&i| &mentions[i]).collect())
                .unwrap_or_default();
            // folded once per sentence; its map turns pattern offsets back into text offsets
            let folded = &folds[si][ji];
            let f = &folded.text;
            let cues = Cues::of(f);
            let date = cues.find(Cue::Date).map(|m| m.as_str().to_string());
            let at = (si, ji);
            let ents = cx.entities;
            let class_of = |m: &Mention| ents.get(&m.iri).map(|e| e.class);
            let in_role = |m: &Mention| {
                roles.iter().any(|r| {
                    r.story == si && r.role.start <= m.span.start && m.span.end <= r.role.end
                })
            };

            // Partnerships
            let mut parties: Vec<String> = Vec::new();
            for m in &ms {
                let Some(c) = class_of(m) else { continue };
                if !c.is_party() || m.attribute {
                    continue;
                }
                // "le directeur de l'Institut X a déclaré que la coopération ...": X is who the
                // speaker is, not a party (a nationality in the title still is)
                if !m.demonym
                    && roles.iter().any(|r| {
                        r.story == si && r.role.start <= m.span.start && m.span.end <= r.role.end
                    })
                {
                    continue;
                }
                if m.demonym
                    && !m.compound
                    && !PARTY_NOUN.is_match(folded_prefix(folded, range.start, m.span.start))
                {
                    continue;
                }
                let before = folded_prefix(folded, range.start, m.span.start);
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
            let sectors: Vec<String> = dedup(
                ms.iter()
                    .filter(|m| class_of(m) == Some(Class::Sector))
                    .map(|m| m.iri.clone()),
            );
            let mut initiatives: Vec<String> = dedup(
                ms.iter()
                    .filter(|m| {
                        class_of(m).is_some_and(|c| c.top() == "Initiative" && c != Class::Centre)
                    })
                    .map(|m| m.iri.clone()),
            );
            let coop = cues.is_match(Cue::Coop);
            let pronoun = f.starts_with("il ") || f.starts_with("elle ");
            // "Il a affirmé que ...": a speaker, not the story's initiative
            let topic = if pronoun && SPEAKER.is_match(f) {
                None
            } else if pronoun {
                last_initiative.get(&si).cloned().or_else(|| topic.clone())
            } else {
                topic.clone()
            };
            let own_parties = parties.clone();
            // "La ville et l'Institut ... encouragent la coopération": the city of the story
            if coop
                && THE_CITY.is_match(f)
                && !ms.iter().any(|m| class_of(m) == Some(Class::Locality))
            {
                if let Some(l) = last_locality.get(&si) {
                    if !parties.contains(l) {
                        parties.insert(0, l.clone());
                    }
                }
            }
            let mut rule = "partnership-sentence";
            // an anaphor that adds nobody new keeps the sides it points back at
            let mut anaphor_pairs: Option<Vec<(String, String)>> = None;
            let mut conf = 0.8;
            if let (true, Some(a)) = (coop, ANAPHOR_PARTIES.find(f)) {
                if let Some((_, prev, prev_pairs)) = last_partnership.get(&si) {
                    if parties.iter().all(|p| prev.contains(p)) {
                        anaphor_pairs = Some(prev_pairs.clone());
                    }
                    // "les deux pays" points back at countries, "les deux villes" at localities
                    let want: Option<Class> = if a.as_str().contains("pays")
                        || a.as_str().contains("nations")
                        || a.as_str().contains("gouvernements")
                    {
                        Some(Class::Country)
                    } else if a.as_str().contains("villes") || a.as_str().contains("provinces") {
                        Some(Class::Locality)
                    } else {
                        None
                    };
                    for p in prev {
                        if want.is_some_and(|w| ents.get(p).map(|e| e.class) != Some(w)) {
                            continue;
                        }
                        if !parties.contains(p) {
                            parties.push(p.clone());
                        }
                    }
                    if let Some(ap) = anaphor_pairs.as_mut() {
                        ap.retain(|(a, b)| parties.contains(a) && parties.contains(b));
                    }
                    rule = "partnership-anaphora";
                    conf = 0.6;
                }
            }
            if coop && TOPIC_PRONOUN.is_match(f) {
                // "L'événement est le fruit d'une collaboration entre ...": the story's event
                let t = if EVENT_PRONOUN.is_match(f) {
                    &event
                } else {
                    &topic
                };
                if let Some(t) = t {
                    if !initiatives.contains(t) && !parties.contains(t) {
                        initiatives.push(t.clone());
                    }
                }
            }
            if coop && parties.len() >= 2 {
                let status = if AGREED.is_match(f) {
                    Status::Agreed
                } else if DESIRED.is_match(f) {
                    Status::Proposed
                } else if ACTIVE.is_match(f) {
                    Status::Active
                } else if PROPOSED.is_match(f) {
                    Status::Proposed
                } else {
                    Status::Active
                };
                // "Sur la base de la coopération entre les deux pays, le centre continuera ...
                // avec A, B et C": the story's centre is the one who works with A, B and C
                let centre_subject = topic
                    .as_ref()
                    .filter(|_| TOPIC_SUBJECT.is_match(f) && !TOPIC_PRONOUN.is_match(f))
                    .filter(|t| !own_parties.contains(t));
                let pairs = match (centre_subject, anaphor_pairs.filter(|p| !p.is_empty())) {
                    (Some(t), frame) => {
                        let mut p = frame.unwrap_or_default();
                        p.extend(own_parties.iter().map(|x| (x.clone(), t.clone())));
                        if !parties.contains(t) {
                            parties.push(t.clone());
                        }
                        p
                    }
                    (None, Some(p)) => p,
                    (None, None) => {
                        pair_up(&parties, &ms, folded, &text[range.clone()], range.start)
                    }
                };
                cx.add(
                    FactKind::Partnership {
                        parties: parties.clone(),
                        pairs: pairs.clone(),
                        sectors: sectors.clone(),
                        initiatives: initiatives.clone(),
                        status,
                    },
                    si,
                    ji,
                    rule,
                    conf,
                    date.clone(),
                );
                for p in &parties {
                    for i in &initiatives {
                        cx.rel(
                            p,
                            Predicate::ParticipatesIn,
                            i,
                            at,
                            "partnership-initiative",
                            conf * 0.8,
                        );
                    }
                }
                last_partnership.insert(si, (ji, parties.clone(), pairs));
            } else if !sectors.is_empty() && CONTINUATION.is_match(f) {
                if let Some((pj, prev, prev_pairs)) = last_partnership.get(&si).cloned() {
                    if pj + 1 == ji {
                        cx.add(
                            FactKind::Partnership {
                                pairs: prev_pairs,
                                parties: prev,
                                sectors: sectors.clone(),
                                initiatives: vec![],
                                status: Status::Proposed,
                            },
                            si,
                            ji,
                            "partnership-continuation",
                            0.6,
                            date.clone(),
                        );
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
                        at,
                        "partnership-initiative",
                        0.55,
                    );
                }
            }

            // Participation: "la participation d'ASML à la SEMIExpo", "X a participé au Y"
            if let Some(t) = cues.find(Cue::Participation) {
                let pos = range.start + fold_offset(folded, t.start());
                let party = |m: &&&Mention| {
                    class_of(m).is_some_and(|c| c.is_party() && c.top() != "Initiative")
                        && !m.attribute
                        && !m.demonym
                };
                let initiative =
                    |m: &&&Mention| class_of(m).is_some_and(|c| c.top() == "Initiative");
                let who = ms
                    .iter()
                    .filter(party)
                    .rfind(|m| m.span.end <= pos)
                    .filter(|_| t.as_str() != "participation" && t.as_str() != "presence")
                    .or_else(|| ms.iter().filter(party).find(|m| m.span.start >= pos));
                if let Some(p) = who {
                    let from = p.span.end.max(pos);
                    if let Some(i) = ms.iter().filter(initiative).find(|m| m.span.start >= from) {
                        cx.rel(
                            &p.iri,
                            Predicate::ParticipatesIn,
                            &i.iri,
                            at,
                            "participation",
                            0.7,
                        );
                    }
                }
            }

            // "Au cours de la séance de travail, le Premier ministre X a remercié Y"
            if let (true, Some(v)) = (cues.is_match(Cue::MeetingNoun), THANKED.find(f)) {
                let verb = range.start + fold_offset(folded, v.start());
                let person = |m: &&&Mention| class_of(m) == Some(Class::Person);
                let s = ms.iter().filter(person).rfind(|m| m.span.end <= verb);
                let o = ms.iter().filter(person).find(|m| m.span.start >= verb);
                if let (Some(s), Some(o)) = (s, o) {
                    if s.iri != o.iri {
                        cx.rel(
                            &s.iri,
                            Predicate::MetWith,
                            &o.iri,
                            at,
                            "meeting-thanks",
                            0.65,
                        );
                    }
                }
            }

            // Meetings
            if let Some(mt) = cues.find(Cue::Meet) {
                let split = range.start + fold_offset(folded, mt.start());
                let after_verb = range.start + fold_offset(folded, mt.end());
                let actorish = |m: &&&Mention| {
                    class_of(m).is_some_and(|c| c.is_actor() || c == Class::Country)
                        && !m.attribute
                        && !m.demonym
                };
                let rest = &text[after_verb..range.end];
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
                    let before = folded_prefix(folded, range.start, m.span.start);
                    before.ends_with(" a ")
                        || before.ends_with(" en ")
                        || before.ends_with(" au ")
                        || before.ends_with(" aux ")
                };
                let objects: Vec<&&Mention> = ms
                    .iter()
                    .filter(actorish)
                    .filter(|m| !in_role(m))
                    .filter(|m| {
                        m.span.start >= after_verb
                            && boundary.is_none_or(|b| m.span.start < b)
                            && !located(m)
                    })
                    .collect();
                let subject = ms
                    .iter()
                    .filter(actorish)
                    .filter(|m| m.span.end <= split)
                    .find(|m| class_of(m) == Some(Class::Person))
                    .or_else(|| ms.iter().filter(actorish).find(|m| m.span.end <= split))
                    .or_else(|| {
                        ms.iter().filter(actorish).find(|m| {
                            boundary.is_some_and(|b| m.span.start >= b)
                                && class_of(m) == Some(Class::Person)
                        })
                    });
                // "a reçu X, haut dirigeant du géant néerlandais ASML": ASML is X's affiliation
                let objects: Vec<&&Mention> = objects
                    .iter()
                    .enumerate()
                    .filter(|(k, o)| {
                        !(class_of(o) != Some(Class::Person)
                            && objects[..*k]
                                .iter()
                                .any(|p| class_of(p) == Some(Class::Person))
                            && between(text, objects[k - 1].span.end, o.span.start).contains(','))
                    })
                    .map(|(_, o)| *o)
                    .collect();
                if let Some(s) = subject {
                    for o in objects.iter().filter(|o| o.iri != s.iri) {
                        // an object's own affiliation ("délégation de X conduite par Y") is kept as met too
                        cx.rel(&s.iri, Predicate::MetWith, &o.iri, at, "meeting-verb", 0.75);
                    }
                }
            }

            // Location
            if let Some(h) = cues.find(Cue::Host) {
                let verb = range.start + fold_offset(folded, h.start());
                let host = ms.iter().rev().find(|m| {
                    m.span.end <= verb
                        && matches!(class_of(m), Some(Class::Locality | Class::Country))
                });
                let guest = ms.iter().find(|m| {
                    m.span.start >= verb
                        && class_of(m).is_some_and(|c| c.top() == "Initiative" || c.is_org())
                });
                if let (Some(h), Some(g)) = (host, guest) {
                    cx.rel(
                        &g.iri,
                        Predicate::LocatedIn,
                        &h.iri,
                        at,
                        "located-host-verb",
                        0.75,
                    );
                }
            }
            // "Cette plateforme ... est lancée pour la première fois au Vietnam", "L'événement X a
            // été lancé à l'Université Y, située dans l'État de Z": where it was launched
            if let Some(v) = cues.find(Cue::Launched) {
                let verb = range.start + fold_offset(folded, v.start());
                let launched = ms
                    .iter()
                    .find(|m| {
                        m.span.end <= verb
                            && class_of(m).is_some_and(|c| c.top() == "Initiative")
                            && !in_role(m)
                    })
                    .map(|m| m.iri.clone())
                    .or_else(|| {
                        let d = DEMONSTRATIVE.captures(f)?;
                        let class = match d.get(2)?.as_str() {
                            "plateforme" => Class::Platform,
                            "programme" | "projet" | "initiative" => Class::Programme,
                            "centre" => Class::Centre,
                            "fonds" => Class::Fund,
                            _ => Class::Network,
                        };
                        last_of_class.get(&(si, class)).cloned()
                    });
                let place = ms.iter().find(|m| {
                    m.span.start >= verb
                        && matches!(class_of(m), Some(Class::Locality | Class::Country))
                        && !m.demonym
                });
                if let (Some(i), Some(p)) = (launched, place) {
                    let before = folded_prefix(folded, range.start, p.span.start);
                    if before.ends_with(" au ")
                        || before.ends_with(" en ")
                        || before.ends_with(" a ")
                        || before.ends_with(" aux ")
                        || PLACE_GAP
                            .is_match(&format!(" {}", before.rsplit(',').next().unwrap_or("")))
                    {
                        cx.rel(&i, Predicate::LocatedIn, &p.iri, at, "launched-in", 0.65);
                    }
                }
            }
            for (k, m) in ms.iter().enumerate() {
                let Some(c) = class_of(m) else { continue };
                if !(c.top() == "Initiative" || c.is_org()) || c == Class::Meeting {
                    continue;
                }
                if let Some(n) = ms.get(k + 1) {
                    let gap = between(text, m.span.end, n.span.start);
                    if matches!(class_of(n), Some(Class::Locality)) && PLACE_GAP.is_match(&gap) {
                        cx.rel(
                            &m.iri,
                            Predicate::LocatedIn,
                            &n.iri,
                            at,
                            "located-preposition",
                            0.7,
                        );
                    }
                }
            }
            if cues.is_match(Cue::Opened) {
                let verb = cues
                    .find(Cue::Opened)
                    .map(|m| range.start + fold_offset(folded, m.start()))
                    .unwrap_or(range.start);
                let place = ms
                    .iter()
                    .find(|m| {
                        m.span.start > verb
                            && matches!(class_of(m), Some(Class::Locality | Class::Country))
                    })
                    .map(|m| m.iri.clone())
                    .or_else(|| {
                        (f.contains("dans la ville") || f.contains("dans la province"))
                            .then(|| last_locality.get(&si).cloned())
                            .flatten()
                    });
                // "ont ouvert des bureaux et des centres de R&D": what they opened is their work
                let opened_sectors: Vec<&&Mention> = ms
                    .iter()
                    .filter(|m| m.span.start > verb && class_of(m) == Some(Class::Sector))
                    .collect();
                for m in ms.iter().filter(|m| class_of(m) == Some(Class::Company)) {
                    for sec in &opened_sectors {
                        cx.rel(
                            &m.iri,
                            Predicate::FocusesOn,
                            &sec.iri,
                            at,
                            "opened-centre-of",
                            0.6,
                        );
                    }
                }
                if let Some(place) = place {
                    for m in ms
                        .iter()
                        .filter(|m| class_of(m).is_some_and(|c| c.is_org()) && m.iri != place)
                    {
                        cx.rel(
                            &m.iri,
                            Predicate::LocatedIn,
                            &place,
                            at,
                            "located-opened-in",
                            0.65,
                        );
                    }
                }
            }
            if let Some(h) = cues.find(Cue::Here) {
                let pos = range.start + fold_offset(folded, h.start());
                let subj = ms.iter().rev().find(|m| {
                    m.span.end <= pos
                        && class_of(m)
                            .is_some_and(|c| c.top() == "Initiative" && c != Class::Meeting)
                });
                let place = ms
                    .iter()
                    .rev()
                    .find(|m| m.span.end <= pos && class_of(m) == Some(Class::Locality))
                    .map(|m| m.iri.clone())
                    .or_else(|| last_locality.get(&si).cloned());
                if let (Some(s), Some(p)) = (subj, place) {
                    cx.rel(
                        &s.iri,
                        Predicate::LocatedIn,
                        &p,
                        at,
                        "located-anaphora",
                        0.6,
                    );
                }
            }

            // Policies
            let policies: Vec<&&Mention> = ms
                .iter()
                .filter(|m| class_of(m).is_some_and(|c| c.top() == "Policy"))
                .collect();
            let mut issuers: BTreeSet<String> = BTreeSet::new();
            for p in &policies {
                if let Some(n) = ms.iter().find(|n| {
                    n.span.start >= p.span.end && class_of(n).is_some_and(|c| c.is_actor())
                }) {
                    if ISSUER_GAP.is_match(&between(text, p.span.end, n.span.start)) {
                        cx.rel(
                            &p.iri,
                            Predicate::IssuedBy,
                            &n.iri,
                            at,
                            "policy-issuer",
                            0.8,
                        );
                        issuers.insert(n.iri.clone());
                    }
                }
                if let Some(a) = ADOPT.find(f) {
                    let pos = range.start + fold_offset(folded, a.start());
                    if p.span.start > pos {
                        if let Some(s) = ms
                            .iter()
                            .rev()
                            .find(|m| m.span.end <= pos && class_of(m).is_some_and(|c| c.is_org()))
                        {
                            cx.rel(
                                &p.iri,
                                Predicate::IssuedBy,
                                &s.iri,
                                at,
                                "policy-adopted-by",
                                0.75,
                            );
                            issuers.insert(s.iri.clone());
                        }
                    }
                }
            }
            if !policies.is_empty() && IMPLEMENT.is_match(f) {
                let mut subjects: Vec<String> = ms
                    .iter()
                    .filter(|m| !m.attribute && !m.demonym && !issuers.contains(&m.iri))
                    .filter(|m| {
                        class_of(m).is_some_and(|c| {
                            matches!(
                                c,
                                Class::Locality
                                    | Class::GovernmentBody
                                    | Class::Organization
                                    | Class::Network
                                    | Class::ResearchOrganization
                                    | Class::Company
                            ) || (c.top() == "Initiative" && c != Class::Meeting)
                        })
                    })
                    .map(|m| m.iri.clone())
                    .collect();
                if subjects.is_empty() && (f.contains("la province") || f.contains("la ville")) {
                    subjects.extend(last_locality.get(&si).cloned());
                }
                for s in dedup(subjects.into_iter()) {
                    for p in &policies {
                        cx.rel(
                            &s,
                            Predicate::Implements,
                            &p.iri,
                            at,
                            "implements-policy",
                            0.75,
                        );
                    }
                }
            }

            // Sector focus of an initiative or actor: the subject is the entity named before
            // the focus phrase ("X privilégie ... telles que A, B"), the sectors those after it.
            // the first focus phrase with a subject before it and sectors after it
            for trigger in FOCUS
                .find_iter(f)
                .take(if sectors.is_empty() { 0 } else { 8 })
            {
                // "un accord sur la création d'un centre de R&D en IA": the sectors are the
                // new centre's, not the signatories'
                if trigger.as_str() == "sur" && CREATION.is_match(&f[trigger.end()..]) {
                    continue;
                }
                let pivot = range.start + fold_offset(folded, trigger.start());
                let eligible = |m: &&&Mention| {
                    m.span.end <= pivot
                        && !m.attribute
                        && !m.demonym
                        && !EXHORTED.is_match(folded_prefix(folded, range.start, m.span.start))
                        && !SOMEONE_OF.is_match(folded_prefix(folded, range.start, m.span.start))
                        && !in_role(m)
                };
                let subj = ms
                    .iter()
                    .filter(eligible)
                    .find(|m| {
                        class_of(m).is_some_and(|c| c.top() == "Initiative" || c.top() == "Policy")
                    })
                    .or_else(|| {
                        ms.iter().filter(eligible).find(|m| {
                            class_of(m).is_some_and(|c| c.is_party() && c != Class::Country)
                        })
                    });
                // "Par ailleurs, la métropole du Sud aspire à une coopération dans les domaines
                // des startups": the city the story is about
                let subj_iri = subj
                    .map(|m| m.iri.clone())
                    .or_else(|| {
                        CITY_SUBJECT
                            .is_match(&f[..trigger.start()])
                            .then(|| last_locality.get(&si).cloned())
                            .flatten()
                    })
                    // "Il a financé cinq projets ... dans le diagnostic": the story's subject
                    .or_else(|| TOPIC_PRONOUN.is_match(f).then(|| topic.clone()).flatten());
                let after: Vec<String> = dedup(
                    ms.iter()
                        .filter(|m| m.span.start >= pivot && class_of(m) == Some(Class::Sector))
                        .map(|m| m.iri.clone()),
                );
                if let (Some(s), false) = (subj_iri, after.is_empty()) {
                    for sec in &after {
                        cx.rel(&s, Predicate::FocusesOn, sec, at, "focus-sector", 0.6);
                    }
                    break;
                }
            }
            if let Some(l) = ms
                .iter()
                .rev()
                .find(|m| class_of(m) == Some(Class::Locality))
            {
                last_locality.insert(si, l.iri.clone());
            }
            for m in &ms {
                if let Some(c) = class_of(m).filter(|c| c.top() == "Initiative") {
                    last_of_class.insert((si, c), m.iri.clone());
                }
            }
            // only an initiative that is the sentence's first name (its likely subject)
            if let Some(i) = ms
                .iter()
                .find(|m| class_of(m) != Some(Class::Sector))
                .filter(|m| {
                    class_of(m).is_some_and(|c| c.top() == "Initiative" && c != Class::Meeting)
                        && !in_role(m)
                })
            {
                last_initiative.insert(si, i.iri.clone());
            }
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

/// Where "avec" (or "associé à", "auprès de") splits the parties into the two sides of a
/// cooperation.
static WITH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(avec|aupres d[eu']|associee?s? a|associee?s? avec|(des|de|ses|aux) partenaires)\b")
});

fn all_pairs(parties: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in parties.iter().enumerate() {
        for b in &parties[i + 1..] {
            out.push((a.clone(), b.clone()));
        }
    }
    out
}

/// Pairs the parties across "avec" when the sentence has both sides, else pairs everyone.
fn pair_up(
    parties: &[String],
    ms: &[&Mention],
    folded: &Folded,
    sentence: &str,
    base: usize,
) -> Vec<(String, String)> {
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
    let Some(w) = WITH.find(&folded.text) else {
        return all_pairs(parties);
    };
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
        return all_pairs(parties);
    }
    let mut out = Vec::new();
    for x in &a {
        for y in &b {
            if x != y {
                out.push((x.clone(), y.clone()));
            }
        }
    }
    out
}

/// True when the text before a demonym ends with a noun that makes the country an actor
/// ("partenaires américains", "le ministre vietnamien").
pub fn names_a_party(before: &str) -> bool {
    PARTY_NOUN.is_match(&fold(before).text)
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
    story: &crate::corpus::Story,
    si: usize,
    mentions: &[Mention],
    by: &BTreeMap<(usize, usize), Vec<usize>>,
    meeting: bool,
) -> Option<String> {
    let _ = story;
    by.get(&(si, 0))?
        .iter()
        .map(|&i| &mentions[i])
        .find(|m| {
            cx.class(&m.iri)
                .is_some_and(|c| c.top() == "Initiative" && (c == Class::Meeting) == meeting)
        })
        .map(|m| m.iri.clone())
}

/// Countries and demonyms that describe an organisation rather than act:
/// "le géant néerlandais ASML", "Qualcomm, ... basé aux États-Unis", "Université de Kyonggi (Corée)".
fn mark_attributes(
    cx: &mut Ctx,
    mentions: &mut [Mention],
    by: &BTreeMap<(usize, usize), Vec<usize>>,
) {
    for (&(si, ji), idx) in by {
        for (k, &i) in idx.iter().enumerate() {
            let m = mentions[i].clone();
            if cx.class(&m.iri) != Some(Class::Country) {
                continue;
            }
            // demonym right before an organisation
            if m.demonym {
                if let Some(&n) = idx.get(k + 1) {
                    let next = mentions[n].clone();
                    let gap = cx.between(m.span.end, next.span.start);
                    if cx.class(&next.iri).is_some_and(|c| c.is_org())
                        && next.rule != "ministry-in-title"
                        && gap.trim().split(' ').filter(|w| !w.is_empty()).count() <= 1
                        && !gap.contains(',')
                    {
                        mentions[i].attribute = true;
                        cx.rel(
                            &next.iri.clone(),
                            Predicate::BasedInCountry,
                            &m.iri,
                            (si, ji),
                            "demonym-of-organisation",
                            0.75,
                        );
                        continue;
                    }
                    // "le géant américain des puces NVIDIA": the trade between demonym and name
                    // is the company's sector
                    if cx.class(&next.iri) == Some(Class::Sector) {
                        if let Some(&o) = idx.get(k + 2) {
                            let org = mentions[o].clone();
                            let gap2 = cx.between(next.span.end, org.span.start);
                            if matches!(gap.trim(), "des" | "du" | "de la" | "de l'" | "de")
                                && gap2.trim().is_empty()
                                && cx.class(&org.iri) == Some(Class::Company)
                            {
                                mentions[i].attribute = true;
                                cx.rel(
                                    &org.iri,
                                    Predicate::BasedInCountry,
                                    &m.iri,
                                    (si, ji),
                                    "demonym-of-organisation",
                                    0.75,
                                );
                                cx.rel(
                                    &org.iri,
                                    Predicate::FocusesOn,
                                    &next.iri,
                                    (si, ji),
                                    "trade-of-company",
                                    0.7,
                                );
                                continue;
                            }
                        }
                    }
                    if cx.class(&next.iri) == Some(Class::Person) && gap.trim().is_empty() {
                        mentions[i].attribute = true;
                        cx.rel(
                            &next.iri.clone(),
                            Predicate::BasedInCountry,
                            &m.iri,
                            (si, ji),
                            "demonym-of-person",
                            0.75,
                        );
                        continue;
                    }
                }
            }
            if k == 0 {
                continue;
            }
            // organisation earlier in the sentence, then "basé aux <country>" or "(<country>)"
            let Some(&o) = idx[..k]
                .iter()
                .rev()
                .find(|&&o| cx.class(&mentions[o].iri).is_some_and(|c| c.is_org()))
            else {
                continue;
            };
            let org = mentions[o].clone();
            let gap = cx.between(org.span.end, m.span.start);
            let paren =
                gap.trim() == "(" && cx.article.text[m.span.end..].trim_start().starts_with(')');
            let of_country = o + 1 == idx[k]
                && !m.demonym
                && matches!(gap.trim(), "du" | "de la" | "de l'" | "des")
                && cx.class(&org.iri).is_some_and(|c| {
                    matches!(
                        c,
                        Class::Company | Class::GovernmentBody | Class::ResearchOrganization
                    )
                });
            if of_country {
                mentions[i].attribute = true;
                cx.rel(
                    &org.iri,
                    Predicate::BasedInCountry,
                    &m.iri,
                    (si, ji),
                    "organisation-of-country",
                    0.7,
                );
                continue;
            }
            if paren || BASED.is_match(&gap) {
                mentions[i].attribute = true;
                cx.rel(
                    &org.iri,
                    Predicate::BasedInCountry,
                    &m.iri,
                    (si, ji),
                    if paren {
                        "country-in-parentheses"
                    } else {
                        "based-in-country"
                    },
                    0.8,
                );
            }
        }
    }
}

/// A country or city named inside an organisation's name says where it is based:
/// "Université nationale de Singapour", "Centre d'innovation Vietnam-Singapour".
fn names_inside_names(ex: &Extractor, cx: &mut Ctx, mentions: &[Mention]) {
    for m in mentions {
        let Some(e) = cx.entities.get(&m.iri) else {
            continue;
        };
        if !(e.class.is_org() || e.class.top() == "Initiative") {
            continue;
        }
        let surface = &cx.article.text[m.span.clone()];
        // look past the head noun: the whole name may itself be a gazetteer entry
        let after_head = surface
            .find([' ', '\'', '’'])
            .map(|i| &surface[i..])
            .unwrap_or("");
        let inner: Vec<&Entity> = ex
            .gazetteer
            .find(after_head)
            .into_iter()
            .filter_map(|(_, h)| match h {
                super::gazetteer::Hit::Name(i) => Some(&ex.gazetteer.entities[i]),
                _ => None,
            })
            .collect();
        let countries: Vec<&&Entity> = inner.iter().filter(|e| e.class == Class::Country).collect();
        let at = (m.story, m.sentence);
        // "Ambassade du Vietnam au Japon": the first country owns it, the second hosts it
        let hosted = countries.len() == 2
            && fold(surface).text.contains(&format!(" {} ", "au"))
            && e.class.is_org();
        if hosted {
            cx.rel(
                &m.iri,
                Predicate::BasedInCountry,
                &countries[0].iri,
                at,
                "country-in-name",
                0.7,
            );
        } else if countries.len() >= 2 && e.class.top() == "Initiative" && e.class != Class::Centre
        {
            for c in countries {
                cx.rel(
                    &c.iri,
                    Predicate::ParticipatesIn,
                    &m.iri,
                    at,
                    "countries-in-name",
                    0.7,
                );
            }
        } else if let (Some(c), true) =
            (countries.first(), countries.len() == 1 || e.class.is_org())
        {
            cx.rel(
                &m.iri,
                Predicate::BasedInCountry,
                &c.iri,
                at,
                "country-in-name",
                0.7,
            );
        }
        if let Some(l) = inner.iter().find(|e| e.class == Class::Locality) {
            cx.rel(
                &m.iri,
                Predicate::LocatedIn,
                &l.iri,
                at,
                "locality-in-name",
                0.7,
            );
        }
        if e.class.top() == "Initiative" {
            for s in inner.iter().filter(|e| e.class == Class::Sector) {
                cx.rel(
                    &m.iri,
                    Predicate::FocusesOn,
                    &s.iri,
                    at,
                    "sector-in-name",
                    0.7,
                );
            }
        }
    }
}

/// "Lê Truong Duy, directeur du Centre ..." → role, membership, nationality.
/// "ministre vietnamien des Finances" → the ministry "Ministère des Finances".
static MINISTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)^(?:vice-)?ministre(?:\s+\p{Ll}+)?\s+((?:des|de la|de l['’]|du)\s*[^,(]+)",
    )
});

/// "président du conseil de l'USTH et vice-président de l'Académie": two roles, each with
/// its own organisation.
fn read_role(ex: &Extractor, cx: &mut Ctx, mentions: &[Mention], r: &RoleFound) {
    let text = &cx.article.text[r.role.clone()];
    let mut cuts = vec![r.role.start];
    for (i, _) in text.match_indices(" et ") {
        let rest = &text[i + 4..];
        if names::starts_with_title(rest) {
            cuts.push(r.role.start + i + 4);
        }
    }
    cuts.push(r.role.end);
    // a nationality in the role is the person's: "le ministre vietnamien des Finances"
    if let Some(c) = mentions.iter().find(|m| {
        m.demonym
            && !m.attribute
            && m.story == r.story
            && m.sentence == r.sentence
            && m.span.start >= r.role.start
            && m.span.end <= r.role.end
            && cx.class(&m.iri) == Some(Class::Country)
    }) {
        let iri = c.iri.clone();
        cx.rel(
            &r.person,
            Predicate::BasedInCountry,
            &iri,
            (r.story, r.sentence),
            "person-role-demonym",
            0.75,
        );
    }
    for w in cuts.windows(2) {
        let end = if w[1] == r.role.end { w[1] } else { w[1] - 4 };
        let one = RoleFound {
            person: r.person.clone(),
            role: w[0]..end,
            story: r.story,
            sentence: r.sentence,
        };
        read_one_role(ex, cx, mentions, &one);
    }
}

fn read_one_role(ex: &Extractor, cx: &mut Ctx, mentions: &[Mention], r: &RoleFound) {
    let title = cx.article.text[r.role.clone()]
        .trim()
        .trim_end_matches([',', ' '])
        .to_string();
    let at = (r.story, r.sentence);
    cx.add(
        FactKind::Role {
            person: r.person.clone(),
            title,
        },
        r.story,
        r.sentence,
        "person-role",
        0.8,
        None,
    );
    // "une délégation de X conduite par son PDG, Y": the possessive points back at X
    let before = folded_tail(&cx.article.text, r.role.start);
    if before.ends_with(" son ") || before.ends_with(" sa ") || before.ends_with(" leur ") {
        let org = mentions
            .iter()
            .filter(|m| {
                m.story == r.story
                    && m.sentence == r.sentence
                    && m.span.end <= r.role.start
                    && !m.demonym
            })
            .filter(|m| cx.class(&m.iri).is_some_and(|c| c.is_org()))
            .max_by_key(|m| m.span.end);
        if let Some(o) = org {
            let iri = o.iri.clone();
            cx.rel(
                &r.person,
                Predicate::MemberOf,
                &iri,
                at,
                "person-role-possessive",
                0.7,
            );
            return;
        }
    }
    // "l'ambassadeur vietnamien au Japon", "l'ambassadeur d'Australie au Vietnam": the embassy,
    // when the article names it
    if let Some((iri, owner)) = embassy_of_ambassador(cx, mentions, r) {
        cx.rel(
            &r.person,
            Predicate::BasedInCountry,
            &owner,
            at,
            "person-ambassador-of",
            0.7,
        );
        cx.rel(
            &r.person,
            Predicate::MemberOf,
            &iri,
            at,
            "person-ambassador-of",
            0.7,
        );
        return;
    }
    if let Some(c) = MINISTER.captures(cx.article.text[r.role.clone()].trim()) {
        let name = format!("Ministère {}", c[1].trim());
        if let Some(min) = ex.gazetteer.lookup(&name) {
            let iri = min.iri.clone();
            cx.rel(
                &r.person,
                Predicate::MemberOf,
                &iri,
                at,
                "person-minister-of",
                0.75,
            );
            return;
        }
    }
    let inside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            m.story == r.story
                && m.sentence == r.sentence
                && m.span.start >= r.role.start
                && m.span.end <= r.role.end
        })
        .collect();
    if let Some(org) = inside.iter().find(|m| {
        cx.class(&m.iri).is_some_and(|c| {
            c.is_org()
                || c == Class::Locality
                || matches!(
                    c,
                    Class::Centre | Class::Programme | Class::Fund | Class::Platform
                )
        })
    }) {
        cx.rel(
            &r.person,
            Predicate::MemberOf,
            &org.iri,
            at,
            "person-role-organisation",
            0.75,
        );
    } else if let Some(c) = inside
        .iter()
        .find(|m| cx.class(&m.iri) == Some(Class::Country))
    {
        cx.rel(
            &r.person,
            Predicate::BasedInCountry,
            &c.iri,
            at,
            "person-role-country",
            0.7,
        );
    }
}

/// The embassy an ambassador's title names, and the country it represents.
fn embassy_of_ambassador(
    cx: &Ctx,
    mentions: &[Mention],
    r: &RoleFound,
) -> Option<(String, String)> {
    let role = &cx.article.text[r.role.clone()];
    if !fold(role).text.starts_with("ambassad") {
        return None;
    }
    let countries: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            m.story == r.story
                && m.sentence == r.sentence
                && m.span.start >= r.role.start
                && m.span.end <= r.role.end
                && cx.class(&m.iri) == Some(Class::Country)
        })
        .collect();
    let [owner, host] = countries[..] else {
        return None;
    };
    let prep = fold(&cx.article.text[owner.span.end..host.span.start]).text;
    let prep = prep.trim();
    if !matches!(prep, "au" | "en" | "aux" | "a") {
        return None;
    }
    let label = |m: &Mention| cx.entities.get(&m.iri).map(|e| e.label.clone());
    let name = format!(
        "Ambassade {} {} {}",
        names::of_country(&label(owner)?),
        &cx.article.text[owner.span.end..host.span.start].trim(),
        label(host)?
    );
    let iri = Entity::new(Class::GovernmentBody, &name).iri;
    cx.entities
        .contains_key(&iri)
        .then(|| (iri, owner.iri.clone()))
}

#[allow(dead_code)]
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
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
                r"\b(cooper\w*|collabor\w*|partenariat\w*|partenaire\w*|s'est associe\w*|s'associ\w*|associe a|accords?|signe\w* (un|une|des|l'|le|les) (accord|memorandum|protocole|contrat|convention|lettre)\w*|signature (de l'|d'un|d'une|du|des|de la) (accord|memorandum|protocole|contrat|convention)\w*|memorandum|protocole d'accord|coordonne\w*|conjointement|co organise\w*|organise\w* (conjointement )?par|aide (le|la|l'|les)|soutient|soutiennent|jumelage|alliance|actionnaires?|relations? (scientifiques?|bilaterales?|etroites?|de cooperation|strategiques?))\b",
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
