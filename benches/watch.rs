//! `cargo bench --bench watch -- [EDITION …]`: times what `paiban watch` does after a save,
//! with and without standing type, and prints medians. A benchmark, never a test: nothing here
//! asserts a time.
//!
//! Each edition folder (default: the sample, issues/sample; the 16-page edition comes from
//! `cargo bench --bench render -- --write-editions DIR`) is copied to a temporary folder, then
//! rendered to PDF bytes in process:
//!
//! - fresh: `typeset_dir` and `write_pdf`, as `paiban render` and a watch without standing
//!   type do after any save;
//! - kept, no change: through the same [`StandingType`] again with nothing changed, the PDF
//!   written with the font programs kept from the render before (`write_pdf_keeping`), as
//!   `paiban watch` does;
//! - kept, one article edited: the first `。` of the body of one article (`--article NAME`,
//!   default `market`; `NAME-0` in a generated edition) turned into `！` and back on
//!   alternate runs, then through standing type.
//!
//! Each row gives the layout (edition to pages) and the whole render (to PDF bytes).
//! Arguments: `--runs N` (default 9), `--article NAME`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use paiban::model::LoadOptions;
use paiban::pipeline::{StandingType, typeset_dir};
use paiban::render::pdf::{KeptPrograms, write_pdf, write_pdf_keeping};

mod support;
use support::{copy_dir, median, peak_memory_mb};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let runs: usize = value("--runs").and_then(|r| r.parse().ok()).unwrap_or(9).max(1);
    let article = value("--article").unwrap_or_else(|| "market".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut editions: Vec<PathBuf> = Vec::new();
    let mut skip = false;
    for arg in &args {
        if std::mem::take(&mut skip) || arg == "--bench" {
            continue;
        }
        skip = arg == "--runs" || arg == "--article";
        if !skip {
            editions.push(PathBuf::from(arg));
        }
    }
    if editions.is_empty() {
        editions.push(root.join("issues/sample"));
    }
    let options = LoadOptions { fonts_dir: root.join("fonts"), ..LoadOptions::default() };
    println!("paiban watch benchmark: median of {runs} runs, layout / whole render to PDF bytes");
    for edition in &editions {
        let scratch = tempfile::tempdir().expect("temporary folder");
        let copy = scratch.path().join("edition");
        copy_edition(edition, &copy);
        let file = article_file(&copy, &article);
        bench(&copy, &file, runs, &options, &edition.display().to_string());
    }
}

/// Times of one row: the layout and the whole render.
#[derive(Default)]
struct Row {
    layout: Vec<Duration>,
    total: Vec<Duration>,
}

impl Row {
    fn print(&mut self, label: &str) {
        let ms = |times: &mut Vec<Duration>| median(times).as_secs_f64() * 1000.0;
        println!("  {label:<34} {:>8.1} ms {:>8.1} ms", ms(&mut self.layout), ms(&mut self.total));
    }
}

fn bench(dir: &Path, article: &Path, runs: usize, options: &LoadOptions, name: &str) {
    let (mut fresh, mut unchanged, mut edited) = (Row::default(), Row::default(), Row::default());
    let mut pages = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let (book, typeset, pdf) = typeset_dir(dir, options, None).expect("edition typesets");
        fresh.layout.push(start.elapsed());
        std::hint::black_box(write_pdf(&typeset.document, &book, &pdf).expect("pdf"));
        fresh.total.push(start.elapsed());
        pages = typeset.document.pages.len();
    }
    let peak_fresh = peak_memory_mb();
    let (mut standing, mut programs) = (StandingType::default(), KeptPrograms::default());
    let mut render = |row: &mut Row| {
        let start = Instant::now();
        let (book, typeset, pdf, reuse) = standing.typeset_dir(dir, options, None).expect("edition typesets");
        row.layout.push(start.elapsed());
        std::hint::black_box(write_pdf_keeping(&typeset.document, book, &pdf, &mut programs).expect("pdf"));
        row.total.push(start.elapsed());
        reuse
    };
    render(&mut Row::default());
    for _ in 0..runs {
        render(&mut unchanged);
    }
    let mut set_again = Vec::new();
    let at = first_stop(article);
    for _ in 0..runs {
        toggle(article, at);
        set_again = render(&mut edited).stories_set;
    }
    println!();
    println!("{name}: {pages} pages; the edit sets again {set_again:?}");
    fresh.print("fresh (no standing type)");
    unchanged.print("kept, no change");
    edited.print("kept, one article edited");
    if let (Some(before), Some(after)) = (peak_fresh, peak_memory_mb()) {
        println!("  peak memory (VmHWM): {before:.1} MB after the fresh renders, {after:.1} MB after the kept ones");
    }
}

/// Where the first `。` after the article's front matter is.
fn first_stop(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("article");
    let body = text.rfind("+++").map_or(0, |i| i + 3);
    body + text[body..].find('。').expect("the article's body has a full stop")
}

/// Turns the `。` at byte `at` into `！`, or back.
fn toggle(file: &Path, at: usize) {
    let text = std::fs::read_to_string(file).expect("article");
    let to = if text[at..].starts_with('。') { "！" } else { "。" };
    let edited = format!("{}{to}{}", &text[..at], &text[at + to.len()..]);
    std::fs::write(file, edited).expect("write article");
}

/// The article's file: `NAME.md`, or `NAME-0.md` in a generated edition.
fn article_file(dir: &Path, name: &str) -> PathBuf {
    let plain = dir.join("articles").join(format!("{name}.md"));
    if plain.exists() { plain } else { dir.join("articles").join(format!("{name}-0.md")) }
}

/// Copies an edition folder, pointing a relative `layouts` at the original's templates.
fn copy_edition(from: &Path, to: &Path) {
    copy_dir(from, to);
    let text = std::fs::read_to_string(to.join("edition.toml")).expect("edition.toml");
    let mut table: toml::Table = text.parse().expect("edition.toml parses");
    let layouts = table.get("layouts").and_then(|v| v.as_str()).unwrap_or("layouts");
    let absolute = from.join(layouts).canonicalize().expect("the edition's layouts folder");
    table.insert("layouts".into(), toml::Value::String(absolute.display().to_string()));
    std::fs::write(to.join("edition.toml"), toml::to_string(&table).expect("edition serialises")).expect("write");
}
