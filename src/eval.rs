//! `vnkg eval`: precision, recall and F1 of the extractor against hand-written gold files
//! (tests/gold/*.json, see tests/gold/GUIDELINES.md): entity mentions (exact and overlapping
//! spans, per class), resolved entities (per class) and relations (per predicate), with the
//! misses and false positives listed.

use crate::corpus::Article;
use crate::extract::{Extractor, FactKind};
use crate::text::{fold_key, CharIndex};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct GoldEntity {
    pub surface: String,
    pub start: usize,
    pub end: usize,
    pub class: String,
    pub iri: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldRelation {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldFile {
    pub article: String,
    pub entities: Vec<GoldEntity>,
    pub relations: Vec<GoldRelation>,
}

/// Counts for one row of the table.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub articles: usize,
    pub mentions_exact: BTreeMap<String, Prf>,
    pub mentions_overlap: BTreeMap<String, Prf>,
    pub entities: BTreeMap<String, Prf>,
    pub relations: BTreeMap<String, Prf>,
    /// Mentions scored at the granularity a generic NER has (PER, ORG, LOC), for comparing
    /// with a baseline such as spaCy.
    pub coarse_exact: BTreeMap<String, Prf>,
    pub coarse_overlap: BTreeMap<String, Prf>,
    /// Partnership pairs: who cooperates, meets or signs with whom, as unordered pairs read from
    /// `cooperatesWith`, `metWith`, organisations' `memberOf` and the partnerships' sides.
    pub pairs: Prf,
    /// The same, had every two parties of a partnership been paired (the clique the sides
    /// replace), for comparison.
    pub pairs_clique: Prf,
    /// Precision per confidence band (a reliability table): for mentions (exact span and
    /// class), relations and partnership pairs, how many predictions in each band were right
    /// (`tp`) and wrong (`fp`).
    pub reliability: BTreeMap<String, BTreeMap<String, Prf>>,
    /// Right (`tp`) and wrong (`fp`) predictions per rule, each prediction counted for the rule
    /// of its most confident fact: what calibrating a rule's confidence reads.
    pub by_rule: BTreeMap<String, Prf>,
    /// (article, kind, text) of every miss and false positive.
    pub misses: Vec<(String, String, String)>,
    pub false_positives: Vec<(String, String, String)>,
}

impl Report {
    pub fn overall(table: &BTreeMap<String, Prf>) -> Prf {
        let mut t = Prf::default();
        for v in table.values() {
            t.add(v);
        }
        t
    }
}

fn bump(t: &mut BTreeMap<String, Prf>, k: &str, f: impl FnOnce(&mut Prf)) {
    f(t.entry(k.to_string()).or_default());
}

/// The `*.json` files of a gold directory, sorted.
fn gold_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::Io {
            path: dir.into(),
            source: e,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every `*.json` gold file in `dir` and scores the extractor on the articles they name.
pub fn evaluate(extractor: &Extractor, dir: &Path) -> Result<Report> {
    let files = gold_files(dir)?;
    if files.is_empty() {
        return Err(Error::Data {
            path: dir.into(),
            message: "no gold files (*.json)".into(),
        });
    }
    let mut report = Report::default();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| Error::Io {
            path: f.clone(),
            source: e,
        })?;
        let gold: GoldFile = serde_json::from_str(&text).map_err(|e| Error::Data {
            path: f.clone(),
            message: e.to_string(),
        })?;
        let article_path = locate(&gold.article, dir).ok_or_else(|| Error::Data {
            path: f.clone(),
            message: format!("article {} not found", gold.article),
        })?;
        let article = Article::from_file(&article_path, crate::corpus::DEFAULT_MAX_BYTES)?;
        score_article(extractor, &article, &gold, &mut report);
        report.articles += 1;
    }
    Ok(report)
}

/// Gold files name articles relative to the repository root; try the working directory, then
/// the gold directory's ancestors.
fn locate(rel: &str, gold_dir: &Path) -> Option<PathBuf> {
    let p = PathBuf::from(rel);
    if p.exists() {
        return Some(p);
    }
    gold_dir
        .ancestors()
        .map(|a| a.join(rel))
        .find(|c| c.exists())
}

/// The generic NER class a vnkg class corresponds to; None for sectors and policies, which
/// generic NER does not look for.
pub fn coarse(class: &str) -> Option<&'static str> {
    match class {
        "Person" | "PER" => Some("PER"),
        "Country" | "Locality" | "LOC" => Some("LOC"),
        "GovernmentBody"
        | "Company"
        | "ResearchOrganization"
        | "Network"
        | "Organization"
        | "Centre"
        | "Programme"
        | "Platform"
        | "Agreement"
        | "Meeting"
        | "Fund"
        | "ORG" => Some("ORG"),
        _ => None,
    }
}

/// Scores (start, end, class) predictions against gold at the PER/ORG/LOC level.
fn score_coarse(gold: &[GoldEntity], predicted: &[(usize, usize, String)], r: &mut Report) {
    let gold_c: Vec<(usize, usize, &str)> = gold
        .iter()
        .filter_map(|g| Some((g.start, g.end, coarse(&g.class)?)))
        .collect();
    let pred_c: Vec<(usize, usize, &str)> = predicted
        .iter()
        .filter_map(|p| Some((p.0, p.1, coarse(&p.2)?)))
        .collect();
    for (exact, table) in [(true, &mut r.coarse_exact), (false, &mut r.coarse_overlap)] {
        let mut left = gold_c.clone();
        for p in &pred_c {
            let hit = left.iter().position(|g| {
                g.2 == p.2
                    && if exact {
                        g.0 == p.0 && g.1 == p.1
                    } else {
                        g.0 < p.1 && p.0 < g.1
                    }
            });
            match hit {
                Some(i) => {
                    bump(table, p.2, |x| x.tp += 1);
                    left.remove(i);
                }
                None => bump(table, p.2, |x| x.fp += 1),
            }
        }
        for g in left {
            bump(table, g.2, |x| x.fn_ += 1);
        }
    }
}

#[derive(Debug, Deserialize)]
struct PredictedEntity {
    start: usize,
    end: usize,
    class: String,
}

#[derive(Debug, Deserialize)]
struct PredictedFile {
    entities: Vec<PredictedEntity>,
}

/// Scores another tool's mentions (one JSON file per gold file, same name, with
/// `entities: [{start, end, class}]`, classes PER/ORG/LOC or vnkg classes) with the same
/// matcher, at the PER/ORG/LOC level.
pub fn evaluate_predictions(gold_dir: &Path, pred_dir: &Path) -> Result<Report> {
    let mut report = Report::default();
    let files = gold_files(gold_dir)?;
    for f in files {
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|e| Error::Io {
                path: p.into(),
                source: e,
            })
        };
        let gold: GoldFile = serde_json::from_str(&read(&f)?).map_err(|e| Error::Data {
            path: f.clone(),
            message: e.to_string(),
        })?;
        let pf = pred_dir.join(f.file_name().unwrap_or_default());
        let pred: PredictedFile = serde_json::from_str(&read(&pf)?).map_err(|e| Error::Data {
            path: pf.clone(),
            message: e.to_string(),
        })?;
        let predicted: Vec<(usize, usize, String)> = pred
            .entities
            .into_iter()
            .map(|e| (e.start, e.end, e.class))
            .collect();
        score_coarse(&gold.entities, &predicted, &mut report);
        report.articles += 1;
    }
    Ok(report)
}

fn symmetric(p: &str) -> bool {
    matches!(p, "cooperatesWith" | "metWith")
}

fn rel_key(s: &str, p: &str, o: &str) -> (String, String, String) {
    if p == "hasRole" {
        // titles are compared by their first word ("directeur du Centre ..." ~ "directeur")
        let first = fold_key(o).split(' ').next().unwrap_or("").to_string();
        return (s.to_string(), p.to_string(), first);
    }
    if symmetric(p) && o < s {
        return (o.to_string(), p.to_string(), s.to_string());
    }
    (s.to_string(), p.to_string(), o.to_string())
}

/// A predicted mention: start, end (code points), class, surface.
type Predicted = (usize, usize, String, String);

fn score_article(ex: &Extractor, article: &Article, gold: &GoldFile, r: &mut Report) {
    let id = article.id.clone();
    let extraction = ex.extract(article);
    let ci = CharIndex::new(&article.text);
    let class_of = |iri: &str| {
        extraction
            .entities
            .get(iri)
            .map(|e| e.class.local().to_string())
            .unwrap_or_default()
    };
    // mentions: multisets of (start, end, class)
    let predicted: Vec<Predicted> = extraction
        .mentions
        .iter()
        .map(|m| {
            (
                ci.char_offset(m.span.start),
                ci.char_offset(m.span.end),
                class_of(&m.iri),
                article.text[m.span.clone()].to_string(),
            )
        })
        .collect();
    score_mentions(&id, &predicted, gold, r);
    for (m, p) in extraction.mentions.iter().zip(&predicted) {
        let right = gold
            .entities
            .iter()
            .any(|g| g.start == p.0 && g.end == p.1 && g.class == p.2);
        reliable(r, "mentions", m.confidence, m.rule, right);
    }
    let pred_set: BTreeSet<(String, String)> = extraction
        .mentions
        .iter()
        .map(|m| (class_of(&m.iri), m.iri.clone()))
        .collect();
    score_entities(&id, &pred_set, gold, r);
    score_relations(&id, article, &extraction, gold, r);
    score_pairs(&id, article, &extraction, gold, r);
}

/// An unordered pair, smaller IRI first.
fn unordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// "[rule] sentence": why a fact was predicted, for the listing.
fn why(article: &Article, f: &crate::extract::Fact) -> String {
    let s = article
        .stories
        .get(f.story)
        .and_then(|s| s.sentences.get(f.sentence))
        .map(|r| article.text[r.clone()].trim())
        .unwrap_or("");
    format!("[{}] {s}", f.rule)
}

/// Partnership pairs as the gold states them: `cooperatesWith`, `metWith`, and `memberOf`
/// whose member is not a person (an organisation in a network, a country in ASEAN); with the
/// evidence sentence of the first statement.
fn gold_pairs(gold: &GoldFile) -> BTreeMap<(String, String), String> {
    let person: BTreeSet<&str> = gold
        .entities
        .iter()
        .filter(|e| e.class == "Person")
        .map(|e| e.iri.as_str())
        .collect();
    let mut out = BTreeMap::new();
    for g in &gold.relations {
        let pair = match g.predicate.as_str() {
            "cooperatesWith" | "metWith" => true,
            "memberOf" => !person.contains(g.subject.as_str()),
            _ => false,
        };
        if pair && g.subject != g.object {
            out.entry(unordered(&g.subject, &g.object))
                .or_insert_with(|| g.evidence.clone());
        }
    }
    out
}

type Pair = (String, String);

/// The pairs one fact states, by sides and as the clique of its parties: partnerships, meetings
/// and an organisation's membership of another.
fn fact_pairs(
    extraction: &crate::extract::Extraction,
    f: &crate::extract::Fact,
) -> (Vec<Pair>, Vec<Pair>) {
    use crate::extract::{Class, Predicate};
    let is_person = |iri: &str| {
        extraction
            .entities
            .get(iri)
            .is_some_and(|e| e.class == Class::Person)
    };
    let (mine, all): (Vec<_>, Vec<_>) = match &f.kind {
        FactKind::Relation {
            subject,
            predicate,
            object,
        } => {
            let pair = match predicate {
                Predicate::MetWith => true,
                Predicate::MemberOf => !is_person(subject),
                _ => false,
            };
            let v = if pair {
                vec![unordered(subject, object)]
            } else {
                vec![]
            };
            (v.clone(), v)
        }
        FactKind::Partnership { pairs, parties, .. } => (
            pairs.iter().map(|(a, b)| unordered(a, b)).collect(),
            parties
                .iter()
                .enumerate()
                .flat_map(|(i, a)| parties[i + 1..].iter().map(|b| unordered(a, b)))
                .collect(),
        ),
        FactKind::Role { .. } => (vec![], vec![]),
    };
    let distinct = |v: Vec<(String, String)>| v.into_iter().filter(|(a, b)| a != b).collect();
    (distinct(mine), distinct(all))
}

/// The extractor's pairs (following the partnerships' sides) and, for comparison, the pairs a
/// clique of each partnership's parties gives; each with the rule and sentence of its first
/// fact.
#[allow(clippy::type_complexity)]
fn predicted_pairs(
    article: &Article,
    extraction: &crate::extract::Extraction,
) -> (
    BTreeMap<(String, String), String>,
    BTreeMap<(String, String), String>,
) {
    let mut sides = BTreeMap::new();
    let mut clique = BTreeMap::new();
    for f in &extraction.facts {
        let why = || why(article, f);
        let (mine, all) = fact_pairs(extraction, f);
        for k in mine {
            sides.entry(k).or_insert_with(why);
        }
        for k in all {
            clique.entry(k).or_insert_with(why);
        }
    }
    (sides, clique)
}

/// Partnership pairs, scored as sets of unordered pairs per article.
fn score_pairs(
    id: &str,
    article: &Article,
    extraction: &crate::extract::Extraction,
    gold: &GoldFile,
    r: &mut Report,
) {
    let gold = gold_pairs(gold);
    let (sides, clique) = predicted_pairs(article, extraction);
    score_pair_sets(id, &gold, &sides, &clique, r);
    for (k, (c, rule)) in pair_confidences(extraction) {
        if sides.contains_key(&k) {
            reliable(r, "pairs", c, rule, gold.contains_key(&k));
        }
    }
}

/// The best confidence behind each predicted pair (by sides), from the facts that state pairs.
fn pair_confidences(
    extraction: &crate::extract::Extraction,
) -> BTreeMap<(String, String), (f64, &str)> {
    let mut out: BTreeMap<(String, String), (f64, &str)> = BTreeMap::new();
    for f in &extraction.facts {
        for k in fact_pairs(extraction, f).0 {
            let c = out.entry(k).or_insert((f.confidence, f.rule));
            if f.confidence > c.0 {
                *c = (f.confidence, f.rule);
            }
        }
    }
    out
}

impl Report {
    /// Precision of the predictions of `what` ("mentions", "relations", "pairs") at confidence
    /// `c` or above, `c` being a band's lower bound; None when there are none.
    pub fn precision_at_least(&self, what: &str, c: f64) -> Option<f64> {
        let rows = self.reliability.get(what)?;
        let (mut right, mut wrong) = (0, 0);
        for (low, band) in BANDS {
            if low >= c - 1e-9 {
                if let Some(v) = rows.get(band) {
                    right += v.tp;
                    wrong += v.fp;
                }
            }
        }
        (right + wrong > 0).then(|| right as f64 / (right + wrong) as f64)
    }
}

/// Confidence bands of the reliability table, highest first.
const BANDS: [(f64, &str); 5] = [
    (0.9, "0.90-1.00"),
    (0.8, "0.80-0.89"),
    (0.7, "0.70-0.79"),
    (0.6, "0.60-0.69"),
    (0.0, "0.00-0.59"),
];

/// Counts one prediction of `what` at confidence `c` as right or wrong in its band.
fn reliable(r: &mut Report, what: &str, c: f64, rule: &str, right: bool) {
    let per_rule = r.by_rule.entry(format!("{what}: {rule}")).or_default();
    if right {
        per_rule.tp += 1;
    } else {
        per_rule.fp += 1;
    }
    let band = BANDS
        .iter()
        .find(|(lo, _)| c >= *lo - 1e-9)
        .map_or("0.00-0.59", |(_, b)| b);
    let row = r
        .reliability
        .entry(what.to_string())
        .or_default()
        .entry(band.to_string())
        .or_default();
    if right {
        row.tp += 1;
    } else {
        row.fp += 1;
    }
}

/// The reliability table: per band, right, wrong and precision, and the precision of every
/// prediction at or above the band (what a confidence filter at its lower bound keeps).
fn reliability_table(out: &mut String, r: &Report) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "\nReliability: precision per confidence band (and at or above it)"
    );
    for (what, rows) in &r.reliability {
        let _ = writeln!(
            out,
            "  {what:<10} {:<10} {:>6} {:>6} {:>7} {:>9}",
            "band", "right", "wrong", "P", "P (>=)"
        );
        let (mut right, mut wrong) = (0, 0);
        for (_, band) in BANDS {
            let v = rows.get(band).cloned().unwrap_or_default();
            right += v.tp;
            wrong += v.fp;
            let at_least = if right + wrong == 0 {
                0.0
            } else {
                right as f64 / (right + wrong) as f64
            };
            let _ = writeln!(
                out,
                "  {:<10} {band:<10} {:>6} {:>6} {:>7.3} {:>9.3}",
                "",
                v.tp,
                v.fp,
                v.precision(),
                at_least
            );
        }
    }
}

type PairSet = BTreeMap<(String, String), String>;

/// Pairs predicted by sides and as a clique against the gold's, each with why (the gold's
/// evidence, the rule and sentence) for the listing.
fn score_pair_sets(id: &str, gold: &PairSet, sides: &PairSet, clique: &PairSet, r: &mut Report) {
    for k in clique.keys() {
        if gold.contains_key(k) {
            r.pairs_clique.tp += 1;
        } else {
            r.pairs_clique.fp += 1;
        }
    }
    r.pairs_clique.fn_ += gold.keys().filter(|k| !clique.contains_key(*k)).count();
    for (k, why) in sides {
        if gold.contains_key(k) {
            r.pairs.tp += 1;
        } else {
            r.pairs.fp += 1;
            r.false_positives.push((
                id.to_string(),
                "pair".into(),
                format!("{} — {}   {why}", k.0, k.1),
            ));
        }
    }
    for (k, evidence) in gold {
        if !sides.contains_key(k) {
            r.pairs.fn_ += 1;
            r.misses.push((
                id.to_string(),
                "pair".into(),
                format!("{} — {}   [gold] {evidence}", k.0, k.1),
            ));
        }
    }
}

/// Mentions by exact span, by overlapping span, and at the PER/ORG/LOC level.
fn score_mentions(id: &str, predicted: &[Predicted], gold: &GoldFile, r: &mut Report) {
    let id = id.to_string();
    let mut unmatched_gold: Vec<&GoldEntity> = gold.entities.iter().collect();
    let mut unmatched_pred: Vec<&Predicted> = Vec::new();
    for p in predicted {
        if let Some(i) = unmatched_gold
            .iter()
            .position(|g| g.start == p.0 && g.end == p.1 && g.class == p.2)
        {
            bump(&mut r.mentions_exact, &p.2, |x| x.tp += 1);
            unmatched_gold.remove(i);
        } else {
            bump(&mut r.mentions_exact, &p.2, |x| x.fp += 1);
            unmatched_pred.push(p);
        }
    }
    for g in &unmatched_gold {
        bump(&mut r.mentions_exact, &g.class, |x| x.fn_ += 1);
    }
    score_coarse(
        &gold.entities,
        &predicted
            .iter()
            .map(|p| (p.0, p.1, p.2.clone()))
            .collect::<Vec<_>>(),
        r,
    );
    // overlapping spans, same class, one-to-one
    let mut gold_left: Vec<&GoldEntity> = gold.entities.iter().collect();
    for p in predicted {
        if let Some(i) = gold_left
            .iter()
            .position(|g| g.start < p.1 && p.0 < g.end && g.class == p.2)
        {
            bump(&mut r.mentions_overlap, &p.2, |x| x.tp += 1);
            gold_left.remove(i);
        } else {
            bump(&mut r.mentions_overlap, &p.2, |x| x.fp += 1);
        }
    }
    for g in &gold_left {
        bump(&mut r.mentions_overlap, &g.class, |x| x.fn_ += 1);
        r.misses.push((
            id.clone(),
            format!("mention {}", g.class),
            format!("{} [{}-{}]", g.surface, g.start, g.end),
        ));
    }
    for p in unmatched_pred.iter().filter(|p| {
        !gold
            .entities
            .iter()
            .any(|g| g.start < p.1 && p.0 < g.end && g.class == p.2)
    }) {
        r.false_positives.push((
            id.clone(),
            format!("mention {}", p.2),
            format!("{} [{}-{}]", p.3, p.0, p.1),
        ));
    }
}

/// Resolved entities: sets of (class, IRI).
fn score_entities(
    id: &str,
    pred_set: &BTreeSet<(String, String)>,
    gold: &GoldFile,
    r: &mut Report,
) {
    let id = id.to_string();
    let gold_set: BTreeSet<(String, String)> = gold
        .entities
        .iter()
        .map(|g| (g.class.clone(), g.iri.clone()))
        .collect();
    for (c, i) in pred_set {
        if gold_set.contains(&(c.clone(), i.clone())) {
            bump(&mut r.entities, c, |x| x.tp += 1);
        } else {
            bump(&mut r.entities, c, |x| x.fp += 1);
        }
    }
    for (c, i) in gold_set.difference(pred_set) {
        bump(&mut r.entities, c, |x| x.fn_ += 1);
        r.misses
            .push((id.clone(), format!("entity {c}"), i.clone()));
    }
}

/// Relations: sets of (subject, predicate, object), partnerships as their pairs.
fn score_relations(
    id: &str,
    article: &Article,
    extraction: &crate::extract::Extraction,
    gold: &GoldFile,
    r: &mut Report,
) {
    let id = id.to_string();
    // relations: sets of (subject, predicate, object)
    let gold_rel: BTreeSet<_> = gold
        .relations
        .iter()
        .map(|g| rel_key(&g.subject, &g.predicate, &g.object))
        .collect();
    // each predicted relation with the rule and sentence of its first fact, for the listing,
    // and the best confidence any fact gives it
    let mut pred_rel: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let mut conf: BTreeMap<(String, String, String), (f64, &str)> = BTreeMap::new();
    for f in &extraction.facts {
        let why = || why(article, f);
        let keys: Vec<_> = match &f.kind {
            FactKind::Relation {
                subject,
                predicate,
                object,
            } => vec![rel_key(subject, predicate.local(), object)],
            FactKind::Role { person, title } => vec![rel_key(person, "hasRole", title)],
            FactKind::Partnership { pairs, .. } => pairs
                .iter()
                .map(|(a, b)| rel_key(a, "cooperatesWith", b))
                .collect(),
        };
        for k in keys {
            let c = conf.entry(k.clone()).or_insert((f.confidence, f.rule));
            if f.confidence > c.0 {
                *c = (f.confidence, f.rule);
            }
            pred_rel.entry(k).or_insert_with(why);
        }
    }
    for (k, (c, rule)) in &conf {
        reliable(r, "relations", *c, rule, gold_rel.contains(k));
    }
    for (k, why) in &pred_rel {
        if gold_rel.contains(k) {
            bump(&mut r.relations, &k.1, |x| x.tp += 1);
        } else {
            bump(&mut r.relations, &k.1, |x| x.fp += 1);
            r.false_positives.push((
                id.clone(),
                format!("relation {}", k.1),
                format!("{} → {}   {why}", k.0, k.2),
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for g in &gold.relations {
        let k = rel_key(&g.subject, &g.predicate, &g.object);
        if pred_rel.contains_key(&k) || !seen.insert(k.clone()) {
            continue;
        }
        bump(&mut r.relations, &k.1, |x| x.fn_ += 1);
        r.misses.push((
            id.clone(),
            format!("relation {}", k.1),
            format!("{} → {}   [gold] {}", k.0, k.2, g.evidence),
        ));
    }
}

/// The human-readable table.
pub fn render(r: &Report, list: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let table = |out: &mut String, title: &str, t: &BTreeMap<String, Prf>| {
        let _ = writeln!(out, "\n{title}");
        prf_header(out, 24);
        for (k, v) in t {
            prf_row(out, k, v, 24);
        }
        let o = Report::overall(t);
        prf_row(out, "ALL (micro)", &o, 24);
    };
    let _ = writeln!(out, "{} gold articles", r.articles);
    if r.mentions_exact.is_empty() {
        table(
            &mut out,
            "Mentions, PER/ORG/LOC (exact span)",
            &r.coarse_exact,
        );
        table(
            &mut out,
            "Mentions, PER/ORG/LOC (overlapping span)",
            &r.coarse_overlap,
        );
        return out;
    }
    table(
        &mut out,
        "Entity mentions (exact span and class)",
        &r.mentions_exact,
    );
    table(
        &mut out,
        "Entity mentions (overlapping span, same class)",
        &r.mentions_overlap,
    );
    table(&mut out, "Resolved entities (IRI per article)", &r.entities);
    table(
        &mut out,
        "Relations (subject, predicate, object per article)",
        &r.relations,
    );
    let pairs = BTreeMap::from([
        ("pairs (by sides)".to_string(), r.pairs.clone()),
        (
            "pairs (clique of parties)".to_string(),
            r.pairs_clique.clone(),
        ),
    ]);
    pair_table(&mut out, &pairs);
    reliability_table(&mut out, r);
    if list {
        rule_table(&mut out, r);
    }
    table(
        &mut out,
        "Mentions, PER/ORG/LOC (exact span; for comparison with generic NER)",
        &r.coarse_exact,
    );
    table(
        &mut out,
        "Mentions, PER/ORG/LOC (overlapping span)",
        &r.coarse_overlap,
    );
    if list {
        let _ = writeln!(out, "\nMisses ({}):", r.misses.len());
        for (a, k, t) in &r.misses {
            let _ = writeln!(out, "  {a}  {k}: {t}");
        }
        let _ = writeln!(out, "\nFalse positives ({}):", r.false_positives.len());
        for (a, k, t) in &r.false_positives {
            let _ = writeln!(out, "  {a}  {k}: {t}");
        }
    }
    out
}

/// Partnership pairs: one row each way of reading them, no total (the rows are the same pairs
/// counted two ways).
fn pair_table(out: &mut String, rows: &BTreeMap<String, Prf>) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "\nPartnership pairs (unordered; cooperatesWith, metWith, organisations' memberOf, partnership sides)"
    );
    prf_header(out, 26);
    for (k, v) in rows {
        prf_row(out, k, v, 26);
    }
}

/// Precision per rule, beside the rule's stated confidence (`vnkg eval --list`).
fn rule_table(out: &mut String, r: &Report) {
    use std::fmt::Write;
    let _ = writeln!(out, "\nPrecision per rule (stated confidence)");
    for (k, v) in &r.by_rule {
        let rule = k.split(": ").nth(1).unwrap_or("");
        let stated = crate::extract::rule::find(rule).map_or(f64::NAN, |r| r.confidence);
        let _ = writeln!(
            out,
            "  {k:<48} {:>5} {:>5}  P {:>5.3}  stated {stated:.2}",
            v.tp,
            v.fp,
            v.precision()
        );
    }
}

/// `{what: {band: {tp, fp, precision ...}}}`.
fn reliability_json(r: &Report) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for (what, rows) in &r.reliability {
        let rows: serde_json::Map<String, serde_json::Value> =
            rows.iter().map(|(b, v)| (b.clone(), prf(v))).collect();
        out.insert(what.clone(), serde_json::Value::Object(rows));
    }
    serde_json::Value::Object(out)
}

/// The header of a table of `prf_row`s.
fn prf_header(out: &mut String, width: usize) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "  {:<width$} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}",
        "", "tp", "fp", "fn", "P", "R", "F1"
    );
}

/// One table row: label, tp, fp, fn, precision, recall, F1.
fn prf_row(out: &mut String, label: &str, v: &Prf, width: usize) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "  {label:<width$} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
        v.tp,
        v.fp,
        v.fn_,
        v.precision(),
        v.recall(),
        v.f1()
    );
}

fn prf(v: &Prf) -> serde_json::Value {
    serde_json::json!({"tp": v.tp, "fp": v.fp, "fn": v.fn_, "precision": v.precision(), "recall": v.recall(), "f1": v.f1()})
}

/// JSON with per-row precision/recall/F1 added.
pub fn to_json(r: &Report) -> serde_json::Value {
    let table = |t: &BTreeMap<String, Prf>| {
        let mut m = serde_json::Map::new();
        for (k, v) in t {
            m.insert(k.clone(), serde_json::json!({"tp": v.tp, "fp": v.fp, "fn": v.fn_, "precision": v.precision(), "recall": v.recall(), "f1": v.f1()}));
        }
        let o = Report::overall(t);
        m.insert("ALL".into(), serde_json::json!({"tp": o.tp, "fp": o.fp, "fn": o.fn_, "precision": o.precision(), "recall": o.recall(), "f1": o.f1()}));
        serde_json::Value::Object(m)
    };
    serde_json::json!({
        "articles": r.articles,
        "mentions_exact": table(&r.mentions_exact),
        "mentions_overlap": table(&r.mentions_overlap),
        "entities": table(&r.entities),
        "relations": table(&r.relations),
        "pairs": prf(&r.pairs),
        "pairs_clique": prf(&r.pairs_clique),
        "reliability": reliability_json(r),
        "by_rule": r.by_rule.iter().map(|(k, v)| (k.clone(), prf(v))).collect::<serde_json::Map<String, serde_json::Value>>(),
        "coarse_exact": table(&r.coarse_exact),
        "coarse_overlap": table(&r.coarse_overlap),
        "misses": r.misses,
        "false_positives": r.false_positives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &str, p: &str, o: &str) -> GoldRelation {
        GoldRelation {
            subject: s.into(),
            predicate: p.into(),
            object: o.into(),
            evidence: format!("{s} {p} {o}"),
        }
    }

    fn set(pairs: &[(&str, &str)]) -> PairSet {
        pairs
            .iter()
            .map(|(a, b)| (unordered(a, b), "why".to_string()))
            .collect()
    }

    #[test]
    fn gold_pairs_are_unordered_and_skip_a_person_s_membership() {
        let gold = GoldFile {
            article: String::new(),
            entities: vec![GoldEntity {
                surface: "Nguyen Van A".into(),
                start: 0,
                end: 12,
                class: "Person".into(),
                iri: "p".into(),
            }],
            relations: vec![
                rel("b", "cooperatesWith", "a"),
                rel("a", "cooperatesWith", "b"),
                rel("a", "metWith", "c"),
                rel("p", "memberOf", "a"),
                rel("vn", "memberOf", "asean"),
                rel("a", "focusesOn", "ai"),
            ],
        };
        let keys: Vec<(String, String)> = gold_pairs(&gold).into_keys().collect();
        let want: Vec<(String, String)> = [("a", "b"), ("a", "c"), ("asean", "vn")]
            .iter()
            .map(|(x, y)| (x.to_string(), y.to_string()))
            .collect();
        assert_eq!(keys, want);
    }

    #[test]
    fn a_star_scores_against_the_gold_and_the_clique_beside_it() {
        // gold: X approached A and B (a star); predicted by sides: X–A and A–B; as a clique
        // of the three parties: X–A, X–B, A–B
        let gold = set(&[("x", "a"), ("x", "b")]);
        let sides = set(&[("x", "a"), ("a", "b")]);
        let clique = set(&[("x", "a"), ("x", "b"), ("a", "b")]);
        let mut r = Report::default();
        score_pair_sets("art", &gold, &sides, &clique, &mut r);
        assert_eq!((r.pairs.tp, r.pairs.fp, r.pairs.fn_), (1, 1, 1));
        assert_eq!(
            (r.pairs_clique.tp, r.pairs_clique.fp, r.pairs_clique.fn_),
            (2, 1, 0)
        );
        assert_eq!(r.misses.len(), 1);
        assert!(r.misses[0].2.starts_with("b — x"), "{:?}", r.misses);
        assert!(r.false_positives[0].2.starts_with("a — b"));
    }

    #[test]
    fn reliability_bands_count_right_and_wrong_by_confidence_and_rule() {
        let mut r = Report::default();
        reliable(&mut r, "pairs", 0.95, "a", true);
        reliable(&mut r, "pairs", 0.8, "a", false);
        reliable(&mut r, "pairs", 0.8, "b", true);
        reliable(&mut r, "pairs", 0.79, "b", true);
        reliable(&mut r, "pairs", 0.1, "b", false);
        let rows = &r.reliability["pairs"];
        let count = |band: &str| rows.get(band).map(|v| (v.tp, v.fp));
        assert_eq!(count("0.90-1.00"), Some((1, 0)));
        assert_eq!(count("0.80-0.89"), Some((1, 1)));
        assert_eq!(count("0.70-0.79"), Some((1, 0)));
        assert_eq!(count("0.00-0.59"), Some((0, 1)));
        assert_eq!((r.by_rule["pairs: b"].tp, r.by_rule["pairs: b"].fp), (2, 1));
        let mut out = String::new();
        reliability_table(&mut out, &r);
        // at or above 0.80: 2 right of 3
        let row: Vec<&str> = out
            .lines()
            .find(|l| l.contains("0.80-0.89"))
            .unwrap()
            .split_whitespace()
            .collect();
        assert_eq!(row, ["0.80-0.89", "1", "1", "0.500", "0.667"], "{out}");
    }
}
