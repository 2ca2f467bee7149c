//! Extraction throughput with criterion: segmentation, extraction, and the mapping to quads,
//! on generated articles (what the 10⁵-article build reads) and on the built-in real ones.
//! The cross-tool figures (spaCy on the same text) come from `benches/compare.sh`.
//!
//!     cargo bench --bench extract
//!     VNKG_BENCH_ARTICLES=1000 cargo bench --bench extract -- extract/generated

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use vnkg::corpus::Article;
use vnkg::extract::Extractor;

fn corpus(ex: &Extractor) -> Vec<(PathBuf, String)> {
    let n: usize = std::env::var("VNKG_BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("temp dir");
    vnkg::corpus::generate::generate(&ex.gazetteer, n, 7, dir.path()).expect("generate");
    read_dir(dir.path())
}

fn read_dir(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).expect("read article");
            (p, t)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let ex = Extractor::builtin().expect("built-in gazetteer");
    let builtin = read_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/articles"));
    for (name, texts) in [("generated", corpus(&ex)), ("builtin", builtin)] {
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        let articles: Vec<Article> = texts
            .iter()
            .map(|(p, t)| Article::from_text(p, t.clone(), "UTF-8"))
            .collect();
        let mut g = c.benchmark_group(format!("{name} ({} articles)", texts.len()));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("segment", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|(p, t)| Article::from_text(p, t.clone(), "UTF-8").stories.len())
                    .sum::<usize>()
            })
        });
        g.bench_function("extract", |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| ex.extract(a).facts.len())
                    .sum::<usize>()
            })
        });
        let key = vnkg::ingest::RunKey::new(&ex, 0.0, vnkg::rdf::Provenance::Compact);
        g.bench_function("extract+map", |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| {
                        vnkg::ingest::prepare(a, &ex, &key, "2026-01-01T00:00:00Z")
                            .1
                            .quads
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
