//! Tests of the PDF exporter on a small hand-built document set in the bundled fonts. Checks
//! with poppler (`pdftotext`) and `qpdf --check` run when those tools are installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use super::*;
use crate::fonts::{Font, FontId, Role, RoleFaces};
use crate::frame::{Color, Fill, Glyph, ImageItem, Item, Rule, TextRun};
use crate::image::{Raster, RasterData, read_raster};
use crate::units::{Point, Rect as FrameRect, Size, div_round};
use content::{TjPart, tj_parts};

const SONG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/noto-serif-sc-regular.otf");
const KAI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/paiban-kai-regular.ttf");
const SAMPLE: &str = "中文，排版。Paiban 2026";

/// Song (CFF) as FontId(0), Kai (TrueType) as FontId(1); every role set in Song.
fn book() -> FontBook {
    book_of(Path::new(SONG), Path::new(KAI))
}

/// [`book`] with the faces read from `song` and `kai`.
fn book_of(song: &Path, kai: &Path) -> FontBook {
    let song = Font::load("song", song, 0).unwrap();
    let kai = Font::load("kai", kai, 0).unwrap();
    let mut roles = RoleFaces::default();
    for role in Role::ALL {
        roles.set(role, vec!["song".to_string()]);
    }
    FontBook::new(vec![song, kai], roles).unwrap()
}

/// A run set naively: one glyph per character from the cmap, advanced by hmtx plus `tracking`.
fn run(book: &FontBook, font: FontId, text: &str, size: Abs, origin: Point, tracking: Abs) -> TextRun {
    let face = book.font(font).face();
    let upem = i64::from(face.units_per_em());
    let mut x = Abs::ZERO;
    let mut glyphs = Vec::new();
    for (i, c) in text.char_indices() {
        let id = face.glyph_index(c).map_or(0, |g| g.0);
        let advance = i64::from(face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0));
        glyphs.push(Glyph { id, x, y: Abs::ZERO, text: i..i + c.len_utf8() });
        x += Abs(div_round(advance * size.0, upem)) + tracking;
    }
    TextRun { font, size, color: Color::BLACK, origin, line: None, text: text.to_string(), glyphs }
}

fn pt(x: i64, y: i64) -> Point {
    Point::new(Abs::pt(x), Abs::pt(y))
}

fn rect(x: i64, y: i64, w: i64, h: i64) -> FrameRect {
    FrameRect::new(Abs::pt(x), Abs::pt(y), Abs::pt(w), Abs::pt(h))
}

fn gray_ramp() -> Raster {
    let samples = (0..64u8).map(|i| i * 4).collect();
    Raster { width: 8, height: 8, data: RasterData::Gray(samples) }
}

fn gray_jpeg() -> Raster {
    let pixels: Vec<u8> = (0..32 * 32).map(|i| ((i % 32) * 8) as u8).collect();
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode(&pixels, 32, 32, image::ExtendedColorType::L8)
        .unwrap();
    let raster = read_raster(bytes).unwrap();
    assert!(matches!(raster.data, RasterData::GrayJpeg(_)));
    raster
}

/// Two pages: text in both fonts (tracked, shifted), a rule, a tint, and photos placed more
/// than once.
fn document(book: &FontBook) -> Document {
    let (song, kai) = (FontId(0), FontId(1));
    let ramp = Arc::new(gray_ramp());
    let mut shifted = run(book, kai, "楷体署名", Abs::pt(18), pt(36, 150), Abs::ZERO);
    shifted.glyphs[2].y = -Abs::pt(6);
    let mut cyan_run = run(book, song, "排版", Abs::pt(12), pt(260, 150), Abs::ZERO);
    cyan_run.color = Color::Cmyk { c: 100, m: 0, y: 0, k: 0 };
    let first = Page {
        number: 1,
        media: Size { width: Abs::pt(400), height: Abs::pt(300) },
        trim: rect(9, 9, 382, 282),
        bleed: rect(0, 0, 400, 300),
        items: vec![
            Item::Fill(Fill { rect: rect(30, 40, 340, 40), color: Color::Cmyk { c: 20, m: 0, y: 0, k: 0 } }),
            Item::Text(run(book, song, SAMPLE, Abs::pt(24), pt(36, 70), Abs::ZERO)),
            Item::Text(run(book, song, SAMPLE, Abs::pt(12), pt(36, 110), Abs::pt(3))),
            Item::Rule(Rule { from: pt(36, 120), to: pt(364, 120), thickness: Abs::pt(1), color: Color::BLACK }),
            Item::Text(shifted),
            Item::Text(cyan_run),
            Item::Image(ImageItem { raster: ramp.clone(), rect: rect(36, 180, 80, 80), clip: rect(46, 190, 60, 60) }),
            Item::Image(ImageItem { raster: ramp, rect: rect(130, 180, 40, 40), clip: rect(130, 180, 40, 40) }),
            Item::Image(ImageItem {
                raster: Arc::new(gray_ramp()),
                rect: rect(180, 180, 40, 40),
                clip: rect(180, 180, 40, 40),
            }),
            Item::Image(ImageItem {
                raster: Arc::new(gray_jpeg()),
                rect: rect(240, 180, 64, 64),
                clip: rect(240, 180, 64, 64),
            }),
        ],
        layout: Default::default(),
    };
    let second = Page {
        number: 2,
        items: vec![Item::Text(run(book, kai, "第二版", Abs::pt(14), pt(36, 60), Abs::ZERO))],
        ..first.clone()
    };
    Document { title: "测试日报 2026年1月1日 第1版".to_string(), pages: vec![first, second] }
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-output/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

fn has_tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn output_is_pdf_14_and_byte_identical() {
    let book = book();
    let doc = document(&book);
    let options = PdfOptions { creation_date: Some(1_767_225_600), ..PdfOptions::default() };
    let first = write_pdf(&doc, &book, &options).unwrap();
    let second = write_pdf(&doc, &book, &options).unwrap();
    assert!(first.starts_with(b"%PDF-1.4\n"));
    assert!(first == second, "two writes differ");
    assert_eq!(count(&first, b"/ObjStm"), 0);
    assert_eq!(count(&first, b"/XRef"), 0);
    assert!(first.ends_with(b"%%EOF"));
    std::fs::write(out_dir().join("sample.pdf"), &first).unwrap();
}

#[test]
fn dictionaries_are_what_pdf_x_needs() {
    let book = book();
    let pdf = write_pdf(&document(&book), &book, &PdfOptions::default()).unwrap();
    for needle in [
        &b"/CIDFontType0C"[..],
        b"/CIDFontType0\n",
        b"/CIDFontType2",
        b"/FontFile2",
        b"/FontFile3",
        b"/CIDToGIDMap /Identity",
        b"/Encoding /Identity-H",
        b"/BleedBox [0 0 400 300]",
        b"/TrimBox [9 9 391 291]",
        b"/MediaBox [0 0 400 300]",
        b"/ToUnicode",
        b"/Trapped /False",
        b"/Producer (paiban ",
        b"/ID [",
        b"/DCTDecode",
        b"/DeviceGray",
    ] {
        assert!(count(&pdf, needle) > 0, "missing {}", String::from_utf8_lossy(needle));
    }
    assert_eq!(count(&pdf, b"/DeviceRGB"), 0);
    assert_eq!(count(&pdf, b"/CreationDate"), 0, "no date unless asked for");
    // Two fonts, each subset once though used on both pages; three distinct images placed four
    // times become two image objects.
    assert_eq!(count(&pdf, b"/Type /Font\n  /Subtype /Type0"), 2);
    assert_eq!(count(&pdf, b"/Subtype /Image"), 2);
}

#[test]
fn dates_appear_only_when_given() {
    let book = book();
    let doc = document(&book);
    let pdf = write_pdf(&doc, &book, &PdfOptions { creation_date: Some(0), ..PdfOptions::default() }).unwrap();
    assert_eq!(count(&pdf, b"/CreationDate (D:19700101000000+00'00')"), 1);
    assert_eq!(count(&pdf, b"/ModDate (D:19700101000000+00'00')"), 1);
    let later =
        write_pdf(&doc, &book, &PdfOptions { creation_date: Some(1_767_225_600), ..PdfOptions::default() }).unwrap();
    assert_eq!(count(&later, b"/CreationDate (D:20260101000000+00'00')"), 1);
}

#[test]
fn tags_and_cids_depend_on_the_glyph_set_only() {
    let book = book();
    let doc = document(&book);
    let usage = Usage::of(&doc, &book).unwrap();
    let song = EmbeddedFont::new(&usage.fonts[0]).unwrap();
    let again = EmbeddedFont::new(&usage.fonts[0]).unwrap();
    let face = book.font(FontId(0)).face();
    let zhong = face.glyph_index('中').unwrap().0;
    assert_eq!(song.cid(zhong), again.cid(zhong));
    assert_ne!(song.cid(zhong), 0);
    // CJK ideographs are one em wide in Noto Serif CJK.
    assert_eq!(song.advance(song.cid(zhong)), 1_000_000);
    // Glyphs the document does not use map to .notdef.
    assert_eq!(song.cid(face.glyph_index('龘').map_or(9000, |g| g.0)), 0);
    eprintln!("song subset: {} bytes uncompressed", FontStreams::of(&usage.fonts[0], &[]).unwrap().program_len());
    eprintln!("kai subset: {} bytes uncompressed", FontStreams::of(&usage.fonts[1], &[]).unwrap().program_len());
}

#[test]
fn to_unicode_keeps_the_first_text_and_skips_empty_ranges() {
    let book = book();
    let face = book.font(FontId(0)).face();
    let a = face.glyph_index('A').unwrap().0;
    let b = face.glyph_index('B').unwrap().0;
    let glyph = |id, text: std::ops::Range<usize>| Glyph { id, x: Abs::ZERO, y: Abs::ZERO, text };
    let mut first = run(&book, FontId(0), "AB", Abs::pt(10), pt(0, 10), Abs::ZERO);
    // `B` comes first as the second glyph of a cluster (empty range), then as "x".
    first.text = "ABx".to_string();
    first.glyphs = vec![glyph(a, 0..1), glyph(b, 1..1), glyph(b, 2..3), glyph(a, 1..2)];
    let doc = Document { title: String::new(), pages: vec![page_with(vec![Item::Text(first)])] };
    let usage = Usage::of(&doc, &book).unwrap();
    let glyphs = &usage.fonts[0].glyphs;
    assert_eq!(glyphs[&a], "A");
    assert_eq!(glyphs[&b], "x");
}

fn page_with(items: Vec<Item>) -> Page {
    Page {
        number: 1,
        media: Size { width: Abs::pt(100), height: Abs::pt(100) },
        trim: rect(0, 0, 100, 100),
        bleed: rect(0, 0, 100, 100),
        items,
        layout: Default::default(),
    }
}

#[test]
fn tj_adjustments_follow_the_glyph_positions() {
    let book = book();
    let usage_doc = document(&book);
    let usage = Usage::of(&usage_doc, &book).unwrap();
    let font = EmbeddedFont::new(&usage.fonts[0]).unwrap();
    let tracked = run(&book, FontId(0), "中文排", Abs::pt(10), pt(0, 0), Abs::pt(1));
    let parts = tj_parts(&tracked.glyphs, tracked.size, &font);
    // Each glyph after the first needs +1 pt at 10 pt: 100 thousandths, pushed right (negative).
    let cid = |c| font.cid(book.font(FontId(0)).face().glyph_index(c).unwrap().0).to_be_bytes().to_vec();
    assert_eq!(
        parts,
        vec![
            TjPart::Glyphs(cid('中')),
            TjPart::Adjust(-100.0),
            TjPart::Glyphs(cid('文')),
            TjPart::Adjust(-100.0),
            TjPart::Glyphs(cid('排')),
        ]
    );
    let plain = run(&book, FontId(0), "中文排", Abs::pt(10), pt(0, 0), Abs::ZERO);
    assert_eq!(tj_parts(&plain.glyphs, plain.size, &font).len(), 1, "untracked CJK needs no adjustment");
}

#[test]
fn odd_documents_give_errors_or_pdfs_not_panics() {
    let book = book();
    let mut weird = run(&book, FontId(0), "中文", Abs::pt(10), pt(0, 0), Abs::ZERO);
    weird.glyphs[0].id = u16::MAX; // not in the font
    weird.glyphs[1].text = 5..99; // past the end of the text
    weird.glyphs[1].x = Abs(i64::MAX / 2);
    let zero_size = TextRun { size: Abs::ZERO, ..weird.clone() };
    let empty_raster = Arc::new(Raster { width: 0, height: 0, data: RasterData::Gray(Vec::new()) });
    let items = vec![
        Item::Text(weird),
        Item::Text(zero_size),
        Item::Rule(Rule { from: pt(0, 0), to: pt(0, 0), thickness: Abs(-5), color: Color::Gray(255) }),
        Item::Fill(Fill { rect: rect(0, 0, 0, 10), color: Color::Cmyk { c: 255, m: 255, y: 255, k: 255 } }),
        Item::Image(ImageItem { raster: empty_raster, rect: rect(0, 0, 10, 10), clip: rect(0, 0, 10, 10) }),
    ];
    let mut page = page_with(items);
    page.media = Size { width: Abs(i64::MAX), height: Abs(i64::MIN) };
    let doc = Document { title: "(unbalanced \\ title".to_string(), pages: vec![page] };
    let pdf = write_pdf(&doc, &book, &PdfOptions { creation_date: Some(i64::MIN), ..PdfOptions::default() }).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4"));

    let empty = Document { title: String::new(), pages: Vec::new() };
    assert!(write_pdf(&empty, &book, &PdfOptions::default()).is_ok());

    let mut stranger = run(&book, FontId(0), "中", Abs::pt(10), pt(0, 0), Abs::ZERO);
    stranger.font = FontId(7);
    let doc = Document { title: String::new(), pages: vec![page_with(vec![Item::Text(stranger)])] };
    let error = write_pdf(&doc, &book, &PdfOptions::default()).unwrap_err();
    assert!(error.contains("#7"), "{error}");
}

#[test]
fn poppler_extracts_the_text_and_qpdf_accepts_the_file() {
    if !has_tool("pdftotext") || !has_tool("qpdf") {
        eprintln!("pdftotext or qpdf missing: skipping the external checks");
        return;
    }
    let book = book();
    let pdf =
        write_pdf(&document(&book), &book, &PdfOptions { creation_date: Some(0), ..PdfOptions::default() }).unwrap();
    let path = out_dir().join("extract.pdf");
    std::fs::write(&path, &pdf).unwrap();

    let text = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    let text: String = String::from_utf8_lossy(&text.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    let sample: String = SAMPLE.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains(&sample), "extracted: {text}");
    assert!(text.contains("楷体署名") && text.contains("第二版"), "extracted: {text}");

    // Where poppler finds each "2026" is where the TJ arithmetic put its first glyph.
    let bbox = Command::new("pdftotext").args(["-bbox", "-f", "1", "-l", "1"]).arg(&path).arg("-").output().unwrap();
    let bbox = String::from_utf8_lossy(&bbox.stdout);
    let found: Vec<f64> = bbox
        .lines()
        .filter(|line| line.ends_with(">2026</word>"))
        .filter_map(|line| line.split("xMin=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    let doc = document(&book);
    let expected: Vec<f64> = doc.pages[0].items[1..3]
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => {
                let two = run.glyphs.iter().find(|g| run.text.get(g.text.clone()) == Some("2"))?;
                Some((run.origin.x + two.x).to_pt())
            }
            _ => None,
        })
        .collect();
    assert_eq!((found.len(), expected.len()), (2, 2), "{bbox}");
    for (found, expected) in found.iter().zip(&expected) {
        assert!((found - expected).abs() < 0.002, "\"2026\" at {found} pt, expected {expected} pt");
    }

    let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "qpdf --check failed:\n{report}");
    assert!(report.contains("No syntax or stream encoding errors"), "{report}");
}

mod arbitrary {
    //! Random documents, fixed seed: the exporter returns a PDF (never panics) and the same
    //! document gives the same bytes.

    use std::sync::OnceLock;

    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    use super::*;

    fn shared_book() -> &'static FontBook {
        static BOOK: OnceLock<FontBook> = OnceLock::new();
        BOOK.get_or_init(book)
    }

    fn abs() -> impl Strategy<Value = Abs> {
        prop_oneof![(-2_000i64..2_000).prop_map(Abs::pt), any::<i64>().prop_map(Abs)]
    }

    fn color() -> impl Strategy<Value = Color> {
        prop_oneof![
            any::<u8>().prop_map(Color::Gray),
            any::<[u8; 4]>().prop_map(|[c, m, y, k]| Color::Cmyk { c, m, y, k }),
        ]
    }

    fn glyph() -> impl Strategy<Value = Glyph> {
        (prop_oneof![0u16..12_000, any::<u16>()], abs(), prop_oneof![Just(Abs::ZERO), abs()], 0usize..12, 0usize..12)
            .prop_map(|(id, x, y, a, b)| Glyph { id, x, y, text: a..b })
    }

    fn item() -> impl Strategy<Value = Item> {
        let point = || (abs(), abs()).prop_map(|(x, y)| Point::new(x, y));
        let frame_rect = || (abs(), abs(), abs(), abs()).prop_map(|(x, y, w, h)| FrameRect::new(x, y, w, h));
        prop_oneof![
            (0u16..2, abs(), color(), point(), "[中文，Pa 2]{0,6}", prop::collection::vec(glyph(), 0..8)).prop_map(
                |(font, size, color, origin, text, glyphs)| Item::Text(TextRun {
                    font: FontId(font),
                    size,
                    color,
                    origin,
                    line: None,
                    text,
                    glyphs
                })
            ),
            (point(), point(), abs(), color()).prop_map(|(from, to, thickness, color)| Item::Rule(Rule {
                from,
                to,
                thickness,
                color
            })),
            (frame_rect(), color()).prop_map(|(rect, color)| Item::Fill(Fill { rect, color })),
            (frame_rect(), frame_rect(), 0u32..3).prop_map(|(rect, clip, side)| Item::Image(ImageItem {
                raster: Arc::new(Raster { width: side, height: side, data: RasterData::Gray(vec![128; 4]) }),
                rect,
                clip,
            })),
        ]
    }

    proptest! {
        #![proptest_config(Config {
            cases: 24,
            rng_seed: RngSeed::Fixed(2026),
            failure_persistence: None,
            ..Config::default()
        })]

        #[test]
        fn any_document_exports_the_same_twice(
            items in prop::collection::vec(item(), 0..10),
            media in (abs(), abs()),
            date in prop::option::of(any::<i64>()),
        ) {
            let mut page = page_with(items);
            page.media = Size { width: media.0, height: media.1 };
            let doc = Document { title: "随机".to_string(), pages: vec![page] };
            let options = PdfOptions { creation_date: date, ..PdfOptions::default() };
            let first = write_pdf(&doc, shared_book(), &options).unwrap();
            let second = write_pdf(&doc, shared_book(), &options).unwrap();
            prop_assert!(first.starts_with(b"%PDF-1.4"));
            prop_assert!(first == second);
        }
    }
}

#[test]
fn pdf_x_keys_overprint_and_ink_limit() {
    let book = book();
    let mut doc = document(&book);
    doc.pages[0]
        .items
        .push(Item::Fill(Fill { rect: rect(30, 260, 20, 20), color: Color::Cmyk { c: 100, m: 100, y: 100, k: 100 } }));
    let pdf = write_pdf(&doc, &book, &PdfOptions { creation_date: Some(0), ..PdfOptions::default() }).unwrap();
    for needle in [
        &b"/GTS_PDFXVersion (PDF/X-1a:2003)"[..],
        b"/S /GTS_PDFX",
        b"/OutputConditionIdentifier (IFRA26)",
        b"/RegistryName (http://www.color.org)",
        b"/OPM 1",
    ] {
        assert!(count(&pdf, needle) > 0, "missing {}", String::from_utf8_lossy(needle));
    }
    assert_eq!(count(&pdf, b"/Metadata"), 0, "no XMP in X-1a");
    let found = crate::preflight::check(&pdf, &crate::preflight::Profile::default()).unwrap();
    assert!(found.passed(), "{}", crate::preflight::report::table(&found, "test"));
}

#[test]
fn a_face_whose_file_went_away_after_loading_is_named_by_both_exporters() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, name: &str| {
        let path = dir.path().join(name);
        std::fs::copy(from, &path).unwrap();
        path
    };
    let (song, kai) = (copy(SONG, "song.otf"), copy(KAI, "kai.ttf"));
    let book = book_of(&song, &kai);
    let doc = document(&book);
    std::fs::remove_file(&song).unwrap();
    let error = write_pdf(&doc, &book, &PdfOptions::default()).unwrap_err();
    assert!(error.starts_with("cannot read font file") && error.contains("song.otf"), "{error}");
    let error = crate::render::png::rasterize(&doc.pages[0], &book, &Default::default()).unwrap_err();
    assert!(error.starts_with("cannot read font file") && error.contains("song.otf"), "{error}");
}
