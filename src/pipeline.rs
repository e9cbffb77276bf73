//! The pipeline in one place: shape every text of the edition, flow each story through its
//! chain, paginate, and collect what went wrong (overset, characters no font has, lines wider
//! than their column, boxes a story never reached) as diagnostics with their file, line and
//! column, and for article text the paragraph and character.

mod standing;

pub use standing::{Reuse, StandingType};

use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Location};
use crate::flow::{PartTexts, PhotoSize, SetText, StoryLayout, StoryTexts, TextRef, break_balanced, flow_story};
use crate::fonts::{Font, FontBook, load_bundled_faces};
use crate::frame::Document;
use crate::linebreak::{Align, build_items};
use crate::model::{
    Block, BlockKind, Composition, Edition, EditionPage, LoadOptions, PrintSettings, Story, StyledText, load_edition,
};
use crate::paginate::{FurnitureTexts, SetStory, paginate};
use crate::render::pdf::{PdfOptions, write_pdf};
use crate::shape::Shaper;
use crate::units::Abs;

use standing::{Setter, StandingTexts};

/// A typeset edition and what the typesetter has to say about it.
pub struct Typeset {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// The print settings the PDF is written with (for `render --check`).
    pub print: PrintSettings,
    /// Each story's layout, in the order of the edition's stories (what was set where, and
    /// what is overset): for checks such as [`conserve`](crate::conserve).
    pub layouts: Vec<StoryLayout>,
}

/// Loads the edition's faces; an unreadable font is an error naming the file.
pub fn load_fonts(edition: &Edition) -> Result<FontBook, Diagnostic> {
    load_fonts_with(edition, Vec::new())
}

/// [`load_fonts`], taking any face already loaded in `ready` (same key, same file).
fn load_fonts_with(edition: &Edition, ready: Vec<Font>) -> Result<FontBook, Diagnostic> {
    let at = || Location::file(&edition.file);
    let loaded = |key: &str, path: &Path| ready.iter().find(|f| f.key == key && f.path == path).cloned();
    let fonts = edition
        .faces
        .par_iter()
        .map(|(key, path)| loaded(key, path).map_or_else(|| Font::load(key, path, 0), Ok).map_err(|e| (e, path)))
        .collect::<Result<Vec<Font>, (String, &std::path::PathBuf)>>()
        .map_err(|(e, path)| {
            Diagnostic::error(font_named_at(edition, path).unwrap_or_else(at), e)
                .with_hint("run `bash fonts/build-subsets.sh` to rebuild the bundled fonts, or fix [fonts.faces]")
        })?;
    FontBook::new(fonts, edition.roles.clone()).map_err(|e| Diagnostic::error(at(), e))
}

/// Where byte `offset` of a furniture text is in edition.toml, when the edition wrote the text
/// (paper name, masthead lines, flags); else the file.
fn furniture_at(edition: &Edition, text: &str, offset: usize) -> Location {
    let found = std::fs::read_to_string(&edition.file).ok().and_then(|source| {
        let start = source.find(text)? + offset;
        Some(Location::at_offset(&edition.file, &source, start))
    });
    found.unwrap_or_else(|| Location::file(&edition.file))
}

/// Where edition.toml names a font file of the edition's own, if it does.
fn font_named_at(edition: &Edition, path: &std::path::Path) -> Option<Location> {
    let dir = edition.file.parent()?;
    let written = path.strip_prefix(dir).ok()?.to_str()?;
    let source = std::fs::read_to_string(&edition.file).ok()?;
    let start = source.find(written)?;
    Some(Location::at_span(&edition.file, &source, start..start + written.len()))
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
    // Most editions set in the bundled faces: they are read while the edition loads, and
    // load_fonts reads only faces the edition names instead.
    let (edition, bundled) = rayon::join(|| load_edition(dir, options), || load_bundled_faces(&options.fonts_dir));
    let edition = edition?;
    let book = load_fonts_with(&edition, bundled)?;
    let typeset = typeset(&edition, &book);
    let pdf = pdf_options(&edition, source_date);
    Ok((book, typeset, pdf))
}

/// Typesets a loaded edition: [`set_texts`], [`flow_stories`], then [`paginate_edition`].
pub fn typeset(edition: &Edition, book: &FontBook) -> Typeset {
    let texts = set_texts(edition, book);
    let layouts = flow_stories(edition, &texts);
    paginate_edition(edition, texts, layouts)
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
    set_texts_through(edition, book, None)
}

/// [`set_texts`], taking each text from `standing` where it was set before.
fn set_texts_through(edition: &Edition, book: &FontBook, standing: Option<&StandingTexts>) -> EditionTexts {
    let new_setter = || Setter::new(book, &edition.composition, standing);
    // The pages' furniture is set while the stories are.
    let ((stories, story_diagnostics), (furniture, furniture_diagnostics)) =
        rayon::join(|| set_stories(edition, &new_setter), || set_furniture(edition, &mut new_setter()));
    let mut diagnostics = edition.diagnostics.clone();
    diagnostics.extend(story_diagnostics);
    EditionTexts { stories, furniture, diagnostics, furniture_diagnostics }
}

/// Every story's texts, and what went wrong setting them, in story order.
fn set_stories<'a>(
    edition: &Edition,
    new_setter: &(dyn Fn() -> Setter<'a> + Sync),
) -> (Vec<StoryTexts>, Vec<Diagnostic>) {
    // Stories are shaped in parallel, in a few runs of consecutive stories, each with its own
    // setter (its shaper caches faces, plans and half forms: a new one starts them afresh);
    // results and their diagnostics are collected in story order.
    let runs = 4 * rayon::current_num_threads();
    let per_run = edition.stories.len().div_ceil(runs).max(1);
    let set: Vec<(StoryTexts, Vec<Diagnostic>)> = edition
        .stories
        .par_chunks(per_run)
        .flat_map_iter(|stories| {
            let mut setter = new_setter();
            let set: Vec<_> = stories
                .iter()
                .map(|story| {
                    let mut diagnostics = Vec::new();
                    let texts = set_story(&mut setter, edition, story, &mut diagnostics);
                    (texts, diagnostics)
                })
                .collect();
            set
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut stories = Vec::with_capacity(set.len());
    for (texts, story_diagnostics) in set {
        stories.push(texts);
        diagnostics.extend(story_diagnostics);
    }
    (stories, diagnostics)
}

/// Every page's furniture set, and what went wrong setting it, in page order.
fn set_furniture(edition: &Edition, setter: &mut Setter) -> (Vec<FurnitureTexts>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let furniture = edition
        .pages
        .iter()
        .map(|page| {
            page.furniture
                .iter()
                .map(|f| {
                    let at = |offset: usize| {
                        let character = f.text.text[..offset].chars().count() + 1;
                        furniture_at(edition, &f.text.text, offset)
                            .with_detail(format!("page {}, character {character}", page.number))
                    };
                    (f.slot, set_text(setter, &f.text, false, &at, &mut diagnostics))
                })
                .collect()
        })
        .collect();
    (furniture, diagnostics)
}

/// Flows each story through its chain of boxes.
pub fn flow_stories(edition: &Edition, texts: &EditionTexts) -> Vec<StoryLayout> {
    flow_stories_by(edition, texts, &|story, texts, start_row| flow_story(story, texts, &edition.pages, start_row))
}

/// [`flow_stories`], with `flow` laying out each story that is set (given its texts and the
/// row it starts on), so that standing type can hand back a layout it kept.
fn flow_stories_by(
    edition: &Edition,
    texts: &EditionTexts,
    flow: &(dyn Fn(&Story, &StoryTexts, u32) -> StoryLayout + Sync),
) -> Vec<StoryLayout> {
    // Most stories are independent of each other and flow in parallel. Two kinds wait for an
    // earlier story: a stand-in (did the story it stands in for reach its box?) and a brief
    // stacked under another (where did that one end?). They flow afterwards in edition order,
    // which puts every one after the story it depends on.
    let depends =
        |story: &Story| story.stands_in_for.is_some() || story.parts.first().is_some_and(|p| p.below.is_some());
    let mut layouts: Vec<Option<StoryLayout>> = edition
        .stories
        .par_iter()
        .zip(&texts.stories)
        .map(|(story, texts)| (!depends(story)).then(|| flow(story, texts, 0)))
        .collect();
    for (k, (story, texts)) in edition.stories.iter().zip(&texts.stories).enumerate() {
        if !depends(story) {
            continue;
        }
        let done: Vec<&StoryLayout> =
            layouts[..k].iter().map(|l| l.as_ref().expect("earlier stories flowed")).collect();
        let needed = story.stands_in_for.is_none_or(|s| !done[s.story].parts[s.part].reached);
        layouts[k] = Some(if needed {
            flow(story, texts, start_row(edition, story, &done))
        } else {
            StoryLayout::unplaced(story.parts.len())
        });
    }
    layouts.into_iter().map(|layout| layout.expect("every story flowed")).collect()
}

/// Reports what the flow could not place, and assembles the pages.
pub fn paginate_edition(edition: &Edition, texts: EditionTexts, layouts: Vec<StoryLayout>) -> Typeset {
    let EditionTexts { stories, furniture, mut diagnostics, furniture_diagnostics } = texts;
    for (story, layout) in edition.stories.iter().zip(&layouts) {
        report_layout(edition, story, layout, &mut diagnostics);
    }
    diagnostics.extend(furniture_diagnostics);
    let sets: Vec<SetStory> = stories.iter().zip(&layouts).map(|(texts, layout)| SetStory { texts, layout }).collect();
    let document = paginate(edition, &furniture, &sets);
    Typeset { document, diagnostics, print: edition.print.clone(), layouts }
}

/// Sets one text (shaped and itemized, or kept standing), reporting characters no face has:
/// an error, since the page would print a blank box; one per character and text, at its first
/// place. `at` places a byte offset of the text. The report is made on every call, kept text
/// or not: an edit above the text moves it in its file.
fn set_text(
    setter: &mut Setter,
    text: &StyledText,
    vertical: bool,
    at: &dyn Fn(usize) -> Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> SetText {
    let set = setter.set(text, vertical);
    let shaped = &set.shaped;
    if let Some(first) = shaped.missing.first() {
        let mut distinct: Vec<char> = Vec::new();
        for missing in &shaped.missing {
            if !distinct.contains(&missing.c) {
                distinct.push(missing.c);
            }
        }
        let named: Vec<String> = distinct.iter().take(6).map(|c| format!("U+{:04X} `{c}`", *c as u32)).collect();
        let more = if distinct.len() > 6 { format!(" and {} more", distinct.len() - 6) } else { String::new() };
        let count = shaped.missing.len();
        let times = if count > 1 { format!(" ({count} characters in this text)") } else { String::new() };
        diagnostics.push(
            Diagnostic::error(
                at(first.offset),
                format!("no font has {}{more}; it prints as a blank box{times}", named.join(", ")),
            )
            .with_hint(
                "replace it, or add a face that has it under [fonts.faces] and to the role's chain in [fonts.roles]",
            ),
        );
    }
    set
}

/// Shapes and itemizes one text.
fn shape_text(shaper: &mut Shaper, settings: &Composition, text: &StyledText, vertical: bool) -> SetText {
    let mut shaped = if vertical { shaper.shape_vertical(text) } else { shaper.shape(text) };
    let mut items = build_items(&text.text, &shaped, settings);
    // Every text of the edition stays in memory until the PDF is written: the growth slack
    // of these vectors (up to half of them) was a third of the peak at 64 pages.
    shaped.glyphs.shrink_to_fit();
    items.items.shrink_to_fit();
    items.gaps.shrink_to_fit();
    SetText { text: text.text.clone(), shaped, items }
}

/// How a diagnostic names a block of a story: "paragraph 3", "headline", …
fn block_name(story: &Story, block: &Block) -> String {
    let nth = |kind: BlockKind| {
        let index = story.body.iter().position(|b| std::ptr::eq(b, block)).unwrap_or(0);
        story.body[..=index.min(story.body.len().saturating_sub(1))].iter().filter(|b| b.kind == kind).count()
    };
    match block.kind {
        BlockKind::Paragraph => format!("paragraph {}", nth(BlockKind::Paragraph)),
        BlockKind::Section => format!("subhead {}", nth(BlockKind::Section)),
        BlockKind::Series => "series".into(),
        BlockKind::Kicker => "kicker".into(),
        BlockKind::Headline => "headline".into(),
        BlockKind::Subhead => "subhead line".into(),
        BlockKind::Byline => "byline".into(),
        BlockKind::Caption => "photo caption".into(),
        BlockKind::PhotoCredit => "photo credit".into(),
        BlockKind::JumpHeadline => "jump headline".into(),
        BlockKind::JumpIn | BlockKind::JumpOut => "jump line".into(),
    }
}

/// Where byte `offset` of a story's block is, with its paragraph and character. Characters
/// count from the paragraph's own text, after any credit set before it.
fn locate(edition: &Edition, story: &Story, block: &Block, offset: usize) -> Location {
    let body_start = block.text.spans.iter().find(|s| s.role == crate::fonts::Role::Body).map_or(0, |s| s.range.start);
    let from = if offset >= body_start { body_start } else { 0 };
    let character = block.text.text.get(from..offset).map_or(0, |t| t.chars().count()) + 1;
    edition
        .locate(&story.file, block, offset)
        .with_detail(format!("{}, character {character}", block_name(story, block)))
}

fn set_story(setter: &mut Setter, edition: &Edition, story: &Story, diagnostics: &mut Vec<Diagnostic>) -> StoryTexts {
    let first = story.parts.first().map(|p| &edition.pages[p.page].geometry.boxes[p.box_index]);
    let vertical = first.is_some_and(|b| b.vertical_headline);
    let mut set_as = |block: &Block, vertical: bool| {
        let at = |offset: usize| locate(edition, story, block, offset);
        set_text(setter, &block.text, vertical, &at, diagnostics)
    };
    let head: Vec<SetText> = story.head.iter().map(|b| set_as(b, vertical)).collect();
    let mut set = |block: &Block| set_as(block, false);
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
    let head = fit_headline(setter, story, &edition.pages, head);
    StoryTexts { head, photo, caption, photo_credit, body, parts }
}

/// Fit mode (a box's `headline_lines`): steps the headline down half a point at a time, to
/// the box's smallest size at most, until its balanced lines are few enough.
fn fit_headline(setter: &mut Setter, story: &Story, pages: &[EditionPage], mut head: Vec<SetText>) -> Vec<SetText> {
    let Some(first) = story.parts.first() else { return head };
    let frame = &pages[first.page].geometry.boxes[first.box_index];
    let Some((max_lines, min_size)) = frame.headline_fit else { return head };
    let Some(index) = story.head.iter().position(|b| b.kind == BlockKind::Headline) else { return head };
    let mut styled = story.head[index].text.clone();
    while break_balanced(&head[index], Align::Center, frame.rect.width).len() > max_lines as usize {
        let smaller = styled.size() - Abs::pt(1) / 2;
        if smaller < min_size {
            break;
        }
        for span in &mut styled.spans {
            span.size = smaller;
        }
        head[index] = setter.set(&styled, false);
    }
    head
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
    report_photo_resolution(story, layout, diagnostics);
    if let Some(overset) = &layout.overset {
        let block = &story.body[overset.block];
        let location = locate(edition, story, block, overset.offset.min(block.text.text.len()));
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
    report_overfull(edition, story, layout, diagnostics);
    report_crowded_parts(edition, story, layout, diagnostics);
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

/// Where a story starts in its first box: under the brief stacked above it, a blank line
/// between them for the rule, or at the top.
fn start_row(edition: &Edition, story: &Story, layouts: &[&StoryLayout]) -> u32 {
    let Some(first) = story.parts.first() else { return 0 };
    let Some(above) = first.below else { return 0 };
    let shared =
        edition.stories[above].parts.iter().position(|p| p.page == first.page && p.box_index == first.box_index);
    shared.map_or(0, |k| layouts[above].parts[k].bottom_row + 1)
}

/// Newsprint wants photos at 150 ppi or more where they print: fewer is reported.
const MIN_PHOTO_PPI: i64 = 150;

fn report_photo_resolution(story: &Story, layout: &StoryLayout, diagnostics: &mut Vec<Diagnostic>) {
    let Some(photo) = &story.photo else { return };
    for placed in layout.parts.iter().filter_map(|p| p.photo) {
        // Pixels across the printed width in inches (72 pt).
        let ppi = i64::from(photo.raster.width) * Abs::pt(72).0 / placed.rect.width.0.max(1);
        if ppi < MIN_PHOTO_PPI {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&story.file),
                    format!(
                        "photo `{}` prints at {ppi} ppi, under the {MIN_PHOTO_PPI} ppi newsprint needs",
                        photo.file.display()
                    ),
                )
                .with_hint(format!(
                    "supply at least {} pixels across, or give it a narrower box",
                    placed.rect.width.0 * MIN_PHOTO_PPI / Abs::pt(72).0
                )),
            );
        }
    }
}

/// Lines wider than their measure: a word (a long number, a URL) that no break could split.
fn report_overfull(edition: &Edition, story: &Story, layout: &StoryLayout, diagnostics: &mut Vec<Diagnostic>) {
    for placed in layout.parts.iter().flat_map(|p| &p.lines) {
        let line = &placed.line;
        if line.overfull <= crate::units::Abs::ZERO {
            continue;
        }
        let block = match placed.text {
            TextRef::Head(i) => story.head.get(i),
            TextRef::Body(i) => story.body.get(i),
            TextRef::Caption => story.photo.as_ref().map(|p| &p.caption),
            TextRef::PhotoCredit => story.photo.as_ref().and_then(|p| p.credit.as_ref()),
            TextRef::JumpHeadline(k) => story.parts.get(k).and_then(|p| p.jump_headline.as_ref()),
            TextRef::JumpIn(k) => story.parts.get(k).and_then(|p| p.jump_in.as_ref()),
            TextRef::JumpOut(k) => story.parts.get(k).and_then(|p| p.jump_out.as_ref()),
        };
        let Some(block) = block else { continue };
        let words = block.text.text.get(line.text.clone()).unwrap_or_default();
        let shown: String = words.chars().take(24).collect();
        let ellipsis = if words.chars().count() > 24 { "…" } else { "" };
        diagnostics.push(
            Diagnostic::warning(
                locate(edition, story, block, line.text.start),
                format!(
                    "a line of story `{}` sticks out of its column by {}: `{shown}{ellipsis}` cannot be broken",
                    story.slug, line.overfull
                ),
            )
            .with_hint("break the word with a space or a hyphen, or shorten it"),
        );
    }
}

/// Parts too small for what they must hold: text set below the box's bottom (a headline group
/// taller than its box), and a part the story leaves for the next without room for "(下转…)".
fn report_crowded_parts(edition: &Edition, story: &Story, layout: &StoryLayout, diagnostics: &mut Vec<Diagnostic>) {
    for (k, (part, placed)) in story.parts.iter().zip(&layout.parts).enumerate() {
        let page = &edition.pages[part.page];
        let frame = &page.geometry.boxes[part.box_index];
        let below = placed.lines.iter().filter(|l| l.origin.y > frame.rect.bottom()).count();
        if below > 0 {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&edition.file),
                    format!(
                        "story `{}` sets {below} line(s) below the bottom of box `{}` on page {}",
                        story.slug, frame.name, page.number
                    ),
                )
                .with_hint("shorten the headline group, or give the box more lines"),
            );
        }
        let continues = layout.parts.get(k + 1).is_some_and(|p| p.reached);
        let jumps = placed.lines.iter().any(|l| l.text == TextRef::JumpOut(k));
        if continues && !jumps {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&edition.file),
                    format!(
                        "story `{}` goes on from box `{}` on page {} without a jump line: the box has no room for it",
                        story.slug, frame.name, page.number
                    ),
                )
                .with_hint("give the box more lines, or shorten the story's headline group"),
            );
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
