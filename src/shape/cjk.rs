//! Character classes for Chinese composition (clreq's punctuation classes, simplified to what
//! layout decides on), and the newsroom habit of typing ASCII punctuation inside Chinese text.

/// How a character behaves in Chinese composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharClass {
    /// Ideographs and other full-width characters set on the grid.
    Han,
    /// Opening brackets and quotes: their blank half is on the left.
    Opening,
    /// Closing brackets and quotes: their blank half is on the right.
    Closing,
    /// Pause and stop marks ，。、；：？！, blank on the right in Simplified Chinese.
    Stop,
    /// Middle dots (· in transliterated names).
    MiddleDot,
    /// Dashes: two make a ——, which never breaks.
    Dash,
    /// Ellipses: two make a ……, which never breaks.
    Ellipsis,
    /// Latin letters and digits: words that break only at spaces.
    Latin,
    Space,
    /// Everything else (ASCII symbols and the like): goes with its neighbours.
    Other,
}

impl CharClass {
    /// Full-width punctuation that can lose its blank half.
    pub fn is_punctuation(self) -> bool {
        matches!(self, CharClass::Opening | CharClass::Closing | CharClass::Stop)
    }

    /// Characters of CJK text, as opposed to Western text.
    pub fn is_cjk(self) -> bool {
        matches!(
            self,
            CharClass::Han
                | CharClass::Opening
                | CharClass::Closing
                | CharClass::Stop
                | CharClass::Dash
                | CharClass::Ellipsis
        )
    }

    /// Characters that take the script of the text around them.
    pub fn is_neutral(self) -> bool {
        matches!(self, CharClass::Space | CharClass::Other | CharClass::MiddleDot)
    }
}

/// The class of one character.
pub fn char_class(c: char) -> CharClass {
    match c {
        '“' | '‘' | '（' | '〔' | '［' | '｛' | '〈' | '《' | '「' | '『' | '【' | '〖' | '〘' | '〚' => {
            CharClass::Opening
        }
        '”' | '’' | '）' | '〕' | '］' | '｝' | '〉' | '》' | '」' | '』' | '】' | '〗' | '〙' | '〛' => {
            CharClass::Closing
        }
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '．' => CharClass::Stop,
        '·' | '・' | '‧' => CharClass::MiddleDot,
        '—' | '―' | '⸺' => CharClass::Dash,
        '…' | '⋯' => CharClass::Ellipsis,
        c if c.is_whitespace() => CharClass::Space,
        c if is_wide(c) => CharClass::Han,
        c if c.is_alphanumeric() => CharClass::Latin,
        _ => CharClass::Other,
    }
}

/// Ideographs, kana, hangul, CJK symbols and full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x33FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF
        | 0x2460..=0x24FF | 0x2160..=0x217F)
}

/// The character that stands for `c` at byte `offset` of `text` in layout: its full-width form
/// when `fullwidth_ascii` is on and it is ASCII punctuation in Chinese context, else itself.
pub fn layout_char(text: &str, offset: usize, c: char, fullwidth_ascii: bool) -> char {
    if fullwidth_ascii { fullwidth_for_shaping(text, offset, c) } else { c }
}

/// The character to shape in place of `c` at byte `offset` of `text`: ASCII ( ) , ; : ? !
/// typed inside Chinese text become their full-width forms, as Chinese copy means them. The
/// text itself keeps the ASCII character, so extraction gives back what the writer typed.
pub fn fullwidth_for_shaping(text: &str, offset: usize, c: char) -> char {
    let full = match c {
        '(' => '（',
        ')' => '）',
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        _ => return c,
    };
    // A closing parenthesis counts as what precedes it: "(区);" is Chinese context.
    let mut before = text[..offset].chars().rev();
    let prev = match before.next() {
        Some(')') => before.next(),
        other => other,
    };
    let next = text[offset + c.len_utf8()..].chars().next();
    let cjk = |n: Option<char>| n.is_some_and(|n| char_class(n).is_cjk());
    let in_cjk = match c {
        '(' | ')' => cjk(prev) || cjk(next),
        _ => cjk(prev),
    };
    if in_cjk { full } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_common_marks() {
        assert_eq!(char_class('，'), CharClass::Stop);
        assert_eq!(char_class('“'), CharClass::Opening);
        assert_eq!(char_class('》'), CharClass::Closing);
        assert_eq!(char_class('中'), CharClass::Han);
        assert_eq!(char_class('5'), CharClass::Latin);
        assert_eq!(char_class('%'), CharClass::Other);
    }

    #[test]
    fn ascii_punctuation_in_chinese_is_set_full_width() {
        let text = "本报讯(记者 王)县(区);PM(2.5), a;b";
        let at = |needle: &str, nth: usize| text.match_indices(needle).nth(nth).unwrap().0;
        assert_eq!(fullwidth_for_shaping(text, at("(", 0), '('), '（');
        assert_eq!(fullwidth_for_shaping(text, at(")", 0), ')'), '）');
        assert_eq!(fullwidth_for_shaping(text, at(";", 0), ';'), '；');
        assert_eq!(fullwidth_for_shaping(text, at("(", 2), '('), '(');
        assert_eq!(fullwidth_for_shaping(text, at(",", 0), ','), ',');
        assert_eq!(fullwidth_for_shaping(text, at(";", 1), ';'), ';');
    }
}
