//! Helpers shared by the integration tests: rendering the bundled sample, and running the
//! poppler and qpdf tools when the machine has them.

#![allow(dead_code, reason = "each test file uses its own subset of the helpers")]

pub mod icc;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use paiban::model::LoadOptions;
use paiban::pipeline::{Typeset, render_pdf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load_options() -> LoadOptions {
    LoadOptions { fonts_dir: root().join("fonts"), ..LoadOptions::default() }
}

/// The sample edition rendered once per test binary.
pub fn sample() -> &'static (Vec<u8>, Typeset) {
    static SAMPLE: OnceLock<(Vec<u8>, Typeset)> = OnceLock::new();
    SAMPLE.get_or_init(|| render_pdf(&root().join("issues/sample"), &load_options(), None).expect("the sample renders"))
}

/// Runs a tool on a PDF written to a temporary file; `None` when the tool is not installed.
pub fn tool_output(tool: &str, args: &[&str], pdf: &[u8]) -> Option<(bool, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("t.pdf");
    std::fs::write(&file, pdf).expect("write temp pdf");
    let mut command = Command::new(tool);
    command.args(args).arg(&file);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(_) => {
            eprintln!("note: `{tool}` is not installed; that check is skipped (.ci/run installs it)");
            return None;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    Some((output.status.success(), text))
}

/// Copies the sample edition into a temporary folder, fixing up its layouts path.
pub fn copy_sample(to: &Path) {
    let from = root().join("issues/sample");
    copy_dir(&from, to);
    let edition = to.join("edition.toml");
    let text = std::fs::read_to_string(&edition).unwrap();
    let layouts = root().join("layouts");
    std::fs::write(
        &edition,
        text.replace("layouts = \"../../layouts\"", &format!("layouts = {:?}", layouts.display().to_string())),
    )
    .unwrap();
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Writes an edition folder on one template (`layouts/small.toml`): `head` goes into
/// edition.toml before the pages; each page is (number, its `[[page.box]]` tables).
pub fn write_edition(dir: &Path, template: &str, head: &str, pages: &[(u32, &str)], articles: &[(&str, &str)]) {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::write(dir.join("layouts/small.toml"), template).unwrap();
    for (name, text) in articles {
        std::fs::write(dir.join("articles").join(format!("{name}.md")), text).unwrap();
    }
    let mut toml = format!("paper = \"测试报\"\ndate = \"2026-04-24\"\nserial = 1\n{head}\n");
    for (number, boxes) in pages {
        toml.push_str(&format!("[[page]]\nnumber = {number}\nname = \"版\"\ntemplate = \"small\"\n{boxes}\n"));
    }
    std::fs::write(dir.join("edition.toml"), toml).unwrap();
}

/// Loads and typesets an edition folder that must load.
pub fn typeset_edition(dir: &Path) -> Typeset {
    let loaded = paiban::model::load_edition(dir, &load_options()).unwrap();
    let book = paiban::pipeline::load_fonts(&loaded).unwrap();
    paiban::pipeline::typeset(&loaded, &book)
}
