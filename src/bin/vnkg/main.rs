//! The `vnkg` command line: parses arguments, calls the library, prints.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use vnkg::analyze::centrality::Measure;
use vnkg::analyze::ProjectOptions;
use vnkg::export::ExportFormat;
use vnkg::extract::{Extractor, Gazetteer};
use vnkg::ingest::{ingest, IngestOptions, IngestReport};
use vnkg::rdf::results::{write_results, ResultFormat};
use vnkg::rdf::KgStore;

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
    /// Build the graph from a corpus: ingest every article, drop graphs of articles no longer
    /// there, print a summary.
    #[command(
        after_help = "Example:\n  vnkg build                       # the built-in corpus, data/articles\n  vnkg build --memory my/articles  # try a corpus without writing a store"
    )]
    Build {
        /// Article files or directories (walked for .txt files).
        #[arg(default_value = "data/articles")]
        paths: Vec<PathBuf>,
        /// Keep only facts and mentions with at least this confidence (0..1).
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f64,
        /// Build in memory only (nothing is written); prints the summary.
        #[arg(long)]
        memory: bool,
        /// Largest article file accepted, in bytes.
        #[arg(long, default_value_t = vnkg::corpus::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Use the gazetteer Turtle files in this directory instead of the built-in ones.
        #[arg(long)]
        gazetteer: Option<PathBuf>,
        /// Rough memory budget in MB for the bulk loader and the articles in flight (0:
        /// Oxigraph's own batch of a million quads). Articles are extracted in parallel on every
        /// core (RAYON_NUM_THREADS to limit).
        #[arg(long, default_value_t = vnkg::ingest::DEFAULT_MEMORY_MB)]
        memory_mb: usize,
        /// Skip the centralities and communities (run `vnkg analyze` later); useful on very
        /// large corpora.
        #[arg(long)]
        no_analytics: bool,
        /// Leave the bulk-loaded runs unmerged (faster build; queries are slower until
        /// RocksDB's background compaction, which runs while `vnkg serve` holds the store,
        /// has merged them).
        #[arg(long)]
        no_compact: bool,
    },
    /// Add or replace articles in an existing store (an edited article replaces its old facts).
    #[command(after_help = "Example:\n  vnkg ingest new/article.txt")]
    Ingest {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f64,
        #[arg(long, default_value_t = vnkg::corpus::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        #[arg(long)]
        gazetteer: Option<PathBuf>,
        /// Send the articles to a running `vnkg serve --allow-update` (base URL, e.g.
        /// http://127.0.0.1:7878; bearer token from VNKG_TOKEN) instead of opening the store:
        /// the way to add articles while the server holds the store and keeps answering.
        #[arg(long)]
        server: Option<String>,
    },
    /// Run a SPARQL 1.1 query over all graphs (vnkg, rdfs, skos, prov, dcterms, schema prefixes predeclared).
    #[command(
        after_help = "Example:\n  vnkg query queries/partners_by_country.rq --format csv\n  vnkg query -e 'SELECT ?c (COUNT(*) AS ?n) WHERE { ?x a ?c } GROUP BY ?c'"
    )]
    Query {
        /// File with the query, or '-' for standard input.
        file: Option<PathBuf>,
        /// The query text itself.
        #[arg(short = 'e', long = "expr", conflicts_with = "file")]
        expr: Option<String>,
        /// table | csv | tsv | json | xml (SPARQL 1.1 results formats).
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Export the graph: ttl, nt, nq, trig, jsonld, rdfxml (RDF) or graphml, csv (entity network).
    #[command(
        after_help = "Example:\n  vnkg export --format ttl --out graph.ttl\n  vnkg export --format graphml > graph.graphml"
    )]
    Export {
        #[arg(long, default_value = "ttl")]
        format: String,
        /// Output file (written atomically); standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Extract without a store, as the map step of a distributed build: reads article files,
    /// directories, or JSON Lines on standard input ('-': one {"id": ..., "text": ...} per
    /// line) and writes, in input order, JSON Lines of mentions and facts or the N-Quads
    /// `build` would load. Parallel on every core, a bounded number of articles in flight.
    #[command(
        after_help = "Examples:\n  vnkg extract data/articles/003_c90cd3ffa6731a0f.txt | head\n  vnkg extract --format nquads data/articles > graph.nq\n  cat shard.jsonl | vnkg extract --format nquads - > shard.nq"
    )]
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// jsonl (mentions and facts with evidence) | nquads (the graph `build` loads)
        #[arg(long, default_value = "jsonl")]
        format: String,
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f64,
        #[arg(long, default_value_t = vnkg::corpus::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        #[arg(long)]
        gazetteer: Option<PathBuf>,
    },
    /// Write a synthetic corpus for benchmarks: articles in the style of the built-in ones
    /// (teasers, captions, credits) naming gazetteer countries, sectors and cities and invented
    /// organisations and people, plus expected.jsonl with the entities of each file.
    #[command(
        after_help = "Example:\n  vnkg gen-corpus --articles 10000 --seed 1 --out /tmp/corpus10k"
    )]
    GenCorpus {
        #[arg(long)]
        articles: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Score the extractor against gold annotations: precision, recall and F1 for mentions,
    /// entities and relations, with misses and false positives.
    #[command(
        after_help = "Example:\n  vnkg eval --gold tests/gold\n  vnkg eval --gold tests/gold --format json > eval.json"
    )]
    Eval {
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        /// table | json
        #[arg(long, default_value = "table")]
        format: String,
        /// List every miss and false positive.
        #[arg(long)]
        list: bool,
        /// Score another tool's predictions (JSON per gold file) instead of vnkg's, with the
        /// same matcher at the PER/ORG/LOC level (see benches/spacy_baseline.py).
        #[arg(long)]
        predictions: Option<PathBuf>,
        #[arg(long)]
        gazetteer: Option<PathBuf>,
    },
    /// Compute centralities and communities and write them to the analytics graph (build does
    /// this too), so SPARQL and the exports can use them; recount the views graph the queries
    /// rank by.
    Analyze,
    /// Recount the views graph (per-entity story and mention counts, partner countries,
    /// sectors) from every article in the store; build and ingest do this themselves.
    RefreshViews,
    /// Rank entities by a centrality measure.
    #[command(
        after_help = "Example:\n  vnkg rank --by pagerank --class Country --top 10\n  vnkg rank --by betweenness --relation cooperatesWith"
    )]
    Rank {
        /// degree | weighted-degree | pagerank | betweenness | closeness | eigenvector
        #[arg(long, default_value = "pagerank")]
        by: String,
        /// Keep only these classes in the output (Actor, Country, Initiative, Policy, Sector, or a subclass such as Company).
        #[arg(long)]
        class: Vec<String>,
        /// Analyse only these relations (cooperatesWith, metWith, implements, ...).
        #[arg(long)]
        relation: Vec<String>,
        /// Treat relations as directed (subject → object).
        #[arg(long)]
        directed: bool,
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// table | csv | json
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Shortest path(s) between two entities, each hop with its relation and evidence.
    #[command(after_help = "Example:\n  vnkg path Qualcomm 'Résolution 57' --k 3")]
    Path {
        from: String,
        to: String,
        /// How many loop-free paths, shortest first.
        #[arg(long, default_value_t = 1)]
        k: usize,
    },
    /// Entities within N hops of an entity (its ego network).
    #[command(after_help = "Example:\n  vnkg neighbors 'Hô Chi Minh-Ville' --depth 2")]
    Neighbors {
        entity: String,
        #[arg(long, default_value_t = 1)]
        depth: usize,
    },
    /// Communities of entities that work together (Louvain), with modularity.
    Communities {
        /// Members listed per community.
        #[arg(long, default_value_t = 12)]
        top: usize,
    },
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql, graphs at /store,
    /// a query page at /. Read-only unless --allow-update.
    #[command(
        after_help = "Example:\n  vnkg serve --port 7878\n  curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%7D'"
    )]
    Serve {
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
    },
    /// Send the named graphs to another SPARQL 1.1 store (Graph Store Protocol PUT per graph, or
    /// SPARQL Update), with retries; prints graphs and triples sent.
    #[command(
        after_help = "Example:\n  vnkg push --endpoint http://triplestore:7878/store\n  VNKG_PUSH_TOKEN=… vnkg push --update-endpoint https://kg.example.org/update --bearer"
    )]
    Push {
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
    },
    /// Write one self-contained HTML page: the partnership network (click an entity for its
    /// facts and their sentences; filter by class, sector, country, confidence), charts and a
    /// summary. Opens offline; `vnkg serve` also serves it at /report.
    #[command(after_help = "Example:\n  vnkg report --out report.html")]
    Report {
        /// Output file (written atomically).
        #[arg(long, default_value = "report.html")]
        out: PathBuf,
        /// Draw at most this many entities, the most central ones (PageRank) and their links.
        #[arg(long, default_value_t = vnkg::export::report::DEFAULT_MAX_NODES)]
        max_nodes: usize,
    },
    /// Check the graph against the SHACL shapes (ontology/shapes.ttl) with pySHACL; prints each
    /// violation with its focus node. Exit 0 when the graph conforms, 2 when it does not.
    #[command(
        after_help = "Example:\n  vnkg validate\n  VNKG_PYTHON=.venv/bin/python vnkg validate --format json"
    )]
    Validate {
        /// Other shapes than the built-in ones.
        #[arg(long)]
        shapes: Option<PathBuf>,
        /// Python with pyshacl (default: VNKG_PYTHON, ~/.cache/vnkg/venv/bin/python, python3).
        #[arg(long)]
        python: Option<PathBuf>,
        /// table | json
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// What the graph knows about one entity, each fact with its evidence sentence.
    #[command(after_help = "Example:\n  vnkg explain Qualcomm\n  vnkg explain HCMC")]
    Explain {
        /// A label, acronym or IRI.
        entity: String,
    },
}

fn main() {
    // `vnkg path A B | head`: a closed pipe ends the output quietly, as in any Unix filter
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
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) || format!("{e}").contains("Broken pipe")
            {
                std::process::exit(0);
            }
            // the library's messages already name their cause: print each cause once
            let mut msg = String::new();
            for cause in e.chain().map(ToString::to_string) {
                if !msg.contains(&cause) {
                    if !msg.is_empty() {
                        msg.push_str(": ");
                    }
                    msg.push_str(&cause);
                }
            }
            eprintln!("error: {}", msg.replace('\n', "\n  "));
            std::process::exit(1);
        }
    }
}

fn extractor(gazetteer: &Option<PathBuf>) -> Result<Extractor> {
    Ok(match gazetteer {
        Some(d) => Extractor::new(Gazetteer::from_dir(d)?),
        None => Extractor::builtin()?,
    })
}

fn run(cli: Cli) -> Result<i32> {
    let store_path = cli.store.clone();
    match cli.command {
        Command::Build {
            paths,
            min_confidence,
            memory,
            max_bytes,
            gazetteer,
            memory_mb,
            no_analytics,
            no_compact,
        } => {
            check_confidence(min_confidence)?;
            let ex = extractor(&gazetteer)?;
            let store = if memory {
                KgStore::memory()?
            } else {
                KgStore::open(&store_path)?
            };
            let opts = IngestOptions {
                max_bytes,
                min_confidence,
                prune: true,
                progress: std::io::stderr().is_terminal(),
                memory_mb,
                compact: !no_compact,
            };
            let report = ingest(&store, &ex, &paths, &opts)?;
            let analysis = if no_analytics {
                None
            } else {
                Some(vnkg::analyze::analyze_and_write(&store)?)
            };
            print_report(
                &report,
                &store,
                if memory { None } else { Some(&store_path) },
            )?;
            match analysis {
                Some(a) => println!("analytics     {}", analysis_line(&a)),
                None => println!("analytics     skipped (--no-analytics); run `vnkg analyze`"),
            }
            Ok(if report.failed.is_empty() { 0 } else { 2 })
        }
        Command::Ingest {
            files,
            min_confidence,
            max_bytes,
            gazetteer,
            server,
        } => {
            check_confidence(min_confidence)?;
            let ex = extractor(&gazetteer)?;
            let opts = IngestOptions {
                max_bytes,
                min_confidence,
                prune: false,
                progress: std::io::stderr().is_terminal(),
                memory_mb: vnkg::ingest::DEFAULT_MEMORY_MB,
                compact: true,
            };
            if let Some(base) = server {
                let base = base.trim_end_matches('/');
                let url = if base.ends_with("/update") {
                    base.to_string()
                } else {
                    format!("{base}/update")
                };
                let token = std::env::var("VNKG_TOKEN").unwrap_or_default();
                let target = vnkg::push::PushOptions {
                    method: vnkg::push::Method::Update(url.clone()),
                    auth: if token.is_empty() {
                        vnkg::push::Auth::None
                    } else {
                        vnkg::push::Auth::Bearer(token)
                    },
                    retries: 3,
                    backoff: std::time::Duration::from_millis(500),
                    graphs: Vec::new(),
                    since: None,
                };
                let report = vnkg::ingest::ingest_remote(&ex, &files, &opts, &target)
                    .with_context(|| format!("sending articles to {url}"))?;
                for (_, e) in &report.failed {
                    eprintln!("error: {e}");
                }
                println!(
                    "sent {} article(s), {} quads to {url} (one transaction each); run `vnkg analyze` after the server stops to refresh the analytics",
                    report.articles, report.quads
                );
                return Ok(if report.failed.is_empty() { 0 } else { 2 });
            }
            let store = KgStore::open(&store_path)?;
            let report = ingest(&store, &ex, &files, &opts)?;
            vnkg::analyze::analyze_and_write(&store)?;
            for (p, e) in &report.failed {
                eprintln!("error: {e}");
                let _ = p;
            }
            println!(
                "ingested {} article(s), {} quads; store now holds {} quads",
                report.articles,
                report.quads,
                store.len()?
            );
            Ok(if report.failed.is_empty() { 0 } else { 2 })
        }
        Command::Query { file, expr, format } => {
            let fmt: ResultFormat = format.parse()?;
            let q = match (expr, file) {
                (Some(e), _) => e,
                (None, Some(f)) if f.as_os_str() == "-" => {
                    std::io::read_to_string(std::io::stdin())
                        .context("reading the query from standard input")?
                }
                (None, Some(f)) => std::fs::read_to_string(&f)
                    .with_context(|| format!("{}: cannot read query file", f.display()))?,
                (None, None) => bail!("give a query file, '-' for standard input, or -e 'SPARQL'"),
            };
            let store = open_reader(&store_path)?;
            let results = store.query(&q)?;
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            write_results(results, fmt, &mut lock)?;
            lock.flush()?;
            Ok(0)
        }
        Command::Export { format, out } => {
            let fmt: ExportFormat = format.parse()?;
            let store = open_reader(&store_path)?;
            match out {
                Some(path) => {
                    let n = write_atomically(&path, |w| Ok(vnkg::export::export(&store, fmt, w)?))?;
                    eprintln!(
                        "wrote {} ({n} {})",
                        path.display(),
                        if matches!(fmt, ExportFormat::GraphMl) {
                            "nodes and edges"
                        } else if matches!(fmt, ExportFormat::Csv) {
                            "edges"
                        } else {
                            "statements"
                        }
                    );
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut lock = stdout.lock();
                    vnkg::export::export(&store, fmt, &mut lock)?;
                    lock.flush()?;
                }
            }
            Ok(0)
        }
        Command::Extract {
            files,
            format,
            min_confidence,
            max_bytes,
            gazetteer,
        } => {
            check_confidence(min_confidence)?;
            let format = match format.as_str() {
                "jsonl" | "json" => vnkg::stream::Output::JsonLines,
                "nquads" | "nq" => vnkg::stream::Output::NQuads,
                other => anyhow::bail!("unknown format '{other}' (jsonl or nquads)"),
            };
            let ex = extractor(&gazetteer)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let opts = vnkg::stream::StreamOptions {
                output: format,
                min_confidence,
                max_bytes,
            };
            let failed = if files.len() == 1 && files[0].as_os_str() == "-" {
                vnkg::stream::extract_json_lines(&ex, std::io::stdin().lock(), &mut out, &opts)?
            } else {
                let files = vnkg::corpus::list_article_files(&files)?;
                vnkg::stream::extract_files(&ex, &files, &mut out, &opts)?
            };
            out.flush()?;
            for (what, e) in &failed {
                eprintln!("error: {what}: {e}");
            }
            Ok(if failed.is_empty() { 0 } else { 2 })
        }
        Command::GenCorpus {
            articles,
            seed,
            out,
        } => {
            let ex = extractor(&None)?;
            let bytes = vnkg::corpus::generate::generate(&ex.gazetteer, articles, seed, &out)?;
            eprintln!(
                "wrote {articles} articles ({:.1} MB) and expected.jsonl to {}",
                bytes as f64 / 1e6,
                out.display()
            );
            Ok(0)
        }
        Command::Eval {
            gold,
            format,
            list,
            gazetteer,
            predictions,
        } => {
            let report = match predictions {
                Some(p) => vnkg::eval::evaluate_predictions(&gold, &p)?,
                None => vnkg::eval::evaluate(&extractor(&gazetteer)?, &gold)?,
            };
            match format.as_str() {
                "table" => print!("{}", vnkg::eval::render(&report, list)),
                "json" => println!(
                    "{}",
                    serde_json::to_string_pretty(&vnkg::eval::to_json(&report))?
                ),
                other => bail!("unknown format '{other}' (expected table or json)"),
            }
            Ok(0)
        }
        Command::Analyze => {
            let store = KgStore::open_existing(&store_path)?;
            let a = vnkg::analyze::analyze_and_write(&store)?;
            // A store fed through `ingest --server` has stale views until something recounts.
            let views = vnkg::rdf::views::refresh(&store)?;
            println!("{}", analysis_line(&a));
            println!("views: {views} quads recounted from the store");
            Ok(0)
        }
        Command::RefreshViews => {
            let store = KgStore::open_existing(&store_path)?;
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
        Command::Rank {
            by,
            class,
            relation,
            directed,
            top,
            format,
        } => {
            let measure = Measure::parse(&by).with_context(|| format!("unknown measure '{by}' (expected degree, weighted-degree, pagerank, betweenness, closeness or eigenvector)"))?;
            let store = open_reader(&store_path)?;
            let opts = ProjectOptions {
                classes: vec![],
                relations: relation,
                directed,
            };
            let a = vnkg::analyze::analyze(&store, &opts)?;
            let scores = a.scores.get(measure);
            let keep = |n: &vnkg::analyze::projection::Node| {
                class.is_empty()
                    || class
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(&n.top) || c.eq_ignore_ascii_case(&n.class))
            };
            let order: Vec<usize> = vnkg::analyze::centrality::ranking(&a.graph, scores)
                .into_iter()
                .filter(|&i| keep(&a.graph.nodes[i]))
                .take(top)
                .collect();
            print_ranking(&a, &order, scores, measure, &format)?;
            Ok(0)
        }
        Command::Path { from, to, k } => {
            let store = open_reader(&store_path)?;
            let a = vnkg::analyze::analyze(&store, &ProjectOptions::default())?;
            let (fa, ta) = (
                vnkg::explain::resolve(&store, &from)?,
                vnkg::explain::resolve(&store, &to)?,
            );
            let (Some(s), Some(t)) = (a.graph.find(&fa.iri), a.graph.find(&ta.iri)) else {
                bail!(
                    "{} or {} takes part in no relation, so no path can reach it",
                    fa.label,
                    ta.label
                );
            };
            let paths = vnkg::analyze::paths::k_shortest_paths(&a.graph, s, t, k.max(1));
            if paths.is_empty() {
                println!("no path between {} and {}", fa.label, ta.label);
                return Ok(1);
            }
            for (n, p) in paths.iter().enumerate() {
                print_path(&a.graph, n + 1, p);
            }
            Ok(0)
        }
        Command::Neighbors { entity, depth } => {
            let store = open_reader(&store_path)?;
            let a = vnkg::analyze::analyze(&store, &ProjectOptions::default())?;
            let f = vnkg::explain::resolve(&store, &entity)?;
            let Some(c) = a.graph.find(&f.iri) else {
                bail!("{} takes part in no relation", f.label)
            };
            let ego = vnkg::analyze::paths::ego_network(&a.graph, c, depth);
            println!(
                "{} ({}) — {} entities within {depth} hop(s)",
                f.label,
                f.class,
                ego.len() - 1
            );
            for (i, d) in ego.iter().skip(1) {
                let n = &a.graph.nodes[*i];
                let via = if *d == 1 {
                    vnkg::analyze::paths::link_between(&a.graph, c, *i)
                        .map(|l| relations_of(&a.graph, l))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                println!("  {d}  {:<50} {:<22} {via}", n.label, n.class);
            }
            Ok(0)
        }
        Command::Communities { top } => {
            let store = open_reader(&store_path)?;
            let a = vnkg::analyze::analyze(&store, &ProjectOptions::default())?;
            let count = a.communities.iter().max().map(|m| m + 1).unwrap_or(0);
            println!(
                "{count} communities, modularity {:.3} (Louvain, weighted, undirected)",
                a.modularity
            );
            let pr = &a.scores.pagerank;
            let mut groups: Vec<Vec<usize>> = vec![Vec::new(); count];
            for (i, c) in a.communities.iter().enumerate() {
                groups[*c].push(i);
            }
            groups.retain(|g| g.len() > 1);
            groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
            for (k, g) in groups.iter_mut().enumerate() {
                g.sort_by(|&x, &y| {
                    pr[y]
                        .partial_cmp(&pr[x])
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
                let names: Vec<&str> = g
                    .iter()
                    .take(top)
                    .map(|&i| a.graph.nodes[i].label.as_str())
                    .collect();
                println!(
                    "\n#{} ({} members): {}{}",
                    k + 1,
                    g.len(),
                    names.join(", "),
                    if g.len() > top { ", …" } else { "" }
                );
            }
            Ok(0)
        }
        Command::Serve {
            host,
            port,
            allow_update,
            timeout,
            max_rows,
            max_body,
        } => {
            let update_token = if allow_update {
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
            let store = KgStore::open_existing(&store_path)?;
            let opts = vnkg::serve::ServeOptions {
                bind: std::net::SocketAddr::new(host, port),
                update_token,
                timeout: std::time::Duration::from_secs(timeout),
                max_rows,
                max_body_bytes: max_body,
                queries_dir: Some(PathBuf::from("queries")).filter(|p| p.is_dir()),
            };
            let rt = tokio::runtime::Runtime::new()?;
            rt.block_on(vnkg::serve::serve(store, opts))
                .context("serving")?;
            Ok(0)
        }
        Command::Push {
            endpoint,
            update_endpoint,
            user,
            bearer,
            graph,
            retries,
            since,
        } => {
            let store = open_reader(&store_path)?;
            let method = match (endpoint, update_endpoint) {
                (Some(e), _) => vnkg::push::Method::GraphStore(e),
                (None, Some(u)) => vnkg::push::Method::Update(u),
                (None, None) => bail!("give --endpoint or --update-endpoint"),
            };
            let auth = match (user, bearer) {
                (Some(u), _) => vnkg::push::Auth::Basic {
                    user: u,
                    password: std::env::var("VNKG_PUSH_PASSWORD").unwrap_or_default(),
                },
                (None, true) => vnkg::push::Auth::Bearer(
                    std::env::var("VNKG_PUSH_TOKEN").context("--bearer needs VNKG_PUSH_TOKEN")?,
                ),
                (None, false) => vnkg::push::Auth::None,
            };
            let opts = vnkg::push::PushOptions {
                method,
                auth,
                retries,
                backoff: std::time::Duration::from_millis(500),
                graphs: graph,
                since,
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
        Command::Report { out, max_nodes } => {
            let store = open_reader(&store_path)?;
            let mut stats = vnkg::export::report::ReportStats::default();
            write_atomically(&out, |w| {
                stats = vnkg::export::report::write(&store, max_nodes, w)?;
                Ok(stats.nodes)
            })?;
            println!(
                "wrote {} ({} entities{}, {} links, {} facts with evidence)",
                out.display(),
                stats.nodes,
                if stats.total_nodes > stats.nodes {
                    format!(", the most central of {}", stats.total_nodes)
                } else {
                    String::new()
                },
                stats.edges,
                stats.facts
            );
            Ok(0)
        }
        Command::Validate {
            shapes,
            python,
            format,
        } => {
            if format != "table" && format != "json" {
                bail!("unknown format '{format}' (expected table or json)");
            }
            let python = python
                .or_else(|| std::env::var_os("VNKG_PYTHON").map(PathBuf::from))
                .or_else(|| {
                    std::env::var_os("HOME")
                        .map(|h| PathBuf::from(h).join(".cache/vnkg/venv/bin/python"))
                        .filter(|p| p.exists())
                })
                .unwrap_or_else(|| PathBuf::from("python3"));
            let store = open_reader(&store_path)?;
            let report = vnkg::validate::validate(&store, &python, shapes.as_deref())?;
            if format == "json" {
                let rows: Vec<serde_json::Value> = report
                    .results
                    .iter()
                    .map(|v| {
                        serde_json::json!({"focus": v.focus, "path": v.path, "value": v.value,
                            "message": v.message, "shape": v.shape, "severity": v.severity})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({"conforms": report.conforms, "violations": rows})
                    )?
                );
            } else {
                for v in &report.results {
                    let local = |s: &Option<String>| {
                        s.as_deref()
                            .map(|x| x.rsplit(['#', '/']).next().unwrap_or(x).to_string())
                            .unwrap_or_default()
                    };
                    println!(
                        "{} {}{}: {}{}",
                        local(&v.severity).to_lowercase(),
                        v.focus.as_deref().unwrap_or("?"),
                        v.path
                            .as_ref()
                            .map(|_| format!(" {}", local(&v.path)))
                            .unwrap_or_default(),
                        v.message,
                        v.value
                            .as_ref()
                            .map(|x| format!(" (value: {x})"))
                            .unwrap_or_default()
                    );
                }
                println!(
                    "{}: {} violation(s) of the shapes in {} (pySHACL {})",
                    if report.conforms {
                        "conforms"
                    } else {
                        "does not conform"
                    },
                    report.results.len(),
                    shapes
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| "ontology/shapes.ttl".into()),
                    report.version
                );
            }
            Ok(if report.conforms { 0 } else { 2 })
        }
        Command::Explain { entity } => {
            let store = open_reader(&store_path)?;
            print!("{}", vnkg::explain::explain(&store, &entity)?);
            Ok(0)
        }
    }
}

fn analysis_line(a: &vnkg::analyze::Analysis) -> String {
    format!(
        "{} nodes, {} links, {} communities (modularity {:.3}) in graph <https://w3id.org/vnkg/graph/analytics>",
        a.graph.nodes.len(),
        a.graph.links.len(),
        a.communities.iter().max().map(|m| m + 1).unwrap_or(0),
        a.modularity
    )
}

fn relations_of(g: &vnkg::analyze::AnalysisGraph, l: &vnkg::analyze::graph::Link) -> String {
    let mut rels: Vec<&str> = l
        .facts
        .iter()
        .map(|&f| g.facts[f].relation.as_str())
        .collect();
    rels.sort();
    rels.dedup();
    rels.join(", ")
}

fn print_path(g: &vnkg::analyze::AnalysisGraph, n: usize, p: &[usize]) {
    let names: Vec<&str> = p.iter().map(|&i| g.nodes[i].label.as_str()).collect();
    println!(
        "{n}. {} ({} hop{})",
        names.join(" — "),
        p.len() - 1,
        if p.len() == 2 { "" } else { "s" }
    );
    for w in p.windows(2) {
        let Some(l) = vnkg::analyze::paths::link_between(g, w[0], w[1]) else {
            continue;
        };
        println!(
            "   {} — {} : {}",
            g.nodes[w[0]].label,
            g.nodes[w[1]].label,
            relations_of(g, l)
        );
        if let Some(ev) = l
            .facts
            .iter()
            .map(|&f| &g.facts[f].evidence)
            .find(|e| !e.is_empty())
        {
            println!("      « {ev} »");
        }
    }
}

fn print_ranking(
    a: &vnkg::analyze::Analysis,
    order: &[usize],
    scores: &[f64],
    m: Measure,
    format: &str,
) -> Result<()> {
    match format {
        "table" => {
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_header(vec!["#", "entity", "class", m.name(), "community"]);
            for (r, &i) in order.iter().enumerate() {
                let n = &a.graph.nodes[i];
                t.add_row(vec![
                    (r + 1).to_string(),
                    n.label.clone(),
                    n.class.clone(),
                    format!("{:.6}", scores[i]),
                    a.communities[i].to_string(),
                ]);
            }
            println!("{t}");
        }
        "csv" => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(["rank", "iri", "label", "class", m.name(), "community"])?;
            for (r, &i) in order.iter().enumerate() {
                let n = &a.graph.nodes[i];
                w.write_record([
                    (r + 1).to_string(),
                    n.iri.clone(),
                    n.label.clone(),
                    n.class.clone(),
                    scores[i].to_string(),
                    a.communities[i].to_string(),
                ])?;
            }
            w.flush()?;
        }
        "json" => {
            let rows: Vec<serde_json::Value> = order
                .iter()
                .map(|&i| serde_json::json!({"iri": a.graph.nodes[i].iri, "label": a.graph.nodes[i].label, "class": a.graph.nodes[i].class, "score": scores[i], "community": a.communities[i]}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
        other => bail!("unknown format '{other}' (expected table, csv or json)"),
    }
    Ok(())
}

fn check_confidence(c: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&c) {
        bail!("--min-confidence must lie between 0 and 1, got {c}");
    }
    Ok(())
}

/// Writes to a temporary file beside `path` and renames it into place: a failed export never
/// leaves a half-written file.
fn write_atomically(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<usize>) -> Result<usize> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export"),
        std::process::id()
    ));
    let file =
        std::fs::File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
    let mut w = std::io::BufWriter::new(file);
    let res = f(&mut w).and_then(|n| {
        w.flush()?;
        Ok(n)
    });
    match res {
        Ok(n) => {
            std::fs::rename(&tmp, path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn print_report(r: &IngestReport, store: &KgStore, path: Option<&PathBuf>) -> Result<()> {
    for (_, e) in &r.failed {
        eprintln!("error: {e}");
    }
    let s = vnkg::summary::summarize(store)?;
    println!(
        "articles      {} read, {} in store{}",
        r.articles,
        s.articles,
        if r.failed.is_empty() {
            String::new()
        } else {
            format!(", {} failed", r.failed.len())
        }
    );
    println!(
        "stories       {} ({} distinct after removing repeated teasers)",
        r.stories, r.distinct_stories
    );
    println!("mentions      {}", r.mentions);
    println!(
        "facts         {} (relations, roles and partnership statements)",
        r.facts
    );
    println!(
        "entities      {}",
        s.entities_per_class
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("partnerships  {}", s.partnerships);
    println!(
        "views         {} quads ({}, {:.1} s)",
        r.view_quads,
        if r.views_from_store {
            "recounted from the store"
        } else {
            "tallied during the build"
        },
        r.views_secs
    );
    match r.compact_secs {
        Some(t) => println!(
            "load          {} sorted runs bulk-loaded, merged in {t:.1} s",
            r.bulk_runs
        ),
        None if r.bulk_runs > 1 => println!(
            "load          {} sorted runs bulk-loaded, not merged (--no-compact)",
            r.bulk_runs
        ),
        None => {}
    }
    if !s.partners_per_country.is_empty() {
        println!("partner countries (stories with a partnership):");
        for (c, n) in &s.partners_per_country {
            println!("  {c:<28} {n}");
        }
    }
    let per_fact = if r.evidence_nodes > 0 {
        r.provenance_quads as f64 / r.evidence_nodes as f64
    } else {
        0.0
    };
    println!(
        "provenance    {} of {} quads, {} evidence nodes: {:.1} provenance triples per fact",
        r.provenance_quads, r.quads, r.evidence_nodes, per_fact
    );
    match path {
        Some(p) => println!(
            "store         {} ({} quads){}",
            p.display(),
            s.quads,
            if r.removed > 0 {
                format!(", {} stale article graph(s) removed", r.removed)
            } else {
                String::new()
            }
        ),
        None => println!("store         in memory ({} quads), not saved", s.quads),
    }
    Ok(())
}

/// Read-only commands still work while `vnkg serve` (or a build) holds the store.
fn open_reader(path: &std::path::Path) -> Result<KgStore> {
    let (store, snapshot) = KgStore::open_for_reading(path)?;
    if snapshot {
        eprintln!(
            "note: {} is in use by another process; reading it read-only, as it is now",
            path.display()
        );
    }
    Ok(store)
}
