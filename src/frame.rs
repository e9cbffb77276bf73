//! The output of layout: a [`Document`] of [`Page`]s, each a flat list of positioned items
//! (glyph runs, rules, filled areas, images) in page coordinates. Exporters (PDF, PNG, dumps)
//! walk frames and never make layout decisions.

use std::ops::Range;
use std::sync::Arc;

use crate::fonts::FontId;
use crate::image::Raster;
use crate::units::{Abs, Point, Rect, Size};

/// A laid-out edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// For the PDF's /Title: paper name, date and edition.
    pub title: String,
    pub pages: Vec<Page>,
}

/// One page. Coordinates have their origin at the top left of the media box, y downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The folio number, 第N版.
    pub number: u32,
    /// The whole sheet: trim plus bleed (plus room for marks, when asked for).
    pub media: Size,
    /// The page as it is cut.
    pub trim: Rect,
    /// How far the printed area may run past the trim.
    pub bleed: Rect,
    pub items: Vec<Item>,
    /// What the page was laid out on, for proofs, dumps and checks (not painted).
    pub layout: PageLayout,
}

/// The structure behind a page's items: the grid, the boxes and the lines set in them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageLayout {
    pub grid: GridInfo,
    pub boxes: Vec<BoxInfo>,
    /// Every set line, in placing order; text runs name theirs by index.
    pub lines: Vec<LineInfo>,
}

/// The page's baseline grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GridInfo {
    /// The type area.
    pub area: Rect,
    pub body_size: Abs,
    pub line_pitch: Abs,
    pub lines: u32,
    /// From the top of a grid line's em box to its baseline.
    pub baseline_offset: Abs,
}

/// A template box as laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxInfo {
    pub name: String,
    pub rect: Rect,
    /// The body columns.
    pub columns: Vec<Rect>,
    /// The story set here, if any.
    pub story: Option<String>,
    /// Text of that story that fitted nowhere, if this is its last box: characters and lines.
    pub overset: Option<(usize, usize)>,
}

/// One set line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInfo {
    /// The line's left edge on its baseline.
    pub origin: Point,
    pub measure: Abs,
    /// Where the set material starts and how wide it is, from the origin.
    pub start: Abs,
    pub width: Abs,
    pub text: String,
    /// Index into the page's boxes, or none for furniture.
    pub box_index: Option<usize>,
    /// Body text on the baseline grid, as opposed to headlines and furniture.
    pub on_grid: bool,
    /// Justified: it must end exactly at the measure.
    pub justified: bool,
    /// The last line of its paragraph.
    pub paragraph_end: bool,
    /// How far past the measure it had to run (a word wider than the line).
    pub overfull: Abs,
}

/// Something painted on a page, in painting order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
    Fill(Fill),
    Image(ImageItem),
}

/// Glyphs of one font at one size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub font: FontId,
    pub size: Abs,
    pub color: Color,
    /// The pen position of the first glyph on the baseline.
    pub origin: Point,
    /// The line this run belongs to, an index into the page's layout lines.
    pub line: Option<usize>,
    /// The characters the glyphs stand for, in reading order.
    pub text: String,
    pub glyphs: Vec<Glyph>,
}

/// One glyph, positioned relative to its run's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph {
    /// Glyph id in the font (not in any subset).
    pub id: u16,
    /// Where the glyph is drawn: its pen position plus any offset from shaping or compression.
    pub x: Abs,
    /// Downward shift from the baseline.
    pub y: Abs,
    /// The byte range of the run's text this glyph stands for. Empty for every glyph of a
    /// cluster but the first, so that each character is extracted exactly once.
    pub text: Range<usize>,
}

/// A straight stroked line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub from: Point,
    pub to: Point,
    pub thickness: Abs,
    pub color: Color,
}

/// A filled rectangle, such as a flag's background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fill {
    pub rect: Rect,
    pub color: Color,
}

/// A raster image scaled to a rectangle and clipped to another.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageItem {
    pub raster: Arc<Raster>,
    /// Where the whole image lands (may extend past `clip` when cropped).
    pub rect: Rect,
    /// The visible part.
    pub clip: Rect,
}

/// Process colours only, as print needs: percentages of ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// Percentage of black ink (0 = paper white, 100 = solid black).
    Gray(u8),
    Cmyk {
        c: u8,
        m: u8,
        y: u8,
        k: u8,
    },
}

impl Color {
    /// Solid black ink, for text.
    pub const BLACK: Color = Color::Gray(100);
}
