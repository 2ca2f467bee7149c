use crate::flags::open_reader;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use vnkg::rdf::results::{write_results, ResultFormat};

/// Run a SPARQL 1.1 query over all graphs (vnkg, rdfs, skos, prov, dcterms, schema prefixes
/// predeclared).
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg query queries/partners_by_country.rq --format csv\n  vnkg query -e 'SELECT ?c (COUNT(*) AS ?n) WHERE { ?x a ?c } GROUP BY ?c'"
)]
pub struct Args {
    /// File with the query, or '-' for standard input.
    file: Option<PathBuf>,
    /// The query text itself.
    #[arg(short = 'e', long = "expr", conflicts_with = "file")]
    expr: Option<String>,
    /// Results format (SPARQL 1.1 results formats, or a table to read).
    #[arg(long, value_enum, default_value = "table")]
    format: ResultFormat,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let q = match (a.expr, a.file) {
        (Some(e), _) => e,
        (None, Some(f)) if f.as_os_str() == "-" => std::io::read_to_string(std::io::stdin())
            .context("reading the query from standard input")?,
        (None, Some(f)) => std::fs::read_to_string(&f)
            .with_context(|| format!("{}: cannot read query file", f.display()))?,
        (None, None) => bail!("give a query file, '-' for standard input, or -e 'SPARQL'"),
    };
    let store = open_reader(store_path)?;
    let results = store.query(&q)?;
    let mut lock = std::io::stdout().lock();
    write_results(results, a.format, &mut lock)?;
    lock.flush()?;
    Ok(0)
}
