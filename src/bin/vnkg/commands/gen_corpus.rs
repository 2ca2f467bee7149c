use anyhow::Result;
use std::path::PathBuf;

/// Write a synthetic corpus for benchmarks: articles in the style of the built-in ones
/// (teasers, captions, credits) naming gazetteer countries, sectors and cities and invented
/// organisations and people, plus expected.jsonl with the entities of each file.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg gen-corpus --articles 10000 --seed 1 --out /tmp/corpus10k"
)]
pub struct Args {
    #[arg(long)]
    articles: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Args) -> Result<i32> {
    let ex = crate::flags::extractor(None)?;
    let bytes = vnkg::corpus::generate::generate(&ex.gazetteer, a.articles, a.seed, &a.out)?;
    eprintln!(
        "wrote {} articles ({:.1} MB) and expected.jsonl to {}",
        a.articles,
        bytes as f64 / 1e6,
        a.out.display()
    );
    Ok(0)
}
