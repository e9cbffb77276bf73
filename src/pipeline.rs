//! The pipeline in one place: shape every text of the edition, flow each story through its
//! chain, paginate, and collect what went wrong (overset, characters no font has, boxes a
//! story never reached) as diagnostics with their file and line.

use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Location};
use crate::flow::{PartTexts, PhotoSize, SetText, StoryLayout, StoryTexts, flow_story};
use crate::fonts::{Font, FontBook};
use crate::frame::Document;
use crate::linebreak::build_items;
use crate::model::{Block, Composition, Edition, LoadOptions, PrintSettings, Story, load_edition};
use crate::paginate::{FurnitureTexts, SetStory, paginate};
use crate::render::pdf::{PdfOptions, write_pdf};
use crate::shape::Shaper;

/// A typeset edition and what the typesetter has to say about it.
pub struct Typeset {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// The print settings the PDF is written with (for `render --check`).
    pub print: PrintSettings,
}

/// Loads the edition's faces; an unreadable font is an error naming the file.
pub fn load_fonts(edition: &Edition) -> Result<FontBook, Diagnostic> {
    let at = || Location::file(&edition.file);
    let fonts = edition
        .faces
        .par_iter()
        .map(|(key, path)| Font::load(key, path, 0))
        .collect::<Result<Vec<Font>, String>>()
        .map_err(|e| {
            Diagnostic::error(at(), e)
                .with_hint("run `bash fonts/build-subsets.sh` to rebuild the bundled fonts, or fix [fonts.faces]")
        })?;
    FontBook::new(fonts, edition.roles.clone()).map_err(|e| Diagnostic::error(at(), e))
}

/// The whole job: an edition folder in, PDF bytes out, with the typesetter's diagnostics.
/// `source_date` is SOURCE_DATE_EPOCH when the caller has one (see [`pdf_options`]).
/// Bad input (unreadable files, invalid settings, fonts that do not load) is an `Err`.
pub fn render_pdf(
    dir: &Path,
    options: &LoadOptions,
    source_date: Option<i64>,
) -> Result<(Vec<u8>, Typeset), Diagnostic> {
    let (book, typeset, pdf) = typeset_dir(dir, options, source_date)?;
    let bytes = write_pdf(&typeset.document, &book, &pdf)
        .map_err(|e| Diagnostic::error(Location::file(dir), format!("cannot write the PDF: {e}")))?;
    Ok((bytes, typeset))
}

/// How the edition's PDF is written: its `[print]` settings, and the date PDF/X requires, which
/// is `source_date` (seconds since 1970) when given, else the edition's date at 00:00 UTC, so
/// that the same input always gives the same bytes.
pub fn pdf_options(edition: &Edition, source_date: Option<i64>) -> PdfOptions {
    let edition_day = edition.date.days_since_epoch() * 86_400;
    PdfOptions { creation_date: Some(source_date.unwrap_or(edition_day)), print: edition.print.clone() }
}

/// An edition folder typeset, with the font book its runs name and the options its PDF is
/// written with: what proofs, dumps and the PDF need. Bad input is an `Err`, as for
/// [`render_pdf`].
pub fn typeset_dir(
    dir: &Path,
    options: &LoadOptions,
    source_date: Option<i64>,
) -> Result<(FontBook, Typeset, PdfOptions), Diagnostic> {
    let edition = load_edition(dir, options)?;
    let book = load_fonts(&edition)?;
    let typeset = typeset(&edition, &book);
    let pdf = pdf_options(&edition, source_date);
    Ok((book, typeset, pdf))
}

/// Typesets a loaded edition: [`set_texts`], [`flow_stories`], then [`paginate_edition`].
pub fn typeset(edition: &Edition, book: &FontBook) -> Typeset {
    let texts = set_texts(edition, book);
    let layouts = flow_stories(edition, &texts);
    paginate_edition(edition, texts, &layouts)
}

/// Every text of the edition shaped and broken into items, with what went wrong so far.
pub struct EditionTexts {
    pub stories: Vec<StoryTexts>,
    pub furniture: Vec<FurnitureTexts>,
    /// The edition's own diagnostics, then those of shaping the stories.
    pub diagnostics: Vec<Diagnostic>,
    /// Those of shaping the furniture, reported after the layout's.
    pub furniture_diagnostics: Vec<Diagnostic>,
}

/// Shapes every text of the edition (stories, then each page's furniture) and builds its
/// line-breaking items.
pub fn set_texts(edition: &Edition, book: &FontBook) -> EditionTexts {
    let settings = &edition.composition;
    let new_shaper = || Shaper::new(book, settings.fullwidth_ascii);
    // Stories are shaped in parallel, each worker with its own shaper (faces, plans and half
    // forms cached); results and their diagnostics are collected in story order.
    let set: Vec<(StoryTexts, Vec<Diagnostic>)> = edition
        .stories
        .par_iter()
        .map_init(new_shaper, |shaper, story| {
            let mut diagnostics = Vec::new();
            let texts = set_story(shaper, settings, story, &mut diagnostics);
            (texts, diagnostics)
        })
        .collect();
    let mut diagnostics = edition.diagnostics.clone();
    let mut stories = Vec::with_capacity(set.len());
    for (texts, story_diagnostics) in set {
        stories.push(texts);
        diagnostics.extend(story_diagnostics);
    }
    let mut shaper = new_shaper();
    let mut furniture_diagnostics = Vec::new();
    let furniture: Vec<FurnitureTexts> = edition
        .pages
        .iter()
        .map(|page| {
            page.furniture
                .iter()
                .map(|f| {
                    (f.slot, set_text(&mut shaper, settings, &f.text, &edition.file, 0, &mut furniture_diagnostics))
                })
                .collect()
        })
        .collect();
    EditionTexts { stories, furniture, diagnostics, furniture_diagnostics }
}

/// Flows each story through its chain of boxes.
pub fn flow_stories(edition: &Edition, texts: &EditionTexts) -> Vec<StoryLayout> {
    // Stories are independent of each other, so they flow in parallel; a stand-in depends on
    // whether the story it stands in for reached its box, so stand-ins wait for that pass and
    // then flow in edition order (they come after every story they may stand in for).
    let mut layouts: Vec<Option<StoryLayout>> = edition
        .stories
        .par_iter()
        .zip(&texts.stories)
        .map(|(story, texts)| story.stands_in_for.is_none().then(|| flow_story(story, texts, &edition.pages)))
        .collect();
    for (k, (story, texts)) in edition.stories.iter().zip(&texts.stories).enumerate() {
        let Some(stand_in) = story.stands_in_for else { continue };
        let primary = layouts[stand_in.story].as_ref().expect("stand-ins follow the stories they stand in for");
        let needed = !primary.parts[stand_in.part].reached;
        layouts[k] = Some(if needed {
            flow_story(story, texts, &edition.pages)
        } else {
            StoryLayout::unplaced(story.parts.len())
        });
    }
    layouts.into_iter().map(|layout| layout.expect("every story flowed")).collect()
}

/// Reports what the flow could not place, and assembles the pages.
pub fn paginate_edition(edition: &Edition, texts: EditionTexts, layouts: &[StoryLayout]) -> Typeset {
    let EditionTexts { stories, furniture, mut diagnostics, furniture_diagnostics } = texts;
    for (story, layout) in edition.stories.iter().zip(layouts) {
        report_layout(edition, story, layout, &mut diagnostics);
    }
    diagnostics.extend(furniture_diagnostics);
    let sets: Vec<SetStory> = stories.iter().zip(layouts).map(|(texts, layout)| SetStory { texts, layout }).collect();
    let document = paginate(edition, &furniture, &sets);
    Typeset { document, diagnostics, print: edition.print.clone() }
}

/// Shapes and itemizes one text, reporting characters no face has.
fn set_text(
    shaper: &mut Shaper,
    settings: &Composition,
    text: &crate::model::StyledText,
    file: &Path,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> SetText {
    let mut shaped = shaper.shape(text);
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
    let mut items = build_items(&text.text, &shaped, settings);
    // Every text of the edition stays in memory until the PDF is written: the growth slack
    // of these vectors (up to half of them) was a third of the peak at 64 pages.
    shaped.glyphs.shrink_to_fit();
    items.items.shrink_to_fit();
    items.gaps.shrink_to_fit();
    SetText { text: text.text.clone(), shaped, items }
}

fn set_story(
    shaper: &mut Shaper,
    settings: &Composition,
    story: &Story,
    diagnostics: &mut Vec<Diagnostic>,
) -> StoryTexts {
    let mut set = |block: &Block| set_text(shaper, settings, &block.text, &story.file, block.line, diagnostics);
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

/// Overset text, boxes never reached, stand-ins not needed.
fn report_layout(edition: &Edition, story: &Story, layout: &StoryLayout, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(stand_in) = story.stands_in_for.filter(|_| !layout.parts.iter().any(|p| p.reached)) {
        let primary = &edition.stories[stand_in.story];
        diagnostics.push(Diagnostic::warning(
            Location::file(&story.file),
            format!("stand-in `{}` is not needed: `{}` reached the box it was to fill", story.slug, primary.slug),
        ));
        return;
    }
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
    for (k, (part, placed)) in story.parts.iter().zip(&layout.parts).enumerate() {
        if !placed.reached {
            let page = &edition.pages[part.page];
            let name = &page.geometry.boxes[part.box_index].name;
            let fate = match stand_in_for(edition, story, k) {
                Some(other) => format!("`{}` fills it instead", other.slug),
                None => "the box stays empty".to_string(),
            };
            diagnostics.push(Diagnostic::warning(
                Location::file(&edition.file),
                format!("story `{}` ends before its box `{name}` on page {}; {fate}", story.slug, page.number),
            ));
        }
    }
}

/// The stand-in named for part `part` of `story`, if any.
fn stand_in_for<'e>(edition: &'e Edition, story: &Story, part: usize) -> Option<&'e Story> {
    edition
        .stories
        .iter()
        .find(|s| s.stands_in_for.is_some_and(|f| f.part == part && edition.stories[f.story].slug == story.slug))
}
