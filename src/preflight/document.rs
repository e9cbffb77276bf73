//! File-level rules: the header version and cross-reference form, encryption, the trailer's
//! /ID, the Info dictionary, /GTS_PDFXVersion, the XMP packet (PDF/X-4) and the output intent
//! (ISO 15930-4 §6.1–6.2, ISO 15930-7 §6.1–6.2, §6.7).

use lopdf::{Dictionary, Document, Object};

use super::{Findings, Rule, contains, entry, name_text, object_id, resolve};
use crate::model::{PdfX, check_profile};

/// The standard the file says it meets, from Info's /GTS_PDFXVersion.
pub(super) fn claimed_standard(doc: &Document) -> Option<PdfX> {
    let version = info_text(doc, b"GTS_PDFXVersion")?;
    if version.starts_with("PDF/X-4") {
        Some(PdfX::X4)
    } else if version.starts_with("PDF/X-1a") {
        Some(PdfX::X1a)
    } else {
        None
    }
}

pub(super) fn check(bytes: &[u8], doc: &Document, standard: PdfX, found: &mut Findings) {
    header(bytes, doc, standard, found);
    if doc.trailer.has(b"Encrypt") || trailer_has_encrypt(bytes) {
        found.fail(Rule::Encryption, None, None, "the file is encrypted (trailer /Encrypt)");
    }
    match doc.trailer.get(b"ID").map(|o| resolve(doc, o)) {
        Ok(Object::Array(ids)) if ids.len() == 2 => {}
        _ => found.fail(Rule::FileId, None, None, "the trailer has no /ID array of two strings"),
    }
    info(doc, standard, found);
    if standard == PdfX::X4 {
        metadata(doc, found);
    } else {
        found.note(Rule::Metadata, "not required for PDF/X-1a");
    }
    output_intent(doc, standard, found);
}

/// Header version, and for X-1a (PDF 1.4) no object streams or xref streams (PDF 1.5 features).
fn header(bytes: &[u8], doc: &Document, standard: PdfX, found: &mut Findings) {
    let version = catalog_version(doc).unwrap_or_else(|| doc.version.clone());
    let (major, minor) = parse_version(&version);
    let allowed = match standard {
        PdfX::X1a => (1, 4),
        PdfX::X4 => (1, 6),
    };
    if (major, minor) > allowed {
        found.fail(
            Rule::Header,
            None,
            None,
            format!("PDF {version} is newer than {} allows (PDF {}.{})", standard.version_name(), allowed.0, allowed.1),
        );
    } else {
        found.note(Rule::Header, format!("PDF {version}"));
    }
    if standard == PdfX::X1a {
        for (needle, what) in [(&b"/ObjStm"[..], "object streams"), (b"/XRef", "cross-reference streams")] {
            if contains(bytes, needle) {
                found.fail(Rule::Header, None, None, format!("{what} are PDF 1.5 and not allowed in PDF/X-1a"));
            }
        }
    }
}

/// The catalog's /Version overrides the header (PDF 1.4 §3.6.1).
fn catalog_version(doc: &Document) -> Option<String> {
    let catalog = doc.catalog().ok()?;
    entry(doc, catalog, b"Version").and_then(|v| v.as_name().ok()).map(name_text)
}

fn parse_version(version: &str) -> (u32, u32) {
    let mut parts = version.trim().split('.');
    let major = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor = parts.next().and_then(|p| p.trim().parse().ok()).unwrap_or(0);
    (major, minor)
}

/// Whether the last trailer (or xref stream dictionary) names /Encrypt: lopdf removes it from
/// the trailer once it has decrypted the file.
pub(super) fn trailer_has_encrypt(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    contains(tail, b"/Encrypt")
}

fn info_dict(doc: &Document) -> Option<&Dictionary> {
    doc.trailer.get(b"Info").ok().map(|o| resolve(doc, o)).and_then(|o| o.as_dict().ok())
}

fn info_text(doc: &Document, key: &[u8]) -> Option<String> {
    let value = entry(doc, info_dict(doc)?, key)?;
    let bytes = value.as_str().ok()?;
    Some(decode_text_string(bytes))
}

/// A PDF text string: UTF-16BE with a byte order mark, else (close enough for checks) Latin-1.
pub(super) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn info(doc: &Document, standard: PdfX, found: &mut Findings) {
    let Some(info) = info_dict(doc) else {
        found.fail(Rule::Info, None, None, "the trailer has no Info dictionary");
        found.fail(Rule::PdfxVersion, None, None, "no Info dictionary, so no /GTS_PDFXVersion");
        return;
    };
    let id = doc.trailer.get(b"Info").ok().and_then(object_id);
    for key in [&b"Title"[..], b"CreationDate", b"ModDate"] {
        if entry(doc, info, key).and_then(|v| v.as_str().ok()).is_none_or(<[u8]>::is_empty) {
            found.fail(Rule::Info, None, id, format!("Info has no /{}", name_text(key)));
        }
    }
    match entry(doc, info, b"Trapped").and_then(|v| v.as_name().ok()) {
        Some(b"True" | b"False") => {}
        Some(other) => {
            found.fail(Rule::Info, None, id, format!("/Trapped is /{}, not /True or /False", name_text(other)))
        }
        None => found.fail(Rule::Info, None, id, "Info has no /Trapped"),
    }
    let expected = standard.version_name();
    match info_text(doc, b"GTS_PDFXVersion") {
        Some(v) if v == expected || (standard == PdfX::X4 && v.starts_with("PDF/X-4")) => {
            found.note(Rule::PdfxVersion, v);
        }
        Some(v) => found.fail(Rule::PdfxVersion, None, id, format!("/GTS_PDFXVersion is ({v}), expected ({expected})")),
        None => found.fail(Rule::PdfxVersion, None, id, "Info has no /GTS_PDFXVersion"),
    }
}

/// PDF/X-4: the catalog's XMP stream must carry the version, the dates, the title and the
/// trapping state (ISO 15930-7 §6.7.2, §6.7.5).
fn metadata(doc: &Document, found: &mut Findings) {
    let catalog = doc.catalog().ok();
    let reference = catalog.and_then(|c| c.get(b"Metadata").ok());
    let id = reference.and_then(object_id);
    let Some(stream) = reference.map(|r| resolve(doc, r)).and_then(|o| o.as_stream().ok()) else {
        found.fail(Rule::Metadata, None, None, "the catalog has no /Metadata stream");
        return;
    };
    let xml = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let xml = String::from_utf8_lossy(&xml);
    for field in ["pdfxid:GTS_PDFXVersion", "xmp:CreateDate", "xmp:ModifyDate", "dc:title", "pdf:Trapped"] {
        if !xml.contains(field) {
            found.fail(Rule::Metadata, None, id, format!("the XMP has no {field}"));
        }
    }
    if !xml.contains("PDF/X-4") {
        found.fail(Rule::Metadata, None, id, "the XMP's pdfxid:GTS_PDFXVersion is not PDF/X-4");
    }
}

fn output_intent(doc: &Document, standard: PdfX, found: &mut Findings) {
    let intents: Vec<&Object> = doc
        .catalog()
        .ok()
        .and_then(|c| entry(doc, c, b"OutputIntents"))
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let pdfx: Vec<(&Object, &Dictionary)> = intents
        .iter()
        .filter_map(|o| Some((*o, resolve(doc, o).as_dict().ok()?)))
        .filter(|(_, d)| entry(doc, d, b"S").and_then(|s| s.as_name().ok()) == Some(b"GTS_PDFX"))
        .collect();
    let [(reference, intent)] = pdfx.as_slice() else {
        found.fail(
            Rule::OutputIntent,
            None,
            None,
            format!("{} GTS_PDFX output intents, expected exactly one", pdfx.len()),
        );
        return;
    };
    let id = object_id(reference);
    let identifier = entry(doc, intent, b"OutputConditionIdentifier").and_then(|o| o.as_str().ok());
    let Some(identifier) = identifier.filter(|i| !i.is_empty()) else {
        found.fail(Rule::OutputIntent, None, id, "the output intent has no /OutputConditionIdentifier");
        return;
    };
    let identifier = decode_text_string(identifier);
    let profile_ref = intent.get(b"DestOutputProfile").ok();
    match profile_ref.map(|r| resolve(doc, r)).and_then(|o| o.as_stream().ok()) {
        Some(stream) => {
            let at = profile_ref.and_then(object_id).or(id);
            let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            if let Err(e) = check_profile(&bytes) {
                found.fail(Rule::OutputIntent, None, at, format!("the /DestOutputProfile {e}"));
            }
            found.note(Rule::OutputIntent, format!("{identifier}, profile embedded ({} bytes)", bytes.len()));
        }
        None if standard == PdfX::X4 => {
            found.fail(Rule::OutputIntent, None, id, "PDF/X-4 needs the output profile embedded (/DestOutputProfile)");
        }
        None if identifier == "Custom" || entry(doc, intent, b"RegistryName").is_none() => {
            found.fail(
                Rule::OutputIntent,
                None,
                id,
                format!("({identifier}) is not a registered condition (no /RegistryName) and no profile is embedded"),
            );
        }
        None => found.note(Rule::OutputIntent, format!("{identifier}, registered condition, no profile embedded")),
    }
}
