//! Reading a class roster: text a teacher pasted or a CSV file saved from Excel, one student per
//! line, a name and a student number separated by a tab, a comma or spaces. Excel saves CSV as
//! UTF-8 (with or without a byte-order mark) or, on a Chinese Windows, as GBK: the bytes are
//! UTF-8 if they are valid UTF-8, else GBK (encoding_rs). A first line of column names is skipped.

/// The most students a class may have.
pub const MAX_STUDENTS: usize = 200;
/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// The longest student number, in characters.
pub const MAX_NUMBER_CHARS: usize = 32;

/// One line of a roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The student's name.
    pub name: String,
    /// Their student number.
    pub number: String,
}

/// Why a roster cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterError {
    /// No student in it.
    Empty,
    /// More than [`MAX_STUDENTS`].
    TooMany,
    /// Line `n` (from 1) is not a name and a number.
    Line(usize),
}

/// The roster's text: UTF-8 (a byte-order mark dropped) if valid, else GBK.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GBK.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Reads the roster in `bytes`.
pub fn parse(bytes: &[u8]) -> Result<Vec<Entry>, RosterError> {
    let text = decode(bytes);
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (index == 0 && is_header(line)) {
            continue;
        }
        let entry = parse_line(line).ok_or(RosterError::Line(index + 1))?;
        if entries.len() == MAX_STUDENTS {
            return Err(RosterError::TooMany);
        }
        entries.push(entry);
    }
    if entries.is_empty() {
        return Err(RosterError::Empty);
    }
    Ok(entries)
}

fn is_header(line: &str) -> bool {
    let line = line.to_lowercase();
    ["姓名", "学号", "name", "number"].iter().any(|word| line.contains(word))
}

fn parse_line(line: &str) -> Option<Entry> {
    let fields: Vec<String> = if line.contains('\t') {
        line.split('\t').map(clean).filter(|field| !field.is_empty()).collect()
    } else if line.contains(',') || line.contains('，') {
        line.split([',', '，']).map(clean).filter(|field| !field.is_empty()).collect()
    } else {
        // Spaces: the number is the last word, and a name may have spaces of its own.
        let words: Vec<&str> = line.split_whitespace().collect();
        let (number, name) = words.split_last()?;
        vec![name.join(" "), (*number).to_string()]
    };
    let [first, second, ..] = fields.as_slice() else { return None };
    // A roster with the number first (学号, 姓名) reads as well.
    let is_number = |text: &str| text.chars().all(|character| character.is_ascii_alphanumeric() || character == '-');
    let (name, number) = if is_number(first) && !is_number(second) { (second, first) } else { (first, second) };
    let valid = |text: &str, limit: usize| {
        !text.is_empty() && text.chars().count() <= limit && !text.chars().any(char::is_control)
    };
    (valid(name, MAX_NAME_CHARS) && valid(number, MAX_NUMBER_CHARS) && is_number(number))
        .then(|| Entry { name: name.clone(), number: number.clone() })
}

/// A field without the spaces and the quotes a spreadsheet put around it.
fn clean(field: &str) -> String {
    field.trim().trim_matches('"').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(pairs: &[(&str, &str)]) -> Result<Vec<Entry>, RosterError> {
        Ok(pairs.iter().map(|(name, number)| Entry { name: name.to_string(), number: number.to_string() }).collect())
    }

    #[test]
    fn rosters_read_as_expected() {
        let gbk = encoding_rs::GBK.encode("姓名,学号\r\n张三,2023001\r\n李四,2023002\r\n").0.into_owned();
        type Case = (&'static str, Vec<u8>, Result<Vec<Entry>, RosterError>);
        let cases: Vec<Case> = vec![
            (
                "pasted, tabs",
                "张三\t2023001\n李四\t2023002\n".into(),
                entries(&[("张三", "2023001"), ("李四", "2023002")]),
            ),
            (
                "pasted, spaces, a name with a space",
                "Li Hua 7\n王五  8\n".into(),
                entries(&[("Li Hua", "7"), ("王五", "8")]),
            ),
            ("UTF-8 with BOM and a header", "\u{feff}姓名,学号\n张三,1\n".into(), entries(&[("张三", "1")])),
            ("GBK from Excel", gbk, entries(&[("张三", "2023001"), ("李四", "2023002")])),
            (
                "number first, quoted, full-width comma",
                "\"2023001\"，\"赵六\"\n".into(),
                entries(&[("赵六", "2023001")]),
            ),
            ("extra columns are ignored", "张三,1,男\n".into(), entries(&[("张三", "1")])),
            ("blank lines", "\n\n张三 1\n\n".into(), entries(&[("张三", "1")])),
            ("only a name", "张三\n李四 2\n".into(), Err(RosterError::Line(1))),
            ("a number that is not one", "张三\t12/3\n".into(), Err(RosterError::Line(1))),
            ("a name too long", format!("{} 1\n", "名".repeat(41)).into_bytes(), Err(RosterError::Line(1))),
            ("empty", "\n \n".into(), Err(RosterError::Empty)),
            ("only a header", "姓名\t学号\n".into(), Err(RosterError::Empty)),
            (
                "too many",
                (0..=MAX_STUDENTS).map(|n| format!("s{n} {n}\n")).collect::<String>().into_bytes(),
                Err(RosterError::TooMany),
            ),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(parse(&bytes), expected, "{name}");
        }
    }
}
