//! The pipeline in one place: shape every text of the edition, flow each story through its
//! chain, paginate, and collect what went wrong (overset, characters no font has, lines wider
//! than their column, boxes a story never reached) as diagnostics with their file, line and
//! column, and for article text the paragraph and character.

use crate::diag::{Diagnostic, Location};
use crate::flow::{PartTexts, PhotoSize, SetText, StoryLayout, StoryTexts, TextRef, flow_story};
use crate::fonts::{Font, FontBook};
use crate::frame::Document;
use crate::linebreak::build_items;
use crate::model::{Block, BlockKind, Edition, LoadOptions, Story, StyledText, load_edition};
use crate::paginate::{FurnitureTexts, SetStory, paginate};
use crate::render::pdf::{PdfOptions, write_pdf};
use crate::shape::Shaper;

/// A typeset edition and what the typesetter has to say about it.
pub struct Typeset {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// Each story's layout, in the order of the edition's stories (what was set where, and
    /// what is overset): for checks such as [`conserve`](crate::conserve).
    pub layouts: Vec<StoryLayout>,
}

/// Loads the edition's faces; an unreadable font is an error naming the file.
pub fn load_fonts(edition: &Edition) -> Result<FontBook, Diagnostic> {
    let at = || Location::file(&edition.file);
    let fonts = edition
        .faces
        .iter()
        .map(|(key, path)| Font::load(key, path, 0).map_err(|e| (e, path)))
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
/// Bad input (unreadable files, invalid settings, fonts that do not load) is an `Err`.
pub fn render_pdf(
    dir: &std::path::Path,
    options: &LoadOptions,
    pdf: &PdfOptions,
) -> Result<(Vec<u8>, Typeset), Diagnostic> {
    let edition = load_edition(dir, options)?;
    let book = load_fonts(&edition)?;
    let typeset = typeset(&edition, &book);
    let bytes = write_pdf(&typeset.document, &book, pdf)
        .map_err(|e| Diagnostic::error(Location::file(dir), format!("cannot write the PDF: {e}")))?;
    Ok((bytes, typeset))
}

/// Typesets a loaded edition.
pub fn typeset(edition: &Edition, book: &FontBook) -> Typeset {
    let mut shaper = Shaper::new(book);
    let mut diagnostics = edition.diagnostics.clone();
    let texts: Vec<StoryTexts> =
        edition.stories.iter().map(|s| set_story(&mut shaper, edition, s, &mut diagnostics)).collect();
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
                .map(|f| {
                    let at = |offset: usize| {
                        let character = f.text.text[..offset].chars().count() + 1;
                        furniture_at(edition, &f.text.text, offset)
                            .with_detail(format!("page {}, character {character}", page.number))
                    };
                    (f.slot, set_text(&mut shaper, &f.text, &at, &mut diagnostics))
                })
                .collect()
        })
        .collect();
    let sets: Vec<SetStory> = texts.iter().zip(&layouts).map(|(texts, layout)| SetStory { texts, layout }).collect();
    let document = paginate(edition, &furniture, &sets);
    Typeset { document, diagnostics, layouts }
}

/// Shapes and itemizes one text, reporting characters no face has: an error, since the page
/// would print a blank box; one per character and text, at its first place. `at` places a
/// byte offset of the text.
fn set_text(
    shaper: &mut Shaper,
    text: &StyledText,
    at: &dyn Fn(usize) -> Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> SetText {
    let shaped = shaper.shape(text);
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
    let items = build_items(&text.text, &shaped);
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

fn set_story(shaper: &mut Shaper, edition: &Edition, story: &Story, diagnostics: &mut Vec<Diagnostic>) -> StoryTexts {
    let mut set = |block: &Block| {
        let at = |offset: usize| locate(edition, story, block, offset);
        set_text(shaper, &block.text, &at, diagnostics)
    };
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
