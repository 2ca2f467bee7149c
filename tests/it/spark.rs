//! The Spark route (scripts/spark_extract.py: `vnkg extract --format nquads` piped over JSON
//! Lines in PySpark's local mode, then `vnkg load`) gives the store `vnkg build` gives from the
//! same articles. Needs Java 17+ and pyspark (scripts/test.sh installs both); without them the
//! test says why it skips, and under CI=true it fails.

use crate::common::*;
use crate::load::store_quads;
use std::process::Command;

/// Whether `java` runs; under CI=true it must.
fn java() -> bool {
    let ok = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but no java on PATH (scripts/setup.sh --test installs openjdk-17-jre-headless)");
    }
    if !ok {
        eprintln!(
            "SKIP: no java on PATH (scripts/setup.sh --test installs openjdk-17-jre-headless)"
        );
    }
    ok
}

#[test]
fn spark_map_step_then_load_gives_the_store_build_gives() {
    if !java() {
        return;
    }
    let Some(py) = python_with("pyspark", "pip install -r tests/requirements.txt") else {
        return;
    };
    let dir = tempdir();
    let generated = dir.path().join("generated");
    gen_corpus(&generated, 60, 11);
    let corpus = ["data/articles", generated.to_str().unwrap()];

    let jsonl = dir.path().join("articles.jsonl");
    let o = Command::new(&py)
        .args(["scripts/spark_extract.py", "jsonl"])
        .args(corpus)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(&jsonl, &o.stdout).unwrap();
    assert_eq!(stdout(&o).lines().count(), 65);

    let shards = dir.path().join("shards");
    let o = Command::new(&py)
        .args(["scripts/spark_extract.py", "run"])
        .args([jsonl.as_os_str(), shards.as_os_str()])
        .args(["--vnkg", env!("CARGO_BIN_EXE_vnkg"), "--partitions", "3"])
        .arg("--gzip")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let parts = std::fs::read_dir(&shards)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with("part-") && name.ends_with(".gz")
        })
        .count();
    assert!(parts >= 3, "{parts} gzipped part files");

    let spark_store = dir.path().join("spark-store");
    let o = vnkg(&["load", shards.to_str().unwrap()], &spark_store);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("articles      65 loaded"),
        "{}",
        stdout(&o)
    );
    let build_store = dir.path().join("build-store");
    let mut args = vec!["build"];
    args.extend(corpus);
    let o = vnkg(&args, &build_store);
    assert!(o.status.success(), "{}", stderr(&o));

    // every graph (articles, teasers, reference, views, analytics), dcterms:modified aside
    let spark = store_quads(&spark_store, &dir.path().join("spark.nq"));
    let built = store_quads(&build_store, &dir.path().join("build.nq"));
    assert!(built.len() > 30_000, "{}", built.len());
    assert_same_quads(&spark, &built);
    for q in [
        "queries/partners_by_country.rq",
        "queries/most_mentioned.rq",
    ] {
        let rows = |store| {
            let o = vnkg(&["query", "--format", "csv", q], store);
            assert!(o.status.success(), "{}", stderr(&o));
            stdout(&o)
        };
        let answer = rows(&build_store);
        assert!(answer.lines().count() > 3, "{q}: {answer}");
        assert_eq!(rows(&spark_store), answer, "{q}");
    }
}
