//! Articles (`articles/*.md`): TOML front matter between `+++` lines, then the body:
//! paragraphs separated by blank lines, `## ` starting a section subhead 小标题. The body is
//! cleaned as it is read (see [`hygiene`](super::hygiene)), and every paragraph keeps a map
//! from its bytes back to the file's lines and columns, for diagnostics.

use serde::Deserialize;

use super::hygiene::{Cleaned, classify};

/// The front matter of an article.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// A series flag over the story: “……”系列报道.
    pub series: Option<String>,
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub headline: String,
    /// 副题.
    pub subhead: Option<String>,
    /// 本报记者 … on a line of its own.
    pub byline: Option<String>,
    /// 本报讯(记者 …), set at the start of the first paragraph.
    pub credit: Option<String>,
    /// The short headline over the story's continuation on another page.
    pub jump_headline: Option<String>,
    pub photo: Option<PhotoSpec>,
}

/// A photo with its caption.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoSpec {
    /// Image file, relative to the edition folder.
    pub image: String,
    pub caption: String,
    /// 记者 … 摄.
    pub credit: Option<String>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBlock {
    Paragraph(SourceText),
    /// A 小标题.
    Section(SourceText),
}

/// Text with the line it starts on in its file, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub text: String,
    pub line: usize,
    /// Where each byte of `text` is in the file.
    pub map: TextMap,
    /// What cleaning removed or questioned, with `offset` a byte offset in the body.
    pub cleaned: Vec<CleanedAt>,
}

/// A cleaning done on a paragraph, placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CleanedAt {
    pub cleaned: Cleaned,
    pub line: usize,
    pub column: usize,
    /// The character of the cleaned paragraph it stood before, from 1.
    pub character: usize,
}

/// Maps byte offsets of a cleaned text back to its source: a list of segments, each a stretch
/// copied byte for byte from one source line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextMap {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Where the segment starts in the text.
    text: usize,
    /// Where it starts in the source (bytes), and its line and column there.
    offset: usize,
    line: usize,
    column: usize,
}

/// A place in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePoint {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl TextMap {
    /// Where byte `at` of `text` (the text this map is for) came from.
    pub fn locate(&self, text: &str, at: usize) -> Option<SourcePoint> {
        let segment = self.segments.iter().rev().find(|s| s.text <= at)?;
        let between = text.get(segment.text..at)?;
        let (line, offset) = (segment.line, segment.offset + between.len());
        Some(SourcePoint { line, column: segment.column + between.chars().count(), offset })
    }

    /// The map of `text[from..]`.
    fn slice_from(&self, text: &str, from: usize) -> TextMap {
        let mut segments = Vec::new();
        if let Some(point) = self.locate(text, from) {
            segments.push(Segment { text: 0, offset: point.offset, line: point.line, column: point.column });
        }
        segments.extend(self.segments.iter().filter(|s| s.text > from).map(|s| Segment { text: s.text - from, ..*s }));
        TextMap { segments }
    }

    /// Appends `other`, the map of text appended at byte `at`.
    fn append(&mut self, other: &TextMap, at: usize) {
        self.segments.extend(other.segments.iter().map(|s| Segment { text: s.text + at, ..*s }));
    }

    /// Shifts every source offset by `by` (the body's place in the file) and every text
    /// offset by `prefix` (text set before it, such as the credit).
    pub fn shifted(&self, by: usize, prefix: usize) -> TextMap {
        let segments =
            self.segments.iter().map(|s| Segment { text: s.text + prefix, offset: s.offset + by, ..*s }).collect();
        TextMap { segments }
    }
}

/// Splits an article file into its front matter (with the line the TOML starts on) and body.
pub fn split_front_matter(source: &str) -> Result<(&str, usize, &str), String> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err("an article starts with a `+++` line, then its TOML front matter, then `+++`".into());
    }
    let start = first.len();
    let mut offset = start;
    for line in lines {
        if line.trim_end() == "+++" {
            return Ok((&source[start..offset], 2, &source[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err("the front matter is not closed: add a line `+++` after it".into())
}

/// Parses the body into paragraphs and section subheads. `first_line` is the file line the
/// body starts on. Lines of one paragraph are joined without a space, as Chinese copy wants.
/// Source offsets in the result are from the start of `body`.
pub fn parse_body(body: &str, first_line: usize) -> Vec<BodyBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<SourceText> = None;
    // Cleanings on a line left blank: reported with the paragraph before, or else the next.
    let mut orphans: Vec<CleanedAt> = Vec::new();
    let mut offset = 0;
    for (i, raw) in body.split_inclusive('\n').enumerate() {
        let line_no = first_line + i;
        let mut line = clean_line(raw, line_no, offset);
        offset += raw.len();
        line.trim();
        if line.text.is_empty() {
            match current.as_mut() {
                Some(paragraph) => paragraph.cleaned.append(&mut line.cleaned),
                None => orphans.append(&mut line.cleaned),
            }
            blocks.extend(current.take().map(BodyBlock::Paragraph));
            continue;
        }
        line.cleaned.splice(0..0, orphans.drain(..).map(|n| CleanedAt { character: 1, ..n }));
        if line.text.starts_with("## ") {
            blocks.extend(current.take().map(BodyBlock::Paragraph));
            line.drop_front(3);
            line.trim();
            blocks.push(BodyBlock::Section(line));
        } else if let Some(paragraph) = current.as_mut() {
            paragraph.join(&line);
        } else {
            current = Some(line);
        }
    }
    blocks.extend(current.map(BodyBlock::Paragraph));
    if let Some(BodyBlock::Paragraph(last) | BodyBlock::Section(last)) = blocks.last_mut() {
        last.cleaned.append(&mut orphans);
    }
    blocks
}

/// One source line, cleaned, with its map; `offset` is where the line starts in the body.
fn clean_line(raw: &str, line: usize, offset: usize) -> SourceText {
    let raw = raw.strip_suffix('\n').unwrap_or(raw);
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let mut text = String::with_capacity(raw.len());
    let mut segments = vec![Segment { text: 0, offset, line, column: 1 }];
    let mut cleaned = Vec::new();
    let mut characters = 0;
    for (column, (at, c)) in raw.char_indices().enumerate() {
        let what = classify(c);
        if let Some(what) = what {
            let note = Cleaned { offset: offset + at, c, what };
            cleaned.push(CleanedAt { cleaned: note, line, column: column + 1, character: characters + 1 });
        }
        if what.is_some_and(|w| !w.keeps()) {
            // A new segment starts after the removed character.
            let next = Segment { text: text.len(), offset: offset + at + c.len_utf8(), line, column: column + 2 };
            segments.push(next);
            continue;
        }
        text.push(if c == '\t' { ' ' } else { c });
        characters += 1;
    }
    SourceText { text, line, map: TextMap { segments }, cleaned }
}

impl SourceText {
    /// Removes the first `bytes` bytes of the text.
    fn drop_front(&mut self, bytes: usize) {
        let dropped = self.text[..bytes].chars().count();
        self.map = self.map.slice_from(&self.text, bytes);
        self.text.drain(..bytes);
        for note in &mut self.cleaned {
            note.character = note.character.saturating_sub(dropped).max(1);
        }
    }

    /// Trims white space at both ends.
    fn trim(&mut self) {
        let end = self.text.trim_end().len();
        self.text.truncate(end);
        let start = self.text.len() - self.text.trim_start().len();
        if start > 0 {
            self.drop_front(start);
        }
        let count = self.text.chars().count();
        for note in &mut self.cleaned {
            note.character = note.character.min(count + 1);
        }
    }

    /// Joins a wrapped source line: no space between CJK characters, one between Latin words.
    fn join(&mut self, line: &SourceText) {
        let last_latin = self.text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
        let next_latin = line.text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if last_latin && next_latin {
            self.text.push(' ');
        }
        // Counting characters only when there are cleanings keeps joining linear in the
        // paragraph's length.
        let before = if line.cleaned.is_empty() { 0 } else { self.text.chars().count() };
        let at = self.text.len();
        self.text.push_str(&line.text);
        self.map.append(&line.map, at);
        self.cleaned.extend(line.cleaned.iter().map(|n| CleanedAt { character: n.character + before, ..*n }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_split() {
        let (fm, line, body) = split_front_matter("+++\nheadline = \"题\"\n+++\n正文。\n").unwrap();
        assert_eq!((fm, line, body), ("headline = \"题\"\n", 2, "正文。\n"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split_front_matter("+++\nheadline = \"x\"\n").unwrap_err().contains("not closed"));
        assert!(split_front_matter("headline = 1").unwrap_err().contains("starts with"));
    }

    #[test]
    fn body_blocks_keep_their_lines() {
        let blocks = parse_body("第一段\n接着。\n\n## 小标题\n第二段 A\nB。\n", 5);
        let summary: Vec<(bool, &str, usize)> = blocks
            .iter()
            .map(|b| match b {
                BodyBlock::Paragraph(p) => (true, p.text.as_str(), p.line),
                BodyBlock::Section(s) => (false, s.text.as_str(), s.line),
            })
            .collect();
        assert_eq!(summary, vec![(true, "第一段接着。", 5), (false, "小标题", 8), (true, "第二段 A B。", 9)]);
    }

    fn paragraph(block: &BodyBlock) -> &SourceText {
        match block {
            BodyBlock::Paragraph(p) | BodyBlock::Section(p) => p,
        }
    }

    #[test]
    fn map_finds_lines_and_columns() {
        let body = "  甲乙\n丙\t丁\n\n## 标题\n";
        let blocks = parse_body(body, 10);
        let p = paragraph(&blocks[0]);
        assert_eq!(p.text, "甲乙丙 丁");
        let at = |byte| p.map.locate(&p.text, byte).map(|s| (s.line, s.column, s.offset));
        assert_eq!(at(0), Some((10, 3, 2)));
        assert_eq!(at(6), Some((11, 1, 9)));
        assert_eq!(at(10), Some((11, 3, 13)));
        let title = paragraph(&blocks[1]);
        assert_eq!(title.map.locate(&title.text, 0).map(|s| (s.line, s.column)), Some((13, 4)));
    }

    #[test]
    fn crlf_tabs_and_invisibles() {
        let blocks = parse_body("甲\u{200B}乙\r\n丙\u{7}\r\n\r\n丁\r\n", 1);
        assert_eq!(blocks.len(), 2);
        let p = paragraph(&blocks[0]);
        assert_eq!(p.text, "甲乙丙");
        let notes: Vec<(usize, usize, usize, char)> =
            p.cleaned.iter().map(|n| (n.line, n.column, n.character, n.cleaned.c)).collect();
        assert_eq!(notes, vec![(1, 2, 2, '\u{200B}'), (2, 2, 4, '\u{7}')]);
        let at = |byte| p.map.locate(&p.text, byte).map(|s| (s.line, s.column));
        assert_eq!(at(3), Some((1, 3)));
        assert_eq!(paragraph(&blocks[1]).text, "丁");
    }

    #[test]
    fn right_to_left_is_kept_and_noted() {
        let blocks = parse_body("他说שלום。\n", 1);
        let p = paragraph(&blocks[0]);
        assert_eq!(p.text, "他说שלום。");
        assert_eq!(p.cleaned.len(), 4);
    }
}
