//! `vnkg explain`: everything the graph says about one entity, each fact with its sentence.

use crate::rdf::KgStore;
use crate::rdf::ARTICLE_OF_SENTENCE;
use crate::text::fold_key;
use crate::{Error, Result};
use std::fmt::Write;

/// A named entity, found by IRI, label, alternative label or acronym.
pub struct Found {
    pub iri: String,
    pub label: String,
    pub class: String,
}

/// Resolves a user's name for an entity; unknown or ambiguous names get suggestions.
pub fn resolve(store: &KgStore, name: &str) -> Result<Found> {
    let rows = store.select(
        "SELECT ?e ?l ?c WHERE {
           ?e a ?c . FILTER(STRSTARTS(STR(?c), 'https://w3id.org/vnkg/ontology#') && STRSTARTS(STR(?e), 'https://w3id.org/vnkg/id/'))
           FILTER(?c NOT IN (vnkg:Article, vnkg:Story, vnkg:Sentence, vnkg:MentionEvidence, vnkg:RelationEvidence, vnkg:Partnership))
           { ?e skos:prefLabel ?l } UNION { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } UNION { ?e vnkg:acronym ?l }
         }",
    )?;
    let key = fold_key(name);
    let mut exact: Vec<(String, String, String)> = Vec::new();
    let mut partial: Vec<(String, String, String)> = Vec::new();
    for r in rows {
        let (Some(e), Some(l), Some(c)) = (r[0].clone(), r[1].clone(), r[2].clone()) else {
            continue;
        };
        let c = c.rsplit('#').next().unwrap_or("").to_string();
        if e == name || fold_key(&l) == key || e.rsplit('/').next() == Some(name) {
            exact.push((e, l, c));
        } else if fold_key(&l).contains(&key)
            || key
                .split(' ')
                .filter(|w| w.len() > 3)
                .any(|w| fold_key(&l).contains(w))
        {
            partial.push((e, l, c));
        }
    }
    exact.sort();
    exact.dedup_by(|a, b| a.0 == b.0);
    if exact.len() == 1 {
        let (iri, _, class) = exact.remove(0);
        let label = label_of(store, &iri)?;
        return Ok(Found { iri, label, class });
    }
    let mut cands = if exact.is_empty() { partial } else { exact };
    cands.sort();
    cands.dedup_by(|a, b| a.0 == b.0);
    if cands.len() == 1 {
        let (iri, _, class) = cands.remove(0);
        let label = label_of(store, &iri)?;
        return Ok(Found { iri, label, class });
    }
    let suggestions = if cands.is_empty() {
        "; no entity has a similar name (try `vnkg query -e 'SELECT ?e ?l WHERE { ?e rdfs:label ?l }'`)".to_string()
    } else {
        let list: Vec<String> = cands
            .iter()
            .take(8)
            .map(|(e, l, c)| format!("  {l} ({c}) <{e}>"))
            .collect();
        format!(
            " is ambiguous or inexact; did you mean one of:\n{}",
            list.join("\n")
        )
    };
    Err(Error::UnknownEntity {
        name: name.into(),
        suggestions,
    })
}

pub fn label_of(store: &KgStore, iri: &str) -> Result<String> {
    let rows = store.select(&format!(
        "SELECT ?l WHERE {{ OPTIONAL {{ <{iri}> skos:prefLabel ?a FILTER(lang(?a) = 'fr') }} OPTIONAL {{ <{iri}> rdfs:label ?b FILTER(lang(?b) = 'fr') }}
           OPTIONAL {{ <{iri}> rdfs:label ?c }} BIND(COALESCE(?a, ?b, ?c) AS ?l) }} LIMIT 1"
    ))?;
    Ok(rows
        .first()
        .and_then(|r| r[0].clone())
        .unwrap_or_else(|| iri.to_string()))
}

/// Plain-text report on one entity.
pub fn explain(store: &KgStore, name: &str) -> Result<String> {
    let f = resolve(store, name)?;
    let iri = &f.iri;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n<{}>", f.label, f.class, iri);
    mentions(store, iri, &mut out)?;
    facts(store, iri, &mut out)?;
    partnerships(store, iri, &mut out)?;
    Ok(out)
}

/// How often the entity is mentioned, in how many stories and articles.
fn mentions(store: &KgStore, iri: &str, out: &mut String) -> Result<()> {
    let mentions = store.select(&format!(
        "SELECT (COUNT(DISTINCT ?sn) AS ?n) (COUNT(DISTINCT ?story) AS ?s) (COUNT(DISTINCT ?a) AS ?a2) WHERE {{
           GRAPH ?g {{ <{iri}> vnkg:mentionedIn ?sn . ?sn vnkg:inStory ?story }} {ARTICLE_OF_SENTENCE} }}"
    ))?;
    if let Some(r) = mentions.first() {
        let _ = writeln!(
            out,
            "mentioned in {} sentence(s) of {} story(ies) in {} article(s)",
            r[0].as_deref().unwrap_or("0"),
            r[1].as_deref().unwrap_or("0"),
            r[2].as_deref().unwrap_or("0")
        );
    }
    Ok(())
}

/// The entity's roles, then every fact about it with its sentence, file, offsets, rule and
/// confidence, grouped by predicate and other end.
fn facts(store: &KgStore, iri: &str, out: &mut String) -> Result<()> {
    let facts = store.select(&format!(
        "SELECT DISTINCT ?dir ?p ?other ?olabel ?text ?rule ?conf ?file ?start ?end WHERE {{
           {{ ?e vnkg:factSubject <{iri}> ; vnkg:factPredicate ?p . OPTIONAL {{ ?e vnkg:factObject ?other }} BIND('→' AS ?dir) }}
           UNION {{ ?e vnkg:factObject <{iri}> ; vnkg:factPredicate ?p ; vnkg:factSubject ?other . BIND('←' AS ?dir) }}
           ?e vnkg:rule ?rule ; vnkg:confidence ?conf .
           GRAPH ?g {{ ?e vnkg:inSentence ?sn . ?sn vnkg:inStory ?story }} {ARTICLE_OF_SENTENCE}
           ?sn vnkg:text ?text ; vnkg:start ?start ; vnkg:end ?end .
           ?a vnkg:sourceFile ?f0 .
           OPTIONAL {{ ?a dcterms:source ?url }}
           BIND(IF(BOUND(?url) && !CONTAINS(?f0, ?url), CONCAT(?f0, ' <', ?url, '>'), ?f0) AS ?file)
           OPTIONAL {{ ?other skos:prefLabel ?ol0 FILTER(lang(?ol0) = 'fr') }} OPTIONAL {{ ?other rdfs:label ?ol1 FILTER(lang(?ol1) = 'fr') }}
           BIND(COALESCE(?ol0, ?ol1, STR(?other)) AS ?olabel)
         }} ORDER BY ?p ?olabel ?file ?start"
    ))?;
    let roles = store.select(&format!(
        "SELECT DISTINCT ?r WHERE {{ <{iri}> vnkg:hasRole ?r }}"
    ))?;
    for r in roles {
        if let Some(r) = &r[0] {
            let _ = writeln!(out, "role: {r}");
        }
    }
    let _ = writeln!(out, "\nfacts ({}):", facts.len());
    let mut last = String::new();
    for r in &facts {
        let p = r[1]
            .as_deref()
            .unwrap_or("")
            .rsplit('#')
            .next()
            .unwrap_or("")
            .to_string();
        let head = if p == "hasRole" {
            "hasRole".to_string()
        } else {
            format!(
                "{} {} {}",
                r[0].as_deref().unwrap_or(""),
                p,
                r[3].as_deref().unwrap_or("")
            )
        };
        if head != last {
            let _ = writeln!(out, "  {head}");
            last = head;
        }
        let _ = writeln!(
            out,
            "      « {} »\n      {} chars {}-{} · rule {} · confidence {}",
            r[4].as_deref().unwrap_or(""),
            r[7].as_deref().unwrap_or(""),
            r[8].as_deref().unwrap_or(""),
            r[9].as_deref().unwrap_or(""),
            r[5].as_deref().unwrap_or(""),
            r[6].as_deref().unwrap_or("")
        );
    }
    Ok(())
}

/// The partnerships the entity is party to, with status, sectors and one sentence.
fn partnerships(store: &KgStore, iri: &str, out: &mut String) -> Result<()> {
    let parts = store.select(&format!(
        "SELECT ?p ?plabel ?status (GROUP_CONCAT(DISTINCT ?seclabel; separator=', ') AS ?sectors) (SAMPLE(?text) AS ?t) (SAMPLE(?file) AS ?f) WHERE {{
           <{iri}> vnkg:partyTo ?p . ?p rdfs:label ?plabel ; vnkg:status ?status .
           OPTIONAL {{ ?p vnkg:focusesOn ?sec . ?sec skos:prefLabel ?seclabel FILTER(lang(?seclabel) = 'fr') }}
           OPTIONAL {{ GRAPH ?g {{ ?ev vnkg:evidenceFor ?p ; vnkg:inSentence ?sn . ?sn vnkg:inStory ?story }} {ARTICLE_OF_SENTENCE} ?sn vnkg:text ?text . ?a vnkg:sourceFile ?file }}
         }} GROUP BY ?p ?plabel ?status ORDER BY ?plabel"
    ))?;
    let _ = writeln!(out, "\npartnerships ({}):", parts.len());
    for r in parts {
        let _ = writeln!(
            out,
            "  {} [{}]{}\n      « {} »\n      {}",
            r[1].as_deref().unwrap_or(""),
            r[2].as_deref()
                .unwrap_or("")
                .rsplit('#')
                .next()
                .unwrap_or(""),
            r[3].as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!(" in {s}"))
                .unwrap_or_default(),
            r[4].as_deref().unwrap_or(""),
            r[5].as_deref().unwrap_or("")
        );
    }
    Ok(())
}
