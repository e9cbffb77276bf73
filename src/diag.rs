//! Diagnostics: what went wrong or looks wrong, and where. The library collects them; only the
//! CLI prints them (with the source line and a marker under the byte span, when there is one).
//! Every diagnostic names a file, and a line and column where there is one; article text adds
//! the paragraph and character.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where in the input a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: PathBuf,
    /// 1-based line and column in the file, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// For article text: "paragraph 3, character 41" and the like.
    pub detail: Option<String>,
    /// The bytes of the file the diagnostic is about, for showing the source with a marker.
    pub span: Option<Range<usize>>,
}

impl Location {
    pub fn file(file: &Path) -> Location {
        Location { file: file.to_path_buf(), ..Location::default() }
    }

    pub fn line(file: &Path, line: usize) -> Location {
        Location { line: Some(line), ..Location::file(file) }
    }

    /// The line and column of byte `offset` in `source`, which is the text of `file`; the span
    /// covers the character there. An offset inside a character counts as that character's start.
    pub fn at_offset(file: &Path, source: &str, offset: usize) -> Location {
        let start = floor_char_boundary(source, offset);
        let end = source[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        Location::at_span(file, source, start..end)
    }

    /// The line and column where `span` of `source` (the text of `file`) starts, and the span.
    pub fn at_span(file: &Path, source: &str, span: Range<usize>) -> Location {
        let start = floor_char_boundary(source, span.start);
        let end = floor_char_boundary(source, span.end.max(start));
        let before = &source[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Location { line: Some(line), column: Some(column), span: Some(start..end), ..Location::file(file) }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Location {
        self.detail = Some(detail.into());
        self
    }
}

/// The largest char boundary of `source` at or before `offset`.
fn floor_char_boundary(source: &str, offset: usize) -> usize {
    let mut at = offset.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The known name closest to `name`, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|(distance, k)| *distance > 0 && *distance <= (k.chars().count() / 3).max(1) + 1)
        .min()
        .map(|(_, k)| k)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(detail) = &self.detail {
            write!(f, " ({detail})")?;
        }
        Ok(())
    }
}

/// One message about the input or the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, in lowercase words.
    pub message: String,
    /// How to fix it, where there is a fix.
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, location, message: message.into(), hints: Vec::new() }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, location, message: message.into(), hints: Vec::new() }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}: {}", self.location, self.message)?;
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_becomes_line_and_column() {
        let source = "a = 1\nbé = x\n";
        let loc = Location::at_offset(Path::new("e.toml"), source, source.find('x').unwrap());
        assert_eq!((loc.line, loc.column), (Some(2), Some(6)));
        assert_eq!(loc.to_string(), "e.toml:2:6");
        assert_eq!(loc.span, Some(12..13));
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        let source = "标题 = 1";
        let loc = Location::at_offset(Path::new("e.toml"), source, 1);
        assert_eq!((loc.column, loc.span), (Some(1), Some(0..3)));
        let loc = Location::at_span(Path::new("e.toml"), source, 4..99);
        assert_eq!(loc.span, Some(3..source.len()));
    }

    #[test]
    fn close_names_are_suggested() {
        assert_eq!(did_you_mean("serail", ["paper", "serial", "date"]), Some("serial"));
        assert_eq!(did_you_mean("headlin", ["headline", "kicker"]), Some("headline"));
        assert_eq!(did_you_mean("zzzzzz", ["paper", "serial"]), None);
        assert_eq!(did_you_mean("serial", ["serial"]), None);
    }

    #[test]
    fn display_shows_hints() {
        let d =
            Diagnostic::error(Location::line(Path::new("a.md"), 3), "story overflows").with_hint("cut 41 characters");
        assert_eq!(d.to_string(), "error: a.md:3: story overflows\n  hint: cut 41 characters");
    }
}
