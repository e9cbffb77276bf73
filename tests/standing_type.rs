//! Renders through standing type (what `paiban watch` keeps between renders) give the same PDF
//! and the same diagnostics as a fresh render of the edited edition, and set again only what
//! an edit touched: one paragraph's story, a template's page, every text for a new
//! `[composition]` or a font file saved again.

mod common;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use paiban::model::{LoadOptions, load_edition};
use paiban::pipeline::{Reuse, StandingType, render_pdf};
use paiban::render::pdf::{KeptPrograms, write_pdf_keeping};

use common::{copy_dir, load_options, root};

/// A copy of the sample edition with its own copy of the templates, in a temporary folder,
/// and the options it is loaded with.
struct Copy {
    dir: tempfile::TempDir,
    edition: PathBuf,
    options: LoadOptions,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().unwrap();
        // The sample finds its templates at ../../layouts.
        let edition = dir.path().join("issues/sample");
        copy_dir(&root().join("issues/sample"), &edition);
        copy_dir(&root().join("layouts"), &dir.path().join("layouts"));
        Copy { dir, edition, options: load_options() }
    }

    /// The same, with its own copy of the bundled fonts.
    fn with_fonts() -> Copy {
        let mut copy = Copy::new();
        copy.options.fonts_dir = copy.dir.path().join("fonts");
        copy_dir(&root().join("fonts"), &copy.options.fonts_dir);
        copy
    }

    /// Replaces the first `from` with `to` in a file of the edition (`../../layouts/…` for a
    /// template).
    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.edition.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

/// What a render gives: the PDF and the diagnostics, as the CLI prints them.
#[derive(Debug, PartialEq)]
struct Output {
    pdf: Vec<u8>,
    diagnostics: Vec<String>,
}

fn fresh(copy: &Copy) -> Output {
    let (pdf, typeset) = render_pdf(&copy.edition, &copy.options, Some(0)).unwrap();
    Output { pdf, diagnostics: typeset.diagnostics.iter().map(ToString::to_string).collect() }
}

/// What `watch` keeps between renders: standing type and the faces' subsets.
#[derive(Default)]
struct Kept {
    standing: StandingType,
    programs: KeptPrograms,
}

fn through(kept: &mut Kept, copy: &Copy) -> (Output, Reuse) {
    let (book, typeset, options, reuse) = kept.standing.typeset_dir(&copy.edition, &copy.options, Some(0)).unwrap();
    let pdf = write_pdf_keeping(&typeset.document, book, &options, &mut kept.programs).unwrap();
    (Output { pdf, diagnostics: typeset.diagnostics.iter().map(ToString::to_string).collect() }, reuse)
}

/// Renders through `standing` and checks that it gives what a fresh render gives.
fn same_as_fresh(standing: &mut Kept, copy: &Copy) -> (Output, Reuse) {
    let (kept, reuse) = through(standing, copy);
    let fresh = fresh(copy);
    assert_eq!(kept.diagnostics, fresh.diagnostics, "{reuse:?}");
    assert!(kept.pdf == fresh.pdf, "the PDF differs from a fresh render's ({reuse:?})");
    (kept, reuse)
}

/// The slugs of the edition's stories with a box on page `index` (0-based).
fn stories_on_page(copy: &Copy, index: usize) -> Vec<String> {
    let loaded = load_edition(&copy.edition, &copy.options).unwrap();
    loaded.stories.iter().filter(|s| s.parts.iter().any(|p| p.page == index)).map(|s| s.slug.clone()).collect()
}

#[test]
fn an_edited_paragraph_sets_only_its_story_again() {
    let copy = Copy::new();
    let mut standing = Kept::default();
    let (first, reuse) = same_as_fresh(&mut standing, &copy);
    assert!(reuse.fonts_loaded);
    assert_eq!(reuse.stories_set.len(), reuse.stories);
    assert_eq!(reuse.texts_shaped, reuse.texts);

    // Nothing changed: nothing is set again, and no face is subset again.
    let (again, reuse) = through(&mut standing, &copy);
    assert!(again == first, "a render with nothing changed differs");
    assert_eq!(standing.programs.reused(), standing.programs.faces());
    assert_eq!(standing.programs.faces(), 5);
    assert!(!reuse.fonts_loaded);
    assert_eq!((reuse.stories_set.len(), reuse.texts_shaped), (0, 0), "{reuse:?}");

    // One character of the first paragraph of `market`: that paragraph is shaped again, and
    // only its story is flowed again.
    copy.edit("articles/market.md", "早上7点", "早上8点");
    let (edited, reuse) = same_as_fresh(&mut standing, &copy);
    assert!(edited.pdf != first.pdf);
    assert_eq!(reuse.stories_set, ["market"]);
    assert_eq!(reuse.texts_shaped, 1, "{reuse:?}");
    assert!(!reuse.fonts_loaded);
}

#[test]
fn a_brief_that_grows_sets_the_brief_stacked_under_it_again() {
    let copy = Copy::new();
    let mut standing = Kept::default();
    same_as_fresh(&mut standing, &copy);
    // A word changed in place leaves the brief's depth, and the one below stays as it was.
    copy.edit("articles/brief-weather.md", "明天起", "后天起");
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.stories_set, ["brief-weather"]);
    // A paragraph more moves `notice-library`, stacked under it, down.
    let text = std::fs::read_to_string(copy.edition.join("articles/brief-weather.md")).unwrap();
    std::fs::write(copy.edition.join("articles/brief-weather.md"), text + "\n气象部门提醒市民出行携带雨具。\n")
        .unwrap();
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.stories_set, ["brief-weather", "notice-library"]);
}

#[test]
fn a_template_sets_its_pages_stories_again_and_the_edition_file_what_it_changes() {
    let copy = Copy::new();
    let mut standing = Kept::default();
    same_as_fresh(&mut standing, &copy);

    // The feature page's template sets every story with a box on page 3 again, and no other:
    // a type size (which changes the feature's headline), then the depth of the box the lead
    // ends in (which changes no text, only where the lead's lines go).
    let page_3 = stories_on_page(&copy, 2);
    assert!(page_3.contains(&"lead".to_string()) && page_3.len() < 20, "{page_3:?}");
    copy.edit("../../layouts/feature.toml", "headline = \"一号\"", "headline = \"二号\"");
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.stories_set, page_3);
    copy.edit(
        "../../layouts/feature.toml",
        "name = \"cont-a\"\ncolumn = 1\nspan = 3\nline = 40\nlines = 19",
        "name = \"cont-a\"\ncolumn = 1\nspan = 3\nline = 40\nlines = 16",
    );
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.stories_set, page_3);
    assert_eq!(reuse.texts_shaped, 0);

    // The serial number is set in the masthead only.
    copy.edit("edition.toml", "serial = 12345", "serial = 12346");
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert!(reuse.stories_set.is_empty() && reuse.texts_shaped == 1, "{reuse:?}");

    // Another punctuation style changes every text: all are shaped and flowed again.
    let toml = std::fs::read_to_string(copy.edition.join("edition.toml")).unwrap();
    let toml = toml.replacen("[[page]]", "[composition]\npunctuation = \"kaiming\"\n\n[[page]]", 1);
    std::fs::write(copy.edition.join("edition.toml"), toml).unwrap();
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!((reuse.texts_shaped, reuse.stories_set.len()), (reuse.texts, reuse.stories));
    assert!(!reuse.fonts_loaded);
}

#[test]
fn a_missing_character_is_reported_at_its_place_when_its_text_is_kept() {
    let copy = Copy::new();
    let mut standing = Kept::default();
    same_as_fresh(&mut standing, &copy);
    copy.edit("articles/market.md", "几乎每天都来集市", "几乎每天😀都来集市");
    let (edited, _) = same_as_fresh(&mut standing, &copy);
    // The emoji is set as .notdef in the body face, which is subset again; the others are not.
    assert_eq!(standing.programs.reused(), standing.programs.faces() - 1);
    let missing = |output: &Output| -> String {
        let found = output.diagnostics.iter().find(|d| d.contains("no font has U+1F600"));
        found.expect("the emoji is reported").clone()
    };
    assert!(missing(&edited).contains("(paragraph 2, character "), "{}", missing(&edited));

    // A paragraph added above it: the paragraph with the emoji is kept (only the new one is
    // shaped), and the report moves down two lines and becomes paragraph 3.
    copy.edit("articles/market.md", "“以前一下雨", "一段新的文字。\n\n“以前一下雨");
    let (moved, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.texts_shaped, 1, "{reuse:?}");
    assert!(missing(&moved).contains("(paragraph 3, character "), "{}", missing(&moved));
    let line = |report: &str| -> usize {
        let at = report.split("market.md:").nth(1).unwrap();
        at.split(':').next().unwrap().parse().unwrap()
    };
    assert_eq!(line(&missing(&moved)), line(&missing(&edited)) + 2);
}

#[test]
fn a_font_file_saved_again_is_read_again_and_every_text_set_again() {
    let copy = Copy::with_fonts();
    let mut standing = Kept::default();
    same_as_fresh(&mut standing, &copy);
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert!(!reuse.fonts_loaded && reuse.texts_shaped == 0, "{reuse:?}");
    let face = copy.options.fonts_dir.join("paiban-kai-regular.ttf");
    let file = std::fs::File::options().append(true).open(&face).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(60)).unwrap();
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert!(reuse.fonts_loaded, "{reuse:?}");
    assert_eq!((reuse.texts_shaped, reuse.stories_set.len()), (reuse.texts, reuse.stories));
}

#[test]
fn a_stand_in_is_set_when_the_story_it_stands_in_for_stops_reaching_its_box() {
    let copy = Copy::new();
    std::fs::write(copy.edition.join("articles/filler.md"), "+++\nheadline = \"补白\"\n+++\n补白一则。\n").unwrap();
    copy.edit(
        "edition.toml",
        "box = \"cont-b\"\narticle = \"brief-clinic\"",
        "box = \"cont-b\"\narticle = \"brief-clinic\"\nthen = \"filler\"",
    );
    let mut standing = Kept::default();
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert!(!reuse.stories_set.contains(&"filler".to_string()), "the clinic story reaches page 3: {reuse:?}");
    // Cut to its first paragraph, the clinic story ends on page 1, and the filler is set.
    let file = copy.edition.join("articles/brief-clinic.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.find("\n\n据介绍").unwrap()]).unwrap();
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.stories_set, ["brief-clinic", "filler"]);
    // Back as it was: the filler is not needed again, so it is set nowhere.
    std::fs::write(&file, &text).unwrap();
    let (_, reuse) = same_as_fresh(&mut standing, &copy);
    assert_eq!(reuse.stories_set, ["brief-clinic"]);
}
