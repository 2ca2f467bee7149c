//! `vnkg gen-corpus`: deterministic for a seed, and every entity it lists is in its article.

use crate::common::*;
use std::process::Command;

fn generate(seed: &str, out: &std::path::Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["gen-corpus", "--articles", "12", "--seed", seed, "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn same_seed_same_corpus_and_expected_entities_are_in_the_text() {
    let dir = tempdir();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    generate("5", &a);
    generate("5", &b);
    generate("6", &c);
    let read = |d: &std::path::Path, f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    assert_eq!(read(&a, "gen_0000003.txt"), read(&b, "gen_0000003.txt"));
    assert_eq!(read(&a, "expected.jsonl"), read(&b, "expected.jsonl"));
    assert_ne!(read(&a, "gen_0000003.txt"), read(&c, "gen_0000003.txt"));
    let expected = read(&a, "expected.jsonl");
    assert_eq!(expected.lines().count(), 12);
    for line in expected.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = read(&a, v["file"].as_str().unwrap());
        // a page in the corpus' style: teasers and credits around the story
        assert!(text.contains("Voir plus") && text.contains("Photo : VNA"));
        for e in v["entities"].as_array().unwrap() {
            let name = e["name"].as_str().unwrap();
            assert!(text.contains(name), "{name} not in {}", v["file"]);
        }
    }
}
