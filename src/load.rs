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

/// Lines parsed as one slice, a chunk per core at a time.
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
    /// Seconds spent recounting the views from the store and writing them.
    pub views_secs: f64,
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

/// A run of a shard's lines, parsed as one slice (a parser per line cost most of the load).
struct Chunk {
    /// The number of its first line in the shard, from 1.
    first_line: usize,
    bytes: Vec<u8>,
}

/// A shard read `CHUNK` lines at a time, gunzipped when the file starts with gzip's magic bytes
/// (whatever its name: Spark's codecs name parts `part-00000.gz`).
fn chunks(path: &Path) -> Result<impl Iterator<Item = Result<Chunk>> + Send> {
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let mut file = BufReader::new(std::fs::File::open(path).map_err(io)?);
    let gzip = file.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    let mut reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::new(
            libflate::gzip::MultiDecoder::new(file).map_err(io)?,
        ))
    } else {
        Box::new(file)
    };
    let path = path.to_path_buf();
    let mut next_line = 1;
    let mut done = false;
    Ok(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut chunk = Chunk {
            first_line: next_line,
            bytes: Vec::new(),
        };
        for _ in 0..CHUNK {
            match reader.read_until(b'\n', &mut chunk.bytes) {
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(_) => next_line += 1,
                Err(source) => {
                    done = true;
                    return Some(Err(Error::Io {
                        path: path.clone(),
                        source,
                    }));
                }
            }
        }
        (!chunk.bytes.is_empty()).then_some(Ok(chunk))
    }))
}

/// A chunk's quads, all in article or story graphs, or the error naming file and line.
fn parse_chunk(path: &Path, chunk: &Chunk) -> Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(&chunk.bytes) {
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                let start = e.location().map(|l| l.start);
                // the parser's own "at line L column C" prefix goes: line and column are ours
                let full = e.to_string();
                let message = full.split_once(": ").map_or(full.as_str(), |(_, m)| m);
                return Err(Error::ShardSyntax {
                    path: path.into(),
                    line: chunk.first_line + start.map_or(0, |p| p.line as usize),
                    column: start.map_or(0, |p| p.column + 1),
                    message: message.to_string(),
                });
            }
        };
        let graph_ok = match &q.graph_name {
            GraphName::NamedNode(n) => is_shard_graph(n),
            _ => false,
        };
        if !graph_ok {
            return Err(Error::ShardGraph {
                path: path.into(),
                line: chunk.first_line + quad_line(&chunk.bytes, quads.len()),
                graph: match &q.graph_name {
                    GraphName::DefaultGraph => "the default graph".into(),
                    g => format!("graph {g}"),
                },
            });
        }
        quads.push(q);
    }
    Ok(quads)
}

/// The line (from 0) of the `n`th quad of a chunk (from 0): N-Quads has one quad a line, and
/// blank lines and comments between them.
fn quad_line(bytes: &[u8], n: usize) -> usize {
    let mut seen = 0;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        if seen == n {
            return i;
        }
        seen += 1;
    }
    0
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
        // two chunks a core in flight at once
        let per_round = rayon::current_num_threads().max(1) * 2;
        crate::pipeline::in_order_iter(
            chunks(path)?,
            per_round,
            |c| c.and_then(|c| parse_chunk(path, &c)),
            |parsed| -> Result<()> {
                for quads in parsed {
                    let quads = quads?;
                    let mut last: Option<&NamedNode> = None;
                    for q in &quads {
                        if let GraphName::NamedNode(g) = &q.graph_name {
                            // a graph's quads come together: one lookup per graph, not per quad
                            if last != Some(g) && !graphs.contains(g) {
                                graphs.insert(g.clone());
                            }
                            last = Some(g);
                        }
                    }
                    report.lines += quads.len();
                    sink(quads)?;
                }
                Ok(())
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
    let views = std::time::Instant::now();
    report.view_quads = crate::rdf::views::refresh(store)?;
    report.views_secs = views.elapsed().as_secs_f64();
    // the same policy as a build's, so the store's count of pending runs stays right
    report.compact_secs = crate::ingest::merge_runs(store, true, opts.compact, report.bulk_runs)?.0;
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
