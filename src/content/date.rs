//! Dates as Vietnamese editors write them → instants on the site's clock.
//!
//! Accepted: `2023-04-06`, `2023-04-06 08:30`, `2023-04-06T08:30:00+07:00` (RFC 3339), and the
//! `06/04/2023` (day first) of Vietnamese offices, with an optional `08:30`. A date or time
//! without an offset is read in the site's zone.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// The hint every date error carries.
pub(crate) const DATE_HINT: &str = "write a date like 2023-04-06, 06/04/2023 or 2023-04-06T08:30:00+07:00";

/// Parses one of the accepted forms; the error says what was wrong with the value.
pub(crate) fn parse(text: &str, tz: &TimeZone) -> Result<Zoned, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the date is empty".into());
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts.to_zoned(tz.clone()));
    }
    let (day_part, time_part) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let date = parse_day(day_part).map_err(|e| {
        if time_part.is_some() && e.ends_with("is not a date") { format!("`{text}` is not a date") } else { e }
    })?;
    let time = match time_part {
        None => Time::midnight(),
        Some(t) => t.parse::<Time>().map_err(|_| format!("`{t}` in `{text}` is not a time of day"))?,
    };
    DateTime::from_parts(date, time)
        .to_zoned(tz.clone())
        .map_err(|e| format!("`{text}` does not exist in the site's time zone: {e}"))
}

fn parse_day(text: &str) -> Result<Date, String> {
    let numbers: Vec<&str> = text.split(['-', '/', '.']).collect();
    let bad = || format!("`{text}` is not a date");
    if numbers.len() != 3 || numbers.iter().any(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let n = |s: &str| s.parse::<i32>().map_err(|_| bad());
    let (year, month, day) = if numbers[0].len() == 4 {
        (n(numbers[0])?, n(numbers[1])?, n(numbers[2])?)
    } else if numbers[2].len() == 4 {
        (n(numbers[2])?, n(numbers[1])?, n(numbers[0])?)
    } else {
        return Err(bad());
    };
    let (Ok(year), Ok(month), Ok(day)) = (i16::try_from(year), i8::try_from(month), i8::try_from(day)) else {
        return Err(bad());
    };
    Date::new(year, month, day).map_err(|_| format!("`{text}` is not a day of the calendar (day {day}, month {month})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn() -> TimeZone {
        TimeZone::get("Asia/Ho_Chi_Minh").unwrap()
    }

    #[test]
    fn vietnamese_and_iso_forms_agree() {
        let a = parse("2023-04-06", &vn()).unwrap();
        let b = parse("06/04/2023", &vn()).unwrap();
        let c = parse("2023-04-06T00:00:00+07:00", &vn()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.timestamp(), c.timestamp());
        assert_eq!(a.timestamp().to_string(), "2023-04-05T17:00:00Z");
    }

    #[test]
    fn time_of_day_is_kept() {
        let z = parse("06/04/2023 14:30", &vn()).unwrap();
        assert_eq!((z.hour(), z.minute()), (14, 30));
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "hôm qua", "2023-13-01", "31/02/2023", "2023-04-06 25:00", "1/2/3"] {
            assert!(parse(bad, &vn()).is_err(), "{bad}");
        }
    }
}
