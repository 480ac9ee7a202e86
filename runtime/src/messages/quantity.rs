//! Amounts in words a child reads: "1000 万步" and "10 million steps" rather than "10000000".
//!
//! The limits a diagnostic quotes (steps, bytes, items, milliseconds) are stored as plain numbers,
//! which is what graders and result files compare. When a diagnostic is put into words, each is
//! written here as a number and a scale (万 and 亿 in Chinese; million and billion in English),
//! and the translation files' `quantity-*` messages put the two together with the unit, so the
//! words stay in Fluent and this file does only the arithmetic. A scale is used only when it
//! writes the amount exactly, with at most two decimals: a limit is never rounded.

use super::{Language, WORDS};

/// What an amount counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Operations of the run ("steps" to a student).
    Steps,
    /// Bytes of text or output.
    Bytes,
    /// Elements of a list or properties of an object.
    Items,
    /// Things the program drew or printed (trace events).
    Times,
    /// Lines of input.
    Lines,
    /// Virtual milliseconds, written in minutes or seconds when that is exact.
    Milliseconds,
}

/// `value` counted in `unit`, in words in `language`.
pub(crate) fn quantity(value: u64, unit: Unit, language: Language) -> String {
    let (id, value) = match unit {
        Unit::Steps => ("quantity-steps", value),
        Unit::Bytes => ("quantity-bytes", value),
        Unit::Items => ("quantity-items", value),
        Unit::Times => ("quantity-times", value),
        Unit::Lines => ("quantity-lines", value),
        Unit::Milliseconds if value >= 60_000 && value % 60_000 == 0 => ("quantity-minutes", value / 60_000),
        Unit::Milliseconds if value >= 1_000 && value % 1_000 == 0 => ("quantity-seconds", value / 1_000),
        Unit::Milliseconds => ("quantity-milliseconds", value),
    };
    let (number, scale) = number_and_scale(value, language);
    WORDS
        .with(|words| words.format(language, id, &[("number", number), ("scale", scale.to_string())]))
        .unwrap_or_else(|| value.to_string())
}

/// `value` as a number and the scale it is counted in: `one` for exactly 1, `other` for a plain
/// number, or `wan`, `yi` (Chinese), `million`, `billion` (English).
fn number_and_scale(value: u64, language: Language) -> (String, &'static str) {
    let scales: &[(u64, &str)] = match language {
        Language::ZhCn => &[(100_000_000, "yi"), (10_000, "wan")],
        Language::En => &[(1_000_000_000, "billion"), (1_000_000, "million")],
    };
    for &(size, scale) in scales {
        if value >= size && value % (size / 100) == 0 {
            let whole = value / size;
            let hundredths = value % size / (size / 100);
            let number = match hundredths {
                0 => whole.to_string(),
                _ if hundredths % 10 == 0 => format!("{whole}.{}", hundredths / 10),
                _ => format!("{whole}.{hundredths:02}"),
            };
            return (number, scale);
        }
    }
    let digits = value.to_string();
    let number = match language {
        // English groups thousands with commas; Chinese writes up to 万 without separators.
        Language::En => group_thousands(&digits),
        Language::ZhCn => digits,
    };
    (number, if value == 1 { "one" } else { "other" })
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: u64, unit: Unit, chinese: &str, english: &str) {
        assert_eq!(quantity(value, unit, Language::ZhCn), chinese, "{value} {unit:?} in Chinese");
        assert_eq!(quantity(value, unit, Language::En), english, "{value} {unit:?} in English");
    }

    #[test]
    fn round_amounts_are_written_with_a_scale() {
        check(10_000_000, Unit::Steps, "1000 万步", "10 million steps");
        check(200_000_000, Unit::Steps, "2 亿步", "200 million steps");
        check(3_000_000_000, Unit::Steps, "30 亿步", "3 billion steps");
        check(1_000_000, Unit::Bytes, "100 万字节", "1 million bytes");
        check(64_000_000, Unit::Bytes, "6400 万字节", "64 million bytes");
        check(100_000, Unit::Times, "10 万次", "100,000 times");
        check(1_000_000, Unit::Items, "100 万个", "1 million items");
    }

    #[test]
    fn amounts_a_scale_cannot_write_exactly_keep_their_digits() {
        check(15_000, Unit::Steps, "1.5 万步", "15,000 steps");
        check(12_345, Unit::Steps, "12345 步", "12,345 steps");
        check(2_500_000, Unit::Steps, "250 万步", "2.5 million steps");
        check(1_250_000, Unit::Steps, "125 万步", "1.25 million steps");
        check(1_234_567, Unit::Steps, "1234567 步", "1,234,567 steps");
        check(200_001, Unit::Bytes, "200001 字节", "200,001 bytes");
        check(128, Unit::Items, "128 个", "128 items");
        check(0, Unit::Lines, "0 行", "0 lines");
        check(1, Unit::Lines, "1 行", "1 line");
        check(1, Unit::Steps, "1 步", "1 step");
        check(0, Unit::Steps, "0 步", "0 steps");
        check(u64::MAX, Unit::Steps, "18446744073709551615 步", "18,446,744,073,709,551,615 steps");
    }

    #[test]
    fn times_are_written_in_the_largest_exact_unit() {
        check(60_000, Unit::Milliseconds, "1 分钟", "1 minute");
        check(120_000, Unit::Milliseconds, "2 分钟", "2 minutes");
        check(90_000, Unit::Milliseconds, "90 秒", "90 seconds");
        check(1_000, Unit::Milliseconds, "1 秒", "1 second");
        check(1_500, Unit::Milliseconds, "1500 毫秒", "1,500 milliseconds");
        check(1_000_000_000, Unit::Milliseconds, "100 万秒", "1 million seconds");
    }
}
