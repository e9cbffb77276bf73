//! The body's flow through the columns of the chain's boxes, one grid row per line.

use crate::linebreak::{Align, Breaker, ParagraphStyle};
use crate::model::{BlockKind, BoxGeometry, PageGeometry};
use crate::units::Abs;

use super::head::{break_all, place_on_row};
use super::texts::{SetText, StoryTexts, TextRef};
use super::{Overset, PlacedLine};

/// Where the body stands: the block being set and, inside it, the breaker.
pub struct BodyFlow<'a> {
    texts: &'a StoryTexts,
    kinds: Vec<BlockKind>,
    block: usize,
    breaker: Option<Breaker<'a>>,
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

    /// Fills the columns of part `part` from row `first_row` down. With a later part to go
    /// to, the last row of the last column is kept for the jump line unless the story ends
    /// exactly there.
    pub fn fill(
        &mut self,
        part: usize,
        has_next: bool,
        page: &PageGeometry,
        frame: &BoxGeometry,
        first_row: u32,
        lines: &mut Vec<PlacedLine>,
    ) {
        let (columns, rows) = (frame.columns.len(), frame.lines);
        let (mut column, mut row) = (0, first_row);
        if part > 0 && !self.is_done() {
            self.place_text(lines, TextRef::JumpIn(part), Align::Start, page, frame, column, row);
            row += 1;
        }
        while !self.is_done() && column < columns {
            if row >= rows {
                column += 1;
                row = first_row;
                continue;
            }
            let last_slot = has_next && column + 1 == columns && row + 1 == rows;
            if self.kinds[self.block] == BlockKind::Section {
                // A subhead longer than the column takes a row per line (all of it: a
                // subhead cut to its first line would lose words in silence).
                let title = break_all(
                    &self.texts.body[self.block],
                    ParagraphStyle { indent: Abs::ZERO, align: Align::Center },
                    frame.column_width,
                );
                let needed = SECTION_ROWS + (title.len() as u32).saturating_sub(1);
                if rows - row < needed + SECTION_KEEP_WITH_NEXT + u32::from(has_next && column + 1 == columns) {
                    row = rows;
                    continue;
                }
                for (i, line) in title.into_iter().enumerate() {
                    let at = TextRef::Body(self.block);
                    place_on_row(lines, at, line, page, frame, frame.columns[column], row + 1 + i as u32);
                }
                row += needed;
                self.block += 1;
                continue;
            }
            let breaker = self.breaker.get_or_insert_with(|| {
                start_block(&self.texts.body[self.block], self.kinds[self.block], page.body_size)
            });
            let mut probe = breaker.clone();
            let line = probe.next_line(frame.column_width).expect("block not done");
            let ends_story = probe.is_done() && self.block + 1 == self.texts.body.len();
            if last_slot && !ends_story {
                self.place_text(lines, TextRef::JumpOut(part), Align::End, page, frame, column, row);
                break;
            }
            *breaker = probe;
            place_on_row(lines, TextRef::Body(self.block), line, page, frame, frame.columns[column], row);
            row += 1;
            if breaker.is_done() {
                self.block += 1;
                self.breaker = None;
            }
        }
    }

    /// Sets a one-line text (a jump line) across one column.
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
    ) {
        let Some(text) = self.texts.get(at) else { return };
        let mut breaker = Breaker::new(&text.items, &text.shaped, ParagraphStyle { indent: Abs::ZERO, align });
        if let Some(line) = breaker.next_line(frame.column_width) {
            place_on_row(lines, at, line, page, frame, frame.columns[column], row);
        }
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
