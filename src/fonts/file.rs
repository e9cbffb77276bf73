//! The font file behind a loaded face: its tables but the outlines are read when the face is
//! loaded ([`LayoutTables`]); the whole file the first time a subset or a proof wants outlines.

use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::book::Outlines;
use super::sfnt::LayoutTables;

/// One load of a font file. Clones share it (and the whole file once read); two are equal
/// when they come from the same load, so a file saved again is a different `FontFile`.
#[derive(Debug, Clone)]
pub struct FontFile(Arc<Loaded>);

#[derive(Debug)]
struct Loaded {
    path: PathBuf,
    len: u64,
    layout: LayoutTables,
    whole: OnceLock<Result<Vec<u8>, String>>,
}

impl PartialEq for FontFile {
    fn eq(&self, other: &FontFile) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl FontFile {
    /// Reads face `index`'s tables but its outlines. The error is a sentence naming the file.
    pub(super) fn open(path: &Path, index: u32) -> Result<FontFile, String> {
        let cannot_read = |e: std::io::Error| format!("cannot read font file `{}`: {e}", path.display());
        let file = std::fs::File::open(path).map_err(cannot_read)?;
        let len = file.metadata().map_err(cannot_read)?.len();
        let read_at = |offset: u64, n: usize| {
            let mut bytes = vec![0; n];
            file.read_exact_at(&mut bytes, offset).map(|()| bytes)
        };
        let layout = LayoutTables::read(read_at, index)
            .map_err(|e| format!("`{}` is not a usable font: it {e}", path.display()))?;
        Ok(FontFile(Arc::new(Loaded { path: path.to_path_buf(), len, layout, whole: OnceLock::new() })))
    }

    /// The face's tables but its outlines, as a single-face font file (face 0): what shaping
    /// and metrics read.
    pub fn layout(&self) -> &[u8] {
        &self.0.layout.bytes
    }

    pub(super) fn outlines(&self) -> Option<Outlines> {
        self.0.layout.outlines
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
            if bytes.len() as u64 != loaded.len || !loaded.layout.same_as_in(&bytes) {
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

    const KAI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/paiban-kai-regular.ttf");

    #[test]
    fn the_whole_file_is_read_once_and_shared_by_clones() {
        let file = FontFile::open(Path::new(KAI), 0).unwrap();
        let clone = file.clone();
        assert_eq!(file, clone);
        assert_ne!(file, FontFile::open(Path::new(KAI), 0).unwrap(), "another load is another file");
        let whole = file.whole().unwrap();
        assert_eq!(whole.len() as u64, file.byte_len());
        assert!(std::ptr::eq(whole, clone.whole().unwrap()));
    }

    #[test]
    fn a_file_saved_again_or_removed_after_loading_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kai.ttf");
        let original = std::fs::read(KAI).unwrap();
        std::fs::write(&path, &original).unwrap();
        let saved_again = FontFile::open(&path, 0).unwrap();
        let removed = FontFile::open(&path, 0).unwrap();
        let mut changed = original.clone();
        changed[12 + 8] ^= 0xff; // the first table's checksum, in the directory
        changed.extend_from_slice(b"more");
        std::fs::write(&path, &changed).unwrap();
        let error = saved_again.whole().unwrap_err();
        assert!(error.contains("kai.ttf") && error.contains("changed while it was in use"), "{error}");
        std::fs::remove_file(&path).unwrap();
        let error = removed.whole().unwrap_err();
        assert!(error.starts_with("cannot read font file") && error.contains("kai.ttf"), "{error}");
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
