//! From a placed line to glyph runs: consecutive glyphs of one face and size make a run, and
//! each glyph keeps the characters it stands for (the first glyph of a cluster carries them).

use crate::flow::{PlacedLine, SetText};
use crate::frame::{Color, Glyph, TextRun};

/// The runs that draw one line.
pub fn line_runs(placed: &PlacedLine, text: &SetText, line: Option<usize>) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let glyphs = &text.shaped.glyphs;
    for (i, lg) in placed.line.glyphs.iter().enumerate() {
        let g = &glyphs[lg.index];
        match groups.last_mut() {
            Some(group)
                if {
                    let first = &glyphs[placed.line.glyphs[group[0]].index];
                    first.font == g.font && first.size == g.size
                } =>
            {
                group.push(i)
            }
            _ => groups.push(vec![i]),
        }
    }
    for group in groups {
        let members: Vec<_> = group.iter().map(|&i| placed.line.glyphs[i]).collect();
        let start = members.iter().map(|m| glyphs[m.index].cluster.start).min().unwrap_or(0);
        let end = members.iter().map(|m| glyphs[m.index].cluster.end).max().unwrap_or(start);
        let first = &glyphs[members[0].index];
        let mut seen_cluster = usize::MAX;
        let run_glyphs = members
            .iter()
            .map(|m| {
                let g = &glyphs[m.index];
                let first_of_cluster = g.cluster.start != seen_cluster;
                seen_cluster = g.cluster.start;
                let range = if first_of_cluster { g.cluster.start - start..g.cluster.end - start } else { 0..0 };
                Glyph { id: g.id, x: m.x, y: m.y, text: range }
            })
            .collect();
        runs.push(TextRun {
            font: first.font,
            size: first.size,
            color: Color::BLACK,
            origin: placed.origin,
            line,
            text: text.text[start..end].to_string(),
            glyphs: run_glyphs,
        });
    }
    runs
}
