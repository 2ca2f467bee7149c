//! `vnkg push` to Virtuoso as Debian installs it (`virtuoso-opensource`, 7.2; scripts/setup.sh
//! --test installs it), started here on loopback with its own database directory and ports
//! (not the system service), logged in as its default `dba`. The graph must arrive whole
//! (same triple count, both through SPARQL Update and the Graph Store), a re-push must replace
//! it, and every queries/*.rq must give the same rows there as on the embedded store.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Virtuoso's default administrator, as a fresh database creates it.
const USER: &str = "dba";
const PASSWORD: &str = "dba";

fn virtuoso_t() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("virtuoso-t"))
        .find(|p| p.exists());
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but virtuoso-t is not installed (scripts/setup.sh --test installs virtuoso-opensource with apt-get)");
        }
        eprintln!("SKIP: no virtuoso-t (apt-get install virtuoso-opensource, or run scripts/setup.sh --test as root)");
    }
    found
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A Virtuoso server over a database in a temporary directory; stopped (SIGTERM: it
/// checkpoints and exits) when dropped.
struct Virtuoso {
    child: Child,
    http: u16,
    _dir: tempfile::TempDir,
}

impl Virtuoso {
    fn start(bin: &Path) -> Virtuoso {
        let dir = tempdir();
        let d = dir.path().display();
        let (sql, http) = (free_port(), free_port());
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\n\
             [Parameters]\nServerPort = 127.0.0.1:{sql}\nDisableUnixSocket = 1\nCaseMode = 2\n\
             DirsAllowed = {d}\n\
             [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = {d}\nServerThreads = 10\nCharset = UTF-8\n\
             [SPARQL]\nResultSetMaxRows = 10000\nMaxQueryExecutionTime = 60\n"
        );
        std::fs::write(dir.path().join("virtuoso.ini"), ini).unwrap();
        let t = Instant::now();
        let child = Command::new(bin)
            .args(["+foreground", "+configfile"])
            .arg(dir.path().join("virtuoso.ini"))
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut v = Virtuoso {
            child,
            http,
            _dir: dir,
        };
        // a new database is created and its system tables loaded first (about 10 s)
        while t.elapsed() < Duration::from_secs(120) {
            if let Ok(Some(status)) = v.child.try_wait() {
                let log = std::fs::read_to_string(v._dir.path().join("virtuoso.log"));
                panic!("virtuoso-t exited ({status}): {}", log.unwrap_or_default());
            }
            if v.select("ASK {}").is_ok() {
                eprintln!("virtuoso started in {:.1} s", t.elapsed().as_secs_f64());
                return v;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let _ = v.child.kill();
        panic!("virtuoso did not answer on 127.0.0.1:{http} within 120 s");
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.http)
    }

    /// SPARQL JSON results from the anonymous /sparql endpoint.
    fn select(&self, query: &str) -> Result<Value, Box<ureq::Error>> {
        let r = ureq::post(&self.url("/sparql"))
            .set("Accept", "application/sparql-results+json")
            .send_form(&[("query", query)])
            .map_err(Box::new)?;
        Ok(serde_json::from_reader(r.into_reader()).unwrap())
    }

    fn count(&self, query: &str) -> usize {
        let v = self.select(query).unwrap();
        v["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn push(store: &Path, args: &[&str], password: Option<&str>) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vnkg"));
    c.arg("push")
        .args(args)
        .env("VNKG_STORE", store)
        .env_remove("VNKG_PUSH_PASSWORD")
        .current_dir(root());
    if let Some(p) = password {
        c.env("VNKG_PUSH_PASSWORD", p);
    }
    c.output().unwrap()
}

/// One cell of a SPARQL JSON result, as (kind, lexical form, language, datatype).
type Cell = Option<(String, String, String, String)>;

fn cell(b: Option<&Value>) -> Cell {
    let b = b?;
    let s = |k: &str| b[k].as_str().unwrap_or("").to_string();
    // SPARQL 1.0's "typed-literal" (Virtuoso) is SPARQL 1.1's "literal" with a datatype
    Some((
        s("type").replace("typed-literal", "literal"),
        s("value"),
        s("xml:lang"),
        s("datatype"),
    ))
}

/// The columns a query fills with GROUP_CONCAT, with their separators.
fn group_concat_columns(query: &str) -> BTreeMap<String, String> {
    let re = regex::Regex::new(
        r#"(?is)GROUP_CONCAT\s*\([^;]*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)"#,
    )
    .unwrap();
    re.captures_iter(query)
        .map(|c| (c[2].to_string(), c[1].to_string()))
        .collect()
}

/// The rows of a result, sorted (SPARQL fixes no order between equal ORDER BY keys). The one
/// normalization: a GROUP_CONCAT cell is compared as its sorted items without language tag.
/// SPARQL fixes neither the order GROUP_CONCAT joins in (Virtuoso sorts a DISTINCT list,
/// Oxigraph keeps the order found) nor its result's language (Oxigraph keeps a language all
/// the items share, Virtuoso returns a plain literal).
fn rows(result: &Value, concat: &BTreeMap<String, String>) -> (Vec<String>, Vec<Vec<Cell>>) {
    let vars: Vec<String> = result["head"]["vars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut rows: Vec<Vec<Cell>> = result["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            vars.iter()
                .map(|v| {
                    let c = cell(b.get(v));
                    match (concat.get(v), c) {
                        (Some(sep), Some((kind, value, _, dt))) => {
                            let mut items: Vec<&str> = value.split(sep.as_str()).collect();
                            items.sort();
                            Some((kind, items.join(sep), String::new(), dt))
                        }
                        (_, c) => c,
                    }
                })
                .collect()
        })
        .collect();
    rows.sort();
    (vars, rows)
}

#[test]
fn push_to_a_stock_virtuoso_gives_the_same_triples_and_query_rows() {
    let Some(bin) = virtuoso_t() else {
        return;
    };
    let dir = built();
    let store = dir.path().join("store");
    let v = Virtuoso::start(&bin);
    let update = v.url("/sparql-auth");
    let gsp = v.url("/sparql-graph-crud-auth");

    // What a new user meets first: anonymous updates on /sparql are refused with a 500, a
    // login is asked for on /sparql-auth, a wrong password is refused; each in one line
    // that names the endpoint, and nothing is written.
    let o = push(&store, &["--update-endpoint", &v.url("/sparql")], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("SR186") && stderr(&o).contains("/sparql-auth --user dba"),
        "{}",
        stderr(&o)
    );
    let o = push(&store, &["--update-endpoint", &update], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("HTTP 401: {update} asks for a login; give --user")),
        "{}",
        stderr(&o)
    );
    let o = push(
        &store,
        &["--update-endpoint", &update, "--user", USER],
        Some("wrong"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "HTTP 401: {update} refused user 'dba' (Digest authentication"
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));

    let local_triples = quad_count(&store);
    let local_graphs = stdout(&vnkg(
        &[
            "query",
            "--format",
            "csv",
            "-e",
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ],
        &store,
    ))
    .lines()
    .nth(1)
    .unwrap()
    .trim()
    .parse::<usize>()
    .unwrap();
    // Virtuoso holds graphs of its own: count only vnkg's
    let q_triples = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/vnkg/\")) }";
    let q_graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/vnkg/\")) }";
    assert_eq!(v.count(q_triples), 0, "the refused pushes wrote nothing");

    // SPARQL Update, then the Graph Store, then Update again: each replaces every graph. The
    // ontology's 164 blank-node triples would double on any push that added instead.
    let t = Instant::now();
    for args in [
        ["--update-endpoint", update.as_str()],
        ["--endpoint", gsp.as_str()],
        ["--update-endpoint", update.as_str()],
    ] {
        let o = push(&store, &[args[0], args[1], "--user", USER], Some(PASSWORD));
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            stdout(&o).trim(),
            format!("pushed {local_graphs} graph(s), {local_triples} triples (0 retries)")
        );
        assert_eq!(v.count(q_triples), local_triples, "after {args:?}");
        assert_eq!(v.count(q_graphs), local_graphs, "after {args:?}");
    }
    eprintln!(
        "3 pushes in {:.1} s: {local_graphs} graphs, {local_triples} triples on both sides",
        t.elapsed().as_secs_f64()
    );
    let blank = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/vnkg/\") && (isBlank(?s) || isBlank(?o))) }";
    assert!(v.count(blank) > 0, "the blank-node case was exercised");

    // every query an analyst has, the same rows on both engines
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    let mut report = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let query = std::fs::read_to_string(f).unwrap();
        let o = vnkg(&["query", "--format", "json", f.to_str().unwrap()], &store);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let local: Value = serde_json::from_slice(&o.stdout).unwrap();
        let remote = v
            .select(&query)
            .unwrap_or_else(|e| panic!("{name} on Virtuoso: {e}"));
        let concat = group_concat_columns(&query);
        let (lv, lr) = rows(&local, &concat);
        let (rv, rr) = rows(&remote, &concat);
        assert_eq!(lv, rv, "{name}: columns");
        assert!(!lr.is_empty(), "{name}: no rows on the embedded store");
        assert_eq!(lr.len(), rr.len(), "{name}: row count embedded vs Virtuoso");
        assert_eq!(lr, rr, "{name}: rows embedded vs Virtuoso");
        report.push(format!("{name}: {} = {}", lr.len(), rr.len()));
    }
    eprintln!(
        "rows per query (embedded = Virtuoso):\n  {}",
        report.join("\n  ")
    );

    // the notebook's SPARQLWrapper cells, pointed at Virtuoso's /sparql
    if let Some(py) = python_with(
        "nbclient, nbformat, pandas, matplotlib, ipykernel, SPARQLWrapper",
        "pip install -r notebooks/requirements.txt",
    ) {
        let o = Command::new(py)
            .args(["-c", crate::notebook::RUN_NOTEBOOK])
            .arg(root().join("notebooks/explore.ipynb"))
            .arg(root().join("notebooks"))
            .env("VNKG_BIN", env!("CARGO_BIN_EXE_vnkg"))
            .env("VNKG_STORE", &store)
            .env("VNKG_ENDPOINT", v.url("/sparql"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains(&v.url("/sparql")), "{}", stdout(&o));
    }
}
