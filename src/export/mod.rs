//! Exports: the standard RDF formats (through oxigraph's serializers), and a network view
//! (`analyze::projection`) written as GraphML or CSV for graph tools.

pub mod graphml;
pub mod report;

use crate::rdf::vocab::PREFIXES;
use crate::rdf::KgStore;
use crate::{Error, Result};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Graph;
use std::io::Write;
use std::path::Path;

/// The names are the CLI's `--format` values (`clap::ValueEnum`) and the server's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    #[value(name = "ttl", alias = "turtle")]
    Turtle,
    #[value(name = "nt", alias = "ntriples", alias = "n-triples")]
    NTriples,
    #[value(name = "nq", alias = "nquads", alias = "n-quads")]
    NQuads,
    #[value(name = "trig")]
    TriG,
    #[value(name = "jsonld", alias = "json-ld")]
    JsonLd,
    #[value(name = "rdfxml", alias = "rdf", alias = "xml", alias = "rdf-xml")]
    RdfXml,
    #[value(name = "graphml")]
    GraphMl,
    #[value(name = "csv", alias = "edges-csv")]
    Csv,
    #[value(name = "nodes-csv")]
    NodesCsv,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_lowercase().as_str() {
            "ttl" | "turtle" => ExportFormat::Turtle,
            "nt" | "ntriples" | "n-triples" => ExportFormat::NTriples,
            "nq" | "nquads" | "n-quads" => ExportFormat::NQuads,
            "trig" => ExportFormat::TriG,
            "jsonld" | "json-ld" => ExportFormat::JsonLd,
            "rdf" | "xml" | "rdfxml" | "rdf-xml" => ExportFormat::RdfXml,
            "graphml" => ExportFormat::GraphMl,
            "csv" | "edges-csv" => ExportFormat::Csv,
            "nodes-csv" => ExportFormat::NodesCsv,
            other => {
                return Err(Error::UnknownFormat {
                    name: other.into(),
                    expected: "ttl, nt, nq, trig, jsonld, rdfxml, graphml, csv or nodes-csv",
                })
            }
        })
    }
}

impl ExportFormat {
    fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            ExportFormat::RdfXml => RdfFormat::RdfXml,
            _ => return None,
        })
    }
}

/// What [`export`] counted, in the words a user reads ("wrote FILE (N statements)").
pub fn unit(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::GraphMl => "nodes and edges",
        ExportFormat::Csv => "edges",
        ExportFormat::NodesCsv => "entities",
        _ => "statements",
    }
}

/// Writes to a temporary file beside `path` and renames it into place: a failed export never
/// leaves a half-written file, and an existing file stays as it was.
pub fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> Result<usize>,
) -> Result<usize> {
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
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::WriteFile { path, source }
    };
    let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    let mut w = std::io::BufWriter::new(file);
    let res = f(&mut w).and_then(|n| {
        w.flush().map_err(io(path))?;
        Ok(n)
    });
    match res {
        Ok(n) => {
            std::fs::rename(&tmp, path).map_err(io(path))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The control characters XML 1.0 cannot carry, even escaped.
fn xml_forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// Drops what XML cannot carry (GraphML, RDF/XML).
pub(crate) fn xml_safe(s: &str) -> String {
    s.chars().filter(|&c| !xml_forbidden(c)).collect()
}

/// The quad as RDF/XML can carry it: literals lose the control characters XML 1.0 forbids
/// (oxigraph would write them raw, and no XML parser would read the file back).
fn xml_safe_quad(q: oxigraph::model::Quad) -> oxigraph::model::Quad {
    use oxigraph::model::{Literal, Term};
    let Term::Literal(l) = &q.object else {
        return q;
    };
    if !l.value().chars().any(xml_forbidden) {
        return q;
    }
    let v = xml_safe(l.value());
    let lit = if let Some(lang) = l.language() {
        Literal::new_language_tagged_literal_unchecked(v, lang)
    } else {
        Literal::new_typed_literal(v, l.datatype())
    };
    oxigraph::model::Quad::new(q.subject, q.predicate, lit, q.graph_name)
}

/// Writes the store. Dataset formats (N-Quads, TriG) keep the named graphs; triple formats
/// get the union of all graphs, without duplicates.
pub fn export(store: &KgStore, format: ExportFormat, w: &mut dyn Write) -> Result<usize> {
    let werr = Error::Write;
    match format {
        ExportFormat::GraphMl => {
            let net = crate::analyze::projection::Network::from_store(store)?;
            graphml::write(&net, w)?;
            Ok(net.nodes.len() + net.edges.len())
        }
        ExportFormat::NodesCsv => {
            let net = crate::analyze::projection::Network::from_store(store)?;
            net.write_nodes_csv(w)?;
            Ok(net.nodes.len())
        }
        ExportFormat::Csv => {
            let net = crate::analyze::projection::Network::from_store(store)?;
            net.write_csv(w)?;
            Ok(net.edges.len())
        }
        f => {
            let rf = f.rdf().ok_or_else(|| Error::UnknownFormat {
                name: format!("{f:?}"),
                expected: "an RDF format",
            })?;
            let mut ser = RdfSerializer::from_format(rf);
            if !matches!(rf, RdfFormat::NTriples | RdfFormat::NQuads) {
                for (p, iri) in PREFIXES.iter().filter(|(p, _)| *p != "id") {
                    ser = ser
                        .with_prefix(*p, *iri)
                        .map_err(|e| Error::Write(std::io::Error::other(e)))?;
                }
            }
            let mut ser = ser.for_writer(w);
            let mut n = 0;
            // JSON-LD is written as one graph: what notebooks and most JSON-LD tools expect.
            if rf.supports_datasets() && !matches!(rf, RdfFormat::JsonLd { .. }) {
                for q in store.store.iter() {
                    ser.serialize_quad(&q?).map_err(werr)?;
                    n += 1;
                }
            } else {
                let mut g = Graph::new();
                for q in store.store.iter() {
                    let q = if matches!(rf, RdfFormat::RdfXml) {
                        xml_safe_quad(q?)
                    } else {
                        q?
                    };
                    g.insert(oxigraph::model::TripleRef::new(
                        &q.subject,
                        &q.predicate,
                        &q.object,
                    ));
                }
                for t in g.iter() {
                    ser.serialize_triple(t).map_err(werr)?;
                    n += 1;
                }
            }
            ser.finish().map_err(werr)?;
            Ok(n)
        }
    }
}
