//! `vnkg extract` as a distributed map step: its N-Quads are exactly the article graphs `build`
//! loads, whatever the input form (files or JSON Lines on standard input), in input order.

use crate::common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// Quads as strings, without `dcterms:modified` (the time of the run).
fn quad_set(quads: impl Iterator<Item = Quad>) -> BTreeSet<String> {
    quads
        .filter(|q| q.predicate.as_str() != "http://purl.org/dc/terms/modified")
        .map(|q| q.to_string())
        .collect()
}

fn parse_nquads(bytes: &[u8]) -> BTreeSet<String> {
    quad_set(
        RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(bytes)
            .map(|q| q.expect("valid N-Quads")),
    )
}

#[test]
fn nquads_of_extract_are_the_graphs_build_loads() {
    let out = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["extract", "--format", "nquads", "data/articles"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let streamed = parse_nquads(&out.stdout);
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build", "--no-analytics"], &store).status.success());
    let o = vnkg(
        &[
            "export",
            "--format",
            "nq",
            "--out",
            dir.path().join("all.nq").to_str().unwrap(),
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let all = parse_nquads(&std::fs::read(dir.path().join("all.nq")).unwrap());
    let built: BTreeSet<String> = all
        .into_iter()
        .filter(|q| {
            q.rsplit(' ').next().is_some_and(|g| {
                g.starts_with("<https://w3id.org/vnkg/graph/article/")
                    || g.starts_with("<https://w3id.org/vnkg/graph/story/")
            })
        })
        .collect();
    assert!(streamed.len() > 2000, "{}", streamed.len());
    assert_same_quads(&streamed, &built);
}

#[test]
fn json_lines_on_stdin_are_extracted_in_order_and_bad_lines_reported() {
    let a = std::fs::read_to_string(articles().join("001_c4708a1c6c412f17.txt")).unwrap();
    let b = std::fs::read_to_string(articles().join("003_c90cd3ffa6731a0f.txt")).unwrap();
    let input = format!(
        "{}\n{{\"id\": 7}}\n{}\n",
        serde_json::json!({"id": "shard-a", "text": a}),
        serde_json::json!({"id": "shard-b", "text": b})
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad line makes the exit code say so"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input line 2"), "{err}");
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let first_b = ids
        .iter()
        .position(|i| i == "shard-b")
        .expect("shard-b extracted");
    assert!(first_b > 0 && ids[..first_b].iter().all(|i| i == "shard-a"));
    assert!(ids[first_b..].iter().all(|i| i == "shard-b"));
    // the same facts as from the file
    let from_file = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .arg("extract")
        .arg(articles().join("001_c4708a1c6c412f17.txt"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&from_file.stdout).lines().count(),
        first_b
    );
}

/// A partnership row says who partners whom, across the sides, not only who takes part.
#[test]
fn json_lines_partnership_rows_carry_their_pairs() {
    let dir = crate::common::tempdir();
    let file = dir.path().join("star.txt");
    std::fs::write(
        &file,
        "Da Nang cherche des partenaires\n\nHanoi (VNA) - La ville de Da Nang a approché le \
         Chili, le Pérou et l'Argentine pour coopérer dans les semi-conducteurs.\n",
    )
    .unwrap();
    let o = crate::common::vnkg(&["extract", file.to_str().unwrap()], &dir.path().join("s"));
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    let row: serde_json::Value = crate::common::stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["type"] == "partnership")
        .expect("a partnership row");
    let mut pairs: Vec<String> = row["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} – {}", p[0].as_str().unwrap(), p[1].as_str().unwrap()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        ["Da Nang – Argentine", "Da Nang – Chili", "Da Nang – Pérou"],
        "{row}"
    );
}

/// A JSON Lines article's `path` is its `vnkg:sourceFile`, as a file's path is in `build`; the
/// id names its graph.
#[test]
fn json_lines_path_is_the_source_file() {
    let text = std::fs::read_to_string(articles().join("001_c4708a1c6c412f17.txt")).unwrap();
    let line = serde_json::json!({"id": "x1", "path": "corpus/x1.txt", "text": text});
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnkg"))
        .args(["extract", "--format", "nquads", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{line}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let source: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("#sourceFile>"))
        .map(String::from)
        .collect();
    assert_eq!(source.len(), 1, "{source:?}");
    assert!(
        source[0].contains("\"corpus/x1.txt\"") && source[0].contains("/graph/article/x1>"),
        "{}",
        source[0]
    );
}
