//! The resumable breaker: hands out one line at a time for whatever measure the next region
//! has, so a paragraph can run from a column of one box into a column of another.
//!
//! Breaks are chosen over the whole rest of the paragraph (total fit, in the manner of
//! Knuth–Plass: the sum of squared badness is least), for the measure asked; when a later call
//! asks for another measure, the rest is planned again from there. Width adjustment is counted
//! before deciding (R2): a line fits if it fits once shrunk. A last line of one character
//! (孤字, R20) costs so much that it is taken only when nothing else fits. Where no plan fits
//! (a word wider than the line), lines are taken first-fit and the overfull one is reported by
//! the caller.

use std::collections::HashMap;
use std::rc::Rc;

use crate::shape::ShapedText;
use crate::units::Abs;

use super::items::{Gap, GapKind, Item, Items};
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
    /// Line ends planned for `plan_measure`, the next one last; `plan[..planned]` are still
    /// to come. Shared, so that a clone taken to try a line costs no copy of it.
    plan: Rc<[usize]>,
    planned: usize,
    plan_measure: Abs,
}

/// Plans of one paragraph made so far, by the item they start at and their measure.
#[derive(Debug, Clone, Default)]
pub struct PlanMemo {
    plans: HashMap<(usize, Abs), Rc<[usize]>>,
}

/// Demerits of a last line with a single character (R20).
const ORPHAN_DEMERITS: i64 = 10_000_000;
/// Badness of a line that cannot stretch at all but must.
const INFINITE_BADNESS: i64 = 10_000;

impl<'a> Breaker<'a> {
    pub fn new(items: &'a Items, shaped: &'a ShapedText, style: ParagraphStyle) -> Breaker<'a> {
        Breaker { items, shaped, style, next: 0, plan: Rc::from([]), planned: 0, plan_measure: Abs::ZERO }
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
        self.next_line_planned(measure, |breaker| breaker.plan_rest(measure).into())
    }

    /// As [`next_line`](Self::next_line), taking the plan from `memo` when this paragraph
    /// was planned from here at this measure before (a trial fill of the same columns), and
    /// keeping it there when not. A plan depends only on where it starts and the measure, so
    /// the lines are the same either way.
    pub fn next_line_memo(&mut self, measure: Abs, memo: &mut PlanMemo) -> Option<Line> {
        self.next_line_planned(measure, |breaker| {
            memo.plans.entry((breaker.next, measure)).or_insert_with(|| breaker.plan_rest(measure).into()).clone()
        })
    }

    /// The next line, planning the rest of the paragraph with `plan` when the plan in hand
    /// is used up or was made for another measure.
    fn next_line_planned(&mut self, measure: Abs, plan: impl FnOnce(&Self) -> Rc<[usize]>) -> Option<Line> {
        if self.is_done() {
            return None;
        }
        if self.planned == 0 || self.plan_measure != measure {
            self.plan = plan(self);
            self.planned = self.plan.len();
            self.plan_measure = measure;
        }
        Some(self.set_next_line(measure))
    }

    /// Sets the next planned line.
    fn set_next_line(&mut self, measure: Abs) -> Line {
        let start = self.next;
        self.planned -= 1;
        let end = self.plan[self.planned];
        self.next = end + 1;
        let last = self.is_done();
        let spec = LineSpec {
            items: &self.items.items[start..=end],
            gaps: &self.items.gaps[start..end],
            indent: self.indent_at(start),
            measure,
            align: self.style.align,
            last,
        };
        set_line(&spec, self.shaped)
    }

    fn indent_at(&self, start: usize) -> Abs {
        if start == 0 { self.style.indent } else { Abs::ZERO }
    }

    /// Line ends from `next` to the paragraph's end, least total demerits first; reversed so
    /// the next line's end is last.
    fn plan_rest(&self, measure: Abs) -> Vec<usize> {
        let n = self.items.items.len();
        let from = self.next;
        // best[k]: least demerits of setting items from..k with a break after k - 1.
        let mut best: Vec<Option<(i64, usize)>> = vec![None; n + 1];
        best[from] = Some((0, from));
        for j in from..n {
            if j + 1 < n && !self.items.gaps[j].can_break {
                continue;
            }
            best[j + 1] = self.best_line_ending_at(j, from, measure, &best);
        }
        if best[n].is_none() {
            return self.first_fit_rest(measure);
        }
        let mut ends = Vec::new();
        let mut k = n;
        while k > from {
            ends.push(k - 1);
            k = best[k].expect("reachable").1;
        }
        ends
    }

    /// The cheapest way to end a line with item `j`: over every line start `i` that is reached
    /// and leaves a line that fits. The line's sums grow one item leftwards at a time.
    fn best_line_ending_at(
        &self,
        j: usize,
        from: usize,
        measure: Abs,
        best: &[Option<(i64, usize)>],
    ) -> Option<(i64, usize)> {
        let mut choice: Option<(i64, usize)> = None;
        let mut sums = LineSums::ending_at(&self.items.items[j]);
        let mut i = j;
        loop {
            if let Some((before, _)) = best[i] {
                match self.fit(&sums, i, j, measure) {
                    Fit::Overfull => break,
                    Fit::Fits(demerits) => {
                        let total = before + demerits;
                        if choice.is_none_or(|(d, _)| total < d) {
                            choice = Some((total, i));
                        }
                    }
                }
            }
            if i == from {
                break;
            }
            i -= 1;
            sums.prepend(&self.items.items[i], &self.items.gaps[i]);
        }
        choice
    }

    /// How well items `i..=j` make a line at `measure`.
    fn line_demerits(&self, i: usize, j: usize, measure: Abs) -> Fit {
        let mut sums = LineSums::ending_at(&self.items.items[j]);
        for k in (i..j).rev() {
            sums.prepend(&self.items.items[k], &self.items.gaps[k]);
        }
        self.fit(&sums, i, j, measure)
    }

    /// How well a line with these sums, items `i..=j`, fits `measure`.
    fn fit(&self, sums: &LineSums, i: usize, j: usize, measure: Abs) -> Fit {
        let items = &self.items.items;
        let last = j + 1 == items.len();
        let available = measure - self.indent_at(i);
        let end = if last { Abs::ZERO } else { items[j].end_shrink + items[j].hang };
        let width = sums.natural - end - items[i].start_shrink;
        if width - sums.shrink > available {
            return Fit::Overfull;
        }
        // R12: reduce before expand. Compressing punctuation to fill a line costs a tenth of
        // what spacing characters out by as much does.
        let badness = if width > available {
            cube_ratio(width - available, sums.shrink) / 10
        } else if last {
            0
        } else if sums.stretch > Abs::ZERO {
            cube_ratio(available - width, sums.stretch)
        } else if width < available {
            INFINITE_BADNESS
        } else {
            0
        };
        let mut demerits = (10 + badness).pow(2);
        if last && self.is_orphan(i, j) {
            demerits += ORPHAN_DEMERITS;
        }
        Fit::Fits(demerits)
    }

    /// A last line holding a single character, punctuation aside (R20).
    fn is_orphan(&self, i: usize, j: usize) -> bool {
        let words = self.items.items[i..=j].iter().filter(|item| !item.class.is_punctuation()).count();
        words <= 1 && i > 0
    }

    /// First-fit lines, for when no plan fits: the longest line that fits once shrunk, or the
    /// shortest possible one when even that is too wide.
    fn first_fit_rest(&self, measure: Abs) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut start = self.next;
        while start < self.items.items.len() {
            let end = self.first_fit_end(start, measure);
            ends.push(end);
            start = end + 1;
        }
        ends.reverse();
        ends
    }

    fn first_fit_end(&self, start: usize, measure: Abs) -> usize {
        let n = self.items.items.len();
        let mut best = None;
        let mut first_break = None;
        for j in start..n {
            if j + 1 < n && !self.items.gaps[j].can_break {
                continue;
            }
            first_break.get_or_insert(j);
            match self.line_demerits(start, j, measure) {
                Fit::Fits(_) => best = Some(j),
                Fit::Overfull => break,
            }
        }
        best.or(first_break).unwrap_or(n - 1)
    }
}

/// Widths of a line being considered, summed item by item.
struct LineSums {
    natural: Abs,
    shrink: Abs,
    stretch: Abs,
}

impl LineSums {
    fn ending_at(item: &Item) -> LineSums {
        LineSums { natural: item.width, shrink: Abs::ZERO, stretch: Abs::ZERO }
    }

    /// Adds `item` and the gap after it at the line's start.
    fn prepend(&mut self, item: &Item, gap: &Gap) {
        self.natural += item.width + gap.natural;
        self.shrink += gap.shrink + item.shrink;
        self.stretch += match gap.kind {
            GapKind::Fixed => Abs::ZERO,
            // Inter-character spacing is unbounded; an eighth of an em per gap is where it
            // starts to look loose.
            _ => gap.stretch + item.em / 8,
        };
    }
}

/// Whether a line fits, and its demerits if it does.
enum Fit {
    Fits(i64),
    Overfull,
}

/// TeX's badness, 100·(num/den)³, capped; the ratio in thousandths keeps it in integers.
fn cube_ratio(num: Abs, den: Abs) -> i64 {
    if den <= Abs::ZERO {
        return INFINITE_BADNESS;
    }
    let ratio = (num.0.saturating_mul(1000) / den.0).min(10_000);
    (100 * ratio * ratio * ratio / 1_000_000_000).min(INFINITE_BADNESS)
}
