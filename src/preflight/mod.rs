//! Preflight: checks any PDF, not only paiban's, against what printers require of PDF/X-1a:2003
//! (ISO 15930-4) or PDF/X-4 (ISO 15930-7) newspaper pages. Takes the file's bytes and a
//! [`Profile`] (the standard to test, the total ink limit); returns a [`Report`] with, for each
//! [`Rule`], a pass or the failures found, each with its page and object number.
//!
//! One file per concern: [`document`] (header, encryption, /ID, Info, XMP, output intent),
//! [`pages`] (page boxes), [`fonts`], [`resources`] (colour spaces and transparency declared in
//! resources and images), [`content`] (what content streams paint: colour operators, small
//! black text, ink). [`report`] prints the result for people and for machines.
//!
//! Parsing is lopdf's: it reads classic and stream cross-references, object streams and
//! damaged files, which a checker of other people's PDFs must.

mod content;
mod document;
mod fonts;
mod pages;
pub mod report;
mod resources;

use std::collections::BTreeSet;

use lopdf::{Document, Object, ObjectId};

use crate::model::PdfX;

/// What to check against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// The standard; `None` takes the one the file claims (/GTS_PDFXVersion), else X-1a.
    pub standard: Option<PdfX>,
    /// Total area coverage in percent.
    pub ink_limit: u16,
}

impl Default for Profile {
    fn default() -> Profile {
        Profile { standard: None, ink_limit: 240 }
    }
}

/// A requirement, reported on its own line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    Header,
    Encryption,
    FileId,
    Info,
    PdfxVersion,
    Metadata,
    OutputIntent,
    PageBoxes,
    FontsEmbedded,
    FontsSubset,
    ToUnicode,
    ColourSpaces,
    Transparency,
    BlackText,
    InkLimit,
}

impl Rule {
    pub const ALL: [Rule; 15] = [
        Rule::Header,
        Rule::Encryption,
        Rule::FileId,
        Rule::Info,
        Rule::PdfxVersion,
        Rule::Metadata,
        Rule::OutputIntent,
        Rule::PageBoxes,
        Rule::FontsEmbedded,
        Rule::FontsSubset,
        Rule::ToUnicode,
        Rule::ColourSpaces,
        Rule::Transparency,
        Rule::BlackText,
        Rule::InkLimit,
    ];

    /// The rule's stable name, as the JSON report gives it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Header => "header",
            Rule::Encryption => "encryption",
            Rule::FileId => "file-id",
            Rule::Info => "info",
            Rule::PdfxVersion => "pdfx-version",
            Rule::Metadata => "xmp-metadata",
            Rule::OutputIntent => "output-intent",
            Rule::PageBoxes => "page-boxes",
            Rule::FontsEmbedded => "fonts-embedded",
            Rule::FontsSubset => "fonts-subset",
            Rule::ToUnicode => "fonts-tounicode",
            Rule::ColourSpaces => "colour-spaces",
            Rule::Transparency => "transparency",
            Rule::BlackText => "black-text",
            Rule::InkLimit => "ink-limit",
        }
    }

    /// What the rule asks, in a few words.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::Header => "PDF version allowed by the standard, no object or xref streams in X-1a",
            Rule::Encryption => "not encrypted",
            Rule::FileId => "trailer /ID present",
            Rule::Info => "Info has /Title, /CreationDate, /ModDate, /Trapped True or False",
            Rule::PdfxVersion => "/GTS_PDFXVersion names the standard",
            Rule::Metadata => "XMP metadata repeats version, dates, title, trapping (X-4)",
            Rule::OutputIntent => "exactly one GTS_PDFX output intent with identifier (and CMYK profile)",
            Rule::PageBoxes => "TrimBox or ArtBox within BleedBox within MediaBox on every page",
            Rule::FontsEmbedded => "every font embedded, in a form the standard allows",
            Rule::FontsSubset => "embedded fonts are tagged subsets",
            Rule::ToUnicode => "composite and symbolic fonts carry ToUnicode",
            Rule::ColourSpaces => "DeviceCMYK, DeviceGray, Separation, DeviceN only (no RGB; no ICC or Lab in X-1a)",
            Rule::Transparency => "no soft masks, alpha below 1, blend modes or transparency groups (X-1a)",
            Rule::BlackText => "black text of 12 pt and less is 100% K alone and overprints",
            Rule::InkLimit => "no CMYK colour or image above the total ink limit",
        }
    }
}

/// Whether a finding is a pass or a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
}

/// One result: a rule's pass, or one failure of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub status: Status,
    /// 1-based page number, when the finding is about a page.
    pub page: Option<u32>,
    /// The object the finding is about (number, generation).
    pub object: Option<ObjectId>,
    pub message: String,
}

/// The result of checking one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The standard the file was checked against.
    pub standard: PdfX,
    pub ink_limit: u16,
    pub pages: usize,
    /// Failures, then one pass line for each rule without failures, in [`Rule::ALL`] order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether every rule passed.
    pub fn passed(&self) -> bool {
        self.findings.iter().all(|f| f.status == Status::Pass)
    }

    /// The failures.
    pub fn failures(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status == Status::Fail)
    }
}

/// Failures found by the checks, before the pass lines are added.
#[derive(Default)]
pub(crate) struct Findings {
    list: Vec<Finding>,
    /// Notes on rules that passed (what was measured), one per rule.
    notes: Vec<(Rule, String)>,
}

impl Findings {
    fn fail(&mut self, rule: Rule, page: Option<u32>, object: Option<ObjectId>, message: impl Into<String>) {
        self.list.push(Finding { rule, status: Status::Fail, page, object, message: message.into() });
    }

    fn note(&mut self, rule: Rule, message: impl Into<String>) {
        self.notes.push((rule, message.into()));
    }
}

/// Checks `bytes` as a PDF. The error says why the file cannot be read as a PDF at all.
pub fn check(bytes: &[u8], profile: &Profile) -> Result<Report, String> {
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).is_some_and(|head| contains(head, b"%PDF-")) {
        return Err("not a PDF file (no %PDF- header)".into());
    }
    let mut found = Findings::default();
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        // An encrypted file that cannot be opened without a password still gets its verdict.
        Err(_) if document::trailer_has_encrypt(bytes) => {
            found.fail(Rule::Encryption, None, None, "the file is encrypted and cannot be opened without a password");
            return Ok(finish(found, profile.standard.unwrap_or_default(), profile.ink_limit, 0));
        }
        Err(e) => return Err(format!("cannot read the PDF: {e}")),
    };
    let standard = profile.standard.unwrap_or_else(|| document::claimed_standard(&doc).unwrap_or_default());
    document::check(bytes, &doc, standard, &mut found);
    pages::check(&doc, &mut found);
    fonts::check(&doc, standard, &mut found);
    resources::check(&doc, standard, profile.ink_limit, &mut found);
    content::check(&doc, standard, profile.ink_limit, &mut found);
    Ok(finish(found, standard, profile.ink_limit, doc.get_pages().len()))
}

fn finish(found: Findings, standard: PdfX, ink_limit: u16, pages: usize) -> Report {
    let mut findings = found.list;
    findings.sort_by_key(|f| (f.rule, f.page, f.object));
    let failed: BTreeSet<Rule> = findings.iter().map(|f| f.rule).collect();
    for rule in Rule::ALL.into_iter().filter(|r| !failed.contains(r)) {
        let message = found.notes.iter().find(|(r, _)| *r == rule).map_or_else(String::new, |(_, m)| m.clone());
        findings.push(Finding { rule, status: Status::Pass, page: None, object: None, message });
    }
    findings.sort_by_key(|f| f.rule);
    Report { standard, ink_limit, pages, findings }
}

/// Follows references until an object that is not one (cycles give `Null`).
pub(crate) fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(&Object::Null, |(_, o)| o)
}

/// The object id `object` points to, if it is a reference.
pub(crate) fn object_id(object: &Object) -> Option<ObjectId> {
    object.as_reference().ok()
}

/// A dictionary entry, resolved.
pub(crate) fn entry<'a>(doc: &'a Document, dict: &'a lopdf::Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o)).filter(|o| !matches!(o, Object::Null))
}

/// A name as text, for messages.
pub(crate) fn name_text(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A number operand or value as f64.
pub(crate) fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}
