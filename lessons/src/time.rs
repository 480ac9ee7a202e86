//! Reading the times the app writes into result files (RFC 3339, UTC), for the figures that need
//! durations: minutes per lesson in the class overview, and a contest's time window in the
//! judge's re-grade. A time that does not read is `None`, never an error: the times come from the
//! student's computer and only inform.

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
}
