//! Proof overlays, drawn over a rasterized page from its [`crate::frame::PageLayout`]: the
//! baseline grid, box outlines with their names, overset markers (where a story was cut and
//! how much is left) and the warnings of [`super::checks`]. Each is switched on by itself.
//!
//! Colours follow the usual proofing conventions: cyan for the grid, blue for boxes, red for
//! overset, magenta for warnings. Labels are set in the book's sans face (its Latin glyphs) on
//! a white tab so they stay readable over text.

use tiny_skia::{Paint, Rect as SkRect};

use super::checks::check_page;
use super::glyphs::{Placement, label_glyphs};
use super::png::{Canvas, solid};
use crate::fonts::{FontBook, FontId};
use crate::frame::{BoxInfo, Item, Page};
use crate::units::Abs;

/// Which overlays to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Overlays {
    pub grid: bool,
    pub boxes: bool,
    pub overset: bool,
    pub warnings: bool,
}

impl Overlays {
    pub const NONE: Overlays = Overlays { grid: false, boxes: false, overset: false, warnings: false };
    pub const ALL: Overlays = Overlays { grid: true, boxes: true, overset: true, warnings: true };
}

const GRID: [u8; 3] = [120, 200, 235];
const BOX: [u8; 3] = [20, 80, 220];
const OVERSET: [u8; 3] = [220, 20, 20];
const WARNING: [u8; 3] = [220, 0, 170];

/// Draws the overlays `which` of `page` onto `canvas`.
pub fn draw_overlays(canvas: &mut Canvas, page: &Page, book: &FontBook, which: &Overlays) {
    let label = Labeller::new(canvas, book);
    if which.grid {
        draw_grid(canvas, page);
    }
    if which.boxes {
        for info in &page.layout.boxes {
            draw_box(canvas, &label, info);
        }
    }
    if which.overset {
        for (index, info) in page.layout.boxes.iter().enumerate() {
            if let Some((chars, lines)) = info.overset {
                draw_overset(canvas, &label, page, index, &format!("overset {chars} chars, {lines} lines"));
            }
        }
    }
    if which.warnings {
        draw_warnings(canvas, &label, page);
    }
}

fn draw_grid(canvas: &mut Canvas, page: &Page) {
    let grid = &page.layout.grid;
    let paint = solid(GRID);
    let (left, right) = (canvas.x(grid.area.x), canvas.x(grid.area.right()));
    for k in 0..i64::from(grid.lines) {
        let y = canvas.y(grid.area.y + grid.baseline_offset + grid.line_pitch * k);
        canvas.line_px((left, y), (right, y), 0.6, &paint);
    }
    outline(canvas, canvas.rect(grid.area), 1.0, &paint);
}

fn draw_box(canvas: &mut Canvas, label: &Labeller, info: &BoxInfo) {
    let paint = solid(BOX);
    let light = solid([160, 190, 245]);
    for column in &info.columns {
        outline(canvas, canvas.rect(*column), 0.8, &light);
    }
    let rect = canvas.rect(info.rect);
    outline(canvas, rect, 1.6, &paint);
    let name = match &info.story {
        Some(story) if story != &info.name => format!("{} : {story}", info.name),
        _ => info.name.clone(),
    };
    if let Some(rect) = rect {
        label.draw(canvas, &name, (rect.x() + 2.0, rect.y() + 2.0), BOX);
    }
}

/// A red bar under the box, a red block after its last line and a caption saying how much is
/// left over.
fn draw_overset(canvas: &mut Canvas, label: &Labeller, page: &Page, index: usize, caption: &str) {
    let info = &page.layout.boxes[index];
    let paint = solid(OVERSET);
    let Some(rect) = canvas.rect(info.rect) else { return };
    canvas.fill_px(SkRect::from_xywh(rect.x(), rect.bottom() - 3.0, rect.width(), 3.0), &paint);
    // Lines are in setting order: the box's last is where the story was cut.
    let last = page.layout.lines.iter().rfind(|l| l.box_index == Some(index));
    if let Some(line) = last {
        let size = canvas.len(page.layout.grid.body_size).max(4.0);
        let x = canvas.x(line.origin.x + line.start + line.width);
        canvas.fill_px(SkRect::from_xywh(x + 1.0, canvas.y(line.origin.y) - size * 0.8, size * 0.5, size), &paint);
    }
    let width = label.width(caption);
    label.draw(canvas, caption, (rect.right() - width - 6.0, rect.bottom() - label.height() - 6.0), OVERSET);
}

fn draw_warnings(canvas: &mut Canvas, label: &Labeller, page: &Page) {
    let paint = solid(WARNING);
    for warning in check_page(page) {
        let line = &page.layout.lines[warning.line()];
        let size = line_size(page, warning.line()).max(Abs::pt(1));
        // The em box of CJK type: 0.88 em above the baseline, 0.12 below.
        let top = line.origin.y - size.scale(88, 100);
        let left = line.origin.x + line.start;
        let rect = SkRect::from_xywh(
            canvas.x(left) - 1.5,
            canvas.y(top) - 1.5,
            canvas.len(line.width) + 3.0,
            canvas.len(size) + 3.0,
        );
        outline(canvas, rect, 1.5, &paint);
        if let Some(rect) = rect {
            label.draw(canvas, &warning.caption(), (rect.right() + 2.0, rect.y()), WARNING);
        }
    }
}

/// The size of the first run set on line `index`, or the body size.
fn line_size(page: &Page, index: usize) -> Abs {
    let run = page.items.iter().find_map(|item| match item {
        Item::Text(run) if run.line == Some(index) => Some(run.size),
        _ => None,
    });
    run.unwrap_or(page.layout.grid.body_size)
}

/// Strokes the edge of a pixel rectangle.
fn outline(canvas: &mut Canvas, rect: Option<SkRect>, width: f32, paint: &Paint) {
    let Some(r) = rect else { return };
    let corners = [(r.x(), r.y()), (r.right(), r.y()), (r.right(), r.bottom()), (r.x(), r.bottom())];
    for i in 0..4 {
        canvas.line_px(corners[i], corners[(i + 1) % 4], width, paint);
    }
}

/// Sets overlay captions: a face with Latin letters, at a size readable at proof resolutions.
struct Labeller<'a> {
    book: &'a FontBook,
    font: Option<FontId>,
    size: f32,
}

impl<'a> Labeller<'a> {
    fn new(canvas: &Canvas, book: &'a FontBook) -> Labeller<'a> {
        let has_latin = |id: &FontId| book.font(*id).has_char('a') && book.font(*id).has_char('0');
        let sans = book.fonts().find(|(_, f)| f.key == "hei").map(|(id, _)| id).filter(has_latin);
        let font = sans.or_else(|| book.fonts().map(|(id, _)| id).find(has_latin));
        Labeller { book, font, size: canvas.len(Abs::pt(7)).max(10.0) }
    }

    fn height(&self) -> f32 {
        self.size * 1.25
    }

    /// The width of a caption's tab.
    fn width(&self, text: &str) -> f32 {
        let Some(font) = self.font else { return 0.0 };
        label_glyphs(self.book, font, text, self.size).iter().map(|(_, a)| a).sum::<f32>() + 4.0
    }

    /// Draws `text` on a white tab whose top-left corner is at `at`.
    fn draw(&self, canvas: &mut Canvas, text: &str, at: (f32, f32), rgb: [u8; 3]) {
        let Some(font) = self.font else { return };
        canvas.fill_px(SkRect::from_xywh(at.0, at.1, self.width(text), self.height()), &solid([255, 255, 255]));
        let place = Placement { x: at.0 + 2.0, y: at.1 + self.size * 0.95, size: self.size };
        canvas.glyphs.draw_label(&mut canvas.pixmap, self.book, font, text, place, &solid(rgb));
    }
}
