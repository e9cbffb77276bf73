//! Typesetting a small arbitrary edition: a grid and two boxes of arbitrary (bounded) size, a
//! story through both with arbitrary text, credit and headline. A document and no lost
//! character, or a diagnostic; never a panic or a hang.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    columns: u8,
    column_chars: u8,
    lines: u8,
    box_lines: u8,
    box_columns: u8,
    headline: String,
    credit: Option<String>,
    body: String,
}

fuzz_target!(|input: Input| {
    let columns = u32::from(input.columns % 6) + 1;
    let chars = u32::from(input.column_chars % 20) + 1;
    let lines = u32::from(input.lines % 40) + 1;
    let box_lines = (u32::from(input.box_lines) % lines) + 1;
    let inner = u32::from(input.box_columns % 3) + 1;
    let template = format!(
        "[page]\nwidth = \"400mm\"\nheight = \"600mm\"\nbleed = \"3mm\"\n[grid]\nbody_size = \"小五\"\n\
         line_pitch = \"13.5pt\"\ncolumns = {columns}\ncolumn_chars = {chars}\ngutter_chars = 1\nlines = {lines}\n\
         top = \"10mm\"\n[folio]\nabove = \"4mm\"\n[[box]]\nname = \"a\"\ncolumn = 1\nspan = {columns}\nline = 1\n\
         lines = {box_lines}\ncolumns = {inner}\n[[box]]\nname = \"b\"\ncolumn = 1\nspan = 1\nline = 1\nlines = {lines}\n"
    );
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut front = format!("headline = {}\n", quote(&input.headline));
    if let Some(credit) = &input.credit {
        front += &format!("credit = {}\n", quote(credit));
    }
    let article = format!("+++\n{front}+++\n{}\n", input.body);
    let dir = paiban_fuzz::write_edition(None, Some(template.as_bytes()), Some(article.as_bytes()));
    paiban_fuzz::run(dir, true);
});
