//! The body's flow through the columns of the chain's boxes, one grid row per line.

use crate::linebreak::{Align, Breaker, Line, ParagraphStyle, PlanMemo};
use crate::model::{BlockKind, BoxGeometry, PageGeometry, SubheadAlign};
use crate::units::Abs;

use super::head::place_on_row;
use super::texts::{SetText, StoryTexts, TextRef};
use super::{Overset, PlacedLine};

/// Where the body stands: the block being set and, inside it, the breaker.
#[derive(Clone)]
pub struct BodyFlow<'a> {
    texts: &'a StoryTexts,
    kinds: &'a [BlockKind],
    block: usize,
    breaker: Option<Breaker<'a>>,
    /// Paragraphs finished so far, for spreading.
    paragraphs_done: u32,
}

/// The columns of one box, down to a row limit.
#[derive(Clone, Copy)]
pub struct Region<'g> {
    /// Which part of the chain this is.
    pub part: usize,
    /// Whether a later part follows.
    pub has_next: bool,
    pub page: &'g PageGeometry,
    pub frame: &'g BoxGeometry,
    /// The first row left for the body, under the headline group.
    pub first_row: u32,
    /// Where columns the headline group does not span start (the box's own top).
    pub top_row: u32,
    /// The rows each column may fill, from the box's top (balancing sets fewer than it has).
    pub rows: u32,
    /// Vertical justification: blank lines to spread over the paragraph breaks, of how many.
    pub spread: Spread,
}

/// Blank lines spread evenly over a story's paragraph breaks, so a short story reaches the
/// bottom of its box on the grid.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Spread {
    pub blanks: u32,
    pub breaks: u32,
}

impl Spread {
    /// Blank lines after break `i` (from 0): the blanks fall evenly.
    fn after(&self, i: u32) -> u32 {
        if self.breaks == 0 {
            return 0;
        }
        (i + 1) * self.blanks / self.breaks - i * self.blanks / self.breaks
    }
}

/// Lines a section subhead wants after it in the same column (it takes a blank line above
/// and one line per line of its own, R17).
const SECTION_KEEP_WITH_NEXT: u32 = 1;

impl<'a> BodyFlow<'a> {
    pub fn new(texts: &'a StoryTexts, kinds: &'a [BlockKind]) -> BodyFlow<'a> {
        BodyFlow { texts, kinds, block: 0, breaker: None, paragraphs_done: 0 }
    }

    pub fn is_done(&self) -> bool {
        self.block >= self.texts.body.len()
    }

    /// Breaks between body blocks: where spreading may add a blank line.
    pub fn breaks(&self) -> u32 {
        self.kinds.len().saturating_sub(1) as u32
    }

    /// Whether body block `block` is a section subhead.
    pub fn is_section(&self, block: usize) -> bool {
        self.kinds.get(block) == Some(&BlockKind::Section)
    }

    /// Fills the columns of `region`. A continuation opens with "(上接…)" at the start of its
    /// first line; with a later part to go to, the last line of the last column ends with
    /// "(下转…)" set right, its space taken from that line (on a line of its own when too little
    /// would be left), unless the story ends exactly there. A paragraph's last line is not left
    /// alone at the top of a column (孤行, R20): the line before it goes along.
    /// `plans` holds each body block's line plans across the trial fills of a story.
    pub fn fill(&mut self, region: &Region, lines: &mut Vec<PlacedLine>, plans: &mut [PlanMemo]) {
        let Region { part, has_next, page, frame, first_row, top_row, rows, spread } = *region;
        let spanned = frame.headline_columns.unwrap_or(frame.columns.len());
        let start_of = |column: usize| if column < spanned { first_row } else { top_row.min(first_row) };
        let columns = frame.columns.len();
        let width = frame.column_width;
        let (mut column, mut row) = (0, first_row);
        let gap = page.body_size / 2;
        let mut taken = Abs::ZERO;
        let mut before_last_line: Option<(BodyFlow<'a>, usize)> = None;
        let jump_out = if has_next { self.text_lines(TextRef::JumpOut(part), Align::End, width) } else { Vec::new() };
        let jump_rows = jump_out.len().max(1) as u32;
        if part > 0 && !self.is_done() {
            let jump_in = self.text_lines(TextRef::JumpIn(part), Align::Start, width);
            let last_width = jump_in.last().map_or(Abs::ZERO, |l| l.width);
            let count = jump_in.len() as u32;
            place_lines(lines, TextRef::JumpIn(part), jump_in, page, frame, frame.columns[column], row);
            if count == 1
                && self.kinds[self.block] != BlockKind::Section
                && leaves_room(width, last_width + gap, page.body_size)
            {
                taken = last_width + gap;
            } else {
                row += count;
            }
        }
        while !self.is_done() && column < columns {
            if row >= rows {
                column += 1;
                row = start_of(column);
                if column < columns {
                    self.keep_widow_company(before_last_line.take(), width, lines);
                }
                continue;
            }
            if covered(page, frame, column, row) {
                // A box nested in this one (a photo set into a story): the text goes round it.
                row += 1;
                continue;
            }
            let last_slot = has_next && column + 1 == columns && row + jump_rows >= rows;
            if self.kinds[self.block] == BlockKind::Section {
                let align = match frame.subheads {
                    SubheadAlign::Center => Align::Center,
                    SubheadAlign::Start => Align::Start,
                };
                let title = self.text_lines(TextRef::Body(self.block), align, width);
                let needed = 1
                    + title.len() as u32
                    + SECTION_KEEP_WITH_NEXT
                    + if has_next && column + 1 == columns { jump_rows } else { 0 };
                if rows - row < needed {
                    row = rows;
                    continue;
                }
                let count = title.len() as u32;
                place_lines(lines, TextRef::Body(self.block), title, page, frame, frame.columns[column], row + 1);
                row += 1 + count;
                self.block += 1;
                before_last_line = None;
                continue;
            }
            let mut measure = width - taken;
            if last_slot && !self.last_line_ends_story(measure, page) {
                let jump = jump_out.first().map_or(Abs::ZERO, |l| l.width);
                let inline = jump_out.len() == 1 && leaves_room(measure, jump + gap, page.body_size);
                place_lines(lines, TextRef::JumpOut(part), jump_out.clone(), page, frame, frame.columns[column], row);
                if !inline {
                    break;
                }
                measure -= jump + gap;
            }
            before_last_line = Some((self.clone(), lines.len()));
            let x = frame.columns[column] + taken;
            let done_before = self.block;
            self.set_body_line(lines, measure, (page, frame), (x, row), plans);
            taken = Abs::ZERO;
            row += 1;
            if self.block > done_before && !self.is_done() {
                row += spread.after(self.paragraphs_done);
                self.paragraphs_done += 1;
            }
            if last_slot {
                break;
            }
        }
    }

    /// At a column break: when the next line would be its paragraph's last and the line above
    /// the break is of the same paragraph, takes that line back so both start the new column.
    fn keep_widow_company(
        &mut self,
        before_last_line: Option<(BodyFlow<'a>, usize)>,
        measure: Abs,
        lines: &mut Vec<PlacedLine>,
    ) {
        let Some((earlier, placed)) = before_last_line else { return };
        let Some(breaker) = &self.breaker else { return };
        if earlier.block != self.block || earlier.breaker.is_none() {
            return;
        }
        let mut probe = breaker.clone();
        probe.next_line(measure);
        if probe.is_done() {
            *self = earlier;
            lines.truncate(placed);
        }
    }

    /// Sets the next line of the current block at `measure`, from `x` on row `row`.
    fn set_body_line(
        &mut self,
        lines: &mut Vec<PlacedLine>,
        measure: Abs,
        (page, frame): (&PageGeometry, &BoxGeometry),
        (x, row): (Abs, u32),
        plans: &mut [PlanMemo],
    ) {
        let (texts, block, kind) = (self.texts, self.block, self.kinds[self.block]);
        let breaker = self.breaker.get_or_insert_with(|| start_block(&texts.body[block], kind, page.body_size));
        let line = breaker.next_line_memo(measure, &mut plans[block]).expect("block not done");
        place_on_row(lines, TextRef::Body(block), line, page, frame, x, row);
        if breaker.is_done() {
            self.block += 1;
            self.breaker = None;
        }
    }

    /// Whether one more line at `measure` finishes the story.
    fn last_line_ends_story(&self, measure: Abs, page: &PageGeometry) -> bool {
        if self.block + 1 != self.texts.body.len() {
            return false;
        }
        let mut probe = match &self.breaker {
            Some(breaker) => breaker.clone(),
            None => start_block(&self.texts.body[self.block], self.kinds[self.block], page.body_size),
        };
        probe.next_line(measure);
        probe.is_done()
    }

    /// The lines of a text (a jump line, a section subhead) set across a column.
    fn text_lines(&self, at: TextRef, align: Align, measure: Abs) -> Vec<Line> {
        let Some(text) = self.texts.get(at) else { return Vec::new() };
        let mut breaker = Breaker::new(&text.items, &text.shaped, ParagraphStyle { indent: Abs::ZERO, align });
        std::iter::from_fn(|| breaker.next_line(measure)).collect()
    }

    /// What is left once every part is full, measured in the last box's columns.
    pub fn overset(&self, last: Option<&BoxGeometry>) -> Option<Overset> {
        if self.is_done() {
            return None;
        }
        let width = last.map_or(Abs::pt(100), |b| b.column_width);
        let offset = self.breaker.as_ref().map_or(0, |b| b.unset_from());
        let mut chars = count_chars(&self.texts.body[self.block].text[offset..]);
        let mut lines = 0;
        if let Some(breaker) = &self.breaker {
            let mut rest = breaker.clone();
            lines += std::iter::from_fn(|| rest.next_line(width)).count();
        }
        let later = if self.breaker.is_some() { self.block + 1 } else { self.block };
        for (text, kind) in self.texts.body[later..].iter().zip(&self.kinds[later..]) {
            chars += count_chars(&text.text);
            let mut breaker = start_block(text, *kind, Abs::ZERO);
            lines += std::iter::from_fn(|| breaker.next_line(width)).count();
        }
        Some(Overset { block: self.block, offset, chars, lines })
    }
}

/// Whether another box of the page, set inside `frame`, covers grid row `row` of `column`.
fn covered(page: &PageGeometry, frame: &BoxGeometry, column: usize, row: u32) -> bool {
    let x0 = frame.columns[column];
    let x1 = x0 + frame.column_width;
    let top = page.line_top(frame.first_line + row);
    let bottom = top + page.body_size;
    let inside = |other: &BoxGeometry| {
        other.outer != frame.outer
            && other.outer.x >= frame.outer.x
            && other.outer.right() <= frame.outer.right()
            && other.outer.y >= frame.outer.y
            && other.outer.bottom() <= frame.outer.bottom()
    };
    page.boxes.iter().filter(|b| inside(b)).any(|b| {
        let gap = page.line_pitch - page.body_size;
        b.outer.x < x1 && b.outer.right() > x0 && b.outer.y - gap < bottom && b.outer.bottom() + gap > top
    })
}

/// Places lines on consecutive rows from `row`, at `x`.
fn place_lines(
    out: &mut Vec<PlacedLine>,
    at: TextRef,
    lines: Vec<Line>,
    page: &PageGeometry,
    frame: &BoxGeometry,
    x: Abs,
    row: u32,
) {
    for (i, line) in lines.into_iter().enumerate() {
        place_on_row(out, at, line, page, frame, x, row + i as u32);
    }
}

/// Whether a line of `measure` still holds at least four characters once `taken` is gone.
fn leaves_room(measure: Abs, taken: Abs, em: Abs) -> bool {
    measure - taken >= em * 4
}

fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A breaker for a body block, styled by its kind: paragraphs and bylines indented 2 em
/// (R19) and justified.
fn start_block(text: &SetText, kind: BlockKind, body_size: Abs) -> Breaker<'_> {
    let style = match kind {
        BlockKind::Section => ParagraphStyle { indent: Abs::ZERO, align: Align::Center },
        BlockKind::Byline => ParagraphStyle { indent: body_size * 2, align: Align::Start },
        _ => ParagraphStyle { indent: body_size * 2, align: Align::Justify },
    };
    Breaker::new(&text.items, &text.shaped, style)
}
