//! Writing SPARQL results: a readable table for people, the W3C formats for programs.

use crate::{Error, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;

/// An IRI shortened with the known prefixes, a literal by its value.
pub fn term_value(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        _ => t.to_string(),
    }
}

fn short(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            for (p, iri) in super::vocab::PREFIXES {
                if let Some(rest) = n.as_str().strip_prefix(iri) {
                    return format!("{p}:{rest}");
                }
            }
            format!("<{}>", n.as_str())
        }
        other => term_value(other),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

impl std::str::FromStr for ResultFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "table" => ResultFormat::Table,
            "csv" => ResultFormat::Csv,
            "tsv" => ResultFormat::Tsv,
            "json" => ResultFormat::Json,
            "xml" => ResultFormat::Xml,
            other => {
                return Err(Error::UnknownFormat {
                    name: other.into(),
                    expected: "table, csv, tsv, json or xml",
                })
            }
        })
    }
}

/// Writes results; returns the number of rows (or triples) written.
pub fn write_results(
    results: QueryResults,
    format: ResultFormat,
    mut w: impl Write,
) -> Result<usize> {
    let werr = Error::Write;
    let eval = Error::from_evaluation;
    let rf = match format {
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        ResultFormat::Table => None,
    };
    match results {
        QueryResults::Boolean(b) => {
            match rf {
                Some(f) => {
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut w, b)
                        .map_err(werr)?;
                }
                None => writeln!(w, "{b}").map_err(werr)?,
            }
            Ok(1)
        }
        QueryResults::Solutions(sol) => {
            let vars = sol.variables().to_vec();
            let mut n = 0;
            match rf {
                Some(f) => {
                    let mut ser = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut w, vars.clone())
                        .map_err(werr)?;
                    for s in sol {
                        let s = s.map_err(eval)?;
                        ser.serialize(&s).map_err(werr)?;
                        n += 1;
                    }
                    ser.finish().map_err(werr)?;
                }
                None => {
                    let mut table = comfy_table::Table::new();
                    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
                    table.set_header(vars.iter().map(|v| v.as_str().to_string()));
                    for s in sol {
                        let s = s.map_err(eval)?;
                        table.add_row(vars.iter().map(|v| s.get(v).map(short).unwrap_or_default()));
                        n += 1;
                    }
                    writeln!(w, "{table}").map_err(werr)?;
                    writeln!(w, "{n} row(s)").map_err(werr)?;
                }
            }
            Ok(n)
        }
        QueryResults::Graph(triples) => {
            let fmt = if format == ResultFormat::Table {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            };
            let mut ser = RdfSerializer::from_format(fmt);
            for (p, iri) in super::vocab::PREFIXES.iter().filter(|(p, _)| *p != "id") {
                ser = ser
                    .with_prefix(*p, *iri)
                    .map_err(|e| Error::Write(std::io::Error::other(e)))?;
            }
            let mut ser = ser.for_writer(&mut w);
            let mut n = 0;
            for t in triples {
                let t = t.map_err(eval)?;
                ser.serialize_triple(&t).map_err(werr)?;
                n += 1;
            }
            ser.finish().map_err(werr)?;
            Ok(n)
        }
    }
}
