//! Saved web pages: the article's text, paragraph by paragraph, and what the page says about
//! itself (title, publication date, canonical URL, site, language).
//!
//! The main text comes from dom_smoothie, a port of Mozilla's Readability: navigation, related
//! stories, share buttons, cookie banners, scripts and footers never reach the extractor. The
//! page becomes the same text file a user would have saved by hand (title, `source:`, `date:`,
//! blank line, paragraphs), so offsets point into that text and everything downstream reads it
//! like any other article.

use crate::{Error, Result};
use std::path::Path;

/// What a page says about itself, and its article text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// Paragraphs, each on one line.
    pub paragraphs: Vec<String>,
    /// The publication date, as `YYYY-MM-DD` when the page gives a full date.
    pub date: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, `og:url`), else the URL it was fetched from.
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
}

impl Page {
    /// The page as an article text file: title, `source:`, `date:`, blank line, paragraphs.
    pub fn to_text(&self) -> String {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut t = String::new();
        t.push_str(&one_line(self.title.as_deref().unwrap_or("")));
        t.push_str("\nsource: ");
        t.push_str(self.url.as_deref().unwrap_or(""));
        t.push_str("\ndate: ");
        t.push_str(self.date.as_deref().unwrap_or("unknown"));
        t.push('\n');
        for p in &self.paragraphs {
            t.push('\n');
            t.push_str(p);
            t.push('\n');
        }
        t
    }
}

/// Whether bytes look like an HTML page (for files named `.txt` that are really pages).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(300)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || head.starts_with("<!--") && head.contains("<html")
}

/// Decodes a page: a byte-order mark first, then the charset the server sent, then the one
/// the page declares in a `<meta>`, else UTF-8 or Windows-1252. Bytes that are not what the
/// charset says are refused, except a page declaring a legacy charset that is valid UTF-8 with
/// accents (a common server mistake), which is read as UTF-8.
pub fn decode(
    path: &Path,
    bytes: &[u8],
    http_charset: Option<&str>,
) -> Result<(String, &'static str)> {
    let refuse = |message: String| Error::Charset {
        path: path.to_path_buf(),
        message,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    binary_check(path, bytes)?;
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, _, bad) = enc.decode(&bytes[bom..]);
        if bad {
            return Err(refuse(format!(
                "starts with a {} byte-order mark but is not valid {}",
                enc.name(),
                enc.name()
            )));
        }
        return Ok((t.into_owned(), enc.name()));
    }
    let declared = http_charset
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    let utf8 = std::str::from_utf8(bytes);
    match declared {
        Some(label) => {
            let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| refuse(format!("declares an unknown charset '{label}'")))?;
            if enc != encoding_rs::UTF_8 && !enc.is_single_byte() {
                // UTF-16 without a byte-order mark, Shift_JIS, GBK ...: decode and check
                let (t, bad) = enc.decode_without_bom_handling(bytes);
                if bad {
                    return Err(refuse(format!(
                        "declares charset {} but is not valid {}",
                        enc.name(),
                        enc.name()
                    )));
                }
                return Ok((t.into_owned(), enc.name()));
            }
            if enc == encoding_rs::UTF_8 {
                return match utf8 {
                    Ok(s) => Ok((s.to_string(), "UTF-8")),
                    Err(e) => Err(refuse(format!(
                        "declares charset UTF-8 but byte {} is not valid UTF-8",
                        e.valid_up_to()
                    ))),
                };
            }
            match utf8 {
                Ok(s) if !s.is_ascii() => Ok((s.to_string(), "UTF-8")),
                _ => Ok((
                    enc.decode_without_bom_handling(bytes).0.into_owned(),
                    enc.name(),
                )),
            }
        }
        None => Ok(match utf8 {
            Ok(s) => (s.to_string(), "UTF-8"),
            Err(_) => (
                encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
                "windows-1252",
            ),
        }),
    }
}

fn binary_check(path: &Path, bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 pages have NULs too, but they start with a byte-order mark
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        if let Some(at) = head.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                path: path.to_path_buf(),
                reason: format!("NUL byte at byte {at}"),
            });
        }
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 100 > head.len().max(1) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            reason: format!(
                "{control} control characters in its first {} bytes",
                head.len()
            ),
        });
    }
    Ok(())
}

/// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">` in
/// the first 2 KB, as browsers look for it.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    static META: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::text::regex(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#)
    });
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    META.captures(&head).map(|c| c[1].to_string())
}

/// Reads a decoded page. `fetched_from` is the URL the page was fetched from (a crawl's
/// record), used when the page names no canonical URL and to resolve a relative one.
pub fn read_page(path: &Path, html: &str, fetched_from: Option<&str>) -> Result<Page> {
    let no_article = |reason: String| Error::NoArticle {
        path: path.to_path_buf(),
        reason,
    };
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let base = fetched_from.filter(|u| url::Url::parse(u).is_ok());
    let mut r = dom_smoothie::Readability::new(html, base, Some(cfg))
        .map_err(|e| no_article(e.to_string()))?;
    // Readability's own test: paragraphs of running text, not lists of links
    if !r.is_probably_readable() {
        return Err(no_article(
            "no paragraph of running text: an index page or a list of links".into(),
        ));
    }
    let (canonical, time) = own_metadata(html);
    let article = r.parse().map_err(|e| no_article(e.to_string()))?;
    let paragraphs: Vec<String> = article
        .text_content
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let words: usize = paragraphs.iter().map(|p| p.split(' ').count()).sum();
    if words < MIN_WORDS {
        return Err(no_article(format!(
            "{words} words of running text, fewer than {MIN_WORDS}"
        )));
    }
    let resolve = |u: &str| -> Option<String> {
        match base.and_then(|b| url::Url::parse(b).ok()) {
            Some(b) => b.join(u).ok().map(|u| u.to_string()),
            None => url::Url::parse(u).ok().map(|u| u.to_string()),
        }
    };
    let url = canonical
        .as_deref()
        .and_then(resolve)
        .or_else(|| article.url.as_deref().and_then(resolve))
        .or_else(|| base.map(str::to_string));
    let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    let date = article
        .published_time
        .clone()
        .or(time)
        .map(|d| iso_date(&d));
    Ok(Page {
        title,
        paragraphs,
        date,
        url,
        site_name: article.site_name.clone().filter(|s| !s.trim().is_empty()),
        lang: article.lang.clone().filter(|s| !s.trim().is_empty()),
    })
}

/// Fewer words than this is a section front, a gallery or a login page, not an article.
pub const MIN_WORDS: usize = 40;

/// What Readability does not read: the canonical link, and a `<time datetime>` for pages with
/// no published-time metadata.
fn own_metadata(html: &str) -> (Option<String>, Option<String>) {
    let doc = dom_query::Document::from(html);
    let attr = |sel: &str, name: &str| {
        doc.select(sel)
            .iter()
            .find_map(|n| n.attr(name).map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
    };
    let canonical = attr(r#"link[rel="canonical"]"#, "href")
        .or_else(|| attr(r#"meta[property="og:url"]"#, "content"));
    let time = attr(r#"meta[property="article:published_time"]"#, "content")
        .or_else(|| attr("time[datetime]", "datetime"));
    (canonical, time)
}

/// `2020-03-13T18:50:00+01:00` → `2020-03-13`; anything else as written.
fn iso_date(d: &str) -> String {
    let d = d.trim();
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
    {
        d[..10].to_string()
    } else {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le Vietnam et le Japon renforcent leur coopération | VietnamPlus</title>
<meta property="og:site_name" content="VietnamPlus">
<meta property="article:published_time" content="2024-05-12T08:30:00+07:00">
<link rel="canonical" href="/vietnam-japon-cooperation-123.vnp">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/economie">Économie</a></nav>
<div class="cookie-banner">Nous utilisons des cookies. Accepter</div>
<article><h1>Le Vietnam et le Japon renforcent leur coopération</h1>
<p>Hanoi (VNA) - Le ministre des Sciences et des Technologies a reçu mardi à Hanoi une délégation de l'Agence japonaise de coopération internationale, venue discuter de nouveaux projets communs.</p>
<p>Les deux parties ont convenu de renforcer leur coopération dans les semi-conducteurs, l'intelligence artificielle et la formation de ressources humaines de haute qualité au cours des prochaines années.</p>
<p>Selon le ministre, le Japon est l'un des premiers partenaires du Vietnam en matière de sciences et de technologies, avec plus de deux cents projets menés ensemble depuis vingt ans dans les universités et les instituts de recherche.</p>
<p>La délégation japonaise a visité le parc de haute technologie de Hoa Lac et rencontré des chercheurs de l'Académie des sciences et des technologies du Vietnam.</p>
<div class="share"><a href="https://facebook.com/share">Partager sur Facebook</a> <a href="https://twitter.com/share">Twitter</a></div>
</article>
<aside class="related"><h3>Voir plus</h3><ul><li><a href="/a">Le Vietnam et la France signent un accord</a></li><li><a href="/b">Forum de l'innovation à Hô Chi Minh-Ville</a></li></ul></aside>
<footer>© VietnamPlus 2024. Tous droits réservés.</footer>
<script>var tracking = "never in the text";</script>
</body></html>"#;

    #[test]
    fn keeps_the_story_its_paragraphs_and_what_the_page_says_about_itself() {
        let p = read_page(
            Path::new("p.html"),
            PAGE,
            Some("https://fr.vietnamplus.vn/monde/x"),
        )
        .unwrap();
        let text = p.paragraphs.join("\n");
        assert!(text.contains("Hanoi (VNA) - Le ministre"), "{text}");
        assert_eq!(
            p.paragraphs
                .iter()
                .filter(|l| l.contains("Les deux parties ont convenu"))
                .count(),
            1,
            "{:?}",
            p.paragraphs
        );
        for noise in [
            "Accueil",
            "cookies",
            "Partager",
            "Voir plus",
            "Tous droits",
            "tracking",
            "Forum de l'innovation",
        ] {
            assert!(!text.contains(noise), "{noise} reached the text: {text}");
        }
        assert_eq!(
            p.title.as_deref(),
            Some("Le Vietnam et le Japon renforcent leur coopération")
        );
        assert_eq!(p.date.as_deref(), Some("2024-05-12"));
        assert_eq!(
            p.url.as_deref(),
            Some("https://fr.vietnamplus.vn/vietnam-japon-cooperation-123.vnp")
        );
        assert_eq!(p.site_name.as_deref(), Some("VietnamPlus"));
        assert_eq!(p.lang.as_deref(), Some("fr"));
        let t = p.to_text();
        assert!(t.starts_with("Le Vietnam et le Japon renforcent leur coopération\nsource: https://fr.vietnamplus.vn/vietnam-japon-cooperation-123.vnp\ndate: 2024-05-12\n\nHanoi (VNA)"), "{t}");
    }

    #[test]
    fn a_page_with_no_article_is_refused() {
        let index = r#"<html><head><title>Monde</title></head><body><nav><a href="/a">Un</a> <a href="/b">Deux</a></nav><ul><li><a href="/c">Le Vietnam et la France</a></li></ul></body></html>"#;
        assert!(matches!(
            read_page(Path::new("i.html"), index, None),
            Err(Error::NoArticle { .. })
        ));
    }

    #[test]
    fn charsets_are_decoded_or_refused() {
        let latin1 =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>coop\xe9ration</body></html>";
        assert!(decode(Path::new("a.html"), latin1, None)
            .unwrap()
            .0
            .contains("coopération"));
        // declared Latin-1, really UTF-8: read as UTF-8, no "Ã©"
        let mislabelled =
            "<html><head><meta charset=\"iso-8859-1\"></head><body>coopération</body></html>";
        assert!(decode(Path::new("b.html"), mislabelled.as_bytes(), None)
            .unwrap()
            .0
            .contains("coopération"));
        // the server's charset wins over the page's
        assert!(decode(Path::new("c.html"), latin1, Some("windows-1252"))
            .unwrap()
            .0
            .contains("coopération"));
        let bad = b"<html><head><meta charset=\"utf-8\"></head><body>coop\xe9ration</body></html>";
        assert!(matches!(
            decode(Path::new("d.html"), bad, None),
            Err(Error::Charset { .. })
        ));
        assert!(matches!(
            decode(Path::new("e.html"), b"<html>x</html>", Some("klingon")),
            Err(Error::Charset { .. })
        ));
        let binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";
        assert!(matches!(
            decode(Path::new("f.html"), binary, None),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn sniffs_pages() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<HTML><body>"));
        assert!(!looks_like_html(b"Le Vietnam et le Japon\n\nHanoi (VNA) -"));
    }
}
