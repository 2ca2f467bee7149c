//! The projection from the store to the entity network behind the analytics and the GraphML/CSV
//! exports: nodes are entities,
//! edges are relations weighted by the number of distinct stories that support them.

use crate::rdf::KgStore;
use crate::{Error, Result};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

#[derive(Debug, Clone)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub class: String,
    pub top: String,
    pub country: String,
    /// Distinct stories mentioning the entity.
    pub stories: i64,
    /// Analytics read back from the store (pagerank, betweenness, ..., community).
    pub scores: BTreeMap<String, f64>,
}

#[derive(Debug, Clone)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub relation: String,
    /// Distinct stories supporting the relation.
    pub weight: i64,
    /// One sentence that supports it.
    pub evidence: String,
}

#[derive(Debug, Clone, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

const CLASS_TOP: &str = "VALUES (?c ?top ?rank) {
  (vnkg:Person 'Actor' 1) (vnkg:GovernmentBody 'Actor' 1) (vnkg:Company 'Actor' 1) (vnkg:ResearchOrganization 'Actor' 1)
  (vnkg:Network 'Actor' 1) (vnkg:Locality 'Actor' 1) (vnkg:Organization 'Actor' 2) (vnkg:Country 'Country' 1) (vnkg:Sector 'Sector' 1)
  (vnkg:Centre 'Initiative' 1) (vnkg:Programme 'Initiative' 1) (vnkg:Platform 'Initiative' 1) (vnkg:Agreement 'Initiative' 1)
  (vnkg:Meeting 'Initiative' 1) (vnkg:Fund 'Initiative' 1) (vnkg:Initiative 'Initiative' 2)
  (vnkg:Resolution 'Policy' 1) (vnkg:Decision 'Policy' 1) (vnkg:Law 'Policy' 1) (vnkg:Policy 'Policy' 2) }";

/// One sentence per partnership, sampled before the joins that use it: joining every evidence
/// node of every partnership first took twice as long.
const PARTNERSHIP_SENTENCE: &str = "OPTIONAL { { SELECT ?p (SAMPLE(?t) AS ?text) WHERE {
                   ?p a vnkg:Partnership . ?e vnkg:evidenceFor ?p ; vnkg:inSentence ?sn . ?sn vnkg:text ?t
                 } GROUP BY ?p } }";

impl Network {
    /// A random network of `n` companies and `m` weighted cooperation edges (xorshift, so the
    /// same seed gives the same graph): for tests and benchmarks.
    pub fn random(n: usize, m: usize, seed: u64) -> Network {
        let mut x = seed.max(1);
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let iri = |i: u64| format!("https://w3id.org/vnkg/id/actor/n{i}");
        let nodes = (0..n as u64)
            .map(|i| Node {
                iri: iri(i),
                label: format!("n{i}"),
                class: "Company".into(),
                top: "Actor".into(),
                country: String::new(),
                stories: 1,
                scores: BTreeMap::new(),
            })
            .collect();
        let edges = (0..m)
            .map(|_| {
                let (a, b) = (next() % n as u64, next() % n as u64);
                Edge {
                    source: iri(a),
                    target: iri(b),
                    relation: "cooperatesWith".into(),
                    weight: (next() % 4 + 1) as i64,
                    evidence: String::new(),
                }
            })
            .collect();
        Network { nodes, edges }
    }

    pub fn from_store(store: &KgStore) -> Result<Network> {
        let edges = edges_from_store(store)?;
        let mut nodes = nodes_from_store(store)?;
        let rows = store.select(&format!(
            "SELECT ?e ?p ?v WHERE {{ GRAPH <{}> {{ ?e ?p ?v }} }}",
            crate::rdf::vocab::ANALYTICS_GRAPH.as_str()
        ))?;
        for r in rows {
            let (Some(e), Some(p), Some(v)) = (r[0].as_ref(), r[1].as_ref(), r[2].as_ref()) else {
                continue;
            };
            if let (Some(n), Ok(v)) = (nodes.get_mut(e), v.parse::<f64>()) {
                n.scores
                    .insert(p.rsplit('#').next().unwrap_or(p).to_string(), v);
            }
        }
        // Keep entities that the articles mention or that take part in an edge.
        let edges: Vec<Edge> = edges
            .into_values()
            .filter(|e| nodes.contains_key(&e.source) && nodes.contains_key(&e.target))
            .collect();
        let linked: std::collections::BTreeSet<&str> = edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        let nodes: Vec<Node> = nodes
            .into_values()
            .filter(|n| n.stories > 0 || linked.contains(n.iri.as_str()))
            .collect();
        Ok(Network { nodes, edges })
    }
}

/// Edges: binary facts, partnership pairs and partnership sectors, weighted by stories.
type EdgeMap = BTreeMap<(String, String, String), Edge>;

fn edges_from_store(store: &KgStore) -> Result<EdgeMap> {
    // edges from binary facts
    let mut edges: EdgeMap = BTreeMap::new();
    let rows = store.select(
        "SELECT ?s ?p ?o (COUNT(DISTINCT ?story) AS ?w) (SAMPLE(?text) AS ?ev) WHERE {
           ?e vnkg:factSubject ?s ; vnkg:factPredicate ?p ; vnkg:factObject ?o ;
              vnkg:inSentence ?sn . ?sn vnkg:inStory ?story ; vnkg:text ?text .
         } GROUP BY ?s ?p ?o",
    )?;
    for r in rows {
        let (Some(s), Some(p), Some(o)) = (r[0].clone(), r[1].clone(), r[2].clone()) else {
            continue;
        };
        let rel = p.rsplit('#').next().unwrap_or(&p).to_string();
        let w = r[3].as_deref().and_then(|x| x.parse().ok()).unwrap_or(1);
        edges.insert(
            (s.clone(), rel.clone(), o.clone()),
            Edge {
                source: s,
                target: o,
                relation: rel,
                weight: w,
                evidence: r[4].clone().unwrap_or_default(),
            },
        );
    }
    // cooperatesWith from partnerships, one edge per unordered pair
    let rows = store.select(&format!(
        // the pairs first: joining parties of every partnership before filtering on the
        // pair took a minute on 1,000 articles, this takes a second
        "SELECT ?a ?b (COUNT(DISTINCT ?story) AS ?w) (SAMPLE(?text) AS ?ev) WHERE {{
           {{ SELECT DISTINCT ?a ?b WHERE {{ ?a vnkg:cooperatesWith ?b . FILTER(STR(?a) < STR(?b)) }} }}
           ?a vnkg:partyTo ?p . ?b vnkg:partyTo ?p . ?p prov:wasDerivedFrom ?story .
           {PARTNERSHIP_SENTENCE}
         }} GROUP BY ?a ?b",
    ))?;
    for r in rows {
        let (Some(a), Some(b)) = (r[0].clone(), r[1].clone()) else {
            continue;
        };
        let w = r[2].as_deref().and_then(|x| x.parse().ok()).unwrap_or(1);
        edges.insert(
            (a.clone(), "cooperatesWith".into(), b.clone()),
            Edge {
                source: a,
                target: b,
                relation: "cooperatesWith".into(),
                weight: w,
                evidence: r[3].clone().unwrap_or_default(),
            },
        );
    }
    // partnership sectors: each party is linked to the sector it cooperates in
    let rows = store.select(&format!(
        "SELECT ?a ?s (COUNT(DISTINCT ?story) AS ?w) (SAMPLE(?text) AS ?ev) WHERE {{
           ?a vnkg:partyTo ?p . ?p vnkg:focusesOn ?s ; prov:wasDerivedFrom ?story .
           {PARTNERSHIP_SENTENCE}
         }} GROUP BY ?a ?s",
    ))?;
    for r in rows {
        let (Some(a), Some(s)) = (r[0].clone(), r[1].clone()) else {
            continue;
        };
        let w = r[2].as_deref().and_then(|x| x.parse().ok()).unwrap_or(1);
        edges
            .entry((a.clone(), "cooperatesIn".into(), s.clone()))
            .or_insert(Edge {
                source: a,
                target: s,
                relation: "cooperatesIn".into(),
                weight: w,
                evidence: r[3].clone().unwrap_or_default(),
            });
    }

    Ok(edges)
}

fn nodes_from_store(store: &KgStore) -> Result<BTreeMap<String, Node>> {
    // Classes, labels, countries and story counts are five simple aggregates merged here by
    // entity: Oxigraph 0.5 evaluates a chain of OPTIONALs in one group superlinearly (188 s
    // at 10⁴ articles for the one query this replaces; the pieces take 0.4–12 s).
    let per_entity = |sparql: &str| -> Result<HashMap<String, String>> {
        Ok(store
            .select(sparql)?
            .into_iter()
            .filter_map(|r| Some((r[0].clone()?, r[1].clone()?)))
            .collect())
    };
    let classes = per_entity(&format!(
        "SELECT ?e (GROUP_CONCAT(DISTINCT CONCAT(STR(?rank), ' ', STR(?c), ' ', ?top); separator='|') AS ?classes)
         WHERE {{ ?e a ?c . {CLASS_TOP} }} GROUP BY ?e"
    ))?;
    let pref_labels = per_entity(
        "SELECT ?e (SAMPLE(?l) AS ?label) WHERE { ?e skos:prefLabel ?l FILTER(lang(?l) = 'fr') } GROUP BY ?e",
    )?;
    let labels =
        per_entity("SELECT ?e (SAMPLE(?l) AS ?label) WHERE { ?e rdfs:label ?l } GROUP BY ?e")?;
    let countries = per_entity(
        "SELECT ?e (SAMPLE(?c) AS ?cty) WHERE { ?e vnkg:basedInCountry ?c } GROUP BY ?e",
    )?;
    let stories = per_entity(
        "SELECT ?e (COUNT(DISTINCT ?story) AS ?n) WHERE {
           ?e vnkg:mentionedIn/vnkg:inStory ?story
         } GROUP BY ?e",
    )?;
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for (iri, classes) in classes {
        // "rank class-iri top" entries: the lowest rank, then the first class IRI, wins
        let best = classes.split('|').min().unwrap_or("");
        let mut parts = best.split(' ');
        let _rank = parts.next();
        let class = parts
            .next()
            .unwrap_or("")
            .rsplit('#')
            .next()
            .unwrap_or("")
            .to_string();
        let top = parts.next().unwrap_or("").to_string();
        let node = Node {
            label: pref_labels
                .get(&iri)
                .or_else(|| labels.get(&iri))
                .cloned()
                .unwrap_or_else(|| iri.clone()),
            class,
            top,
            country: countries.get(&iri).cloned().unwrap_or_default(),
            stories: stories.get(&iri).and_then(|x| x.parse().ok()).unwrap_or(0),
            scores: BTreeMap::new(),
            iri: iri.clone(),
        };
        nodes.insert(iri, node);
    }
    Ok(nodes)
}

impl Network {
    /// One row per entity with its class and analytics.
    pub fn write_nodes_csv(&self, w: &mut dyn Write) -> Result<()> {
        let mut c = csv::Writer::from_writer(w);
        let err = |e: csv::Error| Error::Write(e.into());
        let measures = [
            "degree",
            "weightedDegree",
            "pagerank",
            "betweenness",
            "closeness",
            "eigenvector",
            "community",
        ];
        let mut header = vec!["iri", "label", "class", "top_class", "country", "stories"];
        header.extend(measures);
        c.write_record(&header).map_err(err)?;
        for n in &self.nodes {
            let mut row = vec![
                n.iri.clone(),
                n.label.clone(),
                n.class.clone(),
                n.top.clone(),
                n.country.clone(),
                n.stories.to_string(),
            ];
            row.extend(
                measures
                    .iter()
                    .map(|m| n.scores.get(*m).map(|v| v.to_string()).unwrap_or_default()),
            );
            c.write_record(&row).map_err(err)?;
        }
        c.flush().map_err(Error::Write)?;
        Ok(())
    }

    /// One row per edge with both ends' labels and classes: what a spreadsheet user wants.
    pub fn write_csv(&self, w: &mut dyn Write) -> Result<()> {
        let by: BTreeMap<&str, &Node> = self.nodes.iter().map(|n| (n.iri.as_str(), n)).collect();
        let mut c = csv::Writer::from_writer(w);
        let err = |e: csv::Error| Error::Write(e.into());
        c.write_record([
            "source",
            "source_label",
            "source_class",
            "relation",
            "target",
            "target_label",
            "target_class",
            "weight",
            "evidence",
        ])
        .map_err(err)?;
        for e in &self.edges {
            let (s, t) = (by[e.source.as_str()], by[e.target.as_str()]);
            c.write_record([
                &e.source,
                &s.label,
                &s.class,
                &e.relation,
                &e.target,
                &t.label,
                &t.class,
                &e.weight.to_string(),
                &e.evidence,
            ])
            .map_err(err)?;
        }
        c.flush().map_err(Error::Write)?;
        Ok(())
    }
}
