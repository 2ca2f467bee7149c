//! Text normalisation shared by the reader, the gazetteer and the resolver: one folding for
//! every comparison, so "Hô-Chi-Minh-Ville", "Ho Chi Minh Ville" and "HÔ CHI MINH-VILLE" meet.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Text folded for matching, with a map from each folded byte back to the original byte.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// `map[i]` = byte offset in the original text of the char that produced folded byte `i`;
    /// one extra entry at the end maps the folded length to the original length.
    pub map: Vec<usize>,
}

impl Folded {
    /// Original byte range for a folded byte range.
    pub fn original_range(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let s = self.map[start];
        // The end maps to the start of the char after the last folded char.
        let last = self.map[end.saturating_sub(1).max(start)];
        let e = original[last..]
            .chars()
            .next()
            .map(|c| last + c.len_utf8())
            .unwrap_or(original.len());
        (s, e.max(s))
    }
}

fn push_folded(c: char, out: &mut String) {
    // most characters are ASCII letters, digits and punctuation: no decomposition needed
    if c.is_ascii() {
        match c {
            '-' | '_' | '`' => out.push(if c == '`' { '\'' } else { ' ' }),
            c if c.is_ascii_whitespace() => out.push(' '),
            c => out.push(c.to_ascii_lowercase()),
        }
        return;
    }
    match c {
        'đ' | 'Đ' => out.push('d'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '_' => out.push(' '),
        c if c.is_whitespace() => out.push(' '),
        c => {
            let mut any = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    any = true;
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                }
            });
            if !any {
                out.push(c);
            }
        }
    }
}

/// Folded forms of U+0080..U+024F (French and Vietnamese letters with diacritics), computed
/// once: canonical decomposition per character was a quarter of the time spent folding.
static LATIN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0x80u32..0x250)
        .map(|u| {
            let mut f = String::new();
            if let Some(c) = char::from_u32(u) {
                push_folded(c, &mut f);
            }
            f
        })
        .collect()
});

/// Fold case, diacritics, dashes and runs of white space.
pub fn fold(original: &str) -> Folded {
    let mut text = String::with_capacity(original.len());
    let mut map = Vec::with_capacity(original.len() + 1);
    fold_into(original, &mut text, Some(&mut map));
    map.push(original.len());
    Folded { text, map }
}

/// The folded text alone, for keys and comparisons that never map back (no offset table).
pub fn fold_text(original: &str) -> String {
    let mut text = String::with_capacity(original.len());
    fold_into(original, &mut text, None);
    text
}

fn fold_into(original: &str, text: &mut String, mut map: Option<&mut Vec<usize>>) {
    let mut buf = String::new();
    for (i, c) in original.char_indices() {
        // ASCII is most of the text: fold it here without the buffer
        if c.is_ascii() {
            let f = match c {
                '-' | '_' => ' ',
                '`' => '\'',
                c if c.is_ascii_whitespace() => ' ',
                c => c.to_ascii_lowercase(),
            };
            if f == ' ' && text.ends_with(' ') {
                continue;
            }
            text.push(f);
            if let Some(m) = map.as_deref_mut() {
                m.push(i);
            }
            continue;
        }
        let folded: &str = match LATIN.get((c as usize).wrapping_sub(0x80)) {
            Some(f) => f,
            None => {
                buf.clear();
                push_folded(c, &mut buf);
                &buf
            }
        };
        if folded == " " && text.ends_with(' ') {
            continue;
        }
        if let Some(m) = map.as_deref_mut() {
            m.extend(std::iter::repeat_n(i, folded.len()));
        }
        text.push_str(folded);
    }
}

/// Folded form of a label, trimmed: the key gazetteer entries and names are compared by.
pub fn fold_key(s: &str) -> String {
    let mut t = fold_text(s);
    t.truncate(t.trim_end().len());
    let lead = t.len() - t.trim_start().len();
    t.drain(..lead);
    t
}

/// ASCII slug for IRIs: folded, non-alphanumerics collapsed to '-'.
pub fn slug(s: &str) -> String {
    let folded = fold_text(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-');
    if t.is_empty() {
        "x".to_string()
    } else {
        t.chars()
            .take(90)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    }
}

/// Converts byte offsets into Unicode code point offsets (what Python's `str` indexes by).
pub struct CharIndex {
    /// Sorted byte offsets of every char start.
    starts: Vec<usize>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        CharIndex {
            starts: text.char_indices().map(|(i, _)| i).collect(),
            len_bytes: text.len(),
        }
    }
    pub fn char_offset(&self, byte: usize) -> usize {
        if byte >= self.len_bytes {
            return self.starts.len();
        }
        match self.starts.binary_search(&byte) {
            Ok(i) | Err(i) => i,
        }
    }
}

/// Short stable hash (hex) used for content-addressed IRIs.
pub fn short_hash(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let d = h.finalize();
    d.iter()
        .take(8)
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// The current UTC time as an xsd:dateTime lexical form ("2026-11-23T20:31:05Z").
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // civil date from days since 1970-01-01 (H. Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// True when the char is part of a word (for boundary checks on matches).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Compiles one of the extractor's own patterns. They are constants of this crate, compiled
/// on first use and all exercised by the tests, so a bad one is a bug caught before release,
/// never a reaction to input: the one place in the library allowed to panic on `Err`.
#[allow(clippy::expect_used)]
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("the crate's own regular expression")
}

/// A set of the crate's own patterns (see [`regex`]).
#[allow(clippy::expect_used)]
pub(crate) fn regex_set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> regex::RegexSet {
    regex::RegexSet::new(patterns).expect("the crate's own regular expressions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spellings_together() {
        assert_eq!(fold_key("Hô-Chi-Minh-Ville"), fold_key("Ho Chi Minh Ville"));
        assert_eq!(fold_key("Nguyên Manh Hung"), "nguyen manh hung");
        assert_eq!(fold_key("Đà Nẵng"), "da nang");
        assert_eq!(fold_key("main-d’œuvre"), "main d'oeuvre");
    }

    #[test]
    fn maps_folded_offsets_back() {
        let s = "à Hô-Chi-Minh-Ville (VNA)";
        let f = fold(s);
        let i = f.text.find("ho chi minh ville").unwrap();
        let (a, b) = f.original_range(i, i + "ho chi minh ville".len(), s);
        assert_eq!(&s[a..b], "Hô-Chi-Minh-Ville");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Résolution n°57-NQ/TW"), "resolution-n-57-nq-tw");
        assert_eq!(slug("Hô Chi Minh-Ville"), "ho-chi-minh-ville");
    }

    #[test]
    fn char_offsets() {
        let s = "Hô x";
        let ci = CharIndex::new(s);
        assert_eq!(ci.char_offset(s.find('x').unwrap()), 3);
    }
}
