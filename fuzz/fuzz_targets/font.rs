//! The font loader on an arbitrary font file, as face 0 and face 1: the table directory and
//! the layout tables (src/fonts/sfnt.rs), ttf-parser on those; a face that loads sets a short
//! text alone, and every character it claims to have must come out as a real glyph (one it
//! does not is reported missing), then its whole file is read and parsed for outlines.
//! Errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paiban::fonts::{Font, FontBook, Role, RoleFaces};
use paiban::model::StyledText;
use paiban::shape::Shaper;
use paiban::units::Abs;

const TEXT: &str = "排版，A1。é";

fuzz_target!(|data: &[u8]| {
    let path = paiban_fuzz::scratch().join("face.otf");
    std::fs::write(&path, data).unwrap();
    for index in [0, 1] {
        let Ok(font) = Font::load("face", &path, index) else { continue };
        let claimed: Vec<bool> = TEXT.chars().map(|c| font.has_char(c)).collect();
        let mut roles = RoleFaces::default();
        for role in Role::ALL {
            roles.set(role, vec!["face".to_string()]);
        }
        let Ok(book) = FontBook::new(vec![font], roles) else { continue };
        let shaped = Shaper::new(&book, true).shape(&StyledText::plain(TEXT, Role::Body, Abs::pt(9)));
        for ((offset, c), claimed) in TEXT.char_indices().zip(claimed) {
            let missing = shaped.missing.iter().any(|m| m.offset == offset);
            assert_eq!(missing, !claimed, "{c:?}: claimed {claimed}, reported missing {missing}");
        }
        for glyph in shaped.glyphs.iter().filter(|g| g.id == 0) {
            let reported = shaped.missing.iter().any(|m| glyph.cluster.contains(&m.offset));
            assert!(reported, ".notdef for {:?}, not reported", &TEXT[glyph.cluster.clone()]);
        }
        if let Ok(whole) = book.fonts().next().unwrap().1.outline_face() {
            let _ = whole.number_of_glyphs();
        }
    }
});
