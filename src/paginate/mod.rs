//! Pagination: assembles each page of the edition as a frame: the furniture (masthead or
//! folio), the flags, every story part the page holds (its lines, photo and rules), in a fixed
//! order so the output is the same on every run, with the layout record (grid, boxes, lines)
//! that proofs and dumps read.

mod furniture;
mod runs;

pub use furniture::FurnitureTexts;
pub use runs::line_runs;

use std::sync::Arc;

use rayon::prelude::*;

use crate::flow::{PlacedLine, SetText, StoryLayout, StoryTexts};
use crate::frame::{BoxInfo, Color, Document, GridInfo, ImageItem, Item, LineInfo, Page, PageLayout, Rule};
use crate::model::{Edition, EditionPage, PageGeometry};
use crate::units::{Abs, Point, Rect};

/// Everything set for one story.
pub struct SetStory<'a> {
    pub texts: &'a StoryTexts,
    pub layout: &'a StoryLayout,
}

/// Builds the document: one frame page per edition page.
pub fn paginate(edition: &Edition, furniture: &[FurnitureTexts], stories: &[SetStory]) -> Document {
    let title = format!("{} {} 第{}期", edition.paper, edition.date.long_zh(), edition.serial);
    // Pages are built in parallel; `collect` keeps them in order.
    let pages = edition
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| build_page(edition, index, page, &furniture[index], stories))
        .collect();
    Document { title, pages }
}

/// A page under construction: its items and its layout record.
pub struct PageBuilder {
    pub items: Vec<Item>,
    pub layout: PageLayout,
}

impl PageBuilder {
    fn new(geometry: &PageGeometry) -> PageBuilder {
        let grid = GridInfo {
            area: geometry.type_area,
            body_size: geometry.body_size,
            line_pitch: geometry.line_pitch,
            lines: geometry.lines,
            baseline_offset: geometry.baseline_offset(geometry.body_size),
        };
        let boxes = geometry
            .boxes
            .iter()
            .map(|b| BoxInfo {
                name: b.name.clone(),
                rect: b.rect,
                columns: b.columns.iter().map(|&x| Rect::new(x, b.rect.y, b.column_width, b.rect.height)).collect(),
                story: None,
                overset: None,
            })
            .collect();
        PageBuilder { items: Vec::new(), layout: PageLayout { grid, boxes, lines: Vec::new() } }
    }

    /// Adds a set line: its record, and the runs that draw it.
    pub fn add_line(&mut self, placed: &PlacedLine, text: &SetText, box_index: Option<usize>) {
        let line = &placed.line;
        let index = self.layout.lines.len();
        let end = line.text.end.min(text.text.len());
        self.layout.lines.push(LineInfo {
            origin: placed.origin,
            measure: line.measure,
            start: line.start,
            width: line.width,
            text: text.text.get(line.text.start..end).unwrap_or_default().to_string(),
            box_index,
            on_grid: placed.on_grid,
            justified: line.justified,
            paragraph_end: line.last,
            overfull: line.overfull,
        });
        self.items.extend(line_runs(placed, text, Some(index)).into_iter().map(Item::Text));
    }
}

fn build_page(
    edition: &Edition,
    index: usize,
    page: &EditionPage,
    furniture: &FurnitureTexts,
    stories: &[SetStory],
) -> Page {
    let geometry = &page.geometry;
    let mut builder = PageBuilder::new(geometry);
    furniture::place(geometry, furniture, &mut builder);
    for (story, set) in edition.stories.iter().zip(stories) {
        let last = story.parts.len().saturating_sub(1);
        for (k, (part, layout)) in story.parts.iter().zip(&set.layout.parts).enumerate() {
            if part.page != index || !layout.reached {
                continue;
            }
            let info = &mut builder.layout.boxes[part.box_index];
            // A briefs box holds several stories: name them all.
            info.story = Some(match info.story.take() {
                Some(above) => format!("{above}+{}", story.slug),
                None => story.slug.clone(),
            });
            if k == last {
                info.overset = set.layout.overset.as_ref().map(|o| (o.chars, o.lines));
            }
            if part.below.is_some() && layout.top_row > 0 {
                // The rule between stacked briefs, in the blank line above this one.
                let frame = &geometry.boxes[part.box_index];
                let y = geometry.line_top(frame.first_line + layout.top_row - 1) + geometry.body_size / 2;
                builder.items.push(hairline(Point::new(frame.rect.x, y), Point::new(frame.rect.right(), y)));
            }
            if let (Some(photo), Some(placed)) = (&story.photo, layout.photo) {
                builder.items.push(Item::Image(ImageItem {
                    raster: Arc::clone(&photo.raster),
                    rect: placed.rect,
                    clip: placed.clip,
                }));
            }
            for placed in &layout.lines {
                let text = set.texts.get(placed.text).expect("flow placed an existing text");
                builder.add_line(placed, text, Some(part.box_index));
            }
        }
    }
    for frame in geometry.boxes.iter() {
        if let Some(weight) = frame.frame {
            builder.items.extend(outline(frame.outer, weight));
        }
    }
    for frame in geometry.boxes.iter().filter(|b| b.rule_below) {
        let y = frame.rect.bottom() + (geometry.line_pitch - geometry.body_size) / 2;
        builder.items.push(hairline(Point::new(frame.rect.x, y), Point::new(frame.rect.right(), y)));
    }
    for (index, frame) in geometry.boxes.iter().enumerate().filter(|(_, b)| b.column_rules) {
        // 栏线: down the middle of each gutter, from the first body line down.
        let body = builder.layout.lines.iter().filter(|l| l.on_grid && l.box_index == Some(index));
        let top = body.map(|l| l.origin.y).min();
        for pair in frame.columns.windows(2) {
            let x = (pair[0] + frame.column_width + pair[1]) / 2;
            if let Some(top) = top {
                let first = top - geometry.baseline_offset(geometry.body_size);
                builder.items.push(hairline(Point::new(x, first), Point::new(x, frame.rect.bottom())));
            }
        }
    }
    Page {
        number: page.number,
        media: geometry.media,
        trim: geometry.trim,
        bleed: geometry.bleed,
        items: builder.items,
        layout: builder.layout,
    }
}

/// A thin black rule from one point to another.
pub fn hairline(from: Point, to: Point) -> Item {
    Item::Rule(Rule { from, to, thickness: Abs::pt(1).scale(1, 2), color: Color::BLACK })
}

/// The four rules round a rectangle, drawn on its edges; the horizontal ones run on by half
/// the weight so the corners close under butt caps.
fn outline(rect: Rect, weight: Abs) -> [Item; 4] {
    let half = weight / 2;
    let rule = |from, to| Item::Rule(Rule { from, to, thickness: weight, color: Color::BLACK });
    let (left, right, top, bottom) = (rect.x, rect.right(), rect.y, rect.bottom());
    [
        rule(Point::new(left - half, top), Point::new(right + half, top)),
        rule(Point::new(left - half, bottom), Point::new(right + half, bottom)),
        rule(Point::new(left, top), Point::new(left, bottom)),
        rule(Point::new(right, top), Point::new(right, bottom)),
    ]
}

/// A horizontal rule of the given weight.
pub fn rule(x0: Abs, x1: Abs, y: Abs, thickness: Abs) -> Item {
    Item::Rule(Rule { from: Point::new(x0, y), to: Point::new(x1, y), thickness, color: Color::BLACK })
}
