//! The input model: reads an edition folder (edition.toml, articles, templates, photos),
//! validates it, and resolves it into plain data the later stages set: page geometry from the
//! templates' grids, each article's chain of boxes, and every text to set with its role and
//! size. Knows nothing of fonts.

mod article;
mod cleaning;
mod composition;
mod date;
mod edition;
mod furniture;
mod geometry;
pub mod hygiene;
mod jump;
mod length;
mod load;
mod print;
mod story;
mod template;

pub use article::{
    BodyBlock, CleanedAt, FrontMatter, PhotoSpec, SourcePoint, SourceText, TextMap, parse_body, split_front_matter,
};
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
pub use template::{BoxKind, PhotoFit, SubheadAlign, Template};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
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
    /// Where the text of each body block came from, by article file and the block's line.
    pub sources: TextSources,
    /// Problems found while loading that do not stop the job (articles placed nowhere,
    /// characters removed from the copy).
    pub diagnostics: Vec<Diagnostic>,
}

/// Maps of body blocks back to their files, keyed by file and the line the block starts on.
pub type TextSources = BTreeMap<(PathBuf, usize), TextMap>;

impl Edition {
    /// Where byte `offset` of `block` of the story from `file` is: line, column and the span of
    /// the character, when the block has a map; else the block's line.
    pub fn locate(&self, file: &Path, block: &Block, offset: usize) -> Location {
        let text = &block.text.text;
        let point = self.sources.get(&(file.to_path_buf(), block.line)).and_then(|map| map.locate(text, offset));
        match point {
            Some(point) => {
                let len = text.get(offset..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
                Location {
                    line: Some(point.line),
                    column: Some(point.column),
                    span: Some(point.offset..point.offset + len),
                    ..Location::file(file)
                }
            }
            None if block.line > 1 => Location::line(file, block.line),
            None => Location::file(file),
        }
    }
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
