//! Golden tests of the sample edition: a layout dump per page compared with the committed
//! `tests/golden/sample/page-NN.txt`, and one small reference PNG for what a dump cannot show
//! (that glyphs, rules and photos are actually painted where the dump says).
//!
//! Re-bless after an intended layout change with `UPDATE=1 cargo test --test golden`, then
//! review the change with `git diff tests/golden`. On a mismatch the actual output goes to
//! `target/golden/sample/` (with a diff image for PNGs) and the failure says what changed.

mod common;

use std::path::PathBuf;

use paiban::diff::{compare_pages, compare_pixels, highlight};
use paiban::fonts::FontBook;
use paiban::pipeline::{Typeset, typeset_dir};
use paiban::render::checks::check_page;
use paiban::render::dump::{dump_page, page_file_name, parse_dump};
use paiban::render::png::{PngOptions, rasterize, to_gray};

use common::{load_options, root};

fn sample() -> (FontBook, Typeset) {
    let (book, typeset, _) =
        typeset_dir(&root().join("issues/sample"), &load_options(), None).expect("the sample typesets");
    (book, typeset)
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden/sample")
}

fn actual_dir() -> PathBuf {
    let dir = root().join("target/golden/sample");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn updating() -> bool {
    std::env::var_os("UPDATE").is_some_and(|v| v != "0")
}

#[test]
fn every_sample_page_matches_its_golden_dump() {
    let (book, typeset) = sample();
    let mut failures = Vec::new();
    for page in &typeset.document.pages {
        let name = page_file_name(page.number, "txt");
        let actual = dump_page(page, &book);
        let golden = golden_dir().join(&name);
        if updating() {
            std::fs::write(&golden, actual.to_text()).unwrap();
            continue;
        }
        let Ok(expected) = std::fs::read_to_string(&golden) else {
            failures.push(format!("{name}: no golden dump; bless it with UPDATE=1 cargo test --test golden"));
            continue;
        };
        if expected == actual.to_text() {
            continue;
        }
        let written = actual_dir().join(&name);
        std::fs::write(&written, actual.to_text()).unwrap();
        let changes = match parse_dump(&expected) {
            Ok(expected) => compare_pages(Some(&expected), Some(&actual)).iter().map(|c| format!("  {c}")).collect(),
            Err(e) => vec![format!("  the golden dump does not parse: {e}")],
        };
        failures.push(format!(
            "{name} differs (actual in {}; diff -u {} {}):\n{}",
            written.display(),
            golden.display(),
            written.display(),
            changes.join("\n")
        ));
    }
    assert!(
        failures.is_empty(),
        "{}\nif the change is intended: UPDATE=1 cargo test --test golden",
        failures.join("\n")
    );
}

/// Page 1 at 20 dpi: small enough to commit, enough to see every photo, rule and headline.
#[test]
fn the_front_page_looks_like_its_reference_png() {
    let (book, typeset) = sample();
    let pixmap =
        rasterize(&typeset.document.pages[0], &book, &PngOptions { dpi: 20, ..PngOptions::default() }).unwrap();
    let actual = to_gray(&pixmap);
    let reference = golden_dir().join("page-01-20dpi.png");
    if updating() {
        actual.save(&reference).unwrap();
        return;
    }
    let expected = image::open(&reference).expect("reference PNG; bless it with UPDATE=1").to_luma8();
    let diff = compare_pixels(&expected, &actual, 24);
    // Anti-aliasing may move by a level or two across tiny-skia releases; a changed glyph,
    // rule or photo changes hundreds of pixels.
    if diff.differing > 50 || expected.dimensions() != actual.dimensions() {
        let dir = actual_dir();
        actual.save(dir.join("page-01-20dpi.png")).unwrap();
        highlight(&expected, &actual, 24).save(dir.join("page-01-20dpi-diff.png")).unwrap();
        panic!(
            "page 1 at 20 dpi differs from {}: {} pixels beyond tolerance in {:?}; actual and diff image in {}",
            reference.display(),
            diff.differing,
            diff.bounds,
            dir.display()
        );
    }
}

#[test]
fn the_sample_has_no_kinsoku_or_grid_warnings() {
    let (_, typeset) = sample();
    for page in &typeset.document.pages {
        let warnings: Vec<String> = check_page(page)
            .iter()
            .map(|w| format!("{} on line «{}»", w.caption(), page.layout.lines[w.line()].text))
            .collect();
        assert!(warnings.is_empty(), "page {}:\n{}", page.number, warnings.join("\n"));
    }
}
