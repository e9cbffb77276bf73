//! The preflight on PDFs made elsewhere: small files built here with pdf-writer, one good
//! PDF/X-1a page and variants that break one rule each. Every rule has a passing case (the
//! good file, and for X-4 rules the good X-4 file) and at least one failing case.

mod common;

use pdf_writer::types::{CidFontType, OutputIntentSubtype, SystemInfo, TrappingStatus};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use paiban::model::PdfX;
use paiban::preflight::{Profile, Report, Rule, Status, check};

/// What to break in the fixture.
#[derive(Clone, Default)]
struct Knobs {
    version: Option<(u8, u8)>,
    x4: bool,
    no_metadata: bool,
    fake_encrypt: bool,
    no_id: bool,
    no_title: bool,
    pdfx_version: Option<&'static str>,
    no_intent: bool,
    no_trim: bool,
    trim_outside_bleed: bool,
    type1_unembedded: bool,
    untagged: bool,
    no_tounicode: bool,
    icc_space: bool,
    alpha: bool,
    smask_image: bool,
    /// Replaces the page's painting.
    content: Option<&'static str>,
}

const GOOD_CONTENT: &str = "/GSop gs 0 0 0 1 k BT /F1 10 Tf 20 20 Td <0001> Tj ET 0.2 0 0 0 k 10 50 40 20 re f";

fn fixture(k: &Knobs) -> Vec<u8> {
    let mut next = Ref::new(1);
    let mut bump = || next.bump();
    let (catalog, tree, page, content, info) = (bump(), bump(), bump(), bump(), bump());
    let (type0, cid, descriptor, program, cmap) = (bump(), bump(), bump(), bump(), bump());
    let (profile, metadata, image, mask, icc) = (bump(), bump(), bump(), bump(), bump());
    let mut pdf = Pdf::new();
    let (major, minor) = k.version.unwrap_or(if k.x4 { (1, 6) } else { (1, 4) });
    pdf.set_version(major, minor);
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if !k.no_intent {
        let mut intents = cat.output_intents();
        let mut intent = intents.push();
        intent
            .subtype(OutputIntentSubtype::PDFX)
            .output_condition_identifier(TextStr("IFRA26"))
            .registry_name(TextStr("http://www.color.org"));
        if k.x4 {
            intent.dest_output_profile(profile);
        }
    }
    if k.x4 && !k.no_metadata {
        cat.metadata(metadata);
    }
    cat.finish();
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.parent(tree).media_box(Rect::new(0.0, 0.0, 200.0, 200.0)).contents(content);
    p.bleed_box(Rect::new(5.0, 5.0, 195.0, 195.0));
    if k.trim_outside_bleed {
        p.trim_box(Rect::new(0.0, 0.0, 200.0, 200.0));
    } else if !k.no_trim {
        p.trim_box(Rect::new(10.0, 10.0, 190.0, 190.0));
    }
    let mut res = p.resources();
    res.fonts().pair(Name(b"F1"), type0);
    let mut states = res.ext_g_states();
    states
        .insert(Name(b"GSop"))
        .start::<pdf_writer::writers::ExtGraphicsState>()
        .overprint(true)
        .overprint_fill(true)
        .pair(Name(b"OPM"), 1);
    if k.alpha {
        states.insert(Name(b"GSa")).start::<pdf_writer::writers::ExtGraphicsState>().non_stroking_alpha(0.5);
    }
    states.finish();
    if k.icc_space {
        res.color_spaces().insert(Name(b"CS0")).start::<pdf_writer::writers::ColorSpace>().icc_based(icc);
    }
    if k.smask_image {
        res.x_objects().pair(Name(b"Im0"), image);
    }
    res.finish();
    p.finish();
    let painting = k.content.unwrap_or(GOOD_CONTENT);
    pdf.stream(content, painting.as_bytes());

    let mut doc_info = pdf.document_info(info);
    if !k.no_title {
        doc_info.title(TextStr("fixture"));
    }
    doc_info.pair(Name(b"CreationDate"), Str(b"D:20260101000000+00'00'"));
    doc_info.pair(Name(b"ModDate"), Str(b"D:20260101000000+00'00'"));
    doc_info.trapped(TrappingStatus::NotTrapped);
    let version = k.pdfx_version.unwrap_or(if k.x4 { "PDF/X-4" } else { "PDF/X-1a:2003" });
    doc_info.pair(Name(b"GTS_PDFXVersion"), TextStr(version));
    doc_info.finish();

    write_font(&mut pdf, k, [type0, cid, descriptor, program, cmap]);
    if k.x4 {
        pdf.icc_profile(profile, &common::icc::test_cmyk_profile()).n(4);
        let xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\
                   <xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>2026-01-01T00:00:00Z</xmp:ModifyDate>\
                   <dc:title>fixture</dc:title><pdf:Trapped>False</pdf:Trapped></x:xmpmeta>";
        pdf.metadata(metadata, xmp.as_bytes());
    }
    if k.icc_space {
        pdf.icc_profile(icc, &common::icc::test_cmyk_profile()).n(4);
    }
    if k.smask_image {
        let mut im = pdf.image_xobject(image, &[0, 0, 0, 255]);
        im.width(1).height(1).bits_per_component(8).s_mask(mask);
        im.color_space().device_cmyk();
        im.finish();
        let mut m = pdf.image_xobject(mask, &[128]);
        m.width(1).height(1).bits_per_component(8);
        m.color_space().device_gray();
    }
    if !k.no_id {
        pdf.set_file_id((b"0123456789abcdef".to_vec(), b"0123456789abcdef".to_vec()));
    }
    let mut bytes = pdf.finish();
    if k.fake_encrypt {
        let at = bytes.windows(7).rposition(|w| w == b"trailer").unwrap();
        let insert = b"trailer\n<< /Encrypt << /Filter /Standard /V 9 /R 9 >>";
        bytes.splice(at..at + 10, insert.iter().copied());
    }
    bytes
}

fn write_font(pdf: &mut Pdf, k: &Knobs, [type0, cid, descriptor, program, cmap]: [Ref; 5]) {
    if k.type1_unembedded {
        pdf.type1_font(type0).base_font(Name(b"Helvetica"));
        return;
    }
    let name: &[u8] = if k.untagged { b"Kai" } else { b"ABCDEF+Kai" };
    let mut font = pdf.type0_font(type0);
    font.base_font(Name(name)).encoding_predefined(Name(b"Identity-H")).descendant_font(cid);
    if !k.no_tounicode {
        font.to_unicode(cmap);
    }
    font.finish();
    let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    pdf.cid_font(cid)
        .subtype(CidFontType::Type2)
        .base_font(Name(name))
        .system_info(info)
        .font_descriptor(descriptor)
        .default_width(1000.0);
    pdf.font_descriptor(descriptor)
        .name(Name(name))
        .flags(pdf_writer::types::FontFlags::SYMBOLIC)
        .bbox(Rect::new(0.0, -120.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(700.0)
        .stem_v(80.0)
        .font_file2(program);
    pdf.stream(program, b"not really a font").filter(Filter::FlateDecode);
    pdf.stream(cmap, b"/CIDInit /ProcSet findresource begin end");
}

fn report(k: &Knobs) -> Report {
    let standard = if k.x4 { PdfX::X4 } else { PdfX::X1a };
    check(&fixture(k), &Profile { standard: Some(standard), ink_limit: 240 }).expect("the fixture reads")
}

fn failed(report: &Report) -> Vec<Rule> {
    let mut rules: Vec<Rule> = report.failures().map(|f| f.rule).collect();
    rules.dedup();
    rules
}

/// The variant fails `rule`, and only that rule.
fn fails_only(rule: Rule, k: Knobs) {
    let report = report(&k);
    assert_eq!(failed(&report), vec![rule], "{}", paiban::preflight::report::table(&report, "fixture"));
    let failure = report.failures().next().unwrap();
    assert!(!failure.message.is_empty());
}

#[test]
fn the_good_fixtures_pass_every_rule() {
    for k in [Knobs::default(), Knobs { x4: true, ..Knobs::default() }] {
        let report = report(&k);
        assert!(report.passed(), "{}", paiban::preflight::report::table(&report, "fixture"));
        assert_eq!(report.findings.len(), Rule::ALL.len());
        assert!(report.findings.iter().all(|f| f.status == Status::Pass));
    }
}

#[test]
fn header_version_too_new() {
    fails_only(Rule::Header, Knobs { version: Some((1, 7)), ..Knobs::default() });
}

#[test]
fn encrypted_file() {
    // What cannot be decrypted cannot be checked further; the encryption is what is reported.
    let report = report(&Knobs { fake_encrypt: true, ..Knobs::default() });
    assert!(failed(&report).contains(&Rule::Encryption), "{report:?}");
}

#[test]
fn missing_file_id() {
    fails_only(Rule::FileId, Knobs { no_id: true, ..Knobs::default() });
}

#[test]
fn missing_title() {
    fails_only(Rule::Info, Knobs { no_title: true, ..Knobs::default() });
}

#[test]
fn wrong_pdfx_version() {
    fails_only(Rule::PdfxVersion, Knobs { pdfx_version: Some("PDF/X-3:2002"), ..Knobs::default() });
}

#[test]
fn x4_without_xmp() {
    fails_only(Rule::Metadata, Knobs { x4: true, no_metadata: true, ..Knobs::default() });
}

#[test]
fn no_output_intent() {
    fails_only(Rule::OutputIntent, Knobs { no_intent: true, ..Knobs::default() });
}

#[test]
fn page_boxes_missing_or_outside() {
    fails_only(Rule::PageBoxes, Knobs { no_trim: true, ..Knobs::default() });
    fails_only(Rule::PageBoxes, Knobs { trim_outside_bleed: true, ..Knobs::default() });
}

#[test]
fn unembedded_type1_font() {
    let report = report(&Knobs { type1_unembedded: true, ..Knobs::default() });
    assert!(failed(&report).contains(&Rule::FontsEmbedded), "{report:?}");
}

#[test]
fn font_not_subset() {
    fails_only(Rule::FontsSubset, Knobs { untagged: true, ..Knobs::default() });
}

#[test]
fn composite_font_without_tounicode() {
    fails_only(Rule::ToUnicode, Knobs { no_tounicode: true, ..Knobs::default() });
}

#[test]
fn rgb_colour_and_icc_spaces() {
    fails_only(
        Rule::ColourSpaces,
        Knobs {
            content: Some("1 0 0 rg 10 50 40 20 re f /GSop gs 0 0 0 1 k BT /F1 10 Tf <0001> Tj ET"),
            ..Knobs::default()
        },
    );
    fails_only(Rule::ColourSpaces, Knobs { icc_space: true, ..Knobs::default() });
}

#[test]
fn transparency_in_x1a() {
    fails_only(Rule::Transparency, Knobs { alpha: true, ..Knobs::default() });
    fails_only(Rule::Transparency, Knobs { smask_image: true, ..Knobs::default() });
    // The same file is fine as PDF/X-4, which allows transparency.
    let report = report(&Knobs { alpha: true, x4: true, ..Knobs::default() });
    assert!(report.passed(), "{report:?}");
}

#[test]
fn small_black_text_must_be_k_only_and_overprint() {
    fails_only(Rule::BlackText, Knobs { content: Some("0 0 0 1 k BT /F1 10 Tf <0001> Tj ET"), ..Knobs::default() });
    fails_only(
        Rule::BlackText,
        Knobs { content: Some("/GSop gs 0.4 0.3 0.3 1 k BT /F1 9 Tf <0001> Tj ET"), ..Knobs::default() },
    );
    // Large black text may knock out.
    let report = report(&Knobs { content: Some("0 0 0 1 k BT /F1 24 Tf <0001> Tj ET"), ..Knobs::default() });
    assert!(report.passed(), "{report:?}");
}

#[test]
fn fills_over_the_ink_limit() {
    fails_only(Rule::InkLimit, Knobs { content: Some("1 1 1 1 k 10 50 40 20 re f"), ..Knobs::default() });
}

#[test]
fn not_a_pdf_is_an_error() {
    assert!(check(b"hello", &Profile::default()).is_err());
}

#[test]
fn json_names_every_rule() {
    let report = report(&Knobs { no_trim: true, ..Knobs::default() });
    let json = paiban::preflight::report::json(&report, "f.pdf");
    for rule in Rule::ALL {
        assert!(json.contains(&format!("\"rule\":\"{}\"", rule.name())), "{json}");
    }
    assert!(json.contains("\"passed\":false") && json.contains("\"page\":1"), "{json}");
}

#[test]
#[ignore = "writes the test profile for manual runs: cargo test --test preflight -- --ignored"]
fn write_test_profile() {
    let path = std::env::temp_dir().join("paiban-test-cmyk.icc");
    std::fs::write(&path, common::icc::test_cmyk_profile()).unwrap();
    eprintln!("wrote {}", path.display());
}
