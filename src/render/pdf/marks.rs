//! Printer's marks: crop marks at the corners of the trim and registration targets on each
//! side, drawn outside the bleed in the registration colour (Separation /All, on every plate).
//! Takes a page's trim and bleed; returns the [`Sheet`] the page is printed on (the media grown
//! by [`MARKS_ROOM`] past the bleed when marks are on) and paints the marks in its margins.
//!
//! Marks are print furniture, not layout: they follow from the boxes alone. The slug line is
//! text, so layout sets it (see `paginate::furniture`); this module only makes room for it.

use pdf_writer::types::{ColorSpaceOperand, LineCapStyle};
use pdf_writer::writers::Resources;
use pdf_writer::{Content, Name, Rect};

use super::pdf_box;
use crate::frame::Page;
use crate::model::MARKS_ROOM;

/// The resource name of the registration colour space.
pub(super) const REGISTRATION: &[u8] = b"Reg";

/// Crop marks begin this far outside the bleed so that they never show on a trimmed page.
const GAP_MM: f64 = 1.0;
/// Length of a crop mark.
const CROP_MM: f64 = 8.0;
/// A registration target: its circle's radius and how far its centre sits outside the bleed.
const TARGET_RADIUS_MM: f64 = 2.5;
const TARGET_DISTANCE_MM: f64 = 6.0;
/// Hairline marks, 0.25 pt, as imposition software draws them.
const MARK_WIDTH_PT: f32 = 0.25;
/// Bézier handle length for a quarter circle.
const KAPPA: f64 = 0.552_284_75;

/// The sheet a page is printed on, in points, and where the page's own content sits on it.
#[derive(Debug, Clone)]
pub(super) struct Sheet {
    pub width: f64,
    pub height: f64,
    /// How far the page's content is moved right and up on the sheet.
    pub dx: f64,
    pub dy: f64,
    /// Trim and bleed boxes on the sheet, when marks are to be drawn.
    pub marks: Option<(Rect, Rect)>,
}

impl Sheet {
    /// The page's own media, or, with marks, the media grown to [`MARKS_ROOM`] past the bleed.
    pub fn of(page: &Page, marks: bool) -> Sheet {
        let (width, height) = (page.media.width.to_pt(), page.media.height.to_pt());
        let plain = Sheet { width, height, dx: 0.0, dy: 0.0, marks: None };
        if !marks {
            return plain;
        }
        let room = MARKS_ROOM.to_pt();
        let bleed = pdf_box(page.bleed, page.media.height);
        let left = (room - f64::from(bleed.x1)).max(0.0);
        let bottom = (room - f64::from(bleed.y1)).max(0.0);
        let right = (f64::from(bleed.x2) + room - width).max(0.0);
        let top = (f64::from(bleed.y2) + room - height).max(0.0);
        let mut sheet =
            Sheet { width: width + left + right, height: height + bottom + top, dx: left, dy: bottom, marks: None };
        let trim = sheet.shift(pdf_box(page.trim, page.media.height));
        sheet.marks = Some((trim, sheet.shift(bleed)));
        sheet
    }

    /// A box in page space moved onto the sheet.
    pub fn shift(&self, rect: Rect) -> Rect {
        let (dx, dy) = (self.dx as f32, self.dy as f32);
        Rect::new(rect.x1 + dx, rect.y1 + dy, rect.x2 + dx, rect.y2 + dy)
    }
}

/// Adds the registration colour space to a page's resources: /All with CMYK 100/100/100/100
/// as its alternate, which is how PDF/X files name "every plate" (ISO 15930-4 allows Separation).
pub(super) fn write_registration_space(resources: &mut Resources) {
    let mut spaces = resources.color_spaces();
    let mut separation =
        spaces.insert(Name(REGISTRATION)).start::<pdf_writer::writers::ColorSpace>().separation(Name(b"All"));
    separation.alternate_color_space().device_cmyk();
    separation.tint_exponential().domain([0.0, 1.0]).c0([0.0; 4]).c1([1.0; 4]).n(1.0);
}

/// Paints crop marks and registration targets around `trim` and `bleed` (sheet space).
pub(super) fn paint(content: &mut Content, trim: Rect, bleed: Rect) {
    let mm = |v: f64| (v * 72.0 / 25.4) as f32;
    let (gap, crop) = (mm(GAP_MM), mm(CROP_MM));
    content.save_state();
    content.set_line_width(MARK_WIDTH_PT).set_line_cap(LineCapStyle::ButtCap);
    content.set_stroke_color_space(ColorSpaceOperand::Named(Name(REGISTRATION))).set_stroke_color([1.0]);
    for (x, bx, out) in [(trim.x1, bleed.x1, -1.0), (trim.x2, bleed.x2, 1.0)] {
        for (y, by, up) in [(trim.y1, bleed.y1, -1.0), (trim.y2, bleed.y2, 1.0)] {
            // A horizontal mark on the trim's edge line, outside the bleed; a vertical likewise.
            content.move_to(bx + out * gap, y).line_to(bx + out * (gap + crop), y);
            content.move_to(x, by + up * gap).line_to(x, by + up * (gap + crop));
        }
    }
    let (cx, cy) = ((trim.x1 + trim.x2) / 2.0, (trim.y1 + trim.y2) / 2.0);
    let away = mm(TARGET_DISTANCE_MM);
    for (x, y) in [(cx, bleed.y2 + away), (cx, bleed.y1 - away), (bleed.x1 - away, cy), (bleed.x2 + away, cy)] {
        target(content, x, y, mm(TARGET_RADIUS_MM));
    }
    content.stroke();
    content.restore_state();
}

/// A circle with a cross through it, centred on (x, y).
fn target(content: &mut Content, x: f32, y: f32, r: f32) {
    let k = (f64::from(r) * KAPPA) as f32;
    content.move_to(x + r, y);
    content.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    content.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    content.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    content.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    content.close_path();
    let arm = r * 1.4;
    content.move_to(x - arm, y).line_to(x + arm, y);
    content.move_to(x, y - arm).line_to(x, y + arm);
}
