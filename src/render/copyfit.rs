//! The copyfit report: for every box of every page, how much it holds and how much it was
//! given — lines and characters, used against capacity, with overset and underset — read off
//! the laid-out frames. As JSON for tools, as a table for people.

use serde::Serialize;

use crate::frame::{BoxInfo, Document, GridInfo, LineInfo, Page};
use crate::units::Abs;

/// The report for a whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyfitReport {
    pub boxes: Vec<BoxFit>,
}

/// How one box is filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoxFit {
    pub page: u32,
    #[serde(rename = "box")]
    pub name: String,
    pub story: Option<String>,
    pub columns: usize,
    /// Grid lines in all columns together.
    pub lines_capacity: u32,
    /// Grid lines taken, headline group included.
    pub lines_used: u32,
    /// Body-size characters the box holds.
    pub chars_capacity: u32,
    pub chars_used: u32,
    /// Of the story whose last box this is: what fitted nowhere.
    pub overset_chars: u32,
    pub overset_lines: u32,
    /// Lines left empty.
    pub underset_lines: u32,
}

/// Reads the report off a laid-out document.
pub fn copyfit(document: &Document) -> CopyfitReport {
    let boxes = document
        .pages
        .iter()
        .flat_map(|page| page.layout.boxes.iter().enumerate().map(move |(i, b)| box_fit(page, i, b)))
        .collect();
    CopyfitReport { boxes }
}

fn box_fit(page: &Page, index: usize, info: &BoxInfo) -> BoxFit {
    let grid = &page.layout.grid;
    let lines: Vec<&LineInfo> = page.layout.lines.iter().filter(|l| l.box_index == Some(index)).collect();
    let rows = rows_in(info.rect.height, grid);
    let lines_capacity = rows * info.columns.len() as u32;
    let lines_used: u32 =
        info.columns.iter().map(|column| rows_used(column.x, column.right(), info, &lines, grid)).sum();
    let per_line = info.columns.first().map_or(0, |c| (c.width.0 / grid.body_size.0.max(1)) as u32);
    let chars_used = lines.iter().map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count() as u32).sum();
    let (overset_chars, overset_lines) = info.overset.map_or((0, 0), |(c, l)| (c as u32, l as u32));
    let ended_here =
        info.story.is_some() && !lines.iter().any(|l| l.text.contains("下转") || l.text.contains("Continued on"));
    BoxFit {
        page: page.number,
        name: info.name.clone(),
        story: info.story.clone(),
        columns: info.columns.len(),
        lines_capacity,
        lines_used,
        chars_capacity: lines_capacity * per_line,
        chars_used,
        overset_chars,
        overset_lines,
        underset_lines: if ended_here && overset_chars == 0 { lines_capacity.saturating_sub(lines_used) } else { 0 },
    }
}

/// Whole grid lines in a height (the last line needs only its em box).
fn rows_in(height: Abs, grid: &GridInfo) -> u32 {
    ((height - grid.body_size + grid.line_pitch).0 / grid.line_pitch.0.max(1)).max(0) as u32
}

/// Grid lines of one column down to the lowest line set in it (headlines spanning it count).
fn rows_used(x0: Abs, x1: Abs, info: &BoxInfo, lines: &[&LineInfo], grid: &GridInfo) -> u32 {
    let inside = |l: &&&LineInfo| l.origin.x < x1 && l.origin.x + l.measure > x0;
    let Some(lowest) = lines.iter().filter(inside).map(|l| l.origin.y).max() else { return 0 };
    let below_top = lowest - info.rect.y + grid.body_size - grid.baseline_offset;
    rows_in(below_top, grid).min(rows_in(info.rect.height, grid))
}

impl CopyfitReport {
    /// A table for people: one line per box that holds a story.
    pub fn table(&self) -> String {
        let mut out =
            String::from("page box          story               lines used/cap   chars used/cap   overset  underset\n");
        for b in self.boxes.iter().filter(|b| b.story.is_some()) {
            out.push_str(&format!(
                "{:>4} {:<12} {:<19} {:>5}/{:<5}      {:>5}/{:<5}     {:>7}  {:>8}\n",
                b.page,
                b.name,
                b.story.as_deref().unwrap_or(""),
                b.lines_used,
                b.lines_capacity,
                b.chars_used,
                b.chars_capacity,
                if b.overset_chars > 0 { format!("{}c/{}l", b.overset_chars, b.overset_lines) } else { "-".into() },
                if b.underset_lines > 0 { format!("{}l", b.underset_lines) } else { "-".into() },
            ));
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serializes")
    }
}
