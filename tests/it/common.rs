//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use vnkg::extract::Extractor;
use vnkg::ingest::{ingest, IngestOptions};
use vnkg::rdf::KgStore;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn articles() -> PathBuf {
    root().join("data/articles")
}

pub fn vnkg(args: &[&str], store: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(args)
        .env("VNKG_STORE", store)
        .current_dir(root())
        .output()
        .expect("run vnkg")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn options() -> IngestOptions {
    IngestOptions {
        max_bytes: vnkg::corpus::DEFAULT_MAX_BYTES,
        min_confidence: 0.0,
        prune: true,
        ..IngestOptions::default()
    }
}

/// The built-in corpus, built once per test binary into an in-memory store, with full
/// provenance (every mention's evidence node), so content tests can ask about surface forms
/// and offsets; the compact model is what `built()` and the CLI tests read.
pub fn corpus_store() -> &'static KgStore {
    static STORE: OnceLock<KgStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = KgStore::memory().unwrap();
        let ex = Extractor::builtin().unwrap();
        let opts = IngestOptions {
            provenance: vnkg::rdf::Provenance::Full,
            ..options()
        };
        let report = ingest(&store, &ex, &[articles()], &opts).unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        store
    })
}

/// Rows of a SELECT as strings.
pub fn rows(store: &KgStore, q: &str) -> Vec<Vec<String>> {
    store
        .select(q)
        .unwrap()
        .into_iter()
        .map(|r| r.into_iter().map(|v| v.unwrap_or_default()).collect())
        .collect()
}

/// The Python with rdflib/networkx, or None (a skip reason is printed). Under CI it must exist.
pub fn python() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("VNKG_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/vnkg/venv/bin/python")),
        )
        .collect();
    for p in candidates {
        if p.exists() {
            let ok = Command::new(&p)
                .args(["-c", "import rdflib, networkx, numpy, scipy"])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ok {
                return Some(p);
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but no Python with rdflib and networkx (set VNKG_PYTHON; scripts/test.sh creates one)");
    }
    eprintln!("SKIP: no Python with rdflib and networkx (run scripts/test.sh, or set VNKG_PYTHON)");
    None
}

/// The test Python, if it can also import `modules` (a skip reason is printed otherwise; under
/// CI=true a missing module fails the test).
pub fn python_with(modules: &str, install_hint: &str) -> Option<PathBuf> {
    let py = python()?;
    let ok = Command::new(&py)
        .args(["-c", &format!("import {modules}")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        return Some(py);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but Python cannot import {modules} ({install_hint})");
    }
    eprintln!("SKIP: Python cannot import {modules} ({install_hint})");
    None
}

/// The shared conformance material (W3C tests, GraphML schema), when present beside the repo.
pub fn peers() -> Option<PathBuf> {
    let p = root().join("../shared/peers");
    if p.exists() {
        Some(p)
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but ../shared/peers is missing");
    } else {
        eprintln!("SKIP: ../shared/peers not found beside the repository (conformance material)");
        None
    }
}

/// A temporary directory with the built-in corpus built into `DIR/store`.
pub fn built() -> tempfile::TempDir {
    let dir = tempdir();
    let o = vnkg(&["build"], &dir.path().join("store"));
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

/// Quads in all named graphs, counted through the CLI as a user would.
pub fn quad_count(store: &Path) -> usize {
    let o = vnkg(
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ],
        store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().nth(1).unwrap().trim().parse().unwrap()
}

/// `vnkg gen-corpus --articles N --seed SEED --out OUT` (the articles and `expected.jsonl`).
pub fn gen_corpus(out: &Path, n: usize, seed: u64) {
    let o = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["gen-corpus", "--articles", &n.to_string(), "--seed"])
        .arg(seed.to_string())
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Two sets of N-Quads lines are equal; on failure shows the first differences.
pub fn assert_same_quads(
    a: &std::collections::BTreeSet<String>,
    b: &std::collections::BTreeSet<String>,
) {
    assert_eq!(
        a.symmetric_difference(b).take(5).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The bearer token the test servers accept for updates.
pub const TOKEN: &str = "reliability-token-42";

/// `vnkg serve` on a free loopback port over `store`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(store: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .env("VNKG_STORE", store)
        .env("VNKG_TOKEN", TOKEN)
        .current_dir(root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}
