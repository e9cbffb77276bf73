//! The first pass over a [`Document`]: which glyphs of which faces it shows, what text each glyph
//! stands for, and which distinct rasters it places. Takes the document and the font book;
//! returns a [`Usage`] that the font subsetter and the page painter both read, so that what
//! is embedded and what is drawn cannot disagree.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::Arc;

use crate::fonts::{Font, FontBook, FontId};
use crate::frame::{Document, ImageItem, Item, TextRun};
use crate::image::Raster;
use crate::units::Abs;

/// Everything a document needs embedded, in a deterministic order.
pub(super) struct Usage<'a> {
    /// One entry per face the document shows text in, ordered by [`FontId`].
    pub fonts: Vec<FontUse<'a>>,
    /// Distinct rasters in the order they are first placed.
    pub images: Vec<Arc<Raster>>,
}

/// The glyphs one face has to provide.
pub(super) struct FontUse<'a> {
    pub id: FontId,
    pub font: &'a Font,
    /// How many glyphs the face has.
    pub glyph_count: u16,
    /// Glyph ids the document shows (all below the face's glyph count; `.notdef` stands in for
    /// any other), each with the text it stands for: the first non-empty text seen in document
    /// order, or an empty string when no occurrence carries any.
    pub glyphs: BTreeMap<u16, String>,
}

impl<'a> Usage<'a> {
    /// Walks every page. The error names a run's font the book does not have.
    pub fn of(doc: &Document, book: &'a FontBook) -> Result<Usage<'a>, String> {
        let mut fonts: BTreeMap<FontId, Collector<'a>> = BTreeMap::new();
        let mut images: Vec<Arc<Raster>> = Vec::new();
        for item in doc.pages.iter().flat_map(|page| &page.items) {
            match item {
                Item::Text(run) if shows_glyphs(run) => {
                    let collector = match fonts.entry(run.font) {
                        Entry::Occupied(known) => known.into_mut(),
                        Entry::Vacant(new) => new.insert(Collector::new(book, run.font)?),
                    };
                    collector.add_run(run);
                }
                Item::Image(image) if shows_image(image) && image_index(&images, &image.raster).is_none() => {
                    images.push(image.raster.clone());
                }
                _ => {}
            }
        }
        Ok(Usage { fonts: fonts.into_values().map(Collector::finish).collect(), images })
    }

    /// The position of `id` in [`Usage::fonts`].
    pub fn font_index(&self, id: FontId) -> Option<usize> {
        self.fonts.binary_search_by_key(&id, |f| f.id).ok()
    }

    /// The position of `raster` (or of an equal raster) in [`Usage::images`].
    pub fn image_index(&self, raster: &Arc<Raster>) -> Option<usize> {
        image_index(&self.images, raster)
    }
}

/// One face's glyphs as the pages are walked: a slot per glyph id of the face, so that the
/// hundreds of thousands of glyphs of an edition cost an array lookup each.
struct Collector<'a> {
    font: &'a Font,
    id: FontId,
    glyph_count: u16,
    /// Per glyph id (`.notdef` for any out of range): 0 when not seen, else 1 + its index in
    /// `texts`.
    slots: Vec<u32>,
    /// Each glyph seen, with its text so far.
    texts: Vec<(u16, String)>,
}

impl<'a> Collector<'a> {
    fn new(book: &'a FontBook, id: FontId) -> Result<Collector<'a>, String> {
        let font = font_of(book, id)?;
        let glyph_count = font.face().number_of_glyphs();
        let slots = vec![0; usize::from(glyph_count).max(1)];
        Ok(Collector { font, id, glyph_count, slots, texts: Vec::new() })
    }

    fn add_run(&mut self, run: &TextRun) {
        for glyph in &run.glyphs {
            let id = checked_glyph(glyph.id, self.glyph_count);
            let slot = &mut self.slots[usize::from(id)];
            if *slot == 0 {
                self.texts.push((id, String::new()));
                *slot = self.texts.len() as u32;
            }
            let slot = *slot as usize - 1;
            // ToUnicode takes the first text seen in document order (deterministic), and an
            // empty range (a cluster's second glyph) never overrides a real one.
            let known = &mut self.texts[slot].1;
            if known.is_empty() {
                known.push_str(run.text.get(glyph.text.clone()).unwrap_or(""));
            }
        }
    }

    fn finish(self) -> FontUse<'a> {
        FontUse {
            id: self.id,
            font: self.font,
            glyph_count: self.glyph_count,
            glyphs: self.texts.into_iter().collect(),
        }
    }
}

/// Whether a run paints anything: a zero or negative size shows no glyph and would make the
/// pen arithmetic divide by zero.
pub(super) fn shows_glyphs(run: &TextRun) -> bool {
    run.size > Abs::ZERO && !run.glyphs.is_empty()
}

/// Whether an image item paints anything: an empty raster or a flat rectangle does not (and a
/// flat rectangle would make a singular matrix).
pub(super) fn shows_image(image: &ImageItem) -> bool {
    image.raster.width > 0 && image.raster.height > 0 && image.rect.width != Abs::ZERO && image.rect.height != Abs::ZERO
}

/// A glyph id the face has; anything out of range becomes `.notdef` (0), which every subset
/// keeps, rather than reaching the subsetter.
pub(super) fn checked_glyph(id: u16, count: u16) -> u16 {
    if id < count { id } else { 0 }
}

fn font_of(book: &FontBook, id: FontId) -> Result<&Font, String> {
    book.fonts()
        .find(|&(fid, _)| fid == id)
        .map(|(_, font)| font)
        .ok_or_else(|| format!("a text run names font #{}, which the font book does not have", id.0))
}

/// Same allocation first (cheap), then same content, so a photo placed twice is embedded once.
fn image_index(images: &[Arc<Raster>], raster: &Arc<Raster>) -> Option<usize> {
    images
        .iter()
        .position(|known| Arc::ptr_eq(known, raster))
        .or_else(|| images.iter().position(|known| **known == **raster))
}
