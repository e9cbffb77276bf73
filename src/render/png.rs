//! PNG proofs. Takes one laid-out [`Page`] and the [`FontBook`] its runs name; returns a
//! tiny-skia pixmap (and PNG bytes) of the page on white paper: glyph outlines filled straight
//! from the fonts, rules, fills and photos, then the overlays a designer asked for.
//!
//! Ink is shown as a screen would show it: gray percentages as gray levels, CMYK by the naive
//! `(1 − c)(1 − k)` conversion (a proof, not a colour-managed soft proof). The PNG is 8-bit gray
//! when every pixel is neutral and 8-bit RGB otherwise, with fixed encoder settings, so the same
//! page always gives the same bytes (tiny-skia picks its SIMD code at compile time).

use std::io::Cursor;
use std::sync::Arc;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use tiny_skia::{
    Color as SkColor, FilterQuality, LineCap, Paint, PathBuilder, Pattern, Pixmap, Rect as SkRect, SpreadMode, Stroke,
    Transform,
};

use super::glyphs::{GlyphCache, Placement};
use super::overlay::{Overlays, draw_overlays};
use crate::fonts::FontBook;
use crate::frame::{Color, Fill, ImageItem, Item, Page, Rule, TextRun};
use crate::image::{Raster, RasterData};
use crate::units::{Abs, Point, Rect};

/// Which part of the sheet a proof shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Area {
    /// The page as cut: what a reader holds (the default for proofs).
    #[default]
    Trim,
    /// The whole media box, bleed included: what `mutool draw` renders of the PDF.
    Media,
}

/// How to rasterize a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngOptions {
    /// Pixels per inch.
    pub dpi: u32,
    pub area: Area,
    pub overlays: Overlays,
}

impl Default for PngOptions {
    fn default() -> PngOptions {
        PngOptions { dpi: 150, area: Area::Trim, overlays: Overlays::NONE }
    }
}

/// A pixmap with the mapping from page coordinates (sp, y down) to its pixels.
pub struct Canvas {
    pub pixmap: Pixmap,
    /// Pixels per point.
    scale: f32,
    /// The page point at the pixmap's top-left corner.
    origin: Point,
    pub glyphs: GlyphCache,
}

impl Canvas {
    /// White paper showing `area` of the page at `dpi`. The error is a sentence.
    pub fn new(page: &Page, area: Area, dpi: u32) -> Result<Canvas, String> {
        let shown = match area {
            Area::Trim => page.trim,
            Area::Media => Rect::new(Abs::ZERO, Abs::ZERO, page.media.width, page.media.height),
        };
        let scale = dpi as f32 / 72.0;
        let width = (shown.width.to_pt() as f32 * scale).round() as u32;
        let height = (shown.height.to_pt() as f32 * scale).round() as u32;
        let mut pixmap = Pixmap::new(width.max(1), height.max(1))
            .ok_or_else(|| format!("a {width} × {height} pixel proof is too large; lower --dpi"))?;
        pixmap.fill(SkColor::WHITE);
        Ok(Canvas { pixmap, scale, origin: Point::new(shown.x, shown.y), glyphs: GlyphCache::default() })
    }

    /// A horizontal page position in pixels.
    pub fn x(&self, x: Abs) -> f32 {
        (x - self.origin.x).to_pt() as f32 * self.scale
    }

    /// A vertical page position in pixels.
    pub fn y(&self, y: Abs) -> f32 {
        (y - self.origin.y).to_pt() as f32 * self.scale
    }

    /// A length in pixels.
    pub fn len(&self, length: Abs) -> f32 {
        length.to_pt() as f32 * self.scale
    }

    /// A page rectangle in pixels, if it has an area.
    pub fn rect(&self, rect: Rect) -> Option<SkRect> {
        SkRect::from_xywh(self.x(rect.x), self.y(rect.y), self.len(rect.width), self.len(rect.height))
    }

    /// Fills a rectangle given in pixels.
    pub fn fill_px(&mut self, rect: Option<SkRect>, paint: &Paint) {
        if let Some(rect) = rect {
            self.pixmap.fill_rect(rect, paint, Transform::identity(), None);
        }
    }

    /// Strokes a straight line given in pixels, with butt caps.
    pub fn line_px(&mut self, from: (f32, f32), to: (f32, f32), width: f32, paint: &Paint) {
        let mut path = PathBuilder::new();
        path.move_to(from.0, from.1);
        path.line_to(to.0, to.1);
        let Some(path) = path.finish() else { return };
        let stroke = Stroke { width, line_cap: LineCap::Butt, ..Stroke::default() };
        self.pixmap.stroke_path(&path, paint, &stroke, Transform::identity(), None);
    }
}

/// A solid paint of `rgb`, anti-aliased.
pub fn solid(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint { anti_alias: true, ..Paint::default() };
    paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
    paint
}

/// The screen colour of an ink.
pub fn screen_rgb(color: Color) -> [u8; 3] {
    let [c, m, y, k] = match color {
        Color::Gray(k) => [0, 0, 0, k],
        Color::Cmyk { c, m, y, k } => [c, m, y, k],
    }
    .map(|p| u32::from(p.min(100)));
    let channel = |ink: u32| ((100 - ink) * (100 - k) * 255 / 10_000) as u8;
    [channel(c), channel(m), channel(y)]
}

/// Paints `page` with its overlays. The error is a sentence for a diagnostic.
pub fn rasterize(page: &Page, book: &FontBook, options: &PngOptions) -> Result<Pixmap, String> {
    let mut canvas = Canvas::new(page, options.area, options.dpi)?;
    let mut images = ImageCache::default();
    for item in &page.items {
        match item {
            Item::Text(run) => text(&mut canvas, book, run),
            Item::Rule(rule) => self::rule(&mut canvas, rule),
            Item::Fill(fill) => self::fill(&mut canvas, fill),
            Item::Image(image) => images.draw(&mut canvas, image)?,
        }
    }
    draw_overlays(&mut canvas, page, book, &options.overlays);
    match canvas.glyphs.error() {
        Some(error) => Err(error.to_string()),
        None => Ok(canvas.pixmap),
    }
}

/// Rasterizes `page` and encodes it as PNG.
pub fn render_png(page: &Page, book: &FontBook, options: &PngOptions) -> Result<Vec<u8>, String> {
    rasterize(page, book, options).map(|pixmap| encode_png(&pixmap))
}

fn text(canvas: &mut Canvas, book: &FontBook, run: &TextRun) {
    let paint = solid(screen_rgb(run.color));
    let size = canvas.len(run.size);
    for glyph in &run.glyphs {
        let at = Placement { x: canvas.x(run.origin.x + glyph.x), y: canvas.y(run.origin.y + glyph.y), size };
        canvas.glyphs.draw(&mut canvas.pixmap, book, run.font, glyph.id, at, &paint);
    }
}

fn rule(canvas: &mut Canvas, rule: &Rule) {
    if rule.thickness <= Abs::ZERO {
        return;
    }
    let from = (canvas.x(rule.from.x), canvas.y(rule.from.y));
    let to = (canvas.x(rule.to.x), canvas.y(rule.to.y));
    let width = canvas.len(rule.thickness);
    canvas.line_px(from, to, width, &solid(screen_rgb(rule.color)));
}

fn fill(canvas: &mut Canvas, fill: &Fill) {
    let rect = canvas.rect(fill.rect);
    canvas.fill_px(rect, &solid(screen_rgb(fill.color)));
}

/// Photos decoded once per page, keyed by their shared raster.
#[derive(Default)]
struct ImageCache {
    decoded: Vec<(Arc<Raster>, Pixmap)>,
}

impl ImageCache {
    fn draw(&mut self, canvas: &mut Canvas, image: &ImageItem) -> Result<(), String> {
        let (Some(clip), Some(whole)) = (canvas.rect(image.clip), canvas.rect(image.rect)) else {
            return Ok(());
        };
        let index = match self.decoded.iter().position(|(r, _)| Arc::ptr_eq(r, &image.raster)) {
            Some(i) => i,
            None => {
                self.decoded.push((image.raster.clone(), decode(&image.raster)?));
                self.decoded.len() - 1
            }
        };
        let pixels = &self.decoded[index].1;
        let (sx, sy) = (whole.width() / pixels.width() as f32, whole.height() / pixels.height() as f32);
        let placement = Transform::from_row(sx, 0.0, 0.0, sy, whole.x(), whole.y());
        let shader = Pattern::new(pixels.as_ref(), SpreadMode::Pad, FilterQuality::Bilinear, 1.0, placement);
        let paint = Paint { shader, anti_alias: true, ..Paint::default() };
        canvas.pixmap.fill_rect(clip, &paint, Transform::identity(), None);
        Ok(())
    }
}

/// A raster's gray samples as an opaque pixmap.
fn decode(raster: &Raster) -> Result<Pixmap, String> {
    let gray = match &raster.data {
        RasterData::Gray(samples) => samples.clone(),
        RasterData::GrayJpeg(bytes) => image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
            .map_err(|e| format!("cannot decode a photo for the proof: {e}"))?
            .to_luma8()
            .into_raw(),
    };
    let mut pixmap =
        Pixmap::new(raster.width.max(1), raster.height.max(1)).ok_or_else(|| "a photo has no pixels".to_string())?;
    for (pixel, &v) in pixmap.data_mut().chunks_exact_mut(4).zip(&gray) {
        pixel.copy_from_slice(&[v, v, v, 255]);
    }
    Ok(pixmap)
}

/// The pixmap as 8-bit gray (ITU-R BT.601 luma, in integers), for pixel comparisons.
pub fn to_gray(pixmap: &Pixmap) -> image::GrayImage {
    let luma = |p: &[u8]| ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114 + 500) / 1000) as u8;
    let samples = pixmap.data().chunks_exact(4).map(luma).collect();
    image::GrayImage::from_raw(pixmap.width(), pixmap.height(), samples).expect("one sample per pixel")
}

/// Whether every pixel is neutral gray.
fn is_gray(pixmap: &Pixmap) -> bool {
    pixmap.data().chunks_exact(4).all(|p| p[0] == p[1] && p[1] == p[2])
}

/// PNG bytes of an opaque pixmap: 8-bit gray if it is all neutral, else 8-bit RGB. Fixed
/// compression and filter, so equal pixels always give equal bytes.
pub fn encode_png(pixmap: &Pixmap) -> Vec<u8> {
    let (data, color) = if is_gray(pixmap) {
        (pixmap.data().chunks_exact(4).map(|p| p[0]).collect::<Vec<u8>>(), ExtendedColorType::L8)
    } else {
        (pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect(), ExtendedColorType::Rgb8)
    };
    let mut out = Cursor::new(Vec::new());
    let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive);
    encoder.write_image(&data, pixmap.width(), pixmap.height(), color).expect("a PNG encodes into memory");
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inks_become_screen_colours() {
        assert_eq!(screen_rgb(Color::BLACK), [0, 0, 0]);
        assert_eq!(screen_rgb(Color::Gray(0)), [255, 255, 255]);
        assert_eq!(screen_rgb(Color::Gray(50)), [127, 127, 127]);
        assert_eq!(screen_rgb(Color::Cmyk { c: 0, m: 100, y: 100, k: 0 }), [255, 0, 0]);
    }

    #[test]
    fn gray_pixmaps_encode_as_gray_png() {
        let mut pixmap = Pixmap::new(4, 3).unwrap();
        pixmap.fill(SkColor::WHITE);
        let png = encode_png(&pixmap);
        let decoded = image::load_from_memory(&png).unwrap();
        assert_eq!(decoded.color(), image::ColorType::L8);
        assert_eq!(encode_png(&pixmap), png, "same pixels, same bytes");
    }
}
