//! The top of a box: the headline group (series flag, kicker, headline, subhead) across the
//! box, or a photo with its title and caption; on a continuation, the jump headline. Each takes
//! whole grid lines (R17) so the body below stays on the grid.

use crate::linebreak::{Align, Breaker, Line, ParagraphStyle};
use crate::model::{BoxGeometry, PageGeometry};
use crate::units::{Abs, Point, Rect};

use super::texts::{SetText, StoryTexts, TextRef};
use super::{PartLayout, PlacedLine, PlacedPhoto};

/// Breaks a whole text at one measure.
pub fn break_all(text: &SetText, style: ParagraphStyle, measure: Abs) -> Vec<Line> {
    let mut breaker = Breaker::new(&text.items, &text.shaped, style);
    std::iter::from_fn(|| breaker.next_line(measure)).collect()
}

/// Breaks a headline into balanced lines: as many lines as a full measure needs, but each as
/// short as still gives that count, so no line is left with a character or two.
pub fn break_balanced(text: &SetText, align: Align, measure: Abs) -> Vec<Line> {
    let style = ParagraphStyle { indent: Abs::ZERO, align };
    let lines = break_all(text, style, measure);
    if lines.len() < 2 {
        return lines;
    }
    let (mut low, mut high) = (measure / i64::try_from(lines.len()).unwrap_or(1), measure);
    while high - low > Abs::pt(1) {
        let mid = (low + high) / 2;
        let trial = break_all(text, style, mid);
        if trial.len() <= lines.len() && trial.iter().all(|l| l.overfull == Abs::ZERO) {
            high = mid;
        } else {
            low = mid;
        }
    }
    let balanced = break_all(text, style, high);
    // Set at the found width, centred in the full measure.
    let shift = (measure - high) / 2;
    balanced.into_iter().map(|line| shift_line(line, shift, measure)).collect()
}

fn shift_line(mut line: Line, by: Abs, measure: Abs) -> Line {
    for glyph in &mut line.glyphs {
        glyph.x += by;
    }
    line.start += by;
    line.measure = measure;
    line
}

/// The em of a text: its largest glyph size.
fn em_of(text: &SetText) -> Abs {
    text.shaped.glyphs.iter().map(|g| g.size).max().unwrap_or(Abs::ZERO)
}

/// Places the first box's top; returns the first grid row (from the box's top) left for the body.
pub fn place_head(
    texts: &StoryTexts,
    page: &PageGeometry,
    frame: &BoxGeometry,
    start_row: u32,
    layout: &mut PartLayout,
) -> u32 {
    let mut row = start_row;
    if let Some(photo_rows) = photo_rows(texts, page, frame, start_row) {
        layout.photo = Some(photo_rect(texts, page, frame, start_row, photo_rows));
        row = start_row + photo_rows;
        row = stack(texts, &heads(texts), page, frame, row, layout);
        let captions: Vec<(TextRef, Align)> = [(TextRef::Caption, Align::Justify), (TextRef::PhotoCredit, Align::End)]
            .into_iter()
            .filter(|(r, _)| texts.get(*r).is_some())
            .collect();
        for (at, align) in captions {
            for line in break_all(
                texts.get(at).expect("filtered"),
                ParagraphStyle { indent: Abs::ZERO, align },
                frame.rect.width,
            ) {
                place_on_row(&mut layout.lines, at, line, page, frame, frame.rect.x, row);
                row += 1;
            }
        }
        return row;
    }
    let gap_row = u32::from(!texts.head.is_empty());
    stack(texts, &heads(texts), page, frame, row, layout) + gap_row
}

/// The continuation's headline across its box, then a blank line.
pub fn place_jump_headline(
    texts: &StoryTexts,
    part: usize,
    page: &PageGeometry,
    frame: &BoxGeometry,
    layout: &mut PartLayout,
) -> u32 {
    let at = TextRef::JumpHeadline(part);
    if texts.get(at).is_none() {
        return 0;
    }
    stack(texts, &[(at, Align::Center)], page, frame, 0, layout) + 1
}

fn heads(texts: &StoryTexts) -> Vec<(TextRef, Align)> {
    (0..texts.head.len()).map(|i| (TextRef::Head(i), Align::Center)).collect()
}

/// Sets texts one under another across the box, starting at `row`, in as many whole grid
/// rows as they need, centred in them. Returns the row after them.
fn stack(
    texts: &StoryTexts,
    blocks: &[(TextRef, Align)],
    page: &PageGeometry,
    frame: &BoxGeometry,
    row: u32,
    layout: &mut PartLayout,
) -> u32 {
    let width = head_width(frame);
    let mut placed: Vec<(TextRef, Line, Abs)> = Vec::new();
    let mut height = Abs::ZERO;
    for &(at, align) in blocks {
        let text = texts.get(at).expect("caller checked");
        let em = em_of(text);
        for line in break_balanced(text, align, width) {
            // Leading 1.25 em inside the group; the first line takes its em box only.
            let advance = if placed.is_empty() { em } else { em.scale(125, 100) };
            height += advance;
            placed.push((at, line, height - em.scale(12, 100)));
        }
    }
    if placed.is_empty() {
        return row;
    }
    let rows =
        ((height + page.line_pitch - page.body_size).0 + page.line_pitch.0 - 1).div_euclid(page.line_pitch.0) as u32;
    let rows = rows.max(1);
    let top = page.line_top(frame.first_line + row);
    let room = page.line_pitch * i64::from(rows) - (page.line_pitch - page.body_size);
    let shift = (room - height) / 2;
    for (at, line, baseline) in placed {
        let origin = Point::new(frame.rect.x, top + shift + baseline);
        layout.lines.push(PlacedLine { text: at, line, origin, on_grid: false });
    }
    row + rows
}

/// How wide the headline group runs: across the box, or across its first body columns when
/// the box says so (a heading spanning some columns, jlreq's column-spanning heading).
fn head_width(frame: &BoxGeometry) -> Abs {
    match frame.headline_columns {
        Some(k) if k < frame.columns.len() => {
            frame.columns[k] - frame.rect.x - (frame.columns[1] - frame.columns[0] - frame.column_width)
        }
        _ => frame.rect.width,
    }
}

/// Places a line on grid row `row` of the box, at `x`.
pub fn place_on_row(
    lines: &mut Vec<PlacedLine>,
    at: TextRef,
    line: Line,
    page: &PageGeometry,
    frame: &BoxGeometry,
    x: Abs,
    row: u32,
) {
    let baseline = page.line_top(frame.first_line + row) + page.baseline_offset(page.body_size);
    lines.push(PlacedLine { text: at, line, origin: Point::new(x, baseline), on_grid: true });
}

/// How many grid rows the photo takes: its height at the box's width, but leaving room for
/// its title and caption below.
fn photo_rows(texts: &StoryTexts, page: &PageGeometry, frame: &BoxGeometry, start_row: u32) -> Option<u32> {
    let raster = texts.photo.as_ref()?;
    let natural = frame.rect.width.scale(i64::from(raster.height), i64::from(raster.width));
    let caption_rows: u32 = [TextRef::Caption, TextRef::PhotoCredit]
        .into_iter()
        .filter_map(|at| texts.get(at))
        .map(|t| {
            break_all(t, ParagraphStyle { indent: Abs::ZERO, align: Align::Justify }, frame.rect.width).len() as u32
        })
        .sum();
    let title_rows = if texts.head.is_empty() { 0 } else { 3 };
    let fit = ((natural + page.line_pitch - page.body_size).0 / page.line_pitch.0) as u32;
    Some(fit.min(frame.lines.saturating_sub(start_row + caption_rows + title_rows)).max(1))
}

/// The photo scaled to cover its rows across the box, centred, cropped to them.
fn photo_rect(texts: &StoryTexts, page: &PageGeometry, frame: &BoxGeometry, start_row: u32, rows: u32) -> PlacedPhoto {
    let raster = texts.photo.as_ref().expect("checked by photo_rows");
    let clip = Rect::new(
        frame.rect.x,
        page.line_top(frame.first_line + start_row),
        frame.rect.width,
        page.line_pitch * i64::from(rows) - (page.line_pitch - page.body_size),
    );
    let (w, h) = (i64::from(raster.width), i64::from(raster.height));
    // Cover (crop): the larger of the two scales; fit: the smaller, the whole image shown and
    // centred. The scales are compared by cross-multiplying.
    let wider = clip.width.0 as i128 * h as i128 >= clip.height.0 as i128 * w as i128;
    let rect = if wider == frame.photo_crop {
        let height = clip.width.scale(h, w);
        Rect::new(clip.x, clip.y - (height - clip.height) / 2, clip.width, height)
    } else {
        let width = clip.height.scale(w, h);
        Rect::new(clip.x - (width - clip.width) / 2, clip.y, width, clip.height)
    };
    let clip = if frame.photo_crop { clip } else { rect };
    PlacedPhoto { rect, clip }
}

/// A 竖题: the headline group set top to bottom at the box's right edge, one column per line,
/// read right to left (kicker, headline, subhead), each centred on the box's height. Returns
/// the characters of width it takes, a gutter included, for the body to keep clear of.
pub fn place_vertical_head(
    texts: &StoryTexts,
    page: &PageGeometry,
    frame: &BoxGeometry,
    layout: &mut PartLayout,
) -> i64 {
    let mut right = frame.rect.right();
    for (at, _) in heads(texts) {
        let text = texts.get(at).expect("listed");
        let em = em_of(text);
        let column = em.scale(125, 100);
        for line in break_balanced(text, Align::Center, frame.rect.height) {
            right -= column;
            let origin = Point::new(right, frame.rect.y + page.baseline_offset(em));
            layout.lines.push(PlacedLine { text: at, line: upright(line, text, column), origin, on_grid: false });
        }
    }
    let taken = frame.rect.right() - right;
    (taken.0 + page.body_size.0 - 1) / page.body_size.0 + 1
}

/// Turns a line set along the x axis into a column: each glyph's position along the line
/// becomes its drop from the top, and it is centred across the column. Two or three digits
/// in a row stand side by side in one em of the column (縦中横 / tate-chu-yoko, R22).
fn upright(mut line: Line, text: &SetText, column: Abs) -> Line {
    let is_digit = |index: usize| {
        let glyph = &text.shaped.glyphs[index];
        text.text.get(glyph.cluster.clone()).is_some_and(|c| c.len() == 1 && c.as_bytes()[0].is_ascii_digit())
    };
    let mut shift = Abs::ZERO;
    let mut i = 0;
    while i < line.glyphs.len() {
        let run = line.glyphs[i..].iter().take_while(|g| is_digit(g.index)).count();
        if (2..=3).contains(&run) && (i == 0 || !is_digit(line.glyphs[i - 1].index)) {
            let em = text.shaped.glyphs[line.glyphs[i].index].size;
            let advances: Vec<Abs> =
                line.glyphs[i..i + run].iter().map(|g| text.shaped.glyphs[g.index].advance).collect();
            let width: Abs = advances.iter().copied().sum();
            let along = line.glyphs[i].x + shift;
            let next_along = line.glyphs.get(i + run).map_or(along + width, |g| g.x + shift);
            let mut x = (column - width) / 2;
            for (glyph, advance) in line.glyphs[i..i + run].iter_mut().zip(advances) {
                glyph.y = along;
                glyph.x = x;
                x += advance;
            }
            shift += along + em - next_along;
            i += run;
            continue;
        }
        let glyph = &mut line.glyphs[i];
        let advance = text.shaped.glyphs[glyph.index].advance;
        glyph.y = glyph.x + shift;
        glyph.x = (column - advance) / 2;
        i += 1;
    }
    line
}
