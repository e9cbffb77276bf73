//! `cargo bench --bench render`: times rendering at edition scale, stage by stage, and prints
//! medians. A benchmark, never a test: nothing here asserts a time.
//!
//! Three workloads are generated in a temporary folder from the sample edition's articles and
//! its three page templates: the front page alone (page 1 of the sample; the lead's
//! continuation boxes are not there, so the lead is overset), a 16-page edition and a 64-page
//! edition. A generated edition cycles the sample's pages (front, inside, feature) with their
//! box assignments; every group of three pages gets its own copy of each article, so no text
//! is shared between groups (the lead still continues from its front page to the two pages
//! after it, as in the sample).
//!
//! Arguments (after `--`): `--runs N` (default 9), `--only front|16|64`, and
//! `--write-editions DIR`, which writes the three editions to DIR and exits, for timing the
//! whole command (`paiban render DIR/edition-16 -o out.pdf`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use paiban::linebreak::build_items;
use paiban::model::{LoadOptions, StyledText, load_edition};
use paiban::pipeline::{flow_stories, load_fonts, paginate_edition, pdf_options, set_texts};
use paiban::render::pdf::{subset_fonts, write_pdf};
use paiban::shape::Shaper;

mod support;
use support::{copy_dir, median, peak_memory_mb};

const STAGES: [&str; 9] = [
    "load (read and parse the edition)",
    "fonts (read and parse faces)",
    "shape (rustybuzz, alone)",
    "break (items and opportunities, alone)",
    "subset fonts and compress them (alone)",
    "shape + break (the pipeline's pass)",
    "flow (line breaking into boxes)",
    "paginate",
    "pdf (subset while painting pages, write)",
];
/// The rows timed on the side before the pipeline runs, not counted in the total (subsetting
/// alone is timed after the total).
const ALONE: [usize; 2] = [2, 3];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let runs: usize = value("--runs").and_then(|r| r.parse().ok()).unwrap_or(9).max(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("temporary folder");
    let out = value("--write-editions").map(PathBuf::from).unwrap_or_else(|| scratch.path().to_path_buf());
    let workloads = [("front", 1), ("16", 16), ("64", 64)];
    for (name, pages) in workloads {
        generate(&root, &out.join(format!("edition-{name}")), pages);
    }
    if value("--write-editions").is_some() {
        println!("wrote {} (edition-front, edition-16, edition-64)", out.display());
        return;
    }
    let options = LoadOptions { fonts_dir: root.join("fonts"), ..LoadOptions::default() };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("paiban render benchmark: median of {runs} runs per workload, {threads} hardware threads");
    for (name, _) in workloads {
        if value("--only").is_some_and(|only| only != name) {
            continue;
        }
        bench(&out.join(format!("edition-{name}")), name, runs, &options);
    }
}

/// Runs one workload `runs` times and prints the median of each stage.
fn bench(dir: &Path, name: &str, runs: usize, options: &LoadOptions) {
    let mut stages: Vec<Vec<Duration>> = vec![Vec::new(); STAGES.len()];
    let mut totals = Vec::new();
    let (mut pages, mut bytes) = (0, 0);
    for _ in 0..runs {
        let mut time = |stage: usize, start: Instant| stages[stage].push(start.elapsed());
        let start = Instant::now();
        let edition = load_edition(dir, options).expect("edition loads");
        time(0, start);
        let at = Instant::now();
        let book = load_fonts(&edition).expect("fonts load");
        time(1, at);
        // Shaping and items alone, for the figures; the pipeline does both in one pass below.
        let texts = styled_texts(&edition);
        let at = Instant::now();
        let mut shaper = Shaper::new(&book, edition.composition.fullwidth_ascii);
        let shaped: Vec<_> = texts.iter().map(|t| shaper.shape(t)).collect();
        time(2, at);
        let at = Instant::now();
        let items: Vec<_> =
            texts.iter().zip(&shaped).map(|(t, s)| build_items(&t.text, s, &edition.composition)).collect();
        time(3, at);
        std::hint::black_box((shaped, items));
        // The pipeline's own stages.
        let at = Instant::now();
        let set = set_texts(&edition, &book);
        time(5, at);
        let at = Instant::now();
        let layouts = flow_stories(&edition, &set);
        time(6, at);
        let at = Instant::now();
        let typeset = paginate_edition(&edition, set, layouts);
        time(7, at);
        let at = Instant::now();
        let pdf = write_pdf(&typeset.document, &book, &pdf_options(&edition, None)).expect("pdf");
        time(8, at);
        let alone: Duration = ALONE.iter().filter_map(|&stage| stages[stage].last()).sum();
        totals.push(start.elapsed() - alone);
        // Subsetting alone, after the clock for the total has stopped.
        let at = Instant::now();
        std::hint::black_box(subset_fonts(&typeset.document, &book).expect("fonts subset"));
        stages[4].push(at.elapsed());
        pages = typeset.document.pages.len();
        bytes = pdf.len();
    }
    let medians: Vec<Duration> = stages.iter_mut().map(|s| median(s)).collect();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let total = median(&mut totals);
    println!();
    println!("workload {name}: {pages} pages, PDF {:.1} MB", bytes as f64 / 1e6);
    for (label, time) in STAGES.iter().zip(&medians) {
        println!("  {label:<44} {:>9.1} ms", ms(*time));
    }
    println!("  {:<44} {:>9.1} ms", "total (load to PDF bytes, without the 'alone' rows)", ms(total));
    println!("  {:<44} {:>9.1} ms", "per page", ms(total) / pages as f64);
    if let Some(peak) = peak_memory_mb() {
        println!("  {:<44} {:>9.1} MB", "peak memory of this process so far (VmHWM)", peak);
    }
}

/// Every styled text the pipeline shapes, in its order.
fn styled_texts(edition: &paiban::model::Edition) -> Vec<&StyledText> {
    let mut texts = Vec::new();
    for story in &edition.stories {
        texts.extend(story.blocks().map(|b| &b.text));
        for part in &story.parts {
            texts.extend([&part.jump_headline, &part.jump_in, &part.jump_out].into_iter().flatten().map(|b| &b.text));
        }
    }
    texts.extend(edition.pages.iter().flat_map(|p| &p.furniture).map(|f| &f.text));
    texts
}

/// Writes an edition of `pages` pages to `dir`, built from the sample as described above.
fn generate(root: &Path, dir: &Path, pages: usize) {
    let sample = root.join("issues/sample");
    let text = std::fs::read_to_string(sample.join("edition.toml")).expect("sample edition");
    let mut edition: toml::Table = text.parse().expect("sample edition parses");
    let template_pages = edition.remove("page").and_then(|p| p.as_array().cloned()).expect("sample pages");
    edition.insert("layouts".into(), toml::Value::String(root.join("layouts").display().to_string()));
    std::fs::create_dir_all(dir.join("articles")).expect("articles folder");
    copy_dir(&sample.join("images"), &dir.join("images"));
    let mut out_pages = Vec::new();
    for k in 0..pages {
        let group = k / template_pages.len();
        let mut page = template_pages[k % template_pages.len()].as_table().cloned().expect("page table");
        page.insert("number".into(), toml::Value::Integer(k as i64 + 1));
        for entry in page.get_mut("box").and_then(|b| b.as_array_mut()).into_iter().flatten() {
            let Some(slot) = entry.as_table_mut() else { continue };
            for key in ["article", "then"] {
                if let Some(article) = slot.get_mut(key) {
                    copy_article(&sample, dir, article, group);
                }
            }
            for article in slot.get_mut("articles").and_then(|a| a.as_array_mut()).into_iter().flatten() {
                copy_article(&sample, dir, article, group);
            }
        }
        out_pages.push(toml::Value::Table(page));
    }
    edition.insert("page".into(), toml::Value::Array(out_pages));
    std::fs::write(dir.join("edition.toml"), toml::to_string(&edition).expect("edition serialises")).expect("write");
}

/// Copies the sample article `name` to `dir` as the group's own copy and renames the reference.
fn copy_article(sample: &Path, dir: &Path, name: &mut toml::Value, group: usize) {
    let Some(article) = name.as_str() else { return };
    let copy = format!("{article}-{group}");
    let from = sample.join("articles").join(format!("{article}.md"));
    std::fs::copy(&from, dir.join("articles").join(format!("{copy}.md"))).expect("copy article");
    *name = toml::Value::String(copy);
}
