//! The shaped and itemized texts of one story, and references to them.

use crate::linebreak::Items;
use crate::shape::ShapedText;

/// A block's text, shaped and cut into items, ready to break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetText {
    pub text: String,
    pub shaped: ShapedText,
    pub items: Items,
}

/// Which text of a story a line sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextRef {
    /// The n-th block of the headline group.
    Head(usize),
    Caption,
    PhotoCredit,
    /// The n-th body block.
    Body(usize),
    /// The continuation headline, jump-in and jump-out lines of part n.
    JumpHeadline(usize),
    JumpIn(usize),
    JumpOut(usize),
}

/// Every text of a story, set in the same order as the story's blocks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoryTexts {
    pub head: Vec<SetText>,
    /// The photo's size in pixels, when the story has one.
    pub photo: Option<PhotoSize>,
    pub caption: Option<SetText>,
    pub photo_credit: Option<SetText>,
    pub body: Vec<SetText>,
    pub parts: Vec<PartTexts>,
}

/// A photo's pixel dimensions, which decide its height at a box's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoSize {
    pub width: u32,
    pub height: u32,
}

/// The jump texts of one part of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartTexts {
    pub jump_headline: Option<SetText>,
    pub jump_in: Option<SetText>,
    pub jump_out: Option<SetText>,
}

impl StoryTexts {
    pub fn get(&self, at: TextRef) -> Option<&SetText> {
        match at {
            TextRef::Head(i) => self.head.get(i),
            TextRef::Caption => self.caption.as_ref(),
            TextRef::PhotoCredit => self.photo_credit.as_ref(),
            TextRef::Body(i) => self.body.get(i),
            TextRef::JumpHeadline(k) => self.parts.get(k)?.jump_headline.as_ref(),
            TextRef::JumpIn(k) => self.parts.get(k)?.jump_in.as_ref(),
            TextRef::JumpOut(k) => self.parts.get(k)?.jump_out.as_ref(),
        }
    }
}
