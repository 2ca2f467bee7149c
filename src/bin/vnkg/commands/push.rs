use crate::flags::open_reader;
use anyhow::{bail, Context, Result};
use std::path::Path;
use vnkg::push::{Auth, Method, PushOptions, SendError};

/// Send the named graphs to another SPARQL 1.1 store (Graph Store Protocol PUT per graph, or
/// SPARQL Update), with retries; prints graphs and triples sent.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg push --endpoint http://triplestore:7878/store\n  VNKG_PUSH_TOKEN=… vnkg push --update-endpoint https://kg.example.org/update --bearer\n  VNKG_PUSH_PASSWORD=… vnkg push --update-endpoint http://127.0.0.1:8890/sparql-auth --user dba   # Virtuoso"
)]
pub struct Args {
    /// Graph Store Protocol endpoint (PUT ?graph=IRI).
    #[arg(long, required_unless_present = "update_endpoint")]
    endpoint: Option<String>,
    /// SPARQL Update endpoint, used instead of the Graph Store Protocol.
    #[arg(long, conflicts_with = "endpoint")]
    update_endpoint: Option<String>,
    /// User to log in as (password from VNKG_PUSH_PASSWORD), answering whichever challenge the
    /// server sends, Digest or Basic, as `curl --anyauth` does; nothing is sent unasked.
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
        (Some(user), _) => Auth::User {
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
    let anonymous = matches!(opts.auth, Auth::None);
    let r = vnkg::push::push(&store, &opts).map_err(|e| {
        let hint = match &e {
            vnkg::Error::Push {
                source: SendError::LoginNeeded { .. },
                ..
            } => "give --user NAME (password in VNKG_PUSH_PASSWORD) or --bearer (token in VNKG_PUSH_TOKEN)",
            // Virtuoso's /sparql answers an anonymous update with a 500 (SR186 no permission):
            // its updates go to /sparql-auth, with a login
            vnkg::Error::Push {
                source: SendError::Status { status: 500, .. },
                ..
            } if anonymous => "if the store takes updates only from a logged-in user, give --user NAME (password in VNKG_PUSH_PASSWORD); on Virtuoso use --update-endpoint http://HOST:8890/sparql-auth --user dba",
            _ => return anyhow::Error::new(e),
        };
        anyhow::anyhow!("{e}; {hint}")
    })?;
    println!(
        "pushed {} graph(s), {} triples ({} retr{})",
        r.graphs,
        r.triples,
        r.retries,
        if r.retries == 1 { "y" } else { "ies" }
    );
    Ok(0)
}
