//! Word lists shared by the name rules: connectors, words that end a name, words that are
//! never names, titles, Vietnamese family names; and the small helpers that read them.

use super::super::tokens::Token;
use super::super::Class;
use std::sync::LazyLock;

/// Head nouns that start an organisation or initiative name, with the class they give.
pub(super) fn head_class(word: &str) -> Option<Class> {
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
        "programme" | "projet" | "initiative" => Class::Programme,
        "stratégie" | "plan" | "politique" | "vision" => Class::Policy,
        "plateforme" | "plate-forme" => Class::Platform,
        "accord" | "mémorandum" | "traité" | "protocole" | "convention" => Class::Agreement,
        "congrès" | "forum" | "conférence" | "sommet" | "séminaire" | "colloque" | "salon"
        | "exposition" | "festival" | "semaine" | "dialogue" => Class::Meeting,
        _ => return None,
    })
}

/// Words that can link the parts of a name ("Institut de technologie des postes").
pub(super) const CONNECTORS: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "les", "l'", "et", "en", "pour", "sur", "au", "aux",
];
pub(super) const DETERMINERS: &[&str] = &["la", "le", "les", "l'"];
/// Words that end a name.
pub(super) const STOP: &[&str] = &[
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
pub(super) const NOT_NAME: &[&str] = &[
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
pub(super) const TITLES: &[&str] = &[
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
pub(super) type WordSet = LazyLock<rustc_hash::FxHashSet<&'static str>>;
pub(super) static STOP_SET: WordSet = LazyLock::new(|| STOP.iter().copied().collect());
pub(super) static NOT_NAME_SET: WordSet =
    LazyLock::new(|| NOT_NAME.iter().chain(MONTHS).copied().collect());
pub(super) static TITLE_SET: WordSet = LazyLock::new(|| TITLES.iter().copied().collect());

/// Common Vietnamese family names: a capitalised triple starting with one is likely a person.
pub(super) const VN_SURNAMES: &[&str] = &[
    "nguyen", "tran", "pham", "phan", "vo", "vu", "dang", "bui", "do", "ngo", "duong", "ly", "lam",
    "dinh", "trinh", "truong", "hoang", "huynh", "mai", "cao", "ta", "chu", "luong", "doan",
    "vuong", "trieu", "quach", "luu", "ha", "to", "lo",
];

pub(super) fn is_stop(lw: &str) -> bool {
    STOP_SET.contains(lw)
}

pub(super) fn is_participle(lw: &str) -> bool {
    ["é", "ée", "és", "ées"].iter().any(|s| lw.ends_with(s)) && lw.chars().count() > 4
}

pub(super) fn clean_name(s: &str) -> String {
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
pub(super) fn capital_runs(toks: &[Token]) -> Vec<(usize, usize)> {
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

/// Month names, folded and not: a month after "en" or before "à" is a date, not a name.
pub(super) const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
];
