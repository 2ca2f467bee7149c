//! Sentence splitting that survives French abbreviations ("M.", "n°", "Dr", "Co., Ltd.").

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "prof", "st", "ste", "etc", "cf", "env", "vs",
    "av", "apr", "no", "art", "vol", "p", "co", "ltd", "inc", "corp", "jr", "sr", "mgr", "me",
    "ph", "dép",
];

/// Splits `text[range]` into trimmed sentence ranges.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            // swallow closing quotes / repeated punctuation
            let mut j = k + 1;
            while j < chars.len()
                && matches!(chars[j].1, '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')')
            {
                j += 1;
            }
            let ws = j < chars.len() && chars[j].1.is_whitespace();
            let mut n = j;
            while n < chars.len() && chars[n].1.is_whitespace() {
                n += 1;
            }
            let next = chars.get(n).map(|x| x.1);
            let starts_upper = next.is_some_and(|x| {
                x.is_uppercase() || x.is_ascii_digit() || matches!(x, '«' | '"' | '“' | '-' | '–')
            });
            if ws && starts_upper && !(c == '.' && is_abbreviation(&s[start..i])) {
                let end = chars.get(j).map(|x| x.0).unwrap_or(s.len());
                push_trimmed(&mut out, s, range.start, start, end);
                start = chars.get(n).map(|x| x.0).unwrap_or(s.len());
                k = n;
                continue;
            }
            k = j;
            continue;
        }
        k += 1;
    }
    push_trimmed(&mut out, s, range.start, start, s.len());
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    // A single capital letter is an initial ("J. Smith").
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, base: usize, a: usize, b: usize) {
    let piece = &s[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push(base + a + lead..base + a + lead + t.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        let s = "Selon M. Nguyen Dang Binh, la province avance. La Décision n°1131/QD-TTg précise 2.000 objectifs. Seoul Semiconductor Co., Ltd. conduite par son PDG. Fin !";
        assert_eq!(
            split(s),
            vec![
                "Selon M. Nguyen Dang Binh, la province avance.",
                "La Décision n°1131/QD-TTg précise 2.000 objectifs.",
                "Seoul Semiconductor Co., Ltd. conduite par son PDG.",
                "Fin !"
            ]
        );
    }
}
