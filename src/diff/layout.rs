//! Structural comparison of two [`PageDump`]s: which boxes appeared or went, whose settings
//! changed, which lines changed text, moved or were set with other glyphs, and whether the
//! furniture and the other items changed. Lines are matched by their place in the box (the
//! k-th line of `lead` against the k-th), which is what a reflow after an edit disturbs.

use std::fmt;

use crate::render::dump::{LineDump, PageDump};
use crate::units::Abs;

/// Where on a page a change is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The page itself: its size, boxes or grid.
    Page,
    Box(String),
    /// Lines outside boxes: masthead, folio.
    Furniture,
    /// Rules, fills, images and runs outside lines.
    Items,
}

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the second render.
    Added,
    /// Only in the first render.
    Removed,
    /// A setting (size, grid, story, overset, columns) differs.
    Settings,
    TextChanged,
    LinesMoved,
    /// Same text in the same place, set with other glyphs (a font change).
    GlyphsChanged,
    LineCount,
}

/// One change, with a sentence saying what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub scope: Scope,
    pub kind: ChangeKind,
    pub detail: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.scope {
            Scope::Page => write!(f, "{}", self.detail),
            Scope::Box(name) => write!(f, "box `{name}`: {}", self.detail),
            Scope::Furniture => write!(f, "furniture: {}", self.detail),
            Scope::Items => write!(f, "items: {}", self.detail),
        }
    }
}

/// Every change from `a` to `b` (either may be missing: the page was added or removed).
pub fn compare_pages(a: Option<&PageDump>, b: Option<&PageDump>) -> Vec<Change> {
    let change = |kind, detail: &str| vec![Change { scope: Scope::Page, kind, detail: detail.to_string() }];
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (None, Some(_)) => return change(ChangeKind::Added, "page added"),
        (Some(_), None) => return change(ChangeKind::Removed, "page removed"),
        (None, None) => return Vec::new(),
    };
    let mut changes = Vec::new();
    fields(&mut changes, Scope::Page, &a.fields, &b.fields);
    for box_a in &a.boxes {
        let scope = Scope::Box(box_a.name.clone());
        match b.boxes.iter().find(|x| x.name == box_a.name) {
            None => changes.push(Change { scope, kind: ChangeKind::Removed, detail: "box removed".into() }),
            Some(box_b) => {
                fields(&mut changes, scope.clone(), &box_a.fields, &box_b.fields);
                lines(&mut changes, scope, &box_a.lines, &box_b.lines);
            }
        }
    }
    for box_b in b.boxes.iter().filter(|x| !a.boxes.iter().any(|y| y.name == x.name)) {
        changes.push(Change {
            scope: Scope::Box(box_b.name.clone()),
            kind: ChangeKind::Added,
            detail: "box added".into(),
        });
    }
    lines(&mut changes, Scope::Furniture, &a.furniture, &b.furniture);
    let (items_a, items_b) = (a.items.iter().chain(&a.runs), b.items.iter().chain(&b.runs));
    if !items_a.clone().eq(items_b.clone()) {
        let differ = items_a.clone().zip(items_b.clone()).filter(|(x, y)| x != y).count()
            + items_a.count().abs_diff(items_b.count());
        changes.push(Change { scope: Scope::Items, kind: ChangeKind::Settings, detail: format!("{differ} changed") });
    }
    changes
}

/// Records that differ between two lists of settings, named by their first word.
fn fields(changes: &mut Vec<Change>, scope: Scope, a: &[String], b: &[String]) {
    let max = a.len().max(b.len());
    for i in 0..max {
        let (x, y) = (a.get(i).map_or("", String::as_str), b.get(i).map_or("", String::as_str));
        if x != y {
            let detail = format!("`{x}` → `{y}`");
            changes.push(Change { scope: scope.clone(), kind: ChangeKind::Settings, detail });
        }
    }
}

/// Line-by-line changes, grouped by kind.
fn lines(changes: &mut Vec<Change>, scope: Scope, a: &[LineDump], b: &[LineDump]) {
    let (mut text, mut moved, mut glyphs) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        if x.text != y.text {
            text.push(i);
        } else if (x.x, x.y, x.measure, x.start, x.width) != (y.x, y.y, y.measure, y.start, y.width) {
            moved.push(i);
        } else if x.runs != y.runs {
            glyphs.push(i);
        }
    }
    let mut push = |kind, detail: String| changes.push(Change { scope: scope.clone(), kind, detail });
    if let Some(&first) = text.first() {
        let detail = format!(
            "text changed in {}; line {}: «{}» → «{}»",
            line_list(&text),
            first + 1,
            a[first].text,
            b[first].text
        );
        push(ChangeKind::TextChanged, detail);
    }
    if let Some(&first) = moved.first() {
        let (dx, dy) = (Abs(b[first].x - a[first].x), Abs(b[first].y - a[first].y));
        let dw = Abs(b[first].width - a[first].width);
        let detail = format!("{} moved; line {}: by {dx}, {dy}, width {dw}", line_list(&moved), first + 1);
        push(ChangeKind::LinesMoved, detail);
    }
    if !glyphs.is_empty() {
        push(ChangeKind::GlyphsChanged, format!("{} set with other glyphs", line_list(&glyphs)));
    }
    if a.len() != b.len() {
        push(ChangeKind::LineCount, format!("{} lines → {} lines", a.len(), b.len()));
    }
}

/// "line 3", "lines 3–5, 9" (1-based).
fn line_list(indices: &[usize]) -> String {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &i in indices {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == i => *end = i,
            _ => ranges.push((i, i)),
        }
    }
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(s, e)| if s == e { format!("{}", s + 1) } else { format!("{}–{}", s + 1, e + 1) })
        .collect();
    let noun = if indices.len() == 1 { "line" } else { "lines" };
    format!("{noun} {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::dump::BoxDump;

    fn line(y: i64, text: &str) -> LineDump {
        LineDump { x: 0, y, measure: 10, start: 0, width: 10, text: text.into(), runs: vec![] }
    }

    fn page(lines: Vec<LineDump>) -> PageDump {
        PageDump {
            number: 1,
            boxes: vec![BoxDump { name: "lead".into(), fields: vec!["rect 0 0 1 1".into()], lines }],
            ..PageDump::default()
        }
    }

    #[test]
    fn identical_pages_have_no_changes() {
        let p = page(vec![line(0, "甲"), line(10, "乙")]);
        assert!(compare_pages(Some(&p), Some(&p)).is_empty());
    }

    #[test]
    fn text_and_moves_are_reported_per_box() {
        let a = page(vec![line(0, "甲"), line(10, "乙"), line(20, "丙")]);
        let b = page(vec![line(0, "甲"), line(10, "丁"), line(30, "丙"), line(40, "戊")]);
        let changes = compare_pages(Some(&a), Some(&b));
        let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::TextChanged, ChangeKind::LinesMoved, ChangeKind::LineCount]);
        assert!(changes.iter().all(|c| c.scope == Scope::Box("lead".into())));
        assert_eq!(changes[0].to_string(), "box `lead`: text changed in line 2; line 2: «乙» → «丁»");
    }

    #[test]
    fn line_lists_collapse_runs() {
        assert_eq!(line_list(&[2, 3, 4, 8]), "lines 3–5, 9");
        assert_eq!(line_list(&[0]), "line 1");
    }
}
