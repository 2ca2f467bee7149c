use crate::flags::open_reader;
use anyhow::Result;
use std::path::{Path, PathBuf};
use vnkg::export::report::ReportStats;

/// Write one self-contained HTML page: the partnership network (click an entity for its
/// facts and their sentences; filter by class, sector, country, confidence), charts and a
/// summary. Opens offline; `vnkg serve` also serves it at /report.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  vnkg report --out report.html")]
pub struct Args {
    /// Output file (written atomically).
    #[arg(long, default_value = "report.html")]
    out: PathBuf,
    /// Draw at most this many entities, the most central ones (PageRank) and their links.
    #[arg(long, default_value_t = vnkg::export::report::DEFAULT_MAX_NODES)]
    max_nodes: usize,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let store = open_reader(store_path)?;
    let mut stats = ReportStats::default();
    vnkg::export::write_atomically(&a.out, |w| {
        stats = vnkg::export::report::write(&store, a.max_nodes, w)?;
        Ok(stats.nodes)
    })?;
    let of_total = if stats.total_nodes > stats.nodes {
        format!(", the most central of {}", stats.total_nodes)
    } else {
        String::new()
    };
    println!(
        "wrote {} ({} entities{of_total}, {} links, {} facts with evidence)",
        a.out.display(),
        stats.nodes,
        stats.edges,
        stats.facts
    );
    Ok(0)
}
