//! Page templates (`layouts/*.toml`): the sheet, the type area as a character grid, and named
//! boxes placed on the grid.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::length::Length;

/// A page template as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub page: Sheet,
    pub grid: Grid,
    /// The front page's 报头 across the top of the type area.
    pub masthead: Option<Masthead>,
    /// The inside pages' 报眉 line above the type area.
    pub folio: Option<Folio>,
    /// Default type sizes by role name ("headline" = "二号").
    #[serde(default)]
    pub sizes: BTreeMap<Spanned<String>, Length>,
    #[serde(rename = "box", default)]
    pub boxes: Vec<BoxSpec>,
}

/// The trimmed sheet and its bleed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub width: Length,
    pub height: Length,
    pub bleed: Length,
}

/// The type area as a grid (clreq R15): columns of whole characters at the body size.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub body_size: Length,
    /// Baseline to baseline.
    pub line_pitch: Length,
    pub columns: u32,
    pub column_chars: u32,
    pub gutter_chars: u32,
    pub lines: u32,
    /// From the trim's top edge to the top of the type area.
    pub top: Length,
}

/// The front page's masthead area.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Masthead {
    /// Grid lines it takes at the top of the type area.
    pub lines: u32,
}

/// The running head of inside pages; it sits above the type area.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Folio {
    /// Its baseline's distance above the type area.
    pub above: Length,
}

/// What a box holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoxKind {
    /// An article (text, or a photo with its caption).
    Story,
    /// A one-line flag (栏目) whose text the edition gives.
    Flag,
}

/// How a photo meets its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoFit {
    #[default]
    Crop,
    Fit,
}

/// Where section subheads sit in their column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubheadAlign {
    #[default]
    Center,
    Start,
}

/// Vertical justification of a short story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VAlign {
    #[default]
    Top,
    Spread,
}

/// A named box on the grid. Columns and lines count from 1, as designers count them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxSpec {
    pub name: Spanned<String>,
    #[serde(default = "story")]
    pub kind: BoxKind,
    /// First grid column, from 1.
    pub column: u32,
    /// Grid columns spanned.
    pub span: u32,
    /// First grid line, from 1.
    pub line: u32,
    /// Grid lines tall.
    pub lines: u32,
    /// Body columns inside the box; the box's grid span when not given.
    pub columns: Option<u32>,
    /// Type sizes for this box by role name, over the template's.
    #[serde(default)]
    pub sizes: BTreeMap<Spanned<String>, Length>,
    /// A hairline under the box, separating it from the next story.
    #[serde(default)]
    pub rule_below: bool,
    /// The headline group spans only the first this-many body columns; the others start at
    /// the box's top beside it.
    pub headline_columns: Option<u32>,
    /// How a photo meets its box: `crop` (fills the width and the rows it takes, trimmed) or
    /// `fit` (shown whole).
    #[serde(default)]
    pub photo: PhotoFit,
    /// Section subheads (小标题): `center` or `start` (indented two characters).
    #[serde(default)]
    pub subheads: SubheadAlign,
    /// Set the headline group top to bottom at the box's right edge (竖题), the body beside it.
    #[serde(default)]
    pub vertical_headline: bool,
    /// A frame round the box, of this weight (a boxed story, a notice).
    pub frame: Option<Length>,
    /// Inset of the content from the box's edges: whole characters across, whole lines down.
    #[serde(default)]
    pub padding: u32,
    /// Hairlines (栏线) down the gutters between the box's body columns.
    #[serde(default)]
    pub column_rules: bool,
    /// Fit mode: the headline may take at most this many lines; its size steps down (to
    /// `headline_min` at the least) until it does.
    pub headline_lines: Option<u32>,
    pub headline_min: Option<Length>,
    /// Vertical justification of a story that ends in this box with room to spare: `top`
    /// (its columns balanced, room left below) or `spread` (blank lines between paragraphs
    /// until it reaches the bottom).
    #[serde(default)]
    pub valign: VAlign,
}

fn story() -> BoxKind {
    BoxKind::Story
}
