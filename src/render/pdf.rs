//! PDF export for print. Takes a laid-out [`Document`] and the [`FontBook`] its runs name;
//! returns the bytes of a PDF 1.4 file built the way PDF/X-1a:2003 (ISO 15930-4) needs it:
//! a classic cross-reference table (no object or xref streams), MediaBox, BleedBox and TrimBox
//! on every page, every font embedded as a tagged CID subset with /W widths and a ToUnicode
//! CMap, process colour only (DeviceCMYK and DeviceGray), /Trapped and a content-hash /ID.
//! The output intent and /GTS_PDFXVersion come later; nothing here stands in their way.
//!
//! The same input always gives the same bytes: no clock, no environment, no hash-map order.
//! Everything is decided before writing, in two passes: [`collect`] finds the glyphs and
//! images the pages use, [`font`] subsets each face once per document, then [`content`] paints
//! the pages with the subsets' CIDs and widths.

mod collect;
mod content;
mod font;
mod id;
mod info;
mod xobject;

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref};

use crate::fonts::FontBook;
use crate::frame::{Document, Page};
use crate::units::Abs;
use collect::Usage;
use content::PageContent;
use font::{EmbeddedFont, FontRefs};

/// Compression level for every Flate stream (content, fonts, ToUnicode, gray images). Fixed,
/// so that output bytes do not depend on a default that might change.
const FLATE_LEVEL: u8 = 6;

/// What the caller decides about a PDF beyond the document itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Creation and modification time in seconds since the Unix epoch (the CLI takes it from
    /// SOURCE_DATE_EPOCH). `None` writes no dates at all.
    pub creation_date: Option<i64>,
}

/// Writes `doc` as a PDF. Every run's font must be in `book`.
///
/// The error is a sentence for a diagnostic: a run names a font the book does not have, or a
/// font could not be subset (it names the font file).
pub fn write_pdf(doc: &Document, book: &FontBook, options: &PdfOptions) -> Result<Vec<u8>, String> {
    let usage = Usage::of(doc, book)?;
    let fonts: Vec<EmbeddedFont> = usage.fonts.iter().map(EmbeddedFont::subset).collect::<Result<_, _>>()?;
    let refs = ObjectRefs::allocate(doc.pages.len(), fonts.len(), usage.images.len());

    let mut pdf = Pdf::new();
    // PDF/X-1a:2003 is based on PDF 1.4.
    pdf.set_version(1, 4);
    pdf.catalog(refs.catalog).pages(refs.page_tree);
    pdf.pages(refs.page_tree)
        .kids(refs.pages.iter().map(|p| p.page))
        .count(i32::try_from(doc.pages.len()).unwrap_or(i32::MAX));
    info::write_info(&mut pdf, refs.info, &doc.title, options);
    for (page, page_refs) in doc.pages.iter().zip(&refs.pages) {
        let content = content::paint_page(page, &usage, &fonts);
        write_page(&mut pdf, page, &content, page_refs, &refs);
    }
    for (font, font_refs) in fonts.iter().zip(&refs.fonts) {
        font.write(&mut pdf, font_refs);
    }
    for (raster, &id) in usage.images.iter().zip(&refs.images) {
        xobject::write_image(&mut pdf, id, raster);
    }
    // The /ID hashes every object written so far, so it changes exactly when the content does.
    let file_id = id::file_id(pdf.as_bytes()).to_vec();
    pdf.set_file_id((file_id.clone(), file_id));
    Ok(pdf.finish())
}

/// The object numbers of a document, handed out before anything is written so that objects
/// can point at objects written later.
struct ObjectRefs {
    catalog: Ref,
    page_tree: Ref,
    info: Ref,
    pages: Vec<PageRefs>,
    fonts: Vec<FontRefs>,
    images: Vec<Ref>,
}

struct PageRefs {
    page: Ref,
    content: Ref,
}

impl ObjectRefs {
    fn allocate(pages: usize, fonts: usize, images: usize) -> ObjectRefs {
        let mut next = Ref::new(1);
        let mut bump = || next.bump();
        ObjectRefs {
            catalog: bump(),
            page_tree: bump(),
            info: bump(),
            pages: (0..pages).map(|_| PageRefs { page: bump(), content: bump() }).collect(),
            fonts: (0..fonts)
                .map(|_| FontRefs {
                    type0: bump(),
                    cid_font: bump(),
                    descriptor: bump(),
                    program: bump(),
                    to_unicode: bump(),
                })
                .collect(),
            images: (0..images).map(|_| bump()).collect(),
        }
    }
}

/// Writes a page dictionary with its boxes and resources, and its content stream.
fn write_page(pdf: &mut Pdf, page: &Page, content: &PageContent, ids: &PageRefs, refs: &ObjectRefs) {
    let height = page.media.height;
    let mut dict = pdf.page(ids.page);
    dict.parent(refs.page_tree)
        .media_box(Rect::new(0.0, 0.0, page.media.width.to_pt() as f32, height.to_pt() as f32))
        // PDF/X: TrimBox within BleedBox within MediaBox; layout guarantees the nesting.
        .bleed_box(pdf_box(page.bleed, height))
        .trim_box(pdf_box(page.trim, height))
        .contents(ids.content);
    let mut resources = dict.resources();
    if !content.fonts.is_empty() {
        let mut fonts = resources.fonts();
        for (i, font) in content.fonts.iter().filter_map(|&i| Some((i, refs.fonts.get(i)?))) {
            fonts.pair(Name(font_resource(i).as_bytes()), font.type0);
        }
    }
    if !content.images.is_empty() {
        let mut images = resources.x_objects();
        for (i, &image) in content.images.iter().filter_map(|&i| Some((i, refs.images.get(i)?))) {
            images.pair(Name(image_resource(i).as_bytes()), image);
        }
    }
    resources.finish();
    dict.finish();
    pdf.stream(ids.content, &content.stream).filter(Filter::FlateDecode);
}

/// A frame rectangle (top-left origin, y down) as a PDF box [llx lly urx ury] in points.
fn pdf_box(rect: crate::units::Rect, media_height: Abs) -> Rect {
    let height = media_height.to_pt();
    Rect::new(
        rect.x.to_pt() as f32,
        (height - (rect.y.to_pt() + rect.height.to_pt())) as f32,
        (rect.x.to_pt() + rect.width.to_pt()) as f32,
        (height - rect.y.to_pt()) as f32,
    )
}

/// The resource name of the `index`th font of the document: the same on every page.
fn font_resource(index: usize) -> String {
    format!("F{index}")
}

/// The resource name of the `index`th image of the document.
fn image_resource(index: usize) -> String {
    format!("Im{index}")
}

#[cfg(test)]
mod tests;
