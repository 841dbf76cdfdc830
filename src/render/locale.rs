//! Dates and letters the way the site's language writes them.
//!
//! Vietnamese: "Thứ Năm, 06/04/2023", "Tháng 4/2023". English: "Thursday, 6 April 2023".

use jiff::Zoned;
use jiff::civil::Weekday;
use unicode_normalization::UnicodeNormalization;

/// The weekday's name.
pub(crate) fn weekday(language: &str, day: Weekday) -> &'static str {
    let i = day.to_monday_zero_offset() as usize;
    match language {
        "en" => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i],
        _ => ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][i],
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Thứ Năm, 06/04/2023" / "Thursday, 6 April 2023".
pub(crate) fn long_date(language: &str, date: &Zoned) -> String {
    let wd = weekday(language, date.weekday());
    match language {
        "en" => format!("{wd}, {} {} {}", date.day(), EN_MONTHS[date.month() as usize - 1], date.year()),
        _ => format!("{wd}, {:02}/{:02}/{:04}", date.day(), date.month(), date.year()),
    }
}

/// "06/04/2023" / "6 Apr 2023".
pub(crate) fn short_date(language: &str, date: &Zoned) -> String {
    match language {
        "en" => format!("{} {} {}", date.day(), &EN_MONTHS[date.month() as usize - 1][..3], date.year()),
        _ => format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year()),
    }
}

/// "Tháng 4/2023" / "April 2023".
pub(crate) fn month_label(language: &str, year: i16, month: i8) -> String {
    match language {
        "en" => format!("{} {year}", EN_MONTHS[month as usize - 1]),
        _ => format!("Tháng {month}/{year}"),
    }
}

/// A month's name without its year, under the year's heading (`Tháng 4`, `April`).
pub(crate) fn month_name(language: &str, month: i8) -> String {
    match language {
        "en" => EN_MONTHS[month as usize - 1].to_string(),
        _ => format!("Tháng {month}"),
    }
}

/// The letter a word is filed under in an index: its first letter without the tone mark,
/// keeping the letters Vietnamese has of its own (`ấm` → `Â`, `đồng` → `Đ`, `ủy` → `U`).
pub(crate) fn index_letter(word: &str) -> String {
    let Some(first) = word.chars().next() else { return String::new() };
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let bare: String = first.to_string().nfd().filter(|c| !TONES.contains(c)).nfc().collect();
    let upper: String = bare.to_uppercase();
    if upper.chars().all(char::is_alphabetic) { upper } else { "#".into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_dates() {
        let z: Zoned = "2023-04-06T14:00:00+07:00[Asia/Ho_Chi_Minh]".parse().unwrap();
        assert_eq!(long_date("vi", &z), "Thứ Năm, 06/04/2023");
        assert_eq!(long_date("en", &z), "Thursday, 6 April 2023");
        assert_eq!(month_label("vi", 2023, 4), "Tháng 4/2023");
    }

    #[test]
    fn index_letters_keep_vietnamese_letters() {
        assert_eq!(index_letter("ấm no"), "Â");
        assert_eq!(index_letter("đồng thuận"), "Đ");
        assert_eq!(index_letter("Ủy ban"), "U");
        assert_eq!(index_letter("ăn"), "Ă");
        assert_eq!(index_letter("2023"), "#");
    }
}
