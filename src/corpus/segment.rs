//! Splitting a file into stories and dropping page furniture (captions, credits, "Source :",
//! "Comment (0)"). A VNA page is: title, lead, dateline paragraph, body, then "Voir plus" and
//! teasers of other stories, each a caption, a title and a lead paragraph.

use super::{Article, Dateline, Story};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq)]
enum LineKind {
    Blank,
    VoirPlus,
    Noise,
    Text,
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)((?-u:\b)photos?\s*:|\(photo(?-u:\b)|ảnh\s*\d|(?-u:\b)photo\s*(d'illustration|archives)(?-u:\b)|^\s*(photo|illustration)\s*$)",
    )
});
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)^\s*(sources?\s*:.*|sources?|comments?\s*\(\d+\)|commentaires?\s*\(\d+\)|partager|imprimer|lire aussi.*|https?://\S+|-?\s*vna\s*)\s*$",
    )
});
/// "Hanoi (VNA) - ": a place of at most 61 chars, then the agency. The length is checked
/// after the match ([`dateline`]): a bounded repetition of these Unicode classes was the
/// dearest pattern of the crate to compile (20 ms of every start).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"^\s*(\p{Lu}[\p{L}\p{M}'’ .\-]+?)\s*(?:,\s*(?:le\s+)?\d{1,2}(?:er)?\s+\p{Ll}+(?:\s+\d{4})?\s*)?\(([A-Z][A-Za-z/ ]{1,20}|VNA|AFP|CPV)\)\s*[-–—]\s*",
    )
});

/// The dateline opening `line`, if any. Equal to matching the place with `{1,60}?`: the lazy
/// `+?` finds the shortest place that is followed by an agency, and when that one is longer
/// than 61 chars every shorter one failed too.
fn dateline(line: &str) -> Option<regex::Captures<'_>> {
    if !line.contains('(') {
        return None;
    }
    DATELINE
        .captures(line)
        .filter(|c| c.get(1).is_some_and(|p| p.as_str().chars().count() <= 61))
}
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)(?-u:\b)(\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)(?:\s+\d{4})?)(?-u:\b)",
    )
});

fn classify(line: &str) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        LineKind::Blank
    } else if t.eq_ignore_ascii_case("voir plus") || t.eq_ignore_ascii_case("voir aussi") {
        LineKind::VoirPlus
    } else if SOURCE_LINE.is_match(t) || CAPTION.is_match(t) {
        LineKind::Noise
    } else {
        LineKind::Text
    }
}

/// A line that reads like a headline: short, no closing punctuation.
fn title_like(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (8..=200).contains(&n) && !t.ends_with(['.', '!', '?', '…', ';', ',']) && !t.ends_with("-VNA")
}

/// Folded words joined by single spaces: what two copies of a paragraph have in common.
fn norm(s: &str) -> String {
    let folded = crate::text::fold_text(s);
    let mut out = String::with_capacity(folded.len());
    let mut gap = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

struct Builder {
    story: Story,
    seen: Vec<String>,
}

impl Builder {
    fn new(is_teaser: bool) -> Self {
        Builder {
            story: Story {
                is_teaser,
                title: None,
                dateline: None,
                paragraphs: Vec::new(),
                sentences: Vec::new(),
                hash: String::new(),
                dates: Vec::new(),
            },
            seen: Vec::new(),
        }
    }
    fn is_empty(&self) -> bool {
        self.story.title.is_none() && self.story.paragraphs.is_empty()
    }
}

/// Fills `article.title`, header metadata and `article.stories`.
pub fn segment(article: &mut Article) {
    let text = article.text.as_str();
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let end = pos + l.trim_end_matches(['\n', '\r']).len();
        lines.push(pos..end);
        pos += l.len();
    }
    let line = |r: &Range<usize>| &text[r.clone()];

    // Header format: title / "source: URL" / "date: D" / blank.
    let mut first = 0;
    if lines.len() >= 3 {
        let l2 = line(&lines[1]).trim();
        let l3 = line(&lines[2]).trim();
        if l2.to_lowercase().starts_with("source:") && l3.to_lowercase().starts_with("date:") {
            article.title = Some(trim_range(text, lines[0].clone()));
            article.source_url = Some(l2[7..].trim().to_string()).filter(|s| !s.is_empty());
            article.date =
                Some(l3[5..].trim().to_string()).filter(|s| !s.is_empty() && s != "unknown");
            first = 3;
        }
    }

    let mut stories: Vec<Story> = Vec::new();
    let mut cur = Builder::new(false);
    if let Some(t) = &article.title {
        cur.story.title = Some(t.clone());
        cur.seen.push(norm(&text[t.clone()]));
    }
    let mut in_teasers = false;
    let kinds: Vec<LineKind> = lines.iter().map(|r| classify(line(r))).collect();
    // each text line tried once for a dateline (it is asked about as the next line and as itself)
    let mut datelines: Vec<Option<regex::Captures<'_>>> = lines
        .iter()
        .zip(&kinds)
        .map(|(r, k)| (*k == LineKind::Text).then(|| dateline(line(r))).flatten())
        .collect();
    let mut i = first;
    while i < lines.len() {
        let r = trim_range(text, lines[i].clone());
        match kinds[i] {
            LineKind::Blank | LineKind::Noise => {}
            LineKind::VoirPlus => {
                if !cur.is_empty() {
                    stories.push(finish(text, cur));
                }
                cur = Builder::new(true);
                in_teasers = true;
            }
            LineKind::Text => {
                let s = &text[r.clone()];
                let next_text = (i + 1..lines.len()).find(|&j| kinds[j] == LineKind::Text);
                let next_has_dateline = next_text.is_some_and(|j| datelines[j].is_some());
                if title_like(s) {
                    // A headline starts a new story when the current one already has a body:
                    // always among teasers, and in the main part when a dateline follows.
                    let starts_new =
                        !cur.story.paragraphs.is_empty() && (in_teasers || next_has_dateline);
                    if starts_new {
                        stories.push(finish(
                            text,
                            std::mem::replace(&mut cur, Builder::new(in_teasers)),
                        ));
                    }
                    let n = norm(s);
                    if cur.story.title.is_none() && cur.story.paragraphs.is_empty() {
                        if article.title.is_none() && stories.is_empty() && !in_teasers {
                            article.title = Some(r.clone());
                        }
                        cur.story.title = Some(r.clone());
                        cur.seen.push(n);
                    } else if !cur.seen.contains(&n) {
                        // A sub-heading inside the story: keep it as text.
                        cur.seen.push(n);
                        cur.story.paragraphs.push(r.clone());
                    }
                } else {
                    let mut body = r.clone();
                    if let Some(m) = datelines[i].take() {
                        let whole = m.get(0).map(|g| g.range()).unwrap_or(0..0);
                        cur.story.dateline.get_or_insert(Dateline {
                            place: m[1].trim().to_string(),
                            agency: m[2].trim().to_string(),
                            range: r.start + whole.start..r.start + whole.end,
                        });
                        body = r.start + whole.end..r.end;
                    }
                    let n = norm(&text[body.clone()]);
                    if !n.is_empty() && !cur.seen.contains(&n) {
                        cur.seen.push(n);
                        cur.story.paragraphs.push(body);
                    }
                }
            }
        }
        i += 1;
    }
    if !cur.is_empty() {
        stories.push(finish(text, cur));
    }
    article.stories = stories;
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

fn finish(text: &str, b: Builder) -> Story {
    let mut story = b.story;
    let mut units: Vec<Range<usize>> = Vec::new();
    if let Some(t) = &story.title {
        units.push(t.clone());
    }
    units.extend(story.paragraphs.iter().cloned());
    for u in &units {
        story
            .sentences
            .extend(super::split_sentences(text, u.clone()));
        for m in DATE.find_iter(&text[u.clone()]) {
            story.dates.push(u.start + m.start()..u.start + m.end());
        }
    }
    // `seen` holds the normalised title and paragraphs, in order: what the hash is made of
    story.hash = crate::text::short_hash(&[&b.seen.join("\n")]);
    story
}

#[cfg(test)]
mod tests {
    use crate::corpus::Article;
    use std::path::Path;

    const PAGE: &str = "Titre de l'article sur la coopération\n\nLe chapeau de l'article est ici.\n\nUne photo. Photo : VNA\n\nHanoi (VNA) - Le chapeau de l'article est ici.\n\nDeuxième paragraphe du texte. -VNA\n\nsource\n\nVoir plus\n\nLégende. Photo : VNA\n\nUn autre titre de dépêche\n\nLe résumé de la dépêche suit ici.\n\nComment (0)";

    #[test]
    fn splits_main_story_and_teasers_and_drops_noise() {
        let a = Article::from_text(Path::new("a.txt"), PAGE.to_string(), "UTF-8");
        assert_eq!(
            a.title_text(),
            Some("Titre de l'article sur la coopération")
        );
        assert_eq!(a.stories.len(), 2);
        let main = &a.stories[0];
        assert!(!main.is_teaser);
        let d = main.dateline.as_ref().unwrap();
        assert_eq!((d.place.as_str(), d.agency.as_str()), ("Hanoi", "VNA"));
        // the lead repeated after the dateline is kept once; the caption is gone
        let paras: Vec<&str> = main.paragraphs.iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(
            paras,
            vec![
                "Le chapeau de l'article est ici.",
                "Deuxième paragraphe du texte. -VNA"
            ]
        );
        let teaser = &a.stories[1];
        assert!(teaser.is_teaser);
        assert_eq!(
            &a.text[teaser.title.clone().unwrap()],
            "Un autre titre de dépêche"
        );
        assert!(a.stories.iter().all(|s| s
            .paragraphs
            .iter()
            .all(|p| !a.text[p.clone()].contains("Photo"))));
    }

    #[test]
    fn norm_keeps_the_folded_words_joined_by_one_space() {
        // what norm was before it was written as one pass: story hashes depend on it
        let oracle = |s: &str| {
            crate::text::fold_text(s)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for s in [
            "",
            "  ...  ",
            "Hô-Chi-Minh-Ville, le 12 janvier : « coopération » !",
            "  L’Institut  des  Sciences (VAST) -VNA ",
            "½ Œuvre 日本 a🙂b",
        ] {
            assert_eq!(super::norm(s), oracle(s), "{s:?}");
        }
    }

    #[test]
    fn a_dateline_names_a_place_of_at_most_61_chars() {
        // the pattern with the bounded place it replaced, as the oracle
        let bounded = crate::text::regex(
            r"^\s*(\p{Lu}[\p{L}\p{M}'’ .\-]{1,60}?)\s*(?:,\s*(?:le\s+)?\d{1,2}(?:er)?\s+\p{Ll}+(?:\s+\d{4})?\s*)?\(([A-Z][A-Za-z/ ]{1,20}|VNA|AFP|CPV)\)\s*[-–—]\s*",
        );
        let long = format!("H{} (VNA) - Texte", "a".repeat(60));
        let too_long = format!("H{} (VNA) - Texte", "a".repeat(61));
        for line in [
            "Hanoi (VNA) - Le Vietnam et la France",
            "  Hô Chi Minh-Ville (VNA) – texte",
            "Da Nang (AFP)- texte (VNA) - suite",
            "hanoi (VNA) - minuscule",
            "Hanoi (VNA) texte sans tiret",
            "Paris (Correspondant VNA) — texte",
            "Vientiane (VNA) - Hà Nội (VNA) - deux",
            "Hanoi, 17 octobre (VNA) - Le ministère",
            "Hanoi, le 1er mars 2024 (VNA) - texte",
            long.as_str(),
            too_long.as_str(),
            "Le texte (sans dateline) - ici",
        ] {
            let ours = super::dateline(line).map(|c| (c.get(0).unwrap().range(), c[1].to_string()));
            let theirs = bounded
                .captures(line)
                .map(|c| (c.get(0).unwrap().range(), c[1].to_string()));
            assert_eq!(ours, theirs, "{line:?}");
        }
        assert!(super::dateline(&long).is_some() && super::dateline(&too_long).is_none());
        // a date between the place and the agency is not part of the place
        let c = super::dateline("Hanoi, 17 octobre (VNA) - Le ministère").unwrap();
        assert_eq!((&c[1], &c[2]), ("Hanoi", "VNA"));
    }

    #[test]
    fn same_teaser_in_two_files_hashes_equal() {
        let a = Article::from_text(Path::new("a.txt"), PAGE.to_string(), "UTF-8");
        let other = PAGE.replace("Deuxième paragraphe", "Autre paragraphe");
        let b = Article::from_text(Path::new("b.txt"), other, "UTF-8");
        assert_ne!(a.stories[0].hash, b.stories[0].hash);
        assert_eq!(a.stories[1].hash, b.stories[1].hash);
    }
}
