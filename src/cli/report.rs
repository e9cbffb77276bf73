//! Showing diagnostics as rustc and Typst do: the message, the file with line and column, the
//! source line with a marker under the place, then notes and hints. Uses annotate-snippets;
//! colour only when standard error is a terminal.

use std::io::IsTerminal;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use paiban::diag::{Diagnostic, Severity};

/// Prints diagnostics to standard error.
pub fn eprint_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    let renderer = if std::io::stderr().is_terminal() { Renderer::styled() } else { Renderer::plain() };
    for diagnostic in diagnostics {
        eprintln!("{}\n", render(&renderer, diagnostic));
    }
}

/// One diagnostic as text. The source is read again from the diagnostic's file (lossily, so
/// a file that is not UTF-8 can still be shown up to the bad byte).
pub fn render(renderer: &Renderer, diagnostic: &Diagnostic) -> String {
    let location = &diagnostic.location;
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = location.file.display().to_string();
    let source = location.span.as_ref().and_then(|_| read_source(&location.file));
    let mut group = Group::with_title(level.primary_title(diagnostic.message.as_str()));
    match (&source, &location.span) {
        (Some(source), Some(span)) => {
            let span = clamp(source, span.clone());
            let label = location.detail.as_deref().unwrap_or("");
            group = group.element(
                Snippet::source(source.as_str())
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span).label(label)),
            );
        }
        _ => {
            let mut origin = Origin::path(path.as_str());
            if let Some(line) = location.line {
                origin = origin.line(line);
                if let Some(column) = location.column {
                    origin = origin.char_column(column);
                }
            }
            group = group.element(origin);
            if let Some(detail) = &location.detail {
                group = group.element(Level::NOTE.message(format!("in {detail}")));
            }
        }
    }
    for hint in &diagnostic.hints {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    renderer.render(&[group])
}

fn read_source(file: &Path) -> Option<String> {
    let bytes = std::fs::read(file).ok()?;
    // Very large files are not worth showing; the line and column still say where.
    (bytes.len() <= 16 << 20).then(|| String::from_utf8_lossy(&bytes).into_owned())
}

/// The span within the source, on character boundaries.
fn clamp(source: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut at: usize| {
        at = at.min(source.len());
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(span.start);
    start..floor(span.end).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use paiban::diag::Location;

    #[test]
    fn shows_the_line_with_a_marker_and_the_hint() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("edition.toml");
        let source = "paper = \"青溪日报\"\nserail = 1\n";
        std::fs::write(&file, source).unwrap();
        let at = source.find("serail").unwrap();
        let d = Diagnostic::error(Location::at_span(&file, source, at..at + 6), "unknown field `serail`")
            .with_hint("did you mean `serial`?");
        let text = render(&Renderer::plain(), &d);
        assert!(text.contains("error: unknown field `serail`"), "{text}");
        assert!(text.contains("edition.toml:2:1"), "{text}");
        assert!(text.contains("2 | serail = 1"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `serial`?"), "{text}");
    }

    #[test]
    fn without_a_span_the_place_is_named() {
        let d = Diagnostic::warning(Location::line(Path::new("a.md"), 3).with_detail("paragraph 2, character 5"), "x");
        let text = render(&Renderer::plain(), &d);
        assert!(text.contains("a.md:3") && text.contains("paragraph 2, character 5"), "{text}");
    }
}
