//! Size and determinism: an edition of 1,000 pages, a paragraph of 60,000 characters in
//! one line of source and one of 6,000 short source lines, and the same PDF bytes whatever
//! the thread settings. Each prints how long it took (run with `--nocapture`).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use paiban::conserve::{check, describe};
use paiban::model::load_edition;
use paiban::pipeline::{load_fonts, typeset};
use paiban::render::pdf::{PdfOptions, write_pdf};

use common::{copy_sample, load_options};

const TEMPLATE: &str = "[page]\nwidth = \"120mm\"\nheight = \"160mm\"\nbleed = \"3mm\"\n[grid]\nbody_size = \"小五\"\n\
    line_pitch = \"13.5pt\"\ncolumns = 2\ncolumn_chars = 10\ngutter_chars = 1\nlines = 24\ntop = \"10mm\"\n\
    [folio]\nabove = \"4mm\"\n[[box]]\nname = \"a\"\ncolumn = 1\nspan = 2\nline = 1\nlines = 24\n";

fn write_edition(dir: &Path, pages: usize, article: &str) {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::write(dir.join("layouts/t.toml"), TEMPLATE).unwrap();
    let mut edition = String::from("paper = \"青溪日报\"\ndate = \"2026-04-24\"\nserial = 1\n");
    for n in 1..=pages {
        edition += &format!("[[page]]\nnumber = {n}\nname = \"版\"\ntemplate = \"t\"\n");
        edition += &format!("[[page.box]]\nbox = \"a\"\narticle = \"s{}\"\n", (n - 1) % 50);
    }
    std::fs::write(dir.join("edition.toml"), edition).unwrap();
    for i in 0..pages.min(50) {
        std::fs::write(dir.join(format!("articles/s{i}.md")), article).unwrap();
    }
}

/// 1,000 pages: 50 stories, each continued through 20 pages. Loads, sets, checks that no
/// character is lost, and writes the PDF.
#[test]
fn a_thousand_page_edition() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "青溪市图书馆新馆昨日开放，首日接待读者九千余人次。".repeat(30);
    let article = format!("+++\nheadline = \"新馆开门\"\n+++\n{paragraph}\n\n{paragraph}\n");
    write_edition(dir.path(), 1000, &article);
    let started = Instant::now();
    let edition = load_edition(dir.path(), &load_options()).unwrap();
    let book = load_fonts(&edition).unwrap();
    let done = typeset(&edition, &book);
    let set = started.elapsed();
    check(&edition, &done).unwrap_or_else(|d| panic!("{}", describe(&d)));
    let pdf = write_pdf(&done.document, &book, &PdfOptions::default()).unwrap();
    assert_eq!(done.document.pages.len(), 1000);
    eprintln!("1,000 pages: set in {set:.1?}, PDF of {} KB in {:.1?} all told", pdf.len() / 1024, started.elapsed());
}

fn long_paragraph(article: &str) {
    let dir = tempfile::tempdir().unwrap();
    write_edition(dir.path(), 1, article);
    let started = Instant::now();
    let edition = load_edition(dir.path(), &load_options()).unwrap();
    let book = load_fonts(&edition).unwrap();
    let done = typeset(&edition, &book);
    let tally = check(&edition, &done).unwrap_or_else(|d| panic!("{}", describe(&d)));
    assert!(tally.overset > 50_000, "{tally:?}");
    assert!(done.diagnostics.iter().any(|d| d.message.contains("is overset")));
    eprintln!("a paragraph of {} characters set and measured in {:.1?}", tally.input, started.elapsed());
}

#[test]
fn a_very_long_paragraph_on_one_line() {
    let body = "青溪河城区段水质稳定达到二类，PM2.5年均浓度降至26微克。".repeat(2000);
    long_paragraph(&format!("+++\nheadline = \"长段落\"\n+++\n{body}\n"));
}

#[test]
fn a_very_long_paragraph_of_many_lines() {
    let body = "青溪河城区段水质稳定\n".repeat(6000);
    long_paragraph(&format!("+++\nheadline = \"长段落\"\n+++\n{body}\n"));
}

/// The pipeline is single-threaded today; this guards the day it is not (rayon reads
/// RAYON_NUM_THREADS): one thread and many give the same bytes.
#[test]
fn the_same_bytes_with_one_thread_and_many() {
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("edition");
    copy_sample(&edition);
    let render = |threads: Option<&str>, name: &str| {
        let output = dir.path().join(name);
        let mut command = Command::new(env!("CARGO_BIN_EXE_paiban"));
        command.arg("render").arg(&edition).arg("-o").arg(&output).arg("--quiet");
        match threads {
            Some(n) => command.env("RAYON_NUM_THREADS", n),
            None => command.env_remove("RAYON_NUM_THREADS"),
        };
        assert!(command.status().unwrap().success());
        std::fs::read(output).unwrap()
    };
    let one = render(Some("1"), "one.pdf");
    let many = render(None, "many.pdf");
    let eight = render(Some("8"), "eight.pdf");
    assert!(one == many && many == eight, "the PDF depends on the number of threads");
}
