//! The build: read → extract → map → load, one article at a time, each article's graph
//! replaced in one transaction so a failure leaves the store as it was for that article.

use crate::corpus::{list_article_files, Article, Input};
use crate::extract::Extractor;
use crate::rdf::{map_article, KgStore};
use crate::{Error, Result};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The memory budget (MB) a build and an ingest get unless told otherwise: the setting the
/// 10^5-article benchmark ran with (2.0 GB peak RSS with data model 3, 2.6 GB with model 1).
/// Oxigraph's own batch (`0`) holds twice the quads per run: at 10^4 articles (model 1)
/// 2.5-2.8 GB peak instead of 2.1, in the same 50-60 s.
pub const DEFAULT_MEMORY_MB: usize = 2048;

/// Unmerged sorted runs an ingest tolerates before it merges them. Each bulk-loaded batch is a
/// run every range scan must read: at 10^5 articles, 128 runs made the library's queries
/// 10-100x slower (benches/RESULTS.md); a few runs cost a few scans.
pub const MERGE_AT_PENDING_RUNS: usize = 8;

pub struct IngestOptions {
    pub max_bytes: u64,
    pub min_confidence: f64,
    /// How much provenance mentions leave in the store.
    pub provenance: crate::rdf::Provenance,
    /// Remove graphs of articles not in this run (what `build` does).
    pub prune: bool,
    pub progress: bool,
    /// Rough memory budget for the bulk loader and the articles in flight (MB); 0 = Oxigraph's
    /// default batch (a million quads) and 256 articles per chunk.
    pub memory_mb: usize,
    /// Merge the store's sorted runs after a bulk load of more than one batch, so queries
    /// read one run per index (a build does; `--no-compact` leaves it to RocksDB's background
    /// compaction, which only runs while a process such as `vnkg serve` holds the store).
    pub compact: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: crate::corpus::DEFAULT_MAX_BYTES,
            min_confidence: 0.0,
            provenance: crate::rdf::Provenance::Compact,
            prune: false,
            progress: false,
            memory_mb: DEFAULT_MEMORY_MB,
            compact: true,
        }
    }
}

#[derive(Default, Debug)]
pub struct IngestReport {
    pub articles: usize,
    pub stories: usize,
    pub distinct_stories: usize,
    pub mentions: usize,
    pub facts: usize,
    pub quads: usize,
    pub provenance_quads: usize,
    pub evidence_nodes: usize,
    pub failed: Vec<crate::Skipped>,
    /// Articles whose text, extractor and gazetteer did not change: left as they were.
    pub unchanged: usize,
    pub removed: usize,
    /// Graphs of teaser stories dropped because no article carries them any more.
    pub removed_stories: usize,
    /// Articles written with the bulk loader (new graphs) rather than one transaction each.
    pub bulk_loaded: usize,
    /// Quads written to the views graph, and whether they were tallied from this run's
    /// articles (a complete build) or by reading every article graph back from the store.
    pub view_quads: usize,
    pub views_from_store: bool,
    /// Seconds spent counting (from the store only) and writing the views.
    pub views_secs: f64,
    /// Sorted runs the bulk loader wrote, and the seconds spent merging them (None: not merged).
    pub bulk_runs: usize,
    pub compact_secs: Option<f64>,
    /// Sorted runs left unmerged in the store after this run (this run's and earlier ones').
    pub pending_runs: usize,
    /// Web archives: records read, and those skipped for not being HTML pages (requests,
    /// metadata, images, robots.txt, redirects).
    pub warc: crate::corpus::warc::WarcCounts,
    /// Pages of a crawl with no article body (index pages, section fronts): skipped.
    pub pages_without_article: usize,
    /// Pages crawled more than once in this run: the same text again (left as one article),
    /// or a changed text (the later capture replaced the earlier).
    pub recaptured: usize,
    pub replaced_by_later_capture: usize,
}

impl IngestReport {
    /// What the web archives held, for the summary; None when the run read none.
    pub fn web_line(&self) -> Option<String> {
        let w = &self.warc;
        (w.records > 0 || self.pages_without_article > 0).then(|| {
            let mut line = format!(
                "{} WARC record(s): {} HTML page(s), {} other record(s) skipped (requests, metadata, images, redirects); {} page(s) without an article skipped (index pages)",
                w.records, w.pages, w.other, self.pages_without_article
            );
            if self.recaptured > 0 {
                line.push_str(&format!(
                    "; {} page(s) crawled again ({} with changed text, the later kept)",
                    self.recaptured, self.replaced_by_later_capture
                ));
            }
            line
        })
    }
}

/// One article read, extracted and mapped (the parallel part of the build).
struct Prepared {
    path: PathBuf,
    /// A page of a web archive (the same URL twice is the same page crawled again).
    capture: bool,
    id: String,
    content_hash: String,
    story_hashes: Vec<String>,
    mentions: usize,
    facts: usize,
    mapped: crate::rdf::MappedArticle,
}

/// What an article's quads depend on besides its text: the extractor's settings, its gazetteer
/// and how much provenance is kept. The key is recorded on each article, which is rewritten
/// only when its text or this key changed.
#[derive(Clone, Debug)]
pub struct RunKey {
    pub key: String,
    pub min_confidence: f64,
    pub provenance: crate::rdf::Provenance,
}

impl RunKey {
    pub fn new(
        extractor: &Extractor,
        min_confidence: f64,
        provenance: crate::rdf::Provenance,
    ) -> RunKey {
        let mut key = run_key(extractor, min_confidence);
        if provenance == crate::rdf::Provenance::Full {
            key.push_str(" provenance=full");
        }
        RunKey {
            key,
            min_confidence,
            provenance,
        }
    }
}

/// The extractor's settings and gazetteer (see [`RunKey`]).
pub fn run_key(extractor: &Extractor, min_confidence: f64) -> String {
    let gazetteer_hash: Vec<&str> = extractor
        .gazetteer
        .sources
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    format!(
        "{} min-confidence={} gazetteer={}",
        crate::EXTRACTOR_VERSION,
        min_confidence,
        crate::text::short_hash(&gazetteer_hash)
    )
}

/// Read → extract → map one article: the code path `build`, `ingest` and `extract` share.
pub fn prepare(
    article: &Article,
    extractor: &Extractor,
    run: &RunKey,
    now: &str,
) -> (crate::extract::Extraction, crate::rdf::MappedArticle) {
    let mut ex = extractor.extract(article);
    ex.filter_confidence(run.min_confidence);
    let mapped = map_article(article, &ex, &run.key, now, run.provenance);
    (ex, mapped)
}

/// One input read and prepared; one that cannot be read is reported with its path. A page of
/// a crawl with no article is `Skipped::NoArticle`: counted, not a failure.
fn read_and_prepare(
    input: &Input,
    extractor: &Extractor,
    opts: &IngestOptions,
    run_key: &RunKey,
    now: &str,
) -> std::result::Result<
    (
        Article,
        crate::extract::Extraction,
        crate::rdf::MappedArticle,
    ),
    crate::Skipped,
> {
    let article = input.read(opts.max_bytes).map_err(|e| match e {
        Error::NoArticle { path, .. } if input.is_capture() => crate::Skipped::NoArticle { path },
        e => crate::Skipped::File(e),
    })?;
    let (ex, mapped) = prepare(&article, extractor, run_key, now);
    Ok((article, ex, mapped))
}

pub fn ingest(
    store: &KgStore,
    extractor: &Extractor,
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Result<IngestReport> {
    let files = list_article_files(paths)?;
    if files.is_empty() {
        return Err(Error::NoArticles {
            path: paths.first().cloned().unwrap_or_default(),
        });
    }
    store.load_reference(&extractor.gazetteer)?;
    // A store with no article yet will hold only what this run writes (see `finish`).
    let fresh = !store.holds_articles()?;
    // a web archive's pages are counted as they come
    let bar = if files.iter().any(|f| crate::corpus::is_warc_path(f)) {
        progress_bar(0, opts.progress)
    } else {
        progress_bar(files.len(), opts.progress)
    };
    let run_key = RunKey::new(extractor, opts.min_confidence, opts.provenance);
    let now = crate::text::now_utc();
    let mut run = Run::default();
    // Articles are prepared in parallel a chunk at a time (bounded memory), then written in
    // file order: new graphs through one bulk loader committed at the end (they land together
    // or not at all), changed ones in a transaction each.
    // up to three chunks are in memory: one written, one queued, one being prepared
    let chunk = if opts.memory_mb > 0 {
        (opts.memory_mb / 4).clamp(16, 1024)
    } else {
        256
    };
    let mut writer = store.bulk_writer(opts.memory_mb);
    // Extraction of the next chunk overlaps the writing of this one (`pipeline::in_order`).
    let counts = std::sync::Arc::new(std::sync::Mutex::new(
        crate::corpus::warc::WarcCounts::default(),
    ));
    let inputs = crate::corpus::inputs(files, opts.max_bytes, counts.clone());
    let prepare = |i: Result<Input>| -> std::result::Result<Prepared, crate::Skipped> {
        let input = i.map_err(crate::Skipped::File)?;
        let (article, ex, mapped) = read_and_prepare(&input, extractor, opts, &run_key, &now)?;
        Ok(Prepared {
            path: input.path(),
            capture: input.is_capture(),
            id: article.id.clone(),
            content_hash: article.content_hash.clone(),
            story_hashes: article.stories.iter().map(|s| s.hash.clone()).collect(),
            mentions: ex.mentions.len(),
            facts: ex.facts.len(),
            mapped,
        })
    };
    crate::pipeline::in_order_iter(inputs, chunk, prepare, |prepared| -> Result<()> {
        for p in prepared {
            bar.inc(1);
            match p {
                Ok(p) => run.take(store, p, &run_key.key, &mut writer)?,
                Err(crate::Skipped::NoArticle { .. }) => run.report.pages_without_article += 1,
                Err(e) => run.report.failed.push(e),
            }
        }
        Ok(())
    })?;
    writer.commit()?;
    bar.finish_and_clear();
    // a page crawled again with other text: the later capture replaces the earlier
    for p in std::mem::take(&mut run.later_captures) {
        store.replace_graphs(p.mapped.graphs())?;
        run.report.replaced_by_later_capture += 1;
    }
    let Run {
        mut report,
        stories,
        kept,
        tally,
        recount,
        ..
    } = run;
    if let Ok(c) = counts.lock() {
        report.warc = c.clone();
    }
    report.bulk_runs = writer.runs();
    report.distinct_stories = stories.len();
    finish(store, opts, &kept, tally, recount, fresh, &mut report)?;
    Ok(report)
}

/// A progress bar over `n` articles, hidden when not wanted (not a terminal, or quiet).
fn progress_bar(n: usize, show: bool) -> indicatif::ProgressBar {
    let bar = if show {
        indicatif::ProgressBar::new(n as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} articles {per_sec} eta {eta} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// What an ingest has seen so far: the report, the article ids and graphs kept, the distinct
/// stories, the views' tally.
#[derive(Default)]
struct Run {
    report: IngestReport,
    ids: std::collections::BTreeMap<String, PathBuf>,
    kept: BTreeSet<String>,
    stories: BTreeSet<String>,
    /// Teaser stories whose graph this run has tallied (and written, or found in the store).
    story_graphs: BTreeSet<String>,
    tally: crate::rdf::views::Tally,
    /// Content hash of each article id taken, to tell a page crawled again from a new one.
    hashes: std::collections::BTreeMap<String, String>,
    /// Later captures of a page with changed text, written after the bulk load.
    later_captures: Vec<Prepared>,
    /// The tally no longer matches what the store holds (a later capture replaced a page).
    recount: bool,
}

impl Run {
    /// One prepared article, in file order: counted, then left alone (unchanged), queued for
    /// the bulk loader (new) or replaced in a transaction (changed).
    fn take(
        &mut self,
        store: &KgStore,
        p: Prepared,
        run_key: &str,
        bulk: &mut crate::rdf::store::BulkWriter,
    ) -> Result<()> {
        let report = &mut self.report;
        if p.capture && self.ids.contains_key(&p.id) {
            report.recaptured += 1;
            if self.hashes.get(&p.id) != Some(&p.content_hash) {
                self.hashes.insert(p.id.clone(), p.content_hash.clone());
                self.recount = true;
                self.later_captures.push(p);
            }
            return Ok(());
        }
        self.hashes.insert(p.id.clone(), p.content_hash.clone());
        if let Some(other) = self.ids.insert(p.id.clone(), p.path.clone()) {
            report.failed.push(crate::Skipped::DuplicateId {
                path: p.path.clone(),
                id: p.id.clone(),
                other,
            });
            return Ok(());
        }
        let g = crate::rdf::article_graph(&p.id);
        let mut mapped = p.mapped;
        // a teaser carried by several articles: its graph once
        let stories: Vec<_> = std::mem::take(&mut mapped.stories)
            .into_iter()
            .filter(|s| self.story_graphs.insert(s.hash.clone()))
            .collect();
        self.tally.add(&mapped.quads);
        for s in &stories {
            self.tally.add(&s.quads);
            report.quads += s.quads.len();
        }
        self.kept.insert(mapped.graph.to_string());
        report.articles += 1;
        report.stories += p.story_hashes.len();
        self.stories.extend(p.story_hashes);
        report.mentions += p.mentions;
        report.facts += p.facts;
        report.quads += mapped.quads.len();
        report.provenance_quads += mapped.provenance_quads;
        report.evidence_nodes += mapped.evidence_nodes;
        if unchanged(store, &p.id, &g, &p.content_hash, run_key) {
            report.unchanged += 1;
            // its stories were written with it; one missing is written again
            for s in stories {
                if !store.contains_graph(&s.graph)? {
                    bulk.load(s.quads)?;
                }
            }
        } else if !store.contains_graph(&g)? {
            // moved, not cloned: at 10^5 articles that is 66 M quads
            bulk.load(mapped.quads)?;
            report.bulk_loaded += 1;
            for s in stories {
                if store.contains_graph(&s.graph)? {
                    store.replace_graph(&s.graph, &s.quads)?;
                } else {
                    bulk.load(s.quads)?;
                }
            }
        } else {
            mapped.stories = stories;
            store.replace_graphs(mapped.graphs())?;
        }
        Ok(())
    }
}

/// After the articles: prune graphs of articles gone, write the views, merge the loader's runs
/// and flush.
fn finish(
    store: &KgStore,
    opts: &IngestOptions,
    kept: &BTreeSet<String>,
    mut tally: crate::rdf::views::Tally,
    recount: bool,
    fresh: bool,
    report: &mut IngestReport,
) -> Result<()> {
    // Into a store that held no article, this run wrote every article and teaser graph there
    // is, each teaser with its carrier: nothing to prune, no orphan, and no need to list
    // 2 x 10^5 graphs to find that out (17 s of one core at 10^5, beside RocksDB's merge).
    // Unless a later capture of a page replaced the earlier one, whose teasers may have gone
    // with it.
    let only_this_run = fresh && !recount;
    if opts.prune && report.failed.is_empty() && !only_this_run {
        for g in store.article_graphs()? {
            if !kept.contains(&g.to_string()) {
                store.remove_graph(&g)?;
                report.removed += 1;
            }
        }
    }
    // a teaser no article carries any more (its articles removed or rewritten without it)
    if !only_this_run {
        report.removed_stories = store.remove_orphan_stories()?;
    }
    // A build that read every article the store keeps has tallied them all; otherwise (an
    // ingest, or a build that skipped failed files and so did not prune) count from the store.
    let complete = opts.prune && report.failed.is_empty() && !recount;
    let t = std::time::Instant::now();
    report.view_quads = if complete {
        crate::rdf::views::add_reference(&mut tally, store)?;
        crate::rdf::views::write(store, &tally)?
    } else {
        drop(tally);
        report.views_from_store = true;
        crate::rdf::views::refresh(store)?
    };
    report.views_secs = t.elapsed().as_secs_f64();
    let (compact_secs, pending) = merge_runs(store, opts.prune, opts.compact, report.bulk_runs)?;
    report.compact_secs = compact_secs;
    report.pending_runs = pending;
    // The last transactional writes (reference graphs, views) go from the write-ahead log to
    // a table file now: otherwise the next process to open the store writes them out and
    // compacts, deleting files that a read-only opener beside it (`vnkg query` next to
    // `vnkg serve`) may be about to read. With unmerged runs this flush would wait for RocksDB
    // to relieve its write stall, so `--no-compact` leaves the log as it is.
    if report.compact_secs.is_some() || report.bulk_runs <= 1 {
        store.flush()?;
    }
    Ok(())
}

/// The merge policy after a bulk load of `runs` sorted runs. A build (and `vnkg load`)
/// promises a query-ready store, so it merges whatever it loaded in more than one run; an
/// ingest merges only once enough runs are pending in the store (each of this run's and earlier
/// ingests'): a merge rewrites every index, and a small ingest into a large store should not
/// pay for it each time. Returns the seconds merging (None: not merged) and the runs left
/// pending, which the store records.
pub fn merge_runs(
    store: &KgStore,
    query_ready: bool,
    compact: bool,
    runs: usize,
) -> Result<(Option<f64>, usize)> {
    let before = store.pending_runs()?;
    let pending = before + runs;
    let merge = (query_ready && runs > 1) || pending >= MERGE_AT_PENDING_RUNS;
    let mut secs = None;
    if compact && merge {
        let t = std::time::Instant::now();
        store.compact()?;
        secs = Some(t.elapsed().as_secs_f64());
    }
    let left = if secs.is_some() { 0 } else { pending };
    if left != before {
        store.set_pending_runs(left)?;
    }
    Ok((secs, left))
}

/// Whether the store holds this article from the same text, extractor and gazetteer.
fn unchanged(
    store: &KgStore,
    id: &str,
    g: &oxigraph::model::GraphName,
    content_hash: &str,
    run_key: &str,
) -> bool {
    let article_node = crate::rdf::mapping::article_iri(id);
    let same = |prop: &str, v: &str| {
        let lit = oxigraph::model::Literal::new_simple_literal(v);
        let pred = crate::rdf::vocab::vnkg(prop);
        store
            .store
            .contains(oxigraph::model::QuadRef::new(&article_node, &pred, &lit, g))
            .unwrap_or(false)
    };
    same("contentHash", content_hash) && same("extractorVersion", run_key)
}

/// `ingest --server`: articles extracted here and sent to a running `vnkg serve --allow-update`
/// (or any SPARQL 1.1 Update endpoint), one update per article (DROP + INSERT DATA: the server
/// applies it in one transaction, so each article lands whole or not at all while the server
/// keeps answering queries). Bad files are reported in `failed`, the others still go.
pub fn ingest_remote(
    extractor: &Extractor,
    paths: &[PathBuf],
    opts: &IngestOptions,
    target: &crate::push::PushOptions,
) -> Result<IngestReport> {
    use oxigraph::io::{RdfFormat, RdfSerializer};
    let files = list_article_files(paths)?;
    if files.is_empty() {
        return Err(Error::NoArticles {
            path: paths.first().cloned().unwrap_or_default(),
        });
    }
    let run_key = RunKey::new(extractor, opts.min_confidence, opts.provenance);
    let now = crate::text::now_utc();
    let mut sender = crate::push::Sender::new();
    let mut report = IngestReport::default();
    let counts = std::sync::Arc::new(std::sync::Mutex::new(
        crate::corpus::warc::WarcCounts::default(),
    ));
    let inputs = crate::corpus::inputs(files, opts.max_bytes, counts.clone());
    let prepare = |i: Result<Input>| {
        let input = i.map_err(crate::Skipped::File)?;
        let (_, ex, mapped) = read_and_prepare(&input, extractor, opts, &run_key, &now)?;
        let serialize = |source| crate::Skipped::Serialize {
            path: input.path(),
            source,
        };
        // each graph as N-Triples: the article's, then its teaser stories'
        let mut graphs = Vec::new();
        for (g, quads) in mapped.graphs() {
            let oxigraph::model::GraphName::NamedNode(n) = g else {
                continue;
            };
            let mut nt = Vec::new();
            let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut nt);
            for q in quads {
                w.serialize_triple(oxigraph::model::TripleRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                ))
                .map_err(serialize)?;
            }
            w.finish().map_err(serialize)?;
            graphs.push((n.as_str().to_string(), nt));
        }
        Ok((ex.mentions.len(), ex.facts.len(), mapped, graphs))
    };
    let mut sent_stories: BTreeSet<String> = BTreeSet::new();
    crate::pipeline::in_order_iter(inputs, 64, prepare, |prepared| -> Result<()> {
        for p in prepared {
            let (mentions, facts, mapped, graphs) = match p {
                Ok(x) => x,
                Err(crate::Skipped::NoArticle { .. }) => {
                    report.pages_without_article += 1;
                    continue;
                }
                Err(e) => {
                    report.failed.push(e);
                    continue;
                }
            };
            // the article's graph, then each teaser story's once per run
            for (i, (graph, nt)) in graphs.iter().enumerate() {
                if i > 0 && !sent_stories.insert(graph.clone()) {
                    continue;
                }
                sender.send_with_retries(target, graph, nt)?;
            }
            report.articles += 1;
            report.mentions += mentions;
            report.facts += facts;
            report.quads += mapped.quads.len();
        }
        Ok(())
    })?;
    if let Ok(c) = counts.lock() {
        report.warc = c.clone();
    }
    Ok(report)
}
