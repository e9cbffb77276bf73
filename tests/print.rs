//! The sample as printers receive it: it passes the preflight as PDF/X-1a and, with a test
//! profile, as PDF/X-4 with marks; Ghostscript renders every page without a word and its CMYK
//! raster (tiff32nc) stays within the ink limit; mutool and pdftoppm render the same pages.

mod common;

use std::path::Path;
use std::process::Command;

use paiban::model::{LoadOptions, PdfX, PrintOverrides};
use paiban::pipeline::render_pdf;
use paiban::preflight::{Profile, check, report};

use common::{copy_sample, load_options, root, sample};

/// The sample as PDF/X-4 with the test profile and marks.
fn x4_with_marks(dir: &Path) -> Vec<u8> {
    let profile = dir.join("test-cmyk.icc");
    std::fs::write(&profile, common::icc::test_cmyk_profile()).unwrap();
    let print = PrintOverrides {
        standard: Some(PdfX::X4),
        icc_profile: Some(profile),
        marks: Some(true),
        ..PrintOverrides::default()
    };
    let options = LoadOptions { print, ..load_options() };
    render_pdf(&root().join("issues/sample"), &options, None).unwrap().0
}

fn assert_passes(pdf: &[u8], standard: PdfX) {
    let found = check(pdf, &Profile { standard: Some(standard), ink_limit: 240 }).unwrap();
    assert!(found.passed(), "{}", report::table(&found, "sample"));
    assert_eq!(found.pages, 3);
}

#[test]
fn the_sample_passes_as_pdf_x_1a() {
    let pdf = &sample().0;
    assert!(pdf.starts_with(b"%PDF-1.4"));
    assert_passes(pdf, PdfX::X1a);
    // No date given: the edition's date, 2026-04-24, at midnight UTC.
    assert!(common::contains(pdf, b"/CreationDate (D:20260424000000+00'00')"));
}

#[test]
fn the_sample_passes_as_pdf_x_4_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = x4_with_marks(dir.path());
    assert!(pdf.starts_with(b"%PDF-1.6"));
    assert_passes(&pdf, PdfX::X4);
    assert!(pdf == x4_with_marks(dir.path()), "two renders differ");
    if let Some((ok, text)) = common::tool_output("qpdf", &["--check"], &pdf) {
        assert!(ok, "{text}");
    }
    // Marks grow the sheet 12 mm past the 3 mm bleed on each side (390 × 545 mm trim).
    let media = 72.0 / 25.4 * (390.0 + 2.0 * 15.0);
    let needle = format!("/MediaBox [0 0 {}", (media * 1e4_f64).round() / 1e4);
    assert!(common::contains(&pdf, needle.split('.').next().unwrap().as_bytes()), "{needle}");
    assert!(common::contains(&pdf, b"/Separation /All"));
    if let Some((ok, text)) = common::tool_output("pdftotext", &["-f", "2", "-l", "2"], &pdf) {
        assert!(ok && text.contains("第二版 (2/3)"), "slug line missing: {text}");
    }
}

#[test]
fn the_edition_print_table_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    let edition = dir.path().join("edition.toml");
    let text = std::fs::read_to_string(&edition).unwrap();
    let with = |table: &str| {
        let first_page = text.find("[[page]]").unwrap();
        std::fs::write(&edition, format!("{}{table}\n\n{}", &text[..first_page], &text[first_page..])).unwrap();
        render_pdf(dir.path(), &load_options(), Some(0))
    };
    let pdf = with("[print]\nink_limit = 220\noutput_condition = \"FOGRA39\"").unwrap().0;
    assert!(common::contains(&pdf, b"(FOGRA39)") && common::contains(&pdf, b"(D:19700101000000+00'00')"));
    let error = with("[print]\nstandard = \"x4\"").err().unwrap().to_string();
    assert!(error.contains("ICC") && error.contains("edition.toml"), "{error}");
    let error = with("[print]\nicc_profile = \"missing.icc\"").err().unwrap().to_string();
    assert!(error.contains("missing.icc") && error.contains(":"), "{error}");
    let error = with("[print]\ninks = 3").err().unwrap().to_string();
    assert!(error.contains("inks"), "{error}");
}

/// The highest total ink of any pixel of a tiff32nc file, in percent.
fn max_ink(tiff: &[u8]) -> f64 {
    let le = tiff.starts_with(b"II");
    let u16_at = |at: usize| {
        let b = [tiff[at], tiff[at + 1]];
        if le { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) }
    };
    let u32_at = |at: usize| {
        let b = [tiff[at], tiff[at + 1], tiff[at + 2], tiff[at + 3]];
        if le { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) }
    };
    let ifd = u32_at(4) as usize;
    let tag = |wanted: u16| -> Vec<usize> {
        (0..usize::from(u16_at(ifd)))
            .map(|i| ifd + 2 + 12 * i)
            .find(|&e| u16_at(e) == wanted)
            .map(|e| {
                let (kind, count) = (u16_at(e + 2), u32_at(e + 4) as usize);
                let size = if kind == 3 { 2 } else { 4 };
                let base = if size * count <= 4 { e + 8 } else { u32_at(e + 8) as usize };
                (0..count)
                    .map(|i| if kind == 3 { usize::from(u16_at(base + 2 * i)) } else { u32_at(base + 4 * i) as usize })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(tag(259), vec![1], "uncompressed");
    let (offsets, counts) = (tag(273), tag(279));
    let max = offsets
        .iter()
        .zip(&counts)
        .flat_map(|(&o, &n)| tiff[o..o + n].chunks_exact(4))
        .map(|px| px.iter().map(|&v| u32::from(v)).sum::<u32>())
        .max()
        .unwrap_or(0);
    f64::from(max) * 100.0 / 255.0
}

#[test]
fn ghostscript_renders_every_page_cleanly_within_the_ink_limit() {
    let dir = tempfile::tempdir().unwrap();
    for (name, pdf) in [("x1a", sample().0.clone()), ("x4", x4_with_marks(dir.path()))] {
        let file = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, &pdf).unwrap();
        let out = dir.path().join(format!("{name}-%d.tif"));
        let Ok(run) = Command::new("gs")
            .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r50", "-dUseBleedBox"])
            .arg(format!("-sOutputFile={}", out.display()))
            .arg(&file)
            .output()
        else {
            eprintln!("note: `gs` is not installed; the Ghostscript check is skipped (.ci/run installs it)");
            return;
        };
        let said = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success() && said.trim().is_empty(), "gs on {name}: {said}");
        for page in 1..=2 {
            let tiff = std::fs::read(dir.path().join(format!("{name}-{page}.tif"))).unwrap();
            let ink = max_ink(&tiff);
            eprintln!("{name} page {page}: ink coverage max {ink:.0}%");
            assert!(ink <= 240.5, "{name} page {page}: {ink:.0}% total ink");
        }
    }
}

/// Gray pixels of a binary PGM (P5): width, height, samples.
fn pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

#[test]
fn mutool_and_pdftoppm_render_the_same_pages() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.pdf");
    std::fs::write(&file, &sample().0).unwrap();
    let mu = Command::new("mutool")
        .args(["draw", "-q", "-r", "20", "-c", "gray", "-o"])
        .arg(dir.path().join("mu-%d.pgm"))
        .arg(&file)
        .output();
    let pp = Command::new("pdftoppm").args(["-r", "20", "-gray"]).arg(&file).arg(dir.path().join("pp")).output();
    if !(mu.is_ok_and(|o| o.status.success()) && pp.is_ok_and(|o| o.status.success())) {
        eprintln!("note: mutool or pdftoppm is missing; the renderer comparison is skipped");
        return;
    }
    for page in 1..=2 {
        let (mw, mh, a) = pgm(&std::fs::read(dir.path().join(format!("mu-{page}.pgm"))).unwrap());
        let (pw, ph, b) = pgm(&std::fs::read(dir.path().join(format!("pp-{page}.pgm"))).unwrap());
        assert!(mw.abs_diff(pw) <= 1 && mh.abs_diff(ph) <= 1, "page {page}: {mw}×{mh} vs {pw}×{ph}");
        // Small type at 20 dpi is texture, antialiased differently by each renderer: compare
        // the mean gray of 8 × 8 pixel blocks (about 10 mm), where a misplaced or missing
        // article, photo or rule shows and antialiasing does not.
        const B: usize = 8;
        let block = |p: &[u8], stride: usize, bx: usize, by: usize| {
            (0..B)
                .flat_map(|j| (0..B).map(move |i| (j, i)))
                .map(|(j, i)| f64::from(p[(by + j) * stride + bx + i]))
                .sum::<f64>()
                / (B * B) as f64
        };
        let (w, h) = (mw.min(pw), mh.min(ph));
        let blocks: Vec<(usize, usize)> = (0..h / B).flat_map(|y| (0..w / B).map(move |x| (x * B, y * B))).collect();
        let mean = blocks.iter().map(|&(x, y)| (block(&a, mw, x, y) - block(&b, pw, x, y)).abs()).sum::<f64>()
            / blocks.len() as f64;
        eprintln!("page {page}: mean block difference mutool/pdftoppm {mean:.2} of 255");
        assert!(mean < 6.0, "page {page}: renderers differ by {mean:.2} on average");
    }
}
