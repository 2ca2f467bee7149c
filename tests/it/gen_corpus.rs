//! `vnkg gen-corpus`: deterministic for a seed, and every entity it lists is in its article.

use crate::common::*;

#[test]
fn same_seed_same_corpus_and_expected_entities_are_in_the_text() {
    let dir = tempdir();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    gen_corpus(&a, 12, 5);
    gen_corpus(&b, 12, 5);
    gen_corpus(&c, 12, 6);
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
