//! Text conservation: no character is lost in silence. After layout, the characters the frames
//! draw plus the characters reported overset must be exactly the characters the edition asked
//! to print: every block of every story (head, photo caption and credit, body) and the
//! furniture, plus the jump texts the layout set (generated words, counted where placed).
//! Compared as multisets of non-space characters, so a character dropped in one place and
//! doubled in another is caught too.

use std::collections::BTreeMap;

use crate::flow::{StoryLayout, TextRef};
use crate::frame::{Document, Item};
use crate::model::{Edition, Story};
use crate::pipeline::Typeset;

/// How many characters went where, when nothing is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Non-space characters the edition asks to print (jump texts set included).
    pub input: usize,
    /// Drawn on the pages.
    pub placed: usize,
    /// Reported overset.
    pub overset: usize,
}

/// A character whose count differs: expected from the input, found drawn or overset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Difference {
    pub c: char,
    pub input: usize,
    pub output: usize,
}

type Counts = BTreeMap<char, usize>;

fn add(counts: &mut Counts, text: &str) -> usize {
    let mut n = 0;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_insert(0) += 1;
        n += 1;
    }
    n
}

/// Checks that placed plus overset equals input for a typeset edition.
pub fn check(edition: &Edition, typeset: &Typeset) -> Result<Tally, Vec<Difference>> {
    let mut input = Counts::new();
    let mut output = Counts::new();
    let mut tally = Tally { input: 0, placed: 0, overset: 0 };
    for (story, layout) in edition.stories.iter().zip(&typeset.layouts) {
        for text in story.blocks().map(|b| b.text.text.as_str()).chain(jump_texts_set(story, layout)) {
            tally.input += add(&mut input, text);
        }
        for text in overset_texts(story, layout) {
            tally.overset += add(&mut output, text);
        }
    }
    for furniture in edition.pages.iter().flat_map(|p| &p.furniture) {
        tally.input += add(&mut input, &furniture.text.text);
    }
    tally.placed = drawn(&typeset.document, &mut output);
    let keys: std::collections::BTreeSet<char> = input.keys().chain(output.keys()).copied().collect();
    let differences: Vec<Difference> = keys
        .into_iter()
        .map(|c| Difference {
            c,
            input: input.get(&c).copied().unwrap_or(0),
            output: output.get(&c).copied().unwrap_or(0),
        })
        .filter(|d| d.input != d.output)
        .collect();
    if differences.is_empty() { Ok(tally) } else { Err(differences) }
}

/// The lines of jump texts the layout set: a continuation's headline, "(上接…)", "(下转…)".
/// Whether each is set where it should be is the layout's business (and its warnings').
fn jump_texts_set<'a>(story: &'a Story, layout: &'a StoryLayout) -> impl Iterator<Item = &'a str> {
    layout.parts.iter().flat_map(|p| &p.lines).filter_map(|placed| {
        let block = match placed.text {
            TextRef::JumpHeadline(k) => story.parts.get(k)?.jump_headline.as_ref(),
            TextRef::JumpIn(k) => story.parts.get(k)?.jump_in.as_ref(),
            TextRef::JumpOut(k) => story.parts.get(k)?.jump_out.as_ref(),
            _ => None,
        }?;
        block.text.text.get(placed.line.text.clone())
    })
}

/// The text the layout reports overset: the rest of the block where it starts, and every
/// body block after it.
fn overset_texts<'a>(story: &'a Story, layout: &StoryLayout) -> Vec<&'a str> {
    let Some(overset) = &layout.overset else { return Vec::new() };
    let mut texts = Vec::new();
    if let Some(block) = story.body.get(overset.block) {
        texts.push(block.text.text.get(overset.offset..).unwrap_or(""));
    }
    texts.extend(story.body.iter().skip(overset.block + 1).map(|b| b.text.text.as_str()));
    texts
}

/// The characters the document's glyphs stand for, each glyph's own.
fn drawn(document: &Document, counts: &mut Counts) -> usize {
    let mut n = 0;
    for page in &document.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                for glyph in &run.glyphs {
                    n += add(counts, run.text.get(glyph.text.clone()).unwrap_or(""));
                }
            }
        }
    }
    n
}

/// The differences as a readable list, for test failures.
pub fn describe(differences: &[Difference]) -> String {
    differences
        .iter()
        .map(|d| format!("U+{:04X} `{}`: {} in the input, {} placed or overset", d.c as u32, d.c, d.input, d.output))
        .collect::<Vec<_>>()
        .join("\n")
}
