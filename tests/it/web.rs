//! Web input: a small news site on loopback, crawled with Debian's `wget --recursive
//! --warc-file`, gives the same graph as the plain text of its main stories, dated by the pages'
//! metadata; and the archives users have go wrong in the ways the catalogue lists.

use crate::common::*;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The built-in articles' main stories: (title, paragraphs).
fn main_stories() -> Vec<(String, Vec<String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(articles())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let a = vnkg::corpus::Article::from_file(f, vnkg::corpus::DEFAULT_MAX_BYTES).unwrap();
            let s = &a.stories[0];
            // two of them have no headline: the site gives them a plain one
            let title = s
                .title
                .as_ref()
                .or(a.title.as_ref())
                .map(|r| a.slice(r).trim().to_string())
                .unwrap_or_else(|| format!("Sciences et technologies : dépêche {i}"));
            let paragraphs = s
                .paragraphs
                .iter()
                .map(|r| a.slice(r).trim().to_string())
                .filter(|p| *p != title)
                .collect();
            (title, paragraphs)
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A news page with the trappings of a news site around the story.
fn page(base: &str, i: usize, title: &str, paragraphs: &[String], others: &[String]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    let related: String = others
        .iter()
        .enumerate()
        .map(|(j, t)| format!("<li><a href=\"/a{j}.html\">{}</a></li>", escape(t)))
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{t} | Vietnam+ (VietnamPlus)</title>
<meta property="og:title" content="{t}">
<meta property="og:site_name" content="Vietnam+ (VietnamPlus)">
<meta property="article:published_time" content="2024-0{m}-15T09:30:00+07:00">
<link rel="canonical" href="{base}/a{i}.html">
<script>window.dataLayer = [{{"page": "article"}}];</script>
</head><body>
<header class="site-header"><a href="/index.html">Vietnam+</a>
<nav class="menu"><a href="/index.html">Accueil</a> <a href="/index.html">Monde</a> <a href="/index.html">Économie</a> <a href="/index.html">Sciences</a></nav></header>
<div id="cookie-banner" class="gdpr">Ce site utilise des cookies pour mesurer son audience. <button>Accepter</button></div>
<main><article class="article-detail">
<h1 class="article-title">{t}</h1>
<div class="article-body">
{body}</div>
<div class="share social"><a href="https://www.facebook.com/sharer">Facebook</a> <a href="https://twitter.com/share">Twitter</a> <a href="mailto:?">E-mail</a></div>
</article>
<aside class="related sidebar"><h2>Voir plus</h2><ul>{related}</ul></aside></main>
<footer class="footer">© Vietnam+ 2024. Agence Vietnamienne d'Information. Tous droits réservés. <a href="/index.html">Contact</a></footer>
<script src="/analytics.js"></script>
</body></html>"#,
        t = escape(title),
        m = i + 1,
    )
}

/// Serves `dir` over HTTP/1.0 on a loopback port until the process ends.
fn serve_dir(dir: PathBuf) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut buf = [0u8; 4096];
            let n = conn.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let name = path.trim_start_matches('/');
            let name = if name.is_empty() { "index.html" } else { name };
            let reply = match std::fs::read(dir.join(name)) {
                Ok(body) if !name.contains("..") => {
                    let kind = if name.ends_with(".html") {
                        "text/html; charset=utf-8"
                    } else {
                        "application/javascript"
                    };
                    let mut r = format!(
                        "HTTP/1.0 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend(body);
                    r
                }
                _ => b"HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found".to_vec(),
            };
            let _ = conn.write_all(&reply);
        }
    });
    port
}

fn wget() -> Option<PathBuf> {
    let ok = Command::new("wget")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        Some(PathBuf::from("wget"))
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but wget is missing (scripts/setup.sh --test installs it)");
    } else {
        eprintln!("SKIP: wget not installed (apt-get install wget)");
        None
    }
}

fn set(store: &Path, q: &str) -> BTreeSet<String> {
    let o = vnkg(&["query", "--format", "csv", "-e", q], store);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .skip(1)
        .map(|l| l.trim().to_string())
        .collect()
}

/// The entities the articles name, and each partnership as its sorted parties.
fn graph_facts(store: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let entities = set(
        store,
        "SELECT DISTINCT ?e ?c WHERE { ?e vnkg:mentionedIn ?sn ; a ?c FILTER(STRSTARTS(STR(?c), STR(vnkg:))) }",
    );
    let partnerships = set(
        store,
        "SELECT (GROUP_CONCAT(STR(?x); separator=' ') AS ?parties) WHERE {
           SELECT ?p ?x WHERE { ?x vnkg:partyTo ?p } ORDER BY ?p ?x } GROUP BY ?p",
    );
    (entities, partnerships)
}

#[test]
fn a_wget_crawl_gives_the_graph_of_its_main_stories() {
    let Some(wget) = wget() else { return };
    let tmp = tempdir();
    let dir = tmp.path();
    let site = dir.join("site");
    let plain = dir.join("plain");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::create_dir_all(&plain).unwrap();
    let port = serve_dir(site.clone());
    let base = format!("http://127.0.0.1:{port}");
    let stories = main_stories();
    let titles: Vec<String> = stories.iter().map(|s| s.0.clone()).collect();
    for (i, (title, paragraphs)) in stories.iter().enumerate() {
        let others: Vec<String> = titles.iter().filter(|t| *t != title).cloned().collect();
        std::fs::write(
            site.join(format!("a{i}.html")),
            page(&base, i, title, paragraphs, &others),
        )
        .unwrap();
        std::fs::write(
            plain.join(format!("a{i}.txt")),
            format!("{title}\n\n{}\n", paragraphs.join("\n\n")),
        )
        .unwrap();
    }
    let links: String = titles
        .iter()
        .enumerate()
        .map(|(i, t)| format!("<li><a href=\"/a{i}.html\">{}</a></li>", escape(t)))
        .collect();
    std::fs::write(
        site.join("index.html"),
        format!("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Sciences | Vietnam+</title></head><body><nav><a href=\"/index.html\">Accueil</a></nav><h1>Sciences</h1><ul>{links}</ul><footer>© Vietnam+</footer></body></html>"),
    )
    .unwrap();
    std::fs::write(site.join("analytics.js"), "var x = 1;").unwrap();

    let crawl = dir.join("crawl");
    let o = Command::new(wget)
        .args([
            "--recursive",
            "--level=2",
            "--no-verbose",
            "--tries=1",
            "--timeout=10",
        ])
        .arg(format!("--warc-file={}", crawl.display()))
        .arg("--directory-prefix")
        .arg(dir.join("mirror"))
        .arg(format!("{base}/index.html"))
        .output()
        .unwrap();
    let warc = dir.join("crawl.warc.gz");
    assert!(
        warc.exists(),
        "wget wrote no archive: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    let web_store = dir.join("web-store");
    let o = vnkg(
        &["build", "--no-analytics", warc.to_str().unwrap()],
        &web_store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let n = stories.len();
    assert!(
        out.contains(&format!("articles      {n} read, {n} in store")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} HTML page(s)", n + 1))
            && out.contains("1 page(s) without an article skipped"),
        "the index page is skipped and counted: {out}"
    );
    if std::env::var("VNKG_KEEP_WEB").is_ok() {
        eprintln!("kept in {}", tmp.keep().display());
        return;
    }
    let plain_store = dir.join("plain-store");
    let o = vnkg(
        &["build", "--no-analytics", plain.to_str().unwrap()],
        &plain_store,
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let (web_entities, web_partnerships) = graph_facts(&web_store);
    let (plain_entities, plain_partnerships) = graph_facts(&plain_store);
    assert!(plain_entities.len() > 20 && !plain_partnerships.is_empty());
    let diff = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
        (
            a.difference(b).cloned().collect::<Vec<_>>(),
            b.difference(a).cloned().collect::<Vec<_>>(),
        )
    };
    let none = (vec![], vec![]);
    assert_eq!(
        diff(&web_entities, &plain_entities),
        none,
        "entities only from the crawl, only from the text"
    );
    assert_eq!(
        diff(&web_partnerships, &plain_partnerships),
        none,
        "partnerships"
    );

    // dated by the pages' metadata, identified and sourced by their canonical URLs
    let dates = set(
        &web_store,
        "SELECT ?d WHERE { ?a a vnkg:Article ; dcterms:date ?d }",
    );
    let want: BTreeSet<String> = (0..n).map(|i| format!("2024-0{}-15", i + 1)).collect();
    assert_eq!(dates, want);
    let urls = set(
        &web_store,
        "SELECT ?u WHERE { ?a a vnkg:Article ; dcterms:source ?u }",
    );
    let want: BTreeSet<String> = (0..n).map(|i| format!("{base}/a{i}.html")).collect();
    assert_eq!(urls, want);
    // nothing of the site's trappings reached the text
    let noise = set(
        &web_store,
        "SELECT ?t WHERE { ?s vnkg:inStory ?st ; vnkg:text ?t FILTER(CONTAINS(?t, 'cookies') || CONTAINS(?t, 'Tous droits') || CONTAINS(?t, 'Facebook') || CONTAINS(?t, 'Accueil')) }",
    );
    assert!(noise.is_empty(), "{noise:?}");

    // crawled again: the same pages are the same articles, nothing added or changed
    let article_quads = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/article/')) } GROUP BY ?g";
    let before = set(&web_store, article_quads);
    let o = vnkg(&["ingest", warc.to_str().unwrap()], &web_store);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        set(&web_store, "SELECT ?a WHERE { ?a a vnkg:Article }").len(),
        n
    );
    assert_eq!(set(&web_store, article_quads), before);
}

/// One WARC record (WARC/1.0 headers and a block), as crawlers write them.
fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-05-12T08:30:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        url.len() * 7919 + block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Each record in its own gzip member, as `wget --warc-file` writes them.
fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut e = libflate::gzip::Encoder::new(Vec::new()).unwrap();
        e.write_all(r).unwrap();
        out.extend(e.finish().into_result().unwrap());
    }
    out
}

fn news_page(n: usize) -> Vec<u8> {
    let (title, paragraphs) = &main_stories()[n];
    page("http://vnkg.test", n, title, paragraphs, &[]).into_bytes()
}

/// `vnkg ingest FILE` into a fresh store: exit code, stderr, and the articles in the store.
fn ingest_one(file: &Path) -> (Option<i32>, String, usize) {
    let dir = tempdir();
    let store = dir.path().join("store");
    let o = vnkg(&["ingest", file.to_str().unwrap()], &store);
    let n = if store.exists() {
        set(&store, "SELECT ?a WHERE { ?a a vnkg:Article }").len()
    } else {
        0
    };
    (o.status.code(), stderr(&o).trim().to_string(), n)
}

#[test]
fn bad_web_archives_and_pages_are_refused_clearly_and_the_good_pages_kept() {
    let dir = tempdir();
    let d = dir.path();
    let good = [
        record(
            "response",
            "http://vnkg.test/a0.html",
            &http("text/html; charset=utf-8", &news_page(0)),
        ),
        record(
            "response",
            "http://vnkg.test/a1.html",
            &http("text/html; charset=utf-8", &news_page(1)),
        ),
        record(
            "response",
            "http://vnkg.test/a4.html",
            &http("text/html; charset=utf-8", &news_page(4)),
        ),
    ];
    // a crawl cut short: the third record's member loses its end
    let whole = gzip_members(&good);
    let two = gzip_members(&good[..2]).len();
    let cut = d.join("cut.warc.gz");
    std::fs::write(&cut, &whole[..two + (whole.len() - two) / 2]).unwrap();
    let (code, err, n) = ingest_one(&cut);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(
        err,
        format!("error: {}: ends in the middle of a record (a truncated or damaged archive) (2 good record(s) read)", cut.display())
    );
    assert_eq!(n, 2, "the pages before the cut are loaded");

    // an archive of requests, robots.txt and an image
    let other = d.join("other.warc");
    let mut bytes = record(
        "request",
        "http://vnkg.test/",
        b"GET / HTTP/1.1\r\nHost: vnkg.test\r\n\r\n",
    );
    bytes.extend(record(
        "response",
        "http://vnkg.test/robots.txt",
        &http("text/plain", b"User-agent: *\n"),
    ));
    bytes.extend(record(
        "response",
        "http://vnkg.test/logo.png",
        &http("image/png", b"\x89PNG\r\n\x1a\n"),
    ));
    std::fs::write(&other, bytes).unwrap();
    let (code, err, n) = ingest_one(&other);
    assert_eq!((code, n), (Some(2), 0), "{err}");
    assert_eq!(
        err,
        format!("error: {}: holds no HTML page (only requests, metadata, images or other records) (3 good record(s) read)", other.display())
    );

    // an .html file that is really an image
    let fake = d.join("photo.html");
    std::fs::write(
        &fake,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    )
    .unwrap();
    let (code, err, _) = ingest_one(&fake);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "error: {}: looks like a binary file (NUL byte at byte 8), not an article",
            fake.display()
        )
    );

    // a page over the size limit inside an archive: that page is refused, the others kept
    let mut big_page = news_page(2);
    big_page.extend(std::iter::repeat_n(b' ', 20_000));
    let mixed = d.join("mixed.warc");
    let mut bytes = good[0].clone();
    bytes.extend(record(
        "response",
        "http://vnkg.test/big.html",
        &http("text/html", &big_page),
    ));
    std::fs::write(&mixed, bytes).unwrap();
    let store = d.join("store");
    let o = vnkg(
        &["ingest", "--max-bytes", "15000", mixed.to_str().unwrap()],
        &store,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let size = http("text/html", &big_page).len();
    assert_eq!(
        stderr(&o).trim(),
        format!("error: {}#http://vnkg.test/big.html: file is {size} bytes, over the 15000-byte limit for one article (raise it with --max-bytes)", mixed.display())
    );
    assert_eq!(
        set(&store, "SELECT ?a WHERE { ?a a vnkg:Article }").len(),
        1
    );
}

/// `DIR/twice.warc`: one page captured twice (the later URL with a tracking parameter).
fn crawled_twice(dir: &Path, first: &[u8], later: &[u8]) -> PathBuf {
    let warc = dir.join("twice.warc");
    let mut bytes = record(
        "response",
        "http://vnkg.test/a1.html",
        &http("text/html; charset=utf-8", first),
    );
    bytes.extend(record(
        "response",
        "http://vnkg.test/a1.html?utm=x",
        &http("text/html; charset=utf-8", later),
    ));
    std::fs::write(&warc, bytes).unwrap();
    warc
}

#[test]
fn a_page_crawled_twice_is_one_article_and_the_later_text_wins() {
    let dir = tempdir();
    let first = news_page(1);
    let later = String::from_utf8(first.clone())
        .unwrap()
        .replace("</div>\n<div class=\"share", "<p>Mise à jour : le Centre d'innovation Vietnam-Singapour ouvrira ses portes en 2026 à Binh Duong, selon le Comité populaire de la province.</p>\n</div>\n<div class=\"share");
    assert_ne!(later.as_bytes(), first.as_slice());
    let warc = crawled_twice(dir.path(), &first, later.as_bytes());
    let store = dir.path().join("store");
    let o = vnkg(&["build", "--no-analytics", warc.to_str().unwrap()], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 page(s) crawled again (1 with changed text, the later kept)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        set(&store, "SELECT ?a WHERE { ?a a vnkg:Article }").len(),
        1
    );
    let update = set(
        &store,
        "SELECT ?t WHERE { ?s vnkg:inStory ?st ; vnkg:text ?t FILTER(CONTAINS(?t, 'Mise à jour')) }",
    );
    assert_eq!(update.len(), 1, "the later capture's text is the article's");
}

/// A first build into an empty store skips the search for graphs to prune and teasers no
/// article carries (the run wrote them all), except when a later capture replaced a page:
/// the teaser only the earlier capture carried must go.
#[test]
fn a_teaser_only_the_earlier_capture_carried_is_dropped_from_a_fresh_store() {
    let dir = tempdir();
    let (title, paragraphs) = &main_stories()[1];
    let teaser = "Le Vietnam et la Finlande renforcent leur coopération en éducation numérique";
    let mut with_teaser = paragraphs.clone();
    with_teaser.extend([
        "Voir plus".to_string(),
        teaser.to_string(),
        "Les deux pays ont échangé sur les moyens de promouvoir leurs relations dans ce domaine."
            .to_string(),
    ]);
    let first = page("http://vnkg.test", 1, title, &with_teaser, &[]);
    let later = page("http://vnkg.test", 1, title, paragraphs, &[]);
    let q = format!("SELECT ?st WHERE {{ ?st dcterms:title '{teaser}'@fr }}");
    let teaser_graphs =
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/vnkg/graph/story/')) }";

    // the first capture alone: its teaser has a graph of its own
    let once = dir.path().join("once.warc");
    std::fs::write(
        &once,
        record(
            "response",
            "http://vnkg.test/a1.html",
            &http("text/html; charset=utf-8", first.as_bytes()),
        ),
    )
    .unwrap();
    let store = dir.path().join("store-once");
    let o = vnkg(&["build", "--no-analytics", once.to_str().unwrap()], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(set(&store, &q).len(), 1, "the teaser is read from the page");
    assert_eq!(set(&store, teaser_graphs).len(), 1);

    // both captures into a fresh store: the later one, without the teaser, wins
    let twice = crawled_twice(dir.path(), first.as_bytes(), later.as_bytes());
    let store = dir.path().join("store-twice");
    let o = vnkg(
        &["build", "--no-analytics", twice.to_str().unwrap()],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 with changed text"), "{}", stdout(&o));
    assert!(set(&store, &q).is_empty(), "{:?}", set(&store, &q));
    assert!(
        set(&store, teaser_graphs).is_empty(),
        "{:?}",
        set(&store, teaser_graphs)
    );
}
