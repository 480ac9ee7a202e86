//! CSV for spreadsheets, as every table Sprout writes for teachers and judges uses it (the class
//! overview, `sprout grade`'s reports): RFC 4180 quoting, CRLF line ends, and a byte-order mark at
//! the start of the file, without which Excel reads UTF-8 as the local code page and garbles
//! Chinese names.
//!
//! Fields come from students' files (a name, a school, a student id), and Excel does not show a
//! CSV field as the text it is: it runs one that starts like a formula (`=HYPERLINK(…)`, `+1`,
//! `@SUM(…)`: CSV injection), and reads one that looks like a number or a date as that (`0042`
//! becomes 42, `2026-01` a date, an 18-digit id loses its last digits). Such a field is written as
//! the formula `="…"`, a string constant (its quotes doubled): Excel shows exactly the text, and the
//! only formula it runs is that constant. Excel's string constants hold at most 255 characters, so
//! a longer field is joined from pieces (`="…"&"…"`). Plain numbers (`100`, `1.5`) are written as
//! they are, so that scores stay numbers a spreadsheet can sum and sort.

/// What a CSV file starts with (see the module's documentation).
pub const CSV_BOM: &str = "\u{feff}";

/// What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The most characters of one string constant in a written field: Excel's limit is 255 UTF-16
/// units, and a character outside the BMP takes two.
const PIECE_CHARS: usize = 120;

/// Digits Excel keeps exactly in a number.
const EXACT_DIGITS: usize = 15;

/// Whether Excel reads `field` as exactly this number: digits without a leading zero (or `0`), an
/// optional fraction not ending in zero, at most [`EXACT_DIGITS`] digits.
fn is_plain_number(field: &str) -> bool {
    let (whole, fraction) = field.split_once('.').map_or((field, None), |(whole, fraction)| (whole, Some(fraction)));
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(|fraction| digits(fraction) && !fraction.ends_with('0'))
        && whole.len() + fraction.map_or(0, str::len) <= EXACT_DIGITS
}

/// Whether Excel would show `field` as something other than its text: a formula, a number that
/// is not [`is_plain_number`] (leading zeros, too many digits, thousands separators, a percentage,
/// scientific notation), a date or time (digits with `-`, `/`, `:`), a fraction, or a truth value.
fn excel_changes(field: &str) -> bool {
    if field.starts_with(FORMULA_STARTS) {
        return true;
    }
    if is_plain_number(field) {
        return false;
    }
    let number_like = field.bytes().any(|byte| byte.is_ascii_digit())
        && field.chars().all(|character| character.is_ascii_digit() || " .,/:-+eE%$()".contains(character));
    number_like || field.eq_ignore_ascii_case("true") || field.eq_ignore_ascii_case("false")
}

/// `field` as the formula `="…"` that shows exactly it (see the module's documentation).
fn as_text_formula(field: &str) -> String {
    let characters: Vec<char> = field.chars().collect();
    let pieces: Vec<String> = characters
        .chunks(PIECE_CHARS)
        .map(|piece| format!("\"{}\"", piece.iter().collect::<String>().replace('"', "\"\"")))
        .collect();
    format!("={}", pieces.join("&"))
}

/// One CSV line with its CRLF: each field that Excel would not show as its text is written as a
/// text formula (see the module's documentation), and a field with a comma, quote or line break is
/// quoted.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (index, field) in fields.iter().enumerate() {
        let field = field.as_ref();
        let guarded;
        let field = if excel_changes(field) {
            guarded = as_text_formula(field);
            guarded.as_str()
        } else {
            field
        };
        if index > 0 {
            line.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One field written by `csv_line`, without the line end: `expected`.
    fn check(field: &str, expected: &str) {
        assert_eq!(csv_line(&[field]), format!("{expected}\r\n"), "{field:?}");
    }

    #[test]
    fn fields_that_need_it_are_quoted() {
        assert_eq!(
            csv_line(&["张三", "a,b", "say \"hi\"", "two\nlines", ""]),
            "张三,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
        );
    }

    #[test]
    fn text_and_plain_numbers_are_written_as_they_are() {
        for field in [
            "张三",
            "七年级 3 班",
            "a=b",
            "AC WA",
            "submissions/class-3/甲.json",
            "100",
            "0",
            "1.5",
            "2026-11-23T09:00:00Z",
        ] {
            check(field, field);
        }
        check("", "");
        check("123456789012345", "123456789012345");
    }

    #[test]
    fn fields_a_spreadsheet_would_run_are_constant_text() {
        check(
            "=HYPERLINK(\"http://x\",\"点我\")",
            "\"=\"\"=HYPERLINK(\"\"\"\"http://x\"\"\"\",\"\"\"\"点我\"\"\"\")\"\"\"",
        );
        check("+1", "\"=\"\"+1\"\"\"");
        check("-1", "\"=\"\"-1\"\"\"");
        check("@SUM(A1)", "\"=\"\"@SUM(A1)\"\"\"");
        check("\tx", "\"=\"\"\tx\"\"\"");
        check("\r=1", "\"=\"\"\r=1\"\"\"");
        check("=cmd|' /C calc'!A0", "\"=\"\"=cmd|' /C calc'!A0\"\"\"");
    }

    #[test]
    fn fields_a_spreadsheet_would_turn_into_numbers_or_dates_keep_their_text() {
        for field in
            ["0042", "00", "1234567890123456", "2026-01", "1/2", "3:15", "1e5", "1,000", "12%", "1.50", "TRUE", "false"]
        {
            check(field, &format!("\"=\"\"{field}\"\"\""));
        }
    }

    #[test]
    fn long_fields_are_joined_from_pieces_excel_accepts() {
        let long = format!("={}", "名".repeat(2 * PIECE_CHARS));
        let pieces = [format!("={}", "名".repeat(PIECE_CHARS - 1)), "名".repeat(PIECE_CHARS), "名".to_string()];
        let formula = format!("=\"{}\"", pieces.join("\"&\""));
        check(&long, &format!("\"{}\"", formula.replace('"', "\"\"")));
    }
}
