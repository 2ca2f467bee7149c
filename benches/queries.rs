//! Latency of every query in `queries/` on a built store: median and 95th percentile over
//! repeated runs, results consumed to the last row. Not part of the test suite:
//!
//!     VNKG_BENCH_STORE=/tmp/store cargo bench --bench queries
//!
//! VNKG_BENCH_RUNS sets the runs per query (default 20), VNKG_BENCH_QUERY_TIMEOUT the seconds
//! a run may take before it is cancelled (default 30). Prints a Markdown table.
//!
//! The listing queries take a parameter (one article, one actor, one place) in a `VALUES`
//! line; VNKG_BENCH_SUBST="IRI=IRI,IRI=IRI" swaps their defaults for heavier ones (e.g. an
//! actor named in 10⁴ stories) to time the worst case rather than the built-in example.

use oxigraph::sparql::QueryResults;
use std::path::PathBuf;
use std::time::Instant;
use vnkg::rdf::KgStore;

fn main() {
    let Ok(store) = std::env::var("VNKG_BENCH_STORE") else {
        eprintln!(
            "set VNKG_BENCH_STORE to a store built by `vnkg build` (benches/compare.sh does)"
        );
        return;
    };
    let runs: usize = std::env::var("VNKG_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let budget = std::time::Duration::from_secs(
        std::env::var("VNKG_BENCH_QUERY_TIMEOUT")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(30),
    );
    let store = KgStore::open_read_only(&PathBuf::from(store)).expect("open store");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("queries/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    println!("| query | rows | median (ms) | p95 (ms) |");
    println!("|---|---:|---:|---:|");
    for f in files {
        let mut q = std::fs::read_to_string(&f).expect("read query");
        for pair in std::env::var("VNKG_BENCH_SUBST")
            .unwrap_or_default()
            .split(',')
        {
            if let Some((from, to)) = pair.split_once('=') {
                q = q.replace(&format!("<{from}>"), &format!("<{to}>"));
            }
        }
        let mut times = Vec::with_capacity(runs);
        let mut rows = 0;
        let mut timed_out = false;
        for _ in 0..runs {
            // a watchdog cancels a run that exceeds the budget; the query is then reported
            // as timed out rather than holding the benchmark for minutes
            let token = oxigraph::sparql::CancellationToken::new();
            let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
            let watchdog = {
                let token = token.clone();
                std::thread::spawn(move || {
                    if done_rx.recv_timeout(budget).is_err() {
                        token.cancel();
                    }
                })
            };
            let t = Instant::now();
            let counted: Result<usize, ()> = match store.query_cancellable(&q, Some(token)) {
                Ok(QueryResults::Solutions(s)) => s
                    .map(|r| r.map_err(|_| ()))
                    .try_fold(0, |n, r| r.map(|_| n + 1)),
                Ok(QueryResults::Graph(g)) => g
                    .map(|r| r.map_err(|_| ()))
                    .try_fold(0, |n, r| r.map(|_| n + 1)),
                Ok(QueryResults::Boolean(_)) => Ok(1),
                Err(_) => Err(()),
            };
            let _ = done_tx.send(());
            let _ = watchdog.join();
            match counted {
                Ok(n) => rows = n,
                Err(()) => {
                    timed_out = true;
                    break;
                }
            }
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let name = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if timed_out {
            println!("| {name} | – | > {} s (cancelled) | – |", budget.as_secs());
            continue;
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let median = times[times.len() / 2];
        let p95 = times[((times.len() as f64 * 0.95).ceil() as usize).clamp(1, times.len()) - 1];
        println!("| {name} | {rows} | {median:.1} | {p95:.1} |");
    }
}
