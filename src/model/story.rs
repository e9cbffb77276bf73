//! Stories: an article made ready to set. Every piece of text becomes a [`Block`] with its kind
//! and its [`StyledText`] (roles and sizes per span); the article's chain of boxes becomes
//! [`Part`]s, each with the jump lines it needs.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::fonts::Role;
use crate::image::Raster;
use crate::units::Abs;

/// Text with a role and a size on each span. The spans cover the text, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledText {
    pub text: String,
    pub spans: Vec<StyleSpan>,
}

/// A run of a [`StyledText`] in one role and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    pub range: Range<usize>,
    pub role: Role,
    pub size: Abs,
}

impl StyledText {
    /// Text in a single style.
    pub fn plain(text: impl Into<String>, role: Role, size: Abs) -> StyledText {
        let text = text.into();
        let spans = vec![StyleSpan { range: 0..text.len(), role, size }];
        StyledText { text, spans }
    }

    /// Appends text in another style.
    pub fn push(&mut self, text: &str, role: Role, size: Abs) {
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push(StyleSpan { range: start..self.text.len(), role, size });
    }

    /// The size of the first span: what the block's line height follows.
    pub fn size(&self) -> Abs {
        self.spans.iter().map(|s| s.size).max().unwrap_or(Abs::ZERO)
    }
}

/// What a block is, which decides where and how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Series flag over the headline group.
    Series,
    Kicker,
    Headline,
    Subhead,
    Byline,
    Paragraph,
    /// A 小标题 inside the body.
    Section,
    Caption,
    PhotoCredit,
    /// The headline over a continuation.
    JumpHeadline,
    JumpIn,
    JumpOut,
}

/// One piece of text to set, and the line of its source file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: StyledText,
    pub line: usize,
}

/// A photo with its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub file: PathBuf,
    pub raster: Arc<Raster>,
    pub caption: Block,
    pub credit: Option<Block>,
}

/// One box of a story's chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Index into the edition's pages.
    pub page: usize,
    /// Index into that page's boxes.
    pub box_index: usize,
    /// Headline and "(上接第N版)" for a continuation.
    pub jump_headline: Option<Block>,
    pub jump_in: Option<Block>,
    /// "(下转第N版)", for every part but the last.
    pub jump_out: Option<Block>,
    /// In a stack of briefs: the story set just above in the same box (an index into the
    /// edition's stories); this one starts under it.
    pub below: Option<usize>,
}

/// An article ready to set.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub slug: String,
    pub file: PathBuf,
    /// Series flag, kicker, headline and subhead: set across the top of the first box.
    pub head: Vec<Block>,
    pub photo: Option<Photo>,
    /// Byline, paragraphs and section subheads, flowed through the parts' columns.
    pub body: Vec<Block>,
    pub parts: Vec<Part>,
    /// A story that fills a continuation box only if the story continued there never
    /// reaches it.
    pub stands_in_for: Option<StandIn>,
}

/// Which continuation a stand-in story fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandIn {
    /// Index of the story whose box it is, in the edition's stories.
    pub story: usize,
    /// Which part of that story's chain.
    pub part: usize,
}

impl Story {
    /// Every block of the story, in reading order of the first layout: for counting and
    /// checking that no character is lost.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        let photo = self.photo.iter().flat_map(|p| std::iter::once(&p.caption).chain(&p.credit));
        self.head.iter().chain(photo).chain(&self.body)
    }
}
