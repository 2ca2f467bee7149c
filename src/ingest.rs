//! The build: read → extract → map → load, one article at a time, each article's graph
//! replaced in one transaction so a failure leaves the store as it was for that article.

use crate::corpus::{list_article_files, Article};
use crate::extract::Extractor;
use crate::rdf::{map_article, KgStore};
use crate::{Error, Result};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub struct IngestOptions {
    pub max_bytes: u64,
    pub min_confidence: f64,
    /// Remove graphs of articles not in this run (what `build` does).
    pub prune: bool,
    pub progress: bool,
}

#[derive(Default, Debug)]
pub struct IngestReport {
    pub articles: usize,
    pub stories: usize,
    pub distinct_stories: usize,
    pub mentions: usize,
    pub facts: usize,
    pub quads: usize,
    pub provenance_quads: usize,
    pub evidence_nodes: usize,
    pub failed: Vec<(PathBuf, String)>,
    /// Articles whose text, extractor and gazetteer did not change: left as they were.
    pub unchanged: usize,
    pub removed: usize,
}

pub fn ingest(
    store: &KgStore,
    extractor: &Extractor,
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Result<IngestReport> {
    let files = list_article_files(paths)?;
    if files.is_empty() {
        return Err(Error::NoArticles {
            path: paths.first().cloned().unwrap_or_default(),
        });
    }
    store.load_reference(&extractor.gazetteer)?;
    let mut report = IngestReport::default();
    let bar = if opts.progress {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut stories = BTreeSet::new();
    let gazetteer_hash: Vec<&str> = extractor
        .gazetteer
        .sources
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    let run_key = format!(
        "{} min-confidence={} gazetteer={}",
        crate::EXTRACTOR_VERSION,
        opts.min_confidence,
        crate::text::short_hash(&gazetteer_hash)
    );
    let now = crate::text::now_utc();
    let mut kept = BTreeSet::new();
    let mut ids: std::collections::BTreeMap<String, PathBuf> = Default::default();
    for f in &files {
        bar.inc(1);
        let article = match Article::from_file(f, opts.max_bytes) {
            Ok(a) => a,
            Err(e) => {
                report.failed.push((f.clone(), e.to_string()));
                continue;
            }
        };
        if let Some(other) = ids.insert(article.id.clone(), f.clone()) {
            report.failed.push((
                f.clone(),
                format!(
                    "{}: same article id '{}' as {}; rename one of them",
                    f.display(),
                    article.id,
                    other.display()
                ),
            ));
            continue;
        }
        let mut ex = extractor.extract(&article);
        ex.filter_confidence(opts.min_confidence);
        let article_node = crate::rdf::mapping::article_iri(&article.id);
        let same = |p: &str, v: &str| {
            let lit = oxigraph::model::Literal::new_simple_literal(v);
            let pred = crate::rdf::vocab::vnkg(p);
            let g = crate::rdf::article_graph(&article.id);
            store
                .store
                .contains(oxigraph::model::QuadRef::new(
                    &article_node,
                    &pred,
                    &lit,
                    &g,
                ))
                .unwrap_or(false)
        };
        let unchanged =
            same("contentHash", &article.content_hash) && same("extractorVersion", &run_key);
        let mapped = map_article(&article, &ex, &run_key, &now);
        if unchanged {
            report.unchanged += 1;
        } else {
            store.replace_graph(&mapped.graph, &mapped.quads)?;
        }
        kept.insert(mapped.graph.to_string());
        report.articles += 1;
        report.stories += article.stories.len();
        stories.extend(article.stories.iter().map(|s| s.hash.clone()));
        report.mentions += ex.mentions.len();
        report.facts += ex.facts.len();
        report.quads += mapped.quads.len();
        report.provenance_quads += mapped.provenance_quads;
        report.evidence_nodes += mapped.evidence_nodes;
    }
    bar.finish_and_clear();
    report.distinct_stories = stories.len();
    if opts.prune && report.failed.is_empty() {
        for g in store.article_graphs()? {
            if !kept.contains(&g.to_string()) {
                store.remove_graph(&g)?;
                report.removed += 1;
            }
        }
    }
    store.flush()?;
    Ok(report)
}
