//! Layout dumps: the structural record of a page that regression tests diff. Takes a [`Page`]
//! and the [`FontBook`] its runs name; returns a [`PageDump`] and its stable text form, one file
//! per page (`page-01.txt`). Every length is an integer in sp (65536 sp = 1 pt), y down from
//! the top of the media box, so a dump is exact and the same on every machine.
//!
//! ```text
//! page 1
//! media 73564160 101801984
//! box lead
//!   rect 4836557 10283540 46583579 35389440
//!   story lead
//!   line 4836557 11037127 measure 7667712 start 0 width 7667712 | 本报讯 清溪……
//!     run song 589824 4836557 11037127 | 1234@0 2345@589824 …
//! furniture
//! items
//!   rule 4836557 9437184 68727603 9437184 thickness 65536 gray 100
//! ```
//!
//! A box lists its lines in setting order; a run lists glyph `id@x` (or `id@x,y` when shifted
//! off the baseline) relative to its origin. [`parse_dump`] reads the text back for `diff`.

use std::fmt::Write as _;

use crate::fonts::FontBook;
use crate::frame::{Color, Item, LineInfo, Page, TextRun};
use crate::units::Rect;

/// One page's structure, in the dump's own terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageDump {
    pub number: u32,
    /// Page-wide records: media, trim, bleed, grid.
    pub fields: Vec<String>,
    pub boxes: Vec<BoxDump>,
    /// Lines outside any box (masthead, folio).
    pub furniture: Vec<LineDump>,
    /// Runs that belong to no line.
    pub runs: Vec<String>,
    /// Rules, fills and images.
    pub items: Vec<String>,
}

/// A box and the lines set in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoxDump {
    pub name: String,
    /// rect, story, overset, columns.
    pub fields: Vec<String>,
    pub lines: Vec<LineDump>,
}

/// A set line and its glyph runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineDump {
    pub x: i64,
    pub y: i64,
    pub measure: i64,
    pub start: i64,
    pub width: i64,
    pub text: String,
    pub runs: Vec<String>,
}

/// The file name of page `number`'s dump or proof, with `extension`.
pub fn page_file_name(number: u32, extension: &str) -> String {
    format!("page-{number:02}.{extension}")
}

/// The dump of `page`.
pub fn dump_page(page: &Page, book: &FontBook) -> PageDump {
    let layout = &page.layout;
    let g = &layout.grid;
    let fields = vec![
        format!("media {} {}", page.media.width.0, page.media.height.0),
        format!("trim {}", rect(page.trim)),
        format!("bleed {}", rect(page.bleed)),
        format!(
            "grid {} body {} pitch {} lines {} baseline {}",
            rect(g.area),
            g.body_size.0,
            g.line_pitch.0,
            g.lines,
            g.baseline_offset.0
        ),
    ];
    let mut lines: Vec<LineDump> = layout.lines.iter().map(line).collect();
    let mut runs = Vec::new();
    let mut items = Vec::new();
    for item in &page.items {
        match item {
            Item::Text(r) => match r.line.and_then(|i| lines.get_mut(i)) {
                Some(line) => line.runs.push(run(r, book)),
                None => runs.push(run(r, book)),
            },
            Item::Rule(r) => items.push(format!(
                "rule {} {} {} {} thickness {} {}",
                r.from.x.0,
                r.from.y.0,
                r.to.x.0,
                r.to.y.0,
                r.thickness.0,
                color(r.color)
            )),
            Item::Fill(f) => items.push(format!("fill {} {}", rect(f.rect), color(f.color))),
            Item::Image(i) => items.push(format!(
                "image {} clip {} pixels {}x{}",
                rect(i.rect),
                rect(i.clip),
                i.raster.width,
                i.raster.height
            )),
        }
    }
    let mut boxes: Vec<BoxDump> = layout.boxes.iter().map(box_fields).collect();
    let mut furniture = Vec::new();
    for (info, dumped) in layout.lines.iter().zip(lines) {
        match info.box_index.and_then(|b| boxes.get_mut(b)) {
            Some(b) => b.lines.push(dumped),
            None => furniture.push(dumped),
        }
    }
    PageDump { number: page.number, fields, boxes, furniture, runs, items }
}

fn box_fields(info: &crate::frame::BoxInfo) -> BoxDump {
    let mut fields = vec![format!("rect {}", rect(info.rect))];
    if let Some(story) = &info.story {
        fields.push(format!("story {story}"));
    }
    if let Some((chars, lines)) = info.overset {
        fields.push(format!("overset {chars} chars {lines} lines"));
    }
    fields.extend(info.columns.iter().map(|c| format!("column {}", rect(*c))));
    BoxDump { name: info.name.clone(), fields, lines: Vec::new() }
}

fn line(info: &LineInfo) -> LineDump {
    LineDump {
        x: info.origin.x.0,
        y: info.origin.y.0,
        measure: info.measure.0,
        start: info.start.0,
        width: info.width.0,
        text: info.text.clone(),
        runs: Vec::new(),
    }
}

fn run(run: &TextRun, book: &FontBook) -> String {
    let mut out = format!("run {} {} {} {}", book.font(run.font).key, run.size.0, run.origin.x.0, run.origin.y.0);
    if run.color != Color::BLACK {
        let _ = write!(out, " {}", color(run.color));
    }
    out.push_str(" |");
    for glyph in &run.glyphs {
        let _ = write!(out, " {}@{}", glyph.id, glyph.x.0);
        if glyph.y.0 != 0 {
            let _ = write!(out, ",{}", glyph.y.0);
        }
    }
    out
}

fn rect(r: Rect) -> String {
    format!("{} {} {} {}", r.x.0, r.y.0, r.width.0, r.height.0)
}

fn color(c: Color) -> String {
    match c {
        Color::Gray(k) => format!("gray {k}"),
        Color::Cmyk { c, m, y, k } => format!("cmyk {c} {m} {y} {k}"),
    }
}

const HEADER: &str = "# paiban layout dump; lengths in sp (65536 sp = 1 pt), y down from the media box's top";

impl PageDump {
    /// The dump as text: records one a line, nested by two-space indents.
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\npage {}\n", self.number);
        for field in &self.fields {
            let _ = writeln!(out, "{field}");
        }
        for b in &self.boxes {
            let _ = writeln!(out, "box {}", b.name);
            for field in &b.fields {
                let _ = writeln!(out, "  {field}");
            }
            write_lines(&mut out, &b.lines);
        }
        out.push_str("furniture\n");
        write_lines(&mut out, &self.furniture);
        out.push_str("runs\n");
        for r in &self.runs {
            let _ = writeln!(out, "  {r}");
        }
        out.push_str("items\n");
        for item in &self.items {
            let _ = writeln!(out, "  {item}");
        }
        out
    }
}

fn write_lines(out: &mut String, lines: &[LineDump]) {
    for l in lines {
        let _ = writeln!(
            out,
            "  line {} {} measure {} start {} width {} | {}",
            l.x, l.y, l.measure, l.start, l.width, l.text
        );
        for r in &l.runs {
            let _ = writeln!(out, "    {r}");
        }
    }
}

/// Where a dump's records go while it is read back.
enum Section {
    Page,
    Box,
    Furniture,
    Runs,
    Items,
}

/// Reads a dump written by [`PageDump::to_text`]. The error names the offending line.
pub fn parse_dump(text: &str) -> Result<PageDump, String> {
    let mut dump = PageDump::default();
    let mut section = Section::Page;
    for (index, raw) in text.lines().enumerate() {
        let bad = || format!("line {}: not a layout dump record: `{raw}`", index + 1);
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let record = raw.trim_start();
        match raw.len() - record.len() {
            0 => section = top_record(&mut dump, record).ok_or_else(bad)?,
            2 => nested_record(&mut dump, &section, record).ok_or_else(bad)?,
            4 => {
                let lines = match section {
                    Section::Box => dump.boxes.last_mut().map(|b| &mut b.lines),
                    Section::Furniture => Some(&mut dump.furniture),
                    _ => None,
                };
                lines.and_then(|l| l.last_mut()).ok_or_else(bad)?.runs.push(record.to_string());
            }
            _ => return Err(bad()),
        }
    }
    Ok(dump)
}

fn top_record(dump: &mut PageDump, record: &str) -> Option<Section> {
    let (keyword, rest) = record.split_once(' ').unwrap_or((record, ""));
    Some(match keyword {
        "page" => {
            dump.number = rest.parse().ok()?;
            Section::Page
        }
        "box" => {
            dump.boxes.push(BoxDump { name: rest.to_string(), ..BoxDump::default() });
            Section::Box
        }
        "furniture" => Section::Furniture,
        "runs" => Section::Runs,
        "items" => Section::Items,
        _ => {
            dump.fields.push(record.to_string());
            Section::Page
        }
    })
}

fn nested_record(dump: &mut PageDump, section: &Section, record: &str) -> Option<()> {
    match section {
        Section::Box if record.starts_with("line ") => dump.boxes.last_mut()?.lines.push(parse_line(record)?),
        Section::Box => dump.boxes.last_mut()?.fields.push(record.to_string()),
        Section::Furniture => dump.furniture.push(parse_line(record)?),
        Section::Runs => dump.runs.push(record.to_string()),
        Section::Items => dump.items.push(record.to_string()),
        Section::Page => return None,
    }
    Some(())
}

/// `line X Y measure M start S width W | text`.
fn parse_line(record: &str) -> Option<LineDump> {
    let (numbers, text) = record.split_once(" | ").or_else(|| record.strip_suffix(" |").map(|n| (n, "")))?;
    let words: Vec<&str> = numbers.split(' ').collect();
    let [_, x, y, _, measure, _, start, _, width] = words.as_slice() else { return None };
    let n = |s: &&str| s.parse::<i64>().ok();
    Some(LineDump {
        x: n(x)?,
        y: n(y)?,
        measure: n(measure)?,
        start: n(start)?,
        width: n(width)?,
        text: text.to_string(),
        runs: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_dump() -> PageDump {
        let line = LineDump { x: 1, y: 2, measure: 3, start: 0, width: 3, text: "本报讯 a|b".into(), runs: vec![] };
        PageDump {
            number: 2,
            fields: vec!["media 10 20".into()],
            boxes: vec![BoxDump {
                name: "lead".into(),
                fields: vec!["rect 0 0 5 5".into(), "story lead".into()],
                lines: vec![LineDump { runs: vec!["run song 9 1 2 | 5@0 6@9,-1".into()], ..line.clone() }],
            }],
            furniture: vec![LineDump { text: String::new(), ..line }],
            runs: vec!["run hei 9 0 0 |".into()],
            items: vec!["fill 0 0 1 1 gray 100".into()],
        }
    }

    #[test]
    fn a_dump_reads_back_as_written() {
        let dump = sample_dump();
        assert_eq!(parse_dump(&dump.to_text()).unwrap(), dump);
    }

    #[test]
    fn a_stray_record_is_an_error_naming_its_line() {
        let error = parse_dump("page 1\n      deep\n").unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
    }
}
