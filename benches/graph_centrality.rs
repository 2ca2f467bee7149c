//! PageRank and betweenness on generated graphs, vnkg next to networkx and python-igraph on
//! the same graphs, in the same run. Not part of the test suite:
//!
//!     cargo bench --bench graph_centrality               # 10k and 100k nodes
//!     VNKG_BENCH_SIZES=1000 cargo bench --bench graph_centrality
//!
//! The Python anchors need networkx, numpy, scipy and igraph (benches/requirements.txt);
//! VNKG_PYTHON picks the interpreter. networkx's exact betweenness is far too slow at 100k
//! nodes, so above VNKG_BENCH_NX_EXACT_MAX nodes (default 20000) it is timed on a sample of
//! source nodes and the full time is extrapolated linearly (marked "~"). VNKG_BENCH_ANCHORS=0
//! skips the Python anchors.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;
use vnkg::analyze::centrality::{betweenness, pagerank};
use vnkg::analyze::projection::Network;
use vnkg::analyze::{AnalysisGraph, ProjectOptions};

fn main() {
    let sizes: Vec<usize> = std::env::var("VNKG_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let python = std::env::var("VNKG_PYTHON").unwrap_or_else(|_| {
        format!(
            "{}/.cache/vnkg/venv/bin/python",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("create target/bench");
    println!("| nodes | edges | measure | vnkg (s) | networkx (s) | igraph (s) | networkx / vnkg | igraph / vnkg |");
    println!("|---:|---:|---|---:|---:|---:|---:|---:|");
    for n in sizes {
        let net = Network::random(n, 3 * n, 11);
        let g = AnalysisGraph::from_network(&net, &ProjectOptions::default());
        let gml = dir.join(format!("random_{n}.graphml"));
        vnkg::export::graphml::write(
            &net,
            &mut std::io::BufWriter::new(std::fs::File::create(&gml).expect("create graphml")),
        )
        .expect("write graphml");
        let t = Instant::now();
        let pr = pagerank(&g, 0.85, 1e-6, 100);
        let t_pr = t.elapsed().as_secs_f64();
        // VNKG_BENCH_MEASURES=pagerank skips betweenness, the slow part at 100k nodes
        let with_bc =
            std::env::var("VNKG_BENCH_MEASURES").map_or(true, |m| m.contains("betweenness"));
        let t = Instant::now();
        let bc = if with_bc { betweenness(&g) } else { Vec::new() };
        let t_bc = t.elapsed().as_secs_f64();
        std::hint::black_box((pr, bc));
        eprintln!("{n} nodes: vnkg PageRank {t_pr:.3} s, betweenness {t_bc:.3} s; running the Python anchors...");
        // VNKG_BENCH_ANCHORS=0 times vnkg alone (igraph's exact betweenness takes 1.5 h at 100k)
        let anchors = if std::env::var("VNKG_BENCH_ANCHORS").is_ok_and(|v| v == "0") {
            Err(std::io::Error::other("VNKG_BENCH_ANCHORS=0"))
        } else {
            Command::new(&python)
                .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/graph_anchors.py"))
                .arg(&gml)
                .env(
                    "VNKG_BENCH_WITH_BETWEENNESS",
                    if with_bc { "1" } else { "0" },
                )
                .output()
        };
        let (mut nx_pr, mut ig_pr, mut nx_bc, mut ig_bc) = (
            String::from("n/a"),
            String::from("n/a"),
            String::from("n/a"),
            String::from("n/a"),
        );
        match anchors {
            Ok(o) if o.status.success() => {
                let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
                let f = |k: &str| {
                    v[k].as_str()
                        .map(str::to_string)
                        .or_else(|| v[k].as_f64().map(|x| format!("{x:.3}")))
                        .unwrap_or_else(|| "n/a".into())
                };
                (nx_pr, ig_pr, nx_bc, ig_bc) = (
                    f("networkx_pagerank"),
                    f("igraph_pagerank"),
                    f("networkx_betweenness"),
                    f("igraph_betweenness"),
                );
            }
            Ok(o) => eprintln!("anchors failed: {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => eprintln!("anchors not run ({python}): {e}"),
        }
        let ratio = |anchor: &str, ours: f64| {
            anchor
                .trim_start_matches('~')
                .parse::<f64>()
                .map(|a| format!("{:.1}×", a / ours))
                .unwrap_or_else(|_| "n/a".into())
        };
        println!(
            "| {n} | {} | PageRank | {t_pr:.3} | {nx_pr} | {ig_pr} | {} | {} |",
            g.links.len(),
            ratio(&nx_pr, t_pr),
            ratio(&ig_pr, t_pr)
        );
        if !with_bc {
            continue;
        }
        println!(
            "| {n} | {} | betweenness | {t_bc:.3} | {nx_bc} | {ig_bc} | {} | {} |",
            g.links.len(),
            ratio(&nx_bc, t_bc),
            ratio(&ig_bc, t_bc)
        );
    }
}
