//! The article reader and segmenter on any bytes: decode (UTF-8, UTF-16, Windows-1252, refusals)
//! then split into stories and sentences. Must never panic, and every range it hands out must
//! lie on character boundaries of the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.txt");
    let Ok((text, encoding)) = vnkg::corpus::decode(path, data) else {
        return;
    };
    let article = vnkg::corpus::Article::from_text(path, text, encoding);
    let _ = article.title_text();
    for story in &article.stories {
        let ranges = story
            .title
            .iter()
            .chain(&story.paragraphs)
            .chain(&story.sentences)
            .chain(&story.dates);
        for r in ranges {
            assert!(article.text.get(r.clone()).is_some(), "{r:?}");
        }
    }
});
