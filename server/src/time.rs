//! The server's clock: milliseconds since 1970 (UTC), as the database stores times, and the
//! RFC 3339 text result files carry (the civil-date conversion of Howard Hinnant's
//! `civil_from_days`, since no date crate is otherwise needed).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in milliseconds since 1970 (0 if the clock is before 1970).
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(0))
}

/// Year, month, day, hour, minute, second of `ms` (UTC).
pub fn civil(ms: i64) -> (i64, u32, u32, u32, u32, u32) {
    let seconds = ms.div_euclid(1000);
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let (hour, minute, second) = ((of_day / 3600) as u32, (of_day / 60 % 60) as u32, (of_day % 60) as u32);
    (year, month, day, hour, minute, second)
}

/// `ms` as RFC 3339 text in UTC, to the second (`2026-12-07T11:10:05Z`).
pub fn rfc3339(ms: i64) -> String {
    let (year, month, day, hour, minute, second) = civil(ms);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_back_through_the_lessons_crate() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z"),
            (1_796_641_805_999, "2026-12-07T11:10:05Z"),
            (4_107_542_399_000, "2100-02-28T23:59:59Z"),
        ];
        for (ms, text) in cases {
            assert_eq!(rfc3339(ms), text);
            assert_eq!(sprout_lessons::time::seconds_since_epoch(text), Some((ms / 1000) as u64), "{text}");
        }
    }
}
