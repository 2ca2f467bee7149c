//! `vnkg load`: N-Quads shards (the output of `vnkg extract --format nquads` as a map step, on
//! Spark or GNU parallel) bulk-loaded into a store, which then gets its reference graphs, views
//! and analytics as after a build: any map step's output becomes a query-ready store.
//!
//! Only article and story graphs are taken: the reference, views and analytics graphs are the
//! store's own, written here, and a quad elsewhere means the shard is not what vnkg extracted.

use crate::rdf::vocab::GRAPH;
use crate::rdf::KgStore;
use crate::{Error, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Lines parsed per parallel chunk.
const CHUNK: usize = 20_000;

pub struct LoadOptions {
    /// Memory budget of the bulk loader (MB), as for `build`.
    pub memory_mb: usize,
    /// Merge the loader's sorted runs when there is more than one (as `build` does).
    pub compact: bool,
}

#[derive(Default, Debug)]
pub struct LoadReport {
    pub shards: usize,
    /// Quad lines read (a teaser's graph comes once per article carrying it).
    pub lines: usize,
    pub articles: usize,
    pub stories: usize,
    /// Graphs of the shards the store already held: their old quads were dropped first.
    pub replaced: usize,
    /// Teaser graphs no article carries any more, dropped (a replaced article lost its teaser).
    pub removed_stories: usize,
    pub view_quads: usize,
    pub bulk_runs: usize,
    pub compact_secs: Option<f64>,
    pub secs: f64,
}

/// The shard files: files as given (any name: Spark writes `part-00000`), directories walked
/// for `.nq`, `.nq.gz` and Spark's `part-*` files, sorted.
pub fn list_shards(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            if found.is_empty() {
                return Err(Error::NoShards { path: p.clone() });
            }
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(Error::Io {
                path: p.clone(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.into(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let p = entry.map_err(io)?.path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if p.is_dir() {
            walk(&p, out)?;
        } else if name.ends_with(".nq")
            || name.ends_with(".nq.gz")
            || (name.starts_with("part-") && !name.ends_with(".crc"))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// A shard's lines, gunzipped when the file starts with gzip's magic bytes (whatever its name:
/// Spark's codecs name parts `part-00000.gz`).
fn lines(path: &Path) -> Result<Box<dyn Iterator<Item = std::io::Result<String>> + Send>> {
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let mut file = BufReader::new(std::fs::File::open(path).map_err(io)?);
    let gzip = file.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::new(
            libflate::gzip::MultiDecoder::new(file).map_err(io)?,
        ))
    } else {
        Box::new(file)
    };
    Ok(Box::new(reader.lines()))
}

/// One line: a quad in an article or story graph, nothing (blank or comment), or the error
/// naming file and line.
fn parse_line(path: &Path, line: usize, text: std::io::Result<String>) -> Result<Option<Quad>> {
    let text = text.map_err(|source| Error::Io {
        path: path.into(),
        source,
    })?;
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let mut quads = RdfParser::from_format(RdfFormat::NQuads).for_slice(trimmed.as_bytes());
    let quad = match quads.next() {
        Some(Ok(q)) => q,
        Some(Err(e)) => {
            // the parser saw one line: its own "at line 1 column C" prefix goes, C is kept
            let full = e.to_string();
            let message = full.split_once(": ").map_or(full.as_str(), |(_, m)| m);
            return Err(Error::ShardSyntax {
                path: path.into(),
                line,
                column: e.location().map_or(0, |l| l.start.column + 1),
                message: message.to_string(),
            });
        }
        None => return Ok(None),
    };
    let graph_ok = match &quad.graph_name {
        GraphName::NamedNode(n) => is_shard_graph(n),
        _ => false,
    };
    if !graph_ok {
        return Err(Error::ShardGraph {
            path: path.into(),
            line,
            graph: match &quad.graph_name {
                GraphName::DefaultGraph => "the default graph".into(),
                g => format!("graph {g}"),
            },
        });
    }
    Ok(Some(quad))
}

/// An article's or a teaser story's graph: what `vnkg extract --format nquads` writes.
fn is_shard_graph(n: &NamedNode) -> bool {
    n.as_str()
        .strip_prefix(GRAPH)
        .is_some_and(|l| l.starts_with("article/") || l.starts_with("story/"))
}

/// Reads every shard in order, handing each chunk of quads to `sink`; returns the graphs seen.
fn read_shards(
    shards: &[PathBuf],
    report: &mut LoadReport,
    mut sink: impl FnMut(Vec<Quad>) -> Result<()>,
) -> Result<BTreeSet<NamedNode>> {
    let mut graphs = BTreeSet::new();
    for path in shards {
        let numbered = lines(path)?.enumerate().map(|(i, l)| (i + 1, l));
        crate::pipeline::in_order_iter(
            numbered,
            CHUNK,
            |(n, l)| parse_line(path, n, l),
            |parsed| -> Result<()> {
                let mut quads = Vec::with_capacity(parsed.len());
                for q in parsed {
                    if let Some(q) = q? {
                        if let GraphName::NamedNode(g) = &q.graph_name {
                            if !graphs.contains(g) {
                                graphs.insert(g.clone());
                            }
                        }
                        quads.push(q);
                    }
                }
                report.lines += quads.len();
                sink(quads)
            },
        )?;
    }
    Ok(graphs)
}

/// Loads the shards: every graph they hold replaces the same graph in the store (loading the
/// same shards twice gives the same store); graphs not in the shards are left alone. Then the
/// reference graphs (ontology, gazetteer, model version), views and orphan teasers are seen to.
///
/// A shard that does not parse, or holds a quad outside article and story graphs, is reported
/// with its file and line and leaves the store as it was: on disk nothing the loader wrote is
/// visible before its commit, which comes after every shard was read and the replaced graphs
/// dropped; in memory (whose loader commits each batch) the shards are read twice, checked
/// before anything is written.
pub fn load(
    store: &KgStore,
    gazetteer: &crate::extract::Gazetteer,
    shards: &[PathBuf],
    opts: &LoadOptions,
) -> Result<LoadReport> {
    let t = std::time::Instant::now();
    let mut report = LoadReport {
        shards: shards.len(),
        ..LoadReport::default()
    };
    let in_memory = store.path.is_none();
    if in_memory {
        let graphs = read_shards(shards, &mut report, |_| Ok(()))?;
        remove_present(store, &graphs, &mut report)?;
        report.lines = 0;
    }
    let mut writer = store.bulk_writer(opts.memory_mb);
    let graphs = read_shards(shards, &mut report, |quads| writer.load(quads))?;
    if !in_memory {
        remove_present(store, &graphs, &mut report)?;
    }
    writer.commit()?;
    report.bulk_runs = writer.runs();
    report.articles = graphs
        .iter()
        .filter(|g| g.as_str()[GRAPH.len()..].starts_with("article/"))
        .count();
    report.stories = graphs.len() - report.articles;
    store.load_reference(gazetteer)?;
    report.removed_stories = store.remove_orphan_stories()?;
    report.view_quads = crate::rdf::views::refresh(store)?;
    if opts.compact && report.bulk_runs > 1 {
        let t = std::time::Instant::now();
        store.compact()?;
        report.compact_secs = Some(t.elapsed().as_secs_f64());
    }
    store.flush()?;
    report.secs = t.elapsed().as_secs_f64();
    Ok(report)
}

/// Drops the graphs of `graphs` the store already holds, so the load replaces them.
fn remove_present(
    store: &KgStore,
    graphs: &BTreeSet<NamedNode>,
    report: &mut LoadReport,
) -> Result<()> {
    for g in graphs {
        let g = GraphName::NamedNode(g.clone());
        if store.contains_graph(&g)? {
            store.remove_graph(&g)?;
            report.replaced += 1;
        }
    }
    Ok(())
}
