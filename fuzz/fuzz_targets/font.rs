//! The font loader on an arbitrary font file, as face 0 and face 1: the table directory and
//! the layout tables (src/fonts/sfnt.rs), ttf-parser on those; a face that loads has its
//! cmap and metrics asked and its whole file read and parsed for outlines. Errors, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = paiban_fuzz::scratch().join("face.otf");
    std::fs::write(&path, data).unwrap();
    for index in [0, 1] {
        let Ok(font) = paiban::fonts::Font::load("face", &path, index) else { continue };
        let face = font.face();
        if let Some(glyph) = face.glyph_index('排') {
            let _ = face.glyph_hor_advance(glyph);
        }
        assert_eq!(font.has_char('排'), face.glyph_index('排').is_some_and(|g| g.0 != 0));
        if let Ok(whole) = font.outline_face() {
            let _ = whole.number_of_glyphs();
        }
    }
});
