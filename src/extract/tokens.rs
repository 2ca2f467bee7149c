//! A small French word tokenizer: words (with inner hyphens, dots, '&' and '/'), elided
//! articles ("d'", "l'"), and single punctuation marks, each with its byte range.

use regex::Regex;
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
        self.text.to_lowercase().replace('’', "'")
    }
    pub fn is_all_caps(&self) -> bool {
        let letters: Vec<char> = self.text.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)(?:jusqu|lorsqu|puisqu|qu|[dlnsjcm])['’]|[\p{L}\p{N}]+(?:[\-\.&/'’][\p{L}\p{N}]+)*|\S",
    )
});

/// Tokens of `text`, offsets shifted by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    TOKEN
        .find_iter(text)
        .map(|m| Token {
            text: m.as_str(),
            start: base + m.start(),
            end: base + m.end(),
        })
        .collect()
}
