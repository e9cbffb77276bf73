//! End-to-end tests of the bundled sample edition: it renders, every character of every
//! article is in the PDF exactly once, the jump lines name the right pages, no line starts
//! with a closing mark, and the PDF passes the tools printers and designers use.

mod common;

use std::collections::BTreeMap;

use paiban::diag::Severity;
use paiban::frame::{Item, TextRun};
use paiban::model::load_edition;
use paiban::pipeline::render_pdf;

use common::{load_options, root, sample, tool_output};

/// Non-space characters with their counts.
fn char_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for text in texts {
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
}

/// Everything the edition asks to print: every block of every story, the furniture, and the
/// jump texts of the parts the stories reach.
fn expected_text() -> Vec<String> {
    let edition = load_edition(&root().join("issues/sample"), &load_options()).unwrap();
    let mut texts: Vec<String> = Vec::new();
    for story in &edition.stories {
        texts.extend(story.blocks().map(|b| b.text.text.clone()));
        for part in &story.parts {
            texts.extend(
                [&part.jump_headline, &part.jump_in, &part.jump_out].into_iter().flatten().map(|b| b.text.text.clone()),
            );
        }
    }
    for page in &edition.pages {
        texts.extend(page.furniture.iter().map(|f| f.text.text.clone()));
    }
    texts
}

fn runs() -> impl Iterator<Item = (u32, &'static TextRun)> {
    sample().1.document.pages.iter().flat_map(|p| {
        p.items.iter().filter_map(move |i| if let Item::Text(run) = i { Some((p.number, run)) } else { None })
    })
}

/// The characters the frames draw, each glyph's own.
fn drawn_text() -> Vec<String> {
    runs().flat_map(|(_, run)| run.glyphs.iter().map(|g| run.text[g.text.clone()].to_string())).collect()
}

#[test]
fn the_sample_renders_without_layout_problems() {
    let (pdf, typeset) = sample();
    assert!(pdf.starts_with(b"%PDF-1.4"));
    assert_eq!(typeset.document.pages.len(), 3);
    let problems: Vec<String> =
        typeset.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.to_string()).collect();
    assert!(problems.is_empty(), "layout problems:\n{}", problems.join("\n"));
}

/// The characters whose counts differ: (char, expected, actual).
fn differences(expected: &BTreeMap<char, usize>, actual: &BTreeMap<char, usize>) -> Vec<(char, usize, usize)> {
    let keys: std::collections::BTreeSet<char> = expected.keys().chain(actual.keys()).copied().collect();
    keys.into_iter()
        .map(|c| (c, expected.get(&c).copied().unwrap_or(0), actual.get(&c).copied().unwrap_or(0)))
        .filter(|(_, e, a)| e != a)
        .collect()
}

#[test]
fn every_character_is_drawn_exactly_once() {
    let expected = char_counts(expected_text().iter().map(String::as_str));
    let drawn = char_counts(drawn_text().iter().map(String::as_str));
    assert_eq!(differences(&expected, &drawn), vec![], "(character, expected, drawn)");
}

#[test]
fn every_character_extracts_from_the_pdf_exactly_once() {
    let Some((ok, text)) = tool_output("pdftotext", &[], &sample().0) else { return };
    assert!(ok, "pdftotext failed: {text}");
    // ASCII punctuation typed in Chinese text is drawn full width but extracts as typed.
    let expected = char_counts(expected_text().iter().map(String::as_str));
    assert_eq!(differences(&expected, &char_counts([text.as_str()])), vec![], "(character, expected, extracted)");
}

#[test]
fn jump_lines_name_the_pages_where_the_story_goes_on() {
    let edition = load_edition(&root().join("issues/sample"), &load_options()).unwrap();
    let pages = &sample().1.document.pages;
    let mut jumps = 0;
    for story in edition.stories.iter().filter(|s| s.parts.len() > 1) {
        for (k, part) in story.parts.iter().enumerate() {
            let page = &pages[part.page];
            let in_box = |needle: &str| -> Vec<String> {
                let lines = page.layout.lines.iter().filter(|l| l.box_index == Some(part.box_index));
                lines.filter(|l| l.text.contains(needle)).map(|l| l.text.clone()).collect()
            };
            let name = |p: usize| paiban::model::chinese_number(pages[story.parts[p].page].number);
            let outs = in_box("下转");
            let ins = in_box("上接");
            if k + 1 < story.parts.len() {
                assert_eq!(outs, vec![format!("(下转第{}版)", name(k + 1))], "{} part {k}", story.slug);
                jumps += 1;
            } else {
                assert!(outs.is_empty(), "{} ends with a jump: {outs:?}", story.slug);
            }
            if k > 0 {
                assert_eq!(ins.len(), 1, "{} part {k}: {ins:?}", story.slug);
                assert!(ins[0].starts_with(&format!("(上接第{}版)", name(k - 1))), "{} part {k}: {ins:?}", story.slug);
                jumps += 1;
            }
        }
    }
    // The lead runs 1 → 2 → 3 and the clinic story 1 → 3: three links, each with both lines.
    assert_eq!(jumps, 6);
}

#[test]
fn no_line_starts_with_a_closing_mark() {
    // Runs of one line share its origin; the first run at a new origin starts the line.
    let mut seen = std::collections::BTreeSet::new();
    for (page, run) in runs() {
        if seen.insert((page, run.origin.x, run.origin.y)) {
            let first = run.text.chars().next().unwrap();
            assert!(
                !"，。、；：？！）》」』”".contains(first),
                "page {page}: a line starts with {first}: {}",
                run.text
            );
        }
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let again = render_pdf(&root().join("issues/sample"), &load_options(), None).unwrap().0;
    assert!(again == sample().0, "the second render differs");
}

#[test]
fn qpdf_finds_no_errors() {
    let Some((ok, text)) = tool_output("qpdf", &["--check"], &sample().0) else { return };
    assert!(ok && text.contains("No syntax or stream encoding errors"), "{text}");
}

#[test]
fn every_font_is_an_embedded_subset_with_tounicode() {
    let Some((ok, text)) = tool_output("pdffonts", &[], &sample().0) else { return };
    assert!(ok, "{text}");
    let fonts: Vec<&str> = text.lines().skip(2).collect();
    assert!(fonts.len() >= 4, "{text}");
    for line in fonts {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "emb/sub/uni for {line}");
        assert!(columns[0].as_bytes()[6] == b'+', "subset tag on {line}");
    }
}

#[test]
fn pages_rasterize() {
    let Some((ok, text)) = tool_output("pdftoppm", &["-r", "10", "-png", "-singlefile"], &sample().0) else { return };
    assert!(ok, "{text}");
}

/// Every set line of the sample, with its page.
fn lines() -> impl Iterator<Item = (u32, &'static paiban::frame::LineInfo, &'static paiban::frame::GridInfo)> {
    sample().1.document.pages.iter().flat_map(|p| p.layout.lines.iter().map(move |l| (p.number, l, &p.layout.grid)))
}

#[test]
fn r11_every_justified_line_ends_exactly_at_its_measure() {
    let mut checked = 0;
    for (page, line, _) in lines().filter(|(_, l, _)| l.justified) {
        assert_eq!(line.overfull, paiban::units::Abs::ZERO, "page {page}: overfull {}", line.text);
        assert_eq!(line.start + line.width, line.measure, "page {page}: {}", line.text);
        checked += 1;
    }
    assert!(checked > 500, "only {checked} justified lines");
}

#[test]
fn r15_body_lines_sit_on_the_page_grid() {
    for (page, line, grid) in lines().filter(|(_, l, _)| l.on_grid) {
        let from_top = line.origin.y - grid.area.y - grid.baseline_offset;
        assert_eq!(from_top.0 % grid.line_pitch.0, 0, "page {page}: off the grid: {}", line.text);
    }
}

#[test]
fn r20_no_paragraph_ends_with_a_single_character() {
    let punctuation = "，。、；：？！）》」』”’";
    for (page, line, _) in lines().filter(|(_, l, _)| l.paragraph_end && l.on_grid && l.box_index.is_some()) {
        let characters = line.text.chars().filter(|c| !c.is_whitespace() && !punctuation.contains(*c)).count();
        assert!(characters > 1, "page {page}: 孤字 line `{}`", line.text);
    }
}

#[test]
fn r1_no_line_ends_with_an_opening_mark() {
    for (page, line, _) in lines() {
        let last = line.text.trim_end().chars().last().unwrap_or(' ');
        assert!(!"（《「『“‘〈【".contains(last), "page {page}: a line ends with {last}: {}", line.text);
    }
}
