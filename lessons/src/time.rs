//! Reading the times the app writes into result files (RFC 3339, UTC), for the figures that need
//! durations: minutes per lesson in the class overview, and a contest's time window in the
//! judge's re-grade. A time that does not read is `None`, never an error: the times come from the
//! student's computer and only inform. And writing one, for the time a pack was made.

/// Seconds since 1970 of an RFC 3339 UTC time as the app writes it (`2026-11-24T08:05:09.120Z`,
/// fractions optional); `None` for anything else.
pub fn seconds_since_epoch(time: &str) -> Option<u64> {
    let bytes = time.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = bytes.get(range)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |value, digit| value * 10 + u64::from(digit - b'0')))
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !separators.iter().all(|&(at, byte)| bytes.get(at) == Some(&byte)) || !time.ends_with('Z') {
        return None;
    }
    let fraction = bytes.get(19..bytes.len() - 1)?;
    if !(fraction.is_empty()
        || fraction
            .split_first()
            .is_some_and(|(dot, digits)| *dot == b'.' && !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)))
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 || year < 1970
    {
        return None;
    }
    Some(days_since_epoch(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// `seconds` since 1970 as RFC 3339 UTC without fractions (`2026-11-24T08:05:09Z`), the form
/// [`seconds_since_epoch`] reads; years past 9999 are written as 9999-12-31T23:59:59Z.
pub fn rfc3339(seconds: u64) -> String {
    // 253 402 300 799 is 9999-12-31T23:59:59Z, the last time with a four-digit year.
    let seconds = seconds.min(253_402_300_799);
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    // The inverse of `days_since_epoch` (Howard Hinnant's civil_from_days), from 0000-03-01.
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    let (hour, minute, second) = (time / 3_600, time % 3_600 / 60, time % 60);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (from 1970 on).
fn days_since_epoch(year: u64, month: u64, day: u64) -> u64 {
    // Counting years from March puts the leap day last; 719_468 is 0000-03-01 to 1970-01-01.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_the_app_writes_them() {
        assert_eq!(seconds_since_epoch("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(seconds_since_epoch("2000-03-01T00:00:00.5Z"), Some(951_868_800));
        assert_eq!(seconds_since_epoch("2026-11-24T08:05:09.120Z"), Some(1_795_507_509));
        for bad in [
            "",
            "2026-11-24",
            "2026-11-24T08:05:09",
            "2026-13-01T00:00:00Z",
            "2026-11-24T08:05:09.Z",
            "２026-11-24T08:05:09Z",
        ] {
            assert_eq!(seconds_since_epoch(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_written_read_back() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_868_800), "2000-03-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_507_509), "2026-11-24T08:05:09Z");
        assert_eq!(rfc3339(u64::MAX), "9999-12-31T23:59:59Z");
        for seconds in (0..253_402_300_799).step_by(86_399 * 97 + 13) {
            assert_eq!(seconds_since_epoch(&rfc3339(seconds)), Some(seconds), "{seconds}");
        }
    }
}
