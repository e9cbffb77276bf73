//! Standing type: what a composing room keeps set between renders of one edition, so that
//! `paiban watch` sets again only what an edit touched. [`StandingType::typeset_dir`] takes an
//! edition folder as [`typeset_dir`](super::typeset_dir) does and returns the same typeset (the
//! same PDF, byte for byte, and the same diagnostics), with a [`Reuse`] report of what it kept.
//! Three things stand between renders:
//!
//! - the font book, while the edition names the same faces and roles and every face's file
//!   has the same length and modification time;
//! - every text shaped and itemized ([`SetText`]), keyed by its styled text (text, spans, roles
//!   and sizes) and direction, for one font book and one `[composition]`: a change to either
//!   drops them all. Diagnostics are not kept but made again from the kept text's missing
//!   characters, since an edit above a paragraph moves its characters in the file;
//! - each story's layout, kept with what decides everything [`flow_story`] reads, compared
//!   whole: the story, the geometry of the pages its chain runs through, the row it starts on
//!   (under the brief stacked above it), and the composition and font book its texts were set
//!   with. A stand-in the primary story does not need is not flowed at all, as in a fresh
//!   render.
//!
//! What a render did not use is dropped after it, so a day of edits keeps one edition's worth.
//! The edition is read again every time (it is what changed), and the pages are assembled and
//! the PDF written from the layouts every time.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use crate::diag::Diagnostic;
use crate::flow::{SetText, StoryLayout, StoryTexts, flow_story};
use crate::fonts::{FontBook, RoleFaces};
use crate::model::{Composition, Edition, EditionPage, LoadOptions, PageGeometry, Story, StyledText, load_edition};
use crate::render::pdf::PdfOptions;
use crate::shape::Shaper;

use super::{Typeset, flow_stories_by, load_fonts, paginate_edition, pdf_options, set_texts_through, shape_text};

/// Type kept set between renders of one edition: its font book, its shaped texts and its
/// stories' layouts. Start with [`StandingType::default`]; one per edition being watched.
#[derive(Default)]
pub struct StandingType {
    fonts: StandingFonts,
    texts: StandingTexts,
    layouts: StandingLayouts,
}

/// What one render through [`StandingType`] did again and what it reused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reuse {
    /// Whether the font files were read: the first render, or a face, a role or a file changed.
    pub fonts_loaded: bool,
    /// Texts set (stories' and furniture's, with every size tried to fit a headline), and
    /// how many of them were shaped again rather than kept.
    pub texts: usize,
    pub texts_shaped: usize,
    /// The edition's stories, and the slugs of those flowed again, in edition order. A
    /// stand-in that is not needed is not flowed (it is set nowhere), so not among them.
    pub stories: usize,
    pub stories_set: Vec<String>,
}

impl StandingType {
    /// [`typeset_dir`](super::typeset_dir) through the type kept from the previous render,
    /// keeping this render's for the next. Bad input is an `Err`, as there; the texts and
    /// layouts kept so far stay for the next render (the font book too, unless it was the
    /// fonts that failed to load).
    pub fn typeset_dir(
        &mut self,
        dir: &Path,
        options: &LoadOptions,
        source_date: Option<i64>,
    ) -> Result<(&FontBook, Typeset, PdfOptions, Reuse), Diagnostic> {
        let edition = load_edition(dir, options)?;
        let (book, serial, fonts_loaded) = self.fonts.refresh(&edition)?;
        let set_with = (edition.composition, serial);
        self.texts.begin(set_with);
        let texts = set_texts_through(&edition, book, Some(&self.texts));
        let (looked_up, shaped) = self.texts.end();
        let layouts = &self.layouts;
        let flowed = flow_stories_by(&edition, &texts, &|story, texts, start_row| {
            layouts.flow(story, texts, &edition.pages, start_row, set_with)
        });
        let set_again = self.layouts.end();
        let reuse = Reuse {
            fonts_loaded,
            texts: looked_up,
            texts_shaped: shaped,
            stories: edition.stories.len(),
            stories_set: edition
                .stories
                .iter()
                .filter(|s| set_again.contains(&s.slug))
                .map(|s| s.slug.clone())
                .collect(),
        };
        let typeset = paginate_edition(&edition, texts, flowed);
        Ok((book, typeset, pdf_options(&edition, source_date), reuse))
    }
}

/// The font book of the last render, and what it was loaded from.
#[derive(Default)]
struct StandingFonts {
    kept: Option<KeptFonts>,
    /// Counts the books loaded: the texts kept were set against book number `serial`.
    serial: u64,
}

struct KeptFonts {
    faces: Vec<(String, PathBuf)>,
    roles: RoleFaces,
    files: Vec<Option<FileStamp>>,
    book: FontBook,
}

/// A file's length and modification time, which change when it is saved.
type FileStamp = (u64, SystemTime);

fn stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl StandingFonts {
    /// The edition's font book: the kept one when it has the same faces, roles and files,
    /// else loaded again. Returns it with its serial, and whether it was loaded. A face whose
    /// file cannot be stamped is always loaded again (and [`load_fonts`] reports it).
    fn refresh(&mut self, edition: &Edition) -> Result<(&FontBook, u64, bool), Diagnostic> {
        let files: Vec<Option<FileStamp>> = edition.faces.iter().map(|(_, path)| stamp(path)).collect();
        let unchanged = |kept: &KeptFonts| {
            kept.faces == edition.faces
                && kept.roles == edition.roles
                && kept.files == files
                && files.iter().all(Option::is_some)
        };
        let (kept, loaded) = match self.kept.take() {
            Some(kept) if unchanged(&kept) => (kept, false),
            _ => {
                let book = load_fonts(edition)?;
                self.serial += 1;
                (KeptFonts { faces: edition.faces.clone(), roles: edition.roles.clone(), files, book }, true)
            }
        };
        let kept = self.kept.insert(kept);
        Ok((&kept.book, self.serial, loaded))
    }
}

/// Sets texts for [`set_texts`](super::set_texts): takes each from standing type when it was
/// set before, else shapes and itemizes it (and keeps it). One per run of stories shaped
/// together; its shaper is made on the first text it has to shape.
pub(super) struct Setter<'a> {
    book: &'a FontBook,
    settings: &'a Composition,
    shaper: Option<Shaper<'a>>,
    standing: Option<&'a StandingTexts>,
}

impl<'a> Setter<'a> {
    pub(super) fn new(book: &'a FontBook, settings: &'a Composition, standing: Option<&'a StandingTexts>) -> Self {
        Setter { book, settings, shaper: None, standing }
    }

    /// `text` shaped (with vertical forms when `vertical`) and cut into items.
    pub(super) fn set(&mut self, text: &StyledText, vertical: bool) -> SetText {
        if let Some(kept) = self.standing.and_then(|standing| standing.take(text, vertical)) {
            return kept;
        }
        let (book, settings) = (self.book, self.settings);
        let shaper = self.shaper.get_or_insert_with(|| Shaper::new(book, settings.fullwidth_ascii));
        let set = shape_text(shaper, settings, text, vertical);
        if let Some(standing) = self.standing {
            standing.keep(text, vertical, &set);
        }
        set
    }
}

/// What a text is set with besides its styles: the composition and the font book (by serial).
type SetWith = (Composition, u64);

/// Texts set in earlier renders, for one composition and font book. Read by every worker
/// during a render (marking what it uses); new texts are gathered beside them and merged at
/// the end, when what was not used is dropped.
#[derive(Default)]
pub(super) struct StandingTexts {
    /// What the kept texts were set with.
    set_with: Option<SetWith>,
    /// Kept texts by the hash of their key; equal keys are compared whole.
    kept: BTreeMap<u64, Vec<KeptText>>,
    fresh: Mutex<Vec<KeptText>>,
    looked_up: AtomicUsize,
}

struct KeptText {
    text: StyledText,
    vertical: bool,
    set: SetText,
    used: AtomicBool,
}

/// The hash of a text's key: its characters, each span's range, role and size, and direction.
fn text_key(text: &StyledText, vertical: bool) -> u64 {
    // DefaultHasher::new() has fixed keys: the same text hashes the same on every render.
    let mut hasher = DefaultHasher::new();
    text.text.hash(&mut hasher);
    for span in &text.spans {
        (span.range.start, span.range.end, span.role, span.size).hash(&mut hasher);
    }
    vertical.hash(&mut hasher);
    hasher.finish()
}

impl StandingTexts {
    /// Starts a render that sets texts with `set_with`: texts set otherwise are dropped.
    fn begin(&mut self, set_with: SetWith) {
        if self.set_with != Some(set_with) {
            self.kept.clear();
            self.set_with = Some(set_with);
        }
        self.fresh.get_mut().unwrap_or_else(PoisonError::into_inner).clear();
        *self.looked_up.get_mut() = 0;
    }

    /// The text as set before, if it was.
    fn take(&self, text: &StyledText, vertical: bool) -> Option<SetText> {
        self.looked_up.fetch_add(1, Ordering::Relaxed);
        let kept = self.kept.get(&text_key(text, vertical))?;
        let found = kept.iter().find(|k| k.vertical == vertical && k.text == *text)?;
        found.used.store(true, Ordering::Relaxed);
        Some(found.set.clone())
    }

    /// Keeps a text just set, for the renders after this one.
    fn keep(&self, text: &StyledText, vertical: bool, set: &SetText) {
        let kept = KeptText { text: text.clone(), vertical, set: set.clone(), used: AtomicBool::new(false) };
        self.fresh.lock().unwrap_or_else(PoisonError::into_inner).push(kept);
    }

    /// Ends a render: keeps the texts it used and those it set, drops the rest. Returns the
    /// texts looked up and how many of them were shaped.
    fn end(&mut self) -> (usize, usize) {
        for bucket in self.kept.values_mut() {
            bucket.retain(|k| k.used.swap(false, Ordering::Relaxed));
        }
        self.kept.retain(|_, bucket| !bucket.is_empty());
        let fresh = std::mem::take(self.fresh.get_mut().unwrap_or_else(PoisonError::into_inner));
        let shaped = fresh.len();
        for text in fresh {
            let bucket = self.kept.entry(text_key(&text.text, text.vertical)).or_default();
            // Two workers may have shaped the same new text (a line two stories share).
            if !bucket.iter().any(|k| k.vertical == text.vertical && k.text == text.text) {
                bucket.push(text);
            }
        }
        (*self.looked_up.get_mut(), shaped)
    }
}

/// Stories' layouts from earlier renders, by slug, each with the input it was flowed from.
#[derive(Default)]
struct StandingLayouts {
    kept: BTreeMap<String, KeptLayout>,
    fresh: Mutex<Vec<(String, KeptLayout)>>,
}

struct KeptLayout {
    input: FlowInput,
    layout: StoryLayout,
    used: AtomicBool,
}

/// What decides everything [`flow_story`] reads. It reads the story, the geometry of the page
/// of each part of its chain, the row its first box is used from, and the story's set texts.
/// Those are not kept (they would double what standing type holds) but what decides them:
/// [`set_story`](super::set_story) sets them from the story's blocks, the geometry of its
/// first box (a vertical headline, a headline fitted to its lines), the composition and the
/// font book, and [`StandingTexts`] gives the same text for the same styled text, direction,
/// composition and book. So equal inputs here mean equal texts there.
struct FlowInput {
    story: Story,
    pages: Vec<PageGeometry>,
    start_row: u32,
    set_with: SetWith,
}

impl FlowInput {
    fn new(story: &Story, pages: &[EditionPage], start_row: u32, set_with: SetWith) -> FlowInput {
        let pages = story.parts.iter().map(|p| pages[p.page].geometry.clone()).collect();
        FlowInput { story: story.clone(), pages, start_row, set_with }
    }

    /// Whether flowing `story` now would read the same as this; cheapest comparisons first.
    fn matches(&self, story: &Story, pages: &[EditionPage], start_row: u32, set_with: SetWith) -> bool {
        self.start_row == start_row
            && self.set_with == set_with
            && self.story.parts.len() == story.parts.len()
            && story.parts.iter().map(|p| &pages[p.page].geometry).eq(&self.pages)
            && self.story == *story
    }
}

impl StandingLayouts {
    /// The story's layout as kept, if its input is the same as then; else flowed now.
    fn flow(
        &self,
        story: &Story,
        texts: &StoryTexts,
        pages: &[EditionPage],
        start_row: u32,
        set_with: SetWith,
    ) -> StoryLayout {
        let kept = self.kept.get(&story.slug).filter(|k| k.input.matches(story, pages, start_row, set_with));
        if let Some(kept) = kept {
            kept.used.store(true, Ordering::Relaxed);
            return kept.layout.clone();
        }
        let layout = flow_story(story, texts, pages, start_row);
        let input = FlowInput::new(story, pages, start_row, set_with);
        let kept = KeptLayout { input, layout: layout.clone(), used: AtomicBool::new(false) };
        self.fresh.lock().unwrap_or_else(PoisonError::into_inner).push((story.slug.clone(), kept));
        layout
    }

    /// Ends a render: keeps the layouts it used and those it flowed, drops the rest. Returns
    /// the slugs of the stories flowed.
    fn end(&mut self) -> Vec<String> {
        self.kept.retain(|_, k| k.used.swap(false, Ordering::Relaxed));
        let fresh = std::mem::take(self.fresh.get_mut().unwrap_or_else(PoisonError::into_inner));
        let mut flowed = Vec::with_capacity(fresh.len());
        for (slug, kept) in fresh {
            flowed.push(slug.clone());
            self.kept.insert(slug, kept);
        }
        flowed
    }
}
