//! Web archives (WARC, as `wget --warc-file`, Heritrix, Browsertrix and Common Crawl write
//! them): the HTML responses, read record by record with the `warc` crate, so memory holds a
//! few records whatever the archive's size.
//!
//! A thread reads the archive and hands the pages over through a bounded channel: the
//! crate's streaming reader borrows its source, and the channel turns it into an iterator the
//! build's pipeline can pull chunks from.

use crate::{Error, Result};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One HTML page as the crawler received it.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The archive it was read from.
    pub warc: PathBuf,
    /// `WARC-Target-URI`: the URL fetched.
    pub url: String,
    /// The charset of the response's `Content-Type`, if it says one.
    pub charset: Option<String>,
    /// The HTML, de-chunked and decompressed.
    pub body: Vec<u8>,
}

impl Capture {
    /// How errors and provenance name it: the archive and the URL.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(format!("{}#{}", self.warc.display(), self.url))
    }
}

/// What reading the archives met, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcCounts {
    pub records: usize,
    /// HTML responses handed on.
    pub pages: usize,
    /// Requests, metadata, images, robots.txt, redirects, errors ...: skipped.
    pub other: usize,
}

/// The HTML pages of one archive, in order. A record over `max_bytes` is reported and
/// skipped; an archive cut short ends with one error after the pages read before the cut.
pub fn captures(
    path: &Path,
    max_bytes: u64,
    counts: Arc<Mutex<WarcCounts>>,
) -> impl Iterator<Item = Result<Capture>> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Capture>>(8);
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let send = |r: Result<Capture>| tx.send(r).is_ok();
        let opened = open(&path);
        let result = match opened {
            Ok(Source::Plain(r)) => read_all(&path, r, max_bytes, &counts, &send),
            Ok(Source::Gzip(r)) => read_all(&path, r, max_bytes, &counts, &send),
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            send(Err(e));
        }
    });
    rx.into_iter()
}

enum Source {
    Plain(warc::WarcReader<std::io::BufReader<std::fs::File>>),
    Gzip(
        warc::WarcReader<
            std::io::BufReader<libflate::gzip::MultiDecoder<std::io::BufReader<std::fs::File>>>,
        >,
    ),
}

/// Gzip by its magic bytes, whatever the name says.
fn open(path: &Path) -> Result<Source> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let mut magic = [0u8; 2];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .map_err(io)?;
    if n == 2 && magic == [0x1f, 0x8b] {
        warc::WarcReader::from_path_gzip(path)
            .map(Source::Gzip)
            .map_err(|e| warc_error(path, 0, &format!("not a gzip file ({e})")))
    } else {
        let f = std::fs::File::open(path).map_err(io)?;
        Ok(Source::Plain(warc::WarcReader::new(
            std::io::BufReader::new(f),
        )))
    }
}

fn warc_error(path: &Path, records: usize, message: &str) -> Error {
    Error::Warc {
        path: path.to_path_buf(),
        records,
        message: message.to_string(),
    }
}

fn read_all<R: BufRead>(
    path: &Path,
    mut reader: warc::WarcReader<R>,
    max_bytes: u64,
    counts: &Mutex<WarcCounts>,
    send: &dyn Fn(Result<Capture>) -> bool,
) -> Result<()> {
    let mut stream = reader.stream_records();
    let mut good = 0;
    let mut pages = 0;
    let count = |f: &dyn Fn(&mut WarcCounts)| {
        if let Ok(mut c) = counts.lock() {
            f(&mut c)
        }
    };
    while let Some(item) = stream.next_item() {
        let record = item.map_err(|e| warc_error(path, good, &describe(&e)))?;
        count(&|c| c.records += 1);
        let url = record
            .header(warc::WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>']).to_string())
            .unwrap_or_default();
        let is_response = *record.warc_type() == warc::RecordType::Response;
        if !is_response || url.is_empty() {
            count(&|c| c.other += 1);
            good += 1;
            continue;
        }
        if record.content_length() > max_bytes {
            let c = Capture {
                warc: path.to_path_buf(),
                url,
                charset: None,
                body: Vec::new(),
            };
            count(&|c| c.other += 1);
            good += 1;
            if !send(Err(Error::TooLarge {
                path: c.path(),
                size: record.content_length(),
                limit: max_bytes,
            })) {
                return Ok(());
            }
            continue;
        }
        let record = record
            .into_buffered()
            .map_err(|e| warc_error(path, good, &format!("a record ends early ({e})")))?;
        good += 1;
        match http_page(record.body()) {
            Some((charset, body)) => {
                count(&|c| c.pages += 1);
                pages += 1;
                let c = Capture {
                    warc: path.to_path_buf(),
                    url,
                    charset,
                    body,
                };
                if !send(Ok(c)) {
                    return Ok(());
                }
            }
            None => count(&|c| c.other += 1),
        }
    }
    if pages == 0 {
        return Err(warc_error(
            path,
            good,
            "holds no HTML page (only requests, metadata, images or other records)",
        ));
    }
    Ok(())
}

fn describe(e: &warc::Error) -> String {
    match e {
        warc::Error::UnexpectedEOB | warc::Error::ReadData(_) => {
            "ends in the middle of a record (a truncated or damaged archive)".into()
        }
        warc::Error::ParseHeaders(_) => {
            "has a record whose WARC headers do not parse (not a WARC file, or damaged)".into()
        }
        other => format!("has a bad record: {other}"),
    }
}

/// The HTML of a successful HTTP response: its charset and body (de-chunked, decompressed);
/// None for anything else.
fn http_page(raw: &[u8]) -> Option<(Option<String>, Vec<u8>)> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let start = match resp.parse(raw) {
        Ok(httparse::Status::Complete(n)) => n,
        _ => return None,
    };
    if resp.code != Some(200) {
        return None;
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    if !content_type.contains("html") {
        return None;
    }
    let charset = content_type.split(';').find_map(|p| {
        p.trim()
            .strip_prefix("charset=")
            .map(|c| c.trim_matches('"').to_string())
    });
    let mut body = raw[start..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    match header("content-encoding").as_deref() {
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            libflate::gzip::Decoder::new(&body[..])
                .and_then(|mut d| d.read_to_end(&mut out))
                .ok()?;
            body = out;
        }
        Some("identity") | None => {}
        Some(_) => return None,
    }
    Some((charset, body))
}

/// The body of a chunked response, chunk sizes read by httparse.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let (at, size) = match httparse::parse_chunk_size(raw) {
            Ok(httparse::Status::Complete(x)) => x,
            _ => return None,
        };
        if size == 0 {
            return Some(out);
        }
        let end = at.checked_add(size as usize)?;
        out.extend_from_slice(raw.get(at..end)?);
        raw = raw.get(end..)?.strip_prefix(b"\r\n")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_pages_are_read_and_others_left_out() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<html>coop\xe9ration</html>";
        let (charset, body) = http_page(ok).unwrap();
        assert_eq!(charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(body, b"<html>coop\xe9ration</html>");
        assert!(http_page(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG").is_none());
        assert!(http_page(
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\nLocation: /x\r\n\r\n"
        )
        .is_none());
        let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<html>\r\n7\r\n</html>\r\n0\r\n\r\n";
        assert_eq!(http_page(chunked).unwrap().1, b"<html></html>");
    }
}
