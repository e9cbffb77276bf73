//! Flow: fills a story's chain of boxes. The headline group goes across the top of the first
//! box (whole grid lines, R17), a photo and its caption above the text, then the body runs
//! column after column on the page's baseline grid (R15) and on into the next box of the
//! chain, with "(下转…)" closing a part that breaks off and "(上接…)" opening the next.
//! What fits nowhere is overset, measured exactly in characters and lines.

mod body;
mod head;
mod texts;

pub use head::{break_all, break_balanced};
pub use texts::{PartTexts, PhotoSize, SetText, StoryTexts, TextRef};

use body::{BodyFlow, Region, Spread};

use crate::linebreak::{Line, PlanMemo};
use crate::model::{BlockKind, BoxGeometry, EditionPage, PageGeometry, Story};
use crate::units::{Point, Rect};

/// A line placed on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedLine {
    pub text: TextRef,
    pub line: Line,
    /// The line's left edge on its baseline, on the page.
    pub origin: Point,
    /// Whether the line sits on the page's baseline grid (body text) or between grid lines
    /// (headlines, centred in the whole lines they take).
    pub on_grid: bool,
}

/// A photo placed on a page: the image's full rectangle and the visible part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedPhoto {
    pub rect: Rect,
    pub clip: Rect,
}

/// What one box of the chain received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartLayout {
    pub lines: Vec<PlacedLine>,
    pub photo: Option<PlacedPhoto>,
    /// Whether the story reached this box at all.
    pub reached: bool,
    /// The grid rows of the box it takes, from the box's top: `top_row..bottom_row`.
    pub top_row: u32,
    pub bottom_row: u32,
}

/// Text that fits in no box of the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overset {
    /// The body block where the overset starts, and the byte offset in it.
    pub block: usize,
    pub offset: usize,
    /// Non-space characters not set.
    pub chars: usize,
    /// Lines they would take in the last box's columns.
    pub lines: usize,
}

/// A story laid out through its chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryLayout {
    pub parts: Vec<PartLayout>,
    pub overset: Option<Overset>,
}

impl StoryLayout {
    /// A story set nowhere (a stand-in that was not needed).
    pub fn unplaced(parts: usize) -> StoryLayout {
        StoryLayout { parts: vec![PartLayout::default(); parts], overset: None }
    }
}

/// The row after the lowest grid line the part sets.
fn bottom_row(layout: &PartLayout, page: &PageGeometry, frame: &BoxGeometry) -> u32 {
    let first_baseline = page.line_top(frame.first_line) + page.baseline_offset(page.body_size);
    let rows = layout
        .lines
        .iter()
        .filter(|l| l.on_grid)
        .map(|l| ((l.origin.y - first_baseline).0 / page.line_pitch.0) as u32 + 1);
    rows.max().unwrap_or(0)
}

/// A trial fill of `region` from where `body` stands: the body as it would be after, and the
/// lines it would place.
fn trial_fill<'a>(body: &BodyFlow<'a>, region: &Region, plans: &mut [PlanMemo]) -> (BodyFlow<'a>, Vec<PlacedLine>) {
    let mut trial = body.clone();
    let mut placed = Vec::new();
    trial.fill(region, &mut placed, plans);
    (trial, placed)
}

/// Vertical justification: when the story ends in this box with lines to spare, fills it
/// with the most blank lines over its paragraph breaks that still let it end here; else
/// fills the whole box plainly. Returns the fill taken, not repeating the winning trial.
fn fill_spread<'a>(body: &BodyFlow<'a>, full: Region, plans: &mut [PlanMemo]) -> (BodyFlow<'a>, Vec<PlacedLine>) {
    let with_blanks = |blanks: u32| Region { spread: Spread { blanks, breaks: body.breaks() }, ..full };
    let plain = trial_fill(body, &with_blanks(0), plans);
    if !plain.0.is_done() {
        return plain;
    }
    let mut best = plain;
    let (mut low, mut high) = (0, if body.breaks() == 0 { 0 } else { full.rows });
    while low < high {
        let mid = (low + high).div_ceil(2);
        let trial = trial_fill(body, &with_blanks(mid), plans);
        if trial.0.is_done() {
            (low, best) = (mid, trial);
        } else {
            high = mid - 1;
        }
    }
    best
}

/// R18: when the story ends in this box, fills the fewest rows per column that still hold it,
/// so its columns come out even (the last at most a line short); else the whole box. Returns
/// the fill taken, not repeating the winning trial.
fn fill_balanced<'a>(body: &BodyFlow<'a>, full: Region, plans: &mut [PlanMemo]) -> (BodyFlow<'a>, Vec<PlacedLine>) {
    let whole = trial_fill(body, &full, plans);
    let columns = full.frame.columns.len() as u32;
    if !whole.0.is_done() || columns < 2 {
        return whole;
    }
    // One row per line, and the blank row over each section subhead: the rows needed if the
    // columns shared them evenly. Column breaks can only add to that, so search upwards.
    let rows_of = |l: &PlacedLine| match l.text {
        TextRef::Body(b) if whole.0.is_section(b) => 2,
        TextRef::Body(_) => 1,
        // Jump lines share their row with text.
        _ => 0,
    };
    let needed: u32 = whole.1.iter().map(rows_of).sum();
    let mut rows = (full.first_row + needed.div_ceil(columns)).min(full.rows);
    while rows < full.rows {
        let attempt = trial_fill(body, &Region { rows, ..full }, plans);
        if attempt.0.is_done() {
            return attempt;
        }
        rows += 1;
    }
    whole
}

/// Lays a story out through its chain of boxes. Its first box is used from grid row
/// `start_row` down (below the briefs stacked above it, if any).
pub fn flow_story(story: &Story, texts: &StoryTexts, pages: &[EditionPage], start_row: u32) -> StoryLayout {
    let mut parts = Vec::new();
    let kinds: Vec<BlockKind> = story.body.iter().map(|b| b.kind).collect();
    let mut body = BodyFlow::new(texts, &kinds);
    let mut plans = vec![PlanMemo::default(); kinds.len()];
    for (k, part) in story.parts.iter().enumerate() {
        let page = &pages[part.page];
        let frame = &page.geometry.boxes[part.box_index];
        let mut layout = PartLayout { reached: k == 0 || !body.is_done(), ..PartLayout::default() };
        if !layout.reached {
            parts.push(layout);
            continue;
        }
        layout.top_row = if k == 0 { start_row } else { 0 };
        let beside_vertical_head;
        let (frame, first_row) = if k == 0 && frame.vertical_headline {
            let chars = head::place_vertical_head(texts, &page.geometry, frame, &mut layout);
            beside_vertical_head = page.geometry.narrowed(frame, chars);
            (&beside_vertical_head, start_row)
        } else if k == 0 {
            (frame, head::place_head(texts, &page.geometry, frame, start_row, &mut layout))
        } else {
            (frame, head::place_jump_headline(texts, k, &page.geometry, frame, &mut layout))
        };
        let has_next = k + 1 < story.parts.len();
        let full = Region {
            part: k,
            has_next,
            page: &page.geometry,
            frame,
            first_row,
            top_row: layout.top_row,
            rows: frame.lines,
            spread: Spread::default(),
        };
        let (after, lines) =
            if frame.spread { fill_spread(&body, full, &mut plans) } else { fill_balanced(&body, full, &mut plans) };
        body = after;
        layout.lines.extend(lines);
        layout.bottom_row = bottom_row(&layout, &page.geometry, frame).max(first_row);
        parts.push(layout);
    }
    let overset = body.overset(story.parts.last().map(|p| &pages[p.page].geometry.boxes[p.box_index]));
    StoryLayout { parts, overset }
}
