//! Line breaking: turns a shaped paragraph into lines, one at a time, each to the measure the
//! caller gives (columns of different boxes differ), following the Chinese rules in
//! clreq-rules.md: break opportunities with kinsoku (R1, R3), punctuation compression (R6, R7,
//! R12), Han–Latin spacing (R10), justification (R11–R13), first-line indent (R19).

mod breaker;
mod items;
mod justify;
mod opportunities;

pub use breaker::{Breaker, PlanMemo};
pub use items::{Gap, GapKind, Item, Items, build_items};
pub use justify::distribute;
pub use opportunities::break_opportunities;

use std::ops::Range;

use crate::units::Abs;

/// How a paragraph's lines are aligned (R11, R14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Both edges (两端对齐), the last line at the start.
    Justify,
    Start,
    Center,
    End,
    /// Even spacing across the whole measure, the last line too (均匀分布).
    Distribute,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParagraphStyle {
    /// First-line indent (R19: 2 em for body text).
    pub indent: Abs,
    pub align: Align,
}

/// A glyph placed on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineGlyph {
    /// Index into the shaped text's glyphs.
    pub index: usize,
    /// From the line's left edge.
    pub x: Abs,
    /// Downward shift from the baseline.
    pub y: Abs,
}

/// One set line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub glyphs: Vec<LineGlyph>,
    /// Where the first item starts (indent, or the offset of a centred line).
    pub start: Abs,
    /// Width of the set material, from `start`.
    pub width: Abs,
    pub measure: Abs,
    /// The bytes of the paragraph this line sets.
    pub text: Range<usize>,
    /// The paragraph's last line.
    pub last: bool,
    /// Set to end exactly at the measure (a justified line that is not a paragraph's last).
    pub justified: bool,
    /// How much wider than the measure it had to be (a word longer than the line).
    pub overfull: Abs,
}
