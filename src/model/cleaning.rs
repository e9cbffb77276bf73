//! Reporting what text hygiene did: a warning for each character removed from an article's
//! body or front matter (and for right-to-left text), with its line, column, paragraph and
//! character. The rules themselves are in [`hygiene`](super::hygiene).

use std::ops::Range;
use std::path::Path;

use crate::diag::{Diagnostic, Location};

use super::article::{BodyBlock, FrontMatter};
use super::hygiene::{Cleaning, clean};

/// Warnings for what cleaning did to the body: one per character and paragraph, at its first
/// place, with how often it occurred.
pub(super) fn report_cleanings(file: &Path, blocks: &[BodyBlock], body_start: usize, warnings: &mut Vec<Diagnostic>) {
    let mut paragraphs = 0;
    let mut subheads = 0;
    for block in blocks {
        let (text, what) = match block {
            BodyBlock::Paragraph(p) => {
                paragraphs += 1;
                (p, format!("paragraph {paragraphs}"))
            }
            BodyBlock::Section(s) => {
                subheads += 1;
                (s, format!("subhead {subheads}"))
            }
        };
        let mut seen: Vec<char> = Vec::new();
        let mut right_to_left = false;
        for note in &text.cleaned {
            let c = note.cleaned.c;
            // Right-to-left text: one warning for the paragraph, at its first letter.
            if note.cleaned.what == Cleaning::RightToLeft {
                if right_to_left {
                    continue;
                }
                right_to_left = true;
            } else if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let times = if note.cleaned.what == Cleaning::RightToLeft {
                1
            } else {
                text.cleaned.iter().filter(|n| n.cleaned.c == c).count()
            };
            let offset = body_start + note.cleaned.offset;
            let location = Location {
                line: Some(note.line),
                column: Some(note.column),
                span: Some(offset..offset + c.len_utf8()),
                ..Location::file(file)
            }
            .with_detail(format!("{what}, character {}", note.character));
            let more = if times > 1 {
                format!(" ({times} times in this {})", what.split(' ').next().unwrap_or(""))
            } else {
                String::new()
            };
            warnings.push(Diagnostic::warning(location, format!("{}{more}", note.cleaned.what.describe(c))));
        }
    }
}

/// The span of `key` where a line of `toml` starts with `key =`.
fn field_span(toml: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in toml.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')) {
            return Some(offset + indent..offset + indent + key.len());
        }
        offset += line.len();
    }
    None
}

/// Cleans the front matter's texts (see [`hygiene`](super::hygiene)), warning about each removal.
pub(super) fn clean_front_matter(
    front: &mut FrontMatter,
    file: &Path,
    source: &str,
    range: Range<usize>,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut clean = |field: &str, text: &mut String| {
        let (cleaned, notes) = clean(text);
        for note in notes {
            let character = text[..note.offset].chars().count() + 1;
            // The field's line: the escape or character itself is inside its string.
            let key = field.rsplit(' ').next().unwrap_or(field);
            let location = field_span(&source[range.clone()], key)
                .map_or_else(
                    || Location::file(file),
                    |s| Location::at_span(file, source, s.start + range.start..s.end + range.start),
                )
                .with_detail(format!("{field}, character {character}"));
            warnings.push(Diagnostic::warning(location, note.what.describe(note.c)));
        }
        *text = cleaned;
    };
    clean("headline", &mut front.headline);
    for (field, text) in [
        ("series", &mut front.series),
        ("kicker", &mut front.kicker),
        ("subhead", &mut front.subhead),
        ("byline", &mut front.byline),
        ("credit", &mut front.credit),
        ("jump_headline", &mut front.jump_headline),
    ] {
        if let Some(text) = text {
            clean(field, text);
        }
    }
    if let Some(photo) = &mut front.photo {
        clean("photo caption", &mut photo.caption);
        if let Some(credit) = &mut photo.credit {
            clean("photo credit", credit);
        }
    }
}
