//! Placing the masthead (报头) and the folio line (报眉), and the rules that go with them.

use crate::flow::{SetText, TextRef, break_all};
use crate::frame::Item;
use crate::linebreak::{Align, ParagraphStyle};
use crate::model::{PageGeometry, Slot};
use crate::units::{Abs, Point};

use super::{line_runs, rule};

/// A page's furniture texts, set and ready to place.
pub type FurnitureTexts = Vec<(Slot, SetText)>;

/// Places the furniture of one page.
pub fn place(geometry: &PageGeometry, texts: &FurnitureTexts, items: &mut Vec<Item>) {
    place_flags(geometry, texts, items);
    let area = geometry.type_area;
    if let Some(masthead) = geometry.masthead {
        let info_count = texts.iter().filter(|(s, _)| matches!(s, Slot::MastheadInfo(_))).count() as i64;
        for (slot, text) in texts {
            match slot {
                Slot::PaperName => {
                    let size = em_of(text);
                    let baseline = masthead.y + (masthead.height + size.scale(76, 100)) / 2;
                    put(items, text, Align::Start, area.x, masthead.width, baseline);
                }
                Slot::MastheadInfo(i) => {
                    let size = em_of(text);
                    let step = size.scale(16, 10);
                    let top = masthead.y + (masthead.height - step * info_count) / 2;
                    let baseline = top + step * (*i as i64) + size;
                    put(items, text, Align::End, area.x, masthead.width, baseline);
                }
                _ => {}
            }
        }
        let bottom = masthead.bottom() + Abs::pt(2);
        items.push(rule(area.x, area.right(), bottom, Abs::pt(2)));
        items.push(rule(area.x, area.right(), bottom + Abs::pt(3), Abs::pt(1).scale(1, 2)));
    } else if let Some(baseline) = geometry.folio_baseline {
        for (slot, text) in texts {
            let align = if *slot == Slot::FolioRight { Align::End } else { Align::Start };
            put(items, text, align, area.x, area.width, baseline);
        }
        items.push(rule(area.x, area.right(), baseline + Abs::pt(5), Abs::pt(1)));
    }
}

fn em_of(text: &SetText) -> Abs {
    text.shaped.glyphs.iter().map(|g| g.size).max().unwrap_or(Abs::ZERO)
}

/// Sets a one-line text at `x` across `measure` with its baseline at `baseline`.
fn put(items: &mut Vec<Item>, text: &SetText, align: Align, x: Abs, measure: Abs, baseline: Abs) {
    for line in break_all(text, ParagraphStyle { indent: Abs::ZERO, align }, measure).into_iter().take(1) {
        let placed = crate::flow::PlacedLine { text: TextRef::Caption, line, origin: Point::new(x, baseline) };
        items.extend(line_runs(&placed, text).into_iter().map(Item::Text));
    }
}

/// A flag (栏目): its words at the left of its box, centred on the box's height, between a
/// thin rule above and a heavy one below.
fn place_flags(geometry: &PageGeometry, texts: &FurnitureTexts, items: &mut Vec<Item>) {
    for (slot, text) in texts {
        let Slot::Flag(index) = slot else { continue };
        let frame = &geometry.boxes[*index];
        let baseline = frame.rect.y + frame.rect.height / 2 + em_of(text).scale(38, 100);
        put(items, text, Align::Start, frame.rect.x, frame.rect.width, baseline);
        items.push(rule(frame.rect.x, frame.rect.right(), frame.rect.y, Abs::pt(1).scale(1, 2)));
        items.push(rule(frame.rect.x, frame.rect.right(), frame.rect.bottom(), Abs::pt(3).scale(1, 2)));
    }
}
