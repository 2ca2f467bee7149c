use crate::flags::Extraction;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use vnkg::ingest::{ingest, IngestOptions, IngestReport};
use vnkg::rdf::KgStore;

/// Build the graph from a corpus: ingest every article, drop graphs of articles no longer
/// there, print a summary.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg build                       # the built-in corpus, data/articles\n  vnkg build --memory my/articles  # try a corpus without writing a store"
)]
pub struct Args {
    /// Article files or directories (walked for .txt files).
    #[arg(default_value = "data/articles")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    extraction: Extraction,
    /// Build in memory only (nothing is written); prints the summary.
    #[arg(long)]
    memory: bool,
    /// Rough memory budget in MB for the bulk loader and the articles in flight (0:
    /// Oxigraph's own batch of a million quads). Articles are extracted in parallel on every
    /// core (RAYON_NUM_THREADS to limit).
    #[arg(long, default_value_t = vnkg::ingest::DEFAULT_MEMORY_MB)]
    memory_mb: usize,
    /// Skip the centralities and communities (run `vnkg analyze` later); useful on very
    /// large corpora.
    #[arg(long)]
    no_analytics: bool,
    /// Leave the bulk-loaded runs unmerged (faster build; queries are slower until
    /// RocksDB's background compaction, which runs while `vnkg serve` holds the store,
    /// has merged them).
    #[arg(long)]
    no_compact: bool,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let ex = a.extraction.extractor()?;
    let store = if a.memory {
        KgStore::memory()?
    } else {
        KgStore::open(store_path)?
    };
    let opts = IngestOptions {
        max_bytes: a.extraction.max_bytes,
        min_confidence: a.extraction.min_confidence,
        provenance: a.extraction.provenance,
        prune: true,
        progress: std::io::stderr().is_terminal(),
        memory_mb: a.memory_mb,
        compact: !a.no_compact,
    };
    let report = ingest(&store, &ex, &a.paths, &opts)?;
    let analysis = if a.no_analytics {
        None
    } else {
        Some(vnkg::analyze::analyze_and_write(&store)?)
    };
    print_summary(&report, &store, (!a.memory).then_some(store_path))?;
    match analysis {
        Some(a) => println!("analytics     {}", super::analyze::line(&a)),
        None => println!("analytics     skipped (--no-analytics); run `vnkg analyze`"),
    }
    Ok(if report.failed.is_empty() { 0 } else { 2 })
}

fn print_summary(r: &IngestReport, store: &KgStore, path: Option<&Path>) -> Result<()> {
    for e in &r.failed {
        eprintln!("error: {e}");
    }
    let s = vnkg::summary::summarize(store)?;
    let failed = if r.failed.is_empty() {
        String::new()
    } else {
        format!(", {} failed", r.failed.len())
    };
    println!(
        "articles      {} read, {} in store{failed}",
        r.articles, s.articles
    );
    if let Some(web) = r.web_line() {
        println!("web           {web}");
    }
    println!(
        "stories       {} ({} distinct after removing repeated teasers)",
        r.stories, r.distinct_stories
    );
    println!("mentions      {}", r.mentions);
    println!(
        "facts         {} (relations, roles and partnership statements)",
        r.facts
    );
    let per_class: Vec<String> = s
        .entities_per_class
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    println!("entities      {}", per_class.join(", "));
    println!("partnerships  {}", s.partnerships);
    let views_from = if r.views_from_store {
        "recounted from the store"
    } else {
        "tallied during the build"
    };
    println!(
        "views         {} quads ({views_from}, {:.1} s)",
        r.view_quads, r.views_secs
    );
    match r.compact_secs {
        Some(t) => println!(
            "load          {} sorted runs bulk-loaded, merged in {t:.1} s",
            r.bulk_runs
        ),
        None if r.bulk_runs > 1 => println!(
            "load          {} sorted runs bulk-loaded, not merged (--no-compact)",
            r.bulk_runs
        ),
        None => {}
    }
    if !s.partners_per_country.is_empty() {
        println!("partner countries (stories with a partnership):");
        for (c, n) in &s.partners_per_country {
            println!("  {c:<28} {n}");
        }
    }
    let per_fact = if r.evidence_nodes > 0 {
        r.provenance_quads as f64 / r.evidence_nodes as f64
    } else {
        0.0
    };
    println!(
        "provenance    {} of {} quads, {} evidence nodes: {per_fact:.1} provenance triples per fact",
        r.provenance_quads, r.quads, r.evidence_nodes
    );
    match path {
        Some(p) => {
            let mut removed = String::new();
            if r.removed > 0 {
                removed.push_str(&format!(", {} stale article graph(s) removed", r.removed));
            }
            if r.removed_stories > 0 {
                removed.push_str(&format!(
                    ", {} teaser story graph(s) no article carries removed",
                    r.removed_stories
                ));
            }
            println!("store         {} ({} quads){removed}", p.display(), s.quads);
        }
        None => println!("store         in memory ({} quads), not saved", s.quads),
    }
    Ok(())
}
