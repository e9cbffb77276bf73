//! The publication's composition settings (`[composition]` in edition.toml): the choices clreq
//! leaves to a publication — line-breaking strictness (R1, R4), punctuation width style (R8),
//! hanging punctuation (R9), the strict character grid (R16), and whether ASCII punctuation typed
//! inside Chinese text is set full width.

use serde::Deserialize;

/// How strictly line starts and ends are policed (R1; R4's newspaper level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strictness {
    /// No prohibitions beyond keeping ——, …… and words whole (some HK/TW papers).
    None,
    /// jlreq's "very loose" level for newspapers: also breaks before ？！, around middle dots.
    Loose,
    /// No line starts with a stop mark or closing bracket, none ends with an opening one.
    #[default]
    Basic,
    /// Basic, and no solidus at a line end.
    Gb,
    /// GB, and no dash or ellipsis at a line start.
    Strict,
}

/// How wide punctuation is set mid-line (R8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PunctuationStyle {
    /// 全角: every mark a full em, compressed only next to another mark or at a line end.
    #[default]
    Quanjiao,
    /// 开明: 。？！ full, the other marks half.
    Kaiming,
    /// 半角: every mark half.
    Banjiao,
    /// No adjustment at all, not even at line ends (TW practice).
    None,
}

/// The publication's composition choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Composition {
    pub strictness: Strictness,
    pub punctuation: PunctuationStyle,
    /// Let 、，。 hang past the measure at a line end (R9).
    pub hanging: bool,
    /// Align ideographs on a character grid in both directions (R16): no compression, Latin runs
    /// padded to whole cells.
    pub strict_grid: bool,
    /// Set ASCII ( ) , ; : ? ! typed inside Chinese text as their full-width forms.
    pub fullwidth_ascii: bool,
    /// Lose the blank half of an opening bracket at a line start (R7).
    pub trim_line_start_bracket: bool,
}

impl Default for Composition {
    fn default() -> Self {
        Composition {
            strictness: Strictness::Basic,
            punctuation: PunctuationStyle::Quanjiao,
            hanging: false,
            strict_grid: false,
            fullwidth_ascii: true,
            trim_line_start_bracket: false,
        }
    }
}
