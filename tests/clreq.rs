//! The clreq conformance suite: small cases named by the rules of clreq-rules.md (R1–R22), each
//! set by the engine and compared with a golden dump of its lines in tests/clreq/golden/.
//! Paragraph cases run the line breaker on one paragraph at a measure given in ems; page cases
//! typeset a tiny edition (template and article written by the case) and dump every line on
//! the page. `UPDATE=1 cargo test --test clreq` rewrites the goldens after a reviewed change.
//! A case with `known_bad = "why"` is a rule not met yet: it is set and dumped, but a mismatch
//! does not fail, so the gap stays visible.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use paiban::fonts::{BUNDLED_FACES, Font, FontBook, Role, RoleFaces};
use paiban::linebreak::{Align, Breaker, ParagraphStyle, build_items};
use paiban::model::{Composition, StyledText, load_edition, parse_length};
use paiban::pipeline::typeset;
use paiban::shape::Shaper;
use paiban::units::Abs;

use common::root;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// Paragraph case: the text, the measure in ems, and how it is set.
    text: Option<String>,
    chars: Option<f64>,
    #[serde(default = "default_size")]
    size: String,
    #[serde(default)]
    indent: i64,
    #[serde(default)]
    align: Option<String>,
    #[serde(default)]
    composition: Composition,
    /// Page case: an article (front matter and body) and a template for it, boxes named `a`…
    article: Option<String>,
    template: Option<String>,
    /// Further articles for page cases, by name.
    #[serde(default)]
    articles: BTreeMap<String, String>,
    /// Boxes to fill in page cases: box name → article name (default: `a` → the article).
    #[serde(default)]
    boxes: Vec<(String, String)>,
    known_bad: Option<String>,
}

fn default_size() -> String {
    "小五".into()
}

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let fonts = BUNDLED_FACES
            .iter()
            .map(|(key, file)| Font::load(key, &root().join("fonts").join(file), 0).unwrap())
            .collect();
        FontBook::new(fonts, RoleFaces::default()).unwrap()
    })
}

/// Thousandths of an em, for dumps that read the same at any size.
fn em(value: Abs, size: Abs) -> i64 {
    paiban::units::div_round(value.0 * 1000, size.0)
}

fn set_paragraph(case: &Case, text: &str) -> String {
    let size = parse_length(&case.size).unwrap();
    let styled = StyledText::plain(text, Role::Body, size);
    let mut shaper = Shaper::new(book(), case.composition.fullwidth_ascii);
    let shaped = shaper.shape(&styled);
    let items = build_items(text, &shaped, &case.composition);
    let align = match case.align.as_deref() {
        None | Some("justify") => Align::Justify,
        Some("start") => Align::Start,
        Some("center") => Align::Center,
        Some("end") => Align::End,
        Some("distribute") => Align::Distribute,
        Some(other) => panic!("{}: unknown align {other}", case.name),
    };
    let style = ParagraphStyle { indent: size * case.indent, align };
    let measure = Abs((size.0 as f64 * case.chars.expect("paragraph cases give chars")).round() as i64);
    let mut breaker = Breaker::new(&items, &shaped, style);
    let mut out = format!("measure {} em of {size}\n", em(measure, size));
    let mut n = 0;
    while let Some(line) = breaker.next_line(measure) {
        n += 1;
        let line_text = &text[line.text.clone()];
        out.push_str(&format!("{n:>2} | {line_text} | start {} width {}", em(line.start, size), em(line.width, size)));
        if line.overfull > Abs::ZERO {
            out.push_str(&format!(" OVERFULL {}", em(line.overfull, size)));
        }
        out.push_str("\n   |");
        for glyph in &line.glyphs {
            let g = &shaped.glyphs[glyph.index];
            let c = text[g.cluster.clone()].chars().next().unwrap_or(' ');
            out.push_str(&format!(" {c}{}", em(glyph.x, size)));
        }
        out.push('\n');
    }
    out
}

fn set_page(case: &Case) -> String {
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path();
    std::fs::create_dir_all(edition.join("articles")).unwrap();
    std::fs::create_dir_all(edition.join("layouts")).unwrap();
    std::fs::write(edition.join("layouts/case.toml"), case.template.as_deref().unwrap()).unwrap();
    let mut articles = case.articles.clone();
    articles.insert("a".into(), case.article.clone().unwrap());
    for (name, body) in &articles {
        std::fs::write(edition.join("articles").join(format!("{name}.md")), body).unwrap();
    }
    let boxes = if case.boxes.is_empty() { vec![("a".to_string(), "a".to_string())] } else { case.boxes.clone() };
    let mut toml = String::from("paper = \"测试报\"\ndate = \"2026-04-24\"\nserial = 1\n");
    toml.push_str(&format!("composition = {}\n", composition_toml(&case.composition)));
    toml.push_str("[[page]]\nnumber = 1\nname = \"测试\"\ntemplate = \"case\"\n");
    for (b, a) in &boxes {
        toml.push_str(&format!("[[page.box]]\nbox = \"{b}\"\narticle = \"{a}\"\n"));
    }
    std::fs::write(edition.join("edition.toml"), toml).unwrap();
    dump_page(edition)
}

fn composition_toml(c: &Composition) -> String {
    format!(
        "{{ strictness = \"{}\", punctuation = \"{}\", hanging = {}, strict_grid = {}, fullwidth_ascii = {} }}",
        format!("{:?}", c.strictness).to_lowercase(),
        format!("{:?}", c.punctuation).to_lowercase(),
        c.hanging,
        c.strict_grid,
        c.fullwidth_ascii
    )
}

fn dump_page(edition: &Path) -> String {
    let loaded = load_edition(edition, &common::load_options()).unwrap();
    let set = typeset(&loaded, book());
    let page = &set.document.pages[0];
    let grid = &page.layout.grid;
    let mut out = String::new();
    for (index, line) in page.layout.lines.iter().enumerate() {
        let from_top = line.origin.y - grid.area.y - grid.baseline_offset;
        let row = if from_top.0 % grid.line_pitch.0 == 0 {
            format!("row {:>2}", from_top.0 / grid.line_pitch.0)
        } else {
            format!("y {:>8}", from_top.to_string())
        };
        let x = em(line.origin.x + line.start - grid.area.x, grid.body_size);
        out.push_str(&format!("{row} x {x:>6} w {:>6} | {}\n", em(line.width, grid.body_size), line.text));
        if !line.on_grid {
            out.push_str(&glyph_positions(page, index, line.origin));
        }
    }
    for d in &set.diagnostics {
        let message = d.message.clone();
        out.push_str(&format!("diagnostic: {message}\n"));
    }
    out
}

/// A headline's glyphs as `char x,y` from the line's origin in thousandths of an em of its
/// size: what shows vertical forms placed and tate-chu-yoko.
fn glyph_positions(page: &paiban::frame::Page, line: usize, origin: paiban::units::Point) -> String {
    let mut out = String::from("         |");
    for item in &page.items {
        let paiban::frame::Item::Text(run) = item else { continue };
        if run.line != Some(line) {
            continue;
        }
        for glyph in &run.glyphs {
            let c: String = run.text.get(glyph.text.clone()).unwrap_or_default().chars().take(1).collect();
            let x = em(run.origin.x + glyph.x - origin.x, run.size);
            let y = em(run.origin.y + glyph.y - origin.y, run.size);
            out.push_str(&format!(" {c}{x},{y}"));
        }
    }
    out.push('\n');
    out
}

#[test]
fn clreq_conformance() {
    let suite_file = root().join("tests/clreq/cases.toml");
    let suite: Suite = toml::from_str(&std::fs::read_to_string(&suite_file).unwrap()).unwrap();
    let golden_dir = root().join("tests/clreq/golden");
    let update = std::env::var_os("UPDATE").is_some();
    let mut failures = Vec::new();
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    for case in &suite.case {
        let rule = case.name.split('_').next().unwrap().to_string();
        *per_rule.entry(rule).or_default() += 1;
        let actual = match &case.text {
            Some(text) => set_paragraph(case, text),
            None => set_page(case),
        };
        let file = golden_dir.join(format!("{}.txt", case.name));
        if update {
            std::fs::create_dir_all(&golden_dir).unwrap();
            std::fs::write(&file, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&file).unwrap_or_default();
        if expected != actual {
            let actual_file = root().join("target/clreq-actual").join(format!("{}.txt", case.name));
            std::fs::create_dir_all(actual_file.parent().unwrap()).unwrap();
            std::fs::write(&actual_file, &actual).unwrap();
            match &case.known_bad {
                Some(why) => eprintln!("known bad {}: {why}", case.name),
                None => failures.push(format!(
                    "{}: differs from its golden; actual in {}",
                    case.name,
                    actual_file.display()
                )),
            }
        }
    }
    for n in 1..=22 {
        let rule = format!("r{n:02}");
        assert!(per_rule.get(&rule).copied().unwrap_or(0) >= 2, "{rule} needs at least two cases");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
