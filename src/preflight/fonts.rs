//! Fonts: every font a page uses is embedded (ISO 15930-4 §6.3.5), as a subset with a tag
//! (`ABCDEF+Name`, PDF 1.4 §5.5.3), and composite fonts carry a ToUnicode CMap so the text can
//! be searched and checked. In PDF/X-1a an OpenType program (FontFile3 /OpenType) is PDF 1.6
//! and not allowed. Fonts are found through page resources, form XObjects included.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::resources::{page_resources, xobject_resources};
use super::{Findings, Rule, entry, name_text, object_id, resolve};
use crate::model::PdfX;

pub(super) fn check(doc: &Document, standard: PdfX, found: &mut Findings) {
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    let mut count = 0;
    for (number, page) in doc.get_pages() {
        let mut stack: Vec<&Dictionary> = page_resources(doc, page);
        let mut visited = BTreeSet::new();
        while let Some(resources) = stack.pop() {
            stack.extend(xobject_resources(doc, resources, &mut visited));
            let Some(Object::Dictionary(fonts)) = entry(doc, resources, b"Font") else { continue };
            for (_, font) in fonts.iter() {
                let id = object_id(font);
                if id.is_some_and(|id| !seen.insert(id)) {
                    continue;
                }
                if let Ok(dict) = resolve(doc, font).as_dict() {
                    count += 1;
                    check_font(doc, dict, id, number, standard, found);
                }
            }
        }
    }
    for rule in [Rule::FontsEmbedded, Rule::FontsSubset, Rule::ToUnicode] {
        found.note(rule, format!("{count} fonts"));
    }
}

fn check_font(
    doc: &Document,
    font: &Dictionary,
    id: Option<ObjectId>,
    page: u32,
    standard: PdfX,
    found: &mut Findings,
) {
    let subtype = entry(doc, font, b"Subtype").and_then(|s| s.as_name().ok()).unwrap_or(b"");
    let base = entry(doc, font, b"BaseFont").and_then(|s| s.as_name().ok()).map(name_text).unwrap_or_default();
    if subtype == b"Type3" {
        // Type 3 glyphs are content streams in the file: embedded by construction.
        return;
    }
    let described = if subtype == b"Type0" {
        if entry(doc, font, b"ToUnicode").is_none() {
            found.fail(Rule::ToUnicode, Some(page), id, format!("composite font {base} has no ToUnicode CMap"));
        }
        entry(doc, font, b"DescendantFonts")
            .and_then(|d| d.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|d| resolve(doc, d).as_dict().ok())
    } else {
        Some(font)
    };
    let descriptor = described.and_then(|f| entry(doc, f, b"FontDescriptor")).and_then(|d| d.as_dict().ok());
    let program = descriptor.and_then(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"].into_iter().find_map(|k| Some((k, entry(doc, d, k)?)))
    });
    let Some((key, program)) = program else {
        found.fail(
            Rule::FontsEmbedded,
            Some(page),
            id,
            format!("font {base} ({}) is not embedded", name_text(subtype)),
        );
        return;
    };
    if standard == PdfX::X1a && key == b"FontFile3" {
        let kind = program.as_stream().ok().and_then(|s| s.dict.get(b"Subtype").ok()).and_then(|s| s.as_name().ok());
        if kind == Some(b"OpenType") {
            found.fail(
                Rule::FontsEmbedded,
                Some(page),
                id,
                format!("font {base} is embedded as OpenType (PDF 1.6, not X-1a)"),
            );
        }
    }
    if !is_subset_name(&base) {
        found.fail(Rule::FontsSubset, Some(page), id, format!("font {base} is embedded whole, not as a tagged subset"));
    }
}

/// `ABCDEF+Name`: six capital letters and a plus.
fn is_subset_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 7 && bytes[6] == b'+' && bytes[..6].iter().all(u8::is_ascii_uppercase)
}
