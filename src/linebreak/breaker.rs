//! The resumable breaker: hands out one line at a time for whatever measure the next region
//! has, so a paragraph can run from a column of one box into a column of another.
//!
//! Breaks are chosen first-fit over the box/glue model: the longest line that fits after all
//! shrinking (R2: width adjustment decides the break). A word that fits on no line is set
//! overfull and reported by the caller.

use crate::shape::ShapedText;
use crate::units::Abs;

use super::items::Items;
use super::justify::{LineSpec, set_line};
use super::{Line, ParagraphStyle};

/// Breaks one paragraph into lines on demand. Cloning it lets a caller try a line and take
/// it back.
#[derive(Clone)]
pub struct Breaker<'a> {
    items: &'a Items,
    shaped: &'a ShapedText,
    style: ParagraphStyle,
    next: usize,
}

impl<'a> Breaker<'a> {
    pub fn new(items: &'a Items, shaped: &'a ShapedText, style: ParagraphStyle) -> Breaker<'a> {
        Breaker { items, shaped, style, next: 0 }
    }

    /// Whether every item has been set.
    pub fn is_done(&self) -> bool {
        self.next >= self.items.items.len()
    }

    /// The byte offset in the paragraph where the unset text starts.
    pub fn unset_from(&self) -> usize {
        self.items.items.get(self.next).map_or(usize::MAX, |i| i.text.start)
    }

    /// The next line at `measure`, or `None` when the paragraph is done.
    pub fn next_line(&mut self, measure: Abs) -> Option<Line> {
        if self.is_done() {
            return None;
        }
        let start = self.next;
        let indent = if start == 0 { self.style.indent } else { Abs::ZERO };
        let end = self.choose_end(start, measure - indent);
        self.next = end + 1;
        let last = self.is_done();
        let spec = LineSpec {
            items: &self.items.items[start..=end],
            gaps: &self.items.gaps[start..end],
            indent,
            measure,
            align: self.style.align,
            last,
        };
        Some(set_line(&spec, self.shaped))
    }

    /// The index of the last item of the line starting at `start`: the furthest break where
    /// the line fits once shrunk, or the first break if none fits.
    fn choose_end(&self, start: usize, available: Abs) -> usize {
        let Items { items, gaps } = self.items;
        let mut natural = Abs::ZERO;
        let mut room = Abs::ZERO;
        let mut best = None;
        let mut first_break = None;
        for j in start..items.len() {
            if j > start {
                natural += gaps[j - 1].natural;
                room += gaps[j - 1].shrink + items[j - 1].shrink;
            }
            natural += items[j].width;
            let is_end = j + 1 == items.len();
            if !is_end && !gaps[j].can_break {
                continue;
            }
            let end_shrink = if is_end { Abs::ZERO } else { items[j].end_shrink };
            let tightest = natural - end_shrink - room;
            first_break.get_or_insert(j);
            if tightest <= available {
                best = Some(j);
            } else {
                break;
            }
        }
        best.or(first_break).unwrap_or(items.len() - 1)
    }
}
