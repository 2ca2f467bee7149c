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
    /// The graphs of the article's teaser stories, each shared by every article carrying
    /// the same teaser (the article's graph links to them with `dcterms:isPartOf`).
    pub stories: Vec<MappedStory>,
    pub provenance_quads: usize,
    pub evidence_nodes: usize,
}

/// A teaser story's own graph: its sentences, mentions and facts, written once whatever the
/// number of articles carrying it.
pub struct MappedStory {
    pub hash: String,
    pub graph: GraphName,
    pub quads: Vec<Quad>,
}

impl MappedArticle {
    /// Every graph of the article: its own, then its stories'.
    pub fn graphs(&self) -> impl Iterator<Item = (&GraphName, &[Quad])> {
        std::iter::once((&self.graph, self.quads.as_slice()))
            .chain(self.stories.iter().map(|s| (&s.graph, s.quads.as_slice())))
    }
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
/// The graph of a teaser story (see [`MappedStory`]).
pub fn story_graph(hash: &str) -> GraphName {
    graph(&format!("story/{hash}"))
}

/// Quads in the order written, each once: identical triples from two sentences are one
/// triple in RDF. A set that keeps order avoids cloning every quad to deduplicate.
struct Out {
    g: GraphName,
    quads: indexmap::IndexSet<Quad, rustc_hash::FxBuildHasher>,
    prov: usize,
}

impl Out {
    fn new(g: GraphName) -> Out {
        Out {
            g,
            quads: Default::default(),
            prov: 0,
        }
    }
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
    let ci = CharIndex::new(&article.text);
    let mut docs = Docs::new(article, &ci, g.clone());
    let a = article_iri(&article.id);
    article_quads(&mut docs.article, article, &a, run_key, modified);
    story_quads(&mut docs, article, &a);
    let mut sentences = Sentences {
        article,
        ci: &ci,
        nodes: BTreeMap::new(),
    };
    new_entity_quads(&mut docs, ex);
    let mut evidence_nodes = mention_quads(&mut docs, &mut sentences, ex, provenance);
    let (partnerships, fact_evidence) = fact_quads(&mut docs, &mut sentences, ex);
    evidence_nodes += fact_evidence;
    partnership_quads(&mut docs, article, ex, &partnerships);
    let mut provenance_quads = docs.article.prov;
    let stories = docs
        .teasers
        .into_iter()
        .map(|(i, d)| {
            provenance_quads += d.out.prov;
            MappedStory {
                hash: article.stories[i].hash.clone(),
                graph: d.out.g,
                quads: d.out.quads.into_iter().collect(),
            }
        })
        .collect();
    MappedArticle {
        graph: g,
        quads: docs.article.quads.into_iter().collect(),
        stories,
        provenance_quads,
        evidence_nodes,
    }
}

/// A teaser story's graph, and where its text starts in this article: its sentences'
/// offsets count from there, so they are the same in every article carrying it.
struct Teaser {
    out: Out,
    start: usize,
    prefix: String,
}

/// Where each story's quads go: the article's graph, or a teaser's own.
struct Docs {
    article: Out,
    article_prefix: String,
    teasers: BTreeMap<usize, Teaser>,
}

impl Docs {
    fn new(article: &Article, ci: &CharIndex, g: GraphName) -> Docs {
        let teasers = article
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_teaser)
            .map(|(i, s)| {
                let start = s
                    .title
                    .iter()
                    .chain(&s.paragraphs)
                    .chain(&s.sentences)
                    .map(|r| r.start)
                    .min()
                    .unwrap_or(0);
                let t = Teaser {
                    out: Out::new(story_graph(&s.hash)),
                    start: ci.char_offset(start),
                    prefix: format!("story-{}", s.hash),
                };
                (i, t)
            })
            .collect();
        Docs {
            article: Out::new(g),
            article_prefix: article.id.clone(),
            teasers,
        }
    }

    /// The output for story `i`.
    fn out(&mut self, i: usize) -> &mut Out {
        match self.teasers.get_mut(&i) {
            Some(t) => &mut t.out,
            None => &mut self.article,
        }
    }

    /// What node IRIs of story `i` start with, and where its offsets count from.
    fn origin(&self, i: usize) -> (&str, usize) {
        match self.teasers.get(&i) {
            Some(t) => (&t.prefix, t.start),
            None => (&self.article_prefix, 0),
        }
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

/// A teaser's description goes in its own graph; the article's graph says it carries it.
fn story_quads(docs: &mut Docs, article: &Article, a: &NamedNode) {
    for (i, story) in article.stories.iter().enumerate() {
        let s = story_iri(&story.hash);
        docs.article
            .add(s.clone(), term::dct::IS_PART_OF, a.clone());
        let o = docs.out(i);
        o.add(s.clone(), rdf_type(), term::class::STORY);
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
    fn node(&mut self, docs: &mut Docs, story: usize, j: usize) -> NamedNode {
        if let Some(n) = self.nodes.get(&(story, j)) {
            return n.clone();
        }
        let article = self.article;
        let r = article.stories[story].sentences[j].clone();
        let (prefix, base) = docs.origin(story);
        let (cs, ce) = (
            self.ci.char_offset(r.start) - base,
            self.ci.char_offset(r.end) - base,
        );
        let n = NamedNode::new_unchecked(format!("{ID}sentence/{prefix}-{cs}"));
        let o = docs.out(story);
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
fn new_entity_quads(docs: &mut Docs, ex: &Extraction) {
    // who each graph names: its stories' mentions and facts
    let mut named: BTreeMap<Option<usize>, BTreeSet<&str>> = BTreeMap::new();
    let doc = |story: usize| docs.teasers.contains_key(&story).then_some(story);
    for m in &ex.mentions {
        named.entry(doc(m.story)).or_default().insert(&m.iri);
    }
    for f in &ex.facts {
        named.entry(doc(f.story)).or_default().extend(fact_iris(f));
    }
    for (d, iris) in named {
        let (entities, o) = match d {
            Some(t) => (ex.teaser_entities.get(&t), docs.out(t)),
            None => (Some(&ex.entities), &mut docs.article),
        };
        let Some(entities) = entities else { continue };
        for e in iris
            .into_iter()
            .filter_map(|i| entities.get(i))
            .filter(|e| !e.from_gazetteer)
        {
            let s = nn(&e.iri);
            o.add(s.clone(), rdf_type(), vnkg(e.class.local()));
            o.add(s.clone(), term::skos::ALT_LABEL, fr(&e.label));
            if let Some(acr) = &e.acronym {
                o.add(s.clone(), term::prop::ACRONYM, plain(acr));
            }
        }
    }
}

/// The entities a fact names.
fn fact_iris(f: &Fact) -> Vec<&str> {
    match &f.kind {
        FactKind::Relation {
            subject, object, ..
        } => vec![subject, object],
        FactKind::Role { person, .. } => vec![person],
        FactKind::Partnership {
            parties,
            sectors,
            initiatives,
            ..
        } => parties
            .iter()
            .chain(sectors)
            .chain(initiatives)
            .map(String::as_str)
            .collect(),
    }
}

/// One `mentionedIn` triple per entity and sentence (and, with full provenance, an evidence
/// node per mention); returns the evidence nodes written.
fn mention_quads(
    docs: &mut Docs,
    sentences: &mut Sentences,
    ex: &Extraction,
    provenance: Provenance,
) -> usize {
    let article = sentences.article;
    let ci = sentences.ci;
    let mut evidence_nodes = 0;
    let mut mentioned: BTreeSet<(Option<usize>, &str)> = BTreeSet::new();
    for m in &ex.mentions {
        let surface = &article.text[m.span.clone()];
        let sn = sentences.node(docs, m.story, m.sentence);
        let (prefix, base) = docs.origin(m.story);
        let (cs, ce) = (
            ci.char_offset(m.span.start) - base,
            ci.char_offset(m.span.end) - base,
        );
        let ev = (provenance == Provenance::Full).then(|| {
            NamedNode::new_unchecked(format!(
                "{ID}evidence/{prefix}-m{cs}-{ce}-{}",
                &short_hash(&[&m.iri])[..6]
            ))
        });
        let doc = docs.teasers.contains_key(&m.story).then_some(m.story);
        let o = docs.out(m.story);
        o.prov(nn(&m.iri), term::prop::MENTIONED_IN, sn.clone());
        if let Some(ev) = ev {
            evidence_nodes += 1;
            mention_evidence(o, ev, m, surface, (cs, ce), sn);
        }
        // (no `article vnkg:mentions entity`: the entity's `mentionedIn` a sentence of this
        // article's graph says it)
        if mentioned.insert((doc, &m.iri)) {
            let entities = match doc {
                Some(t) => ex.teaser_entities.get(&t),
                None => Some(&ex.entities),
            };
            if let Some(e) = entities.and_then(|es| es.get(&m.iri)) {
                if !e.from_gazetteer && fold_eq(surface, &e.label) && surface != e.label {
                    o.add(nn(&m.iri), term::skos::ALT_LABEL, fr(surface));
                }
            }
        }
    }
    evidence_nodes
}

/// The full record of one mention, for `--provenance full`: no `prov:wasDerivedFrom`, as a
/// teaser's mention is in every article carrying it (the sentence's story says which).
fn mention_evidence(
    o: &mut Out,
    ev: NamedNode,
    m: &crate::extract::Mention,
    surface: &str,
    (cs, ce): (usize, usize),
    sn: NamedNode,
) {
    {
        o.prov(ev.clone(), rdf_type(), term::class::MENTION_EVIDENCE);
        o.prov(ev.clone(), term::prop::EVIDENCE_FOR, nn(&m.iri));
        o.prov(ev.clone(), term::prop::SURFACE_FORM, plain(surface));
        o.prov(ev.clone(), term::prop::START, int(cs));
        o.prov(ev.clone(), term::prop::END, int(ce));
        o.prov(ev.clone(), term::prop::IN_SENTENCE, sn);
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
    docs: &mut Docs,
    sentences: &mut Sentences,
    ex: &Extraction,
) -> (BTreeMap<String, P>, usize) {
    let article = sentences.article;
    let mut evidence_nodes = 0;
    let mut partnerships: BTreeMap<String, P> = BTreeMap::new();
    // partnership statements numbered per story, so a teaser's are the same in every article
    let mut numbered: BTreeMap<usize, usize> = BTreeMap::new();
    for f in &ex.facts {
        let sn = sentences.node(docs, f.story, f.sentence);
        let story_hash = &article.stories[f.story].hash;
        let prefix = docs.origin(f.story).0.to_string();
        let o = docs.out(f.story);
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
                    "{ID}evidence/{prefix}-r{}",
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
                    "{ID}evidence/{prefix}-r{}",
                    short_hash(&[person, "hasRole", title, sn.as_str()])
                ));
                let for_node = nn(person);
                o.prov(ev.clone(), term::prop::FACT_SUBJECT, nn(person));
                o.prov(ev.clone(), term::prop::FACT_PREDICATE, term::prop::HAS_ROLE);
                evidence_common(o, &ev, &for_node, &sn, f);
            }
            FactKind::Partnership { .. } => {
                let k = numbered.entry(f.story).or_default();
                *k += 1;
                let iri = merge_partnership(&mut partnerships, story_hash, f);
                let ev = NamedNode::new_unchecked(format!(
                    "{ID}evidence/{prefix}-p{k}-{}",
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

fn partnership_quads(
    docs: &mut Docs,
    article: &Article,
    ex: &Extraction,
    ps: &BTreeMap<String, P>,
) {
    for (iri, p) in ps {
        let s = nn(iri);
        let entities = match docs.teasers.contains_key(&p.story) {
            true => ex.teaser_entities.get(&p.story).unwrap_or(&ex.entities),
            false => &ex.entities,
        };
        let o = docs.out(p.story);
        o.add(s.clone(), rdf_type(), term::class::PARTNERSHIP);
        let labels: Vec<String> = p
            .parties
            .iter()
            .map(|x| {
                entities
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
