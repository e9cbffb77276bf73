//! The edition file (`edition.toml`): the paper, the date, and each page with the template it
//! uses and what goes in which box.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::composition::Composition;
use super::jump::JumpStyle;
use super::print::PrintFile;

/// An edition as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    /// The paper's name, set in the masthead: 青溪日报.
    pub paper: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Spanned<String>,
    /// The 农历 date as it should be printed, when the masthead shows one.
    pub lunar: Option<String>,
    /// The running issue number, 总第N期.
    pub serial: u32,
    /// Other lines for the masthead (publisher, licence numbers, website).
    #[serde(default)]
    pub masthead_lines: Vec<String>,
    /// Where the page templates are, relative to the edition folder.
    #[serde(default = "default_layouts")]
    pub layouts: String,
    #[serde(default)]
    pub fonts: FontSettings,
    /// Composition choices left to the publication.
    #[serde(default)]
    pub composition: Composition,
    /// How jump lines are worded.
    #[serde(default)]
    pub jumps: JumpStyle,
    /// How the PDF is made for the press: PDF/X flavour, output intent, ink limit, marks.
    pub print: Option<PrintFile>,
    #[serde(rename = "page")]
    pub pages: Vec<PageSpec>,
}

fn default_layouts() -> String {
    "layouts".into()
}

/// Fonts beyond or instead of the bundled ones.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSettings {
    /// Extra faces: key → font file (relative to the edition folder).
    #[serde(default)]
    pub faces: BTreeMap<String, Spanned<String>>,
    /// Role name → face keys, first choice first.
    #[serde(default)]
    pub roles: BTreeMap<Spanned<String>, Vec<String>>,
}

/// One page of the edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    /// The 版次, 第N版.
    pub number: u32,
    /// The page's name in its folio: 要闻, 综合 …
    pub name: String,
    /// How jump lines name this page when not by its number: "A7".
    pub label: Option<String>,
    pub template: Spanned<String>,
    #[serde(rename = "box", default)]
    pub boxes: Vec<BoxFill>,
}

/// What one box of the page holds: an article, or a flag's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxFill {
    #[serde(rename = "box")]
    pub name: Spanned<String>,
    /// The article's file stem in `articles/`. Naming an article that an earlier box already
    /// holds continues it here.
    pub article: Option<Spanned<String>>,
    /// Several short stories set one under another in this box, each with its headline,
    /// separated by rules (a briefs box).
    #[serde(default)]
    pub articles: Vec<Spanned<String>>,
    /// A flag's words.
    pub text: Option<Spanned<String>>,
    /// For a box that continues a story: the article that fills it instead if the story ends
    /// before reaching it. Without one, such a box stays empty.
    pub then: Option<Spanned<String>>,
}
