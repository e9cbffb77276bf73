//! `cargo bench`: times the sample edition, stage by stage, and prints medians. A benchmark,
//! never a test: nothing here asserts a time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use paiban::model::{LoadOptions, load_edition};
use paiban::pipeline::{load_fonts, typeset};
use paiban::render::pdf::{PdfOptions, write_pdf};
use paiban::render::png::{PngOptions, encode_png, rasterize};

const RUNS: usize = 15;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let options = LoadOptions { fonts_dir: root.join("fonts"), ..LoadOptions::default() };
    let edition_dir = root.join("issues/sample");
    let mut stages: [Vec<Duration>; 6] = Default::default();
    let mut pages = 0;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let edition = load_edition(&edition_dir, &options).expect("sample loads");
        let t1 = Instant::now();
        let book = load_fonts(&edition).expect("fonts load");
        let t2 = Instant::now();
        let set = typeset(&edition, &book);
        let t3 = Instant::now();
        let pdf = write_pdf(&set.document, &book, &PdfOptions::default()).expect("pdf");
        let t4 = Instant::now();
        std::hint::black_box(pdf);
        let proof = PngOptions::default();
        let pixmaps: Vec<_> = set.document.pages.iter().map(|p| rasterize(p, &book, &proof).expect("proof")).collect();
        let t5 = Instant::now();
        std::hint::black_box(pixmaps.iter().map(encode_png).map(|png| png.len()).sum::<usize>());
        let t6 = Instant::now();
        pages = set.document.pages.len();
        for (stage, (a, b)) in stages.iter_mut().zip([(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5), (t5, t6)]) {
            stage.push(b - a);
        }
    }
    let names = [
        "load",
        "fonts",
        "typeset (shape, break, flow, paginate)",
        "pdf (subset, write)",
        "proof: rasterize at 150 dpi",
        "proof: encode PNG",
    ];
    let medians: Vec<Duration> = stages.iter_mut().map(|s| median(s)).collect();
    // The proof stages are not part of rendering the PDF.
    let total: Duration = medians[..4].iter().sum();
    println!("sample edition: {pages} pages, median of {RUNS} runs");
    for (name, time) in names.iter().zip(&medians) {
        println!("  {name:<40} {:>8.1} ms", time.as_secs_f64() * 1000.0);
    }
    println!("  {:<40} {:>8.1} ms", "total", total.as_secs_f64() * 1000.0);
    println!("  {:<40} {:>8.1} ms", "per page", total.as_secs_f64() * 1000.0 / pages as f64);
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
