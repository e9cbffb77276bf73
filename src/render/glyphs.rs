//! Glyph outlines for the raster renderers: reads each glyph's outline from its font once
//! (ttf-parser's `outline_glyph`, CFF or TrueType) into a tiny-skia path in font units with y
//! pointing down, and fills it at any size and position. Also sets short Latin labels (box
//! names, marker captions) by cmap and advance width alone: overlays need no shaping.

use std::collections::BTreeMap;

use tiny_skia::{FillRule, Paint, Path, PathBuilder, Pixmap, Transform};

use crate::fonts::{FontBook, FontId};

/// Outlines read so far, by font and glyph id. A glyph without an outline (a space) is `None`.
#[derive(Default)]
pub struct GlyphCache {
    outlines: BTreeMap<(FontId, u16), Option<Path>>,
    /// The first font file whose outlines could not be read, as a sentence naming it.
    error: Option<String>,
}

/// Where and how large to draw a glyph, in pixels.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// The pen position on the baseline.
    pub x: f32,
    pub y: f32,
    /// The em size.
    pub size: f32,
}

impl GlyphCache {
    /// Fills glyph `id` of `font` at `at` with `paint`.
    pub fn draw(&mut self, pixmap: &mut Pixmap, book: &FontBook, font: FontId, id: u16, at: Placement, paint: &Paint) {
        let units_per_em = f32::from(book.font(font).metrics.units_per_em.max(1));
        let Some(path) = self.outline(book, font, id) else {
            return;
        };
        let scale = at.size / units_per_em;
        let transform = Transform::from_row(scale, 0.0, 0.0, scale, at.x, at.y);
        pixmap.fill_path(path, paint, FillRule::Winding, transform, None);
    }

    fn outline(&mut self, book: &FontBook, font: FontId, id: u16) -> Option<&Path> {
        let GlyphCache { outlines, error } = self;
        let read = || {
            read_outline(book, font, id).unwrap_or_else(|e| {
                error.get_or_insert(e);
                None
            })
        };
        outlines.entry((font, id)).or_insert_with(read).as_ref()
    }

    /// The first font file whose outlines could not be read (a glyph of it was left undrawn).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Sets `text` from `font` with its pen starting at `at`; returns the width drawn, in pixels.
    /// Characters the font lacks are skipped.
    pub fn draw_label(
        &mut self,
        pixmap: &mut Pixmap,
        book: &FontBook,
        font: FontId,
        text: &str,
        at: Placement,
        paint: &Paint,
    ) -> f32 {
        let mut pen = at.x;
        for (id, advance) in label_glyphs(book, font, text, at.size) {
            self.draw(pixmap, book, font, id, Placement { x: pen, ..at }, paint);
            pen += advance;
        }
        pen - at.x
    }
}

/// The glyphs of `text` in `font` with their advances in pixels at `size`.
pub fn label_glyphs(book: &FontBook, font: FontId, text: &str, size: f32) -> Vec<(u16, f32)> {
    let face = book.font(font).face();
    let scale = size / f32::from(face.units_per_em().max(1));
    text.chars()
        .filter_map(|c| face.glyph_index(c))
        .map(|g| (g.0, f32::from(face.glyph_hor_advance(g).unwrap_or(0)) * scale))
        .collect()
}

/// Glyph `id`'s outline, `None` when it has none; the error names a font file that cannot be
/// read whole.
fn read_outline(book: &FontBook, font: FontId, id: u16) -> Result<Option<Path>, String> {
    let face = book.font(font).outline_face()?;
    let mut builder = Outline(PathBuilder::new());
    Ok(face.outline_glyph(ttf_parser::GlyphId(id), &mut builder).and_then(|_| builder.0.finish()))
}

/// Turns font outlines (y up) into a path with y down, as pixmaps count.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, -y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, -y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, -y1, x, -y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, -y1, x2, -y2, x, -y);
    }

    fn close(&mut self) {
        self.0.close();
    }
}
