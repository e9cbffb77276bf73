//! No character lost: the conservation check (placed + overset = input) on the sample and on
//! generated editions: small templates, one to three pages, stories that continue from page
//! to page, paragraphs of Chinese, punctuation, Latin words, long unbreakable words, emoji and
//! control characters. Fixed seed, so a failure is the same on every run.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

use paiban::conserve::{check, describe};
use paiban::fonts::FontBook;
use paiban::model::load_edition;
use paiban::pipeline::{load_fonts, typeset};

use common::{load_options, root, sample};

#[test]
fn the_sample_loses_no_character() {
    let edition = load_edition(&root().join("issues/sample"), &load_options()).unwrap();
    let tally = check(&edition, &sample().1).unwrap_or_else(|d| panic!("{}", describe(&d)));
    assert_eq!(tally.overset, 0);
    assert_eq!(tally.input, tally.placed);
    assert!(tally.input > 10_000, "{tally:?}");
}

/// The bundled faces, loaded once for all generated editions.
fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let edition = load_edition(&root().join("issues/sample"), &load_options()).unwrap();
        load_fonts(&edition).unwrap()
    })
}

const HAN: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题";
const MARKS: &[&str] =
    &["，", "。", "、", "；", "：", "？", "！", "“", "”", "（", "）", "《", "》", "——", "……", "(", ")", ","];
const WORDS: &[&str] = &["GDP", "5G", "2026", "3.14", "AI", "paiban", "PM2.5", " ", "\t", "😀", "\u{200B}", "שלום"];

fn piece() -> impl Strategy<Value = String> {
    let han: Vec<char> = HAN.chars().collect();
    prop_oneof![
        8 => prop::collection::vec(prop::sample::select(han), 1..12).prop_map(|v| v.into_iter().collect()),
        3 => prop::sample::select(MARKS).prop_map(str::to_string),
        1 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => (1usize..40).prop_map(|n| "W".repeat(n)),
    ]
}

/// A paragraph: a Han character (so it is never blank), then pieces.
fn paragraph() -> impl Strategy<Value = String> {
    let han: Vec<char> = HAN.chars().collect();
    (prop::sample::select(han), prop::collection::vec(piece(), 0..14)).prop_map(|(c, p)| format!("{c}{}", p.concat()))
}

fn article() -> impl Strategy<Value = String> {
    let block = prop_oneof![6 => paragraph(), 1 => paragraph().prop_map(|p| format!("## {}", p.chars().take(8).collect::<String>()))];
    (paragraph(), any::<bool>(), prop::collection::vec(block, 1..5)).prop_map(|(headline, credit, blocks)| {
        let headline: String =
            headline.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '\\')).take(20).collect();
        let credit = if credit { "credit = \"本报讯(记者 王嘉言)\"\n" } else { "" };
        format!("+++\nheadline = \"{headline}\"\n{credit}+++\n{}\n", blocks.join("\n\n"))
    })
}

/// A generated edition: the template's grid, the pages, and which article each box holds.
#[derive(Debug, Clone)]
struct Generated {
    column_chars: u32,
    lines: u32,
    /// Per page: the article (index) of box `a` and of box `b`.
    pages: Vec<(usize, usize)>,
    articles: Vec<String>,
}

fn edition() -> impl Strategy<Value = Generated> {
    (4u32..12, 6u32..16, prop::collection::vec((0usize..3, 0usize..3), 1..4), prop::collection::vec(article(), 3))
        .prop_map(|(column_chars, lines, pages, articles)| Generated { column_chars, lines, pages, articles })
}

fn write(generated: &Generated, dir: &std::path::Path) {
    let template = format!(
        "[page]\nwidth = \"200mm\"\nheight = \"300mm\"\nbleed = \"3mm\"\n[grid]\nbody_size = \"小五\"\n\
         line_pitch = \"13.5pt\"\ncolumns = 3\ncolumn_chars = {}\ngutter_chars = 1\nlines = {}\ntop = \"10mm\"\n\
         [folio]\nabove = \"4mm\"\n[[box]]\nname = \"a\"\ncolumn = 1\nspan = 2\nline = 1\nlines = {}\n\
         [[box]]\nname = \"b\"\ncolumn = 3\nspan = 1\nline = 1\nlines = {}\n",
        generated.column_chars, generated.lines, generated.lines, generated.lines
    );
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::write(dir.join("layouts/t.toml"), template).unwrap();
    let mut edition = String::from("paper = \"青溪日报\"\ndate = \"2026-04-24\"\nserial = 7\n");
    let mut used = std::collections::BTreeSet::new();
    for (i, (a, b)) in generated.pages.iter().enumerate() {
        edition += &format!("[[page]]\nnumber = {}\nname = \"版\"\ntemplate = \"t\"\n", i + 1);
        edition += &format!("[[page.box]]\nbox = \"a\"\narticle = \"n{a}\"\n");
        edition += &format!("[[page.box]]\nbox = \"b\"\narticle = \"n{b}\"\n");
        used.extend([*a, *b]);
    }
    std::fs::write(dir.join("edition.toml"), edition).unwrap();
    for i in used {
        std::fs::write(dir.join(format!("articles/n{i}.md")), &generated.articles[i]).unwrap();
    }
}

/// Runs `cases` generated editions through load, typeset and the conservation check.
fn run_generated(cases: u32, seed: u8) {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let book = book();
    let started = std::time::Instant::now();
    runner
        .run(&edition(), |generated| {
            let dir = tempfile::tempdir().unwrap();
            write(&generated, dir.path());
            let edition = load_edition(dir.path(), &load_options())
                .map_err(|d| TestCaseError::fail(format!("generated edition does not load: {d}")))?;
            let done = typeset(&edition, book);
            check(&edition, &done).map(|_| ()).map_err(|d| TestCaseError::fail(describe(&d)))
        })
        .unwrap();
    eprintln!("{cases} generated editions conserved every character in {:.1?}", started.elapsed());
}

#[test]
fn generated_editions_lose_no_character() {
    run_generated(1000, 9);
}
