//! CSV for spreadsheets, as every table Sprout writes for teachers and judges uses it (the class
//! overview, `sprout grade`'s reports): RFC 4180 quoting, CRLF line ends, and a byte-order mark at
//! the start of the file, without which Excel reads UTF-8 as the local code page and garbles
//! Chinese names. Fields come from students' files (a name, a school): one that a spreadsheet would
//! take for a formula (`=HYPERLINK(…)`, `+1`, `@SUM(…)`) gets a leading `'`, so that it is shown as
//! the text it is and never run.

/// What a CSV file starts with (see the module's documentation).
pub const CSV_BOM: &str = "\u{feff}";

/// What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV line with its CRLF; a field that would start a formula gets a leading `'`, and a field
/// with a comma, quote or line break is quoted.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (index, field) in fields.iter().enumerate() {
        let field = field.as_ref();
        let guarded;
        let field = if field.starts_with(FORMULA_STARTS) {
            guarded = format!("'{field}");
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

    #[test]
    fn fields_that_need_it_are_quoted() {
        assert_eq!(
            csv_line(&["张三", "a,b", "say \"hi\"", "two\nlines", ""]),
            "张三,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
        );
    }

    #[test]
    fn fields_a_spreadsheet_would_run_are_text() {
        assert_eq!(
            csv_line(&["=HYPERLINK(\"http://x\",\"点我\")", "+1", "-1", "@SUM(A1)", "\tx", "a=b", "100"]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",'+1,'-1,'@SUM(A1),'\tx,a=b,100\r\n"
        );
        assert_eq!(csv_line(&["\r=1"]), "\"'\r=1\"\r\n");
    }
}
