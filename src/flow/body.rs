//! The body's flow through the columns of the chain's boxes, one grid row per line.

use crate::linebreak::{Align, Breaker, ParagraphStyle};
use crate::model::{BlockKind, BoxGeometry, PageGeometry};
use crate::units::Abs;

use super::head::place_on_row;
use super::texts::{SetText, StoryTexts, TextRef};
use super::{Overset, PlacedLine};

/// Where the body stands: the block being set and, inside it, the breaker.
#[derive(Clone)]
pub struct BodyFlow<'a> {
    texts: &'a StoryTexts,
    kinds: Vec<BlockKind>,
    block: usize,
    breaker: Option<Breaker<'a>>,
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
    /// The rows each column may fill, from the box's top (balancing sets fewer than it has).
    pub rows: u32,
}

/// Rows a section subhead takes (R17), and rows it wants after it in the same column.
const SECTION_ROWS: u32 = 2;
const SECTION_KEEP_WITH_NEXT: u32 = 1;

impl<'a> BodyFlow<'a> {
    pub fn new(texts: &'a StoryTexts, kinds: Vec<BlockKind>) -> BodyFlow<'a> {
        BodyFlow { texts, kinds, block: 0, breaker: None }
    }

    pub fn is_done(&self) -> bool {
        self.block >= self.texts.body.len()
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
    pub fn fill(&mut self, region: &Region, lines: &mut Vec<PlacedLine>) {
        let Region { part, has_next, page, frame, first_row, rows } = *region;
        let columns = frame.columns.len();
        let (mut column, mut row) = (0, first_row);
        let gap = page.body_size / 2;
        let mut taken = Abs::ZERO;
        let mut before_last_line: Option<(BodyFlow<'a>, usize)> = None;
        if part > 0 && !self.is_done() {
            let width = self.place_text(lines, TextRef::JumpIn(part), Align::Start, page, frame, column, row);
            if self.kinds[self.block] == BlockKind::Section
                || !leaves_room(frame.column_width, width + gap, page.body_size)
            {
                row += 1;
            } else {
                taken = width + gap;
            }
        }
        while !self.is_done() && column < columns {
            if row >= rows {
                column += 1;
                row = first_row;
                if column < columns {
                    self.keep_widow_company(before_last_line.take(), frame.column_width, lines);
                }
                continue;
            }
            let last_slot = has_next && column + 1 == columns && row + 1 == rows;
            if self.kinds[self.block] == BlockKind::Section {
                if rows - row < SECTION_ROWS + SECTION_KEEP_WITH_NEXT + u32::from(has_next && column + 1 == columns) {
                    row = rows;
                    continue;
                }
                self.place_text(lines, TextRef::Body(self.block), Align::Center, page, frame, column, row + 1);
                row += SECTION_ROWS;
                self.block += 1;
                before_last_line = None;
                continue;
            }
            let mut measure = frame.column_width - taken;
            if last_slot && !self.last_line_ends_story(measure, page) {
                let jump = self.jump_width(TextRef::JumpOut(part), frame.column_width);
                self.place_text(lines, TextRef::JumpOut(part), Align::End, page, frame, column, row);
                if !leaves_room(measure, jump + gap, page.body_size) {
                    break;
                }
                measure -= jump + gap;
            }
            before_last_line = Some((self.clone(), lines.len()));
            let x = frame.columns[column] + taken;
            self.set_body_line(lines, measure, page, frame, x, row);
            taken = Abs::ZERO;
            row += 1;
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
        page: &PageGeometry,
        frame: &BoxGeometry,
        x: Abs,
        row: u32,
    ) {
        let (texts, block, kind) = (self.texts, self.block, self.kinds[self.block]);
        let breaker = self.breaker.get_or_insert_with(|| start_block(&texts.body[block], kind, page.body_size));
        let line = breaker.next_line(measure).expect("block not done");
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

    /// The natural width of a one-line text.
    fn jump_width(&self, at: TextRef, measure: Abs) -> Abs {
        let Some(text) = self.texts.get(at) else { return Abs::ZERO };
        let mut breaker =
            Breaker::new(&text.items, &text.shaped, ParagraphStyle { indent: Abs::ZERO, align: Align::Start });
        breaker.next_line(measure).map_or(Abs::ZERO, |l| l.width)
    }

    /// Sets a one-line text (jump line, section subhead) across one column; returns the width
    /// of what it set.
    #[expect(clippy::too_many_arguments, reason = "a row on a column of a box of a page")]
    fn place_text(
        &self,
        lines: &mut Vec<PlacedLine>,
        at: TextRef,
        align: Align,
        page: &PageGeometry,
        frame: &BoxGeometry,
        column: usize,
        row: u32,
    ) -> Abs {
        let Some(text) = self.texts.get(at) else { return Abs::ZERO };
        let mut breaker = Breaker::new(&text.items, &text.shaped, ParagraphStyle { indent: Abs::ZERO, align });
        let Some(line) = breaker.next_line(frame.column_width) else { return Abs::ZERO };
        let width = line.width;
        place_on_row(lines, at, line, page, frame, frame.columns[column], row);
        width
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
