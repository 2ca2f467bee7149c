use crate::flags::Extraction;
use anyhow::{Context, Result};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use vnkg::ingest::{ingest, IngestOptions};
use vnkg::push::{Auth, Method, PushOptions};
use vnkg::rdf::KgStore;

/// Add or replace articles in an existing store (an edited article replaces its old facts).
#[derive(clap::Args)]
#[command(after_help = "Example:\n  vnkg ingest new/article.txt")]
pub struct Args {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    extraction: Extraction,
    /// Send the articles to a running `vnkg serve --allow-update` (base URL, e.g.
    /// http://127.0.0.1:7878; bearer token from VNKG_TOKEN) instead of opening the store:
    /// the way to add articles while the server holds the store and keeps answering.
    #[arg(long)]
    server: Option<String>,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let ex = a.extraction.extractor()?;
    let opts = IngestOptions {
        max_bytes: a.extraction.max_bytes,
        min_confidence: a.extraction.min_confidence,
        provenance: a.extraction.provenance,
        prune: false,
        progress: std::io::stderr().is_terminal(),
        memory_mb: vnkg::ingest::DEFAULT_MEMORY_MB,
        compact: true,
    };
    let report = if let Some(base) = &a.server {
        let base = base.trim_end_matches('/');
        let url = if base.ends_with("/update") {
            base.to_string()
        } else {
            format!("{base}/update")
        };
        let token = std::env::var("VNKG_TOKEN").unwrap_or_default();
        let auth = if token.is_empty() {
            Auth::None
        } else {
            Auth::Bearer(token)
        };
        let target = PushOptions::new(Method::Update(url.clone()), auth);
        let report = vnkg::ingest::ingest_remote(&ex, &a.files, &opts, &target)
            .with_context(|| format!("sending articles to {url}"))?;
        for e in &report.failed {
            eprintln!("error: {e}");
        }
        println!(
            "sent {} article(s), {} quads to {url} (one transaction each); run `vnkg analyze` after the server stops to refresh the analytics",
            report.articles, report.quads
        );
        report
    } else {
        let store = KgStore::open(store_path)?;
        let report = ingest(&store, &ex, &a.files, &opts)?;
        vnkg::analyze::analyze_and_write(&store)?;
        for e in &report.failed {
            eprintln!("error: {e}");
        }
        println!(
            "ingested {} article(s), {} quads; store now holds {} quads",
            report.articles,
            report.quads,
            store.len()?
        );
        if let Some(web) = report.web_line() {
            println!("{web}");
        }
        match report.compact_secs {
            Some(t) => println!("merged the store's sorted runs in {t:.1} s"),
            None if report.pending_runs > 0 => println!(
                "{} sorted run(s) unmerged; merged once {} are pending, or by `vnkg build`",
                report.pending_runs,
                vnkg::ingest::MERGE_AT_PENDING_RUNS
            ),
            None => {}
        }
        report
    };
    Ok(if report.failed.is_empty() { 0 } else { 2 })
}
