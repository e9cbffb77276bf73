//! Checks on a laid-out page that proofs mark and tests assert: kinsoku (clreq §3.1.7, no
//! line starts with a stop mark, closing bracket or middle dot) and the baseline grid (a body
//! line's baseline sits on the grid: type-area top + baseline offset + k × line pitch). Takes a
//! [`Page`]; returns [`Warning`]s naming the line. Integer arithmetic only.

use crate::frame::{Item, Page};
use crate::shape::{CharClass, char_class};
use crate::units::Abs;

/// Something a designer should look at, on one set line (an index into the page's lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The line starts with a mark that must not start a line.
    ClosingMarkAtLineStart { line: usize, mark: char },
    /// A body-size line whose baseline is `by` below (or, negative, above) the nearest grid line.
    OffGrid { line: usize, by: Abs },
}

impl Warning {
    pub fn line(&self) -> usize {
        match self {
            Warning::ClosingMarkAtLineStart { line, .. } | Warning::OffGrid { line, .. } => *line,
        }
    }

    /// A short caption for a proof marker.
    pub fn caption(&self) -> String {
        match self {
            Warning::ClosingMarkAtLineStart { .. } => "kinsoku".into(),
            Warning::OffGrid { by, .. } => format!("off grid {by}"),
        }
    }
}

/// Every warning on `page`, in line order.
pub fn check_page(page: &Page) -> Vec<Warning> {
    let sizes = line_sizes(page);
    let grid = &page.layout.grid;
    let mut warnings = Vec::new();
    for (index, line) in page.layout.lines.iter().enumerate() {
        if let Some(mark) = line.text.trim_start().chars().next().filter(|&c| is_no_start(c)) {
            warnings.push(Warning::ClosingMarkAtLineStart { line: index, mark });
        }
        let body = line.box_index.is_some() && sizes[index] == Some(grid.body_size);
        if body && grid.line_pitch > Abs::ZERO {
            let by = grid_offset(line.origin.y - grid.area.y - grid.baseline_offset, grid.line_pitch);
            if by != Abs::ZERO {
                warnings.push(Warning::OffGrid { line: index, by });
            }
        }
    }
    warnings
}

/// Whether clreq forbids `c` at the start of a line.
fn is_no_start(c: char) -> bool {
    matches!(char_class(c), CharClass::Stop | CharClass::Closing | CharClass::MiddleDot)
}

/// How far `from_first` (a baseline measured from the first grid baseline) is from the nearest
/// grid line, signed: positive when below it.
fn grid_offset(from_first: Abs, pitch: Abs) -> Abs {
    let rest = Abs(from_first.0.rem_euclid(pitch.0));
    if rest.0 * 2 > pitch.0 { rest - pitch } else { rest }
}

/// The size of the first run on each line, if the line has runs.
fn line_sizes(page: &Page) -> Vec<Option<Abs>> {
    let mut sizes = vec![None; page.layout.lines.len()];
    for item in &page.items {
        if let Item::Text(run) = item
            && let Some(size) = run.line.and_then(|l| sizes.get_mut(l))
        {
            size.get_or_insert(run.size);
        }
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{GridInfo, LineInfo, PageLayout};
    use crate::units::{Point, Rect, Size};

    fn line(y: Abs, text: &str) -> LineInfo {
        LineInfo {
            origin: Point::new(Abs::ZERO, y),
            measure: Abs::pt(100),
            start: Abs::ZERO,
            width: Abs::pt(100),
            text: text.into(),
            box_index: Some(0),
            on_grid: true,
            justified: false,
            paragraph_end: false,
            overfull: Abs::ZERO,
        }
    }

    fn page(lines: Vec<LineInfo>) -> Page {
        let grid = GridInfo {
            area: Rect::new(Abs::ZERO, Abs::pt(10), Abs::pt(100), Abs::pt(100)),
            body_size: Abs::pt(9),
            line_pitch: Abs::pt(12),
            lines: 8,
            baseline_offset: Abs::pt(8),
        };
        Page {
            number: 1,
            media: Size { width: Abs::pt(120), height: Abs::pt(120) },
            trim: Rect::default(),
            bleed: Rect::default(),
            items: Vec::new(),
            layout: PageLayout { grid, boxes: Vec::new(), lines },
        }
    }

    #[test]
    fn a_closing_mark_at_line_start_is_reported() {
        let warnings = check_page(&page(vec![line(Abs::pt(18), "，然后"), line(Abs::pt(30), "“开”")]));
        assert_eq!(warnings, vec![Warning::ClosingMarkAtLineStart { line: 0, mark: '，' }]);
    }

    #[test]
    fn grid_offsets_are_signed_to_the_nearest_line() {
        assert_eq!(grid_offset(Abs::pt(24), Abs::pt(12)), Abs::ZERO);
        assert_eq!(grid_offset(Abs::pt(25), Abs::pt(12)), Abs::pt(1));
        assert_eq!(grid_offset(Abs::pt(23), Abs::pt(12)), Abs::pt(-1));
        assert_eq!(grid_offset(Abs::pt(-1), Abs::pt(12)), Abs::pt(-1));
    }

    #[test]
    fn only_body_size_lines_are_held_to_the_grid() {
        use crate::fonts::FontId;
        use crate::frame::{Color, TextRun};
        let mut p = page(vec![line(Abs::pt(19), "正文"), line(Abs::pt(40), "标题")]);
        for (index, size) in [(0, 9), (1, 20)] {
            p.items.push(Item::Text(TextRun {
                font: FontId(0),
                size: Abs::pt(size),
                color: Color::BLACK,
                origin: Point::default(),
                line: Some(index),
                text: String::new(),
                glyphs: Vec::new(),
            }));
        }
        assert_eq!(check_page(&p), vec![Warning::OffGrid { line: 0, by: Abs::pt(1) }]);
    }
}
