//! Streaming extraction: articles in, JSON Lines or N-Quads out, in input order, without a
//! store. This is the map step of a distributed build (Spark `pipe`, GNU parallel over
//! shards): each shard's N-Quads are what `build` would have loaded for those articles.
//!
//! Articles are prepared in parallel (rayon) a chunk at a time, so memory holds at most one
//! chunk of articles and their output whatever the corpus size.

use crate::corpus::{Article, Input};
use crate::extract::Extractor;
use crate::ingest::{prepare, RunKey};
use crate::{Error, Result, Skipped};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Articles in flight at once.
const CHUNK: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// Mentions and facts with evidence, one JSON object a line.
    #[value(name = "jsonl", alias = "json")]
    JsonLines,
    /// The graph `build` loads.
    #[value(name = "nquads", alias = "nq")]
    NQuads,
    /// The article text as vnkg read it (from a web page: title, `source:`, `date:`, then the
    /// paragraphs), each article followed by a form feed line: what the offsets point into.
    #[value(name = "text")]
    Text,
}

pub struct StreamOptions {
    pub output: Output,
    pub min_confidence: f64,
    pub provenance: crate::rdf::Provenance,
    pub max_bytes: u64,
}

/// One article's output: its own bytes, then (N-Quads) each teaser graph's, by story hash, so
/// the writer can write a teaser once however many articles carry it.
struct Rendered {
    bytes: Vec<u8>,
    teasers: Vec<(String, Vec<u8>)>,
}

fn render(
    article: &Article,
    ex: &Extractor,
    opts: &StreamOptions,
    key: &RunKey,
    now: &str,
) -> std::io::Result<Rendered> {
    let mut buf = Vec::new();
    let mut teasers = Vec::new();
    match opts.output {
        Output::Text => {
            buf.extend_from_slice(article.text.as_bytes());
            buf.extend_from_slice(b"\n\x0c\n");
        }
        Output::JsonLines => {
            // facts only: the mapping to quads is half the work and JSON Lines does not need it
            let mut extraction = ex.extract(article);
            extraction.filter_confidence(opts.min_confidence);
            for line in crate::extract::json_lines(article, &extraction) {
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
            }
        }
        Output::NQuads => {
            let (_, mapped) = prepare(article, ex, key, now);
            let mut w = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads)
                .for_writer(&mut buf);
            for q in &mapped.quads {
                w.serialize_quad(q)?;
            }
            w.finish()?;
            for story in &mapped.stories {
                let mut t = Vec::new();
                let mut w =
                    oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads)
                        .for_writer(&mut t);
                for q in &story.quads {
                    w.serialize_quad(q)?;
                }
                w.finish()?;
                teasers.push((story.hash.clone(), t));
            }
        }
    }
    Ok(Rendered {
        bytes: buf,
        teasers,
    })
}

/// Writes a chunk in input order. A teaser's graph is written with the first article carrying
/// it in this process; another process (another shard) writes it again, and N-Quads being a
/// set, every loader keeps one copy.
fn write_chunk(
    results: Vec<std::result::Result<Rendered, Skipped>>,
    out: &mut dyn Write,
    failed: &mut Vec<Skipped>,
    written: &mut std::collections::HashSet<String>,
) -> Result<()> {
    for r in results {
        match r {
            Ok(r) => {
                out.write_all(&r.bytes).map_err(Error::Write)?;
                for (hash, bytes) in r.teasers {
                    if written.insert(hash) {
                        out.write_all(&bytes).map_err(Error::Write)?;
                    }
                }
            }
            Err(e) => failed.push(e),
        }
    }
    Ok(())
}

/// Extracts article files; returns the files that could not be read, with why.
pub fn extract_files(
    ex: &Extractor,
    files: &[PathBuf],
    out: &mut dyn Write,
    opts: &StreamOptions,
) -> Result<Vec<Skipped>> {
    let key = RunKey::new(ex, opts.min_confidence, opts.provenance);
    let now = crate::text::now_utc();
    let mut failed = Vec::new();
    let counts = std::sync::Arc::new(std::sync::Mutex::new(
        crate::corpus::warc::WarcCounts::default(),
    ));
    let inputs = crate::corpus::inputs(files.to_vec(), opts.max_bytes, counts);
    let render_input = |i: crate::Result<Input>| {
        let input = i.map_err(Skipped::File)?;
        let a = input.read(opts.max_bytes).map_err(|e| match e {
            Error::NoArticle { path, .. } if input.is_capture() => Skipped::NoArticle { path },
            e => Skipped::File(e),
        })?;
        render(&a, ex, opts, &key, &now).map_err(|source| Skipped::Serialize {
            path: input.path(),
            source,
        })
    };
    let mut written = std::collections::HashSet::new();
    crate::pipeline::in_order_iter(inputs, CHUNK, render_input, |results| {
        write_chunk(results, out, &mut failed, &mut written)
    })?;
    // pages of a crawl with no article are not failures
    failed.retain(|e| !matches!(e, Skipped::NoArticle { .. }));
    Ok(failed)
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: String,
    text: String,
    /// Where the text was read from, recorded as `vnkg:sourceFile` (default `ID.txt`): a
    /// corpus turned into JSON Lines then gives the quads `build` gives from its files.
    #[serde(default)]
    path: Option<String>,
}

/// Extracts articles given as JSON Lines (`{"id": "...", "text": "...", "path": "..."}`, path
/// optional), e.g. one shard of a corpus on standard input. A bad line is reported by its number and skipped.
pub fn extract_json_lines(
    ex: &Extractor,
    input: impl BufRead,
    out: &mut dyn Write,
    opts: &StreamOptions,
) -> Result<Vec<Skipped>> {
    let key = RunKey::new(ex, opts.min_confidence, opts.provenance);
    let now = crate::text::now_utc();
    let mut failed = Vec::new();
    type Batch = Vec<(usize, std::result::Result<Article, String>)>;
    let mut batch: Batch = Vec::new();
    let mut written = std::collections::HashSet::new();
    let mut flush =
        |batch: &mut Batch, out: &mut dyn Write, failed: &mut Vec<Skipped>| -> Result<()> {
            let batch = std::mem::take(batch);
            let results = crate::pipeline::prepare_chunk(&batch, &|(line, a)| {
                let reason = match a {
                    Ok(a) => match render(a, ex, opts, &key, &now) {
                        Ok(bytes) => return Ok(bytes),
                        Err(e) => e.to_string(),
                    },
                    Err(reason) => reason.clone(),
                };
                Err(Skipped::Line {
                    line: *line,
                    reason,
                })
            });
            write_chunk(results, out, failed, &mut written)
        };
    for (n, line) in input.lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                failed.push(Skipped::Line {
                    line: n + 1,
                    reason: format!("cannot read: {e}"),
                });
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let article = match serde_json::from_str::<JsonArticle>(&line) {
            Ok(j) if j.text.trim().is_empty() => Err("empty \"text\"".to_string()),
            Ok(j) if j.text.len() as u64 > opts.max_bytes => Err(format!(
                "text is {} bytes, over the {}-byte limit",
                j.text.len(),
                opts.max_bytes
            )),
            Ok(j) => {
                let mut a =
                    Article::from_text(Path::new(&format!("{}.txt", j.id)), j.text, "UTF-8");
                if let Some(p) = j.path {
                    a.path = p.into();
                }
                Ok(a)
            }
            Err(e) => Err(format!(
                "not a JSON object with \"id\" and \"text\" strings: {e}"
            )),
        };
        batch.push((n + 1, article));
        if batch.len() >= CHUNK {
            flush(&mut batch, out, &mut failed)?;
        }
    }
    flush(&mut batch, out, &mut failed)?;
    Ok(failed)
}
