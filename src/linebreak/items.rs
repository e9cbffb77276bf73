//! From shaped glyphs to the breaker's vocabulary (house style: boxes, glue, penalties): each
//! ideograph or punctuation mark is an item, a Latin word or number is one unbreakable item
//! (R3), and between items sits a gap: glue that may stretch or shrink, where a break may or may
//! not fall. Punctuation widths that do not depend on the line (R6 adjacent marks, R8 styles)
//! are fixed here; what depends on the line (R7, R9, R12) is recorded for the breaker.

use std::ops::Range;

use crate::model::{Composition, PunctuationStyle};
use crate::shape::{CharClass, ShapedText, char_class, layout_char};
use crate::units::Abs;

use super::opportunities::break_opportunities;

/// An unbreakable piece of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub glyphs: Range<usize>,
    pub text: Range<usize>,
    pub class: CharClass,
    /// The em of the item's type size.
    pub em: Abs,
    /// Width as set mid-line, after fixed compression.
    pub width: Abs,
    /// Width it can give up to justify a tight line (punctuation to half width, R12).
    pub shrink: Abs,
    /// Width it loses when it ends a line (R7: line-end punctuation at half width).
    pub end_shrink: Abs,
    /// Width it may hang past the measure when it ends a line (R9).
    pub hang: Abs,
    /// Width it loses when it starts a line (R7: an opening bracket's blank half, by choice).
    pub start_shrink: Abs,
    /// How far its glyphs sit in from its start (a Latin run centred in whole cells, R16).
    pub inset: Abs,
}

/// What separates two items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// Between two characters of CJK text: nothing, but inter-character stretch (R13).
    Inter,
    /// Between Han and Latin or digits: ¼ em (R10).
    HanLatin,
    /// A space the writer typed.
    Space,
    /// Inside a unit that must not be spaced out (R13: not around dashes inside ——).
    Fixed,
}

/// Glue after an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub kind: GapKind,
    pub natural: Abs,
    pub shrink: Abs,
    /// How far it stretches before inter-character spacing takes over (R13).
    pub stretch: Abs,
    pub can_break: bool,
}

/// Items and the gaps after each (the last gap ends the paragraph and is never used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Items {
    pub items: Vec<Item>,
    pub gaps: Vec<Gap>,
}

/// Builds the items of a shaped paragraph under the publication's composition settings.
pub fn build_items(text: &str, shaped: &ShapedText, settings: &Composition) -> Items {
    let allowed = break_opportunities(text, settings);
    // At most an item and a gap per glyph; in Chinese text, about that many.
    let mut items: Vec<Item> = Vec::with_capacity(shaped.glyphs.len());
    let mut gaps: Vec<Gap> = Vec::with_capacity(shaped.glyphs.len());
    let mut pending_space: Option<Abs> = None;
    for cluster in clusters(shaped) {
        let glyphs = &shaped.glyphs[cluster.clone()];
        let range = glyphs[0].cluster.clone();
        let c = text[range.clone()].chars().next().unwrap_or(' ');
        let class = char_class(layout_char(text, range.start, c, settings.fullwidth_ascii));
        let width: Abs = glyphs.iter().map(|g| g.advance).sum();
        if class == CharClass::Space {
            *pending_space.get_or_insert(Abs::ZERO) += width;
            continue;
        }
        let em = glyphs[0].size;
        if let Some(last) = items.last_mut() {
            let can_break = allowed[range.start] || pending_space.is_some();
            if pending_space.is_none() && !can_break && joins_word(last.class, class) {
                last.glyphs.end = cluster.end;
                last.text.end = range.end;
                last.width += width;
                continue;
            }
            gaps.push(gap_between(last, class, em, pending_space.take(), can_break, settings));
        }
        pending_space = None;
        let half = glyphs[0].half.filter(|_| glyphs.len() == 1);
        let half_loss = half.map_or(Abs::ZERO, |h| width - h.advance);
        items.push(punctuation_item(
            Item {
                glyphs: cluster,
                text: range,
                class,
                em,
                width,
                shrink: Abs::ZERO,
                end_shrink: Abs::ZERO,
                hang: Abs::ZERO,
                start_shrink: Abs::ZERO,
                inset: Abs::ZERO,
            },
            half_loss,
            c,
            settings,
        ));
    }
    gaps.push(Gap {
        kind: GapKind::Fixed,
        natural: Abs::ZERO,
        shrink: Abs::ZERO,
        stretch: Abs::ZERO,
        can_break: false,
    });
    if settings.punctuation != PunctuationStyle::None && !settings.strict_grid {
        compress_adjacent(&mut items, &gaps);
    }
    if settings.strict_grid {
        pad_to_cells(&mut items);
    }
    Items { items, gaps }
}

/// Sets a mark's widths by the style (R8), its shrink (R12), line-end half width (R7) and
/// hanging (R9). `half_loss` is what the font's half form saves.
fn punctuation_item(mut item: Item, half_loss: Abs, c: char, settings: &Composition) -> Item {
    if !item.class.is_punctuation() || half_loss == Abs::ZERO || settings.strict_grid {
        return item;
    }
    let stop_full = matches!(c, '。' | '？' | '！' | '.' | '?' | '!');
    let halved = match settings.punctuation {
        PunctuationStyle::Quanjiao | PunctuationStyle::None => false,
        PunctuationStyle::Kaiming => !stop_full,
        PunctuationStyle::Banjiao => true,
    };
    if settings.punctuation == PunctuationStyle::None {
        return item;
    }
    if halved {
        item.width -= half_loss;
    } else {
        item.shrink = half_loss;
        if matches!(item.class, CharClass::Stop | CharClass::Closing) {
            item.end_shrink = half_loss;
        }
    }
    if settings.trim_line_start_bracket && item.class == CharClass::Opening {
        item.start_shrink = item.shrink;
    }
    if settings.hanging && matches!(c, '、' | '，' | '。' | ',') {
        item.hang = item.width - item.end_shrink;
    }
    item
}

/// Glyph index ranges of the shaped text's clusters.
fn clusters(shaped: &ShapedText) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, glyph) in shaped.glyphs.iter().enumerate() {
        match out.last_mut() {
            Some(last) if shaped.glyphs[last.start].cluster == glyph.cluster => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Whether a character with no break before it joins the previous item: Latin words and
/// numbers with their symbols, and the two halves of —— and ……, are one unit (R3).
/// Ideographs stay separate items so that justification can space them.
fn joins_word(before: CharClass, after: CharClass) -> bool {
    use CharClass::*;
    matches!((before, after), (Latin | Other, Latin | Other) | (Dash, Dash) | (Ellipsis, Ellipsis))
}

fn gap_between(
    before: &Item,
    after: CharClass,
    em: Abs,
    space: Option<Abs>,
    can_break: bool,
    settings: &Composition,
) -> Gap {
    let body_em = before.em.min(em);
    if let Some(width) = space {
        // A typed space: shrinks to ¼ em, stretches to ½ em (R12, R13).
        let shrink = (width - body_em / 4).max(Abs::ZERO);
        return Gap {
            kind: GapKind::Space,
            natural: width,
            shrink,
            stretch: (body_em / 2 - width).max(Abs::ZERO),
            can_break,
        };
    }
    let western = |c: CharClass| matches!(c, CharClass::Latin | CharClass::Other);
    let han_latin =
        (before.class == CharClass::Han && western(after)) || (western(before.class) && after == CharClass::Han);
    if han_latin && !settings.strict_grid {
        // R10: ¼ em between Han and Western, shrinking to ⅛, stretching to ⅓.
        let natural = body_em / 4;
        return Gap {
            kind: GapKind::HanLatin,
            natural,
            shrink: natural - body_em / 8,
            stretch: body_em / 3 - natural,
            can_break,
        };
    }
    let kind = if before.class.is_cjk() || after.is_cjk() { GapKind::Inter } else { GapKind::Fixed };
    Gap { kind, natural: Abs::ZERO, shrink: Abs::ZERO, stretch: Abs::ZERO, can_break }
}

/// R6: two full-width marks side by side lose half an em between them: the first if its blank
/// half is on the right (stops, closing brackets), else the second if its blank is on the left.
fn compress_adjacent(items: &mut [Item], gaps: &[Gap]) {
    for i in 1..items.len() {
        if gaps[i - 1].natural != Abs::ZERO || !items[i - 1].class.is_punctuation() || !items[i].class.is_punctuation()
        {
            continue;
        }
        let first_closes = matches!(items[i - 1].class, CharClass::Stop | CharClass::Closing);
        let target = if first_closes { i - 1 } else { i };
        if target == i && items[i].class != CharClass::Opening {
            continue;
        }
        let item = &mut items[target];
        item.width -= item.shrink;
        item.end_shrink = Abs::ZERO;
        item.start_shrink = Abs::ZERO;
        item.shrink = Abs::ZERO;
    }
}

/// R16: on a strict character grid every item takes whole cells; a Latin run is centred in
/// the cells it takes, so ideographs stay in theirs wherever lines break.
fn pad_to_cells(items: &mut [Item]) {
    for item in items.iter_mut().filter(|i| i.em > Abs::ZERO) {
        let cells = (item.width.0 + item.em.0 - 1) / item.em.0;
        let pad = item.em * cells.max(1) - item.width;
        item.width += pad;
        item.inset = pad / 2;
    }
}
