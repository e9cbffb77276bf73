//! Page content streams. Takes one [`Page`] with the document's [`Usage`] and subset fonts;
//! returns the compressed content stream and which fonts and images its resources must list.
//!
//! Frames have their origin at the top left, y down; PDF user space has it at the bottom left,
//! y up, so every y is flipped against the media height. Colours are process inks only
//! (DeviceCMYK through the `k`/`K` operators), as PDF/X-1a requires: gray becomes K alone, so
//! black text is single-ink black. Solid black text and rules overprint (GWG: black type must
//! not knock out of what is under it); everything else knocks out. No colour exceeds the
//! total ink limit: cyan, magenta and yellow give way, black stays.

use std::collections::BTreeSet;

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{LineCapStyle, OverprintMode};
use pdf_writer::writers::Resources;
use pdf_writer::{Content, Finish, Name, Str};

use super::collect::{Usage, shows_glyphs, shows_image};
use super::font::{EmbeddedFont, MICRO_PER_EM};
use super::marks::{self, Sheet};
use super::{CONTENT_FLATE_LEVEL, font_resource, image_resource};
use crate::frame::{Color, Fill, Glyph, ImageItem, Item, Page, Rule, TextRun};
use crate::units::{Abs, Rect};

/// A pen error below this many scaled points (about 0.001 pt, a third of a micrometre) is not
/// worth a TJ adjustment; larger ones are corrected at the next glyph, so it never accumulates.
const PEN_TOLERANCE_SP: i128 = 64;

/// A painted page: its content stream and the resources it draws on.
pub(super) struct PageContent {
    /// The Flate-compressed content stream.
    pub stream: Vec<u8>,
    /// Indices into [`Usage::fonts`] of the fonts the page shows text in.
    pub fonts: BTreeSet<usize>,
    /// Indices into [`Usage::images`] of the images the page places.
    pub images: BTreeSet<usize>,
    /// Whether the stream paints printer's marks in the registration colour.
    pub marks: bool,
}

/// The ExtGState resource names for overprinting and knocking out.
const OVERPRINT: &[u8] = b"GSop";
const KNOCKOUT: &[u8] = b"GSko";

/// Paints every item of `page` in order on its `sheet`, every colour within `ink_limit` percent.
pub(super) fn paint_page(
    page: &Page,
    sheet: &Sheet,
    usage: &Usage,
    fonts: &[EmbeddedFont],
    ink_limit: u16,
) -> PageContent {
    let mut painter = Painter {
        content: Content::new(),
        height: page.media.height.to_pt(),
        usage,
        fonts,
        ink_limit,
        state: State::default(),
        used_fonts: BTreeSet::new(),
        used_images: BTreeSet::new(),
    };
    let moved = sheet.dx != 0.0 || sheet.dy != 0.0;
    if moved {
        painter.content.save_state();
        painter.content.transform([1.0, 0.0, 0.0, 1.0, sheet.dx as f32, sheet.dy as f32]);
    }
    for item in &page.items {
        match item {
            Item::Text(run) => painter.text(run),
            Item::Rule(rule) => painter.rule(rule),
            Item::Fill(fill) => painter.fill(fill),
            Item::Image(image) => painter.image(image),
        }
    }
    painter.end_text();
    let mut content = painter.content;
    if moved {
        content.restore_state();
    }
    if let Some((trim, bleed)) = sheet.marks {
        marks::paint(&mut content, trim, bleed);
    }
    PageContent {
        stream: compress_to_vec_zlib(&content.finish().into_vec(), CONTENT_FLATE_LEVEL),
        fonts: painter.used_fonts,
        images: painter.used_images,
        marks: sheet.marks.is_some(),
    }
}

/// Adds the graphics states every page may use, and the registration colour where marks are.
pub(super) fn write_states(resources: &mut Resources, content: &PageContent) {
    let mut states = resources.ext_g_states();
    // OPM 1: a CMYK zero in an overprinting colour leaves that plate alone (PDF 1.4 §4.5.6).
    states
        .insert(Name(OVERPRINT))
        .start::<pdf_writer::writers::ExtGraphicsState>()
        .overprint(true)
        .overprint_fill(true)
        .overprint_mode(OverprintMode::IgnoreZeroChannel);
    states
        .insert(Name(KNOCKOUT))
        .start::<pdf_writer::writers::ExtGraphicsState>()
        .overprint(false)
        .overprint_fill(false);
    states.finish();
    if content.marks {
        marks::write_registration_space(resources);
    }
}

/// What the graphics state already holds, so that runs in the same font and colour do not
/// repeat Tf and k. Images are drawn inside q/Q and change none of these.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(usize, Abs)>,
    fill: Option<[u8; 4]>,
    stroke: Option<[u8; 4]>,
    line_width: Option<Abs>,
    cap_set: bool,
    /// Whether overprinting is on; off in the initial graphics state.
    overprint: bool,
}

struct Painter<'a> {
    content: Content,
    /// Media height in points, to flip y.
    height: f64,
    usage: &'a Usage<'a>,
    fonts: &'a [EmbeddedFont],
    ink_limit: u16,
    state: State,
    used_fonts: BTreeSet<usize>,
    used_images: BTreeSet<usize>,
}

/// One element of a TJ array.
#[derive(Debug, PartialEq)]
pub(super) enum TjPart {
    /// Two-byte CIDs (Identity-H).
    Glyphs(Vec<u8>),
    /// A move in thousandths of the font size, leftwards when positive.
    Adjust(f32),
}

impl Painter<'_> {
    fn text(&mut self, run: &TextRun) {
        if !shows_glyphs(run) {
            return;
        }
        let Some(index) = self.usage.font_index(run.font) else {
            return;
        };
        let Some(font) = self.fonts.get(index) else {
            return;
        };
        self.set_overprint(ink(run.color) == SOLID_BLACK);
        self.begin_text();
        if self.state.font != Some((index, run.size)) {
            self.content.set_font(Name(font_resource(index).as_bytes()), pt(run.size));
            self.state.font = Some((index, run.size));
        }
        self.used_fonts.insert(index);
        self.set_fill(run.color);
        // A glyph shifted off the baseline starts its own text matrix (and so does the first
        // glyph back on it); the usual run has a single segment.
        for segment in run.glyphs.chunk_by(|a, b| a.y == b.y) {
            let first = &segment[0];
            let x = run.origin.x.to_pt() + first.x.to_pt();
            let y = self.height - (run.origin.y.to_pt() + first.y.to_pt());
            self.content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x as f32, y as f32]);
            let parts = tj_parts(segment, run.size, font);
            let mut show = self.content.show_positioned();
            let mut items = show.items();
            for part in &parts {
                match part {
                    TjPart::Glyphs(cids) => items.show(Str(cids)),
                    TjPart::Adjust(amount) => items.adjust(*amount),
                };
            }
        }
    }

    fn rule(&mut self, rule: &Rule) {
        if rule.thickness <= Abs::ZERO {
            return;
        }
        self.end_text();
        self.set_overprint(ink(rule.color) == SOLID_BLACK);
        if !self.state.cap_set {
            // Butt caps: a rule ends exactly where layout says, not half its width later.
            self.content.set_line_cap(LineCapStyle::ButtCap);
            self.state.cap_set = true;
        }
        if self.state.line_width != Some(rule.thickness) {
            self.content.set_line_width(pt(rule.thickness));
            self.state.line_width = Some(rule.thickness);
        }
        self.set_stroke(rule.color);
        let (from_y, to_y) = (self.flip(rule.from.y), self.flip(rule.to.y));
        self.content.move_to(pt(rule.from.x), from_y).line_to(pt(rule.to.x), to_y).stroke();
    }

    fn fill(&mut self, fill: &Fill) {
        if fill.rect.width == Abs::ZERO || fill.rect.height == Abs::ZERO {
            return;
        }
        self.end_text();
        self.set_overprint(false);
        self.set_fill(fill.color);
        let [x, y, w, h] = self.pdf_rect(fill.rect);
        self.content.rect(x, y, w, h).fill_nonzero();
    }

    fn image(&mut self, image: &ImageItem) {
        if !shows_image(image) {
            return;
        }
        let Some(index) = self.usage.image_index(&image.raster) else {
            return;
        };
        self.end_text();
        self.set_overprint(false);
        self.used_images.insert(index);
        let [cx, cy, cw, ch] = self.pdf_rect(image.clip);
        let [x, y, w, h] = self.pdf_rect(image.rect);
        self.content.save_state();
        self.content.rect(cx, cy, cw, ch).clip_nonzero().end_path();
        // An image XObject fills the unit square; scale it onto the item's rectangle.
        self.content.transform([w, 0.0, 0.0, h, x, y]);
        self.content.x_object(Name(image_resource(index).as_bytes()));
        self.content.restore_state();
    }

    fn begin_text(&mut self) {
        if !self.state.in_text {
            self.content.begin_text();
            self.state.in_text = true;
        }
    }

    fn end_text(&mut self) {
        if self.state.in_text {
            self.content.end_text();
            self.state.in_text = false;
        }
    }

    fn set_overprint(&mut self, on: bool) {
        if self.state.overprint != on {
            self.content.set_parameters(Name(if on { OVERPRINT } else { KNOCKOUT }));
            self.state.overprint = on;
        }
    }

    fn set_fill(&mut self, color: Color) {
        let ink = limit_ink(ink(color), self.ink_limit);
        if self.state.fill != Some(ink) {
            let [c, m, y, k] = ink.map(fraction);
            self.content.set_fill_cmyk(c, m, y, k);
            self.state.fill = Some(ink);
        }
    }

    fn set_stroke(&mut self, color: Color) {
        let ink = limit_ink(ink(color), self.ink_limit);
        if self.state.stroke != Some(ink) {
            let [c, m, y, k] = ink.map(fraction);
            self.content.set_stroke_cmyk(c, m, y, k);
            self.state.stroke = Some(ink);
        }
    }

    /// A frame y (down from the top) as a PDF y (up from the bottom).
    fn flip(&self, y: Abs) -> f32 {
        (self.height - y.to_pt()) as f32
    }

    /// A frame rectangle as PDF `re` operands: lower-left corner, width, height.
    fn pdf_rect(&self, rect: Rect) -> [f32; 4] {
        let bottom = rect.y.to_pt() + rect.height.to_pt();
        [pt(rect.x), (self.height - bottom) as f32, pt(rect.width), pt(rect.height)]
    }
}

/// The TJ array for glyphs on one baseline, the first at the current text matrix. Each glyph
/// must land at its `x` (relative to the first); the viewer advances the pen by the /W width
/// after each glyph, so wherever that pen and the target part by more than the tolerance, an
/// adjustment `-(target - pen) / size * 1000` moves it back. Everything is counted in integer
/// millionths of an em, so the pen never drifts from what the viewer computes.
pub(super) fn tj_parts(glyphs: &[Glyph], size: Abs, font: &EmbeddedFont) -> Vec<TjPart> {
    let Some(start) = glyphs.first().map(|g| g.x) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    let mut cids = Vec::new();
    let mut pen: i64 = 0;
    for glyph in glyphs {
        let target = micro_em(i128::from(glyph.x.0) - i128::from(start.0), size);
        let drift = pen.saturating_sub(target);
        if !negligible(drift, size) {
            if !cids.is_empty() {
                parts.push(TjPart::Glyphs(std::mem::take(&mut cids)));
            }
            // A whole number of glyph units when that is as good (the usual case: tracking,
            // justification); the remainder stays in `pen` and is corrected later if it grows.
            let whole = nearest_thousand(drift);
            let step = if negligible(drift.saturating_sub(whole), size) { whole } else { drift };
            parts.push(TjPart::Adjust((step as f64 / 1000.0) as f32));
            pen = pen.saturating_sub(step);
        }
        let cid = font.cid(glyph.id);
        cids.extend(cid.to_be_bytes());
        pen = pen.saturating_add(font.advance(cid));
    }
    if !cids.is_empty() {
        parts.push(TjPart::Glyphs(cids));
    }
    parts
}

/// Whether a pen error in millionths of an em at `size` is below [`PEN_TOLERANCE_SP`].
fn negligible(error: i64, size: Abs) -> bool {
    i128::from(error).abs() * i128::from(size.0) <= PEN_TOLERANCE_SP * i128::from(MICRO_PER_EM)
}

/// `value` rounded to a multiple of 1000 (ties away from zero), saturating.
fn nearest_thousand(value: i64) -> i64 {
    let v = i128::from(value);
    let rounded = (v + if v < 0 { -500 } else { 500 }) / 1000 * 1000;
    rounded.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// A distance in scaled points as millionths of an em at `size` (rounded, saturating).
fn micro_em(distance_sp: i128, size: Abs) -> i64 {
    let size = i128::from(size.0.max(1));
    let num = distance_sp * i128::from(MICRO_PER_EM);
    let half = size / 2;
    let rounded = if num < 0 { (num - half) / size } else { (num + half) / size };
    rounded.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Ink percentages C, M, Y, K (each at most 100). Gray is black ink only.
fn ink(color: Color) -> [u8; 4] {
    let ink = match color {
        Color::Gray(k) => [0, 0, 0, k],
        Color::Cmyk { c, m, y, k } => [c, m, y, k],
    };
    ink.map(|p| p.min(100))
}

/// Solid black ink alone: what overprints.
const SOLID_BLACK: [u8; 4] = [0, 0, 0, 100];

/// Ink brought within a total of `limit` percent: black is kept (up to the limit), and cyan,
/// magenta and yellow are scaled down together to the room left, rounding down so that the sum
/// never exceeds the limit. Colours within the limit are unchanged.
pub(super) fn limit_ink(ink: [u8; 4], limit: u16) -> [u8; 4] {
    let total: u16 = ink.iter().map(|&p| u16::from(p)).sum();
    if total <= limit {
        return ink;
    }
    let k = u16::from(ink[3]).min(limit);
    let room = limit - k;
    let cmy: u16 = total - u16::from(ink[3]);
    let scale = |p: u8| u8::try_from(u16::from(p) * room / cmy.max(1)).unwrap_or(100);
    [scale(ink[0]), scale(ink[1]), scale(ink[2]), u8::try_from(k).unwrap_or(100)]
}

fn fraction(percent: u8) -> f32 {
    f32::from(percent) / 100.0
}

fn pt(abs: Abs) -> f32 {
    abs.to_pt() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gray_is_black_ink_and_percentages_clamp() {
        assert_eq!(ink(Color::Gray(100)), [0, 0, 0, 100]);
        assert_eq!(ink(Color::Cmyk { c: 200, m: 10, y: 0, k: 5 }), [100, 10, 0, 5]);
    }

    #[test]
    fn ink_over_the_limit_gives_way_in_cmy() {
        assert_eq!(limit_ink([20, 10, 0, 100], 240), [20, 10, 0, 100]);
        // 4 × 100% at 240%: black stays, CMY share the remaining 140%.
        assert_eq!(limit_ink([100, 100, 100, 100], 240), [46, 46, 46, 100]);
        assert_eq!(limit_ink([100, 100, 100, 0], 220), [73, 73, 73, 0]);
        for ink in [[100, 100, 100, 100], [100, 80, 90, 70], [1, 100, 100, 100]] {
            let limited = limit_ink(ink, 240);
            assert!(limited.iter().map(|&p| u16::from(p)).sum::<u16>() <= 240, "{limited:?}");
        }
    }

    #[test]
    fn micro_em_rounds_and_saturates() {
        // 5 pt at 10 pt is half an em.
        assert_eq!(micro_em(i128::from(Abs::pt(5).0), Abs::pt(10)), 500_000);
        assert_eq!(micro_em(-i128::from(Abs::pt(5).0), Abs::pt(10)), -500_000);
        assert_eq!(micro_em(i128::from(i64::MAX), Abs(1)), i64::MAX);
        assert_eq!(nearest_thousand(-250_001), -250_000);
        assert_eq!(nearest_thousand(1_500), 2_000);
        assert_eq!(nearest_thousand(i64::MAX), i64::MAX);
    }
}
