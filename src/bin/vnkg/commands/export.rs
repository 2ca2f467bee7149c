use crate::flags::open_reader;
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use vnkg::export::{export, write_atomically, ExportFormat};

/// Export the graph: ttl, nt, nq, trig, jsonld, rdfxml (RDF) or graphml, csv, nodes-csv (entity
/// network).
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg export --format ttl --out graph.ttl\n  vnkg export --format graphml > graph.graphml"
)]
pub struct Args {
    #[arg(long, value_enum, ignore_case = true, default_value = "ttl")]
    format: ExportFormat,
    /// Output file (written atomically); standard output when absent.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let store = open_reader(store_path)?;
    match a.out {
        Some(path) => {
            let n = write_atomically(&path, |w| export(&store, a.format, w))?;
            let unit = vnkg::export::unit(a.format);
            eprintln!("wrote {} ({n} {unit})", path.display());
        }
        None => {
            let mut lock = std::io::stdout().lock();
            export(&store, a.format, &mut lock)?;
            lock.flush()?;
        }
    }
    Ok(0)
}
