//! Placing the masthead (报头) and the folio line (报眉), and the rules that go with them.

use crate::flow::{PlacedLine, SetText, TextRef, break_all};
use crate::linebreak::{Align, ParagraphStyle};
use crate::model::{PageGeometry, SLUG_RAISE, Slot};
use crate::units::{Abs, Point};

use super::{PageBuilder, rule};

/// A page's furniture texts, set and ready to place.
pub type FurnitureTexts = Vec<(Slot, SetText)>;

/// Places the furniture of one page.
pub fn place(geometry: &PageGeometry, texts: &FurnitureTexts, page: &mut PageBuilder) {
    place_flags(geometry, texts, page);
    place_slug(geometry, texts, page);
    let area = geometry.type_area;
    if let Some(masthead) = geometry.masthead {
        let info_count = texts.iter().filter(|(s, _)| matches!(s, Slot::MastheadInfo(_))).count() as i64;
        for (slot, text) in texts {
            match slot {
                Slot::PaperName => {
                    let size = em_of(text);
                    let baseline = masthead.y + (masthead.height + size.scale(76, 100)) / 2;
                    put(page, text, Align::Start, area.x, masthead.width, baseline, None);
                }
                Slot::MastheadInfo(i) => {
                    let size = em_of(text);
                    let step = size.scale(16, 10);
                    let top = masthead.y + (masthead.height - step * info_count) / 2;
                    let baseline = top + step * (*i as i64) + size;
                    put(page, text, Align::End, area.x, masthead.width, baseline, None);
                }
                _ => {}
            }
        }
        let bottom = masthead.bottom() + Abs::pt(2);
        page.items.push(rule(area.x, area.right(), bottom, Abs::pt(2)));
        page.items.push(rule(area.x, area.right(), bottom + Abs::pt(3), Abs::pt(1).scale(1, 2)));
    } else if let Some(baseline) = geometry.folio_baseline {
        for (slot, text) in texts.iter().filter(|(s, _)| matches!(s, Slot::FolioLeft | Slot::FolioRight)) {
            let align = if *slot == Slot::FolioRight { Align::End } else { Align::Start };
            put(page, text, align, area.x, area.width, baseline, None);
        }
        page.items.push(rule(area.x, area.right(), baseline + Abs::pt(5), Abs::pt(1)));
    }
}

fn em_of(text: &SetText) -> Abs {
    text.shaped.glyphs.iter().map(|g| g.size).max().unwrap_or(Abs::ZERO)
}

/// Sets a one-line text at `x` across `measure` with its baseline at `baseline`.
fn put(
    page: &mut PageBuilder,
    text: &SetText,
    align: Align,
    x: Abs,
    measure: Abs,
    baseline: Abs,
    box_index: Option<usize>,
) {
    // Furniture is one line; should words outrun the measure, the rest goes below, not away.
    let step = em_of(text).scale(12, 10);
    for (i, line) in break_all(text, ParagraphStyle { indent: Abs::ZERO, align }, measure).into_iter().enumerate() {
        let placed = PlacedLine {
            text: TextRef::Caption,
            line,
            origin: Point::new(x, baseline + step * i as i64),
            on_grid: false,
        };
        page.add_line(&placed, text, box_index);
    }
}

/// A flag (栏目): its words at the left of its box, centred on the box's height, between a
/// thin rule above and a heavy one below.
fn place_flags(geometry: &PageGeometry, texts: &FurnitureTexts, page: &mut PageBuilder) {
    for (slot, text) in texts {
        let Slot::Flag(index) = slot else { continue };
        let frame = &geometry.boxes[*index];
        let baseline = frame.rect.y + frame.rect.height / 2 + em_of(text).scale(38, 100);
        put(page, text, Align::Start, frame.rect.x, frame.rect.width, baseline, Some(*index));
        page.items.push(rule(frame.rect.x, frame.rect.right(), frame.rect.y, Abs::pt(1).scale(1, 2)));
        page.items.push(rule(frame.rect.x, frame.rect.right(), frame.rect.bottom(), Abs::pt(3).scale(1, 2)));
    }
}

/// The slug line, when the edition asks for marks: above the top edge of the bleed, in the room
/// the PDF writer adds for the marks, clear of the corner crop marks.
fn place_slug(geometry: &PageGeometry, texts: &FurnitureTexts, page: &mut PageBuilder) {
    let inset = Abs::mm(15);
    for (_, text) in texts.iter().filter(|(s, _)| *s == Slot::Slug) {
        let baseline = geometry.bleed.y - SLUG_RAISE;
        let measure = geometry.trim.width - inset * 2;
        put(page, text, Align::Start, geometry.trim.x + inset, measure, baseline, None);
    }
}
