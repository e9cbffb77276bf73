//! A face's tables without its outlines, read from the font file as a font of their own.
//!
//! Shaping, line breaking and the PDF's metrics read a face's cmap, metrics and layout tables,
//! about 0.2 MB of a bundled CJK face; its outlines (`CFF `, or `glyf` and `loca`) are the other
//! nine tenths and only a subset or a proof draws them. So a face is loaded as its other tables
//! alone, and the whole file is read when glyphs are drawn. One exception: a face without a
//! `GPOS` table has its combining marks placed by rustybuzz from the glyphs' outlines, so
//! shaping needs the whole face.

use std::io;

use super::book::Outlines;

/// The tables only outlines need.
const OUTLINE_TABLES: [&[u8; 4]; 3] = [b"CFF ", b"glyf", b"loca"];

/// One table directory entry: where the table lies in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TableRecord {
    tag: [u8; 4],
    checksum: u32,
    offset: u32,
    len: u32,
}

impl TableRecord {
    fn is_outline(&self) -> bool {
        OUTLINE_TABLES.iter().any(|tag| **tag == self.tag)
    }
}

/// A face's table directory: its outline format tag (`sfntVersion`) and where its tables lie.
#[derive(Debug, Clone)]
pub(super) struct Directory {
    sfnt_version: [u8; 4],
    records: Vec<TableRecord>,
}

impl Directory {
    /// Reads face `index`'s directory through `read_at` (bytes at an offset). The error says
    /// what is wrong with the file, for a sentence that names it.
    pub fn read(read_at: &impl Fn(u64, usize) -> io::Result<Vec<u8>>, index: u32) -> Result<Directory, String> {
        let start = face_offset(read_at, index)?;
        let head = read_at(start, 12).map_err(|_| "too short for a font file".to_string())?;
        if !matches!(&head[..4], [0, 1, 0, 0] | b"OTTO" | b"true") {
            return Err("is not a TrueType or OpenType font".to_string());
        }
        let count = usize::from(be_u16(&head, 4));
        let entries = read_at(start + 12, 16 * count).map_err(|_| "its table directory is cut short".to_string())?;
        let records = entries
            .chunks_exact(16)
            .map(|e| TableRecord {
                tag: [e[0], e[1], e[2], e[3]],
                checksum: be_u32(e, 4),
                offset: be_u32(e, 8),
                len: be_u32(e, 12),
            })
            .collect();
        Ok(Directory { sfnt_version: [head[0], head[1], head[2], head[3]], records })
    }

    fn has(&self, tag: &[u8; 4]) -> bool {
        self.records.iter().any(|r| &r.tag == tag)
    }

    /// The face's outline format, if it has outlines paiban can embed.
    pub fn outlines(&self) -> Option<Outlines> {
        if self.has(b"CFF ") {
            Some(Outlines::Cff)
        } else if self.has(b"glyf") {
            Some(Outlines::TrueType)
        } else {
            None
        }
    }

    /// Whether shaping reads outlines: without `GPOS`, rustybuzz places combining marks by
    /// the extents of the glyphs' outlines.
    pub fn shaping_needs_outlines(&self) -> bool {
        !self.has(b"GPOS")
    }

    /// Reads every table but the outlines through `read_at`, from a file of `file_len` bytes.
    pub fn layout_tables(
        &self,
        read_at: &impl Fn(u64, usize) -> io::Result<Vec<u8>>,
        file_len: u64,
    ) -> Result<LayoutTables, String> {
        let kept: Vec<TableRecord> = self.records.iter().filter(|r| !r.is_outline()).copied().collect();
        // A face's tables do not overlap, so they fit in the file; a directory that names one
        // stretch many times would otherwise make a copy many times the file's size.
        if kept.iter().map(|r| u64::from(r.len)).sum::<u64>() > file_len {
            return Err("lists more table bytes than it has".to_string());
        }
        let tables = kept
            .iter()
            .map(|r| read_at(u64::from(r.offset), r.len as usize).map_err(|e| table_error(r, &e)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(LayoutTables { bytes: single_face(&self.sfnt_version, &kept, &tables), records: kept })
    }
}

/// A face's tables other than its outlines, laid out as a single-face font file.
#[derive(Debug, Clone)]
pub(super) struct LayoutTables {
    /// The font file they make: face 0, every table the face had but its outlines.
    pub bytes: Vec<u8>,
    /// Where each kept table lies in the original file, in `bytes`' order.
    records: Vec<TableRecord>,
}

impl LayoutTables {
    /// Whether `file` (the whole font file, read later) still holds these tables: a font saved
    /// again in between must not lend its outlines to metrics read from the old one.
    pub fn same_as_in(&self, file: &[u8]) -> bool {
        let mut at = table_data_start(self.records.len());
        self.records.iter().all(|r| {
            let len = r.len as usize;
            let kept = self.bytes.get(at..at + len);
            at += len.next_multiple_of(4);
            let start = r.offset as usize;
            kept.is_some() && kept == file.get(start..start + len)
        })
    }
}

fn table_error(record: &TableRecord, e: &io::Error) -> String {
    format!("cannot read its `{}` table: {e}", String::from_utf8_lossy(&record.tag))
}

fn be_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([bytes[at], bytes[at + 1]])
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Where face `index`'s offset table starts: 0 in a single-face file, else from the
/// collection's header.
fn face_offset(read_at: &impl Fn(u64, usize) -> io::Result<Vec<u8>>, index: u32) -> Result<u64, String> {
    let head = read_at(0, 12).map_err(|_| "too short for a font file".to_string())?;
    if &head[..4] != b"ttcf" {
        return if index == 0 { Ok(0) } else { Err(format!("is not a collection, so it has no face {index}")) };
    }
    let faces = be_u32(&head, 8);
    if index >= faces {
        return Err(format!("has {faces} faces, so no face {index}"));
    }
    let entry = read_at(12 + 4 * u64::from(index), 4).map_err(|e| e.to_string())?;
    Ok(u64::from(be_u32(&entry, 0)))
}

/// Where the first table's bytes start in a single-face file of `tables` tables.
fn table_data_start(tables: usize) -> usize {
    12 + 16 * tables
}

/// A single-face font file of `records`' tables (their bytes in `tables`), in the same order,
/// each padded to four bytes as the format asks.
fn single_face(sfnt_version: &[u8; 4], records: &[TableRecord], tables: &[Vec<u8>]) -> Vec<u8> {
    // The search fields are u16 and no reader relies on them; a directory of 4,096 tables or
    // more (none in a real font) wraps them rather than overflow.
    let count = records.len() as u32;
    let power = if count == 0 { 0 } else { 1u32 << count.ilog2() };
    let search_range = power * 16;
    let data_start = table_data_start(records.len());
    let mut bytes = Vec::with_capacity(data_start + tables.iter().map(|t| t.len().next_multiple_of(4)).sum::<usize>());
    bytes.extend_from_slice(sfnt_version);
    for value in [count, search_range, power.checked_ilog2().unwrap_or(0), count * 16 - search_range] {
        bytes.extend_from_slice(&(value as u16).to_be_bytes());
    }
    let mut at = data_start;
    for (record, table) in records.iter().zip(tables) {
        bytes.extend_from_slice(&record.tag);
        bytes.extend_from_slice(&record.checksum.to_be_bytes());
        bytes.extend_from_slice(&(at as u32).to_be_bytes());
        bytes.extend_from_slice(&record.len.to_be_bytes());
        at += table.len().next_multiple_of(4);
    }
    for table in tables {
        bytes.extend_from_slice(table);
        bytes.resize(bytes.len().next_multiple_of(4), 0);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const SONG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/noto-serif-sc-regular.otf");
    const KAI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/paiban-kai-regular.ttf");

    fn from_bytes(file: &[u8]) -> impl Fn(u64, usize) -> io::Result<Vec<u8>> + '_ {
        |offset, len| {
            let start = offset as usize;
            file.get(start..start + len).map(<[u8]>::to_vec).ok_or_else(|| io::ErrorKind::UnexpectedEof.into())
        }
    }

    fn layout_tables(file: &[u8], index: u32) -> Result<LayoutTables, String> {
        Directory::read(&from_bytes(file), index)?.layout_tables(&from_bytes(file), file.len() as u64)
    }

    /// A font file with `count` table entries, each `len` bytes at offset 0, and `pad` bytes.
    fn directory_of(count: u16, len: u32, pad: usize) -> Vec<u8> {
        let mut file = b"OTTO".to_vec();
        file.extend_from_slice(&count.to_be_bytes());
        file.extend_from_slice(&[0; 6]);
        for i in 0..u32::from(count) {
            file.extend_from_slice(&i.to_be_bytes());
            file.extend_from_slice(&[0; 8]);
            file.extend_from_slice(&len.to_be_bytes());
        }
        file.resize(file.len() + pad, 0);
        file
    }

    /// `file` as face 1 of a two-face collection (face 0 is the same face): the table
    /// offsets move by the collection header's length.
    fn as_collection(file: &[u8]) -> Vec<u8> {
        let header = 12 + 4 * 2;
        let mut moved = file.to_vec();
        for entry in 0..usize::from(be_u16(file, 4)) {
            let at = 12 + 16 * entry + 8;
            moved[at..at + 4].copy_from_slice(&(be_u32(file, at) + header as u32).to_be_bytes());
        }
        let mut ttc = b"ttcf\0\x01\0\0\0\0\0\x02".to_vec();
        ttc.extend_from_slice(&(header as u32).to_be_bytes());
        ttc.extend_from_slice(&(header as u32).to_be_bytes());
        ttc.extend_from_slice(&moved);
        ttc
    }

    #[test]
    fn layout_tables_answer_as_the_whole_face_does_without_outlines() {
        for (path, outlines) in [(SONG, Outlines::Cff), (KAI, Outlines::TrueType)] {
            let file = std::fs::read(path).unwrap();
            let directory = Directory::read(&from_bytes(&file), 0).unwrap();
            assert_eq!(directory.outlines(), Some(outlines));
            let tables = directory.layout_tables(&from_bytes(&file), file.len() as u64).unwrap();
            assert!(tables.bytes.len() * 10 < file.len(), "{path}: {} of {} bytes", tables.bytes.len(), file.len());
            let (whole, layout) =
                (ttf_parser::Face::parse(&file, 0).unwrap(), ttf_parser::Face::parse(&tables.bytes, 0).unwrap());
            assert!(layout.tables().cff.is_none() && layout.tables().glyf.is_none());
            assert_eq!(layout.number_of_glyphs(), whole.number_of_glyphs());
            assert_eq!(layout.units_per_em(), whole.units_per_em());
            for c in "排版，。A1《》".chars() {
                let glyph = whole.glyph_index(c).unwrap();
                assert_eq!(layout.glyph_index(c), Some(glyph), "{c}");
                assert_eq!(layout.glyph_hor_advance(glyph), whole.glyph_hor_advance(glyph), "{c}");
                assert_eq!(layout.glyph_ver_advance(glyph), whole.glyph_ver_advance(glyph), "{c}");
            }
            assert!(tables.same_as_in(&file));
        }
    }

    #[test]
    fn a_face_without_gpos_is_shaped_from_its_outlines() {
        let directory = |path| Directory::read(&from_bytes(&std::fs::read(path).unwrap()), 0).unwrap();
        assert!(!directory(SONG).shaping_needs_outlines());
        assert!(directory(KAI).shaping_needs_outlines(), "the bundled Kai has no GPOS");
    }

    #[test]
    fn a_changed_layout_table_is_noticed_and_a_changed_outline_is_not_compared() {
        let file = std::fs::read(SONG).unwrap();
        let tables = layout_tables(&file, 0).unwrap();
        let directory = Directory::read(&from_bytes(&file), 0).unwrap();
        assert_eq!(&directory.sfnt_version, b"OTTO");
        let offset_of = |tag: &[u8; 4]| directory.records.iter().find(|r| &r.tag == tag).unwrap().offset as usize;
        let mut cmap_changed = file.clone();
        cmap_changed[offset_of(b"cmap") + 40] ^= 1;
        assert!(!tables.same_as_in(&cmap_changed));
        let mut outline_changed = file.clone();
        outline_changed[offset_of(b"CFF ") + 4000] ^= 1;
        assert!(tables.same_as_in(&outline_changed));
        assert!(!tables.same_as_in(&file[..file.len() / 2]));
    }

    #[test]
    fn a_collection_face_is_read_by_its_index() {
        let file = std::fs::read(KAI).unwrap();
        let ttc = as_collection(&file);
        let single = layout_tables(&file, 0).unwrap();
        let second = layout_tables(&ttc, 1).unwrap();
        assert_eq!(second.bytes, single.bytes);
        assert!(second.same_as_in(&ttc));
        assert_eq!(layout_tables(&ttc, 2).unwrap_err(), "has 2 faces, so no face 2");
        assert_eq!(layout_tables(&file, 1).unwrap_err(), "is not a collection, so it has no face 1");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 64,
            rng_seed: proptest::test_runner::RngSeed::Fixed(2026),
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        /// Bytes of the header and the table directory changed at random: an error or tables
        /// the file holds, never a panic.
        #[test]
        fn a_damaged_directory_is_an_error_or_tables_the_file_holds(
            changes in proptest::collection::vec((0usize..12 + 16 * 16, proptest::num::u8::ANY), 1..6),
            index in 0u32..2,
        ) {
            let mut file = std::fs::read(SONG).unwrap();
            for (at, byte) in changes {
                file[at] = byte;
            }
            if let Ok(tables) = layout_tables(&file, index) {
                proptest::prop_assert!(tables.same_as_in(&file));
            }
        }

        #[test]
        fn any_short_input_is_read_without_a_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            if let Ok(tables) = layout_tables(&bytes, 0) {
                proptest::prop_assert!(tables.same_as_in(&bytes));
            }
        }
    }

    #[test]
    fn a_directory_of_many_tables_or_one_stretch_named_often_is_no_hazard() {
        let many = directory_of(5000, 0, 0);
        let tables = layout_tables(&many, 0).unwrap();
        assert_eq!(tables.bytes.len(), 12 + 16 * 5000);
        let repeated = directory_of(600, 60_000, 0);
        assert_eq!(layout_tables(&repeated, 0).unwrap_err(), "lists more table bytes than it has");
    }

    #[test]
    fn what_is_not_a_font_says_why() {
        let read = |bytes: &[u8]| layout_tables(bytes, 0).unwrap_err();
        assert_eq!(read(b"# not a font\n"), "is not a TrueType or OpenType font");
        assert_eq!(read(b"OTTO"), "too short for a font file");
        assert_eq!(read(b"OTTO\0\x10\0\0\0\0\0\0"), "its table directory is cut short");
        let file = std::fs::read(SONG).unwrap();
        assert!(read(&file[..file.len() / 2]).starts_with("cannot read its `"), "{}", read(&file[..file.len() / 2]));
    }
}
