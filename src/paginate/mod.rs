//! Pagination: assembles each page of the edition as a frame: the furniture (masthead or
//! folio), the flags, every story part the page holds (its lines, photo and rules), in a fixed
//! order so the output is the same on every run.

mod furniture;
mod runs;

pub use furniture::FurnitureTexts;
pub use runs::line_runs;

use std::sync::Arc;

use crate::flow::{StoryLayout, StoryTexts};
use crate::frame::{Color, Document, ImageItem, Item, Page, Rule};
use crate::model::{Edition, EditionPage};
use crate::units::{Abs, Point};

/// Everything set for one story.
pub struct SetStory<'a> {
    pub texts: &'a StoryTexts,
    pub layout: &'a StoryLayout,
}

/// Builds the document: one frame page per edition page.
pub fn paginate(edition: &Edition, furniture: &[FurnitureTexts], stories: &[SetStory]) -> Document {
    let title = format!("{} {} 第{}期", edition.paper, edition.date.long_zh(), edition.serial);
    let pages = edition
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| build_page(edition, index, page, &furniture[index], stories))
        .collect();
    Document { title, pages }
}

fn build_page(
    edition: &Edition,
    index: usize,
    page: &EditionPage,
    furniture: &FurnitureTexts,
    stories: &[SetStory],
) -> Page {
    let geometry = &page.geometry;
    let mut items = Vec::new();
    furniture::place(geometry, furniture, &mut items);
    for (story, set) in edition.stories.iter().zip(stories) {
        for (part, layout) in story.parts.iter().zip(&set.layout.parts) {
            if part.page != index {
                continue;
            }
            if let (Some(photo), Some(placed)) = (&story.photo, layout.photo) {
                items.push(Item::Image(ImageItem {
                    raster: Arc::clone(&photo.raster),
                    rect: placed.rect,
                    clip: placed.clip,
                }));
            }
            for placed in &layout.lines {
                let text = set.texts.get(placed.text).expect("flow placed an existing text");
                items.extend(line_runs(placed, text).into_iter().map(Item::Text));
            }
        }
    }
    for frame in geometry.boxes.iter().filter(|b| b.rule_below) {
        let y = frame.rect.bottom() + (geometry.line_pitch - geometry.body_size) / 2;
        items.push(hairline(frame.rect.x, frame.rect.right(), y));
    }
    Page { number: page.number, media: geometry.media, trim: geometry.trim, bleed: geometry.bleed, items }
}

/// A thin black rule across from `x0` to `x1` at `y`.
pub fn hairline(x0: Abs, x1: Abs, y: Abs) -> Item {
    rule(x0, x1, y, Abs::pt(1).scale(1, 2))
}

/// A horizontal rule of the given weight.
pub fn rule(x0: Abs, x1: Abs, y: Abs, thickness: Abs) -> Item {
    Item::Rule(Rule { from: Point::new(x0, y), to: Point::new(x1, y), thickness, color: Color::BLACK })
}
