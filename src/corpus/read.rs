//! Turning bytes into article text, or a clear refusal.

use crate::{Error, Result};
use std::io::Read;
use std::path::Path;

/// One article is a few kilobytes; anything this large is almost surely not an article.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The bytes of one input file, refused when it is a directory or over the size limit.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    // one path lookup: the size and kind come from the open file
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(Error::Data {
            path: path.to_path_buf(),
            message: "is a directory, expected an article file".into(),
        });
    }
    if meta.len() > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 — the usual legacy
/// encoding of French text — and refuses binary data. (HTML pages go to `html.rs` before.)
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str)> {
    let p = || path.to_path_buf();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: p() });
    }
    let (text, enc) = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, _, bad) = enc.decode(&bytes[bom..]);
        if bad {
            return Err(Error::Binary {
                path: p(),
                reason: format!("invalid {} data", enc.name()),
            });
        }
        (t.into_owned(), enc.name())
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), "UTF-8")
    } else {
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                path: p(),
                reason: format!("NUL byte at byte {at}"),
            });
        }
        let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        (t.into_owned(), "windows-1252")
    };
    if let Some(at) = text.find('\0') {
        return Err(Error::Binary {
            path: p(),
            reason: format!("NUL byte at character {}", text[..at].chars().count()),
        });
    }
    let stray = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}');
    let control = text.chars().filter(|&c| stray(c)).count();
    let total = text.chars().count().max(1);
    if control * 100 > total {
        return Err(Error::Binary {
            path: p(),
            reason: format!("{control} control characters"),
        });
    }
    if text.trim().is_empty() {
        return Err(Error::Empty { path: p() });
    }
    // a stray control character (copy-paste debris) becomes a space: one character for one,
    // so offsets still point into the text as read, and no label carries one into XML
    let text = if control > 0 {
        text.chars()
            .map(|c| if stray(c) { ' ' } else { c })
            .collect()
    } else {
        text
    };
    Ok((text, enc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_french() {
        let bytes = b"La coop\xe9ration franco-vietnamienne \xe0 Hano\xef.";
        let (t, enc) = decode(Path::new("x.txt"), bytes).unwrap();
        assert_eq!(t, "La coopération franco-vietnamienne à Hanoï.");
        assert_eq!(enc, "windows-1252");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(
            decode(Path::new("x"), b"\x00\x01\x02\xff\xfe\x00"),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(
            decode(Path::new("x"), b"  \n "),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn stray_control_characters_become_spaces_one_for_one() {
        let tail = " Le texte continue.".repeat(20);
        let text = format!("Le Vietnam\u{1} et la France ont sign\u{7f}é un accord.{tail}");
        let (t, _) = decode(Path::new("x"), text.as_bytes()).unwrap();
        assert_eq!(
            t,
            format!("Le Vietnam  et la France ont sign é un accord.{tail}")
        );
        assert_eq!(t.chars().count(), text.chars().count());
    }
}
