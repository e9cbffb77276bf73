//! The font file behind a loaded face: its tables but the outlines are read when the face is
//! loaded ([`LayoutTables`]); the whole file the first time a subset or a proof wants outlines
//! (or at once, for a face whose shaping reads them).

use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::book::Outlines;
use super::sfnt::{Directory, LayoutTables};

/// One load of a font file. Clones share it (and the whole file once read); two are equal
/// when they come from the same load, so a file saved again is a different `FontFile`.
#[derive(Debug, Clone)]
pub struct FontFile(Arc<Loaded>);

#[derive(Debug)]
struct Loaded {
    path: PathBuf,
    index: u32,
    len: u64,
    /// The tables shaping reads, when they are not the whole file.
    layout: Option<LayoutTables>,
    whole: OnceLock<Result<Vec<u8>, String>>,
}

impl PartialEq for FontFile {
    fn eq(&self, other: &FontFile) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl FontFile {
    /// Reads face `index`'s tables but its outlines, or the whole file when shaping needs
    /// the outlines; returns it with its outline format, if it has one paiban can embed. The
    /// error is a sentence naming the file.
    pub(super) fn open(path: &Path, index: u32) -> Result<(FontFile, Option<Outlines>), String> {
        let cannot_read = |e: std::io::Error| format!("cannot read font file `{}`: {e}", path.display());
        let not_a_font = |e: String| format!("`{}` is not a usable font: it {e}", path.display());
        let file = std::fs::File::open(path).map_err(cannot_read)?;
        let len = file.metadata().map_err(cannot_read)?.len();
        // A table the directory says runs past the file's end is an error before any memory
        // is taken for it (a broken length field could ask for gigabytes).
        let read_at = |offset: u64, n: usize| {
            if offset.saturating_add(n as u64) > len {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let mut bytes = vec![0; n];
            file.read_exact_at(&mut bytes, offset).map(|()| bytes)
        };
        let directory = Directory::read(&read_at, index).map_err(not_a_font)?;
        let (layout, whole) = if directory.shaping_needs_outlines() {
            let bytes = usize::try_from(len).map_err(|e| cannot_read(std::io::Error::other(e)))?;
            (None, OnceLock::from(Ok(read_at(0, bytes).map_err(cannot_read)?)))
        } else {
            (Some(directory.layout_tables(&read_at, len).map_err(not_a_font)?), OnceLock::new())
        };
        let file = FontFile(Arc::new(Loaded { path: path.to_path_buf(), index, len, layout, whole }));
        Ok((file, directory.outlines()))
    }

    /// What shaping and metrics read, and the face's index in it: the face's tables but its
    /// outlines as a single-face font (face 0), or the whole file.
    pub fn layout(&self) -> (&[u8], u32) {
        match &self.0.layout {
            Some(tables) => (&tables.bytes, 0),
            None => (self.whole().expect("read when loaded"), self.0.index),
        }
    }

    /// The file's length when the face was loaded.
    pub fn byte_len(&self) -> u64 {
        self.0.len
    }

    /// The whole file, outlines and all, read the first time it is asked for. The error is a
    /// sentence naming the file: it cannot be read, or it changed since the face was loaded.
    pub fn whole(&self) -> Result<&[u8], String> {
        let loaded = &*self.0;
        let read = || {
            let path = loaded.path.display();
            let bytes = std::fs::read(&loaded.path).map_err(|e| format!("cannot read font file `{path}`: {e}"))?;
            let same = loaded.layout.as_ref().is_none_or(|tables| tables.same_as_in(&bytes));
            if bytes.len() as u64 != loaded.len || !same {
                return Err(format!("font file `{path}` changed while it was in use; render again"));
            }
            Ok(bytes)
        };
        loaded.whole.get_or_init(read).as_deref().map_err(Clone::clone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SONG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/noto-serif-sc-regular.otf");
    const KAI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/paiban-kai-regular.ttf");

    #[test]
    fn the_whole_file_is_read_once_and_shared_by_clones() {
        let file = FontFile::open(Path::new(SONG), 0).unwrap().0;
        assert!(file.layout().0.len() * 10 < file.byte_len() as usize, "Song is shaped from its tables alone");
        let clone = file.clone();
        assert_eq!(file, clone);
        assert_ne!(file, FontFile::open(Path::new(SONG), 0).unwrap().0, "another load is another file");
        let whole = file.whole().unwrap();
        assert_eq!(whole.len() as u64, file.byte_len());
        assert!(std::ptr::eq(whole, clone.whole().unwrap()));
    }

    #[test]
    fn a_file_saved_again_or_removed_after_loading_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("song.otf");
        let original = std::fs::read(SONG).unwrap();
        std::fs::write(&path, &original).unwrap();
        let saved_again = FontFile::open(&path, 0).unwrap().0;
        let removed = FontFile::open(&path, 0).unwrap().0;
        let mut changed = original.clone();
        changed[12 + 8] ^= 0xff; // the first table's checksum, in the directory
        changed.extend_from_slice(b"more");
        std::fs::write(&path, &changed).unwrap();
        let error = saved_again.whole().unwrap_err();
        assert!(error.contains("song.otf") && error.contains("changed while it was in use"), "{error}");
        std::fs::remove_file(&path).unwrap();
        let error = removed.whole().unwrap_err();
        assert!(error.starts_with("cannot read font file") && error.contains("song.otf"), "{error}");
    }

    #[test]
    fn a_face_shaped_from_its_outlines_is_read_whole_when_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kai.ttf");
        std::fs::copy(KAI, &path).unwrap();
        let file = FontFile::open(&path, 0).unwrap().0;
        std::fs::remove_file(&path).unwrap();
        let (layout, index) = file.layout();
        assert_eq!((layout.len() as u64, index), (file.byte_len(), 0));
        assert!(std::ptr::eq(layout, file.whole().unwrap()), "one copy, read when loaded");
    }

    #[test]
    fn a_file_that_is_not_a_font_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.otf");
        std::fs::write(&path, "not a font, only its name says so\n").unwrap();
        let error = FontFile::open(&path, 0).unwrap_err();
        assert!(
            error.contains("notes.otf")
                && error.ends_with("is not a usable font: it is not a TrueType or OpenType font"),
            "{error}"
        );
    }
}
