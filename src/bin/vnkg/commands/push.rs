use crate::flags::open_reader;
use anyhow::{bail, Context, Result};
use std::path::Path;
use vnkg::push::{Auth, Method, PushOptions};

/// Send the named graphs to another SPARQL 1.1 store (Graph Store Protocol PUT per graph, or
/// SPARQL Update), with retries; prints graphs and triples sent.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg push --endpoint http://triplestore:7878/store\n  VNKG_PUSH_TOKEN=… vnkg push --update-endpoint https://kg.example.org/update --bearer"
)]
pub struct Args {
    /// Graph Store Protocol endpoint (PUT ?graph=IRI).
    #[arg(long, required_unless_present = "update_endpoint")]
    endpoint: Option<String>,
    /// SPARQL Update endpoint, used instead of the Graph Store Protocol.
    #[arg(long, conflicts_with = "endpoint")]
    update_endpoint: Option<String>,
    /// HTTP basic user (password from VNKG_PUSH_PASSWORD).
    #[arg(long)]
    user: Option<String>,
    /// Send `Authorization: Bearer` with the token in VNKG_PUSH_TOKEN.
    #[arg(long)]
    bearer: bool,
    /// Only this graph (repeatable); all named graphs by default.
    #[arg(long)]
    graph: Vec<String>,
    #[arg(long, default_value_t = 3)]
    retries: u32,
    /// Only article graphs changed at or after this time (xsd:dateTime, e.g. 2026-11-23T20:00:00Z).
    #[arg(long)]
    since: Option<String>,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let store = open_reader(store_path)?;
    let method = match (a.endpoint, a.update_endpoint) {
        (Some(e), _) => Method::GraphStore(e),
        (None, Some(u)) => Method::Update(u),
        (None, None) => bail!("give --endpoint or --update-endpoint"),
    };
    let auth = match (a.user, a.bearer) {
        (Some(user), _) => Auth::Basic {
            user,
            password: std::env::var("VNKG_PUSH_PASSWORD").unwrap_or_default(),
        },
        (None, true) => Auth::Bearer(
            std::env::var("VNKG_PUSH_TOKEN").context("--bearer needs VNKG_PUSH_TOKEN")?,
        ),
        (None, false) => Auth::None,
    };
    let opts = PushOptions {
        retries: a.retries,
        graphs: a.graph,
        since: a.since,
        ..PushOptions::new(method, auth)
    };
    let r = vnkg::push::push(&store, &opts)?;
    println!(
        "pushed {} graph(s), {} triples ({} retr{})",
        r.graphs,
        r.triples,
        r.retries,
        if r.retries == 1 { "y" } else { "ies" }
    );
    Ok(0)
}
