//! Page geometry: turns a template's grid (clreq R15: characters per column, lines, pitch) into
//! rectangles in layout units: the sheet, trim and bleed, the type area, each box and its body
//! columns. Grid lines and columns count from 0 here.

use std::collections::BTreeMap;

use crate::fonts::Role;
use crate::units::{Abs, Rect, Size};

use super::template::{BoxKind, BoxSpec, PhotoFit, SubheadAlign, Template};

/// A page template resolved to layout units.
#[derive(Debug, Clone, PartialEq)]
pub struct PageGeometry {
    pub media: Size,
    pub trim: Rect,
    pub bleed: Rect,
    pub type_area: Rect,
    pub body_size: Abs,
    pub line_pitch: Abs,
    /// Grid lines in the type area.
    pub lines: u32,
    /// The masthead's area at the top of the type area, if the template has one.
    pub masthead: Option<Rect>,
    /// The folio's baseline, if the template has one.
    pub folio_baseline: Option<Abs>,
    /// Type sizes by role for the page's own furniture (masthead, folio).
    pub sizes: BTreeMap<Role, Abs>,
    pub boxes: Vec<BoxGeometry>,
}

/// A box on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxGeometry {
    pub name: String,
    pub kind: BoxKind,
    /// Where its content goes (inside any padding).
    pub rect: Rect,
    /// The box as placed on the grid, padding included: where a frame is drawn.
    pub outer: Rect,
    /// The weight of the frame round the box, if it has one.
    pub frame: Option<Abs>,
    /// First grid line of the box, from the top of the type area.
    pub first_line: u32,
    pub lines: u32,
    /// Left edges and the width of the body columns, relative to the page.
    pub columns: Vec<Abs>,
    pub column_width: Abs,
    pub sizes: BTreeMap<Role, Abs>,
    pub rule_below: bool,
    pub column_rules: bool,
    /// Fit mode for the headline: at most this many lines, at no less than this size.
    pub headline_fit: Option<(u32, Abs)>,
    /// Spread a short story's paragraphs down to the box's bottom.
    pub spread: bool,
    /// The headline group is set vertically at the right edge (竖题).
    pub vertical_headline: bool,
    /// The headline group spans the first this-many body columns only.
    pub headline_columns: Option<usize>,
    /// A photo fills its rows and is trimmed (true), or is shown whole.
    pub photo_crop: bool,
    /// How section subheads are aligned.
    pub subheads: SubheadAlign,
}

impl PageGeometry {
    /// The top of grid line `line` (the top of its em box).
    pub fn line_top(&self, line: u32) -> Abs {
        self.type_area.y + self.line_pitch * i64::from(line)
    }

    /// Where a body-size line's baseline sits below the top of its em box: 0.88 em, the
    /// ideographic em box of CJK fonts (its bottom is 0.12 em below the baseline).
    pub fn baseline_offset(&self, size: Abs) -> Abs {
        size.scale(88, 100)
    }

    /// The box narrowed from the right by `chars` characters, its body columns shared out
    /// again in whole characters: what is left beside a vertical headline.
    pub fn narrowed(&self, frame: &BoxGeometry, chars: i64) -> BoxGeometry {
        let body = self.body_size;
        let count = frame.columns.len().max(1) as i64;
        let gutter = frame.columns.get(1).map_or(body, |second| *second - frame.columns[0] - frame.column_width);
        let total = frame.rect.width.0 / body.0 - chars;
        let gutter_chars = gutter.0 / body.0;
        let column_chars = ((total - gutter_chars * (count - 1)) / count).max(1);
        let columns = (0..count).map(|i| frame.rect.x + (body * column_chars + gutter) * i).collect();
        let width = body * (column_chars * count) + gutter * (count - 1);
        BoxGeometry { rect: Rect { width, ..frame.rect }, columns, column_width: body * column_chars, ..frame.clone() }
    }

    pub fn box_named(&self, name: &str) -> Option<usize> {
        self.boxes.iter().position(|b| b.name == name)
    }
}

/// The largest grid a template may have.
const MAX_GRID_COLUMNS: u32 = 64;
const MAX_COLUMN_CHARS: u32 = 200;
const MAX_GRID_LINES: u32 = 2000;

/// Resolves a template. Errors are sentences about the template's numbers.
pub fn resolve(template: &Template, role_sizes: &BTreeMap<Role, Abs>) -> Result<PageGeometry, String> {
    let grid = &template.grid;
    let body = grid.body_size.0;
    let pitch = grid.line_pitch.0;
    if grid.columns == 0 || grid.column_chars == 0 || grid.lines == 0 {
        return Err("the grid needs at least one column, one character per column and one line".into());
    }
    // Bounds no real page comes near; they keep the arithmetic below from overflowing and a
    // typo such as `lines = 10400` from setting a sheet kilometres tall.
    if grid.columns > MAX_GRID_COLUMNS || grid.column_chars > MAX_COLUMN_CHARS || grid.gutter_chars > MAX_COLUMN_CHARS {
        return Err(format!(
            "the grid is too wide: at most {MAX_GRID_COLUMNS} columns of at most {MAX_COLUMN_CHARS} characters"
        ));
    }
    if grid.lines > MAX_GRID_LINES {
        return Err(format!("the grid has {} lines; a page has at most {MAX_GRID_LINES}", grid.lines));
    }
    if body < Abs::pt(1) {
        return Err("body_size must be at least 1pt".into());
    }
    if pitch < body {
        return Err(format!("line_pitch {pitch} is less than the body size {body}: lines would overlap"));
    }
    let chars = i64::from(grid.columns * grid.column_chars + (grid.columns - 1) * grid.gutter_chars);
    let trim_size = Size { width: template.page.width.0, height: template.page.height.0 };
    let bleed = template.page.bleed.0;
    let trim = Rect::new(bleed, bleed, trim_size.width, trim_size.height);
    let width = body * chars;
    let height = pitch * i64::from(grid.lines - 1) + body;
    let type_area = Rect::new(trim.x + (trim.width - width) / 2, trim.y + grid.top.0, width, height);
    if type_area.x < trim.x || type_area.bottom() > trim.bottom() {
        return Err(format!(
            "the type area ({} × {}) does not fit on the {} × {} page",
            width, height, trim.width, trim.height
        ));
    }
    let mut page = PageGeometry {
        media: Size { width: trim.width + bleed * 2, height: trim.height + bleed * 2 },
        trim,
        bleed: trim.outset(bleed),
        type_area,
        body_size: body,
        line_pitch: pitch,
        lines: grid.lines,
        masthead: None,
        folio_baseline: template.folio.as_ref().map(|f| type_area.y - f.above.0),
        sizes: role_sizes.clone(),
        boxes: Vec::new(),
    };
    if let Some(masthead) = &template.masthead {
        let bottom = page.line_top(masthead.lines.min(grid.lines));
        page.masthead = Some(Rect::new(type_area.x, type_area.y, width, bottom - type_area.y - (pitch - body)));
    }
    for spec in &template.boxes {
        let geometry = resolve_box(&page, template, spec, role_sizes)?;
        page.boxes.push(geometry);
    }
    Ok(page)
}

fn resolve_box(
    page: &PageGeometry,
    template: &Template,
    spec: &BoxSpec,
    role_sizes: &BTreeMap<Role, Abs>,
) -> Result<BoxGeometry, String> {
    let grid = &template.grid;
    let name = spec.name.get_ref();
    if spec.column == 0 || spec.line == 0 || spec.span == 0 || spec.lines == 0 {
        return Err(format!("box `{name}`: column, line, span and lines count from 1"));
    }
    let off_grid = |first: u32, count: u32, total: u32| u64::from(first) - 1 + u64::from(count) > u64::from(total);
    if off_grid(spec.column, spec.span, grid.columns) || off_grid(spec.line, spec.lines, grid.lines) {
        return Err(format!(
            "box `{name}` runs off the grid: the grid has {} columns and {} lines",
            grid.columns, grid.lines
        ));
    }
    let body = page.body_size;
    let column_step = body * i64::from(grid.column_chars + grid.gutter_chars);
    let outer_x = page.type_area.x + column_step * i64::from(spec.column - 1);
    let span_chars = spec.span * grid.column_chars + (spec.span - 1) * grid.gutter_chars;
    let outer = Rect::new(
        outer_x,
        page.line_top(spec.line - 1),
        body * i64::from(span_chars),
        page.line_pitch * i64::from(spec.lines - 1) + body,
    );
    // Padding insets the content by whole characters and whole lines, keeping it on the grid.
    let pad = spec.padding;
    if 2 * pad >= span_chars || 2 * pad >= spec.lines {
        return Err(format!("box `{name}`: padding {pad} leaves no room inside it"));
    }
    let x = outer_x + body * i64::from(pad);
    let width = body * i64::from(span_chars - 2 * pad);
    let first_line = spec.line - 1 + pad;
    let lines = spec.lines - 2 * pad;
    let y = page.line_top(first_line);
    let height = page.line_pitch * i64::from(lines - 1) + body;
    let count = spec.columns.unwrap_or(spec.span).max(1);
    if count > spec.span * grid.column_chars {
        return Err(format!("box `{name}` has {count} columns: more than it has characters across"));
    }
    let gutter = body * i64::from(grid.gutter_chars);
    let column_width = (width - gutter * i64::from(count - 1)) / i64::from(count);
    let columns = (0..count).map(|i| x + (column_width + gutter) * i64::from(i)).collect();
    let mut sizes = role_sizes.clone();
    sizes.extend(super::load::role_size_table(&spec.sizes).map_err(|(e, _)| format!("box `{name}`: {e}"))?);
    Ok(BoxGeometry {
        name: name.clone(),
        kind: spec.kind,
        rect: Rect::new(x, y, width, height),
        outer,
        frame: spec.frame.map(|f| f.0),
        first_line,
        lines,
        columns,
        column_width,
        sizes,
        rule_below: spec.rule_below,
        column_rules: spec.column_rules,
        headline_fit: spec.headline_lines.map(|lines| (lines.max(1), spec.headline_min.map_or(body, |m| m.0))),
        spread: spec.valign == super::template::VAlign::Spread,
        vertical_headline: spec.vertical_headline,
        headline_columns: spec.headline_columns.map(|k| k.max(1) as usize),
        photo_crop: spec.photo == PhotoFit::Crop,
        subheads: spec.subheads,
    })
}
