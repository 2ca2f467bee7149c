//! The `vnkg` command line: parses arguments, calls the library, prints. Each command lives in
//! `commands/`, its flags (with their docs) beside the code that runs it; flags several
//! commands share are flattened structs in `flags.rs`.

mod commands;
mod flags;

use clap::{Parser, Subcommand};
use commands::*;
use std::path::PathBuf;

/// mimalloc, built to replace malloc for the whole process (see Cargo.toml).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "vnkg",
    version,
    about = "Knowledge graph of Vietnam's international S&T cooperation, from French news articles",
    long_about = "vnkg reads French-language news articles (plain text), extracts actors, countries, sectors, \
initiatives, policies and the partnerships between them — every fact with its sentence, offsets, rule and \
confidence — and keeps them in an Oxigraph store you can query with SPARQL and export.",
    after_help = "Example:\n  vnkg build                      # ingest data/articles into ./vnkg-store\n  vnkg query queries/partners_by_country.rq\n  vnkg explain 'Hô Chi Minh-Ville'\n  vnkg export --format graphml --out graph.graphml"
)]
struct Cli {
    /// Store directory (RocksDB). Created if missing.
    #[arg(long, global = true, env = "VNKG_STORE", default_value = "vnkg-store")]
    store: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(build::Args),
    Ingest(ingest::Args),
    Load(load::Args),
    Query(query::Args),
    Export(export::Args),
    Extract(extract::Args),
    GenCorpus(gen_corpus::Args),
    Eval(eval::Args),
    Rules(rules::Args),
    Analyze(analyze::Args),
    RefreshViews(analyze::RefreshArgs),
    Rank(rank::Args),
    Path(network::PathArgs),
    Neighbors(network::NeighborsArgs),
    Communities(network::CommunitiesArgs),
    Serve(serve::Args),
    Push(push::Args),
    Report(report::Args),
    Validate(validate::Args),
    Explain(explain::Args),
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let store = cli.store.as_path();
    match cli.command {
        Command::Build(a) => build::run(store, a),
        Command::Ingest(a) => ingest::run(store, a),
        Command::Load(a) => load::run(store, a),
        Command::Query(a) => query::run(store, a),
        Command::Export(a) => export::run(store, a),
        Command::Extract(a) => extract::run(a),
        Command::GenCorpus(a) => gen_corpus::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Analyze(_) => analyze::run(store),
        Command::RefreshViews(_) => analyze::refresh(store),
        Command::Rank(a) => rank::run(store, a),
        Command::Path(a) => network::path(store, a),
        Command::Neighbors(a) => network::neighbors(store, a),
        Command::Communities(a) => network::communities(store, a),
        Command::Serve(a) => serve::run(store, a),
        Command::Push(a) => push::run(store, a),
        Command::Report(a) => report::run(store, a),
        Command::Validate(a) => validate::run(store, a),
        Command::Explain(a) => explain::run(store, a),
    }
}

fn main() {
    // `vnkg path A B | head`: a closed pipe ends the output quietly, as in any Unix filter.
    // println! reports it only as a panic, whose payload is all there is to recognise.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    let cli = Cli::try_parse().unwrap_or_else(|e| flags::usage_error(e));
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            if flags::is_broken_pipe(&e) {
                std::process::exit(0);
            }
            eprintln!("error: {}", flags::one_message(&e));
            std::process::exit(1);
        }
    }
}
