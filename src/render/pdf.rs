//! PDF export for print. Takes a laid-out [`Document`] and the [`FontBook`] its runs name;
//! returns the bytes of a PDF/X-1a:2003 file (ISO 15930-4, PDF 1.4) or, on request, a PDF/X-4
//! file (ISO 15930-7, PDF 1.6, with XMP metadata): a classic cross-reference table (no object
//! or xref streams), MediaBox, BleedBox and TrimBox on every page, every font embedded as a
//! tagged CID subset with /W widths and a ToUnicode CMap, process colour only (DeviceCMYK)
//! within the ink limit, black text and rules overprinting, the output intent with the
//! printer's profile when given, /GTS_PDFXVersion, /Trapped and a content-hash /ID. Printer's
//! marks, when asked for, are drawn here from the trim and bleed ([`marks`]).
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
mod intent;
mod marks;
mod xobject;

use std::sync::Arc;

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref};
use rayon::prelude::*;

use crate::fonts::FontBook;
use crate::frame::{Document, Page};
use crate::image::Raster;
use crate::model::{PdfX, PrintSettings};
use crate::units::Abs;
use collect::Usage;
use content::PageContent;
use font::{EmbeddedFont, FontRefs};
pub use font::{FontProgram, FontStreams};
use marks::Sheet;

/// Compression levels of the Flate streams (miniz_oxide). Fixed, so that output bytes do not
/// depend on a default that might change; chosen by measurement on the 16-page bench edition
/// (docs/PERFORMANCE.md): font programs (CFF and TrueType outlines) shrink to 85% at level 1
/// and to 80% at level 6 in five times the time, so they take level 1; page content streams
/// shrink to 33% at level 2 and to 29% at level 6 in four times the time, so they take level 2.
const FONT_FLATE_LEVEL: u8 = 1;
const CONTENT_FLATE_LEVEL: u8 = 2;
/// ToUnicode CMaps, the output profile and decoded gray images: small or rare.
const FLATE_LEVEL: u8 = 6;

/// What the caller decides about a PDF beyond the document itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Creation and modification time in seconds since the Unix epoch (the CLI takes it from
    /// SOURCE_DATE_EPOCH, else the edition's date). `None` writes no dates at all, which no
    /// PDF/X checker accepts.
    pub creation_date: Option<i64>,
    /// The PDF/X flavour, output intent, ink limit and marks.
    pub print: PrintSettings,
}

/// Writes `doc` as a PDF. Every run's font must be in `book`.
///
/// The error is a sentence for a diagnostic: a run names a font the book does not have, or a
/// font could not be subset (it names the font file).
pub fn write_pdf(doc: &Document, book: &FontBook, options: &PdfOptions) -> Result<Vec<u8>, String> {
    write_pdf_keeping(doc, book, options, &mut KeptPrograms::default())
}

/// Font programs kept from one document to the next of the same edition (`watch`): a face
/// whose glyphs did not change is not subset again. What a document did not use is dropped.
#[derive(Default)]
pub struct KeptPrograms {
    programs: Vec<Arc<FontProgram>>,
    reused: usize,
}

impl KeptPrograms {
    /// How many faces the last document took from here instead of subsetting them again.
    pub fn reused(&self) -> usize {
        self.reused
    }

    /// How many faces the last document embedded.
    pub fn faces(&self) -> usize {
        self.programs.len()
    }
}

/// [`write_pdf`], taking each face's program from `kept` when one made before serves (the same
/// loaded face, the same glyphs), and keeping this document's programs there for the next.
/// The bytes are the same as [`write_pdf`]'s.
pub fn write_pdf_keeping(
    doc: &Document,
    book: &FontBook,
    options: &PdfOptions,
    kept: &mut KeptPrograms,
) -> Result<Vec<u8>, String> {
    let usage = Usage::of(doc, book)?;
    let fonts: Vec<EmbeddedFont> = usage.fonts.iter().map(EmbeddedFont::new).collect::<Result<_, _>>()?;
    // Painting needs only the CIDs, so the pages are painted while the faces are subset: the
    // body face alone takes about as long as painting every page of an edition.
    let (streams, painted) =
        rayon::join(|| font_streams(&usage, &kept.programs), || paint_pages(doc, &usage, &fonts, &options.print));
    let streams = streams?;
    let reused = streams.iter().filter(|s| kept.programs.iter().any(|p| Arc::ptr_eq(p, s.program()))).count();
    *kept = KeptPrograms { programs: streams.iter().map(|s| s.program().clone()).collect(), reused };
    Ok(write_objects(doc, &usage, &fonts, &streams, &painted, options))
}

/// Subsets every face `doc` shows text in and compresses the programs: the part of
/// [`write_pdf`] that overlaps with painting, apart so that its cost can be measured alone.
pub fn subset_fonts(doc: &Document, book: &FontBook) -> Result<Vec<FontStreams>, String> {
    font_streams(&Usage::of(doc, book)?, &[])
}

/// Each face subset and compressed (or taken from `kept`), in parallel; `collect` keeps them
/// in usage order.
fn font_streams(usage: &Usage, kept: &[Arc<FontProgram>]) -> Result<Vec<FontStreams>, String> {
    usage.fonts.par_iter().map(|face| FontStreams::of(face, kept)).collect()
}

/// Every page's content stream, painted and compressed in parallel, in page order.
fn paint_pages(
    doc: &Document,
    usage: &Usage,
    fonts: &[EmbeddedFont],
    print: &PrintSettings,
) -> Vec<(Sheet, PageContent)> {
    doc.pages
        .par_iter()
        .map(|page| {
            let sheet = Sheet::of(page, print.marks);
            let content = content::paint_page(page, &sheet, usage, fonts, print.ink_limit);
            (sheet, content)
        })
        .collect()
}

/// Writes the document's objects in order: catalog, pages, fonts, images, profile, metadata.
fn write_objects(
    doc: &Document,
    usage: &Usage,
    fonts: &[EmbeddedFont],
    streams: &[FontStreams],
    painted: &[(Sheet, PageContent)],
    options: &PdfOptions,
) -> Vec<u8> {
    let print = &options.print;
    let profile = print.intent.profile.as_ref();
    let mut refs = ObjectRefs::allocate(doc.pages.len(), fonts.len(), usage.images.len());
    let profile_ref = profile.map(|_| refs.bump());
    let metadata_ref = (print.standard == PdfX::X4).then(|| refs.bump());

    let mut pdf = Pdf::with_capacity(estimated_size(painted, streams, &usage.images));
    match print.standard {
        // PDF/X-1a:2003 is based on PDF 1.4, PDF/X-4 on PDF 1.6.
        PdfX::X1a => pdf.set_version(1, 4),
        PdfX::X4 => pdf.set_version(1, 6),
    };
    let mut catalog = pdf.catalog(refs.catalog);
    catalog.pages(refs.page_tree);
    intent::write_output_intent(&mut catalog, print, profile_ref);
    if let Some(metadata) = metadata_ref {
        catalog.metadata(metadata);
    }
    catalog.finish();
    pdf.pages(refs.page_tree)
        .kids(refs.pages.iter().map(|p| p.page))
        .count(i32::try_from(doc.pages.len()).unwrap_or(i32::MAX));
    info::write_info(&mut pdf, refs.info, &doc.title, options);
    for ((page, (sheet, content)), page_refs) in doc.pages.iter().zip(painted).zip(&refs.pages) {
        write_page(&mut pdf, page, sheet, content, page_refs, &refs);
    }
    for ((font, streams), font_refs) in fonts.iter().zip(streams).zip(&refs.fonts) {
        font.write(&mut pdf, font_refs, streams);
    }
    for (raster, &id) in usage.images.iter().zip(&refs.images) {
        xobject::write_image(&mut pdf, id, raster);
    }
    if let (Some(profile), Some(id)) = (profile, profile_ref) {
        intent::write_profile(&mut pdf, id, profile);
    }
    if let Some(id) = metadata_ref {
        // The XMP's document ID is a digest of everything before it: it changes with the content.
        let document_id = intent::uuid(id::file_id(pdf.as_bytes()));
        let date = options.creation_date.map(info::xmp_date);
        let xmp = intent::Xmp { title: &doc.title, standard: print.standard, date, document_id };
        intent::write_metadata(&mut pdf, id, &xmp);
    }
    // The /ID hashes every object written so far, so it changes exactly when the content does.
    let file_id = id::file_id(pdf.as_bytes()).to_vec();
    pdf.set_file_id((file_id.clone(), file_id));
    pdf.finish()
}

/// About how many bytes the file will take: its streams and a few kilobytes for each page's
/// and font's dictionaries. Writing into a buffer that size once spares the copies (and the
/// fresh memory) of growing it by doubling.
fn estimated_size(painted: &[(Sheet, PageContent)], streams: &[FontStreams], images: &[Arc<Raster>]) -> usize {
    let pages: usize = painted.iter().map(|(_, content)| content.stream.len() + 2048).sum();
    let fonts: usize = streams.iter().map(|s| s.byte_len() + 16 * 1024).sum();
    let images: usize = images.iter().map(|raster| raster.data.byte_len() + 512).sum();
    pages + fonts + images + 64 * 1024
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
    /// The next free object number, for objects only some documents have.
    next: Ref,
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
            next,
        }
    }

    fn bump(&mut self) -> Ref {
        self.next.bump()
    }
}

/// Writes a page dictionary with its boxes and resources, and its content stream.
fn write_page(pdf: &mut Pdf, page: &Page, sheet: &Sheet, content: &PageContent, ids: &PageRefs, refs: &ObjectRefs) {
    let height = page.media.height;
    let mut dict = pdf.page(ids.page);
    dict.parent(refs.page_tree)
        .media_box(Rect::new(0.0, 0.0, sheet.width as f32, sheet.height as f32))
        // PDF/X: TrimBox within BleedBox within MediaBox; layout guarantees the nesting.
        .bleed_box(sheet.shift(pdf_box(page.bleed, height)))
        .trim_box(sheet.shift(pdf_box(page.trim, height)))
        .contents(ids.content);
    let mut resources = dict.resources();
    content::write_states(&mut resources, content);
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
