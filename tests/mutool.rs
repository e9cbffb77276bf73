//! The PNG proof against `mutool draw` (MuPDF) rendering the PDF of the same pages: they must
//! agree within a tolerance on every sample page, so that a proof shows what the plate will
//! carry. Skipped when mutool is not installed (`.ci/run` installs Debian's mupdf-tools).
//!
//! Measured on the sample at 50 dpi, whole sheet, gray (tiny-skia 0.12 against MuPDF's
//! `mutool draw`): see `docs/PROOFS.md`. The two anti-alias glyph edges differently, so single
//! pixels differ; a missing glyph, a shifted line or a misplaced photo breaks the bounds.

mod common;

use std::process::Command;

use paiban::diff::{compare_pixels, reduce};
use paiban::pipeline::typeset_dir;
use paiban::render::png::{Area, PngOptions, rasterize, to_gray};

use common::{load_options, root, sample};

const DPI: u32 = 50;
/// Gray levels two pixels may differ by and still agree.
const TOLERANCE: u8 = 64;
/// Bounds on the whole page: mean absolute difference (thousandths of a gray level) and the
/// share of pixels beyond the tolerance (parts per million). At 50 dpi body type is six pixels
/// high, nearly every text pixel is an edge, and the two rasterizers' coverage rules differ there.
const MAX_MEAN_MILLI: u64 = 8_000;
const MAX_DIFFERING_PPM: u64 = 12_000;
/// Blocks of 8 × 8 pixels (11.5 pt, about a character) averaged: edges cancel out, so no block
/// may differ by more than this. A missing glyph, a line shifted by a pixel or a misplaced
/// photo changes a block by far more.
const BLOCK: u32 = 8;
const BLOCK_TOLERANCE: u8 = 32;

#[test]
fn proofs_agree_with_mutool_on_every_sample_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sample.pdf");
    std::fs::write(&pdf, &sample().0).unwrap();
    let pattern = dir.path().join("mutool-%d.png");
    let resolution = DPI.to_string();
    let ran = Command::new("mutool")
        .args(["draw", "-q", "-r", &resolution, "-c", "gray", "-o"])
        .arg(&pattern)
        .arg(&pdf)
        .output();
    let Ok(output) = ran else {
        eprintln!("note: `mutool` is not installed; the proof/PDF agreement check is skipped (.ci/run installs it)");
        return;
    };
    assert!(output.status.success(), "mutool failed: {}", String::from_utf8_lossy(&output.stderr));
    let (book, typeset, _) = typeset_dir(&root().join("issues/sample"), &load_options(), None).unwrap();
    let options = PngOptions { dpi: DPI, area: Area::Media, ..PngOptions::default() };
    let mut report = Vec::new();
    for (index, page) in typeset.document.pages.iter().enumerate() {
        let ours = to_gray(&rasterize(page, &book, &options).unwrap());
        let theirs = image::open(dir.path().join(format!("mutool-{}.png", index + 1))).unwrap().to_luma8();
        let diff = compare_pixels(&ours, &theirs, TOLERANCE);
        let blocks = compare_pixels(&reduce(&ours, BLOCK), &reduce(&theirs, BLOCK), BLOCK_TOLERANCE);
        let line = format!(
            "page {}: ours {}x{}, mutool {}x{}, mean |d| {}.{:03}, {} ppm of pixels beyond {TOLERANCE}, \
             {} of {} {BLOCK}x{BLOCK} blocks beyond {BLOCK_TOLERANCE}",
            page.number,
            ours.width(),
            ours.height(),
            theirs.width(),
            theirs.height(),
            diff.mean_milli / 1000,
            diff.mean_milli % 1000,
            diff.differing_ppm(),
            blocks.differing,
            blocks.total
        );
        eprintln!("{line}");
        let agrees = diff.mean_milli <= MAX_MEAN_MILLI
            && blocks.differing == 0
            && diff.differing_ppm() <= MAX_DIFFERING_PPM
            && ours.width().abs_diff(theirs.width()) <= 1
            && ours.height().abs_diff(theirs.height()) <= 1;
        if !agrees {
            report.push(line);
        }
    }
    assert!(report.is_empty(), "proof and mutool disagree:\n{}", report.join("\n"));
}
