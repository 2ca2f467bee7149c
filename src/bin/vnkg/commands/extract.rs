use crate::flags::Extraction;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use vnkg::stream::{extract_files, extract_json_lines, Output, StreamOptions};

/// Extract without a store, as the map step of a distributed build: reads article files,
/// directories, or JSON Lines on standard input ('-': one {"id": ..., "text": ...} per
/// line) and writes, in input order, JSON Lines of mentions and facts or the N-Quads
/// `build` would load. Parallel on every core, a bounded number of articles in flight.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  vnkg extract data/articles/003_c90cd3ffa6731a0f.txt | head\n  vnkg extract --format nquads data/articles > graph.nq\n  cat shard.jsonl | vnkg extract --format nquads - > shard.nq"
)]
pub struct Args {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What to write.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Output,
    #[command(flatten)]
    extraction: Extraction,
}

pub fn run(a: Args) -> Result<i32> {
    let ex = a.extraction.extractor()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let opts = StreamOptions {
        output: a.format,
        min_confidence: a.extraction.min_confidence,
        provenance: a.extraction.provenance,
        max_bytes: a.extraction.max_bytes,
    };
    let failed = if a.files.len() == 1 && a.files[0].as_os_str() == "-" {
        extract_json_lines(&ex, std::io::stdin().lock(), &mut out, &opts)?
    } else {
        let files = vnkg::corpus::list_article_files(&a.files)?;
        extract_files(&ex, &files, &mut out, &opts)?
    };
    out.flush()?;
    for e in &failed {
        eprintln!("error: {e}");
    }
    Ok(if failed.is_empty() { 0 } else { 2 })
}
