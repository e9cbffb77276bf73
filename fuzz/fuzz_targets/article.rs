//! The article parser: front matter split, TOML front matter, body with hygiene and source
//! maps; then the whole loader on the article. Never a panic; every map points into the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paiban::model::{BodyBlock, FrontMatter, parse_body, split_front_matter};

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        if let Ok((front, line, body)) = split_front_matter(source) {
            let _ = toml::from_str::<FrontMatter>(front);
            for block in parse_body(body, line) {
                let (BodyBlock::Paragraph(text) | BodyBlock::Section(text)) = block;
                for (at, _) in text.text.char_indices() {
                    let point = text.map.locate(&text.text, at).expect("every character has a source");
                    assert!(point.offset < body.len(), "source offset inside the body");
                    assert!(body.is_char_boundary(point.offset));
                }
            }
        }
    }
    let dir = paiban_fuzz::write_edition(None, None, Some(data));
    paiban_fuzz::run(dir, false);
});
