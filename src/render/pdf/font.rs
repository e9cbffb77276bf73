//! Font embedding. Takes one face's [`FontUse`] and subsets the face once for the whole
//! document; returns an [`EmbeddedFont`] that knows each glyph's CID and PDF width (for the
//! painter) and writes the Type0 font, its CIDFont, descriptor, font program and ToUnicode CMap.
//!
//! PDF/X-1a:2003 (ISO 15930-4, on PDF 1.4) takes CFF outlines as CIDFontType0 with a bare `CFF `
//! table in /FontFile3 /Subtype /CIDFontType0C, and TrueType outlines as CIDFontType2 with
//! /FontFile2 and /CIDToGIDMap. FontFile3 /OpenType would need PDF 1.6, so it is not used.

use std::collections::BTreeMap;
use std::sync::Arc;

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;

use super::collect::FontUse;
use super::id::Fnv64;
use super::{FLATE_LEVEL, FONT_FLATE_LEVEL};
use crate::fonts::{FontFile, FontMetrics, Outlines};
use crate::units::div_round;

/// Widths and positions in the text painter are kept in millionths of an em: a thousandth of
/// the PDF's glyph-space unit, so that sums stay exact integers.
pub(super) const MICRO_PER_EM: i64 = 1_000_000;

/// A stem width for the descriptor. Viewers use it only for hinting fallback; any reasonable
/// value is accepted by PDF/X checkers.
const STEM_V: f32 = 80.0;

/// The longest a glyph's ToUnicode text may be: bfchar destinations hold at most 512 bytes
/// (PDF 1.4 §5.9.2), that is 256 UTF-16 code units.
const MAX_UTF16_UNITS: usize = 256;

/// Identity ordering, as every subset from `subsetter` is CID-keyed with CID = new glyph id.
const IDENTITY: SystemInfo<'static> = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// One face as the document embeds it: what the painter needs (each glyph's CID and width)
/// and what the font's dictionaries say. Its streams are made apart ([`FontStreams`]), so
/// that the pages can be painted while the face is being subset.
pub(super) struct EmbeddedFont {
    /// Original glyph id → CID (the glyph id in the subset), 0 for glyphs not embedded.
    cids: Vec<u16>,
    /// Advance of each CID (indexed by CID) in millionths of an em, as written to /W.
    widths: Vec<i64>,
    /// "ABCDEF+PostScriptName".
    base_font: String,
    outlines: Outlines,
    /// Vertical metrics, already in 1000-per-em units: ascent, descent, cap height, bbox.
    descriptor: DescriptorMetrics,
}

/// One face's streams: the subset font program and the ToUnicode CMap, compressed.
pub struct FontStreams {
    program: Arc<FontProgram>,
    /// The ToUnicode CMap, Flate-compressed.
    to_unicode: Vec<u8>,
}

/// A face subset to a set of glyphs: it depends on nothing else, so a program made for one
/// document serves the next with the same glyphs of the same loaded face (`watch`).
pub struct FontProgram {
    /// The load of the font file it was cut from.
    face: FontFile,
    /// The glyph ids it holds, ascending (`.notdef` aside).
    glyphs: Vec<u16>,
    /// Length of the uncompressed program: the whole subset (TrueType) or its bare `CFF `
    /// table.
    len: usize,
    /// The program, Flate-compressed.
    compressed: Vec<u8>,
}

impl FontProgram {
    /// Whether this is the program `usage` needs.
    fn serves(&self, usage: &FontUse) -> bool {
        self.face == usage.font.file && self.glyphs.iter().eq(usage.glyphs.keys())
    }
}

/// The object ids of one embedded font.
pub(super) struct FontRefs {
    pub type0: Ref,
    pub cid_font: Ref,
    pub descriptor: Ref,
    pub program: Ref,
    pub to_unicode: Ref,
}

struct DescriptorMetrics {
    ascent: f32,
    descent: f32,
    cap_height: f32,
    italic_angle: f32,
    bbox: Rect,
}

/// `.notdef` first (CID 0), then the glyph ids the document shows in ascending order, so that
/// the CIDs depend only on the set of glyphs, not on the order of use.
fn glyph_remapper(usage: &FontUse) -> GlyphRemapper {
    let mut remapper = GlyphRemapper::new();
    for &gid in usage.glyphs.keys() {
        remapper.remap(gid);
    }
    remapper
}

impl EmbeddedFont {
    /// The CIDs, widths and name of the face's subset. The error is a sentence naming the
    /// font file.
    pub fn new(usage: &FontUse) -> Result<EmbeddedFont, String> {
        let font = usage.font;
        let face = font.face();
        let units_per_em = i64::from(face.units_per_em().max(1));
        let remapper = glyph_remapper(usage);
        let mut cids = vec![0; usize::from(usage.glyph_count)];
        let mut widths = vec![0; usize::from(remapper.num_gids())];
        for &gid in std::iter::once(&0).chain(usage.glyphs.keys()) {
            let Some(cid) = remapper.get(gid) else { continue };
            if let Some(slot) = cids.get_mut(usize::from(gid)) {
                *slot = cid;
            }
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
            if let Some(slot) = widths.get_mut(usize::from(cid)) {
                *slot = div_round(i64::from(advance) * MICRO_PER_EM, units_per_em);
            }
        }
        Ok(EmbeddedFont {
            base_font: base_font(usage),
            cids,
            widths,
            outlines: font.outlines,
            descriptor: DescriptorMetrics::new(&font.metrics, units_per_em),
        })
    }

    /// The CID of an original glyph id; `.notdef` for anything not collected.
    pub fn cid(&self, gid: u16) -> u16 {
        self.cids.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// The advance of a CID in millionths of an em, exactly as /W says.
    pub fn advance(&self, cid: u16) -> i64 {
        self.widths.get(usize::from(cid)).copied().unwrap_or(0)
    }

    /// Writes the five objects of the font, with its streams.
    pub fn write(&self, chunk: &mut Chunk, refs: &FontRefs, streams: &FontStreams) {
        let base_font = Name(self.base_font.as_bytes());
        chunk
            .type0_font(refs.type0)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid_font)
            .to_unicode(refs.to_unicode);
        self.write_cid_font(chunk, refs);
        self.write_descriptor(chunk, refs);
        streams.write_program(chunk, refs.program, self.outlines);
        chunk.stream(refs.to_unicode, &streams.to_unicode).filter(Filter::FlateDecode);
    }

    fn write_cid_font(&self, chunk: &mut Chunk, refs: &FontRefs) {
        let mut cid_font = chunk.cid_font(refs.cid_font);
        let subtype = match self.outlines {
            Outlines::Cff => CidFontType::Type0,
            Outlines::TrueType => CidFontType::Type2,
        };
        cid_font
            .subtype(subtype)
            .base_font(Name(self.base_font.as_bytes()))
            .system_info(IDENTITY)
            .font_descriptor(refs.descriptor);
        let default = default_width(&self.widths);
        cid_font.default_width(to_glyph_units(default));
        let runs = width_runs(&self.widths, default);
        if !runs.is_empty() {
            let mut w = cid_font.widths();
            for (start, run) in runs {
                w.consecutive(start, run.iter().map(|&m| to_glyph_units(m)));
            }
        }
        if self.outlines == Outlines::TrueType {
            cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
    }

    fn write_descriptor(&self, chunk: &mut Chunk, refs: &FontRefs) {
        let m = &self.descriptor;
        let mut descriptor = chunk.font_descriptor(refs.descriptor);
        descriptor
            .name(Name(self.base_font.as_bytes()))
            // Symbolic: CJK faces hold glyphs outside the Adobe standard Latin set.
            .flags(FontFlags::SYMBOLIC)
            .bbox(m.bbox)
            .italic_angle(m.italic_angle)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(STEM_V);
        match self.outlines {
            Outlines::Cff => descriptor.font_file3(refs.program),
            Outlines::TrueType => descriptor.font_file2(refs.program),
        };
    }
}

impl FontStreams {
    /// Subsets the face to the glyphs the document shows and compresses the program and its
    /// ToUnicode CMap. The error is a sentence naming the font file.
    /// `kept` are programs made before; one that serves is taken instead of subsetting.
    pub(super) fn of(usage: &FontUse, kept: &[Arc<FontProgram>]) -> Result<FontStreams, String> {
        let remapper = glyph_remapper(usage);
        let made = || match kept.iter().find(|program| program.serves(usage)) {
            Some(program) => Ok(program.clone()),
            None => font_program(usage, &remapper).map(Arc::new),
        };
        // The CMap is made beside the subset, which is the longest task of a short document.
        let (program, to_unicode) = rayon::join(made, || to_unicode(usage, &remapper));
        Ok(FontStreams { program: program?, to_unicode })
    }

    /// The program, to keep for the next document.
    pub(super) fn program(&self) -> &Arc<FontProgram> {
        &self.program
    }

    /// The bytes the two streams take in the file.
    pub(super) fn byte_len(&self) -> usize {
        self.program.compressed.len() + self.to_unicode.len()
    }

    /// Size of the embedded font program before compression, for reports.
    #[cfg(test)]
    pub fn program_len(&self) -> usize {
        self.program.len
    }

    fn write_program(&self, chunk: &mut Chunk, id: Ref, outlines: Outlines) {
        let mut stream = chunk.stream(id, &self.program.compressed);
        stream.filter(Filter::FlateDecode);
        match outlines {
            Outlines::Cff => {
                stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
            }
            Outlines::TrueType => {
                let len = i32::try_from(self.program.len).unwrap_or(i32::MAX);
                stream.pair(Name(b"Length1"), len);
            }
        }
    }
}

/// The face subset to the remapper's glyphs.
fn font_program(usage: &FontUse, remapper: &GlyphRemapper) -> Result<FontProgram, String> {
    let font = usage.font;
    let subset = subsetter::subset(font.file.whole()?, font.index, remapper)
        .map_err(|e| format!("cannot subset font `{}` for the PDF: {e}", font.path.display()))?;
    let program = match font.outlines {
        Outlines::TrueType => subset,
        Outlines::Cff => {
            bare_cff(&subset).ok_or_else(|| format!("the subset of font `{}` has no CFF table", font.path.display()))?
        }
    };
    Ok(FontProgram {
        face: font.file.clone(),
        glyphs: usage.glyphs.keys().copied().collect(),
        len: program.len(),
        compressed: compress_to_vec_zlib(&program, FONT_FLATE_LEVEL),
    })
}

/// The face's ToUnicode CMap, compressed: each glyph's CID and the text it stands for.
fn to_unicode(usage: &FontUse, remapper: &GlyphRemapper) -> Vec<u8> {
    let pairs: Vec<(u16, String)> = usage
        .glyphs
        .iter()
        // `.notdef` stands for whatever was missing; mapping it to the first missing
        // character would extract every other missing one as that character.
        .filter(|(gid, text)| **gid != 0 && !text.is_empty())
        .filter_map(|(gid, text)| Some((remapper.get(*gid)?, clip_text(text))))
        .collect();
    compress_to_vec_zlib(&unicode_cmap(&pairs), FLATE_LEVEL)
}

/// The ToUnicode CMap of CID → text pairs, in CID order.
fn unicode_cmap(to_unicode: &[(u16, String)]) -> Vec<u8> {
    let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 };
    let mut cmap = UnicodeCmap::<u16>::new(Name(b"Adobe-Identity-UCS"), info);
    for (cid, text) in to_unicode {
        cmap.pair_with_multiple(*cid, text.chars());
    }
    cmap.finish().into_vec()
}

impl DescriptorMetrics {
    fn new(metrics: &FontMetrics, units_per_em: i64) -> DescriptorMetrics {
        let scale = |v: i16| to_glyph_units(div_round(i64::from(v) * MICRO_PER_EM, units_per_em));
        let [x_min, y_min, x_max, y_max] = metrics.bbox;
        DescriptorMetrics {
            ascent: scale(metrics.ascender),
            descent: scale(metrics.descender),
            cap_height: scale(metrics.cap_height),
            italic_angle: f32::from(metrics.italic_angle),
            bbox: Rect::new(scale(x_min), scale(y_min), scale(x_max), scale(y_max)),
        }
    }
}

/// Millionths of an em → the PDF's glyph space (thousandths of an em), for writing.
fn to_glyph_units(micro: i64) -> f32 {
    (micro as f64 / 1000.0) as f32
}

/// The `CFF ` table of an OpenType font, which is what /FontFile3 /CIDFontType0C holds.
fn bare_cff(otf: &[u8]) -> Option<Vec<u8>> {
    let face = ttf_parser::RawFace::parse(otf, 0).ok()?;
    face.table(ttf_parser::Tag::from_bytes(b"CFF ")).map(<[u8]>::to_vec)
}

/// "ABCDEF+PostScriptName": the six-letter subset tag (PDF 1.4 §5.5.3) is a hash of the face
/// and the glyph set, so the same subset always gets the same name and different subsets of
/// one face in different documents are told apart.
fn base_font(usage: &FontUse) -> String {
    let font = usage.font;
    let mut hash = Fnv64::new();
    hash.write(font.postscript_name.as_bytes());
    hash.write(&font.index.to_be_bytes());
    hash.write(&font.file.byte_len().to_be_bytes());
    for gid in std::iter::once(&0).chain(usage.glyphs.keys().filter(|&&gid| gid != 0)) {
        hash.write(&gid.to_be_bytes());
    }
    let mut value = hash.value();
    let mut name = String::with_capacity(7 + font.postscript_name.len());
    for _ in 0..6 {
        name.push(char::from(b'A' + (value % 26) as u8));
        value /= 26;
    }
    name.push('+');
    name.push_str(&name_safe(&font.postscript_name));
    name
}

/// A PostScript name reduced to characters that need no escaping in a PDF name, and short
/// enough that the tagged name stays under the 127-byte limit of PDF 1.4 (Appendix C).
fn name_safe(postscript_name: &str) -> String {
    let safe: String = postscript_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '-' })
        .take(100)
        .collect();
    if safe.is_empty() { "Font".to_string() } else { safe }
}

/// A glyph's text, cut (at a character boundary) to what one bfchar entry may hold.
fn clip_text(text: &str) -> String {
    let mut units = 0;
    text.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= MAX_UTF16_UNITS
        })
        .collect()
}

/// The most common width (the smaller on a tie), written once as /DW instead of per CID.
fn default_width(widths: &[i64]) -> i64 {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for &w in widths {
        *counts.entry(w).or_default() += 1;
    }
    // max_by_key keeps the last maximum; iterating in reverse makes that the smallest width.
    counts.into_iter().rev().max_by_key(|&(_, n)| n).map_or(0, |(w, _)| w)
}

/// Runs of consecutive CIDs whose width differs from the default, for /W.
fn width_runs(widths: &[i64], default: i64) -> Vec<(u16, &[i64])> {
    let mut runs = Vec::new();
    let mut start = None;
    for (cid, &w) in widths.iter().enumerate() {
        match (w != default, start) {
            (true, None) => start = Some(cid),
            (false, Some(s)) => {
                runs.push((s, &widths[s..cid]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, &widths[s..]));
    }
    runs.into_iter().filter_map(|(s, run)| Some((u16::try_from(s).ok()?, run))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_width_is_the_most_common_and_runs_skip_it() {
        let widths = [500_000, 1_000_000, 1_000_000, 250_000, 300_000, 1_000_000];
        assert_eq!(default_width(&widths), 1_000_000);
        let runs = width_runs(&widths, 1_000_000);
        assert_eq!(runs, vec![(0, &widths[0..1]), (3, &widths[3..5])]);
        assert_eq!(default_width(&[2, 1]), 1);
    }

    #[test]
    fn names_are_safe_and_text_is_clipped() {
        assert_eq!(name_safe("Noto Serif(CJK)"), "Noto-Serif-CJK-");
        assert_eq!(name_safe(""), "Font");
        assert_eq!(clip_text(&"字".repeat(300)).chars().count(), MAX_UTF16_UNITS);
        assert_eq!(clip_text(&"😀".repeat(200)).chars().count(), MAX_UTF16_UNITS / 2);
    }
}
