//! Mapping one article's extraction to quads in the article's named graph.
//!
//! Provenance is compact: one evidence node per mention and per fact (not a reified statement
//! per triple), pointing at a sentence node that carries the text and its offsets.
//! Story, partnership and entity IRIs are content-addressed, so the same story in two files
//! yields the same IRIs and support is counted by distinct stories.

use super::term;
use super::vocab::*;
use crate::corpus::Article;
use crate::extract::{Extraction, Fact, FactKind};
use crate::text::{short_hash, slug, CharIndex};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// How much provenance a mention leaves in the store. Facts (relations, roles, partnership
/// statements) always keep full provenance: sentence, rule, confidence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Provenance {
    /// One `entity vnkg:mentionedIn sentence` triple per entity and sentence; offsets,
    /// surface form, rule and confidence of each mention stay in `vnkg extract`'s JSON Lines.
    #[default]
    Compact,
    /// Also a `vnkg:MentionEvidence` node per mention (nine triples each).
    Full,
}

/// The quads of one article, with counts for the build summary.
pub struct MappedArticle {
    pub graph: GraphName,
    pub quads: Vec<Quad>,
    pub provenance_quads: usize,
    pub evidence_nodes: usize,
}

pub fn article_iri(id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}article/{id}"))
}
pub fn article_graph(id: &str) -> GraphName {
    graph(&format!("article/{id}"))
}
pub fn story_iri(hash: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}story/{hash}"))
}

/// Quads in the order written, each once: identical triples from two sentences are one
/// triple in RDF. A set that keeps order avoids cloning every quad to deduplicate.
struct Out {
    g: GraphName,
    quads: indexmap::IndexSet<Quad, rustc_hash::FxBuildHasher>,
    prov: usize,
}

impl Out {
    fn add(
        &mut self,
        s: impl Into<NamedOrBlankNode>,
        p: impl Into<NamedNode>,
        o: impl Into<Term>,
    ) -> bool {
        self.quads.insert(Quad::new(s, p, o, self.g.clone()))
    }
    fn prov(
        &mut self,
        s: impl Into<NamedOrBlankNode>,
        p: impl Into<NamedNode>,
        o: impl Into<Term>,
    ) {
        if self.add(s, p, o) {
            self.prov += 1;
        }
    }
}

fn fr(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(clean_literal(s), "fr")
}
fn int(i: usize) -> Literal {
    Literal::from(i as i64)
}
fn plain(s: &str) -> Literal {
    Literal::new_simple_literal(clean_literal(s))
}

/// Control characters other than tab/newline have no place in labels.
fn clean_literal(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// `run_key` names the extractor, its settings and its gazetteer: an article is rewritten only
/// when its text or the run key changed, so `modified` says when its facts last changed.
pub fn map_article(
    article: &Article,
    ex: &Extraction,
    run_key: &str,
    modified: &str,
    provenance: Provenance,
) -> MappedArticle {
    let g = article_graph(&article.id);
    let mut o = Out {
        g: g.clone(),
        quads: Default::default(),
        prov: 0,
    };
    let ci = CharIndex::new(&article.text);
    let a = article_iri(&article.id);
    article_quads(&mut o, article, &a, run_key, modified);
    story_quads(&mut o, article, &a);
    let mut sentences = Sentences {
        article,
        ci: &ci,
        nodes: BTreeMap::new(),
    };
    new_entity_quads(&mut o, ex);
    let mut evidence_nodes = mention_quads(&mut o, &mut sentences, ex, &a, provenance);
    let (partnerships, fact_evidence) = fact_quads(&mut o, &mut sentences, ex);
    evidence_nodes += fact_evidence;
    partnership_quads(&mut o, article, ex, &partnerships);
    let quads: Vec<Quad> = o.quads.into_iter().collect();
    let provenance_quads = o.prov;
    MappedArticle {
        graph: g,
        quads,
        provenance_quads,
        evidence_nodes,
    }
}

/// What the article says about itself.
fn article_quads(o: &mut Out, article: &Article, a: &NamedNode, run_key: &str, modified: &str) {
    o.add(a.clone(), rdf_type(), term::class::ARTICLE);
    o.add(a.clone(), rdf_type(), term::schema::NEWS_ARTICLE);
    if let Some(t) = article.title_text() {
        o.add(a.clone(), term::dct::TITLE, fr(t));
    }
    if let Some(u) = &article.source_url {
        o.add(a.clone(), term::dct::SOURCE, plain(u));
    }
    if let Some(d) = &article.date {
        o.add(a.clone(), term::dct::DATE, plain(d));
    }
    o.add(a.clone(), term::dct::LANGUAGE, plain(&article.lang));
    o.add(
        a.clone(),
        term::prop::SOURCE_FILE,
        plain(&article.path.display().to_string()),
    );
    o.add(
        a.clone(),
        term::prop::CONTENT_HASH,
        plain(&article.content_hash),
    );
    o.add(a.clone(), term::prop::EXTRACTOR_VERSION, plain(run_key));
    o.add(
        a.clone(),
        term::dct::MODIFIED,
        Literal::new_typed_literal(modified, oxigraph::model::vocab::xsd::DATE_TIME),
    );
}

fn story_quads(o: &mut Out, article: &Article, a: &NamedNode) {
    for story in &article.stories {
        let s = story_iri(&story.hash);
        o.add(s.clone(), rdf_type(), term::class::STORY);
        o.add(s.clone(), term::dct::IS_PART_OF, a.clone());
        o.add(
            s.clone(),
            term::prop::IS_TEASER,
            Literal::from(story.is_teaser),
        );
        if let Some(t) = &story.title {
            o.add(s.clone(), term::dct::TITLE, fr(&article.text[t.clone()]));
        }
        if let Some(d) = &story.dateline {
            o.add(s.clone(), term::prop::DATELINE, plain(&d.place));
            o.add(s.clone(), term::prop::AGENCY, plain(&d.agency));
        }
        for d in &story.dates {
            o.add(
                s.clone(),
                term::prop::DATE_MENTIONED,
                plain(&article.text[d.clone()]),
            );
        }
    }
}

/// Sentence nodes, created on first use: only sentences that carry evidence get one.
struct Sentences<'a> {
    article: &'a Article,
    ci: &'a CharIndex,
    nodes: BTreeMap<(usize, usize), NamedNode>,
}

impl Sentences<'_> {
    fn node(&mut self, o: &mut Out, story: usize, j: usize) -> NamedNode {
        if let Some(n) = self.nodes.get(&(story, j)) {
            return n.clone();
        }
        let article = self.article;
        let r = article.stories[story].sentences[j].clone();
        let (cs, ce) = (self.ci.char_offset(r.start), self.ci.char_offset(r.end));
        let n = NamedNode::new_unchecked(format!("{ID}sentence/{}-{cs}", article.id));
        // (no rdf:type: `vnkg:inStory`'s domain says it is a vnkg:Sentence)
        o.prov(
            n.clone(),
            term::prop::IN_STORY,
            story_iri(&article.stories[story].hash),
        );
        o.prov(n.clone(), term::prop::TEXT, plain(&article.text[r]));
        o.prov(n.clone(), term::prop::START, int(cs));
        o.prov(n.clone(), term::prop::END, int(ce));
        self.nodes.insert((story, j), n.clone());
        n
    }
}

/// Entities first seen by the rules get their type and this article's name for them here;
/// curated ones live in the gazetteer graph. The name is a `skos:altLabel`: two articles may
/// spell one entity two ways ("Trân Van Tùng", "Tran Van Tung"), and the one `skos:prefLabel`
/// and `rdfs:label` are chosen among the spellings in the views graph (`views.rs`).
fn new_entity_quads(o: &mut Out, ex: &Extraction) {
    for e in ex.entities.values().filter(|e| !e.from_gazetteer) {
        let s = nn(&e.iri);
        o.add(s.clone(), rdf_type(), vnkg(e.class.local()));
        o.add(s.clone(), term::skos::ALT_LABEL, fr(&e.label));
        if let Some(acr) = &e.acronym {
            o.add(s.clone(), term::prop::ACRONYM, plain(acr));
        }
    }
}

/// One `mentionedIn` triple per entity and sentence (and, with full provenance, an evidence
/// node per mention); returns the evidence nodes written.
fn mention_quads(
    o: &mut Out,
    sentences: &mut Sentences,
    ex: &Extraction,
    a: &NamedNode,
    provenance: Provenance,
) -> usize {
    let article = sentences.article;
    let ci = sentences.ci;
    let mut evidence_nodes = 0;
    let mut mentioned: BTreeSet<&str> = BTreeSet::new();
    for m in &ex.mentions {
        let (cs, ce) = (ci.char_offset(m.span.start), ci.char_offset(m.span.end));
        let surface = &article.text[m.span.clone()];
        let sn = sentences.node(o, m.story, m.sentence);
        o.prov(nn(&m.iri), term::prop::MENTIONED_IN, sn.clone());
        if provenance == Provenance::Full {
            evidence_nodes += 1;
            let ev = NamedNode::new_unchecked(format!(
                "{ID}evidence/{}-m{cs}-{ce}-{}",
                article.id,
                &short_hash(&[&m.iri])[..6]
            ));
            mention_evidence(o, ev, m, surface, (cs, ce), sn, a);
        }
        // (no `article vnkg:mentions entity`: the entity's `mentionedIn` a sentence of this
        // article's graph says it)
        if mentioned.insert(&m.iri) {
            if let Some(e) = ex.entities.get(&m.iri) {
                if !e.from_gazetteer && fold_eq(surface, &e.label) && surface != e.label {
                    o.add(nn(&m.iri), term::skos::ALT_LABEL, fr(surface));
                }
            }
        }
    }
    evidence_nodes
}

/// Today's full record of one mention, for `--provenance full`.
fn mention_evidence(
    o: &mut Out,
    ev: NamedNode,
    m: &crate::extract::Mention,
    surface: &str,
    (cs, ce): (usize, usize),
    sn: NamedNode,
    a: &NamedNode,
) {
    {
        o.prov(ev.clone(), rdf_type(), term::class::MENTION_EVIDENCE);
        o.prov(ev.clone(), term::prop::EVIDENCE_FOR, nn(&m.iri));
        o.prov(ev.clone(), term::prop::SURFACE_FORM, plain(surface));
        o.prov(ev.clone(), term::prop::START, int(cs));
        o.prov(ev.clone(), term::prop::END, int(ce));
        o.prov(ev.clone(), term::prop::IN_SENTENCE, sn);
        o.prov(ev.clone(), term::prov::WAS_DERIVED_FROM, a.clone());
        o.prov(ev.clone(), term::prop::RULE, plain(m.rule));
        o.prov(
            ev.clone(),
            term::prop::CONFIDENCE,
            Literal::from(m.confidence),
        );
    }
}

/// A partnership node: one per story and party set, merged across the story's sentences.
struct P {
    parties: Vec<String>,
    pairs: BTreeSet<(String, String)>,
    sectors: BTreeSet<String>,
    initiatives: BTreeSet<String>,
    status: crate::extract::Status,
    date: Option<String>,
    story: usize,
    confidence: f64,
}

/// Relations, roles and partnership statements with their evidence; returns the partnerships
/// to write and the number of evidence nodes.
fn fact_quads(
    o: &mut Out,
    sentences: &mut Sentences,
    ex: &Extraction,
) -> (BTreeMap<String, P>, usize) {
    let article = sentences.article;
    let mut evidence_nodes = 0;
    let mut partnerships: BTreeMap<String, P> = BTreeMap::new();
    for (k, f) in ex.facts.iter().enumerate() {
        let sn = sentences.node(o, f.story, f.sentence);
        let story_hash = &article.stories[f.story].hash;
        evidence_nodes += 1;
        match &f.kind {
            FactKind::Relation {
                subject,
                predicate,
                object,
            } => {
                o.add(nn(subject), vnkg(predicate.local()), nn(object));
                if matches!(predicate, crate::extract::Predicate::MetWith) {
                    o.add(nn(object), vnkg(predicate.local()), nn(subject));
                }
                let ev = NamedNode::new_unchecked(format!(
                    "{ID}evidence/{}-r{}",
                    article.id,
                    short_hash(&[subject, predicate.local(), object, sn.as_str(), f.rule])
                ));
                let for_node = nn(subject);
                o.prov(ev.clone(), term::prop::FACT_SUBJECT, nn(subject));
                o.prov(
                    ev.clone(),
                    term::prop::FACT_PREDICATE,
                    vnkg(predicate.local()),
                );
                o.prov(ev.clone(), term::prop::FACT_OBJECT, nn(object));
                evidence_common(o, &ev, &for_node, &sn, f);
            }
            FactKind::Role { person, title } => {
                o.add(nn(person), term::prop::HAS_ROLE, fr(title));
                let ev = NamedNode::new_unchecked(format!(
                    "{ID}evidence/{}-r{}",
                    article.id,
                    short_hash(&[person, "hasRole", title, sn.as_str()])
                ));
                let for_node = nn(person);
                o.prov(ev.clone(), term::prop::FACT_SUBJECT, nn(person));
                o.prov(ev.clone(), term::prop::FACT_PREDICATE, term::prop::HAS_ROLE);
                evidence_common(o, &ev, &for_node, &sn, f);
            }
            FactKind::Partnership { .. } => {
                let iri = merge_partnership(&mut partnerships, story_hash, f);
                let ev = NamedNode::new_unchecked(format!(
                    "{ID}evidence/{}-p{k}-{}",
                    article.id,
                    short_hash(&[&iri, sn.as_str(), f.rule])
                ));
                let for_node = nn(&iri);
                evidence_common(o, &ev, &for_node, &sn, f);
            }
        }
    }
    (partnerships, evidence_nodes)
}

/// Adds a partnership statement to the story's partnership with the same parties; returns
/// that partnership's IRI.
fn merge_partnership(partnerships: &mut BTreeMap<String, P>, story_hash: &str, f: &Fact) -> String {
    let FactKind::Partnership {
        parties,
        pairs,
        sectors,
        initiatives,
        status,
    } = &f.kind
    else {
        return String::new();
    };
    let mut key: Vec<&str> = parties.iter().map(String::as_str).collect();
    key.sort();
    let mut parts = vec![story_hash];
    parts.extend(key.iter());
    let iri = format!("{ID}partnership/{}", short_hash(&parts));
    let p = partnerships.entry(iri.clone()).or_insert_with(|| P {
        parties: parties.clone(),
        pairs: BTreeSet::new(),
        sectors: BTreeSet::new(),
        initiatives: BTreeSet::new(),
        status: *status,
        date: None,
        story: f.story,
        confidence: f.confidence,
    });
    p.sectors.extend(sectors.iter().cloned());
    p.pairs.extend(pairs.iter().cloned());
    p.initiatives.extend(initiatives.iter().cloned());
    p.status = p.status.max(*status);
    p.confidence = p.confidence.max(f.confidence);
    if p.date.is_none() {
        p.date = f.date.clone();
    }
    iri
}

fn partnership_quads(o: &mut Out, article: &Article, ex: &Extraction, ps: &BTreeMap<String, P>) {
    for (iri, p) in ps {
        let s = nn(iri);
        o.add(s.clone(), rdf_type(), term::class::PARTNERSHIP);
        let labels: Vec<String> = p
            .parties
            .iter()
            .map(|x| {
                ex.entities
                    .get(x)
                    .map(|e| e.label.clone())
                    .unwrap_or_else(|| x.rsplit('/').next().unwrap_or(x).to_string())
            })
            .collect();
        o.add(
            s.clone(),
            oxigraph::model::vocab::rdfs::LABEL,
            fr(&labels.join(" – ")),
        );
        o.add(s.clone(), term::prop::STATUS, vnkg(p.status.local()));
        o.add(
            s.clone(),
            term::prop::CONFIDENCE,
            Literal::from(p.confidence),
        );
        o.add(
            s.clone(),
            term::prov::WAS_DERIVED_FROM,
            story_iri(&article.stories[p.story].hash),
        );
        if let Some(d) = &p.date {
            o.add(s.clone(), term::prop::DATE_MENTIONED, plain(d));
        }
        for party in &p.parties {
            o.add(nn(party), term::prop::PARTY_TO, s.clone());
        }
        for (a, b) in &p.pairs {
            o.add(nn(a), term::prop::COOPERATES_WITH, nn(b));
            o.add(nn(b), term::prop::COOPERATES_WITH, nn(a));
        }
        for sec in &p.sectors {
            o.add(s.clone(), term::prop::FOCUSES_ON, nn(sec));
        }
        for i in &p.initiatives {
            o.add(s.clone(), term::prop::CONCERNS, nn(i));
        }
    }
}

fn evidence_common(
    o: &mut Out,
    ev: &NamedNode,
    for_node: &NamedNode,
    sn: &NamedNode,
    f: &crate::extract::Fact,
) {
    // no rdf:type (the properties say what it is) and no prov:wasDerivedFrom (the named graph
    // and the sentence's story say which article)
    o.prov(ev.clone(), term::prop::EVIDENCE_FOR, for_node.clone());
    o.prov(ev.clone(), term::prop::IN_SENTENCE, sn.clone());
    o.prov(ev.clone(), term::prop::RULE, plain(f.rule));
    o.prov(
        ev.clone(),
        term::prop::CONFIDENCE,
        Literal::from(f.confidence),
    );
    if let Some(d) = f.date.as_deref() {
        o.prov(ev.clone(), term::prop::DATE_MENTIONED, plain(d));
    }
}

fn fold_eq(a: &str, b: &str) -> bool {
    slug(a) == slug(b)
}
