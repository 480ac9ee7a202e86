//! CSV for spreadsheets, as every table Sprout writes for teachers and judges uses it (the class
//! overview, `sprout grade`'s reports): RFC 4180 quoting, CRLF line ends, and a byte-order mark at
//! the start of the file, without which Excel reads UTF-8 as the local code page and garbles
//! Chinese names.

/// What a CSV file starts with (see the module's documentation).
pub const CSV_BOM: &str = "\u{feff}";

/// One CSV line with its CRLF; a field with a comma, quote or line break is quoted.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (index, field) in fields.iter().enumerate() {
        let field = field.as_ref();
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
}
