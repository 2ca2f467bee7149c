use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;
use vnkg::rdf::KgStore;

/// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql, graphs at /store,
/// a query page at /. Read-only unless --allow-update.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg serve --port 7878\n  curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%7D'"
)]
pub struct Args {
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// Accept SPARQL updates carrying `Authorization: Bearer TOKEN` (TOKEN from VNKG_TOKEN).
    #[arg(long)]
    allow_update: bool,
    /// Seconds a query may run before it is cancelled (503).
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Largest number of result rows (or triples) returned (413 beyond).
    #[arg(long, default_value_t = 100_000)]
    max_rows: usize,
    /// Largest request body, in bytes (413 beyond).
    #[arg(long, default_value_t = 1_000_000)]
    max_body: usize,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let update_token = if a.allow_update {
        let t = std::env::var("VNKG_TOKEN").unwrap_or_default();
        if t.len() < 8 {
            bail!("--allow-update needs a bearer token of at least 8 characters in the VNKG_TOKEN environment variable");
        }
        Some(t)
    } else {
        None
    };
    // The server holds the store's writer lock: RocksDB gives no consistent view to a reader
    // while another process writes, so writers go through the server instead
    // (`vnkg ingest --server URL`, SPARQL Update) and `build`/`ingest` on the same
    // directory are refused with that advice.
    let store = KgStore::open_existing(store_path)?;
    let opts = vnkg::serve::ServeOptions {
        bind: std::net::SocketAddr::new(a.host, a.port),
        update_token,
        timeout: Duration::from_secs(a.timeout),
        max_rows: a.max_rows,
        max_body_bytes: a.max_body,
        queries_dir: Some(PathBuf::from("queries")).filter(|p| p.is_dir()),
    };
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(vnkg::serve::serve(store, opts))
        .context("serving")?;
    Ok(0)
}
