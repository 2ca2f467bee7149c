//! The whole extractor (gazetteer, name rules, relation rules) and the RDF mapping on any
//! text. Must never panic; every mention's offsets must slice the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<vnkg::extract::Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ex = EXTRACTOR.get_or_init(|| vnkg::extract::Extractor::builtin().expect("gazetteer"));
    let article = vnkg::corpus::Article::from_text(Path::new("fuzz.txt"), text.to_string(), "UTF-8");
    let (extraction, mapped) =
        vnkg::ingest::prepare(&article, ex, 0.0, "fuzz", "2026-01-01T00:00:00Z");
    for m in &extraction.mentions {
        assert!(article.text.get(m.span.clone()).is_some());
    }
    assert!(mapped.quads.len() >= extraction.facts.len());
});
