use crate::flags::open_reader;
use anyhow::Result;
use std::path::Path;

/// What the graph knows about one entity, each fact with its evidence sentence.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  vnkg explain Qualcomm\n  vnkg explain HCMC")]
pub struct Args {
    /// A label, acronym or IRI.
    entity: String,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let store = open_reader(store_path)?;
    print!("{}", vnkg::explain::explain(&store, &a.entity)?);
    Ok(0)
}
