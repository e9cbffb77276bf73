//! Where a line may break: UAX #14 (unicode-linebreak) tailored for Chinese as clreq asks.
//! The curly quotes are class QU in UAX #14, glued on both sides; here “‘ open and ”’ close
//! (as Unicode 15.1's LB19a does for East Asian text). Then kinsoku at the publication's level
//! (R1, R4): `basic` — no line starts with a stop mark, closing bracket or middle dot, none ends
//! with an opening bracket or middle dot; `gb` adds no solidus at a line end; `strict` adds no
//! dash or ellipsis at a line start; `loose` allows ？！ and middle dots at line starts; `none`
//! lets any two CJK characters part. —— and …… and Western words never split (R3).

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::model::{Composition, Strictness};
use crate::shape::{CharClass, char_class, layout_char};

/// For each byte offset of `text`, whether a line may break before it. Offset 0 and
/// `text.len()` are never break points inside a paragraph.
pub fn break_opportunities(text: &str, settings: &Composition) -> Vec<bool> {
    let mut allowed = vec![false; text.len() + 1];
    for (offset, opportunity) in linebreaks(text) {
        if opportunity == BreakOpportunity::Allowed {
            allowed[offset] = true;
        }
    }
    let chars: Vec<(usize, char)> =
        text.char_indices().map(|(i, c)| (i, layout_char(text, i, c, settings.fullwidth_ascii))).collect();
    for pair in chars.windows(2) {
        let ((_, before), (offset, after)) = (pair[0], pair[1]);
        if let Some(rule) = tailored(before, after, settings.strictness) {
            allowed[offset] = rule;
        }
    }
    allowed[0] = false;
    allowed[text.len()] = false;
    allowed
}

/// The Chinese tailoring between two characters, or `None` to keep UAX #14's answer.
fn tailored(before: char, after: char, level: Strictness) -> Option<bool> {
    let (b, a) = (char_class(before), char_class(after));
    let unit = matches!((b, a), (CharClass::Dash, CharClass::Dash) | (CharClass::Ellipsis, CharClass::Ellipsis));
    if unit || b == CharClass::Latin && a == CharClass::Latin {
        return Some(false);
    }
    match level {
        Strictness::None => {
            return Some(b.is_cjk() || a.is_cjk()).filter(|_| b != CharClass::Space && a != CharClass::Space);
        }
        Strictness::Gb | Strictness::Strict if before == '/' || before == '／' => return Some(false),
        Strictness::Strict if matches!(a, CharClass::Dash | CharClass::Ellipsis) => return Some(false),
        Strictness::Loose
            if matches!(after, '？' | '！' | '?' | '!') || a == CharClass::MiddleDot || b == CharClass::MiddleDot =>
        {
            return Some(b != CharClass::Opening);
        }
        _ => {}
    }
    if matches!(a, CharClass::Stop | CharClass::Closing | CharClass::MiddleDot)
        || matches!(b, CharClass::Opening | CharClass::MiddleDot)
    {
        return Some(false);
    }
    let opening_quote = matches!(after, '“' | '‘');
    let closing_quote = matches!(before, '”' | '’');
    if opening_quote && b != CharClass::Space {
        return Some(b.is_cjk() || b == CharClass::Latin);
    }
    if closing_quote && a != CharClass::Space {
        return Some(a.is_cjk() || a == CharClass::Latin);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<usize> {
        breaks_at(text, Strictness::Basic)
    }

    fn breaks_at(text: &str, strictness: Strictness) -> Vec<usize> {
        let settings = Composition { strictness, ..Composition::default() };
        let allowed = break_opportunities(text, &settings);
        text.char_indices().map(|(i, _)| i).filter(|&i| allowed[i]).map(|i| text[..i].chars().count()).collect()
    }

    #[test]
    fn r1_no_stop_mark_at_line_start() {
        // 中文，排版 — no break before ，, breaks between ideographs.
        assert_eq!(breaks("中文，排版"), vec![1, 3, 4]);
    }

    #[test]
    fn r1_curly_quotes_open_and_close() {
        // 他说“好”了: break allowed before “ and after ”, never inside against the quote.
        assert_eq!(breaks("他说“好”了"), vec![1, 2, 5]);
    }

    #[test]
    fn r1_ascii_parenthesis_in_chinese_counts_as_full_width() {
        assert_eq!(breaks("讯(记者)说"), vec![1, 3, 5]);
    }

    #[test]
    fn r3_dashes_and_ellipses_stay_together() {
        let allowed = break_opportunities("甲——乙……丙", &Composition::default());
        let offsets: Vec<usize> = "甲——乙……丙".char_indices().map(|(i, _)| i).collect();
        assert!(!allowed[offsets[2]], "inside ——");
        assert!(!allowed[offsets[5]], "inside ……");
    }

    #[test]
    fn r3_latin_words_and_numbers_do_not_break() {
        assert_eq!(breaks("增长3.5%的5G网络"), vec![1, 2, 6, 7, 9, 10]);
    }

    #[test]
    fn middle_dot_neither_starts_nor_ends_a_line() {
        assert_eq!(breaks("马克·吐温说"), vec![1, 4, 5]);
    }

    #[test]
    fn r1_none_lets_a_comma_start_a_line() {
        assert_eq!(breaks_at("中文，排版", Strictness::None), vec![1, 2, 3, 4]);
    }

    #[test]
    fn r1_gb_keeps_a_solidus_off_the_line_end() {
        assert_eq!(breaks_at("甲/乙", Strictness::Basic), vec![2]);
        assert_eq!(breaks_at("甲/乙", Strictness::Gb), Vec::<usize>::new());
    }

    #[test]
    fn r1_strict_keeps_dashes_and_ellipses_off_the_line_start() {
        assert_eq!(breaks_at("甲——乙", Strictness::Basic), vec![1, 3]);
        assert_eq!(breaks_at("甲——乙", Strictness::Strict), vec![3]);
        assert_eq!(breaks_at("甲……乙", Strictness::Strict), vec![3]);
    }

    #[test]
    fn r4_loose_lets_question_marks_and_middle_dots_start_a_line() {
        assert_eq!(breaks_at("真的？好", Strictness::Basic), vec![1, 3]);
        assert_eq!(breaks_at("真的？好", Strictness::Loose), vec![1, 2, 3]);
        assert_eq!(breaks_at("马克·吐温", Strictness::Loose), vec![1, 2, 3, 4]);
    }

    #[test]
    fn r3_no_level_splits_a_dash_pair_or_a_word() {
        for level in [Strictness::None, Strictness::Loose, Strictness::Basic, Strictness::Strict] {
            assert!(!breaks_at("甲——乙", level).contains(&2), "{level:?}");
            assert!(!breaks_at("用AI写", level).contains(&2), "{level:?}");
        }
    }
}
