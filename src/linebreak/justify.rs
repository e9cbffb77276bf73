//! Setting one line: given its items and a measure, decide every item's and gap's width
//! (shrink before stretch, R12/R13; equal treatment of like gaps) and every glyph's position.
//! All in integer units; remainders go to the first gaps so results are exact and repeatable.

use crate::shape::ShapedText;
use crate::units::Abs;

use super::items::{Gap, GapKind, Item};
use super::{Align, Line, LineGlyph};

/// How one line is to be set.
pub struct LineSpec<'a> {
    pub items: &'a [Item],
    /// The gaps between the items (one fewer than items).
    pub gaps: &'a [Gap],
    /// Where the line starts (the first-line indent).
    pub indent: Abs,
    pub measure: Abs,
    pub align: Align,
    /// The paragraph's last line: not stretched, and its end mark keeps full width.
    pub last: bool,
}

/// Sets a line, returning glyph positions relative to the line's start.
pub fn set_line(spec: &LineSpec, shaped: &ShapedText) -> Line {
    let n = spec.items.len();
    let mut widths: Vec<Abs> = spec.items.iter().map(|i| i.width).collect();
    let mut gap_widths: Vec<Abs> = spec.gaps.iter().map(|g| g.natural).collect();
    if !spec.last {
        widths[n - 1] -= spec.items[n - 1].end_shrink;
    }
    widths[0] -= spec.items[0].start_shrink;
    // A mark allowed to hang (R9) may end past the measure.
    let hang = if spec.last { Abs::ZERO } else { spec.items[n - 1].hang };
    let available = spec.measure - spec.indent + hang;
    let natural: Abs = widths.iter().copied().sum::<Abs>() + gap_widths.iter().copied().sum::<Abs>();
    let mut overfull = Abs::ZERO;
    if natural > available {
        overfull = shrink(spec, &mut widths, &mut gap_widths, natural - available);
    } else if natural < available && (spec.align == Align::Distribute || (spec.align == Align::Justify && !spec.last)) {
        stretch(spec.gaps, &mut gap_widths, available - natural);
    }
    let used: Abs = widths.iter().copied().sum::<Abs>() + gap_widths.iter().copied().sum::<Abs>();
    let start = spec.indent
        + match spec.align {
            Align::Center => ((available - used) / 2).max(Abs::ZERO),
            Align::End => (available - used).max(Abs::ZERO),
            _ => Abs::ZERO,
        };
    let glyphs = place_glyphs(spec.items, &widths, &gap_widths, start, shaped);
    let text = spec.items[0].text.start..spec.items[n - 1].text.end;
    let justified = spec.align == Align::Distribute || (spec.align == Align::Justify && !spec.last);
    Line { glyphs, start, width: used, measure: spec.measure, text, last: spec.last, justified, overfull }
}

/// Takes `excess` out of the line: punctuation first, then Han–Latin and word spaces (R12).
/// Returns what could not be taken (the line is overfull by that much).
fn shrink(spec: &LineSpec, widths: &mut [Abs], gap_widths: &mut [Abs], excess: Abs) -> Abs {
    let n = spec.items.len();
    // The last item's end shrink is already taken; it cannot give more.
    let item_room: Vec<Abs> = spec
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| if i + 1 == n && !spec.last { Abs::ZERO } else { it.shrink })
        .collect();
    let taken = take_proportionally(widths, &item_room, excess);
    let gap_room: Vec<Abs> = spec.gaps.iter().map(|g| g.shrink).collect();
    let taken_gaps = take_proportionally(gap_widths, &gap_room, excess - taken);
    excess - taken - taken_gaps
}

/// Shrinks `values` by up to `room` each, in proportion to the room, by `amount` in all.
fn take_proportionally(values: &mut [Abs], room: &[Abs], amount: Abs) -> Abs {
    let total: Abs = room.iter().copied().sum();
    if total <= Abs::ZERO || amount <= Abs::ZERO {
        return Abs::ZERO;
    }
    let amount = amount.min(total);
    let shares = distribute(amount, room);
    for (value, share) in values.iter_mut().zip(&shares) {
        *value -= *share;
    }
    amount
}

/// Adds `extra` to the gaps: word spaces, then Han–Latin gaps up to their stretch, then all
/// spaceable gaps equally (R13).
fn stretch(gaps: &[Gap], gap_widths: &mut [Abs], mut extra: Abs) {
    for kind in [GapKind::Space, GapKind::HanLatin] {
        let room: Vec<Abs> = gaps.iter().map(|g| if g.kind == kind { g.stretch } else { Abs::ZERO }).collect();
        let total: Abs = room.iter().copied().sum();
        if total > Abs::ZERO {
            let amount = extra.min(total);
            for (w, share) in gap_widths.iter_mut().zip(distribute(amount, &room)) {
                *w += share;
            }
            extra -= amount;
        }
    }
    let equal: Vec<Abs> = gaps.iter().map(|g| if g.kind == GapKind::Fixed { Abs::ZERO } else { Abs(1) }).collect();
    if extra > Abs::ZERO && equal.iter().any(|w| *w > Abs::ZERO) {
        for (w, share) in gap_widths.iter_mut().zip(distribute(extra, &equal)) {
            *w += share;
        }
    }
}

/// Splits `amount` in proportion to `weights`, exactly: floors, then one sp more to the first
/// shares until the remainder is used.
pub fn distribute(amount: Abs, weights: &[Abs]) -> Vec<Abs> {
    let total: i64 = weights.iter().map(|w| w.0).sum();
    if total <= 0 {
        return vec![Abs::ZERO; weights.len()];
    }
    let mut shares: Vec<Abs> =
        weights.iter().map(|w| Abs((amount.0 as i128 * w.0 as i128 / total as i128) as i64)).collect();
    let mut left = amount.0 - shares.iter().map(|s| s.0).sum::<i64>();
    for (share, weight) in shares.iter_mut().zip(weights) {
        if left == 0 {
            break;
        }
        if weight.0 > 0 {
            share.0 += 1;
            left -= 1;
        }
    }
    shares
}

/// Glyph positions: each item's glyphs at their pen positions; a punctuation mark that lost
/// part of its width moves toward its half form's position in proportion.
fn place_glyphs(items: &[Item], widths: &[Abs], gap_widths: &[Abs], start: Abs, shaped: &ShapedText) -> Vec<LineGlyph> {
    let mut out = Vec::new();
    let mut x = start;
    for (i, item) in items.iter().enumerate() {
        let mut pen = x + item.inset;
        let natural: Abs = item.glyphs.clone().map(|g| shaped.glyphs[g].advance).sum::<Abs>() + item.inset * 2;
        let lost = (natural - widths[i]).max(Abs::ZERO);
        for index in item.glyphs.clone() {
            let glyph = &shaped.glyphs[index];
            let mut offset = glyph.x_offset;
            let full_loss = glyph.half.map(|h| glyph.advance - h.advance).unwrap_or(Abs::ZERO);
            if let Some(half) = glyph.half.filter(|_| full_loss > Abs::ZERO) {
                offset += (half.x_offset - glyph.x_offset).scale(lost.min(full_loss).0, full_loss.0);
            }
            out.push(LineGlyph { index, x: pen + offset, y: glyph.y_offset });
            pen += glyph.advance;
        }
        x += widths[i] + gap_widths.get(i).copied().unwrap_or(Abs::ZERO);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribute_is_exact_and_front_loaded() {
        let shares = distribute(Abs(10), &[Abs(1), Abs(1), Abs(1)]);
        assert_eq!(shares, vec![Abs(4), Abs(3), Abs(3)]);
        assert_eq!(distribute(Abs(5), &[Abs(0), Abs(2)]), vec![Abs(0), Abs(5)]);
    }
}
