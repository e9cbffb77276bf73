//! Proof overlays on the sample's front page, with problems injected into its layout: an
//! overset box gets its red markers and caption, a line starting with a closing mark and a line
//! off the grid get magenta warning frames, and none of it is drawn unless switched on.

mod common;

use paiban::frame::Page;
use paiban::pipeline::typeset_dir;
use paiban::render::overlay::Overlays;
use paiban::render::png::{PngOptions, rasterize};
use paiban::units::Abs;

use common::{load_options, root};

const OVERSET_RED: [u8; 3] = [220, 20, 20];
const WARNING_MAGENTA: [u8; 3] = [220, 0, 170];

/// Pixels of exactly `rgb` in the proof of `page`.
fn count(page: &Page, book: &paiban::fonts::FontBook, overlays: Overlays, rgb: [u8; 3]) -> usize {
    let pixmap = rasterize(page, book, &PngOptions { dpi: 50, overlays, ..PngOptions::default() }).unwrap();
    pixmap.data().chunks_exact(4).filter(|p| p[..3] == rgb).count()
}

#[test]
fn overset_and_warnings_are_marked_only_when_asked() {
    let (book, typeset, _) = typeset_dir(&root().join("issues/sample"), &load_options(), None).unwrap();
    let mut page = typeset.document.pages[0].clone();
    let c2 = page.layout.boxes.iter().position(|b| b.name == "c2").unwrap();
    page.layout.boxes[c2].overset = Some((41, 3));
    let line = page.layout.lines.iter().position(|l| l.box_index == Some(c2)).unwrap();
    page.layout.lines[line].text.insert(0, '，');
    let body = page.layout.lines.iter().rposition(|l| l.box_index == Some(c2)).unwrap();
    page.layout.lines[body].origin.y += Abs::pt(2);
    if std::env::var_os("PROOF_OUT").is_some() {
        let options = PngOptions { overlays: Overlays::ALL, ..PngOptions::default() };
        std::fs::write("target/overlays-page-01.png", paiban::render::png::render_png(&page, &book, &options).unwrap())
            .unwrap();
    }
    assert_eq!(count(&page, &book, Overlays::NONE, OVERSET_RED), 0);
    assert_eq!(count(&page, &book, Overlays::NONE, WARNING_MAGENTA), 0);
    let overset = Overlays { overset: true, ..Overlays::NONE };
    assert!(count(&page, &book, overset, OVERSET_RED) > 50);
    let warnings = Overlays { warnings: true, ..Overlays::NONE };
    assert!(count(&page, &book, warnings, WARNING_MAGENTA) > 50);
    let checks = paiban::render::checks::check_page(&page);
    assert_eq!(checks.len(), 2, "{checks:?}");
}
