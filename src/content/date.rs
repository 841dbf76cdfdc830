//! Dates as Vietnamese editors write them → instants on the site's clock.
//!
//! Accepted: `2023-04-06`, `2023-04-06 08:30`, `2023-04-06T08:30:00+07:00` (RFC 3339), Jekyll's
//! `2023-04-06 08:30:00 +0700`, and the `06/04/2023` (day first) of Vietnamese offices, with an
//! optional `08:30`. A date or time without an offset is read in the site's zone.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::base::messages::Message;
use crate::msg;

/// The hint every date error carries.
pub(crate) fn date_hint() -> Message {
    msg!("date-hint")
}

/// Parses one of the accepted forms; the error says what was wrong with the value.
pub(crate) fn parse(text: &str, tz: &TimeZone) -> Result<Zoned, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Err(msg!("date-empty"));
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts.to_zoned(tz.clone()));
    }
    let (day_part, time_part) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let date = parse_day(day_part).map_err(|e| {
        if time_part.is_some() && e.id() == "date-not-a-date" { msg!("date-not-a-date", text = text) } else { e }
    })?;
    // Jekyll writes the offset after a space: `08:30:00 +0700`.
    let (time_part, offset) = match time_part.and_then(|t| t.split_once(' ')) {
        Some((t, o)) => (
            Some(t.trim()),
            Some(parse_offset(o.trim()).ok_or_else(|| msg!("date-bad-offset", offset = o.trim(), text = text))?),
        ),
        None => (time_part, None),
    };
    let time = match time_part {
        None => Time::midnight(),
        Some(t) => parse_time(t).ok_or_else(|| msg!("date-bad-time", time = t, text = text))?,
    };
    let zone = offset.map_or_else(|| tz.clone(), TimeZone::fixed);
    DateTime::from_parts(date, time)
        .to_zoned(zone)
        .map(|z| z.with_time_zone(tz.clone()))
        .map_err(|e| msg!("date-not-in-zone", text = text, detail = e.to_string()))
}

/// Whether `text` names an instant (it has an offset: `+07:00`, ` +0700`, `Z`) rather than a
/// day and time on the site's clock: read on two clocks far apart, it is the same instant.
pub(crate) fn has_offset(text: &str) -> bool {
    let far = TimeZone::fixed(jiff::tz::offset(14));
    match (parse(text, &TimeZone::UTC), parse(text, &far)) {
        (Ok(a), Ok(b)) => a.timestamp() == b.timestamp(),
        _ => false,
    }
}

/// `14:30`, `9:08`, `09:08:00`, `14:30:00.5` → a time of day (the hour may have one digit).
fn parse_time(text: &str) -> Option<Time> {
    if let Ok(t) = text.parse::<Time>() {
        return Some(t);
    }
    let padded = format!("0{text}");
    padded.parse::<Time>().ok().filter(|_| text.find(':') == Some(1))
}

/// `+0700`, `+07:00`, `-05`, `Z`, `UTC` → an offset from UTC.
fn parse_offset(text: &str) -> Option<jiff::tz::Offset> {
    if text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("gmt") {
        return Some(jiff::tz::Offset::UTC);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = if digits.len() == 4 { digits[2..].parse().ok()? } else { 0 };
    if hours > 14 || minutes > 59 {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

fn parse_day(text: &str) -> Result<Date, Message> {
    let numbers: Vec<&str> = text.split(['-', '/', '.']).collect();
    let bad = || msg!("date-not-a-date", text = text);
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
    Date::new(year, month, day)
        .map_err(|_| msg!("date-not-a-day", text = text, day = day.to_string(), month = month.to_string()))
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
    fn jekyll_dates_with_a_spaced_offset() {
        let a = parse("2016-06-28 13:27:00 +0700", &vn()).unwrap();
        assert_eq!(a.timestamp().to_string(), "2016-06-28T06:27:00Z");
        assert_eq!((a.hour(), a.minute()), (13, 27), "shown in the site's zone");
        let b = parse("2016-06-28 06:27:00 +00:00", &vn()).unwrap();
        let c = parse("2016-06-29 9:08:00 +0700", &vn()).unwrap();
        assert_eq!((c.hour(), c.minute()), (9, 8), "a one-digit hour");
        assert_eq!(a.timestamp(), b.timestamp());
        assert!(parse("2016-06-28 13:27:00 +7h", &vn()).unwrap_err().to_string().contains("not a time zone offset"));
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "hôm qua", "2023-13-01", "31/02/2023", "2023-04-06 25:00", "1/2/3"] {
            assert!(parse(bad, &vn()).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_refusal_says_what_was_written_in_both_languages() {
        use crate::base::messages::Lang;
        for (bad, vi) in [
            ("", "ngày đang để trống"),
            ("hôm qua", "`hôm qua` không phải một ngày"),
            ("hôm qua 08:30", "`hôm qua 08:30` không phải một ngày"),
            ("31/02/2023", "(ngày 31, tháng 2)"),
            ("2023-04-06 25:00", "`25:00` trong `2023-04-06 25:00`"),
            ("2023-04-06 08:30:00 +7h", "`+7h` trong `2023-04-06 08:30:00 +7h`"),
        ] {
            let e = parse(bad, &vn()).unwrap_err();
            assert!(e.text(Lang::Vi).contains(vi), "{}", e.text(Lang::Vi));
            assert_ne!(e.text(Lang::En), e.text(Lang::Vi));
        }
        assert_eq!(
            parse("31/02/2023", &vn()).unwrap_err().to_string(),
            "`31/02/2023` is not a day of the calendar (day 31, month 2)"
        );
    }
}
