use anyhow::Result;
use std::path::{Path, PathBuf};
use vnkg::load::{list_shards, load, LoadOptions};
use vnkg::rdf::KgStore;

/// Bulk-load N-Quads shards (the output of `vnkg extract --format nquads` as a map step, on
/// Spark or GNU parallel) into the store, then write the reference graphs, views and analytics
/// a build writes: the store is query-ready. Each graph in the shards replaces the same graph
/// in the store; the load is additive, like `ingest`: article graphs the shards lack are kept
/// (start from an empty --store for a store of exactly these shards). A line that does not
/// parse, or a quad outside article and story graphs, is reported with its file and line and
/// nothing is written.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  vnkg extract --format nquads data/articles > graph.nq && vnkg load graph.nq\n  python scripts/spark_extract.py run articles.jsonl out/ && vnkg --store big load out/"
)]
pub struct Args {
    /// N-Quads files (any name, gzipped or not), or directories walked for .nq, .nq.gz and
    /// Spark's part-* files.
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    /// Gazetteer Turtle files the shards were extracted with, for the reference graph (default:
    /// the built-in gazetteer, as `vnkg extract` uses).
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Rough memory budget in MB for the bulk loader, as for `build`.
    #[arg(long, default_value_t = vnkg::ingest::DEFAULT_MEMORY_MB)]
    memory_mb: usize,
    /// Skip the centralities and communities (run `vnkg analyze` later).
    #[arg(long)]
    no_analytics: bool,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let ex = crate::flags::extractor(a.gazetteer.as_deref())?;
    let shards = list_shards(&a.shards)?;
    let store = KgStore::open(store_path)?;
    let opts = LoadOptions {
        memory_mb: a.memory_mb,
        compact: true,
    };
    let r = load(&store, &ex.gazetteer, &shards, &opts)?;
    let analysis = if a.no_analytics {
        None
    } else {
        Some(vnkg::analyze::analyze_and_write(&store)?)
    };
    let s = vnkg::summary::summarize(&store)?;
    println!(
        "shards        {} file(s), {} quad lines (a teaser's graph once per article carrying it)",
        r.shards, r.lines
    );
    println!(
        "articles      {} loaded ({} graph(s) replaced), {} in store",
        r.articles, r.replaced, s.articles
    );
    println!("stories       {} teaser graph(s)", r.stories);
    println!("partnerships  {}", s.partnerships);
    println!(
        "views         {} quads (recounted from the store, {:.1} s)",
        r.view_quads, r.views_secs
    );
    match r.compact_secs {
        Some(t) => println!(
            "load          {} sorted runs bulk-loaded, merged in {t:.1} s",
            r.bulk_runs
        ),
        None => println!("load          {} sorted run(s) bulk-loaded", r.bulk_runs),
    }
    match analysis {
        Some(a) => println!("analytics     {}", super::analyze::line(&a)),
        None => println!("analytics     skipped (--no-analytics); run `vnkg analyze`"),
    }
    let removed = if r.removed_stories > 0 {
        format!(
            ", {} teaser story graph(s) no article carries removed",
            r.removed_stories
        )
    } else {
        String::new()
    };
    println!(
        "store         {} ({} quads){removed}, loaded in {:.1} s",
        store_path.display(),
        s.quads,
        r.secs
    );
    Ok(0)
}
