//! `vnkg validate`: the graph checked against the SHACL shapes of `ontology/shapes.ttl`
//! (partnerships with two parties, evidence pointing at an existing article, French labels,
//! well-formed IRIs, confidences in [0, 1], ...). The engine is pySHACL, a complete and
//! well-tested SHACL implementation (SHACL-SPARQL constraints included), run as a child
//! process on an N-Quads dump of the store; we do not write a SHACL engine of our own.

use crate::rdf::KgStore;
use crate::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python that runs pySHACL: the one asked for, else `VNKG_PYTHON`, else the test venv
/// (`~/.cache/vnkg/venv`, which `scripts/test.sh` creates), else `python3` on the PATH.
pub fn find_python(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os("VNKG_PYTHON").map(PathBuf::from))
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/vnkg/venv/bin/python"))
                .filter(|p| p.exists())
        })
        .unwrap_or_else(|| PathBuf::from("python3"))
}

pub const SHAPES_TTL: &str = include_str!("../ontology/shapes.ttl");

/// Validates the union of all graphs and prints the results as JSON; exit 3 without pySHACL.
const RUNNER: &str = r#"
import json, sys
try:
    import pyshacl, rdflib
except ImportError as e:
    print(str(e), file=sys.stderr)
    sys.exit(3)
# pySHACL hands rdflib the same SPARQL text for every focus node and rdflib parses it every
# time (10x the whole validation); parse each text once. Any surprise: rdflib's own path.
try:
    from rdflib.plugins.sparql import processor
    _query, _cache = processor.SPARQLProcessor.query, {}
    def _cached(self, q, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(q, str):
            key = (q, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in _cache:
                _cache[key] = processor.translateQuery(processor.parseQuery(q), base, initNs)
            q = _cache[key]
        return _query(self, q, initBindings, initNs, base, DEBUG)
    processor.SPARQLProcessor.query = _cached
except Exception:
    pass
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format="nquads")
data = rdflib.Graph()
for s, p, o, _ in ds.quads((None, None, None, None)):
    data.add((s, p, o))
shapes = rdflib.Graph().parse(sys.argv[2], format="turtle")
conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                       advanced=True, allow_warnings=True)
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
def s(x):
    return None if x is None else str(x)
out, seen = [], set()
for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
    path = report.value(r, SH.resultPath)
    v = {
        "focus": s(report.value(r, SH.focusNode)),
        # a complex path (alternatives, sequences) is a blank node: say nothing rather than its id
        "path": s(path) if isinstance(path, rdflib.URIRef) else None,
        "value": s(report.value(r, SH.value)),
        "message": "; ".join(sorted(str(m) for m in report.objects(r, SH.resultMessage))),
        "shape": s(report.value(r, SH.sourceShape)),
        "severity": s(report.value(r, SH.resultSeverity)),
    }
    key = (v["focus"], v["path"], v["value"], v["message"])
    if key not in seen:  # one shape reached through two others reports twice
        seen.add(key)
        out.append(v)
out.sort(key=lambda v: (v["shape"] or "", v["focus"] or "", v["path"] or ""))
json.dump({"conforms": bool(conforms), "results": out, "version": pyshacl.__version__}, sys.stdout)
"#;

/// One SHACL result: the node that failed, the property, what is wrong.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Violation {
    pub focus: Option<String>,
    pub path: Option<String>,
    pub value: Option<String>,
    pub message: String,
    pub shape: Option<String>,
    pub severity: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct ValidationReport {
    pub conforms: bool,
    pub results: Vec<Violation>,
    /// pySHACL's version.
    pub version: String,
}

/// A scratch directory removed when dropped, so no dump is left behind on any path out.
struct Scratch(PathBuf);
impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Validates the store with `python` (which must import pyshacl).
pub fn validate(store: &KgStore, python: &Path, shapes: Option<&Path>) -> Result<ValidationReport> {
    let dir = std::env::temp_dir().join(format!(
        "vnkg-validate-{}-{}",
        std::process::id(),
        crate::text::short_hash(&[&crate::text::now_utc()])
    ));
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io {
        path: dir.clone(),
        source: e,
    })?;
    let scratch = Scratch(dir);
    let data = scratch.0.join("data.nq");
    {
        let f = std::fs::File::create(&data).map_err(|e| Error::Io {
            path: data.clone(),
            source: e,
        })?;
        let mut w = std::io::BufWriter::new(f);
        crate::export::export(store, crate::export::ExportFormat::NQuads, &mut w)?;
        std::io::Write::flush(&mut w).map_err(Error::Write)?;
    }
    let shapes_path = match shapes {
        Some(p) => p.to_path_buf(),
        None => {
            let p = scratch.0.join("shapes.ttl");
            std::fs::write(&p, SHAPES_TTL).map_err(|e| Error::Io {
                path: p.clone(),
                source: e,
            })?;
            p
        }
    };
    let out = Command::new(python)
        .arg("-c")
        .arg(RUNNER)
        .arg(&data)
        .arg(&shapes_path)
        .output()
        .map_err(|e| Error::Io {
            path: python.to_path_buf(),
            source: e,
        })?;
    match out.status.code() {
        Some(0) => serde_json::from_slice(&out.stdout).map_err(|e| Error::Data {
            path: python.to_path_buf(),
            message: format!("unreadable validation report: {e}"),
        }),
        Some(3) => Err(Error::Data {
            path: python.to_path_buf(),
            message: format!(
                "this Python cannot import pyshacl ({}); install it with `{} -m pip install pyshacl`, or point VNKG_PYTHON at a Python that has it",
                String::from_utf8_lossy(&out.stderr).trim(),
                python.display()
            ),
        }),
        _ => Err(Error::Data {
            path: shapes_path,
            message: format!(
                "SHACL validation failed: {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ),
        }),
    }
}
