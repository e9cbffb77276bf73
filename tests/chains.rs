//! Story chains and jump lines on small editions: a story that ends early, stand-ins for
//! continuations it never reaches, page labels, a Latin story with its own jump wording, and
//! the characters of every part accounted for.

mod common;

use std::path::Path;

use paiban::diag::Severity;
use paiban::frame::Document;
use paiban::model::load_edition;
use paiban::pipeline::{Typeset, load_fonts, typeset};

const TEMPLATE: &str = r#"
[page]
width = "80mm"
height = "60mm"
bleed = "0mm"
[grid]
body_size = "小五"
line_pitch = "13.5pt"
columns = 2
column_chars = 8
gutter_chars = 1
lines = 8
top = "5mm"
[[box]]
name = "a"
column = 1
span = 2
line = 1
lines = 8
"#;

const LONG: &str = "+++\nheadline = \"长文\"\njump_headline = \"长文续\"\n+++\n一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十。\n\n甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸。\n\n子丑寅卯辰巳午未申酉戌亥子丑寅卯辰巳午未申酉戌亥子丑寅卯辰巳午未申酉戌亥子丑寅卯辰巳午未申酉戌亥。\n";
const SHORT: &str = "+++\nheadline = \"短文\"\n+++\n一二三四五六七八九十。\n";

/// Writes an edition: `pages` is (page number, label, [(box, article)] or a `then` line).
fn edition(dir: &Path, head: &str, pages: &[(u32, &str)], articles: &[(&str, &str)]) {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::write(dir.join("layouts/small.toml"), TEMPLATE).unwrap();
    for (name, text) in articles {
        std::fs::write(dir.join("articles").join(format!("{name}.md")), text).unwrap();
    }
    let mut toml = format!("paper = \"测试报\"\ndate = \"2026-04-24\"\nserial = 1\n{head}\n");
    for (number, boxes) in pages {
        toml.push_str(&format!("[[page]]\nnumber = {number}\nname = \"版\"\ntemplate = \"small\"\n{boxes}\n"));
    }
    std::fs::write(dir.join("edition.toml"), toml).unwrap();
}

fn set(dir: &Path) -> Typeset {
    let loaded = load_edition(dir, &common::load_options()).unwrap();
    let book = load_fonts(&loaded).unwrap();
    typeset(&loaded, &book)
}

fn page_text(document: &Document, page: usize) -> Vec<String> {
    document.pages[page].layout.lines.iter().map(|l| l.text.clone()).collect()
}

fn messages(set: &Typeset) -> Vec<String> {
    set.diagnostics.iter().map(|d| d.message.clone()).collect()
}

fn non_space(texts: &[String]) -> usize {
    texts.iter().flat_map(|t| t.chars()).filter(|c| !c.is_whitespace()).count()
}

#[test]
fn a_story_runs_through_three_pages_and_every_character_is_set_once() {
    let dir = tempfile::tempdir().unwrap();
    let boxes = "[[page.box]]\nbox = \"a\"\narticle = \"long\"\n";
    edition(dir.path(), "", &[(1, boxes), (5, boxes), (9, boxes)], &[("long", LONG)]);
    let set = set(dir.path());
    assert!(set.diagnostics.is_empty(), "{:?}", messages(&set));
    let (one, five, nine) = (page_text(&set.document, 0), page_text(&set.document, 1), page_text(&set.document, 2));
    assert!(one.contains(&"(下转第五版)".to_string()), "{one:?}");
    assert!(five.contains(&"(上接第一版)".to_string()) && five.contains(&"(下转第九版)".to_string()), "{five:?}");
    assert!(nine.contains(&"(上接第五版)".to_string()), "{nine:?}");
    // Body characters: the article's, once each, across the three parts.
    let body: Vec<String> = [one, five, nine]
        .concat()
        .into_iter()
        .filter(|l| !l.contains("转第") && !l.contains("接第") && !l.starts_with("长文"))
        .collect();
    assert_eq!(non_space(&body), LONG.split("+++").nth(2).unwrap().chars().filter(|c| !c.is_whitespace()).count());
}

#[test]
fn a_story_that_ends_early_leaves_its_continuation_empty_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let boxes = "[[page.box]]\nbox = \"a\"\narticle = \"short\"\n";
    edition(dir.path(), "", &[(1, boxes), (2, boxes)], &[("short", SHORT)]);
    let set = set(dir.path());
    assert_eq!(
        messages(&set),
        vec!["story `short` ends before its box `a` on page 2; the box stays empty".to_string()]
    );
    assert!(set.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert!(page_text(&set.document, 0).iter().all(|l| !l.contains("下转")));
    assert!(page_text(&set.document, 1).is_empty());
}

#[test]
fn a_stand_in_fills_the_continuation_a_story_never_reaches() {
    let dir = tempfile::tempdir().unwrap();
    let first = "[[page.box]]\nbox = \"a\"\narticle = \"short\"\n";
    let second = "[[page.box]]\nbox = \"a\"\narticle = \"short\"\nthen = \"filler\"\n";
    edition(
        dir.path(),
        "",
        &[(1, first), (2, second)],
        &[("short", SHORT), ("filler", "+++\nheadline = \"补白\"\n+++\n补白一则。\n")],
    );
    let set = set(dir.path());
    assert_eq!(
        messages(&set),
        vec!["story `short` ends before its box `a` on page 2; `filler` fills it instead".to_string()]
    );
    assert!(page_text(&set.document, 1).contains(&"补白一则。".to_string()), "{:?}", page_text(&set.document, 1));
    assert_eq!(set.document.pages[1].layout.boxes[0].story.as_deref(), Some("filler"));
}

#[test]
fn a_stand_in_is_not_needed_when_the_story_reaches_its_box() {
    let dir = tempfile::tempdir().unwrap();
    let first = "[[page.box]]\nbox = \"a\"\narticle = \"long\"\n";
    let second = "[[page.box]]\nbox = \"a\"\narticle = \"long\"\nthen = \"filler\"\n";
    edition(
        dir.path(),
        "",
        &[(1, first), (2, second)],
        &[("long", LONG), ("filler", "+++\nheadline = \"补白\"\n+++\n补白一则。\n")],
    );
    let set = set(dir.path());
    let warnings = messages(&set);
    assert!(
        warnings.contains(&"stand-in `filler` is not needed: `long` reached the box it was to fill".to_string()),
        "{warnings:?}"
    );
    assert!(page_text(&set.document, 1).iter().all(|l| !l.contains("补白一则")));
}

#[test]
fn page_labels_and_arabic_numerals_word_the_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let boxes = "label = \"A{n}\"\n[[page.box]]\nbox = \"a\"\narticle = \"long\"\n";
    let head = "[jumps]\nout = \"(下转{page}版)\"\nin = \"(上接{page}版)\"\n";
    edition(
        dir.path(),
        head,
        &[(1, &boxes.replace("{n}", "1")), (7, &boxes.replace("{n}", "7")), (9, &boxes.replace("{n}", "9"))],
        &[("long", LONG)],
    );
    let set = set(dir.path());
    assert!(page_text(&set.document, 0).contains(&"(下转A7版)".to_string()), "{:?}", page_text(&set.document, 0));
    assert!(page_text(&set.document, 1).contains(&"(上接A1版)".to_string()));
}

#[test]
fn a_latin_story_jumps_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let words = "The new rail link between Qingxi and Linjiang opened to test trains on Thursday; regular services start in June.";
    let article = format!("+++\nheadline = \"Rail link tested\"\n+++\n{words}\n");
    let boxes = "[[page.box]]\nbox = \"a\"\narticle = \"rail\"\n";
    let head =
        "[jumps]\nout = \"Continued on Page {page}\"\nin = \"Continued from Page {page}\"\nnumerals = \"arabic\"\n";
    edition(dir.path(), head, &[(1, boxes), (3, boxes), (5, boxes)], &[("rail", &article)]);
    let set = set(dir.path());
    assert!(set.diagnostics.is_empty(), "{:?}", messages(&set));
    let pages: Vec<Vec<String>> = (0..3).map(|p| page_text(&set.document, p)).collect();
    // The column is narrow: a jump line may take two of its lines.
    assert!(pages[0].join(" ").contains("Continued on Page 3"), "{:?}", pages[0]);
    assert!(pages[1].join(" ").contains("Continued from Page 1"), "{:?}", pages[1]);
    assert!(pages[2].join(" ").contains("Continued from Page 3"), "{:?}", pages[2]);
    let furniture = ["Continued", "Page ", "Rail link", "tested"];
    let body: Vec<String> =
        pages.concat().into_iter().filter(|l| !furniture.iter().any(|f| l.starts_with(f))).collect();
    assert_eq!(non_space(&body), words.chars().filter(|c| !c.is_whitespace()).count());
}
