//! A small French word tokenizer: words (with inner hyphens, dots, '&' and '/'), elided
//! articles ("d'", "l'"), and single punctuation marks, each with its byte range.
//!
//! It is the regular expression kept in the tests (`ORACLE`) written out by hand: that regex
//! was a twentieth of extraction time, a scan of the chars is a fraction of it.

use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
    }
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    pub fn lower(&self) -> String {
        let l = self.text.to_lowercase();
        // `replace` allocates even when there is nothing to replace, and most words have no '’'
        if l.contains('’') {
            l.replace('’', "'")
        } else {
            l
        }
    }
    pub fn is_all_caps(&self) -> bool {
        let letters: Vec<char> = self.text.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    }
}

/// `[\p{L}\p{N}]` of the regex crate (letters and numbers by general category; Rust's
/// `is_alphanumeric` also takes some combining marks), for the non-ASCII chars `word_len`
/// asks about. U+0000..U+2000 from a table, the rest from the regex itself.
fn is_letter_or_number(c: char) -> bool {
    static CLASS: LazyLock<regex::Regex> = LazyLock::new(|| crate::text::regex(r"^[\p{L}\p{N}]$"));
    static TABLE: LazyLock<Vec<bool>> = LazyLock::new(|| {
        (0u32..0x2000)
            .map(|u| char::from_u32(u).is_some_and(|c| CLASS.is_match(c.encode_utf8(&mut [0; 4]))))
            .collect()
    });
    match TABLE.get(c as usize) {
        Some(&b) => b,
        None => CLASS.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Length in bytes of an elided word with its apostrophe at the start of `s` ("qu'",
/// "L’", "jusqu'"), case-insensitively as `(?i)` matches (so 'ſ' counts as 's').
fn elision_len(s: &str) -> Option<usize> {
    const PREFIXES: [&str; 4] = ["jusqu", "lorsqu", "puisqu", "qu"];
    let same = |a: char, b: char| a.eq_ignore_ascii_case(&b) || (b == 's' && a == 'ſ');
    let prefixed = |p: &str| -> Option<usize> {
        let mut it = s.char_indices();
        for pc in p.chars() {
            let (_, c) = it.next()?;
            if !same(c, pc) {
                return None;
            }
        }
        let (i, c) = it.next()?;
        is_apostrophe(c).then(|| i + c.len_utf8())
    };
    PREFIXES.iter().find_map(|p| prefixed(p)).or_else(|| {
        ["d", "l", "n", "s", "j", "c", "m"]
            .iter()
            .find_map(|p| prefixed(p))
    })
}

/// Length of a word at the start of `s`: letters and numbers, joined by single '-', '.',
/// '&', '/' or apostrophes that have a letter or number after them.
fn word_len(s: &str) -> Option<usize> {
    // the letter or number starting at byte `i`, and its length
    let unit = |i: usize| -> Option<usize> {
        let b = *s.as_bytes().get(i)?;
        if b.is_ascii() {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = s[i..].chars().next()?;
        is_letter_or_number(c).then(|| c.len_utf8())
    };
    let mut end = 0;
    while let Some(n) = unit(end) {
        end += n;
        // a connector counts only when a letter or number follows it
        if unit(end).is_none() {
            let connector = match s.as_bytes().get(end) {
                Some(b'-' | b'.' | b'&' | b'/' | b'\'') => 1,
                _ if s[end..].starts_with('’') => '’'.len_utf8(),
                _ => 0,
            };
            if connector > 0 && unit(end + connector).is_some() {
                end += connector;
            }
        }
    }
    (end > 0).then_some(end)
}

/// Tokens of `text`, offsets shifted by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let rest = &text[pos..];
        let len = elision_len(rest)
            .or_else(|| word_len(rest))
            .unwrap_or(c.len_utf8());
        out.push(Token {
            text: &rest[..len],
            start: base + pos,
            end: base + pos + len,
        });
        pos += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regular expression the tokenizer was, and must stay equal to.
    static ORACLE: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::text::regex(
            r"(?i)(?:jusqu|lorsqu|puisqu|qu|[dlnsjcm])['’]|[\p{L}\p{N}]+(?:[\-\.&/'’][\p{L}\p{N}]+)*|\S",
        )
    });

    fn oracle(text: &str) -> Vec<(usize, usize)> {
        ORACLE
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    fn ours(text: &str) -> Vec<(usize, usize)> {
        tokenize(text, 0).iter().map(|t| (t.start, t.end)).collect()
    }

    #[test]
    fn splits_elisions_words_and_punctuation() {
        let toks: Vec<&str> = tokenize("L’accord d'Hô Chi Minh-Ville, jusqu'à 3.5 %.", 0)
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            [
                "L’",
                "accord",
                "d'",
                "Hô",
                "Chi",
                "Minh-Ville",
                ",",
                "jusqu'",
                "à",
                "3.5",
                "%",
                "."
            ]
        );
    }

    #[test]
    fn equals_the_regex_on_tricky_text() {
        let cases = [
            "",
            "   ",
            "aujourd'hui l'homme qu'il QU'ELLE Lorsqu’on puiSqu'il jusqu'au",
            "ſ'il juſqu'à d' l' x'",
            "R&D A/B e.g. U.S.A. -x- a--b a-.b 'quote' ’ ’a",
            "Việt Nam Đà Nẵng Huế 1er 2ème ½ ² Ⅻ x\u{301}y \u{301}a",
            "日本語 テスト ÆØÅ œuvre ﬁn",
            "Tab\tnew\nline\u{a0}nbsp\u{2009}thin\u{3000}ideo",
            "emoji 🙂 a🙂b 1,5 2/3/4 &&& ... C'est-à-dire S’Il",
        ];
        for c in cases {
            assert_eq!(ours(c), oracle(c), "{c:?}");
        }
    }

    #[test]
    fn equals_the_regex_on_the_articles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for line in text.lines() {
                assert_eq!(ours(line), oracle(line), "{line:?}");
                n += 1;
            }
        }
        assert!(n > 50, "{n} lines");
    }

    #[test]
    fn equals_the_regex_on_scrambled_text() {
        // every pair of chars from an alphabet of the cases that matter, with context
        let alphabet: Vec<char> = "aQsSſlLdDjJ'’-.&/ 1é\u{301}Đ,x🙂ạ".chars().collect();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    let s: String = ['q', 'u', a, b, c, 'u', a, 'x'].iter().collect();
                    assert_eq!(ours(&s), oracle(&s), "{s:?}");
                    let s: String = [a, b, c, 'l', '\'', a].iter().collect();
                    assert_eq!(ours(&s), oracle(&s), "{s:?}");
                }
            }
        }
    }
}
