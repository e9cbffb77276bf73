//! Text hygiene: what copy from many hands brings in and what paiban does with it. Tabs become
//! spaces and CRLF line ends are plain line ends (both silently: they are only how a file was
//! saved). Control characters, zero-width characters and bidirectional controls print as
//! nothing or as boxes, so they are removed, each with a warning; right-to-left letters are
//! kept and set left to right, with a warning. Characters no font has are the font book's
//! business (an error when shaping).

/// What hygiene did to a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleaning {
    /// A C0/C1 control character (other than tab and line ends), removed.
    Control,
    /// A zero-width or other invisible formatting character, removed.
    Invisible,
    /// A bidirectional control (embedding, override, isolate, mark), removed.
    Bidi,
    /// A right-to-left letter, kept and set left to right.
    RightToLeft,
}

impl Cleaning {
    /// How a diagnostic says it.
    pub fn describe(self, c: char) -> String {
        let code = format!("U+{:04X}", c as u32);
        match self {
            Cleaning::Control => format!("removed the control character {code}"),
            Cleaning::Invisible => format!("removed the invisible character {code}"),
            Cleaning::Bidi => format!("removed the bidirectional control {code}"),
            Cleaning::RightToLeft => format!("right-to-left text ({code} `{c}`) is set left to right"),
        }
    }

    /// Whether the character stays in the text.
    pub fn keeps(self) -> bool {
        self == Cleaning::RightToLeft
    }
}

/// What to do with `c`, or `None` to keep it as it is. Tabs are handled by the caller.
pub fn classify(c: char) -> Option<Cleaning> {
    let u = c as u32;
    match u {
        0x09 | 0x0A => None,
        _ if c.is_control() => Some(Cleaning::Control),
        0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069 => Some(Cleaning::Bidi),
        0x00AD | 0x180E | 0x200B..=0x200D | 0x2060..=0x2064 | 0x206A..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB => {
            Some(Cleaning::Invisible)
        }
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF => {
            Some(Cleaning::RightToLeft)
        }
        _ => None,
    }
}

/// One cleaning done on a text: at which byte of the original and which character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    pub offset: usize,
    pub c: char,
    pub what: Cleaning,
}

/// Cleans a short text (a headline, a caption): tabs to spaces, removals as above.
pub fn clean(text: &str) -> (String, Vec<Cleaned>) {
    let mut out = String::with_capacity(text.len());
    let mut notes = Vec::new();
    for (offset, c) in text.char_indices() {
        match classify(c) {
            Some(what) => {
                notes.push(Cleaned { offset, c, what });
                if what.keeps() {
                    out.push(c);
                }
            }
            None if c == '\t' || c == '\n' || c == '\r' => out.push(' '),
            None => out.push(c),
        }
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify('\u{7}'), Some(Cleaning::Control));
        assert_eq!(classify('\u{85}'), Some(Cleaning::Control));
        assert_eq!(classify('\u{200B}'), Some(Cleaning::Invisible));
        assert_eq!(classify('\u{FEFF}'), Some(Cleaning::Invisible));
        assert_eq!(classify('\u{202E}'), Some(Cleaning::Bidi));
        assert_eq!(classify('א'), Some(Cleaning::RightToLeft));
        assert_eq!(classify('ع'), Some(Cleaning::RightToLeft));
        for c in ['中', 'a', '，', '\t', '\u{3000}', '😀'] {
            assert_eq!(classify(c), None, "{c:?}");
        }
    }

    #[test]
    fn clean_removes_and_reports() {
        let (text, notes) = clean("头\u{200B}条\t新闻\u{7}");
        assert_eq!(text, "头条 新闻");
        assert_eq!(notes.len(), 2);
        assert_eq!((notes[0].offset, notes[0].c), (3, '\u{200B}'));
        assert_eq!(notes[1].what, Cleaning::Control);
    }
}
