//! Reading articles: decode the file, split it into stories, drop page noise, split sentences.
//!
//! All positions are byte ranges into [`Article::text`] (the decoded file), so every fact can
//! point back at the exact characters it came from.

pub mod generate;
pub mod html;
mod read;
mod segment;
mod sentences;
pub mod warc;

pub use read::{decode, read_bytes, DEFAULT_MAX_BYTES};
pub use segment::segment;
pub use sentences::split_sentences;

use std::ops::Range;
use std::path::{Path, PathBuf};

/// One article file, decoded and segmented.
#[derive(Debug, Clone)]
pub struct Article {
    /// Stable identifier derived from the file name (used in IRIs).
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    /// Encoding the bytes were decoded from ("UTF-8", "windows-1252", ...).
    pub encoding: &'static str,
    pub title: Option<Range<usize>>,
    /// From a `source:` header line, when the file has one.
    pub source_url: Option<String>,
    /// From a `date:` header line, when the file has one.
    pub date: Option<String>,
    /// The language the text is in: "fr" unless a web page says otherwise.
    pub lang: String,
    pub stories: Vec<Story>,
    /// Hash of the raw text: tells whether a re-ingested file changed.
    pub content_hash: String,
}

/// A story: the main story of the file, a story pasted after it, or a "Voir plus" teaser.
#[derive(Debug, Clone)]
pub struct Story {
    pub is_teaser: bool,
    pub title: Option<Range<usize>>,
    pub dateline: Option<Dateline>,
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Range<usize>>,
    /// Content hash of the normalised text: the same teaser in two files is one story.
    pub hash: String,
    /// Dates as written ("14 avril", "31 juillet 1992").
    pub dates: Vec<Range<usize>>,
}

/// "Hô Chi Minh-Ville (VNA) -": where and by whom the story was filed.
#[derive(Debug, Clone)]
pub struct Dateline {
    pub place: String,
    pub agency: String,
    pub range: Range<usize>,
}

impl Article {
    /// Reads, decodes and segments one file: a text file, or a saved web page (by its name,
    /// or by its first bytes when a page was saved as `.txt`).
    pub fn from_file(path: &Path, max_bytes: u64) -> crate::Result<Article> {
        let bytes = read_bytes(path, max_bytes)?;
        if is_html_path(path) || html::looks_like_html(&bytes) {
            return Article::from_html(path, &bytes, None, None);
        }
        let (text, encoding) = decode(path, &bytes)?;
        Ok(Article::from_text(path, text, encoding))
    }

    /// A web page: its article text, in the form of a text file (title, `source:`, `date:`,
    /// paragraphs), identified by its canonical URL (else the URL it was fetched from, else
    /// the file name). `http_charset` is the charset the server sent; `fetched_from` the URL.
    pub fn from_html(
        path: &Path,
        bytes: &[u8],
        http_charset: Option<&str>,
        fetched_from: Option<&str>,
    ) -> crate::Result<Article> {
        let (text, encoding) = html::decode(path, bytes, http_charset)?;
        let page = html::read_page(path, &text, fetched_from)?;
        let mut a = Article::from_text(path, page.to_text(), encoding);
        if let Some(u) = &page.url {
            a.id = web_article_id(u);
        }
        if let Some(l) = page.lang {
            a.lang = l;
        }
        Ok(a)
    }

    pub fn from_text(path: &Path, text: String, encoding: &'static str) -> Article {
        let id = article_id(path);
        let content_hash = crate::text::short_hash(&[&text]);
        let mut a = Article {
            id,
            path: path.to_path_buf(),
            text,
            encoding,
            title: None,
            source_url: None,
            date: None,
            lang: "fr".into(),
            stories: Vec::new(),
            content_hash,
        };
        segment(&mut a);
        a
    }

    pub fn slice(&self, r: &Range<usize>) -> &str {
        &self.text[r.clone()]
    }

    pub fn title_text(&self) -> Option<&str> {
        self.title.as_ref().map(|r| self.slice(r))
    }
}

/// One input of a run: a file (text or web page), or a page read from a web archive.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Capture(warc::Capture),
}

impl Input {
    /// How errors and provenance name it.
    pub fn path(&self) -> PathBuf {
        match self {
            Input::File(p) => p.clone(),
            Input::Capture(c) => c.path(),
        }
    }

    /// Reads, decodes and segments it.
    pub fn read(&self, max_bytes: u64) -> crate::Result<Article> {
        match self {
            Input::File(p) => Article::from_file(p, max_bytes),
            Input::Capture(c) => {
                Article::from_html(&c.path(), &c.body, c.charset.as_deref(), Some(&c.url))
            }
        }
    }

    /// A page of a crawl: one without an article (an index page, a section front) is
    /// counted, not an error.
    pub fn is_capture(&self) -> bool {
        matches!(self, Input::Capture(_))
    }
}

/// The inputs of a run, in order: each file, or the pages of each web archive as they are
/// read. A web archive that cannot be read (or is cut short) gives its error after its pages.
pub fn inputs(
    files: Vec<PathBuf>,
    max_bytes: u64,
    counts: std::sync::Arc<std::sync::Mutex<warc::WarcCounts>>,
) -> impl Iterator<Item = crate::Result<Input>> + Send {
    files.into_iter().flat_map(move |f| {
        let it: Box<dyn Iterator<Item = crate::Result<Input>> + Send> = if is_warc_path(&f) {
            Box::new(warc::captures(&f, max_bytes, counts.clone()).map(|r| r.map(Input::Capture)))
        } else {
            Box::new(std::iter::once(Ok(Input::File(f))))
        };
        it
    })
}

/// Identifier of a web article from its URL: readable (host and path) and unique (a hash of
/// the whole URL), so the same page crawled twice is one article.
pub fn web_article_id(url: &str) -> String {
    let bare = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_end_matches('/');
    let mut readable = crate::text::slug(bare);
    if readable.len() > 80 {
        let mut cut = 80;
        while !readable.is_char_boundary(cut) {
            cut -= 1;
        }
        readable.truncate(cut);
    }
    let hash = crate::text::short_hash(&[url]);
    format!("{}-{}", readable.trim_end_matches('-'), &hash[..8])
}

/// Saved web pages, by name.
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Web archives, by name (`.warc`, `.warc.gz`).
pub fn is_warc_path(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Identifier from the file stem: stable across runs and machines.
pub fn article_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "article".into());
    crate::text::slug(&stem)
}

/// Lists article files under the given paths (directories are walked, `.txt` files kept),
/// sorted so builds are deterministic.
pub fn list_article_files(paths: &[PathBuf]) -> crate::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| crate::Error::Io {
            path: p.clone(),
            source: e,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            if found.is_empty() {
                return Err(crate::Error::NoArticles { path: p.clone() });
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> crate::Result<()> {
    let rd = std::fs::read_dir(dir).map_err(|e| crate::Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    for entry in rd {
        let entry = entry.map_err(|e| crate::Error::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") || is_html_path(&p) || is_warc_path(&p)
        {
            out.push(p);
        }
    }
    Ok(())
}
