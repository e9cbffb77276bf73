//! What content streams paint: a small interpreter of the graphics state (q/Q, cm, gs, colour
//! operators, Tf/Tm) over each page's content and the forms it draws. Finds colours set in
//! spaces the standard forbids (rg/RG are DeviceRGB), black text of 12 pt and less that is
//! not solid K alone or does not overprint (GWG 2015 §2.3.12), and fills and strokes whose
//! CMYK total exceeds the ink limit. Failures are gathered per page, with the first example.

use std::collections::BTreeSet;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::resources::{page_resources, space_problem};
use super::{Findings, Rule, entry, name_text, number, object_id, resolve};
use crate::model::PdfX;

/// Text at or below this size (in points, as it lands on the page) must be K-only and overprint.
const SMALL_TEXT_PT: f64 = 12.0;
/// How close to 1 (or 0) a component must be to count as solid (or none).
const SOLID: f64 = 0.005;
/// Forms inside forms beyond this depth are not followed (guards against cycles).
const MAX_DEPTH: u32 = 12;

pub(super) fn check(doc: &Document, standard: PdfX, ink_limit: u16, found: &mut Findings) {
    let mut max_ink: f64 = 0.0;
    let mut small_black = 0usize;
    for (number, page) in doc.get_pages() {
        let bytes = doc.get_page_content(page).unwrap_or_default();
        let Ok(content) = Content::decode(&bytes) else {
            found.fail(Rule::ColourSpaces, Some(number), Some(page), "the page's content stream cannot be parsed");
            continue;
        };
        let mut walk = Walk { doc, standard, page: PageTally::default(), depth: 0, visited: BTreeSet::new() };
        let resources = page_resources(doc, page);
        walk.run(&content.operations, &resources, State::default());
        let tally = walk.page;
        max_ink = max_ink.max(tally.max_ink);
        small_black += tally.small_black;
        tally.report(number, page, ink_limit, found);
    }
    found.note(Rule::InkLimit, format!("fills and strokes up to {max_ink:.0}% (limit {ink_limit}%)"));
    found.note(Rule::BlackText, format!("{small_black} shows of black text at 12 pt or less"));
}

/// Colour as the content sets it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Colour {
    Gray(f64),
    Rgb,
    Cmyk([f64; 4]),
    /// A separation, DeviceN, pattern or anything else not measured here.
    Other,
}

/// The part of the graphics state the checks need.
#[derive(Debug, Clone)]
struct State {
    ctm: [f64; 6],
    text_matrix: [f64; 6],
    font_size: f64,
    fill: Colour,
    stroke: Colour,
    /// Whether the current fill colour space is DeviceCMYK (for sc/scn).
    fill_cmyk_space: bool,
    stroke_cmyk_space: bool,
    overprint_fill: bool,
    overprint_mode: i64,
}

impl Default for State {
    fn default() -> State {
        let identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        State {
            ctm: identity,
            text_matrix: identity,
            font_size: 0.0,
            fill: Colour::Gray(0.0),
            stroke: Colour::Gray(0.0),
            fill_cmyk_space: false,
            stroke_cmyk_space: false,
            overprint_fill: false,
            overprint_mode: 0,
        }
    }
}

/// What one page showed.
#[derive(Default)]
struct PageTally {
    max_ink: f64,
    small_black: usize,
    /// Small black text that is not K alone, and that does not overprint: count, first example.
    rich: (usize, Option<String>),
    knockout: (usize, Option<String>),
    /// Colour operators in forbidden spaces: count and the first.
    bad_space: (usize, Option<String>),
}

impl PageTally {
    fn report(self, number: u32, page: ObjectId, ink_limit: u16, found: &mut Findings) {
        let at = (Some(number), Some(page));
        if self.max_ink > f64::from(ink_limit) + 0.5 {
            let message = format!("a fill or stroke reaches {:.0}% total ink, over {ink_limit}%", self.max_ink);
            found.fail(Rule::InkLimit, at.0, at.1, message);
        }
        for ((count, first), rule, what) in [
            (self.rich, Rule::BlackText, "black text of 12 pt or less not in 100% K alone"),
            (self.knockout, Rule::BlackText, "black text of 12 pt or less that does not overprint"),
            (self.bad_space, Rule::ColourSpaces, "colours set in a forbidden colour space"),
        ] {
            if count > 0 {
                let message = format!("{count} × {what}; first: {}", first.unwrap_or_default());
                found.fail(rule, at.0, at.1, message);
            }
        }
    }
}

struct Walk<'a> {
    doc: &'a Document,
    standard: PdfX,
    page: PageTally,
    depth: u32,
    visited: BTreeSet<ObjectId>,
}

impl<'a> Walk<'a> {
    fn run(&mut self, operations: &[Operation], resources: &[&'a Dictionary], mut state: State) {
        let mut stack: Vec<State> = Vec::new();
        for op in operations {
            let nums: Vec<f64> = op.operands.iter().filter_map(number).collect();
            match op.operator.as_str() {
                "q" => stack.push(state.clone()),
                "Q" => state = stack.pop().unwrap_or_default(),
                "cm" if nums.len() == 6 => state.ctm = multiply(to6(&nums), state.ctm),
                "gs" => self.graphics_state(op, resources, &mut state),
                "g" => state.fill = Colour::Gray(first(&nums)),
                "G" => state.stroke = Colour::Gray(first(&nums)),
                "k" if nums.len() == 4 => state.fill = Colour::Cmyk(to4(&nums)),
                "K" if nums.len() == 4 => state.stroke = Colour::Cmyk(to4(&nums)),
                "rg" | "RG" => {
                    self.bad_space(format!("`{}` sets DeviceRGB", op.operator));
                    *if op.operator == "rg" { &mut state.fill } else { &mut state.stroke } = Colour::Rgb;
                }
                "cs" | "CS" => self.colour_space(op, resources, &mut state),
                "sc" | "scn" => state.fill = set_in(state.fill_cmyk_space, &nums),
                "SC" | "SCN" => state.stroke = set_in(state.stroke_cmyk_space, &nums),
                "f" | "F" | "f*" | "sh" => self.ink(state.fill),
                "S" | "s" => self.ink(state.stroke),
                "B" | "B*" | "b" | "b*" => {
                    self.ink(state.fill);
                    self.ink(state.stroke);
                }
                "BT" => state.text_matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                "Tf" => state.font_size = nums.last().copied().unwrap_or(0.0),
                "Tm" if nums.len() == 6 => state.text_matrix = to6(&nums),
                "Tj" | "TJ" | "'" | "\"" => self.text(&state),
                "Do" => self.form(op, resources, &state),
                _ => {}
            }
        }
    }

    fn ink(&mut self, colour: Colour) {
        if let Colour::Cmyk(cmyk) = colour {
            let total: f64 = cmyk.iter().map(|c| c.clamp(0.0, 1.0)).sum::<f64>() * 100.0;
            self.page.max_ink = self.page.max_ink.max(total);
        }
    }

    fn bad_space(&mut self, what: String) {
        self.page.bad_space.0 += 1;
        self.page.bad_space.1.get_or_insert(what);
    }

    fn text(&mut self, state: &State) {
        self.ink(state.fill);
        let m = multiply(state.text_matrix, state.ctm);
        let size = state.font_size.abs() * (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
        if size > SMALL_TEXT_PT + 0.01 || !is_black(state.fill) {
            return;
        }
        self.page.small_black += 1;
        let example = || format!("{size:.1} pt in {:?}", state.fill);
        let k_only = match state.fill {
            Colour::Cmyk([c, m, y, k]) => c < SOLID && m < SOLID && y < SOLID && k > 1.0 - SOLID,
            Colour::Gray(g) => g < SOLID,
            _ => false,
        };
        if !k_only {
            self.page.rich.0 += 1;
            self.page.rich.1.get_or_insert_with(example);
        } else if !state.overprint_fill || (matches!(state.fill, Colour::Cmyk(_)) && state.overprint_mode != 1) {
            self.page.knockout.0 += 1;
            self.page.knockout.1.get_or_insert_with(example);
        }
    }

    fn graphics_state(&mut self, op: &Operation, resources: &[&'a Dictionary], state: &mut State) {
        let Some(dict) = named(self.doc, resources, b"ExtGState", op).and_then(|o| o.as_dict().ok()) else { return };
        let flag = |key: &[u8]| entry(self.doc, dict, key).and_then(|v| v.as_bool().ok());
        // /op defaults to /OP when absent (PDF 1.4 §4.3.4).
        if let Some(fill) = flag(b"op").or_else(|| flag(b"OP")) {
            state.overprint_fill = fill;
        }
        if let Some(mode) = entry(self.doc, dict, b"OPM").and_then(|m| m.as_i64().ok()) {
            state.overprint_mode = mode;
        }
    }

    fn colour_space(&mut self, op: &Operation, resources: &[&'a Dictionary], state: &mut State) {
        let Some(name) = op.operands.first().and_then(|n| n.as_name().ok()) else { return };
        let space = match name {
            b"DeviceRGB" | b"DeviceCMYK" | b"DeviceGray" | b"Pattern" => Object::Name(name.to_vec()),
            _ => named(self.doc, resources, b"ColorSpace", op).cloned().unwrap_or(Object::Null),
        };
        if let Some(problem) = space_problem(self.doc, &space, self.standard) {
            self.bad_space(format!("`/{} {}` selects {problem}", name_text(name), op.operator));
        }
        let cmyk = resolve(self.doc, &space).as_name().ok() == Some(b"DeviceCMYK");
        let initial = if cmyk { Colour::Cmyk([0.0, 0.0, 0.0, 1.0]) } else { Colour::Other };
        if op.operator == "cs" {
            (state.fill_cmyk_space, state.fill) = (cmyk, initial);
        } else {
            (state.stroke_cmyk_space, state.stroke) = (cmyk, initial);
        }
    }

    /// Follows `Do` into a form XObject, with its matrix and resources.
    fn form(&mut self, op: &Operation, resources: &[&'a Dictionary], state: &State) {
        let Some(name) = op.operands.first() else { return };
        let Some(reference) = resources.iter().find_map(|r| {
            let xobjects = entry(self.doc, r, b"XObject")?.as_dict().ok()?;
            xobjects.get(name.as_name().ok()?).ok()
        }) else {
            return;
        };
        let Ok(stream) = resolve(self.doc, reference).as_stream() else { return };
        let id = object_id(reference);
        if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form")
            || self.depth >= MAX_DEPTH
            || id.is_some_and(|id| self.visited.contains(&id))
        {
            return;
        }
        let Ok(content) = Content::decode(&stream.decompressed_content().unwrap_or_else(|_| stream.content.clone()))
        else {
            return;
        };
        let mut inner = state.clone();
        if let Some(matrix) = entry(self.doc, &stream.dict, b"Matrix").and_then(|m| m.as_array().ok()) {
            let m: Vec<f64> = matrix.iter().filter_map(number).collect();
            if m.len() == 6 {
                inner.ctm = multiply(to6(&m), inner.ctm);
            }
        }
        let own = entry(self.doc, &stream.dict, b"Resources").and_then(|r| r.as_dict().ok());
        let form_resources: Vec<&'a Dictionary> = own.into_iter().chain(resources.iter().copied()).collect();
        id.map(|id| self.visited.insert(id));
        self.depth += 1;
        self.run(&content.operations, &form_resources, inner);
        self.depth -= 1;
        id.map(|id| self.visited.remove(&id));
    }
}

/// The resource `category` entry named by the operation's first operand.
fn named<'a>(doc: &'a Document, resources: &[&'a Dictionary], category: &[u8], op: &Operation) -> Option<&'a Object> {
    let name = op.operands.first()?.as_name().ok()?;
    resources.iter().find_map(|r| entry(doc, entry(doc, r, category)?.as_dict().ok()?, name))
}

fn is_black(colour: Colour) -> bool {
    match colour {
        Colour::Gray(g) => g < 0.05,
        Colour::Cmyk([_, _, _, k]) => k > 0.95,
        Colour::Rgb | Colour::Other => false,
    }
}

fn set_in(cmyk_space: bool, nums: &[f64]) -> Colour {
    if cmyk_space && nums.len() == 4 { Colour::Cmyk(to4(nums)) } else { Colour::Other }
}

fn first(nums: &[f64]) -> f64 {
    nums.first().copied().unwrap_or(0.0)
}

fn to4(n: &[f64]) -> [f64; 4] {
    [n[0], n[1], n[2], n[3]]
}

fn to6(n: &[f64]) -> [f64; 6] {
    [n[0], n[1], n[2], n[3], n[4], n[5]]
}

/// `a × b` for PDF matrices [a b c d e f] (PDF 1.4 §4.2.3).
fn multiply(a: [f64; 6], b: [f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}
