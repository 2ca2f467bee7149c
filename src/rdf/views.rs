//! Materialised views: corpus-wide counts the query library ranks by, kept in their own named
//! graph and rebuilt after every `build` and `ingest`.
//!
//! Why: Oxigraph decodes every row a query touches (about 10 µs each here), so any query that
//! aggregates over all mentions takes seconds at 10⁴ articles and minutes at 10⁵. The counts are
//! cheap to fold in Rust from the quads the build has in memory anyway, so the build tallies
//! them and writes a few quads per entity; the queries in `queries/` then read a handful of rows.
//!
//! The tally reads quads, not extractor structures, so the same code serves the in-memory
//! path (a `build`, which sees every article of the store) and the scan path (an `ingest`
//! into a store holding articles this run did not read), and both give the same views.

use super::term;
use super::vocab::{graph, nn, vnkg, GRAPH, RDFS, SKOS, VNKG};
use super::KgStore;
use crate::extract::TopClass;
use crate::Result;
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedOrBlankNode, Quad, Term};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;

/// How many entities get a `vnkg:mentionRank` (ranking queries read only these).
pub const RANKED: usize = 1000;

pub fn views_graph() -> GraphName {
    graph("views")
}

const VN: &str = "https://w3id.org/vnkg/id/country/vn";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DERIVED: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";

/// Interned IRIs: the tally holds millions of (entity, story) pairs at 10⁵ articles, and each
/// string is kept once.
#[derive(Default)]
struct Names(indexmap::IndexSet<String, rustc_hash::FxBuildHasher>);

impl Names {
    fn id(&mut self, s: &str) -> u32 {
        match self.0.get_index_of(s) {
            Some(i) => i as u32,
            None => self.0.insert_full(s.to_string()).0 as u32,
        }
    }
    fn get(&self, s: &str) -> Option<u32> {
        self.0.get_index_of(s).map(|i| i as u32)
    }
    fn name(&self, i: u32) -> &str {
        &self.0[i as usize]
    }
}

/// Corpus-wide tallies, fed one article graph (or reference graph) at a time.
#[derive(Default)]
pub struct Tally {
    names: Names,
    /// entity → (distinct stories naming it, sentences naming it)
    mentions: FxHashMap<u32, (FxHashSet<u32>, usize)>,
    /// smallest French skos:prefLabel, smallest rdfs:label
    pref_fr: FxHashMap<u32, String>,
    label: FxHashMap<u32, String>,
    /// French skos:altLabels (the articles' spellings of rule-found entities), each with the
    /// number of article graphs giving it
    alt_fr: FxHashMap<u32, FxHashMap<String, u32>>,
    preferred: std::cell::OnceCell<FxHashMap<u32, String>>,
    /// vnkg classes of entities and partnerships (not of stories, sentences, articles)
    classes: FxHashMap<u32, Vec<u32>>,
    /// x vnkg:partyTo p
    parties: FxHashMap<u32, FxHashSet<u32>>,
    /// x vnkg:focusesOn s
    focus: FxHashMap<u32, FxHashSet<u32>>,
    /// x vnkg:cooperatesWith y, both ways: the partners by sides, not every co-party
    partners: FxHashMap<u32, FxHashSet<u32>>,
    /// x prov:wasDerivedFrom y, for x other than evidence nodes
    derived: FxHashMap<u32, FxHashSet<u32>>,
    based_in: FxHashMap<u32, FxHashSet<u32>>,
    articles: usize,
}

fn iri(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn subject(s: &NamedOrBlankNode) -> Option<&str> {
    match s {
        NamedOrBlankNode::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn keep_min(map: &mut FxHashMap<u32, String>, k: u32, v: &str) {
    match map.get_mut(&k) {
        Some(old) if old.as_str() <= v => {}
        Some(old) => *old = v.to_string(),
        None => {
            map.insert(k, v.to_string());
        }
    }
}

/// The IRIs the tally reads, built once (`add` runs once per article on the build's
/// sequential path).
struct Iris {
    mentioned_in: String,
    in_story: String,
    party_to: String,
    cooperates_with: String,
    focuses_on: String,
    based_in: String,
    pref_label: String,
    alt_label: String,
    label: String,
    mention_class: String,
    relation_class: String,
    article_class: String,
    untallied: [String; 2],
}

static IRIS: std::sync::LazyLock<Iris> = std::sync::LazyLock::new(|| Iris {
    mentioned_in: format!("{VNKG}mentionedIn"),
    in_story: format!("{VNKG}inStory"),
    party_to: format!("{VNKG}partyTo"),
    cooperates_with: format!("{VNKG}cooperatesWith"),
    focuses_on: format!("{VNKG}focusesOn"),
    based_in: format!("{VNKG}basedInCountry"),
    pref_label: format!("{SKOS}prefLabel"),
    alt_label: format!("{SKOS}altLabel"),
    label: format!("{RDFS}label"),
    mention_class: format!("{VNKG}MentionEvidence"),
    relation_class: format!("{VNKG}RelationEvidence"),
    article_class: format!("{VNKG}Article"),
    untallied: [format!("{VNKG}Story"), format!("{VNKG}Sentence")],
});

impl Iris {
    /// Every predicate [`Tally::add`] reads: a recount decodes only these (about half of an
    /// article's quads).
    fn predicates(&self) -> [&str; 11] {
        [
            &self.cooperates_with,
            RDF_TYPE,
            DERIVED,
            &self.mentioned_in,
            &self.in_story,
            &self.party_to,
            &self.focuses_on,
            &self.based_in,
            &self.pref_label,
            &self.alt_label,
            &self.label,
        ]
    }
}

/// Batch-local joins: evidence node → entity / sentence, sentence → story.
#[derive(Default)]
struct Joins<'q> {
    evidence_nodes: FxHashSet<&'q str>,
    /// (entity, sentence) from `vnkg:mentionedIn`
    mentioned_in: Vec<(&'q str, &'q str)>,
    sentence_story: FxHashMap<&'q str, Vec<&'q str>>,
    derived: Vec<(&'q str, &'q str)>,
}

impl Tally {
    /// Adds the quads of one graph. Mentions are joined to stories through the sentences of
    /// the same batch, so a batch must hold whole article graphs.
    pub fn add(&mut self, quads: &[Quad]) {
        let iris = &*IRIS;
        let p_type = RDF_TYPE;
        let p_mentioned = iris.mentioned_in.as_str();
        let p_story = iris.in_story.as_str();
        let p_party = iris.party_to.as_str();
        let p_focus = iris.focuses_on.as_str();
        let p_based = iris.based_in.as_str();
        let p_pref = iris.pref_label.as_str();
        let p_label = iris.label.as_str();

        self.preferred.take();
        let mut joins = Joins::default();
        for q in quads {
            let Some(s) = subject(&q.subject) else {
                continue;
            };
            let p = q.predicate.as_str();
            if p == p_type {
                if let Some(o) = iri(&q.object) {
                    self.add_type(s, o, &mut joins);
                }
            } else if p == p_mentioned {
                if let Some(o) = iri(&q.object) {
                    joins.mentioned_in.push((s, o));
                }
            } else if p == p_story {
                if let Some(o) = iri(&q.object) {
                    joins.sentence_story.entry(s).or_default().push(o);
                }
            } else if p == iris.cooperates_with {
                if let Some(o) = iri(&q.object) {
                    let (si, oi) = (self.names.id(s), self.names.id(o));
                    self.partners.entry(si).or_default().insert(oi);
                    self.partners.entry(oi).or_default().insert(si);
                }
            } else if p == p_party || p == p_focus || p == p_based {
                if let Some(o) = iri(&q.object) {
                    let (si, oi) = (self.names.id(s), self.names.id(o));
                    let map = if p == p_party {
                        &mut self.parties
                    } else if p == p_focus {
                        &mut self.focus
                    } else {
                        &mut self.based_in
                    };
                    map.entry(si).or_default().insert(oi);
                }
            } else if p == DERIVED {
                if let Some(o) = iri(&q.object) {
                    joins.derived.push((s, o));
                }
            } else if p == p_pref || p == p_label || p == iris.alt_label {
                if let Term::Literal(l) = &q.object {
                    let si = self.names.id(s);
                    if p == iris.alt_label {
                        if l.language() == Some("fr") {
                            let n = self.alt_fr.entry(si).or_default();
                            *n.entry(l.value().to_string()).or_default() += 1;
                        }
                    } else if p == p_label {
                        keep_min(&mut self.label, si, l.value());
                    } else if l.language() == Some("fr") {
                        keep_min(&mut self.pref_fr, si, l.value());
                    }
                }
            }
        }
        self.join(joins);
    }

    /// An `rdf:type` quad: evidence nodes are noted for the joins, articles counted, entities'
    /// classes kept.
    fn add_type<'q>(&mut self, s: &'q str, o: &str, joins: &mut Joins<'q>) {
        let iris = &*IRIS;
        // (relation evidence carries no type since model 2; a model-1 node would still be one)
        if o == iris.mention_class || o == iris.relation_class {
            joins.evidence_nodes.insert(s);
        } else if o == iris.article_class {
            self.articles += 1;
        } else if !iris.untallied.iter().any(|u| u == o) {
            let (si, oi) = (self.names.id(s), self.names.id(o));
            let cs = self.classes.entry(si).or_default();
            if !cs.contains(&oi) {
                cs.push(oi);
            }
        }
    }

    /// The batch's joins: what non-evidence nodes derive from, and each mention's entity with
    /// the stories of its sentences.
    fn join(&mut self, joins: Joins<'_>) {
        for (s, o) in joins.derived {
            if !joins.evidence_nodes.contains(s) {
                let (si, oi) = (self.names.id(s), self.names.id(o));
                self.derived.entry(si).or_default().insert(oi);
            }
        }
        // one `mentionedIn` per entity and sentence: a mention count is a count of sentences
        let mut counted: FxHashSet<(&str, &str)> = FxHashSet::default();
        for (e, sn) in joins.mentioned_in {
            if !counted.insert((e, sn)) {
                continue;
            }
            let ei = self.names.id(e);
            let mut stories = Vec::new();
            for st in joins.sentence_story.get(sn).into_iter().flatten() {
                stories.push(self.names.id(st));
            }
            let entry = self.mentions.entry(ei).or_default();
            entry.1 += 1;
            entry.0.extend(stories);
        }
    }

    /// Folds another tally (of other article graphs) into this one: a recount runs one tally
    /// per thread.
    pub fn merge(&mut self, other: Tally) {
        self.preferred.take();
        let map: Vec<u32> = other.names.0.iter().map(|n| self.names.id(n)).collect();
        let m = |i: u32| map[i as usize];
        for (e, (stories, n)) in other.mentions {
            let entry = self.mentions.entry(m(e)).or_default();
            entry.0.extend(stories.into_iter().map(m));
            entry.1 += n;
        }
        for (k, v) in other.pref_fr {
            keep_min(&mut self.pref_fr, m(k), &v);
        }
        for (k, v) in other.label {
            keep_min(&mut self.label, m(k), &v);
        }
        for (k, vs) in other.alt_fr {
            let mine = self.alt_fr.entry(m(k)).or_default();
            for (v, n) in vs {
                *mine.entry(v).or_default() += n;
            }
        }
        for (k, cs) in other.classes {
            let mine = self.classes.entry(m(k)).or_default();
            for c in cs.into_iter().map(m) {
                if !mine.contains(&c) {
                    mine.push(c);
                }
            }
        }
        for (mine, theirs) in [
            (&mut self.parties, other.parties),
            (&mut self.partners, other.partners),
            (&mut self.focus, other.focus),
            (&mut self.derived, other.derived),
            (&mut self.based_in, other.based_in),
        ] {
            for (k, vs) in theirs {
                mine.entry(m(k)).or_default().extend(vs.into_iter().map(m));
            }
        }
        self.articles += other.articles;
    }

    fn has_class(&self, x: u32, class: Option<u32>) -> bool {
        class.is_some_and(|c| self.classes.get(&x).is_some_and(|cs| cs.contains(&c)))
    }

    /// COALESCE(French prefLabel, rdfs:label), as the queries always displayed entities; for
    /// a rule-found entity, the preferred of its spellings.
    fn display(&self, x: u32) -> Option<&str> {
        self.pref_fr
            .get(&x)
            .or_else(|| self.preferred().get(&x))
            .or_else(|| self.label.get(&x))
            .map(String::as_str)
    }

    /// The preferred spelling of every entity the rules found, worked out once the tally is
    /// complete (the views are written from a finished tally).
    fn preferred(&self) -> &FxHashMap<u32, String> {
        self.preferred.get_or_init(|| {
            self.alt_fr
                .keys()
                .filter(|x| !self.pref_fr.contains_key(x))
                .filter_map(|&x| Some((x, self.preferred_spelling(x)?)))
                .collect()
        })
    }

    /// Among the articles' spellings of an entity the rules found, the one written with a
    /// capital and the most accented letters (the fuller French or Vietnamese form: "Trân Van
    /// Tùng" over "Tran Van Tung"), then the most articles', then the smallest: the same
    /// whatever order the articles came in. Apostrophes are then written straight, as the
    /// gazetteer writes them.
    fn preferred_spelling(&self, x: u32) -> Option<String> {
        self.alt_fr
            .get(&x)?
            .iter()
            .max_by(|(a, n), (b, m)| {
                let key = |s: &str| {
                    (
                        s.chars().next().is_some_and(char::is_uppercase),
                        s.chars()
                            .filter(|c| c.is_alphabetic() && !c.is_ascii())
                            .count(),
                    )
                };
                key(a).cmp(&key(b)).then(n.cmp(m)).then(b.cmp(a))
            })
            .map(|(s, _)| s.replace('’', "'"))
    }

    /// One skos:prefLabel and rdfs:label in French for each entity the rules found (curated
    /// ones have theirs in the gazetteer graph).
    fn label_quads(&self, out: &mut Vec<Quad>) {
        for (&x, l) in self.preferred() {
            for p in [term::skos::PREF_LABEL, oxigraph::model::vocab::rdfs::LABEL] {
                out.push(Quad::new(
                    nn(self.names.name(x)),
                    p,
                    Literal::new_language_tagged_literal_unchecked(l, "fr"),
                    views_graph(),
                ));
            }
        }
    }

    /// The quads of the views graph.
    pub fn quads(&self) -> Vec<Quad> {
        let mut out = Vec::new();
        self.label_quads(&mut out);
        self.entity_quads(&mut out);
        // partnership -> its parties
        let mut parties_of: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (&x, ps) in &self.parties {
            for &p in ps {
                parties_of.entry(p).or_default().push(x);
            }
        }
        self.partner_quads(&mut out);
        self.sector_quads(&mut out, &parties_of);
        self.class_quads(&mut out);
        out.push(Quad::new(
            nn(&format!("{GRAPH}views")),
            term::prop::ARTICLE_COUNT,
            int(self.articles),
            views_graph(),
        ));
        out
    }

    /// Distinct stories the given partnerships were read from.
    fn story_count<'a>(&self, ps: impl Iterator<Item = &'a u32>) -> usize {
        ps.filter_map(|p| self.derived.get(p))
            .flatten()
            .collect::<FxHashSet<_>>()
            .len()
    }

    fn entity_quads(&self, out: &mut Vec<Quad>) {
        let names = &self.names;
        // Entities: label, stories, mentions, and a rank for the most mentioned.
        let mut ranked: Vec<(usize, usize, &str, u32)> = Vec::new();
        for (&e, (stories, mentions)) in &self.mentions {
            let name = names.name(e);
            if let Some(label) = self.display(e) {
                push(out, name, "displayLabel", Literal::from(label));
                ranked.push((stories.len(), *mentions, label, e));
            }
            push(out, name, "storyCount", int(stories.len()));
            push(out, name, "mentionCount", int(*mentions));
        }
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(b.2))
                .then(names.name(a.3).cmp(names.name(b.3)))
        });
        for (rank, (_, _, _, e)) in ranked.iter().take(RANKED).enumerate() {
            push(out, names.name(*e), "mentionRank", int(rank + 1));
        }
    }

    fn partner_quads(&self, out: &mut Vec<Quad>) {
        let names = &self.names;
        let country = names.get(&format!("{VNKG}Country"));
        let vn = names.get(VN);
        // Partner countries: stories of their partnerships, and who they partner with.
        // Sectors per foreign partner: stories of partnerships with a sector, and the sectors.
        for (&x, ps) in &self.parties {
            let is_country = self.has_class(x, country);
            let foreign_country = is_country && Some(x) != vn;
            if foreign_country {
                // who it partners with across the sides (cooperatesWith), not every other
                // party of the same partnerships
                let partners: BTreeSet<&str> = self
                    .partners
                    .get(&x)
                    .into_iter()
                    .flatten()
                    .filter(|&&y| y != x)
                    .filter_map(|&y| self.display(y))
                    .collect();
                let name = names.name(x);
                push(
                    out,
                    name,
                    "partnershipStories",
                    int(self.story_count(ps.iter())),
                );
                push_list(out, name, "partnerList", partners, " | ");
            }
            let foreign_based = self
                .based_in
                .get(&x)
                .is_some_and(|cs| cs.iter().any(|&c| Some(c) != vn));
            if foreign_country || foreign_based {
                let with_sector: Vec<u32> = ps
                    .iter()
                    .copied()
                    .filter(|p| self.focus.contains_key(p))
                    .collect();
                if with_sector.is_empty() {
                    continue;
                }
                let sectors: BTreeSet<&str> = with_sector
                    .iter()
                    .flat_map(|p| self.focus[p].iter())
                    .filter_map(|s| self.pref_fr.get(s).map(String::as_str))
                    .collect();
                let name = names.name(x);
                if !self.mentions.contains_key(&x) {
                    // partners never mentioned by name still need the label the query shows
                    if let Some(label) = self.display(x) {
                        push(out, name, "displayLabel", Literal::from(label));
                    }
                }
                push(
                    out,
                    name,
                    "sectorStories",
                    int(self.story_count(with_sector.iter())),
                );
                push_list(out, name, "sectorList", sectors, ", ");
            }
        }
    }

    fn sector_quads(&self, out: &mut Vec<Quad>, parties_of: &FxHashMap<u32, Vec<u32>>) {
        let names = &self.names;
        let partnership = names.get(&format!("{VNKG}Partnership"));
        let sector = names.get(&format!("{VNKG}Sector"));
        // Sectors: the parties to partnerships that focus on them, and the actors or
        // initiatives said to focus on them.
        let mut actors: FxHashMap<u32, FxHashSet<u32>> = FxHashMap::default();
        for (&x, ss) in &self.focus {
            if self.has_class(x, partnership) {
                for y in parties_of.get(&x).into_iter().flatten() {
                    for &s in ss {
                        actors.entry(s).or_default().insert(*y);
                    }
                }
            } else {
                for &s in ss {
                    actors.entry(s).or_default().insert(x);
                }
            }
        }
        for (s, xs) in actors {
            if !self.has_class(s, sector) || !self.pref_fr.contains_key(&s) {
                continue;
            }
            let labels: BTreeSet<&str> = xs
                .iter()
                .map(|&x| self.display(x).unwrap_or(names.name(x)))
                .collect();
            let name = names.name(s);
            push(out, name, "actorCount", int(xs.len()));
            push_list(out, name, "actorList", labels, " | ");
        }
    }

    fn class_quads(&self, out: &mut Vec<Quad>) {
        let names = &self.names;
        let g = views_graph();
        // Top-level classes: each mentioned entity's (deduplicated, where the article graphs
        // repeat an entity's type once per article), and how many entities articles name in
        // each (what `build` prints).
        for top in TopClass::ALL {
            let ids: FxHashSet<u32> = top
                .members()
                .filter_map(|c| names.get(&format!("{VNKG}{}", c.local())))
                .collect();
            let in_top = |e: &u32| {
                self.classes
                    .get(e)
                    .is_some_and(|cs| cs.iter().any(|c| ids.contains(c)))
            };
            let top_iri = format!("{VNKG}{}", top.local());
            for e in self.mentions.keys().filter(|e| in_top(e)) {
                out.push(Quad::new(
                    nn(names.name(*e)),
                    term::prop::TOP_CLASS,
                    nn(&top_iri),
                    g.clone(),
                ));
            }
            let n = self.mentions.keys().filter(|e| in_top(e)).count();
            push(out, &top_iri, "entityCount", int(n));
        }
    }
}

/// One view quad.
fn push(out: &mut Vec<Quad>, s: &str, p: &str, o: Literal) {
    out.push(Quad::new(nn(s), vnkg(p), o, views_graph()));
}

fn int(n: usize) -> Literal {
    Literal::from(n as i64)
}

/// A sorted list as one literal, left out when empty.
fn push_list(out: &mut Vec<Quad>, s: &str, p: &str, items: BTreeSet<&str>, sep: &str) {
    if !items.is_empty() {
        let list = items.into_iter().collect::<Vec<_>>().join(sep);
        push(out, s, p, Literal::from(list));
    }
}

/// Adds the graphs every store holds besides the articles (ontology, sectors, gazetteer): the
/// labels and classes of curated entities live there.
pub fn add_reference(tally: &mut Tally, store: &KgStore) -> Result<()> {
    for g in [
        super::vocab::ontology_graph(),
        super::vocab::gazetteer_graph(),
    ] {
        tally.add(&graph_quads(store, g.as_ref())?);
    }
    Ok(())
}

fn graph_quads(store: &KgStore, g: GraphNameRef<'_>) -> Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for q in store.store.quads_for_pattern(None, None, None, Some(g)) {
        quads.push(q?);
    }
    Ok(quads)
}

/// Rebuilds the views from everything in the store (for stores a build did not read whole).
/// Reading the graphs back is most of the cost (every term is decoded), so each thread
/// tallies its share of the article graphs and the tallies are merged.
pub fn tally_store(store: &KgStore) -> Result<Tally> {
    use rayon::prelude::*;
    let predicates: Vec<_> = IRIS.predicates().into_iter().map(nn).collect();
    let mut graphs = store.article_graphs()?;
    graphs.extend(store.story_graphs()?);
    let per_thread = graphs
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(1);
    let tallies: Vec<Result<Tally>> = graphs
        .par_chunks(per_thread)
        .map(|gs| {
            let mut tally = Tally::default();
            let mut quads = Vec::new();
            for g in gs {
                quads.clear();
                for p in &predicates {
                    for q in store.store.quads_for_pattern(
                        None,
                        Some(p.as_ref()),
                        None,
                        Some(g.as_ref()),
                    ) {
                        quads.push(q?);
                    }
                }
                tally.add(&quads);
            }
            Ok(tally)
        })
        .collect();
    let mut total = Tally::default();
    add_reference(&mut total, store)?;
    for t in tallies {
        total.merge(t?);
    }
    Ok(total)
}

/// Replaces the views graph atomically. Returns the number of quads written.
pub fn write(store: &KgStore, tally: &Tally) -> Result<usize> {
    let quads = tally.quads();
    let n = quads.len();
    let g = views_graph();
    if store.contains_graph(&g)? {
        store.replace_graph(&g, &quads)?;
    } else {
        // A first build: the bulk loader is atomic too, and at 10^5 articles (half a million
        // quads) a transaction took most of a minute and a gigabyte more memory.
        let mut w = store.bulk_writer(0);
        w.load(quads)?;
        w.commit()?;
    }
    Ok(n)
}

/// `build`/`ingest` call this; `vnkg refresh-views` too.
pub fn refresh(store: &KgStore) -> Result<usize> {
    write(store, &tally_store(store)?)
}
