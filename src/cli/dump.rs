//! `render --dump DIR`: one layout dump per page (`page-01.txt`, …), written atomically; dumps
//! of pages the document no longer has are removed, so a folder always holds one render.

use std::path::Path;

use paiban::fonts::FontBook;
use paiban::frame::Document;
use paiban::render::dump::{dump_page, page_file_name};

use super::output::write_atomically;

/// Writes the dumps of `doc` into `dir`, creating it. The error is a sentence.
pub fn write_dumps(dir: &Path, doc: &Document, book: &FontBook) -> Result<(), String> {
    let names: Vec<String> = doc.pages.iter().map(|p| page_file_name(p.number, "txt")).collect();
    write_page_files(dir, "txt", &names, |i| Ok(dump_page(&doc.pages[i], book).to_text().into_bytes()))
}

/// Writes one file per page into `dir` (the `i`th named `names[i]`, its bytes from `bytes`)
/// and removes other `page-*.EXT` files there.
pub fn write_page_files(
    dir: &Path,
    extension: &str,
    names: &[String],
    mut bytes: impl FnMut(usize) -> Result<Vec<u8>, String>,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    for (i, name) in names.iter().enumerate() {
        let path = dir.join(name);
        write_atomically(&path, &bytes(i)?).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    remove_stale(dir, extension, names);
    Ok(())
}

/// Removes `page-*.EXT` files in `dir` that are not among `keep`.
fn remove_stale(dir: &Path, extension: &str, keep: &[String]) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with("page-") && name.ends_with(&format!(".{extension}"));
        if ours && !keep.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes the dumps of `doc`, typeset from `edition` by `render`, which keeps no font book:
/// loads the edition's faces again to name the runs' fonts.
pub fn dump_edition(
    dir: &Path,
    edition: &Path,
    options: &paiban::model::LoadOptions,
    doc: &Document,
) -> Result<(), String> {
    let loaded = paiban::model::load_edition(edition, options).map_err(|e| e.to_string())?;
    let book = paiban::pipeline::load_fonts(&loaded).map_err(|e| e.to_string())?;
    write_dumps(dir, doc, &book)
}
