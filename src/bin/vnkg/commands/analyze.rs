use anyhow::Result;
use std::path::Path;
use vnkg::rdf::KgStore;

/// Compute centralities and communities and write them to the analytics graph (build does
/// this too), so SPARQL and the exports can use them; recount the views graph the queries
/// rank by.
#[derive(clap::Args)]
pub struct Args {}

/// Recount the views graph (per-entity story and mention counts, partner countries,
/// sectors) from every article in the store; build and ingest do this themselves.
#[derive(clap::Args)]
pub struct RefreshArgs {}

pub fn run(store_path: &Path) -> Result<i32> {
    let store = KgStore::open_existing(store_path)?;
    let a = vnkg::analyze::analyze_and_write(&store)?;
    // A store fed through `ingest --server` has stale views until something recounts.
    let views = vnkg::rdf::views::refresh(&store)?;
    println!("{}", line(&a));
    println!("views: {views} quads recounted from the store");
    Ok(0)
}

pub fn refresh(store_path: &Path) -> Result<i32> {
    let store = KgStore::open_existing(store_path)?;
    let t = std::time::Instant::now();
    let tally = vnkg::rdf::views::tally_store(&store)?;
    let counted = t.elapsed().as_secs_f64();
    let n = vnkg::rdf::views::write(&store, &tally)?;
    store.flush()?;
    println!(
        "views: {n} quads recounted from the store in {counted:.1} s, written in {:.1} s",
        t.elapsed().as_secs_f64() - counted
    );
    Ok(0)
}

/// The one-line account of an analysis that `build` and `analyze` print.
pub fn line(a: &vnkg::analyze::Analysis) -> String {
    format!(
        "{} nodes, {} links, {} communities (modularity {:.3}) in graph <{}>",
        a.graph.nodes.len(),
        a.graph.links.len(),
        a.communities.iter().max().map(|m| m + 1).unwrap_or(0),
        a.modularity,
        vnkg::rdf::vocab::ANALYTICS_GRAPH.as_str()
    )
}
