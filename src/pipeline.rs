//! The pipeline in one place: shape every text of the edition, flow each story through its
//! chain, paginate, and collect what went wrong (overset, characters no font has, boxes a
//! story never reached) as diagnostics with their file and line.

use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::flow::{PartTexts, PhotoSize, SetText, StoryLayout, StoryTexts, flow_story};
use crate::fonts::{Font, FontBook};
use crate::frame::Document;
use crate::linebreak::build_items;
use crate::model::{Block, Edition, LoadOptions, Story, load_edition};
use crate::paginate::{FurnitureTexts, SetStory, paginate};
use crate::render::pdf::{PdfOptions, write_pdf};
use crate::shape::Shaper;

/// A typeset edition and what the typesetter has to say about it.
pub struct Typeset {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the edition's faces; an unreadable font is an error naming the file.
pub fn load_fonts(edition: &Edition) -> Result<FontBook, Diagnostic> {
    let at = || Location::file(&edition.file);
    let fonts = edition
        .faces
        .iter()
        .map(|(key, path)| Font::load(key, path, 0))
        .collect::<Result<Vec<Font>, String>>()
        .map_err(|e| {
            Diagnostic::error(at(), e)
                .with_hint("run `bash fonts/build-subsets.sh` to rebuild the bundled fonts, or fix [fonts.faces]")
        })?;
    FontBook::new(fonts, edition.roles.clone()).map_err(|e| Diagnostic::error(at(), e))
}

/// The whole job: an edition folder in, PDF bytes out, with the typesetter's diagnostics.
/// Bad input (unreadable files, invalid settings, fonts that do not load) is an `Err`.
pub fn render_pdf(dir: &Path, options: &LoadOptions, pdf: &PdfOptions) -> Result<(Vec<u8>, Typeset), Diagnostic> {
    let edition = load_edition(dir, options)?;
    let book = load_fonts(&edition)?;
    let typeset = typeset(&edition, &book);
    let bytes = write_pdf(&typeset.document, &book, pdf)
        .map_err(|e| Diagnostic::error(Location::file(dir), format!("cannot write the PDF: {e}")))?;
    Ok((bytes, typeset))
}

/// An edition folder typeset, with the font book its runs name: what proofs and dumps need.
/// Bad input is an `Err`, as for [`render_pdf`].
pub fn typeset_dir(dir: &Path, options: &LoadOptions) -> Result<(FontBook, Typeset), Diagnostic> {
    let edition = load_edition(dir, options)?;
    let book = load_fonts(&edition)?;
    let typeset = typeset(&edition, &book);
    Ok((book, typeset))
}

/// Typesets a loaded edition.
pub fn typeset(edition: &Edition, book: &FontBook) -> Typeset {
    let mut shaper = Shaper::new(book);
    let mut diagnostics = edition.diagnostics.clone();
    let texts: Vec<StoryTexts> = edition.stories.iter().map(|s| set_story(&mut shaper, s, &mut diagnostics)).collect();
    let layouts: Vec<StoryLayout> =
        edition.stories.iter().zip(&texts).map(|(s, t)| flow_story(s, t, &edition.pages)).collect();
    for (story, layout) in edition.stories.iter().zip(&layouts) {
        report_layout(edition, story, layout, &mut diagnostics);
    }
    let furniture: Vec<FurnitureTexts> = edition
        .pages
        .iter()
        .map(|page| {
            page.furniture
                .iter()
                .map(|f| (f.slot, set_text(&mut shaper, &f.text, &edition.file, 0, &mut diagnostics)))
                .collect()
        })
        .collect();
    let sets: Vec<SetStory> = texts.iter().zip(&layouts).map(|(texts, layout)| SetStory { texts, layout }).collect();
    let document = paginate(edition, &furniture, &sets);
    Typeset { document, diagnostics }
}

/// Shapes and itemizes one text, reporting characters no face has.
fn set_text(
    shaper: &mut Shaper,
    text: &crate::model::StyledText,
    file: &Path,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> SetText {
    let shaped = shaper.shape(text);
    for missing in &shaped.missing {
        let column = text.text[..missing.offset].chars().count() + 1;
        let location = Location { line: (line > 0).then_some(line), ..Location::file(file) }
            .with_detail(format!("character {column}"));
        diagnostics.push(
            Diagnostic::warning(
                location,
                format!("no font has U+{:04X} `{}`; it prints as a blank box", missing.c as u32, missing.c),
            )
            .with_hint("add a face that has it under [fonts.faces] and to the role's chain in [fonts.roles]"),
        );
    }
    let items = build_items(&text.text, &shaped);
    SetText { text: text.text.clone(), shaped, items }
}

fn set_story(shaper: &mut Shaper, story: &Story, diagnostics: &mut Vec<Diagnostic>) -> StoryTexts {
    let mut set = |block: &Block| set_text(shaper, &block.text, &story.file, block.line, diagnostics);
    let head = story.head.iter().map(&mut set).collect();
    let caption = story.photo.as_ref().map(|p| set(&p.caption));
    let photo_credit = story.photo.as_ref().and_then(|p| p.credit.as_ref()).map(&mut set);
    let body = story.body.iter().map(&mut set).collect();
    let parts = story
        .parts
        .iter()
        .map(|p| PartTexts {
            jump_headline: p.jump_headline.as_ref().map(&mut set),
            jump_in: p.jump_in.as_ref().map(&mut set),
            jump_out: p.jump_out.as_ref().map(&mut set),
        })
        .collect();
    let photo = story.photo.as_ref().map(|p| PhotoSize { width: p.raster.width, height: p.raster.height });
    StoryTexts { head, photo, caption, photo_credit, body, parts }
}

/// Overset text and boxes never reached.
fn report_layout(edition: &Edition, story: &Story, layout: &StoryLayout, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(overset) = &layout.overset {
        let block = &story.body[overset.block];
        let paragraph = story.body[..=overset.block].iter().filter(|b| b.kind == block.kind).count();
        let character = block.text.text[..overset.offset].chars().count() + 1;
        let location = Location::line(&story.file, block.line)
            .with_detail(format!("paragraph {paragraph}, character {character}"));
        diagnostics.push(
            Diagnostic::error(
                location,
                format!(
                    "story `{}` is overset: {} characters ({} lines) do not fit in its boxes",
                    story.slug, overset.chars, overset.lines
                ),
            )
            .with_hint(format!("add a continuation box on a later page or cut {} characters", overset.chars)),
        );
    }
    for (part, placed) in story.parts.iter().zip(&layout.parts) {
        if !placed.reached {
            let page = &edition.pages[part.page];
            let name = &page.geometry.boxes[part.box_index].name;
            diagnostics.push(Diagnostic::warning(
                Location::file(&edition.file),
                format!(
                    "story `{}` ends before its box `{name}` on page {}; the box stays empty",
                    story.slug, page.number
                ),
            ));
        }
    }
}
