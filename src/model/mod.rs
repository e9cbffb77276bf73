//! The input model: reads an edition folder (edition.toml, articles, templates, photos),
//! validates it, and resolves it into plain data the later stages set: page geometry from the
//! templates' grids, each article's chain of boxes, and every text to set with its role and
//! size. Knows nothing of fonts.

mod article;
mod composition;
mod date;
mod edition;
mod furniture;
mod geometry;
mod jump;
mod length;
mod load;
mod print;
mod story;
mod template;

pub use article::{BodyBlock, FrontMatter, PhotoSpec, SourceText};
pub use composition::{Composition, PunctuationStyle, Strictness};
pub use date::Date;
pub use furniture::{Furniture, Slot};
pub use geometry::{BoxGeometry, PageGeometry};
pub use jump::{JumpStyle, Numerals, chinese_number};
pub use length::parse_length;
pub use load::{LoadOptions, load_edition};
pub use print::{
    MARKS_ROOM, OutputIntent, PdfX, PrintOverrides, PrintSettings, SLUG_RAISE, check_profile, read_profile,
};
pub use story::{Block, BlockKind, Part, Photo, Story, StyleSpan, StyledText};
pub use template::{BoxKind, Template};

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::fonts::RoleFaces;

/// A loaded and validated edition, ready to set.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition.toml this came from.
    pub file: PathBuf,
    pub paper: String,
    pub date: Date,
    pub lunar: Option<String>,
    pub serial: u32,
    pub masthead_lines: Vec<String>,
    pub composition: Composition,
    /// How the PDF is made for the press ([print] with the command line's overrides).
    pub print: PrintSettings,
    /// Font files by face key, in key order, and which faces set each role.
    pub faces: Vec<(String, PathBuf)>,
    pub roles: RoleFaces,
    pub pages: Vec<EditionPage>,
    /// Every article the edition places, in the order first placed.
    pub stories: Vec<Story>,
    /// Problems found while loading that do not stop the job (articles placed nowhere).
    pub diagnostics: Vec<Diagnostic>,
}

/// One page: its geometry and its furniture. Stories refer to pages by index.
#[derive(Debug, Clone)]
pub struct EditionPage {
    pub number: u32,
    pub name: String,
    pub geometry: PageGeometry,
    /// Masthead or folio words, and flags' words.
    pub furniture: Vec<Furniture>,
}
