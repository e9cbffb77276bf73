//! Helpers for the fuzz targets: a scratch edition folder per process, the bundled fonts
//! loaded once, and the run-everything-and-check step the targets share.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use paiban::fonts::FontBook;
use paiban::model::{LoadOptions, load_edition};
use paiban::pipeline::{load_fonts, pdf_options, typeset};
use paiban::render::pdf::write_pdf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn options() -> LoadOptions {
    LoadOptions { fonts_dir: root().join("fonts"), ..LoadOptions::default() }
}

/// A folder for this process's scratch edition (libFuzzer runs one input at a time).
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("paiban-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        std::fs::create_dir_all(dir.join("layouts")).unwrap();
        dir
    })
}

/// A small template: one page, a 4-column grid, boxes `a` (3 columns) and `b`.
pub const TEMPLATE: &str = r#"
[page]
width = "120mm"
height = "140mm"
bleed = "3mm"

[grid]
body_size = "小五"
line_pitch = "13.5pt"
columns = 4
column_chars = 8
gutter_chars = 1
lines = 20
top = "10mm"

[folio]
above = "4mm"

[[box]]
name = "a"
column = 1
span = 3
line = 1
lines = 12

[[box]]
name = "b"
column = 4
span = 1
line = 1
lines = 20
"#;

/// An edition of two pages of the small template, the story `s` starting in `a` on page 1
/// and continuing in `a` on page 2, `t` in `b` on page 1.
pub const EDITION: &str = r#"
paper = "青溪日报"
date = "2026-04-24"
serial = 1

[[page]]
number = 1
name = "要闻"
template = "small"

[[page.box]]
box = "a"
article = "s"

[[page.box]]
box = "b"
article = "t"

[[page]]
number = 2
name = "综合"
template = "small"

[[page.box]]
box = "a"
article = "s"
"#;

pub const ARTICLE: &str =
    "+++\nheadline = \"标题\"\n+++\n正文第一段，有“引号”和English words。\n\n## 小标题\n第二段。\n";

/// Writes a scratch edition with the given files (None: the default).
pub fn write_edition(edition: Option<&[u8]>, template: Option<&[u8]>, s: Option<&[u8]>) -> &'static Path {
    let dir = scratch();
    std::fs::write(dir.join("edition.toml"), edition.unwrap_or(EDITION.as_bytes())).unwrap();
    std::fs::write(dir.join("layouts/small.toml"), template.unwrap_or(TEMPLATE.as_bytes())).unwrap();
    std::fs::write(dir.join("articles/s.md"), s.unwrap_or(ARTICLE.as_bytes())).unwrap();
    std::fs::write(dir.join("articles/t.md"), ARTICLE).unwrap();
    dir
}

fn book(edition: &paiban::model::Edition) -> Option<&'static FontBook> {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    // Editions in the fuzz targets use the bundled faces only (a fuzzed [fonts] table that
    // loads other files is a load error, not a book).
    if edition.faces.len() != 5 || edition.roles != paiban::fonts::RoleFaces::default() {
        return None;
    }
    Some(BOOK.get_or_init(|| load_fonts(edition).expect("bundled fonts load")))
}

/// Loads the scratch edition; when it loads and `set` is true, typesets it, checks that no
/// character is lost, and writes the PDF. Panics only on a real bug.
pub fn run(dir: &Path, set: bool) {
    let Ok(edition) = load_edition(dir, &options()) else { return };
    if !set {
        return;
    }
    let Some(book) = book(&edition) else { return };
    let done = typeset(&edition, book);
    if let Err(differences) = paiban::conserve::check(&edition, &done) {
        panic!("characters lost or doubled:\n{}", paiban::conserve::describe(&differences));
    }
    write_pdf(&done.document, book, &pdf_options(&edition, None)).expect("a typeset document writes");
}
