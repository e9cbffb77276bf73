//! Jump lines: the words that send a reader to a story's continuation and back, with page
//! numbers in Chinese numerals as Chinese papers print them (第七版, 第十二版) unless the
//! publication words them otherwise (A7版; "Continued on Page 7").

use serde::Deserialize;

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[(n % 10) as usize] }),
        20..=99 => {
            let ones = if n % 10 == 0 { "" } else { DIGITS[(n % 10) as usize] };
            format!("{}十{ones}", DIGITS[(n / 10) as usize])
        }
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest as usize]),
                10..=19 => format!("一{}", chinese_number(rest)),
                _ => chinese_number(rest),
            };
            format!("{}百{tail}", DIGITS[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

/// How page numbers are written in jump lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Numerals {
    /// 第七版, 第十二版.
    #[default]
    Chinese,
    /// 7, 12.
    Arabic,
}

/// The publication's jump-line wording; `{page}` stands for the other part's page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JumpStyle {
    /// Where a part breaks off.
    pub out: String,
    /// Where a continuation starts.
    #[serde(rename = "in")]
    pub back: String,
    pub numerals: Numerals,
}

impl Default for JumpStyle {
    fn default() -> Self {
        JumpStyle {
            out: "(下转第{page}版)".into(), back: "(上接第{page}版)".into(), numerals: Numerals::Chinese
        }
    }
}

impl JumpStyle {
    /// The words sending the reader on to `page` (its label if it has one, else its number).
    pub fn out_text(&self, page: u32, label: Option<&str>) -> String {
        self.out.replace("{page}", &self.page_name(page, label))
    }

    /// The words telling the reader where the story came from.
    pub fn in_text(&self, page: u32, label: Option<&str>) -> String {
        self.back.replace("{page}", &self.page_name(page, label))
    }

    fn page_name(&self, page: u32, label: Option<&str>) -> String {
        match (label, self.numerals) {
            (Some(label), _) => label.to_string(),
            (None, Numerals::Chinese) => chinese_number(page),
            (None, Numerals::Arabic) => page.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_as_folios_print_them() {
        let cases = [
            (1, "一"),
            (7, "七"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (36, "三十六"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
        ];
        for (n, zh) in cases {
            assert_eq!(chinese_number(n), zh, "{n}");
        }
    }

    #[test]
    fn jump_lines_name_the_page_in_chinese_numerals_by_default() {
        let style = JumpStyle::default();
        assert_eq!(style.out_text(7, None), "(下转第七版)");
        assert_eq!(style.in_text(1, None), "(上接第一版)");
        assert_eq!(style.out_text(12, None), "(下转第十二版)");
    }

    #[test]
    fn jump_formats_are_the_publications() {
        let latin = JumpStyle {
            out: "Continued on Page {page}".into(),
            back: "Continued from Page {page}".into(),
            numerals: Numerals::Arabic,
        };
        assert_eq!(latin.out_text(7, None), "Continued on Page 7");
        let sections = JumpStyle { out: "(下转{page}版)".into(), ..JumpStyle::default() };
        assert_eq!(sections.out_text(7, Some("A7")), "(下转A7版)");
    }
}
