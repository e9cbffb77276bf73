//! Articles (`articles/*.md`): TOML front matter between `+++` lines, then the body:
//! paragraphs separated by blank lines, `## ` starting a section subhead 小标题.

use serde::Deserialize;

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
pub fn parse_body(body: &str, first_line: usize) -> Vec<BodyBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<SourceText> = None;
    for (i, raw) in body.lines().enumerate() {
        let line = raw.trim();
        let line_no = first_line + i;
        if line.is_empty() {
            blocks.extend(current.take().map(BodyBlock::Paragraph));
        } else if let Some(title) = line.strip_prefix("## ") {
            blocks.extend(current.take().map(BodyBlock::Paragraph));
            blocks.push(BodyBlock::Section(SourceText { text: title.trim().into(), line: line_no }));
        } else if let Some(paragraph) = current.as_mut() {
            join_line(&mut paragraph.text, line);
        } else {
            current = Some(SourceText { text: line.into(), line: line_no });
        }
    }
    blocks.extend(current.map(BodyBlock::Paragraph));
    blocks
}

/// Joins a wrapped source line: no space between CJK characters, one between Latin words.
fn join_line(text: &mut String, line: &str) {
    let last_latin = text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
    let next_latin = line.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if last_latin && next_latin {
        text.push(' ');
    }
    text.push_str(line);
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
        assert_eq!(
            blocks,
            vec![
                BodyBlock::Paragraph(SourceText { text: "第一段接着。".into(), line: 5 }),
                BodyBlock::Section(SourceText { text: "小标题".into(), line: 8 }),
                BodyBlock::Paragraph(SourceText { text: "第二段 A B。".into(), line: 9 }),
            ]
        );
    }
}
