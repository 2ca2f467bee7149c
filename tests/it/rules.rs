//! The rule registry: every rule's examples behave as it says, every rule the extractor uses
//! is registered, and `vnkg rules` shows them.

use crate::common::*;
use std::collections::BTreeSet;
use std::path::Path;
use vnkg::corpus::Article;
use vnkg::extract::{rule, Extractor};

/// The rule names that fire on `text` (mentions and facts alike).
fn fired(ex: &Extractor, text: &str) -> BTreeSet<&'static str> {
    let a = Article::from_text(Path::new("example.txt"), format!("{text}\n"), "UTF-8");
    let x = ex.extract(&a);
    x.mentions
        .iter()
        .map(|m| m.rule)
        .chain(x.facts.iter().map(|f| f.rule))
        .collect()
}

#[test]
fn every_example_fires_its_rule_and_every_counterexample_does_not() {
    let ex = Extractor::builtin().unwrap();
    let mut failures = Vec::new();
    for r in rule::all() {
        for e in r.fires_on {
            let got = fired(&ex, e);
            if !got.contains(r.name) {
                failures.push(format!("{} did not fire on {e:?} (fired: {got:?})", r.name));
            }
        }
        for e in r.not_on {
            if fired(&ex, e).contains(r.name) {
                failures.push(format!("{} fired on its counter-example {e:?}", r.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rules_are_well_formed_values() {
    let all = rule::all();
    let names: BTreeSet<&str> = all.iter().map(|r| r.name).collect();
    assert_eq!(names.len(), all.len(), "two rules share a name");
    for r in &all {
        assert!(r.confidence > 0.0 && r.confidence <= 1.0, "{}", r.name);
        assert!(!r.fires_on.is_empty(), "{} has no example", r.name);
        assert!(!r.not_on.is_empty(), "{} has no counter-example", r.name);
        assert!(!r.cue.is_empty() && !r.produces.is_empty(), "{}", r.name);
        assert!(rule::find(r.name).is_some());
    }
}

/// A rule name in a provenance record that `vnkg rules` cannot explain would be a dead end
/// for an analyst: every rule the extractor uses on the corpora is registered.
#[test]
fn every_rule_the_extractor_uses_is_registered() {
    let ex = Extractor::builtin().unwrap();
    let mut used = BTreeSet::new();
    for dir in [
        "data/articles",
        "tests/fixtures/corpus",
        "tests/fixtures/unseen",
    ] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let a = Article::from_file(&p, vnkg::corpus::DEFAULT_MAX_BYTES).unwrap();
            let x = ex.extract(&a);
            used.extend(x.mentions.iter().map(|m| m.rule));
            used.extend(x.facts.iter().map(|f| f.rule));
        }
    }
    let missing: Vec<&&str> = used.iter().filter(|n| rule::find(n).is_none()).collect();
    assert!(missing.is_empty(), "unregistered rules: {missing:?}");
    assert!(used.len() >= 30, "{used:?}");
}

#[test]
fn vnkg_rules_lists_every_rule_with_an_example() {
    let dir = tempdir();
    let o = vnkg(&["rules"], &dir.path().join("store"));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let all = rule::all();
    assert!(all.len() >= 30, "{}", all.len());
    for r in &all {
        let line = out
            .lines()
            .find(|l| l.contains(&format!(" {} ", r.name)))
            .unwrap_or_else(|| panic!("{} not listed", r.name));
        if let Some(e) = r.fires_on.first() {
            let first_words: String = e.chars().take(12).collect();
            assert!(line.contains(&first_words), "{line}");
        }
    }
    let o = vnkg(&["rules", "meeting-verb"], &dir.path().join("store"));
    assert!(stdout(&o).contains("fires on:") && stdout(&o).contains("not on:"));
    let o = vnkg(&["rules", "no-such-rule"], &dir.path().join("store"));
    assert!(!o.status.success());
    assert_eq!(
        stderr(&o).trim(),
        "error: unknown rule 'no-such-rule' (`vnkg rules` lists them)"
    );
}
