//! What page resources declare: colour spaces (named ones, images', shadings'), and the
//! transparency machinery PDF/X-1a forbids (ISO 15930-4 §6.2.3, §6.3.4): soft masks, constant
//! alpha below 1, blend modes other than Normal, transparency groups. Also the ink of CMYK
//! images whose samples can be read (8 bits per component, not DCT).

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::{Findings, Rule, entry, name_text, number, object_id, resolve};
use crate::model::PdfX;

/// The resource dictionaries of a page (inherited through the page tree when the page has none).
pub(crate) fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    match doc.get_page_resources(page) {
        Ok((own, inherited)) => {
            own.into_iter().chain(inherited.into_iter().filter_map(|id| doc.get_dictionary(id).ok())).collect()
        }
        Err(_) => Vec::new(),
    }
}

/// The resources of the form XObjects `resources` names, each form once.
pub(crate) fn xobject_resources<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
    visited: &mut BTreeSet<ObjectId>,
) -> Vec<&'a Dictionary> {
    let Some(Object::Dictionary(xobjects)) = entry(doc, resources, b"XObject") else { return Vec::new() };
    xobjects
        .iter()
        .filter(|(_, o)| object_id(o).is_none_or(|id| visited.insert(id)))
        .filter_map(|(_, o)| resolve(doc, o).as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Form"))
        .filter_map(|s| entry(doc, &s.dict, b"Resources").and_then(|r| r.as_dict().ok()))
        .collect()
}

pub(super) fn check(doc: &Document, standard: PdfX, ink_limit: u16, found: &mut Findings) {
    let mut max_image_ink: Option<f64> = None;
    for (number, page) in doc.get_pages() {
        if let Ok(dict) = doc.get_dictionary(page) {
            group(doc, dict, number, Some(page), standard, found);
        }
        let mut stack = page_resources(doc, page);
        let mut visited = BTreeSet::new();
        while let Some(resources) = stack.pop() {
            stack.extend(xobject_resources(doc, resources, &mut visited));
            let mut check = Check { doc, standard, ink_limit, page: number, found: &mut *found };
            check.colour_spaces(resources);
            check.states(resources);
            let images = check.xobjects(resources);
            max_image_ink = max_image_ink.into_iter().chain(images).reduce(f64::max);
        }
    }
    if let Some(ink) = max_image_ink {
        found.note(Rule::InkLimit, format!("CMYK images up to {ink:.0}%"));
    }
    if standard == PdfX::X4 {
        found.note(Rule::Transparency, "transparency is allowed in PDF/X-4");
    }
}

struct Check<'a, 'f> {
    doc: &'a Document,
    standard: PdfX,
    ink_limit: u16,
    page: u32,
    found: &'f mut Findings,
}

impl Check<'_, '_> {
    fn colour_spaces(&mut self, resources: &Dictionary) {
        let Some(Object::Dictionary(spaces)) = entry(self.doc, resources, b"ColorSpace") else { return };
        for (name, space) in spaces.iter() {
            if let Some(problem) = space_problem(self.doc, space, self.standard) {
                let message = format!("colour space /{} is {problem}", name_text(name));
                self.found.fail(Rule::ColourSpaces, Some(self.page), object_id(space), message);
            }
        }
        let Some(Object::Dictionary(shadings)) = entry(self.doc, resources, b"Shading") else { return };
        for (name, shading) in shadings.iter() {
            let dict = match resolve(self.doc, shading) {
                Object::Dictionary(d) => Some(d),
                Object::Stream(s) => Some(&s.dict),
                _ => None,
            };
            if let Some(problem) =
                dict.and_then(|d| d.get(b"ColorSpace").ok()).and_then(|cs| space_problem(self.doc, cs, self.standard))
            {
                let message = format!("shading /{} paints in {problem}", name_text(name));
                self.found.fail(Rule::ColourSpaces, Some(self.page), object_id(shading), message);
            }
        }
    }

    /// Graphics states: soft masks, alpha, blend modes (X-1a only).
    fn states(&mut self, resources: &Dictionary) {
        if self.standard != PdfX::X1a {
            return;
        }
        let Some(Object::Dictionary(states)) = entry(self.doc, resources, b"ExtGState") else { return };
        for (name, state) in states.iter() {
            let Ok(dict) = resolve(self.doc, state).as_dict() else { continue };
            let id = object_id(state);
            let name = name_text(name);
            if entry(self.doc, dict, b"SMask").is_some_and(|m| m.as_name().ok() != Some(b"None")) {
                self.found.fail(
                    Rule::Transparency,
                    Some(self.page),
                    id,
                    format!("graphics state /{name} has a soft mask"),
                );
            }
            for key in [&b"CA"[..], b"ca"] {
                if let Some(alpha) = entry(self.doc, dict, key).and_then(number).filter(|a| *a < 1.0) {
                    let message = format!("graphics state /{name} sets /{} {alpha}", name_text(key));
                    self.found.fail(Rule::Transparency, Some(self.page), id, message);
                }
            }
            if let Some(mode) =
                entry(self.doc, dict, b"BM").and_then(blend_mode).filter(|m| m != "Normal" && m != "Compatible")
            {
                let message = format!("graphics state /{name} uses blend mode /{mode}");
                self.found.fail(Rule::Transparency, Some(self.page), id, message);
            }
        }
    }

    /// Images and forms: their colour spaces, soft masks and groups; returns the highest total
    /// ink of the CMYK images read.
    fn xobjects(&mut self, resources: &Dictionary) -> Option<f64> {
        let Some(Object::Dictionary(xobjects)) = entry(self.doc, resources, b"XObject") else { return None };
        let mut max_ink = None;
        for (name, xobject) in xobjects.iter() {
            let Ok(stream) = resolve(self.doc, xobject).as_stream() else { continue };
            let id = object_id(xobject);
            let name = name_text(name);
            let subtype = stream.dict.get(b"Subtype").and_then(|t| t.as_name()).unwrap_or(b"");
            if subtype == b"Form" {
                group(self.doc, &stream.dict, self.page, id, self.standard, self.found);
                continue;
            }
            if subtype == b"PS" {
                self.found.fail(Rule::ColourSpaces, Some(self.page), id, format!("/{name} is a PostScript XObject"));
            }
            if subtype != b"Image" {
                continue;
            }
            if let Some(problem) =
                stream.dict.get(b"ColorSpace").ok().and_then(|cs| space_problem(self.doc, cs, self.standard))
            {
                self.found.fail(Rule::ColourSpaces, Some(self.page), id, format!("image /{name} is in {problem}"));
            }
            if self.standard == PdfX::X1a && (stream.dict.has(b"SMask") || number_is(&stream.dict, b"SMaskInData")) {
                self.found.fail(Rule::Transparency, Some(self.page), id, format!("image /{name} has a soft mask"));
            }
            if let Some(ink) = image_ink(self.doc, stream) {
                max_ink = max_ink.into_iter().chain([ink]).reduce(f64::max);
                // Half a percent of slack: 8-bit samples cannot hit every percentage exactly.
                if ink > f64::from(self.ink_limit) + 0.5 {
                    let message = format!("CMYK image /{name} reaches {ink:.0}% total ink, over {}%", self.ink_limit);
                    self.found.fail(Rule::InkLimit, Some(self.page), id, message);
                }
            }
        }
        max_ink
    }
}

fn number_is(dict: &Dictionary, key: &[u8]) -> bool {
    dict.get(key).ok().and_then(number).is_some_and(|n| n != 0.0)
}

/// A form's or page's /Group /S /Transparency (X-1a only).
fn group(doc: &Document, dict: &Dictionary, page: u32, id: Option<ObjectId>, standard: PdfX, found: &mut Findings) {
    if standard != PdfX::X1a {
        return;
    }
    let group = entry(doc, dict, b"Group").and_then(|g| g.as_dict().ok());
    if group.and_then(|g| entry(doc, g, b"S")).and_then(|s| s.as_name().ok()) == Some(b"Transparency") {
        found.fail(Rule::Transparency, Some(page), id, "a transparency group (/Group /S /Transparency)");
    }
}

fn blend_mode(object: &Object) -> Option<String> {
    match object {
        Object::Name(n) => Some(name_text(n)),
        Object::Array(modes) => modes.first().and_then(|m| m.as_name().ok()).map(name_text),
        _ => None,
    }
}

/// Why a colour space is not allowed, or `None` when it is.
pub(crate) fn space_problem(doc: &Document, space: &Object, standard: PdfX) -> Option<String> {
    space_problem_depth(doc, space, standard, 0)
}

fn space_problem_depth(doc: &Document, space: &Object, standard: PdfX, depth: u32) -> Option<String> {
    if depth > 8 {
        return None;
    }
    let x1a = standard == PdfX::X1a;
    match resolve(doc, space) {
        Object::Name(name) => match name.as_slice() {
            b"DeviceRGB" | b"RGB" => Some("DeviceRGB".into()),
            b"CalRGB" | b"CalGray" | b"Lab" if x1a => Some(format!("/{} (not allowed in PDF/X-1a)", name_text(name))),
            _ => None,
        },
        Object::Array(parts) => {
            let family = parts.first().and_then(|f| f.as_name().ok()).unwrap_or(b"");
            let inner = |i: usize| parts.get(i).and_then(|p| space_problem_depth(doc, p, standard, depth + 1));
            match family {
                b"ICCBased" if x1a => Some("ICCBased (not allowed in PDF/X-1a)".into()),
                b"CalRGB" | b"CalGray" | b"Lab" if x1a => {
                    Some(format!("{} (not allowed in PDF/X-1a)", name_text(family)))
                }
                b"CalRGB" => Some("CalRGB".into()),
                b"Indexed" | b"I" | b"Pattern" => inner(1),
                b"Separation" | b"DeviceN" => inner(2),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The highest total ink, in percent, of a CMYK image with 8-bit samples the checker can read.
fn image_ink(doc: &Document, image: &Stream) -> Option<f64> {
    let space = image.dict.get(b"ColorSpace").ok().map(|cs| resolve(doc, cs))?;
    if space.as_name().ok() != Some(b"DeviceCMYK") {
        return None;
    }
    if image.dict.get(b"BitsPerComponent").ok().and_then(number) != Some(8.0) {
        return None;
    }
    let samples = image.decompressed_content().ok()?;
    let decode_inverted = image
        .dict
        .get(b"Decode")
        .ok()
        .and_then(|d| d.as_array().ok())
        .and_then(|d| d.first())
        .and_then(number)
        .is_some_and(|first| first > 0.5);
    let max = samples
        .chunks_exact(4)
        .map(|px| {
            let sum: u32 = px.iter().map(|&v| u32::from(if decode_inverted { 255 - v } else { v })).sum();
            sum
        })
        .max()?;
    Some(f64::from(max) * 100.0 / 255.0)
}
