//! The Oxigraph store: persistent (RocksDB) or in memory, one named graph per article, the
//! ontology and gazetteer in graphs of their own, queries over the union of all graphs.

use super::vocab::*;
use crate::{Error, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};

pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/vnkg.ttl");
pub const SECTORS_TTL: &str = include_str!("../../ontology/sectors.ttl");

/// New graphs written with Oxigraph's bulk loader: nothing is visible before `commit`, and
/// a writer dropped without it leaves the store as it was.
pub struct BulkWriter<'a> {
    store: &'a Store,
    memory_mb: usize,
    /// Opened on the first full batch. The in-memory store's loader holds the store's
    /// transaction lock until it commits (a transaction beside it would wait forever), so there
    /// each batch commits at once; on disk the loader stays open until `commit`.
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    on_disk: bool,
    /// Quads held back until a whole loader batch is ready: each batch becomes one sorted run
    /// of files that RocksDB later merges, so chunk-sized leftovers would mean more merging.
    pending: Vec<Quad>,
    batch: usize,
    runs: usize,
}

impl BulkWriter<'_> {
    /// Loader batches handed over so far (each one a sorted run in the store once committed).
    pub fn runs(&self) -> usize {
        self.runs + usize::from(!self.pending.is_empty())
    }

    /// Queues quads; each full batch goes to the loader. A batch is allocated once at its
    /// final size and filled in place: growing one (and splitting off the rest) rewrote every
    /// quad twice into freshly zeroed pages (9-10% of a 10^4 build's CPU under `perf`).
    pub fn load(&mut self, quads: impl IntoIterator<Item = Quad>) -> Result<()> {
        let mut quads = quads.into_iter();
        loop {
            if self.pending.capacity() == 0 {
                self.pending.reserve_exact(self.batch);
            }
            let room = self.batch - self.pending.len();
            self.pending.extend(quads.by_ref().take(room));
            if self.pending.len() < self.batch {
                return Ok(());
            }
            let full = std::mem::take(&mut self.pending);
            self.hand_over(full)?;
        }
    }

    fn hand_over(&mut self, quads: Vec<Quad>) -> Result<()> {
        let loader = self.loader.get_or_insert_with(|| {
            let loader = self.store.bulk_loader();
            if self.memory_mb > 0 {
                loader.with_max_memory_size_in_megabytes((self.memory_mb / 2).max(16))
            } else {
                loader
            }
        });
        loader.load_quads(quads)?;
        self.runs += 1;
        if !self.on_disk {
            self.commit_loader()?;
        }
        Ok(())
    }

    fn commit_loader(&mut self) -> Result<()> {
        if let Some(loader) = self.loader.take() {
            loader.commit()?;
        }
        Ok(())
    }

    /// Everything loaded so far lands, in one commit; the writer can go on loading.
    pub fn commit(&mut self) -> Result<()> {
        let last = std::mem::take(&mut self.pending);
        if !last.is_empty() {
            self.hand_over(last)?;
        }
        self.commit_loader()
    }
}

/// The data model this vnkg reads and writes: 3 is compact provenance (one `mentionedIn` per
/// entity and sentence, evidence nodes without type or article link) with each teaser story
/// in a graph of its own, shared by the articles carrying it. 1 had an evidence node per
/// mention; 2 (never released) kept teasers in each article's graph.
pub const MODEL_VERSION: i64 = 3;

/// The node the store's own facts (its model version) are said of.
const STORE_NODE: &str = "https://w3id.org/vnkg/graph/meta";

/// The file counting the sorted runs still to merge (see [`KgStore::pending_runs`]).
const PENDING_RUNS_FILE: &str = "vnkg-pending-runs";

/// The Oxigraph store and where it lives. Outside the crate it is reached through methods
/// only; inside, the server evaluates SPARQL on the Oxigraph store itself.
pub struct KgStore {
    pub(crate) store: Store,
    pub path: Option<PathBuf>,
}

impl KgStore {
    /// Every quad, in every graph.
    pub fn quads(&self) -> impl Iterator<Item = Result<oxigraph::model::Quad>> + '_ {
        self.store.iter().map(|q| q.map_err(Error::from))
    }

    /// Runs a SPARQL Update (tests and tools that edit a store by hand; vnkg itself writes
    /// through the build and the server).
    pub fn update(&self, sparql: &str) -> Result<()> {
        self.store
            .update(sparql)
            .map_err(|e| Error::SparqlSyntax(e.to_string()))
    }

    /// Adds quads in one transaction (tests and tools; the build uses the bulk writer).
    pub fn insert_quads(
        &self,
        quads: impl IntoIterator<Item = oxigraph::model::Quad>,
    ) -> Result<()> {
        Ok(self.store.extend(quads)?)
    }

    /// Opens (or creates) a persistent store. A store held by another process is reported as
    /// such, with what to do about it.
    pub fn open(path: &Path) -> Result<KgStore> {
        std::fs::create_dir_all(path).map_err(|e| Error::Io {
            path: path.into(),
            source: e,
        })?;
        #[cfg(not(feature = "rocksdb"))]
        return Err(Error::Store {
            path: path.into(),
            message: "this vnkg was built without the `rocksdb` feature".into(),
        });
        #[cfg(feature = "rocksdb")]
        match Store::open(path) {
            Ok(store) => {
                remove_orphan_bulk_files(path);
                let s = KgStore {
                    store,
                    path: Some(path.into()),
                };
                s.check_model()?;
                Ok(s)
            }
            Err(e) => {
                let msg = e.to_string();
                if msg.to_lowercase().contains("lock") {
                    Err(Error::StoreLocked { path: path.into() })
                } else {
                    Err(Error::Store {
                        path: path.into(),
                        message: msg,
                    })
                }
            }
        }
    }

    /// Opens an existing store (read-write, with the writer's lock); never creates one.
    pub fn open_existing(path: &Path) -> Result<KgStore> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store {
                path: path.into(),
                message: "no vnkg store here yet; run `vnkg build` first (or pass --store DIR)"
                    .into(),
            });
        }
        Self::open(path)
    }

    /// For commands that only read: the store itself when free, else (another process holds
    /// it, e.g. `vnkg serve`) a read-only view of it as it is now. The flag says which.
    pub fn open_for_reading(path: &Path) -> Result<(KgStore, bool)> {
        match Self::open_existing(path) {
            Err(Error::StoreLocked { .. }) => Ok((Self::open_read_only(path)?, true)),
            other => other.map(|s| (s, false)),
        }
    }

    /// Opens an existing store for reading only, without the writer's lock (this view does not
    /// see later writes; Oxigraph does not promise consistency while another process writes).
    pub fn open_read_only(path: &Path) -> Result<KgStore> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store {
                path: path.into(),
                message: "no vnkg store here yet; run `vnkg build` first (or pass --store DIR)"
                    .into(),
            });
        }
        #[cfg(not(feature = "rocksdb"))]
        return Err(Error::Store {
            path: path.into(),
            message: "this vnkg was built without the `rocksdb` feature".into(),
        });
        // A writer beside us (`vnkg serve`) may delete a table file between our reading the
        // file list and opening the file (RocksDB reports "No such file"): the next attempt
        // reads the new list.
        #[cfg(feature = "rocksdb")]
        let mut attempt = 0;
        #[cfg(feature = "rocksdb")]
        loop {
            match Store::open_read_only(path) {
                Ok(store) => {
                    let s = KgStore {
                        store,
                        path: Some(path.into()),
                    };
                    s.check_model()?;
                    return Ok(s);
                }
                Err(e) if attempt < 4 && e.to_string().contains("No such file") => {
                    std::thread::sleep(std::time::Duration::from_millis(50 << attempt));
                    attempt += 1;
                }
                Err(e) => {
                    return Err(Error::Store {
                        path: path.into(),
                        message: e.to_string(),
                    })
                }
            }
        }
    }

    pub fn memory() -> Result<KgStore> {
        Ok(KgStore {
            store: Store::new()?,
            path: None,
        })
    }

    fn where_(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }

    /// Replaces the ontology and gazetteer graphs.
    /// The data model a store holds: `vnkg:modelVersion` on the store node of the ontology
    /// graph, written with the reference graphs. A store with articles and no version was
    /// written before versions (model 1, evidence nodes for every mention).
    pub fn model_version(&self) -> Result<Option<i64>> {
        let node = NamedNode::new_unchecked(STORE_NODE);
        for q in self.store.quads_for_pattern(
            Some(node.as_ref().into()),
            Some(super::term::prop::MODEL_VERSION),
            None,
            None,
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(l.value().parse().ok());
            }
        }
        Ok(if self.article_graphs()?.is_empty() {
            None
        } else {
            Some(1)
        })
    }

    /// Refuses a store of another data model, naming it and what to do.
    fn check_model(&self) -> Result<()> {
        match self.model_version()? {
            Some(v) if v != MODEL_VERSION => Err(Error::OtherModel {
                path: self.path.clone().unwrap_or_default(),
                found: v,
                expected: MODEL_VERSION,
            }),
            _ => Ok(()),
        }
    }

    pub fn load_reference(&self, gazetteer: &crate::extract::Gazetteer) -> Result<()> {
        let mut quads: Vec<Quad> = Vec::new();
        quads.push(Quad::new(
            NamedNode::new_unchecked(STORE_NODE),
            super::term::prop::MODEL_VERSION,
            Literal::from(MODEL_VERSION),
            ontology_graph(),
        ));
        parse_into(
            &mut quads,
            "ontology/vnkg.ttl",
            ONTOLOGY_TTL,
            ontology_graph(),
        )?;
        parse_into(
            &mut quads,
            "ontology/sectors.ttl",
            SECTORS_TTL,
            ontology_graph(),
        )?;
        for (name, text) in &gazetteer.sources {
            if name.ends_with("sectors.ttl") {
                continue;
            }
            parse_into(&mut quads, name, text, gazetteer_graph())?;
        }
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(ontology_graph().as_ref())?;
        tx.clear_graph(gazetteer_graph().as_ref())?;
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// Replaces one graph's content atomically: its old facts go, the new ones land, or
    /// nothing changes.
    pub fn replace_graph(&self, graph: &GraphName, quads: &[Quad]) -> Result<()> {
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(graph.as_ref())?;
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// Replaces several graphs in one transaction: an article's and its teaser stories'.
    pub fn replace_graphs<'a>(
        &self,
        graphs: impl IntoIterator<Item = (&'a GraphName, &'a [Quad])>,
    ) -> Result<()> {
        let mut tx = self.store.start_transaction()?;
        for (g, quads) in graphs {
            tx.clear_graph(g.as_ref())?;
            tx.extend(quads.iter());
        }
        tx.commit()?;
        Ok(())
    }

    /// One bulk loader for a whole build: every chunk's new graphs go into it and land in one
    /// commit at the end. One commit per chunk made RocksDB compact overlapping files after
    /// each chunk while the next was being extracted (most of the build's CPU at 10^4).
    pub fn bulk_writer(&self, memory_mb: usize) -> BulkWriter<'_> {
        // Oxigraph's own rule: a batch of 1,000 quads per megabyte and loader thread
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let batch = if memory_mb > 0 {
            (memory_mb / 2).max(16) * 1000 / threads
        } else {
            1_000_000
        };
        BulkWriter {
            store: &self.store,
            memory_mb,
            loader: None,
            on_disk: self.path.is_some(),
            pending: Vec::new(),
            batch,
            runs: 0,
        }
    }

    /// Merges RocksDB's sorted runs into one per index (Oxigraph's `optimize`). Each bulk
    /// loader batch lands as a run of its own; until they are merged every range scan reads all
    /// of them (10^5 articles, 1,430 files: queries 10-80x slower).
    pub fn compact(&self) -> Result<()> {
        self.on_disk(Store::optimize)
    }

    /// Runs a RocksDB maintenance call; the in-memory store has nothing to do.
    fn on_disk(
        &self,
        op: impl FnOnce(&Store) -> std::result::Result<(), oxigraph::store::StorageError>,
    ) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        if self.path.is_some() {
            op(&self.store).map_err(|e| Error::Store {
                path: self.where_(),
                message: e.to_string(),
            })?;
        }
        Ok(())
    }

    pub fn remove_graph(&self, graph: &GraphName) -> Result<()> {
        if let GraphName::NamedNode(n) = graph {
            self.store.remove_named_graph(n.as_ref())?;
        }
        Ok(())
    }

    /// Names of the article graphs in the store.
    pub fn article_graphs(&self) -> Result<Vec<GraphName>> {
        self.graphs_under("article/")
    }

    /// Names of the teaser stories' graphs in the store.
    pub fn story_graphs(&self) -> Result<Vec<GraphName>> {
        self.graphs_under("story/")
    }

    /// Drops the graphs of teaser stories that no article carries any more (no graph says
    /// `story dcterms:isPartOf` an article); returns how many.
    pub fn remove_orphan_stories(&self) -> Result<usize> {
        let part_of = crate::rdf::term::dct::IS_PART_OF;
        let mut removed = 0;
        for g in self.story_graphs()? {
            let GraphName::NamedNode(n) = &g else {
                continue;
            };
            let hash = n.as_str().rsplit('/').next().unwrap_or_default();
            let story = crate::rdf::mapping::story_iri(hash);
            let carried = self
                .store
                .quads_for_pattern(Some(story.as_ref().into()), Some(part_of), None, None)
                .next()
                .transpose()?
                .is_some();
            if !carried {
                self.remove_graph(&g)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Whether the store holds any article or teaser graph; stops at the first one (a
    /// listing of 2 x 10^5 graphs takes seconds on a freshly loaded store).
    pub fn holds_articles(&self) -> Result<bool> {
        let prefixes = [format!("{GRAPH}article/"), format!("{GRAPH}story/")];
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                if prefixes.iter().any(|p| n.as_str().starts_with(p.as_str())) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    fn graphs_under(&self, local: &str) -> Result<Vec<GraphName>> {
        let prefix = format!("{GRAPH}{local}");
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                if n.as_str().starts_with(&prefix) {
                    out.push(GraphName::NamedNode(n));
                }
            }
        }
        Ok(out)
    }

    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Runs a SPARQL query with the union of all graphs as the default graph. Prefixes of the
    /// vnkg vocabularies are predeclared; SERVICE calls are refused.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        self.query_cancellable(sparql, None)
    }

    /// A query that `token.cancel()` stops (evaluation then fails), e.g. from a watchdog.
    pub fn query_cancellable(
        &self,
        sparql: &str,
        token: Option<oxigraph::sparql::CancellationToken>,
    ) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(t) = token {
            evaluator = evaluator.with_cancellation_token(t);
        }
        for (p, iri) in PREFIXES {
            evaluator = evaluator
                .with_prefix(*p, *iri)
                .map_err(|e| Error::SparqlSyntax(e.to_string()))?;
        }
        let mut prepared = match evaluator.clone().parse_query(sparql) {
            Ok(p) => p,
            // an update sent as a query would otherwise read "expected CONSTRUCT"
            Err(_) if evaluator.parse_update(sparql).is_ok() => {
                return Err(Error::SparqlSyntax(
                    "this is a SPARQL Update, and vnkg only runs queries here; the store changes through `vnkg build`/`vnkg ingest`, or updates sent to `vnkg serve --allow-update`".into(),
                ))
            }
            Err(e) => return Err(Error::SparqlSyntax(e.to_string())),
        };
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(Error::from_evaluation)
    }

    /// Convenience: a SELECT's rows as strings (IRIs bare, literals by value).
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<String>>>> {
        match self.query(sparql)? {
            QueryResults::Solutions(sol) => {
                let vars: Vec<_> = sol.variables().to_vec();
                let mut rows = Vec::new();
                for s in sol {
                    let s = s.map_err(Error::from_evaluation)?;
                    rows.push(
                        vars.iter()
                            .map(|v| s.get(v).map(super::results::term_value))
                            .collect(),
                    );
                }
                Ok(rows)
            }
            _ => Err(Error::NotSelect),
        }
    }

    /// Sorted runs bulk loads left unmerged in the store since its last merge. Kept in a file
    /// beside RocksDB's (which leaves names it does not know alone), not as a quad: it is
    /// bookkeeping, and exports and pushes should not carry it. An in-memory store has none.
    pub fn pending_runs(&self) -> Result<usize> {
        let Some(path) = &self.path else {
            return Ok(0);
        };
        Ok(std::fs::read_to_string(path.join(PENDING_RUNS_FILE))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0))
    }

    pub fn set_pending_runs(&self, runs: usize) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let file = path.join(PENDING_RUNS_FILE);
        let io = |source| Error::WriteFile {
            path: file.clone(),
            source,
        };
        if runs == 0 {
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                _ => {}
            }
            return Ok(());
        }
        std::fs::write(&file, format!("{runs}\n")).map_err(io)
    }

    pub fn flush(&self) -> Result<()> {
        self.on_disk(Store::flush)
    }

    pub fn contains_graph(&self, g: &GraphName) -> Result<bool> {
        match g.as_ref() {
            GraphNameRef::NamedNode(n) => Ok(self.store.contains_named_graph(n)?),
            _ => Ok(true),
        }
    }
}

/// A bulk load killed before its commit leaves its sorted files (`bulk-*.sst`) in the store
/// directory; nothing refers to them and, holding the writer's lock, nothing else can be
/// writing them, so they go (else every crash would leak disk space).
fn remove_orphan_bulk_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn parse_into(out: &mut Vec<Quad>, name: &str, text: &str, g: GraphName) -> Result<()> {
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        let q = q.map_err(|e| Error::Data {
            path: name.into(),
            message: e.to_string(),
        })?;
        out.push(Quad::new(q.subject, q.predicate, q.object, g.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quad(i: usize) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(format!("http://vnkg.test/s{i}")),
            NamedNode::new_unchecked("http://vnkg.test/p"),
            Literal::from(i as i64),
            GraphName::NamedNode(NamedNode::new_unchecked("http://vnkg.test/g")),
        )
    }

    #[test]
    fn the_bulk_writer_hands_over_full_batches_and_every_quad_lands() {
        for on_disk in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let store = if on_disk {
                KgStore::open(&dir.path().join("store")).unwrap()
            } else {
                KgStore::memory().unwrap()
            };
            let before = store.len().unwrap();
            let mut w = store.bulk_writer(32);
            let b = w.batch;
            // pieces smaller than a batch, one batch, more than two, a few quads
            let mut n = 0;
            for size in [b / 3, b, 2 * b + 7, 5] {
                w.load((n..n + size).map(quad)).unwrap();
                n += size;
            }
            // each run but the last is a whole batch
            assert_eq!(w.runs(), n.div_ceil(b));
            w.commit().unwrap();
            assert_eq!(store.len().unwrap() - before, n);
        }
    }
}
