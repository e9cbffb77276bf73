//! Lengths as written in settings files: "13.5pt", "3mm", "0.5em" is not allowed (a template
//! fixes absolute sizes), and type sizes by the 号数制 names (clreq R21: 初号 … 八号, 小五 …).

use serde::{Deserialize, Deserializer};

use crate::units::Abs;

/// The 号数制 type sizes in points, in hundredths (R21). 六号 is 7.875 pt as clreq gives it;
/// 四号 is 14 pt (some vendors use 13.75).
const HAO_SIZES: [(&str, i64); 16] = [
    ("初号", 4200),
    ("小初", 3600),
    ("一号", 2600),
    ("小一", 2400),
    ("二号", 2200),
    ("小二", 1800),
    ("三号", 1600),
    ("小三", 1500),
    ("四号", 1400),
    ("小四", 1200),
    ("五号", 1050),
    ("小五", 900),
    ("六号", 788),
    ("小六", 650),
    ("七号", 550),
    ("八号", 500),
];

/// Parses "9pt", "13.5pt", "3mm", "0.5cm" or a 号 name into an exact length.
pub fn parse_length(text: &str) -> Result<Abs, String> {
    let text = text.trim();
    if let Some(&(_, hundredths)) = HAO_SIZES.iter().find(|(name, _)| *name == text) {
        return Ok(Abs::pt(1).scale(hundredths, 100));
    }
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let (value, scale) = parse_decimal(number)
        .ok_or_else(|| format!("`{text}` is not a length: expected a number and a unit, like `9pt` or `3mm`"))?;
    match unit {
        "pt" => Ok(Abs::pt(value).scale(1, scale)),
        "mm" => Ok(Abs::micrometres(value * 1000 / scale)),
        "cm" => Ok(Abs::micrometres(value * 10_000 / scale)),
        "" => Err(format!("`{text}` has no unit: write `{text}pt` or `{text}mm`")),
        _ => Err(format!("`{text}` has the unknown unit `{unit}`: use pt, mm, cm or a 号 size such as 小五")),
    }
}

/// "13.5" → (135, 10). At most four decimals, non-negative.
fn parse_decimal(text: &str) -> Option<(i64, i64)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > 4 {
        return None;
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() > 6 {
        return None;
    }
    let scale = 10i64.pow(fraction.len() as u32);
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let fraction: i64 = if fraction.is_empty() { 0 } else { fraction.parse().ok()? };
    Some((whole * scale + fraction, scale))
}

/// A length field in a settings file, kept with its source text for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length(pub Abs);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_length(&text).map(Length).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r21_hao_sizes() {
        assert_eq!(parse_length("小五"), Ok(Abs::pt(9)));
        assert_eq!(parse_length("五号"), Ok(Abs::pt(21).scale(1, 2)));
        assert_eq!(parse_length("初号"), Ok(Abs::pt(42)));
    }

    #[test]
    fn points_and_millimetres() {
        assert_eq!(parse_length("13.5pt"), Ok(Abs::pt(27).scale(1, 2)));
        assert_eq!(parse_length("25.4mm"), Ok(Abs::pt(72)));
        assert_eq!(parse_length("2.54cm"), Ok(Abs::pt(72)));
    }

    #[test]
    fn bad_lengths_say_why() {
        assert!(parse_length("12").unwrap_err().contains("no unit"));
        assert!(parse_length("12px").unwrap_err().contains("unknown unit `px`"));
        assert!(parse_length("abc").unwrap_err().contains("not a length"));
        assert!(parse_length("1.2.3pt").is_err());
    }
}
