//! `vnkg report` end to end: the page opened in headless Chromium (Debian's `chromium`, driven
//! by playwright-core from npm), checked the way a reader would use it: all entities drawn,
//! a click shows evidence, filters and search work, a hostile label stays text, and nothing is
//! fetched from the network. Saves a screenshot under target/report/.

use crate::common::*;
use std::path::PathBuf;
use std::process::Command;

/// node, chromium and playwright-core, or None with the reason (CI must have them).
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let modules = std::env::var_os("VNKG_NODE_MODULES")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/vnkg/node/node_modules"))
        })
        .unwrap_or_default();
    let chromium =
        PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = if !node_ok {
        "node not found"
    } else if !chromium.exists() {
        "no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM)"
    } else if !modules.join("playwright-core").exists() {
        "playwright-core not installed (scripts/test.sh installs it under ~/.cache/vnkg/node)"
    } else {
        return Some((modules, chromium));
    };
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but {missing}");
    }
    eprintln!("SKIP: {missing}");
    None
}

const NASTY: &str =
    "Qualcomm \"<script>alert('x')</script><img src=x onerror=alert(2)><b>gras</b> & 'co'";

#[test]
fn the_report_opens_offline_and_answers_clicks_filters_and_search() {
    let Some((modules, chromium)) = browser_tools() else {
        return;
    };
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let qualcomm = "https://w3id.org/vnkg/id/actor/qualcomm";
    {
        let s = vnkg::rdf::KgStore::open(&store).unwrap();
        let lit = NASTY.replace('\\', "\\\\").replace('"', "\\\"");
        s.update(&format!(
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                 DELETE {{ GRAPH ?g {{ <{qualcomm}> skos:prefLabel ?l }} }}
                 INSERT {{ GRAPH ?g {{ <{qualcomm}> skos:prefLabel \"{lit}\"@fr }} }}
                 WHERE {{ GRAPH ?g {{ <{qualcomm}> skos:prefLabel ?l FILTER(lang(?l) = 'fr') }} }}"
        ))
        .unwrap();
    }
    let out_dir = root().join("target/report");
    std::fs::create_dir_all(&out_dir).unwrap();
    let page = out_dir.join("report-test.html");
    let o = vnkg(&["report", "--out", page.to_str().unwrap()], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("entities"), "{}", stdout(&o));
    // the entity list a spreadsheet user gets: the page must draw every one of them
    let o = vnkg(&["export", "--format", "nodes-csv"], &store);
    let expected_nodes = stdout(&o).lines().count() - 1;
    assert!(expected_nodes > 50);

    let shot = out_dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let o = Command::new("node")
        .arg(root().join("tests/report/check_report.cjs"))
        .arg(format!("file://{}", page.display()))
        .arg(&shot)
        .env("NODE_PATH", &modules)
        .env("CHROMIUM", &chromium)
        .env("VNKG_NASTY_ID", qualcomm)
        .env("VNKG_SEARCH", "vietnam")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let r: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    eprintln!("report check: {r}");
    assert!(r.get("failure").is_none(), "{}", r["failure"]);
    assert_eq!(r["errors"], serde_json::json!([]), "script errors");
    assert_eq!(r["dialogs"], serde_json::json!([]), "a label ran as script");
    assert_eq!(
        r["requests"],
        serde_json::json!([]),
        "the page fetched something"
    );
    assert_eq!(r["nodes"].as_u64(), Some(expected_nodes as u64));
    assert_eq!(r["dataNodes"], r["nodes"]);
    // the click shows the entity and its facts, each with its sentence
    assert_eq!(r["detailsTitle"], r["clicked"]);
    assert!(r["facts"].as_u64().unwrap() > 0);
    assert!(r["firstSentence"].as_str().unwrap().starts_with("« "));
    // unticking the sectors hides exactly the sectors; a country filter narrows the view
    assert_eq!(
        r["visibleAfterClass"].as_u64().unwrap(),
        r["visibleBefore"].as_u64().unwrap() - r["sectorNodes"].as_u64().unwrap()
    );
    assert!(r["visibleAfterCountry"].as_u64().unwrap() < r["visibleBefore"].as_u64().unwrap());
    assert!(
        r["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "Vietnam"),
        "{}",
        r["matches"]
    );
    // the hostile label is shown as the text it is
    assert_eq!(r["nastyInData"], NASTY);
    assert_eq!(r["nastyTitle"], NASTY);
    assert_eq!(r["injected"], 0);
    // charts and summary are there
    assert!(r["chartRows"].as_u64().unwrap() > 2);
    assert!(r["heatRows"].as_u64().unwrap() > 2);
    assert_eq!(r["topRows"].as_u64(), Some(16));
    assert!(r["summary"].as_str().unwrap().contains("5 articles"));
    assert!(std::fs::metadata(&shot).unwrap().len() > 20_000);

    // the server serves the same page at /report
    let server = serve(&store, &[]);
    let body = ureq::get(&format!("http://127.0.0.1:{}/report", server.port))
        .call()
        .unwrap();
    assert_eq!(body.content_type(), "text/html");
    let text = body.into_string().unwrap();
    assert!(text.contains("id=\"vnkg-data\"") && text.contains("cytoscape"));
    assert!(
        !text.contains("<script>alert"),
        "the label escaped the JSON"
    );
}

/// On a large graph the page keeps the most central entities and only the links among them.
#[test]
fn max_nodes_keeps_the_most_central_entities_and_their_links() {
    let dir = tempdir();
    let store = dir.path().join("store");
    assert!(vnkg(&["build"], &store).status.success());
    let page = dir.path().join("r.html");
    let o = vnkg(
        &[
            "report",
            "--max-nodes",
            "20",
            "--out",
            page.to_str().unwrap(),
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(20 entities, the most central of"),
        "{}",
        stdout(&o)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    let start = html
        .find(r#"<script id="vnkg-data" type="application/json">"#)
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let kept: std::collections::BTreeSet<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(kept.len(), 20);
    for e in data["edges"].as_array().unwrap() {
        assert!(
            kept.contains(e["source"].as_str().unwrap())
                && kept.contains(e["target"].as_str().unwrap())
        );
    }
    // the two most central by PageRank (by hand: Vietnam and Hô Chi Minh-Ville) are drawn
    for iri in [
        "https://w3id.org/vnkg/id/country/vn",
        "https://w3id.org/vnkg/id/actor/ho-chi-minh-ville",
    ] {
        assert!(kept.contains(iri), "{iri} missing from {kept:?}");
    }
}
