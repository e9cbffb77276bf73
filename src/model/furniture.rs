//! Page furniture: the words of the masthead (报头) on the front page and of the folio line
//! (报眉) on inside pages, made from the edition's paper, date and page numbers.

use crate::fonts::Role;

use super::date::Date;
use super::geometry::PageGeometry;
use super::jump::chinese_number;
use super::story::StyledText;

/// Where a piece of furniture goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The paper's name, large, at the masthead's left.
    PaperName,
    /// The n-th line of the masthead's information block at its right.
    MastheadInfo(usize),
    /// The folio's left part: 第N版 and the page name.
    FolioLeft,
    /// The folio's right part: paper and date.
    FolioRight,
    /// The words of the flag in box n of the page.
    Flag(usize),
    /// The slug line outside the trim, with the printer's marks: paper, date, page.
    Slug,
}

/// One piece of furniture text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    pub slot: Slot,
    pub text: StyledText,
}

/// What the edition says about itself, for furniture.
pub struct Masthead<'a> {
    pub paper: &'a str,
    pub date: Date,
    pub lunar: Option<&'a str>,
    pub serial: u32,
    pub page_count: usize,
    pub extra_lines: &'a [String],
}

/// The furniture of one page: a masthead where the template has room for one, else a folio
/// where it has one.
pub fn page_furniture(info: &Masthead, number: u32, name: &str, geometry: &PageGeometry) -> Vec<Furniture> {
    let size = |role: Role| geometry.sizes[&role];
    let text = |slot, words: String, role| Furniture { slot, text: StyledText::plain(words, role, size(role)) };
    let dated = format!("{} {}", info.date.long_zh(), info.date.weekday_zh());
    let mut out = Vec::new();
    if geometry.masthead.is_some() {
        out.push(text(Slot::PaperName, info.paper.to_string(), Role::Masthead));
        let mut lines = vec![dated];
        lines.extend(info.lunar.map(str::to_string));
        lines.push(format!("第{}期 今日{}版", info.serial, info.page_count));
        lines.extend(info.extra_lines.iter().cloned());
        for (i, line) in lines.into_iter().enumerate() {
            out.push(text(Slot::MastheadInfo(i), line, Role::Folio));
        }
    } else if geometry.folio_baseline.is_some() {
        out.push(text(Slot::FolioLeft, format!("第{}版 {name}", chinese_number(number)), Role::Folio));
        out.push(text(Slot::FolioRight, format!("{} {dated}", info.paper), Role::Folio));
    }
    out
}

/// The type size of the slug line: small, as it is cut off with the marks.
pub const SLUG_SIZE_PT: i64 = 7;

/// The slug line printed outside the trim when marks are asked for: paper, date, page and
/// serial, so that a plate can be told apart from its neighbours.
pub fn slug_line(info: &Masthead, number: u32) -> Furniture {
    let words = format!(
        "{} {} 第{}期 第{}版 ({}/{})",
        info.paper,
        info.date.long_zh(),
        info.serial,
        chinese_number(number),
        number,
        info.page_count
    );
    Furniture { slot: Slot::Slug, text: StyledText::plain(words, Role::Folio, crate::units::Abs::pt(SLUG_SIZE_PT)) }
}
