//! Finding entity mentions: gazetteer hits, plus rules that recognise names nobody listed —
//! organisations by their head noun, companies and programmes by context, people by titles and
//! roles, policies by their numbering — and acronyms defined in parentheses.

use super::gazetteer::Hit;
use super::name_rules as R;
pub use super::name_rules::RULES;
use super::rule::Rule;
use super::tokens::{tokenize, Token};
use super::{Class, Entity, Extractor, Mention, TopClass};
use crate::corpus::Article;
use crate::text::fold_key;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
enum Target {
    Known(usize),
    Pair(usize, usize),
    Demonym(usize),
    New(Class, String),
}

#[derive(Debug, Clone)]
struct Candidate {
    span: Range<usize>,
    target: Target,
    rule: &'static Rule,
    confidence: f64,
}

/// Head nouns that start an organisation or initiative name, with the class they give.
fn head_class(word: &str) -> Option<Class> {
    // the longest head is "confédération" (15 bytes): longer words need no lower-casing
    if word.len() > 16 {
        return None;
    }
    let w = word.to_lowercase();
    let w = w.as_str();
    Some(match w {
        "ministère" | "comité" | "comités" | "commission" | "département" | "départements"
        | "direction" | "assemblée" | "consulat" | "consulats" | "ambassade" | "conseil"
        | "agence" | "administration" | "office" | "secrétariat" | "inspection"
        | "municipalité" | "gouvernement" | "préfecture" | "bureau" => Class::GovernmentBody,
        "université" | "institut" | "académie" | "école" | "laboratoire" | "faculté"
        | "collège" | "observatoire" => Class::ResearchOrganization,
        "réseau" | "association" | "fédération" | "union" | "club" | "alliance" | "chambre"
        | "confédération" | "consortium" | "communauté" => Class::Network,
        "groupe" | "corporation" | "société" | "compagnie" | "banque" | "holding" | "group" => {
            Class::Company
        }
        "centre" | "centres" | "parc" | "pôle" | "zone" | "hub" | "incubateur" | "technopole"
        | "technopôle" => Class::Centre,
        "fonds" => Class::Fund,
        "programme" | "projet" | "initiative" | "stratégie" | "plan" => Class::Programme,
        "plateforme" | "plate-forme" => Class::Platform,
        "accord" | "mémorandum" | "traité" | "protocole" | "convention" => Class::Agreement,
        "congrès" | "forum" | "conférence" | "sommet" | "séminaire" | "colloque" | "salon"
        | "exposition" | "festival" | "semaine" | "dialogue" => Class::Meeting,
        _ => return None,
    })
}

/// Words that can link the parts of a name ("Institut de technologie des postes").
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "les", "l'", "et", "en", "pour", "sur", "au", "aux",
];
const DETERMINERS: &[&str] = &["la", "le", "les", "l'"];
/// Words that end a name.
const STOP: &[&str] = &[
    "à",
    "a",
    "avec",
    "dans",
    "par",
    "qui",
    "que",
    "qu'",
    "dont",
    "où",
    "lors",
    "selon",
    "est",
    "sont",
    "sera",
    "seront",
    "ont",
    "été",
    "afin",
    "ainsi",
    "entre",
    "vers",
    "chez",
    "depuis",
    "contre",
    "sans",
    "sous",
    "comme",
    "ce",
    "cette",
    "ces",
    "cet",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "un",
    "une",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "ne",
    "pas",
    "plus",
    "très",
    "notamment",
    "également",
    "aussi",
    "mais",
    "ou",
    "si",
    "puis",
    "tout",
    "tous",
    "toutes",
    "toute",
    "se",
    "s'",
    "n'",
    "y",
    "après",
    "avant",
    "pendant",
    "durant",
    "jusqu'",
    "lorsqu'",
    "va",
    "vont",
    "peut",
    "doit",
    "fait",
    "été",
    "avait",
    "était",
    "seul",
    "même",
    "cela",
    "ceci",
    "celui",
    "celle",
    "dernier",
    "prochain",
    "premier",
    "mettra",
    "continuera",
    "vise",
    "devrait",
    "jouera",
    "soutiendra",
    "marque",
    "rassemble",
    "possède",
    "compte",
    "considère",
    "encourage",
    "conduite",
    "conduit",
    "prévoit",
    "souhaite",
    "entend",
    "dispose",
    "participe",
    "organise",
    "accueille",
    "coopère",
    "collabore",
    "travaille",
    "reçoit",
    "affirme",
    "annonce",
    "lance",
    "signe",
    "devient",
    "reste",
    "joue",
    "offre",
    "propose",
    "collaboration",
    "partenariat",
    "présence",
    "coordination",
    "a-t-il",
    "chaque",
    "plusieurs",
    "certains",
    "certaines",
    "nombreux",
    "nombreuses",
    "deux",
    "trois",
    "quatre",
];
/// Capitalised words that do not start a person's name.
const NOT_NAME: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "selon",
    "dans",
    "lors",
    "pour",
    "avec",
    "après",
    "par",
    "en",
    "au",
    "aux",
    "de",
    "du",
    "il",
    "elle",
    "ils",
    "elles",
    "ce",
    "cette",
    "ces",
    "c'",
    "sur",
    "à",
    "ainsi",
    "afin",
    "grâce",
    "malgré",
    "depuis",
    "outre",
    "toutefois",
    "cependant",
    "enfin",
    "photo",
    "source",
    "vna",
    "voir",
    "et",
    "mais",
    "or",
    "on",
    "nous",
    "son",
    "sa",
    "ses",
    "leur",
    "parti",
    "etat",
    "état",
    "comité",
    "conseil",
    "m",
    "mme",
    "dr",
    "pr",
    "premier",
    "ministre",
    "président",
    "secrétaire",
    "vice",
    "vice-ministre",
    "vice-premier",
    "directeur",
    "professeur",
    "suite",
    "conformément",
    "sur",
    "quelques",
    "plusieurs",
    "informant",
    "soutien",
    "résolution",
    "décision",
    "loi",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "congrès",
    "vietnam",
    "the",
    "of",
    "and",
    "secteur",
    "secteurs",
    "technologies",
    "sciences",
    "science",
    "technologie",
    "innovation",
    "recherche",
    "ainsi",
    "chine",
    "sud",
    "nord",
];
/// Titles and roles that introduce or follow a person's name (folded).
const TITLES: &[&str] = &[
    "vice premier ministre",
    "premier ministre",
    "vice ministre",
    "ministre",
    "secretaire general adjoint",
    "secretaire general",
    "secretaire",
    "vice president",
    "presidente",
    "president",
    "directeur general",
    "directeur national",
    "directeur principal",
    "directeur",
    "directrice",
    "pdg",
    "m.",
    "m",
    "mme",
    "professeur",
    "docteur",
    "dr",
    "ambassadeur",
    "ambassadrice",
    "consul general",
    "chef adjoint",
    "chef",
    "fondateur",
    "fondatrice",
    "representant",
    "representante",
    "haut dirigeant",
    "dirigeant",
    "recteur",
    "vice recteur",
    "doyen",
    "gouverneur",
    "maire",
    "envoye special",
    "co president",
    "presidente directrice generale",
    "chercheur",
    "chercheuse",
    "expert",
    "experte",
    "ingenieur",
    "secretaire adjoint permanent",
    "vice gouverneur",
    "conseiller",
    "conseillere",
    "delegue",
    "chef de la delegation",
    "president directeur general",
    "rectrice",
    "vice rectrice",
    "vice presidente",
    "directrice generale",
    "professeure",
    "doyenne",
    "homologue",
];
// Word lists are looked up per token and per candidate title: hashed once.
type WordSet = LazyLock<rustc_hash::FxHashSet<&'static str>>;
static STOP_SET: WordSet = LazyLock::new(|| STOP.iter().copied().collect());
static NOT_NAME_SET: WordSet = LazyLock::new(|| NOT_NAME.iter().copied().collect());
static TITLE_SET: WordSet = LazyLock::new(|| TITLES.iter().copied().collect());

/// Common Vietnamese family names: a capitalised triple starting with one is likely a person.
const VN_SURNAMES: &[&str] = &[
    "nguyen", "tran", "pham", "phan", "vo", "vu", "dang", "bui", "do", "ngo", "duong", "ly", "lam",
    "dinh", "trinh", "truong", "hoang", "huynh", "mai", "cao", "ta", "chu", "luong", "doan",
    "vuong", "trieu", "quach", "luu", "ha", "to", "lo",
];

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
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"^(\d{1,3}(e|è|ème|eme|er|re)|[IVX][IVXL]*e)$"));
static ACRONYM_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*\(\s*(?:([^()]{3,80}?)\s+[-–]\s+)?([A-Z][A-Za-z0-9&]*(?:[ .\-][A-Z0-9][A-Za-z0-9&]*){0,2})\s*\)",
    )
});
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*,\s*(le |la |l'|un |une )?(leader|géant|groupe|société|entreprise|firme|fabricant|spécialiste|pionnier)\b",
    )
});
static COMPANY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*(Co\.?,?\s*Ltd\.?|Corporation|Corp\.|Inc\.?|Group|JSC|Ltd\.?|GmbH|S\.A\.|SA|AG|plc)(?-u:\b)",
    )
});

fn is_stop(lw: &str) -> bool {
    STOP_SET.contains(lw)
}

fn is_participle(lw: &str) -> bool {
    ["é", "ée", "és", "ées"].iter().any(|s| lw.ends_with(s)) && lw.chars().count() > 4
}

/// Extends a name from its head noun at `toks[i]`; returns the index of its last token.
fn extend_name(toks: &[Token], i: usize) -> usize {
    let mut last = i;
    let mut j = i + 1;
    while j < toks.len() && j - i <= 18 {
        let t = &toks[j];
        let lw = t.lower();
        if t.text == "," {
            // "des sciences, des technologies et de l'environnement": a coordinated complement.
            let rest: Vec<String> = toks[j + 1..]
                .iter()
                .take_while(|x| !matches!(x.text, "," | "." | ";" | "(" | ")"))
                .map(|x| x.lower())
                .collect();
            let next_is_conn = rest
                .first()
                .is_some_and(|w| matches!(w.as_str(), "des" | "du" | "de"));
            let has_et = rest
                .windows(2)
                .any(|w| w[0] == "et" && matches!(w[1].as_str(), "de" | "des" | "du" | "d'"));
            let next_lower = toks.get(j + 2).is_some_and(|x| !x.is_capitalized());
            if next_is_conn && has_et && next_lower {
                j += 1;
                continue;
            }
            break;
        }
        if !t.is_word() && lw != "d'" && lw != "l'" {
            break;
        }
        // a person's name after an organisation ("Assemblée nationale du Vietnam Vuong Dinh Hue")
        if t.is_capitalized()
            && j > i + 1
            && VN_SURNAMES.contains(&crate::text::fold_key(t.text).as_str())
            && toks.get(j + 1).is_some_and(|n| n.is_capitalized())
            && toks.get(j + 2).is_some_and(|n| n.is_capitalized())
        {
            break;
        }
        if CONNECTORS.contains(&lw.as_str()) {
            // a connector must lead to a content word
            let mut k = j;
            while k < toks.len() && CONNECTORS.contains(&toks[k].lower().as_str()) && k - j < 3 {
                k += 1;
            }
            let Some(n) = toks.get(k) else { break };
            let nl = n.lower();
            if !n.is_word() || is_stop(&nl) || CONNECTORS.contains(&nl.as_str()) {
                break;
            }
            if DETERMINERS.contains(&lw.as_str()) {
                break; // "Centre X la ville": a determiner without "de" starts a new phrase
            }
            // "Institut Hoa Sen pour lancer ...": "pour" before an infinitive is a purpose
            if lw == "pour"
                && !n.is_capitalized()
                && (nl.ends_with("er") || nl.ends_with("ir") || nl.ends_with("re"))
            {
                break;
            }
            if lw == "et" {
                let after = toks[j + 1].lower();
                if DETERMINERS.contains(&after.as_str())
                    || matches!(after.as_str(), "un" | "une")
                    || title_starting_at(&[fold_key(toks[j + 1].text)], 0).is_some()
                {
                    break;
                }
                if toks[j + 1].is_capitalized()
                    && !matches!(after.as_str(), "de" | "des" | "du" | "d'")
                {
                    break;
                }
            }
            if n.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                break;
            }
            j = k;
            continue;
        }
        // "consacrés à", "conduite par", "basé au": a participle that opens a new phrase
        let next_opens = toks.get(j + 1).is_some_and(|n| {
            matches!(
                n.lower().as_str(),
                "à" | "au" | "aux" | "par" | "dans" | "en" | "pour" | "sur" | "avec"
            )
        });
        if is_stop(&lw) || (is_participle(&lw) && j > i + 1 && !t.is_capitalized() && next_opens) {
            break;
        }
        // "Centre Andes-Mékong ouvre ...": a lower-case word right after the proper name is
        // the sentence going on, not the name
        if !t.is_capitalized()
            && !lw.starts_with(|c: char| c.is_ascii_digit())
            && j > i + 1
            && toks[j - 1].is_capitalized()
        {
            break;
        }
        if lw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            // an event's year closes its name ("Forum Andes-Mékong 2026"); any other number
            // or ordinal ends a name ("Assemblée nationale de la 15e législature")
            let year = lw.len() == 4 && (lw.starts_with("19") || lw.starts_with("20"));
            if year && head_class(toks[i].text) == Some(Class::Meeting) {
                last = j;
            }
            break;
        }
        last = j;
        j += 1;
    }
    last
}

/// Candidate organisation / initiative names found by their head noun.
fn head_noun_names(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
    for (i, t) in toks.iter().enumerate() {
        let Some(class) = head_class(t.text) else {
            continue;
        };
        let capital = t.is_capitalized();
        let sentence_start = i == 0 || matches!(toks[i - 1].text, "«" | "\"" | "-");
        // "le programme INTENSE", "la plateforme L2Pro": a lower-case kind, then the name
        if !capital
            && matches!(
                t.lower().as_str(),
                "programme" | "plateforme" | "plate-forme" | "projet" | "fonds" | "initiative"
            )
        {
            let mut last = i;
            while last + 1 < toks.len()
                && last - i < 4
                && toks[last + 1].is_word()
                && toks[last + 1].is_capitalized()
                && !NOT_NAME_SET.contains(toks[last + 1].lower().as_str())
            {
                last += 1;
            }
            if last > i {
                // the kind is in the mention, the name alone is the label ("SOLVIET"), so that
                // the name used alone later is the same entity
                let span = t.start..toks[last].end;
                out.push(Candidate {
                    span,
                    target: Target::New(class, text[toks[i + 1].start..toks[last].end].to_string()),
                    rule: &R::INITIATIVE_KIND_AND_NAME,
                    confidence: R::INITIATIVE_KIND_AND_NAME.confidence,
                });
            }
            continue;
        }
        let last = extend_name(toks, i);
        if last == i {
            continue;
        }
        let words = &toks[i + 1..=last];
        let has_capital = words.iter().any(|w| w.is_capitalized());
        // lower-case heads ("ministère des Finances") need a capitalised complement;
        // a capitalised head at the start of a sentence may just be a capitalised common noun.
        let lower_ok = matches!(
            t.lower().as_str(),
            "ministère"
                | "département"
                | "université"
                | "institut"
                | "académie"
                | "ambassade"
                | "consulat"
        ) && words
            .iter()
            .find(|w| w.is_word() && !CONNECTORS.contains(&w.lower().as_str()))
            .is_some_and(|w| w.is_capitalized());
        // "l'incubateur d'innovation Amity", "le bureau commercial de l'ambassade du Vietnam en
        // Inde": a lower-case head whose name ends on a proper name
        let lower_tail_ok = matches!(
            t.lower().as_str(),
            "incubateur" | "bureau" | "département" | "comité" | "service" | "ambassade"
        ) && toks[last].is_capitalized()
            && (i == 0
                || matches!(
                    toks[i - 1].lower().as_str(),
                    "l'" | "le" | "la" | "du" | "au"
                ));
        if !capital && !lower_ok && !lower_tail_ok {
            continue;
        }
        if sentence_start && !has_capital && words.len() < 3 {
            continue;
        }
        // "14e Congrès du PCV", "4e réunion": the ordinal is part of an event's name
        let first = if class == Class::Meeting && i > 0 && ORDINAL.is_match(toks[i - 1].text) {
            i - 1
        } else {
            i
        };
        let span = toks[first].start..toks[last].end;
        let name = text[span.clone()].to_string();
        let rule = if capital {
            &R::ORG_HEAD_NOUN
        } else {
            &R::ORG_HEAD_NOUN_LOWERCASE
        };
        out.push(Candidate {
            span,
            target: Target::New(class, clean_name(&name)),
            rule,
            confidence: rule.confidence,
        });
    }
}

fn clean_name(s: &str) -> String {
    let mut n = s.trim().trim_end_matches([',', '.', ';', ':']).to_string();
    // "Centre de la la quatrième ...": collapse doubled words from the source text
    let words: Vec<&str> = n.split(' ').collect();
    let mut kept: Vec<&str> = Vec::new();
    for w in words {
        if kept.last().is_some_and(|l| {
            l.eq_ignore_ascii_case(w) && DETERMINERS.contains(&w.to_lowercase().as_str())
        }) {
            continue;
        }
        kept.push(w);
    }
    n = kept.join(" ");
    let mut c = n.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => n,
    }
}

/// Capitalised runs: possible proper names (start, end token indices, inclusive).
fn capital_runs(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].is_word()
            && toks[i].is_capitalized()
            && !NOT_NAME_SET.contains(toks[i].lower().as_str())
        {
            let mut j = i;
            while j + 1 < toks.len()
                && toks[j + 1].is_word()
                && (toks[j + 1].is_capitalized()
                    || toks[j + 1]
                        .text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit()))
                && j + 1 - i < 5
            {
                j += 1;
            }
            runs.push((i, j));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    runs
}

/// Events named with their year: "SEMIExpo Vietnam 2025", "Startup Flight 2025".
fn events_with_year(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
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
                rule: &R::EVENT_WITH_YEAR,
                confidence: R::EVENT_WITH_YEAR.confidence,
            });
        }
    }
}

/// Companies and programmes named after a context word ("le géant néerlandais ASML",
/// "la plateforme L2Pro", "Seoul Semiconductor Co., Ltd.", "Qualcomm, leader mondial").
fn context_names(toks: &[Token], text: &str, out: &mut Vec<Candidate>) {
    for (a, b) in capital_runs(toks) {
        let run_span = toks[a].start..toks[b].end;
        let name = text[run_span.clone()].to_string();
        // look back over up to 3 lower-case adjectives to a trigger noun
        let mut k = a;
        let mut trigger: Option<String> = None;
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
                trigger = Some("company".into());
                break;
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
                trigger = Some(lw);
                break;
            }
            if toks[k].is_capitalized() || !toks[k].is_word() {
                break;
            }
        }
        // "Andes Cobre Corporation": the suffix inside the capitalised run
        if b > a
            && matches!(
                toks[b].text,
                "Corporation" | "Group" | "JSC" | "Inc" | "GmbH" | "AG" | "Holdings"
            )
        {
            let span = toks[a].start..toks[b].end;
            out.push(Candidate {
                span: span.clone(),
                target: Target::New(Class::Company, text[span].to_string()),
                rule: &R::COMPANY_SUFFIX,
                confidence: R::COMPANY_SUFFIX.confidence,
            });
            continue;
        }
        let after = &text[toks[b].end..];
        if let Some(m) = COMPANY_SUFFIX.find(after) {
            let span = toks[a].start..toks[b].end + m.end();
            out.push(Candidate {
                span: span.clone(),
                target: Target::New(Class::Company, text[span].trim_end_matches('.').to_string()),
                rule: &R::COMPANY_SUFFIX,
                confidence: R::COMPANY_SUFFIX.confidence,
            });
            continue;
        }
        let apposition = after.trim_start().starts_with(',') && APPOSITION.is_match(after);
        let (class, rule) = match trigger.as_deref() {
            Some("company") => (Class::Company, &R::COMPANY_CONTEXT),
            Some("programme") | Some("projet") | Some("initiative") => {
                (Class::Programme, &R::INITIATIVE_CONTEXT)
            }
            Some("plateforme") | Some("plate-forme") | Some("application") => {
                (Class::Platform, &R::INITIATIVE_CONTEXT)
            }
            Some("fonds") => (Class::Fund, &R::INITIATIVE_CONTEXT),
            _ if apposition => (Class::Company, &R::COMPANY_APPOSITION),
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

fn folded_tokens(toks: &[Token]) -> Vec<String> {
    toks.iter().map(|t| fold_key(t.text)).collect()
}

/// Start of a title (from TITLES) that ends at token `end`, if any. Tokens fold to several
/// words ("vice-ministre" → "vice ministre"), so phrases are compared joined.
fn title_ending_at(ft: &[String], end: usize) -> Option<usize> {
    (end.saturating_sub(4)..=end).find(|&start| is_title(&ft[start..=end]))
}

fn is_title(words: &[String]) -> bool {
    let phrase = words.join(" ").replace(" .", ".");
    let titles = &*TITLE_SET;
    titles.contains(phrase.as_str()) || titles.contains(phrase.trim_end_matches('.'))
}

/// True when `text` opens with a title ("vice-président de ...").
pub fn starts_with_title(text: &str) -> bool {
    let toks = tokenize(text, 0);
    let ft = folded_tokens(&toks);
    title_starting_at(&ft, 0).is_some()
}

/// Length (in tokens) of the longest title starting at token `s`.
fn title_starting_at(ft: &[String], s: usize) -> Option<usize> {
    (1..=5)
        .rev()
        .find(|&n| s + n <= ft.len() && is_title(&ft[s..s + n]))
}

/// People, found by a title before the name or a role after it.
/// Which person rule a name's context fits, with its confidence, in order of strength.
fn person_rule(
    titled: bool,
    titled_one_word: bool,
    role_after: bool,
    vn_name: bool,
) -> Option<(&'static Rule, f64)> {
    if titled {
        Some((&R::PERSON_TITLE, R::PERSON_TITLE.confidence))
    } else if titled_one_word {
        // a single word after a title is as often a place or a common noun
        Some((&R::PERSON_TITLE, 0.6))
    } else if role_after {
        Some((
            &R::PERSON_ROLE_APPOSITION,
            R::PERSON_ROLE_APPOSITION.confidence,
        ))
    } else if vn_name {
        Some((
            &R::PERSON_VIETNAMESE_NAME,
            R::PERSON_VIETNAMESE_NAME.confidence,
        ))
    } else {
        None
    }
}

fn person_names(
    toks: &[Token],
    text: &str,
    taken: &[Range<usize>],
    out: &mut Vec<Candidate>,
    roles: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    let ft = folded_tokens(toks);
    for (a0, b) in capital_runs(toks) {
        // "des Finances Nguyen Van Thang": the name may be a suffix of a capitalised run
        for a in a0..=b {
            if a > a0 && b - a < 1 {
                break;
            }
            if b == a && !toks[a].is_capitalized() {
                continue;
            }
            // "La Professeure Balvinder Shukla": the title is not part of the name
            if is_title(&ft[a..=a]) {
                continue;
            }
            let span = toks[a].start..toks[b].end;
            if taken
                .iter()
                .any(|r| r.start < span.end && span.start < r.end)
            {
                continue;
            }
            if toks[a..=b].iter().any(|t| {
                t.is_all_caps()
                    || head_class(t.text).is_some()
                    || t.text.chars().any(|c| c.is_ascii_digit())
            }) {
                continue;
            }
            let n = b - a + 1;
            // (a) a title just before: "le ministre des Finances Nguyen Van Thang", "M. Ram Krishnan"
            let mut k = a;
            if k > 0 && toks[k - 1].text == "," {
                k -= 1;
            }
            if k > 0 && toks[k - 1].text == "." {
                k -= 1; // "M." / "Dr."
            }
            let mut title: Option<Range<usize>> = None;
            if k > 0
                && !matches!(
                    ft[k - 1].as_str(),
                    "de" | "du" | "des" | "d'" | "chez" | "l'" | "la" | "le" | "a" | "avec" | "et"
                )
            {
                // walk back over the title's complement to a title word
                let lo = k.saturating_sub(16);
                for e in (lo..k).rev() {
                    if matches!(toks[e].text, "." | ";" | ":")
                        && !(e + 1 == k && toks[e].text == ".")
                    {
                        break;
                    }
                    if toks[e].text == "," && e + 1 != k {
                        break;
                    }
                    if is_stop(&ft[e]) && ft[e] != "a" || ft[e] == "a" && toks[e].text == "a" {
                        break;
                    }
                    if let Some(s) = title_ending_at(&ft, e) {
                        title = Some(toks[s].start..toks[k - 1].end);
                        break;
                    }
                }
            }
            // (b) a role right after: "Lê Truong Duy, directeur du Centre ..."
            let mut role_after: Option<Range<usize>> = None;
            if b + 2 < toks.len() && toks[b + 1].text == "," {
                let mut s = b + 2;
                if matches!(ft[s].as_str(), "le" | "la" | "l'" | "un" | "une") {
                    s += 1;
                }
                if title_starting_at(&ft, s).is_some() {
                    let mut e = s;
                    while e + 1 < toks.len()
                        && !matches!(toks[e + 1].text, "," | "." | ";" | ":" | ")")
                        && !matches!(
                            ft[e + 1].as_str(),
                            "lors" | "a" | "ont" | "qui" | "dans" | "est"
                        )
                        && e - s < 20
                    {
                        e += 1;
                    }
                    // keep a parenthesised acronym inside the role
                    if e + 1 < toks.len() && toks[e + 1].text == "(" {
                        if let Some(c) =
                            (e + 1..toks.len().min(e + 8)).find(|&c| toks[c].text == ")")
                        {
                            e = c;
                        }
                    }
                    role_after = Some(toks[s].start..toks[e].end);
                }
            }
            let vn_name = n == 3 && VN_SURNAMES.contains(&ft[a].as_str()) && ft[a] != "le";
            let one_word = title.is_some() && n == 1 && toks[a].text.chars().count() > 2;
            let Some((rule, conf)) = person_rule(
                title.is_some() && n >= 2,
                one_word,
                role_after.is_some() && n >= 2,
                vn_name,
            ) else {
                continue;
            };
            let name = text[span.clone()].to_string();
            // "le professeur X, président de Y": the honorific gives way to the role after
            let counterpart = title
                .as_ref()
                .is_some_and(|r| fold_key(&text[r.clone()]).starts_with("homologue"));
            if let Some(r) = title.clone().filter(|_| !counterpart) {
                let honorific = matches!(
                    fold_key(&text[r.clone()]).as_str(),
                    "professeur"
                        | "professeure"
                        | "docteur"
                        | "dr"
                        | "dr."
                        | "m."
                        | "mme"
                        | "m"
                        | "professeur dr"
                );
                // "M.", "le professeur": a form of address, not a role
                if !honorific {
                    roles.push((span.clone(), r));
                }
            }
            if let Some(r) = role_after.clone() {
                roles.push((span.clone(), r));
            }
            out.push(Candidate {
                span,
                target: Target::New(Class::Person, name),
                rule,
                confidence: conf,
            });
            break;
        }
    }
}

fn policy_names(sentence: &str, base: usize, gaz: &super::Gazetteer, out: &mut Vec<Candidate>) {
    for c in POLICY.captures_iter(sentence) {
        let kind = c[1].to_lowercase();
        let class = if kind.starts_with("r") {
            Class::Resolution
        } else {
            Class::Decision
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
                None => Target::New(
                    class,
                    format!(
                        "{} {}",
                        if class == Class::Resolution {
                            "Résolution"
                        } else {
                            "Décision"
                        },
                        num_raw
                    ),
                ),
            },
            None => Target::New(
                class,
                format!(
                    "{} n°{}",
                    if class == Class::Resolution {
                        "Résolution"
                    } else {
                        "Décision"
                    },
                    num_raw
                ),
            ),
        };
        out.push(Candidate {
            span,
            target,
            rule: &R::POLICY_NUMBER,
            confidence: R::POLICY_NUMBER.confidence,
        });
    }
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
            rule: &R::POLICY_LAW,
            confidence: R::POLICY_LAW.confidence,
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

/// All mentions in the article, resolved to entities (added to `entities`).
/// A person's role phrase ("ministre des Finances"), with where it was read.
pub struct RoleFound {
    pub person: String,
    pub role: Range<usize>,
    pub story: usize,
    pub sentence: usize,
}

/// A person's name and the role phrase beside it.
type RolePhrase = (Range<usize>, Range<usize>);

/// Candidates of one sentence, and the role phrases beside people's names.
type SentenceCandidates = (usize, usize, Vec<Candidate>, Vec<RolePhrase>);

/// An acronym or name the article defines, what it stands for, and whether it is matched as
/// written (acronyms, organisations) or folded (long forms, people).
type Alias = (String, Target, bool);

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
    let aliases = article_aliases(gaz, text, &per_sentence);
    alias_candidates(&aliases, article, folds, &mut per_sentence);
    // Pass 2: choose non-overlapping mentions and resolve them.
    let (mut mentions, person_roles) = resolve(gaz, per_sentence, entities);
    ministries_in_titles(gaz, text, &person_roles, &mut mentions, entities);
    record_acronyms(gaz, &aliases, entities);
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
            Hit::Name(i) => (Target::Known(i), &R::GAZETTEER, R::GAZETTEER.confidence),
            Hit::Demonym(i) => (
                Target::Demonym(i),
                &R::GAZETTEER_DEMONYM,
                R::GAZETTEER_DEMONYM.confidence,
            ),
            Hit::Compound(a, b) => (
                Target::Pair(a, b),
                &R::GAZETTEER_COMPOUND_DEMONYM,
                R::GAZETTEER_COMPOUND_DEMONYM.confidence,
            ),
        };
        cands.push(Candidate {
            span,
            target,
            rule,
            confidence: conf,
        });
    }
    policy_names(s, r.start, gaz, &mut cands);
    let toks = tokenize(s, r.start);
    head_noun_names(&toks, text, &mut cands);
    context_names(&toks, text, &mut cands);
    events_with_year(&toks, text, &mut cands);
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
    person_names(&toks, text, &taken, &mut cands, &mut roles);
    (cands, roles)
}

fn article_aliases(
    gaz: &super::Gazetteer,
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
fn alias_candidates(
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
        let ac_exact = super::gazetteer::FewPatterns::new(exact.iter().map(|a| a.0.as_str()));
        let ac_fold = super::gazetteer::FewPatterns::new(folded_keys.iter().map(String::as_str));
        for (si, ji, cands, _) in per_sentence.iter_mut() {
            let r = article.stories[*si].sentences[*ji].clone();
            let s = &text[r.clone()];
            for (a, b, pat) in ac_exact.matches_at_word_boundaries(s) {
                cands.push(Candidate {
                    span: r.start + a..r.start + b,
                    target: exact[pat].1.clone(),
                    rule: &R::ALIAS_IN_ARTICLE,
                    confidence: R::ALIAS_IN_ARTICLE.confidence,
                });
            }
            let f = &folds[*si][*ji];
            for (a, b, pat) in ac_fold.matches_at_word_boundaries(&f.text) {
                let (a, b) = f.original_range(a, b, s);
                cands.push(Candidate {
                    span: r.start + a..r.start + b,
                    target: folded[pat].1.clone(),
                    rule: &R::ALIAS_IN_ARTICLE,
                    confidence: R::ALIAS_IN_ARTICLE.confidence,
                });
            }
        }
    }
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

/// Acronyms become the entity's acronym.
fn record_acronyms(
    gaz: &super::Gazetteer,
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

/// Longest candidates win; among equal spans, the more confident.
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
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

/// "le ministre vietnamien des Finances", "vice-ministre russe des Sciences et de
/// l'Enseignement supérieur": the title names a ministry, which becomes a mention of its own
/// (of the person's country when the title says a foreign one).
static MINISTER_OF: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)^(?:vice-)?ministre(?:\s+\p{Ll}[\p{Ll}-]*)?\s+(des|de la|de l['’]|du)\s*([^,(]+)",
    )
});

fn ministries_in_titles(
    gaz: &super::Gazetteer,
    text: &str,
    roles: &[(String, Range<usize>, usize, usize)],
    mentions: &mut Vec<Mention>,
    entities: &mut BTreeMap<String, Entity>,
) {
    for (_, role, si, ji) in roles {
        let Some(c) = MINISTER_OF.captures(&text[role.clone()]) else {
            continue;
        };
        let (Some(article), Some(what)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let what_text = what.as_str().trim_end();
        let span = role.start + what.start()..role.start + what.start() + what_text.len();
        if what_text.is_empty() || mentions.iter().any(|m| m.span == span) {
            continue;
        }
        let country = mentions
            .iter()
            .find(|m| {
                m.demonym
                    && m.span.start >= role.start
                    && m.span.end <= span.start
                    && entities
                        .get(&m.iri)
                        .is_some_and(|e| e.class == Class::Country)
            })
            .map(|m| m.iri.clone());
        let base = format!("Ministère {} {what_text}", article.as_str().trim_end())
            .replace("l' ", "l'")
            .replace("l’ ", "l'");
        let foreign = country
            .as_deref()
            .filter(|c| !c.ends_with("/vn"))
            .and_then(|c| entities.get(c))
            .map(|e| e.label.clone());
        let name = match &foreign {
            Some(country) => format!("{base} {}", of_country(country)),
            None => base,
        };
        let e = gaz
            .lookup(&name)
            .cloned()
            .unwrap_or_else(|| Entity::new(Class::GovernmentBody, &name));
        let iri = e.iri.clone();
        entities.entry(iri.clone()).or_insert(e);
        // the ministry's name replaces anything matched inside it ("Sciences", "Technologies")
        mentions.retain(|m| !(m.span.start >= span.start && m.span.end <= span.end));
        mentions.push(Mention {
            iri,
            span,
            story: *si,
            sentence: *ji,
            rule: R::MINISTRY_IN_TITLE.name,
            confidence: R::MINISTRY_IN_TITLE.confidence,
            attribute: false,
            demonym: false,
            compound: false,
        });
    }
}

/// "de Russie", "du Japon", "des États-Unis", "d'Australie".
pub fn of_country(label: &str) -> String {
    let first = label.chars().next().unwrap_or('x');
    if "AEIOUÉÈÊÂÎÔÛ".contains(first) && !label.ends_with("Unis") {
        format!("d'{label}")
    } else if label.ends_with('s') {
        format!("des {label}")
    } else if label.ends_with('e') {
        format!("de {label}")
    } else {
        format!("du {label}")
    }
}
