//! Shaping: turns a [`StyledText`] into positioned glyphs. Splits the text into runs of one
//! face (the role's fallback chain decides per character) and one script class, shapes each
//! with rustybuzz, and records for each CJK punctuation glyph how it looks at half width (the
//! font's `halt` feature), for compression later. The only module that imports rustybuzz, so
//! that moving to harfrust is a one-file change.

mod cjk;

pub use cjk::{CharClass, char_class, layout_char};

use std::collections::HashMap;
use std::ops::Range;
use std::str::FromStr;

use rustybuzz::{Direction, Face, Feature, GlyphBuffer, Language, ShapePlan, UnicodeBuffer, script};
use ttf_parser::Tag;

use crate::fonts::{FontBook, FontId};
use crate::model::StyledText;
use crate::units::Abs;

/// One shaped glyph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapedGlyph {
    pub font: FontId,
    pub id: u16,
    pub size: Abs,
    pub advance: Abs,
    pub x_offset: Abs,
    pub y_offset: Abs,
    /// The bytes of the text this glyph's cluster covers.
    pub cluster: Range<usize>,
    /// For CJK punctuation: its advance and offset when set at half width.
    pub half: Option<HalfForm>,
}

/// Which alternate forms a shaping plan asks the font for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Forms {
    /// Half-width punctuation (`halt`).
    halt: bool,
    /// Vertical forms (`vert`, `vrt2`).
    vertical: bool,
}

/// A punctuation glyph at half width, as the font's `halt` feature sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HalfForm {
    pub advance: Abs,
    pub x_offset: Abs,
}

/// A character no face of the chain has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChar {
    pub offset: usize,
    pub c: char,
}

/// A shaped text: its glyphs in logical order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapedText {
    pub glyphs: Vec<ShapedGlyph>,
    pub missing: Vec<MissingChar>,
}

/// Shapes texts against one font book, keeping faces, plans and half forms between calls.
pub struct Shaper<'a> {
    book: &'a FontBook,
    faces: Vec<Face<'a>>,
    plans: HashMap<(FontId, bool, Forms), ShapePlan>,
    halves: HashMap<(FontId, char), Option<(i32, i32)>>,
    fullwidth_ascii: bool,
    /// rustybuzz's buffer from the last run, kept for the next (its memory is reused).
    spare: Option<UnicodeBuffer>,
}

impl<'a> Shaper<'a> {
    /// A shaper over `book`; `fullwidth_ascii` sets ASCII punctuation inside Chinese text full
    /// width.
    pub fn new(book: &'a FontBook, fullwidth_ascii: bool) -> Shaper<'a> {
        let faces = book
            .fonts()
            .map(|(_, font)| {
                let (layout, index) = font.file.layout();
                Face::from_slice(layout, index).expect("font checked when loaded")
            })
            .collect();
        Shaper { book, faces, plans: HashMap::new(), halves: HashMap::new(), fullwidth_ascii, spare: None }
    }

    /// Shapes a whole styled text.
    pub fn shape(&mut self, styled: &StyledText) -> ShapedText {
        self.shape_forms(styled, false)
    }

    /// Shapes a text to be set top to bottom (a 竖题): the font's vertical forms (`vert`,
    /// `vrt2`) for punctuation and brackets (R22); the caller stacks the glyphs.
    pub fn shape_vertical(&mut self, styled: &StyledText) -> ShapedText {
        self.shape_forms(styled, true)
    }

    fn shape_forms(&mut self, styled: &StyledText, vertical: bool) -> ShapedText {
        // About a glyph per character in Chinese text: reserving once saves the regrowth.
        let glyphs = Vec::with_capacity(styled.text.chars().count());
        let mut out = ShapedText { glyphs, missing: Vec::new() };
        for span in &styled.spans {
            let chain = self.book.chain(span.role);
            for run in
                itemize(&styled.text, span.range.clone(), &chain, self.book, self.fullwidth_ascii, &mut out.missing)
            {
                self.shape_run(&styled.text, &run, span.size, vertical, &mut out.glyphs);
            }
        }
        out
    }

    fn shape_run(&mut self, text: &str, run: &Run, size: Abs, vertical: bool, out: &mut Vec<ShapedGlyph>) {
        let mut buffer = self.spare.take().unwrap_or_default();
        for (offset, c) in text[run.range.clone()].char_indices() {
            let start = run.range.start + offset;
            buffer.add(layout_char(text, start, c, self.fullwidth_ascii), start as u32);
        }
        set_properties(&mut buffer, run.latin);
        let shaped = self.shape_buffer(run.font, run.latin, Forms { halt: false, vertical }, buffer);
        let upem = i64::from(self.book.font(run.font).metrics.units_per_em);
        let scale = |units: i32| size.scale(i64::from(units), upem);
        let first = out.len();
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let start = info.cluster as usize;
            out.push(ShapedGlyph {
                font: run.font,
                id: info.glyph_id as u16,
                size,
                advance: scale(pos.x_advance),
                x_offset: scale(pos.x_offset),
                y_offset: -scale(pos.y_offset),
                cluster: start..start,
                half: None,
            });
        }
        self.spare = Some(shaped.clear());
        close_clusters(&mut out[first..], run.range.end);
        for glyph in &mut out[first..] {
            let c = text[glyph.cluster.clone()].chars().next().unwrap_or(' ');
            if glyph.cluster.len() == c.len_utf8()
                && char_class(layout_char(text, glyph.cluster.start, c, self.fullwidth_ascii)).is_punctuation()
            {
                glyph.half = self
                    .half_form(run.font, layout_char(text, glyph.cluster.start, c, self.fullwidth_ascii))
                    .map(|(advance, offset)| HalfForm { advance: scale(advance), x_offset: scale(offset) });
            }
        }
    }

    /// Shapes with a cached plan for the face, script class and `halt` on or off.
    fn shape_buffer(&mut self, font: FontId, latin: bool, forms: Forms, buffer: UnicodeBuffer) -> GlyphBuffer {
        let face = &self.faces[usize::from(font.0)];
        let plan = self.plans.entry((font, latin, forms)).or_insert_with(|| {
            let mut features = Vec::new();
            if forms.halt {
                features.push(Feature::new(Tag::from_bytes(b"halt"), 1, ..));
            }
            if forms.vertical {
                features.push(Feature::new(Tag::from_bytes(b"vert"), 1, ..));
                features.push(Feature::new(Tag::from_bytes(b"vrt2"), 1, ..));
            }
            let (script, language) = properties(latin);
            ShapePlan::new(face, Direction::LeftToRight, Some(script), Some(&language), &features)
        });
        rustybuzz::shape_with_plan(face, plan, buffer)
    }

    /// The glyph's advance and x offset in font units under `halt`, when `halt` changes it.
    fn half_form(&mut self, font: FontId, c: char) -> Option<(i32, i32)> {
        if let Some(cached) = self.halves.get(&(font, c)) {
            return *cached;
        }
        let full = self.shape_one(font, c, false);
        let half = self.shape_one(font, c, true);
        let result = (half.0 < full.0).then_some(half);
        self.halves.insert((font, c), result);
        result
    }

    fn shape_one(&mut self, font: FontId, c: char, halt: bool) -> (i32, i32) {
        let mut buffer = UnicodeBuffer::new();
        buffer.add(c, 0);
        set_properties(&mut buffer, false);
        let shaped = self.shape_buffer(font, false, Forms { halt, vertical: false }, buffer);
        shaped.glyph_positions().first().map_or((0, 0), |p| (p.x_advance, p.x_offset))
    }
}

fn properties(latin: bool) -> (rustybuzz::Script, Language) {
    if latin {
        (script::LATIN, Language::from_str("en").expect("valid tag"))
    } else {
        (script::HAN, Language::from_str("zh-Hans").expect("valid tag"))
    }
}

fn set_properties(buffer: &mut UnicodeBuffer, latin: bool) {
    let (script, language) = properties(latin);
    buffer.set_direction(Direction::LeftToRight);
    buffer.set_script(script);
    buffer.set_language(language);
}

/// Gives every glyph the byte range of its whole cluster.
fn close_clusters(glyphs: &mut [ShapedGlyph], end: usize) {
    let mut next_start = end;
    for i in (0..glyphs.len()).rev() {
        let start = glyphs[i].cluster.start;
        if i + 1 < glyphs.len() && glyphs[i + 1].cluster.start != start {
            next_start = glyphs[i + 1].cluster.start;
        }
        glyphs[i].cluster = start..next_start.max(start);
    }
}

/// A stretch of text in one face and one script class.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    range: Range<usize>,
    font: FontId,
    latin: bool,
}

/// Splits `range` of `text` into runs. A character takes the first face of the chain that
/// has it; one that no face has is recorded as missing and set in the chain's first face.
fn itemize(
    text: &str,
    range: Range<usize>,
    chain: &[FontId],
    book: &FontBook,
    fullwidth_ascii: bool,
    missing: &mut Vec<MissingChar>,
) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (offset, c) in text[range.clone()].char_indices() {
        let start = range.start + offset;
        let shaped_as = layout_char(text, start, c, fullwidth_ascii);
        let font = chain.iter().copied().find(|&id| book.font(id).has_char(shaped_as));
        if font.is_none() && !c.is_whitespace() {
            missing.push(MissingChar { offset: start, c });
        }
        let font = font.unwrap_or(chain[0]);
        let class = char_class(shaped_as);
        let latin = match runs.last() {
            Some(last) if class.is_neutral() => last.latin,
            _ => class == CharClass::Latin,
        };
        match runs.last_mut() {
            Some(last) if last.font == font && last.latin == latin => last.range.end = start + c.len_utf8(),
            _ => runs.push(Run { range: start..start + c.len_utf8(), font, latin }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{BUNDLED_FACES, Font, Role, RoleFaces};

    fn book() -> FontBook {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let fonts = BUNDLED_FACES.iter().map(|(key, file)| Font::load(key, &dir.join(file), 0).unwrap()).collect();
        FontBook::new(fonts, RoleFaces::default()).unwrap()
    }

    #[test]
    fn r22_vertical_text_takes_the_fonts_vertical_forms() {
        let book = book();
        let mut shaper = Shaper::new(&book, true);
        let text = StyledText::plain("，。“好”（）——", Role::Headline, Abs::pt(20));
        let across = shaper.shape(&text);
        let down = shaper.shape_vertical(&text);
        assert_eq!(across.glyphs.len(), down.glyphs.len());
        let changed = across.glyphs.iter().zip(&down.glyphs).filter(|(a, d)| a.id != d.id).count();
        // Every mark changes form; only 好 stays as it is.
        assert_eq!(changed, across.glyphs.len() - 1);
    }

    #[test]
    fn a_character_no_face_has_is_reported_with_its_offset() {
        let book = book();
        let mut shaper = Shaper::new(&book, true);
        let shaped = shaper.shape(&StyledText::plain("甲\u{10FFFD}乙", Role::Body, Abs::pt(9)));
        assert_eq!(shaped.missing, vec![MissingChar { offset: 3, c: '\u{10FFFD}' }]);
    }

    /// tests/fonts/cmap-subtables-disagree.ttf is the bundled Kai cut to 排版A， whose (3,1)
    /// subtable maps all four and whose (3,10) subtable, the one rustybuzz reads, maps only A.
    #[test]
    fn a_character_only_an_unread_cmap_subtable_maps_is_set_in_the_next_face() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let odd = Font::load("odd", &root.join("tests/fonts/cmap-subtables-disagree.ttf"), 0).unwrap();
        let song = Font::load("song", &root.join("fonts/noto-serif-sc-regular.otf"), 0).unwrap();
        assert!(odd.has_char('A') && !odd.has_char('排'));
        let mut roles = RoleFaces::default();
        for role in Role::ALL {
            roles.set(role, vec!["odd".to_string(), "song".to_string()]);
        }
        let book = FontBook::new(vec![odd, song], roles).unwrap();
        let shaped = Shaper::new(&book, true).shape(&StyledText::plain("A排", Role::Body, Abs::pt(9)));
        let set: Vec<(FontId, bool)> = shaped.glyphs.iter().map(|g| (g.font, g.id != 0)).collect();
        assert_eq!(set, vec![(FontId(0), true), (FontId(1), true)]);
        assert!(shaped.missing.is_empty());
    }

    /// Glyph ids and positions of `text` shaped by `face`.
    fn shaped(face: &Face, text: &str) -> Vec<(u32, i32, i32, i32)> {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        let out = rustybuzz::shape(face, &[], buffer);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(i, p)| (i.glyph_id, p.x_advance, p.x_offset, p.y_offset))
            .collect()
    }

    /// Shaping reads what a face's file gives it to (its tables without the outlines, or the
    /// whole file for a face without GPOS, whose marks rustybuzz places by their outlines): it
    /// must set every text as the whole face would.
    #[test]
    fn shaping_from_the_layout_tables_matches_the_whole_face() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let texts = ["排版，“引号”。", "Paiban 2026 office", "e\u{301}a\u{323}n\u{303}x\u{308}", "ā\u{304}ǘ", "——……"];
        for (key, file) in BUNDLED_FACES {
            let font = Font::load(key, &dir.join(file), 0).unwrap();
            let (tables, index) = font.file.layout();
            let layout = Face::from_slice(tables, index).unwrap();
            let whole = Face::from_slice(font.file.whole().unwrap(), 0).unwrap();
            for text in texts {
                assert_eq!(shaped(&layout, text), shaped(&whole, text), "{file}: {text}");
            }
        }
    }
}
