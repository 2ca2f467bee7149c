//! Curated names (countries, localities, organisations, policies, sectors) read from the
//! Turtle files in `data/gazetteer/` and `ontology/sectors.ttl`, compiled into automata over
//! folded text so spelling variants and missing diacritics still match.

use super::{Class, Entity};
use crate::text::{fold, fold_key};
use crate::{Error, Result};
use aho_corasick::{AhoCorasick, MatchKind};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const NS: &str = "https://w3id.org/vnkg/ontology#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

/// The built-in gazetteer files, compiled into the binary so it runs from any directory.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "ontology/sectors.ttl",
        include_str!("../../ontology/sectors.ttl"),
    ),
    (
        "data/gazetteer/countries.ttl",
        include_str!("../../data/gazetteer/countries.ttl"),
    ),
    (
        "data/gazetteer/actors.ttl",
        include_str!("../../data/gazetteer/actors.ttl"),
    ),
    (
        "data/gazetteer/initiatives.ttl",
        include_str!("../../data/gazetteer/initiatives.ttl"),
    ),
];

/// What a matched pattern says about the text.
#[derive(Debug, Clone)]
pub enum Hit {
    /// A name or alias of one entity.
    Name(usize),
    /// A demonym ("japonais", "sud-coréennes") of one country.
    Demonym(usize),
    /// A compound adjective ("vietnamo-russe") naming two countries.
    Compound(usize, usize),
}

pub struct Gazetteer {
    pub entities: Vec<Entity>,
    /// Names and demonyms, folded: `folded_hits[..folded_compounds.first]`.
    folded: AhoCorasick,
    #[cfg_attr(not(test), allow(dead_code))]
    folded_patterns: Vec<String>,
    /// Compound demonyms ("vietnamo russe"), 34 k of the 35 k folded patterns, searched as if
    /// they were in the same automaton and built only when a text could contain one.
    folded_compounds: Compounds,
    folded_hits: Vec<Hit>,
    exact: AhoCorasick,
    exact_hits: Vec<Hit>,
    by_key: BTreeMap<String, usize>,
    /// Raw Turtle of every file, loaded into the store's gazetteer graph.
    pub sources: Vec<(String, String)>,
}

/// The compound patterns, their automaton built on first need: it took 30 ms, half of the
/// extractor's start-up, and most texts have no combining form ("vietnamo ", "franco ") at all.
struct Compounds {
    /// Index of the first compound pattern in `folded_hits`.
    first: usize,
    patterns: Vec<String>,
    /// Every compound is one of these ("franco ") followed by a demonym form ("russe"): a text
    /// with no such pair has no compound ("Lao Cai" has the head, not the form).
    heads: AhoCorasick,
    forms: AhoCorasick,
    automaton: std::sync::OnceLock<std::result::Result<AhoCorasick, String>>,
}

impl Compounds {
    fn may_occur_in(&self, text: &str) -> bool {
        self.heads.find_overlapping_iter(text).any(|h| {
            let after = aho_corasick::Input::new(text)
                .range(h.end()..)
                .anchored(aho_corasick::Anchored::Yes);
            self.forms.find(after).is_some()
        })
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&self.patterns)
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .ok()
    }
}

/// The leftmost-longest match of `ac` at or after `pos`: (start, end, pattern).
fn leftmost_longest(ac: &AhoCorasick, text: &str, pos: usize) -> Option<(usize, usize, usize)> {
    ac.find(aho_corasick::Input::new(text).range(pos..))
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
}

#[derive(Default)]
struct Raw {
    types: BTreeSet<String>,
    pref_fr: Option<String>,
    pref_en: Option<String>,
    label_fr: Option<String>,
    alts: Vec<String>,
    acronyms: Vec<String>,
    demonyms: Vec<String>,
    combining: Vec<String>,
    country: Option<String>,
    number: Option<String>,
}

impl Gazetteer {
    pub fn builtin() -> Result<Gazetteer> {
        Self::from_sources(
            BUILTIN
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// Loads every `.ttl` under `dir` (plus the built-in sectors when `dir` has none).
    pub fn from_dir(dir: &Path) -> Result<Gazetteer> {
        let mut sources = Vec::new();
        let rd = std::fs::read_dir(dir).map_err(|e| Error::Io {
            path: dir.into(),
            source: e,
        })?;
        let mut files: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ttl"))
            .collect();
        files.sort();
        for f in files {
            let t = std::fs::read_to_string(&f).map_err(|e| Error::Io {
                path: f.clone(),
                source: e,
            })?;
            sources.push((f.display().to_string(), t));
        }
        if !sources.iter().any(|(n, _)| n.ends_with("sectors.ttl")) {
            sources.push((BUILTIN[0].0.to_string(), BUILTIN[0].1.to_string()));
        }
        Self::from_sources(sources)
    }

    fn from_sources(sources: Vec<(String, String)>) -> Result<Gazetteer> {
        let raw = read_raw(&sources)?;
        let mut entries = Entries::default();
        for (iri, r) in raw {
            entries.add(iri, r);
        }
        entries.add_compounds();
        let Entries {
            entities,
            by_key,
            pats,
            countries,
        } = entries;
        let Patterns {
            folded: mut folded_pats,
            folded_hits,
            exact: exact_pats,
            exact_hits,
            ..
        } = pats;
        // names and demonyms come first, the compounds after them (`seen` gave a string
        // that is both to the name): split there, the compounds get their own lazy automaton
        let first = folded_hits
            .iter()
            .position(|h| matches!(h, Hit::Compound(..)))
            .unwrap_or(folded_hits.len());
        let compound_patterns = folded_pats.split_off(first);
        let mut heads: Vec<String> = countries
            .iter()
            .flat_map(|(_, _, combining)| combining.iter().map(|c| format!("{c} ")))
            .collect();
        heads.sort();
        heads.dedup();
        let mut forms: Vec<&String> = countries.iter().flat_map(|(_, f, _)| f).collect();
        forms.sort();
        forms.dedup();
        let data_error = |e: aho_corasick::BuildError| Error::Data {
            path: "gazetteer".into(),
            message: e.to_string(),
        };
        let heads = AhoCorasick::new(&heads).map_err(data_error)?;
        let forms = AhoCorasick::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(forms)
            .map_err(data_error)?;
        let build = |pats: &[String]| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .map_err(data_error)
        };
        Ok(Gazetteer {
            folded: build(&folded_pats)?,
            folded_patterns: folded_pats,
            folded_compounds: Compounds {
                first,
                patterns: compound_patterns,
                heads,
                forms,
                automaton: std::sync::OnceLock::new(),
            },
            exact: build(&exact_pats)?,
            entities,
            folded_hits,
            exact_hits,
            by_key,
            sources,
        })
    }

    /// All hits in `text` (byte ranges into `text`), at word boundaries.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, Hit)> {
        self.find_in(text, &fold(text))
    }

    /// `find` with the text's fold already made (the extractor folds each sentence once).
    pub fn find_in(
        &self,
        text: &str,
        f: &crate::text::Folded,
    ) -> Vec<(std::ops::Range<usize>, Hit)> {
        let mut out = Vec::new();
        let t = f.text.as_str();
        let c = &self.folded_compounds;
        let compounds = if c.may_occur_in(t) {
            c.automaton()
        } else {
            None
        };
        // one leftmost-longest search over names, demonyms and compounds: the leftmost start,
        // then the longer (no string is in both sets)
        let find = |pos: usize| {
            let base = leftmost_longest(&self.folded, t, pos);
            let compound = compounds
                .and_then(|ac| leftmost_longest(ac, t, pos))
                .map(|(s, e, p)| (s, e, c.first + p));
            match (base, compound) {
                (Some(b), Some(k)) if (k.0, b.1) < (b.0, k.1) => Some(k),
                (None, k) => k,
                (b, _) => b,
            }
        };
        for (s, e, pat) in word_bounded(t, find) {
            let (s, e) = f.original_range(s, e, text);
            out.push((s..e, self.folded_hits[pat].clone()));
        }
        for (s, e, pat) in matches_at_word_boundaries(&self.exact, text) {
            out.push((s..e, self.exact_hits[pat].clone()));
        }
        out
    }

    /// The gazetteer entity whose name or alias folds to the same key, if any.
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        self.by_key.get(&fold_key(name)).map(|&i| &self.entities[i])
    }

    pub fn by_number(&self, class: Class, number: &str) -> Option<&Entity> {
        let n = number.trim_start_matches('0');
        let mut found = self.entities.iter().filter(|e| {
            e.class == class
                && e.number
                    .as_deref()
                    .is_some_and(|x| x.split(|c: char| !c.is_ascii_digit()).next() == Some(n))
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

/// French inflections of a masculine singular demonym (folded).
fn inflect(d: &str) -> Vec<String> {
    let mut v = vec![d.to_string()];
    if d.ends_with("ais") || d.ends_with("ois") {
        v.push(format!("{d}e"));
        v.push(format!("{d}es"));
    } else if d.ends_with("en") {
        v.extend([format!("{d}ne"), format!("{d}s"), format!("{d}nes")]);
    } else if d.ends_with('e') {
        v.push(format!("{d}s"));
    } else if d.ends_with('s') || d.ends_with('x') {
    } else {
        v.extend([format!("{d}e"), format!("{d}s"), format!("{d}es")]);
    }
    v
}

/// A handful of patterns searched like a leftmost-longest Aho-Corasick automaton, for the
/// names an article defines and then repeats: built for each article, where building even the
/// cheapest automaton cost more (6% of extraction) than the few searches it served.
pub(crate) struct FewPatterns<'p> {
    finders: Vec<memchr::memmem::Finder<'p>>,
}

impl<'p> FewPatterns<'p> {
    pub fn new<I: IntoIterator<Item = &'p str>>(patterns: I) -> Self {
        FewPatterns {
            finders: patterns
                .into_iter()
                .map(|p| memchr::memmem::Finder::new(p.as_bytes()))
                .collect(),
        }
    }

    /// What [`matches_at_word_boundaries`] gives for an automaton of the same patterns.
    pub fn matches_at_word_boundaries(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let hay = text.as_bytes();
        let find =
            |f: &memchr::memmem::Finder<'_>, from: usize| f.find(&hay[from..]).map(|i| from + i);
        // next occurrence of each pattern at or after the search position
        let mut next: Vec<Option<usize>> = self.finders.iter().map(|f| find(f, 0)).collect();
        word_bounded(text, |pos| {
            let mut best: Option<(usize, usize, usize)> = None;
            for (i, f) in self.finders.iter().enumerate() {
                if next[i].is_some_and(|s| s < pos) {
                    next[i] = find(f, pos);
                }
                let Some(s) = next[i] else { continue };
                let e = s + f.needle().len();
                // leftmost start, then longest, then the pattern given first
                if best.is_none_or(|(bs, be, _)| s < bs || (s == bs && e > be)) {
                    best = Some((s, e, i));
                }
            }
            best
        })
    }
}

/// Leftmost-longest matches that start and end on word boundaries. A match rejected for
/// cutting a word must not hide the ones it overlaps: "l|e gouvernement| vietnamien" would
/// otherwise swallow "gouvernement vietnamien", so the search resumes one character later.
pub(crate) fn matches_at_word_boundaries(
    ac: &AhoCorasick,
    text: &str,
) -> Vec<(usize, usize, usize)> {
    word_bounded(text, |pos| leftmost_longest(ac, text, pos))
}

/// [`matches_at_word_boundaries`] over any leftmost-longest search (`find(pos)`: the match
/// at or after `pos`).
fn word_bounded(
    text: &str,
    mut find: impl FnMut(usize) -> Option<(usize, usize, usize)>,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some((s, e, pat)) = find(pos) else {
            break;
        };
        if crate::text::at_word_boundaries(text, s, e) {
            out.push((s, e, pat));
            pos = e.max(s + 1);
        } else {
            pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The automata's patterns, each with what it hits; a pattern is added once (its first owner
/// keeps it), folded ones (`f:`) and exact ones (`x:`) apart.
/// The gazetteer's entries as they are read, before the automata are built.
#[derive(Default)]
struct Entries {
    entities: Vec<Entity>,
    /// folded name or acronym → entity index
    by_key: BTreeMap<String, usize>,
    pats: Patterns,
    /// each country's entity index, its demonyms' forms and its combining forms (folded)
    countries: Vec<(usize, Vec<String>, Vec<String>)>,
}

impl Entries {
    /// One entity with its names, acronyms and, for a country, its demonyms.
    fn add(&mut self, iri: String, r: Raw) {
        let Some(class) = r
            .types
            .iter()
            .find_map(|t| t.strip_prefix(NS).and_then(Class::from_local))
        else {
            return;
        };
        let Some(label) = r.pref_fr.clone().or(r.label_fr.clone()) else {
            return;
        };
        let idx = self.entities.len();
        let mut names: Vec<String> = vec![label.clone()];
        names.extend(r.alts.iter().cloned());
        for n in &names {
            // Short all-capital names ("IA", "UE") would hit ordinary words once folded.
            let caps = n
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
            if caps && n.chars().count() <= 5 {
                self.pats.exact(n, Hit::Name(idx));
            } else {
                let k = fold_key(n);
                if k.chars().count() >= 2 {
                    self.pats.folded(k, Hit::Name(idx));
                }
            }
            self.by_key.entry(fold_key(n)).or_insert(idx);
        }
        for a in &r.acronyms {
            self.pats.exact(a, Hit::Name(idx));
            self.by_key.entry(fold_key(a)).or_insert(idx);
        }
        if class == Class::Country {
            let forms: Vec<String> = r
                .demonyms
                .iter()
                .flat_map(|d| inflect(&fold_key(d)))
                .collect();
            self.countries.push((
                idx,
                forms.clone(),
                r.combining.iter().map(|c| fold_key(c)).collect(),
            ));
            for f in forms {
                self.pats.folded(f, Hit::Demonym(idx));
            }
        }
        self.entities.push(Entity {
            iri,
            class,
            label,
            label_en: r.pref_en,
            acronym: r.acronyms.first().cloned(),
            number: r.number,
            country: r.country,
            from_gazetteer: true,
        });
    }

    fn add_compounds(&mut self) {
        // "vietnamo-russe", "franco-vietnamienne": a combining form glued to a demonym.
        for (a, _, combining) in &self.countries {
            for (b, forms, _) in &self.countries {
                if a == b {
                    continue;
                }
                for c in combining {
                    for f in forms {
                        self.pats.folded(format!("{c} {f}"), Hit::Compound(*a, *b));
                    }
                }
            }
        }
    }
}

#[derive(Default)]
struct Patterns {
    folded: Vec<String>,
    folded_hits: Vec<Hit>,
    exact: Vec<String>,
    exact_hits: Vec<Hit>,
    seen: BTreeSet<String>,
}

impl Patterns {
    fn exact(&mut self, pattern: &str, hit: Hit) {
        if self.seen.insert(format!("x:{pattern}")) {
            self.exact.push(pattern.to_string());
            self.exact_hits.push(hit);
        }
    }

    fn folded(&mut self, pattern: String, hit: Hit) {
        if self.seen.insert(format!("f:{pattern}")) {
            self.folded.push(pattern);
            self.folded_hits.push(hit);
        }
    }
}

/// The gazetteer's Turtle read into one record per subject.
fn read_raw(sources: &[(String, String)]) -> Result<BTreeMap<String, Raw>> {
    let mut raw: BTreeMap<String, Raw> = BTreeMap::new();
    let based_in = format!("{NS}basedInCountry");
    let [pref, alt, hidden] =
        ["prefLabel", "altLabel", "hiddenLabel"].map(|l| format!("{SKOS}{l}"));
    let [acronym, demonym, combining_form, policy_number] =
        ["acronym", "demonym", "combiningForm", "policyNumber"].map(|l| format!("{NS}{l}"));
    for (name, text) in sources {
        for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            let q = q.map_err(|e| Error::syntax(name.into(), e))?;
            let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            let r = raw.entry(s.as_str().to_string()).or_default();
            let p = q.predicate.as_str();
            let lit = |t: &Term| match t {
                Term::Literal(l) => Some((l.value().to_string(), l.language().map(str::to_string))),
                _ => None,
            };
            match (p, &q.object) {
                (RDF_TYPE, Term::NamedNode(o)) => {
                    r.types.insert(o.as_str().to_string());
                }
                (_, Term::NamedNode(o)) if p == based_in => {
                    r.country = Some(o.as_str().to_string())
                }
                _ => {}
            }
            if let Some((v, lang)) = lit(&q.object) {
                let fr = lang.as_deref().is_none_or(|l| l == "fr");
                if p == pref {
                    if fr {
                        r.pref_fr = Some(v.clone());
                    } else if lang.as_deref() == Some("en") {
                        r.pref_en = Some(v.clone());
                    }
                } else if p == RDFS_LABEL && fr {
                    r.label_fr.get_or_insert(v.clone());
                } else if p == alt || p == hidden {
                    r.alts.push(v);
                } else if p == acronym {
                    r.acronyms.push(v);
                } else if p == demonym {
                    r.demonyms.push(v);
                } else if p == combining_form {
                    r.combining.push(v);
                } else if p == policy_number {
                    r.number = Some(v);
                }
            }
        }
    }

    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turtle_error_says_where_it_is() {
        let bad = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://x/a> skos:prefLabel \"x\" \"y\" .\n";
        match Gazetteer::from_sources(vec![("actors.ttl".into(), bad.into())]) {
            Err(Error::Syntax {
                path, line, column, ..
            }) => {
                assert_eq!(path, std::path::Path::new("actors.ttl"));
                assert_eq!(line, 2);
                // the stray second literal, "y", after `<http://x/a> skos:prefLabel "x" `
                assert_eq!(column, 33);
            }
            other => panic!("expected a syntax error, got {:?}", other.err()),
        }
    }

    fn automaton(pats: &[&str]) -> AhoCorasick {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap()
    }

    #[test]
    fn few_patterns_find_what_the_automaton_finds() {
        let sets: [&[&str]; 5] = [
            &["Vinaxa", "Vinaxa Tech", "VT"],
            &["le gouvernement", "gouvernement vietnamien", "e g"],
            &["ab", "abc", "bc", "abc", "c"],
            &["Hô Chi Minh", "Minh", "hô"],
            &["x"],
        ];
        let texts = [
            "Vinaxa Tech et Vinaxa, puis VT. VTX Vinaxas Vinaxa Tech.",
            "le gouvernement vietnamien, le gouvernement, legouvernement vietnamien",
            "abc ab bc c abcabc a b c ab-c abc.",
            "Hô Chi Minh Minh hô Hô Chi Minh-Ville Minhs",
            "x xx x-x éx xé x",
            "",
        ];
        for pats in sets {
            let ac = automaton(pats);
            let few = FewPatterns::new(pats.iter().copied());
            for t in texts {
                assert_eq!(
                    few.matches_at_word_boundaries(t),
                    matches_at_word_boundaries(&ac, t),
                    "{pats:?} in {t:?}"
                );
            }
        }
    }

    /// The lazily built compound automaton plus the names' one find what one automaton of
    /// all the patterns found (how it was built before).
    #[test]
    fn compounds_apart_find_what_one_automaton_finds() {
        let g = Gazetteer::builtin().unwrap();
        let c = &g.folded_compounds;
        assert!(c.patterns.len() > 10_000 && c.first == g.folded_patterns.len());
        let all: Vec<&String> = g.folded_patterns.iter().chain(&c.patterns).collect();
        let one = automaton(&all.iter().map(|p| p.as_str()).collect::<Vec<_>>());
        let reference = |text: &str| -> Vec<String> {
            let f = crate::text::fold(text);
            let mut out: Vec<String> = matches_at_word_boundaries(&one, &f.text)
                .into_iter()
                .map(|(s, e, p)| {
                    let (s, e) = f.original_range(s, e, text);
                    format!("{s}..{e} {:?}", g.folded_hits[p])
                })
                .collect();
            out.extend(
                matches_at_word_boundaries(&g.exact, text)
                    .into_iter()
                    .map(|(s, e, p)| format!("{s}..{e} {:?}", g.exact_hits[p])),
            );
            out
        };
        let ours = |text: &str| -> Vec<String> {
            g.find(text)
                .into_iter()
                .map(|(r, h)| format!("{}..{} {h:?}", r.start, r.end))
                .collect()
        };
        let mut texts: Vec<String> = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        for e in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            texts.extend(text.lines().map(str::to_string));
        }
        let gen = tempfile::tempdir().unwrap();
        crate::corpus::generate::generate(&g, 40, 3, gen.path()).unwrap();
        for e in std::fs::read_dir(gen.path()).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(path).unwrap();
                texts.extend(text.lines().map(str::to_string));
            }
        }
        // compounds as written (dashed, capitalised), glued to words, cut, back to back
        for p in c.patterns.iter().step_by(29) {
            let dashed = p.replace(' ', "-");
            let head = p.split(' ').next().unwrap();
            texts.push(format!(
                "Le partenariat {dashed} et les {p}s, l{p}, {p}x {head} {head} {dashed} {p} \
                 {} {head}-{head}-{p}.",
                dashed.to_uppercase()
            ));
        }
        texts.push("le sino japonais, la coopération lao-vietnamienne, Lao Cai".into());
        let mut compound_hits = 0;
        for t in &texts {
            let expected = reference(t);
            compound_hits += expected.iter().filter(|h| h.contains("Compound")).count();
            assert_eq!(ours(t), expected, "{t:?}");
        }
        assert!(compound_hits > 1000, "{compound_hits} compound hits");
    }

    #[test]
    fn few_patterns_take_the_longest_at_the_leftmost_start() {
        let few = FewPatterns::new(["Vinaxa", "Vinaxa Tech"]);
        assert_eq!(
            few.matches_at_word_boundaries("la Vinaxa Tech et Vinaxa"),
            vec![(3, 14, 1), (18, 24, 0)]
        );
    }
}
