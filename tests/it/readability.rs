//! The HTML reader against a peer's test suite: Mozilla Readability's 30 real news pages
//! (../shared/peers/readability), scored by word-level precision, recall and F1 against the
//! article text Readability.js extracts. The mean may not drop more than 0.02 below the figure
//! recorded in tests/readability_recorded.json, and titles and publication days may not match
//! `expected-metadata.json` less often than recorded; `benches/readability_scores.py` scores
//! trafilatura and readability-lxml the same way for the README's table.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Lower-cased words (runs of letters and digits), counted.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// Word-level precision, recall and F1 of `got` against `want` (multisets).
fn prf(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (words(got), words(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    let p = if ng == 0 {
        0.0
    } else {
        common as f64 / ng as f64
    };
    let r = if nw == 0 {
        0.0
    } else {
        common as f64 / nw as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct PageScore {
    name: String,
    f1: f64,
    title_ok: bool,
    /// None when Readability.js reads no publication date from the page
    date_ok: Option<bool>,
}

fn score(dir: &Path) -> PageScore {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let source = std::fs::read(dir.join("source.html")).unwrap();
    let expected = std::fs::read_to_string(dir.join("expected.html")).unwrap();
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected-metadata.json")).unwrap())
            .unwrap();
    let want = dom_query::Document::from(expected.as_str())
        .root()
        .text()
        .to_string();
    let path = dir.join("source.html");
    // the URL Readability's own tests give the pages
    let got = vnkg::corpus::html::decode(&path, &source, None).and_then(|(html, _)| {
        vnkg::corpus::html::read_page(&path, &html, Some("http://fakehost/test/page.html"))
    });
    match got {
        Ok(page) => {
            let (_, _, f1) = prf(&page.paragraphs.join("\n"), &want);
            let title_ok = meta["title"]
                .as_str()
                .is_some_and(|t| Some(one_line(t)) == page.title.as_deref().map(one_line));
            // the day it was published (times and zones aside)
            let date_ok = meta["publishedTime"]
                .as_str()
                .map(|d| page.date.as_deref() == d.get(..10));
            PageScore {
                name,
                f1,
                title_ok,
                date_ok,
            }
        }
        Err(e) => {
            eprintln!("{name}: {e}");
            PageScore {
                name,
                f1: 0.0,
                title_ok: false,
                date_ok: Some(false),
            }
        }
    }
}

#[test]
fn readability_test_pages_word_f1_does_not_regress() {
    let Some(peers) = peers() else { return };
    let pages = peers.join("readability/test-pages");
    let mut dirs: Vec<_> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").exists())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 30, "the peer's 30 pages");
    let scores: Vec<PageScore> = dirs.iter().map(|d| score(d)).collect();
    for s in &scores {
        eprintln!(
            "{:<28} F1 {:.3}  title {}",
            s.name,
            s.f1,
            if s.title_ok { "ok" } else { "differs" }
        );
    }
    let mean = scores.iter().map(|s| s.f1).sum::<f64>() / scores.len() as f64;
    let french: Vec<f64> = scores
        .iter()
        .filter(|s| s.name.starts_with("lemonde") || s.name.starts_with("liberation"))
        .map(|s| s.f1)
        .collect();
    let titles = scores.iter().filter(|s| s.title_ok).count();
    let dated: Vec<bool> = scores.iter().filter_map(|s| s.date_ok).collect();
    let dates = dated.iter().filter(|d| **d).count();
    eprintln!(
        "mean word F1 {mean:.3} over {} pages; French pages {french:?}; titles as Readability.js reads them: {titles}/30; publication days: {dates}/{}",
        scores.len(),
        dated.len()
    );
    let recorded: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/readability_recorded.json")).unwrap(),
    )
    .unwrap();
    let r = recorded["mean_f1"].as_f64().unwrap();
    assert!(
        mean >= r - 0.02,
        "mean word F1 dropped from {r:.3} to {mean:.3}"
    );
    let rt = recorded["titles"].as_u64().unwrap() as usize;
    assert!(
        titles >= rt,
        "titles read as Readability.js does: {titles}, recorded {rt}"
    );
    let rd = recorded["dates"].as_u64().unwrap() as usize;
    assert!(
        dates >= rd,
        "publication days as Readability.js reads them: {dates}, recorded {rd}"
    );
}

#[test]
fn the_scorer_counts_words_as_a_multiset() {
    let (p, r, f) = prf("le le chat", "Le chat noir");
    // got: le×2 chat; want: le chat noir; common: le chat (2 of 3 each)
    assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
    assert!((f - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(prf("", "x"), (0.0, 0.0, 0.0));
}
