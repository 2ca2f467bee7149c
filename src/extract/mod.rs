//! Extraction: from a segmented [`Article`] to entities, mentions and facts, each fact tied to
//! the sentence it was read from, the rule that read it, and a confidence.
//!
//! Names come from two sources: the curated [`gazetteer`] and the [`names`] rules that find
//! organisations, people, initiatives and policies by their structure, so unseen names are found
//! too. [`relations`] then reads facts sentence by sentence.

pub mod gazetteer;
pub(crate) mod names;
mod relations;
pub mod rule;
mod tokens;

use crate::corpus::Article;
use crate::text::slug;
pub use gazetteer::Gazetteer;
pub use rule::{Family, Rule};
use std::collections::BTreeMap;
use std::ops::Range;

/// Ontology classes an entity can have (local names in the vnkg namespace).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum Class {
    Person,
    Organization,
    GovernmentBody,
    Company,
    ResearchOrganization,
    Network,
    Locality,
    Country,
    Sector,
    Initiative,
    Centre,
    Programme,
    Platform,
    Agreement,
    Meeting,
    Fund,
    Policy,
    Resolution,
    Decision,
    Law,
}

/// The ontology's five top-level classes, under which every [`Class`] falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TopClass {
    Actor,
    Country,
    Initiative,
    Policy,
    Sector,
}

impl TopClass {
    pub const ALL: [TopClass; 5] = [
        TopClass::Actor,
        TopClass::Country,
        TopClass::Initiative,
        TopClass::Policy,
        TopClass::Sector,
    ];

    /// The local name of its IRI in the vnkg namespace.
    pub fn local(self) -> &'static str {
        match self {
            TopClass::Actor => "Actor",
            TopClass::Country => "Country",
            TopClass::Initiative => "Initiative",
            TopClass::Policy => "Policy",
            TopClass::Sector => "Sector",
        }
    }

    /// The classes that fall under it (itself included where it is a class entities have).
    pub fn members(self) -> impl Iterator<Item = Class> {
        Class::ALL.into_iter().filter(move |c| c.top() == self)
    }
}

impl Class {
    pub const ALL: [Class; 20] = [
        Class::Person,
        Class::Organization,
        Class::GovernmentBody,
        Class::Company,
        Class::ResearchOrganization,
        Class::Network,
        Class::Locality,
        Class::Country,
        Class::Sector,
        Class::Initiative,
        Class::Centre,
        Class::Programme,
        Class::Platform,
        Class::Agreement,
        Class::Meeting,
        Class::Fund,
        Class::Policy,
        Class::Resolution,
        Class::Decision,
        Class::Law,
    ];

    pub fn local(self) -> &'static str {
        match self {
            Class::Person => "Person",
            Class::Organization => "Organization",
            Class::GovernmentBody => "GovernmentBody",
            Class::Company => "Company",
            Class::ResearchOrganization => "ResearchOrganization",
            Class::Network => "Network",
            Class::Locality => "Locality",
            Class::Country => "Country",
            Class::Sector => "Sector",
            Class::Initiative => "Initiative",
            Class::Centre => "Centre",
            Class::Programme => "Programme",
            Class::Platform => "Platform",
            Class::Agreement => "Agreement",
            Class::Meeting => "Meeting",
            Class::Fund => "Fund",
            Class::Policy => "Policy",
            Class::Resolution => "Resolution",
            Class::Decision => "Decision",
            Class::Law => "Law",
        }
    }

    pub fn from_local(s: &str) -> Option<Class> {
        Class::ALL.iter().copied().find(|c| c.local() == s)
    }

    /// The top-level class: Actor, Country, Sector, Initiative or Policy.
    pub fn top(self) -> TopClass {
        match self {
            Class::Country => TopClass::Country,
            Class::Sector => TopClass::Sector,
            Class::Initiative
            | Class::Centre
            | Class::Programme
            | Class::Platform
            | Class::Agreement
            | Class::Meeting
            | Class::Fund => TopClass::Initiative,
            Class::Policy | Class::Resolution | Class::Decision | Class::Law => TopClass::Policy,
            _ => TopClass::Actor,
        }
    }

    /// IRI path segment for entities of this class.
    pub fn kind(self) -> &'static str {
        match self.top() {
            TopClass::Country => "country",
            TopClass::Sector => "sector",
            TopClass::Initiative => "initiative",
            TopClass::Policy => "policy",
            TopClass::Actor => "actor",
        }
    }

    pub fn is_actor(self) -> bool {
        self.top() == TopClass::Actor
    }
    pub fn is_org(self) -> bool {
        self.is_actor() && !matches!(self, Class::Person | Class::Locality)
    }
    /// Can be a party to a partnership (organisations, localities, countries).
    pub fn is_party(self) -> bool {
        (self.is_actor() && self != Class::Person)
            || self == Class::Country
            || self == Class::Centre
    }
}

pub const ID: &str = "https://w3id.org/vnkg/id/";

/// A resolved entity: one IRI for every spelling of the same name.
#[derive(Debug, Clone)]
pub struct Entity {
    pub iri: String,
    pub class: Class,
    pub label: String,
    pub label_en: Option<String>,
    pub acronym: Option<String>,
    pub number: Option<String>,
    /// basedInCountry from the gazetteer.
    pub country: Option<String>,
    pub from_gazetteer: bool,
}

impl Entity {
    pub fn new(class: Class, label: &str) -> Entity {
        Entity {
            iri: format!("{ID}{}/{}", class.kind(), slug(label)),
            class,
            label: label.to_string(),
            label_en: None,
            acronym: None,
            number: None,
            country: None,
            from_gazetteer: false,
        }
    }
}

/// A place in a sentence where an entity is named.
#[derive(Debug, Clone)]
pub struct Mention {
    pub iri: String,
    pub span: Range<usize>,
    pub story: usize,
    pub sentence: usize,
    pub rule: &'static str,
    pub confidence: f64,
    /// Named as an attribute of another entity ("le géant néerlandais ASML"), not as an actor.
    pub attribute: bool,
    pub demonym: bool,
    /// A compound adjective naming two countries ("vietnamo-russe").
    pub compound: bool,
}

/// Partnership status, weakest to strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Proposed,
    Active,
    Agreed,
}

impl Status {
    pub fn local(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Active => "Active",
            Status::Agreed => "Agreed",
        }
    }
}

/// Binary relations between entities (vnkg object properties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Predicate {
    FocusesOn,
    Implements,
    IssuedBy,
    LocatedIn,
    BasedInCountry,
    MemberOf,
    ParticipatesIn,
    MetWith,
}

impl Predicate {
    pub fn local(self) -> &'static str {
        match self {
            Predicate::FocusesOn => "focusesOn",
            Predicate::Implements => "implements",
            Predicate::IssuedBy => "issuedBy",
            Predicate::LocatedIn => "locatedIn",
            Predicate::BasedInCountry => "basedInCountry",
            Predicate::MemberOf => "memberOf",
            Predicate::ParticipatesIn => "participatesIn",
            Predicate::MetWith => "metWith",
        }
    }
}

#[derive(Debug, Clone)]
pub enum FactKind {
    Relation {
        subject: String,
        predicate: Predicate,
        object: String,
    },
    Role {
        person: String,
        title: String,
    },
    Partnership {
        parties: Vec<String>,
        /// Who cooperates with whom: "X ... avec A, B et C" pairs X with each of A, B, C;
        /// "A et B ont signé" pairs everyone.
        pairs: Vec<(String, String)>,
        sectors: Vec<String>,
        initiatives: Vec<String>,
        status: Status,
    },
}

/// One fact read from one sentence.
#[derive(Debug, Clone)]
pub struct Fact {
    pub kind: FactKind,
    pub story: usize,
    pub sentence: usize,
    pub rule: &'static str,
    pub confidence: f64,
    /// A date written in the sentence ("le 28 août").
    pub date: Option<String>,
}

/// Everything read from one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub entities: BTreeMap<String, Entity>,
    /// The entities of each teaser story (by story index) as that story alone names them:
    /// what its own graph says of them.
    pub teaser_entities: BTreeMap<usize, BTreeMap<String, Entity>>,
    pub mentions: Vec<Mention>,
    pub facts: Vec<Fact>,
}

impl Extraction {
    /// Drops facts (and mentions) below a confidence threshold.
    pub fn filter_confidence(&mut self, min: f64) {
        self.facts.retain(|f| f.confidence >= min);
        self.mentions.retain(|m| m.confidence >= min);
    }
}

/// The extractor: gazetteer plus rules. Cheap to share across threads.
pub struct Extractor {
    pub gazetteer: Gazetteer,
}

/// Each sentence's fold, by story and sentence index.
type Folds = Vec<Vec<crate::text::Folded>>;

impl Extractor {
    pub fn new(gazetteer: Gazetteer) -> Self {
        Extractor { gazetteer }
    }

    pub fn builtin() -> crate::Result<Self> {
        Ok(Extractor::new(Gazetteer::builtin()?))
    }

    /// Reads an article. A "Voir plus" teaser is another article's blurb: it is read on its
    /// own, without the main story's acronyms and names, so the same teaser reads the same in
    /// every file that carries it and is stored once, in its own graph (`rdf::mapping`).
    pub fn extract(&self, article: &Article) -> Extraction {
        let (teasers, main): (Vec<usize>, Vec<usize>) =
            (0..article.stories.len()).partition(|&i| article.stories[i].is_teaser);
        if teasers.is_empty() {
            return self.extract_unit(article);
        }
        let mut ex = if main.is_empty() {
            Extraction::default()
        } else {
            self.extract_part(article, &main, false)
        };
        for t in teasers {
            let part = self.extract_part(article, &[t], true);
            for (k, e) in &part.entities {
                ex.entities.entry(k.clone()).or_insert_with(|| e.clone());
            }
            ex.mentions.extend(part.mentions);
            ex.facts.extend(part.facts);
            ex.teaser_entities.insert(t, part.entities);
        }
        // in story order, each story's in the order read (stable sorts)
        ex.mentions.sort_by_key(|m| m.story);
        ex.facts.sort_by_key(|f| f.story);
        ex
    }

    /// Reads some of an article's stories as if they were the whole article; story indices
    /// in the result are the article's.
    fn extract_part(&self, article: &Article, stories: &[usize], teaser: bool) -> Extraction {
        let part = Article {
            stories: stories
                .iter()
                .map(|&i| article.stories[i].clone())
                .collect(),
            // a teaser has no headline of the page and no date of its own
            title: if teaser { None } else { article.title.clone() },
            date: if teaser { None } else { article.date.clone() },
            ..article.clone()
        };
        let mut ex = self.extract_unit(&part);
        for m in &mut ex.mentions {
            m.story = stories[m.story];
        }
        for f in &mut ex.facts {
            f.story = stories[f.story];
        }
        ex
    }

    fn extract_unit(&self, article: &Article) -> Extraction {
        let mut ex = Extraction::default();
        // every sentence folded once, for the gazetteer, the aliases and the relation rules
        let folds: Folds = article
            .stories
            .iter()
            .map(|s| {
                s.sentences
                    .iter()
                    .map(|r| crate::text::fold(&article.text[r.clone()]))
                    .collect()
            })
            .collect();
        let (mentions, roles) = names::find_mentions(self, article, &folds, &mut ex.entities);
        ex.mentions = mentions;
        ex.facts = relations::find_facts(
            self,
            article,
            &folds,
            &mut ex.mentions,
            &ex.entities,
            &roles,
        );
        // A demonym that only describes ("étudiants vietnamiens", "le géant néerlandais ASML")
        // is not a mention of the country; what it says is kept as a fact (basedInCountry).
        let text = &article.text;
        ex.mentions.retain(|m| {
            !m.demonym || m.compound || {
                let r = &article.stories[m.story].sentences[m.sentence];
                relations::names_a_party(&text[r.start..m.span.start])
            }
        });
        ex
    }
}

#[derive(serde::Serialize)]
struct MentionRow<'a> {
    article: &'a str,
    attribute: bool,
    class: &'a str,
    confidence: f64,
    end: usize,
    entity: &'a str,
    label: &'a str,
    rule: &'a str,
    start: usize,
    surface: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}
#[derive(serde::Serialize)]
struct StatementRow<'a> {
    article: &'a str,
    confidence: f64,
    object: &'a str,
    predicate: &'a str,
    rule: &'a str,
    sentence: &'a str,
    subject: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}
#[derive(serde::Serialize)]
struct PartnershipRow<'a> {
    article: &'a str,
    confidence: f64,
    initiatives: Vec<&'a str>,
    /// who partners whom, across the sides (the pairs `cooperatesWith` is written for)
    pairs: Vec<[&'a str; 2]>,
    parties: Vec<&'a str>,
    rule: &'a str,
    sectors: Vec<&'a str>,
    sentence: &'a str,
    status: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// The extraction as JSON objects (one per mention and per fact), for `vnkg extract`.
/// Typed rows rather than `json!` maps (a map per row was a tenth of `extract`'s time); the
/// fields are declared in alphabetical order, the order the maps wrote them in.
pub fn json_lines(article: &Article, ex: &Extraction) -> Vec<String> {
    let text = &article.text;
    let ci = crate::text::CharIndex::new(text);
    let label = |iri: &'_ str| -> String {
        ex.entities
            .get(iri)
            .map(|e| e.label.clone())
            .unwrap_or_else(|| iri.to_string())
    };
    let mut out = Vec::with_capacity(ex.mentions.len() + ex.facts.len());
    for m in &ex.mentions {
        let class = ex
            .entities
            .get(&m.iri)
            .map(|e| e.class.local())
            .unwrap_or("");
        let l = label(&m.iri);
        out.push(row(&MentionRow {
            article: &article.id,
            attribute: m.attribute,
            class,
            confidence: m.confidence,
            end: ci.char_offset(m.span.end),
            entity: &m.iri,
            label: &l,
            rule: m.rule,
            start: ci.char_offset(m.span.start),
            surface: &text[m.span.clone()],
            kind: "mention",
        }));
    }
    for f in &ex.facts {
        out.push(fact_line(article, f, &label));
    }
    out
}

/// One fact as a JSON line.
fn fact_line(article: &Article, f: &Fact, label: &dyn Fn(&str) -> String) -> String {
    let sentence = &article.text[article.stories[f.story].sentences[f.sentence].clone()];
    match &f.kind {
        FactKind::Relation {
            subject,
            predicate,
            object,
        } => {
            let (s, o) = (label(subject), label(object));
            row(&StatementRow {
                article: &article.id,
                confidence: f.confidence,
                object: &o,
                predicate: predicate.local(),
                rule: f.rule,
                sentence,
                subject: &s,
                kind: "relation",
            })
        }
        FactKind::Role { person, title } => {
            let s = label(person);
            row(&StatementRow {
                article: &article.id,
                confidence: f.confidence,
                object: title,
                predicate: "hasRole",
                rule: f.rule,
                sentence,
                subject: &s,
                kind: "role",
            })
        }
        FactKind::Partnership {
            pairs,
            parties,
            sectors,
            initiatives,
            status,
        } => {
            let labels = |xs: &[String]| xs.iter().map(|x| label(x)).collect::<Vec<_>>();
            let (i, p, s) = (labels(initiatives), labels(parties), labels(sectors));
            let pairs: Vec<[String; 2]> = pairs.iter().map(|(a, b)| [label(a), label(b)]).collect();
            row(&PartnershipRow {
                article: &article.id,
                confidence: f.confidence,
                initiatives: i.iter().map(String::as_str).collect(),
                pairs: pairs
                    .iter()
                    .map(|[a, b]| [a.as_str(), b.as_str()])
                    .collect(),
                parties: p.iter().map(String::as_str).collect(),
                rule: f.rule,
                sectors: s.iter().map(String::as_str).collect(),
                sentence,
                status: status.local(),
                kind: "partnership",
            })
        }
    }
}

/// One JSON line; rows are plain strings and numbers, so serialising cannot fail.
fn row<T: serde::Serialize>(r: &T) -> String {
    serde_json::to_string(r).unwrap_or_default()
}
