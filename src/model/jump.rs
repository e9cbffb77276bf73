//! Jump lines: the words that send a reader to a story's continuation and back, with page
//! numbers in Chinese numerals as Chinese papers print them (第七版, 第十二版).

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

/// "(下转第七版)", set where a part breaks off.
pub fn jump_out_text(to_page: u32) -> String {
    format!("(下转第{}版)", chinese_number(to_page))
}

/// "(上接第一版)", set where a continuation starts.
pub fn jump_in_text(from_page: u32) -> String {
    format!("(上接第{}版)", chinese_number(from_page))
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
    fn jump_lines_name_the_page() {
        assert_eq!(jump_out_text(7), "(下转第七版)");
        assert_eq!(jump_in_text(1), "(上接第一版)");
    }
}
