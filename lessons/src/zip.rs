//! A minimal ZIP writer and reader. The app's "export this work" writes one file with a student's
//! code, a picture of the stage and their result file, ready to hand in to a contest; the judge's
//! `sprout grade` and the class dashboard read the result file back out of it ([`read_result`]
//! accepts such a ZIP), so nobody has to unzip hundreds of submissions first.
//!
//! Files are stored, not compressed: the archive is small (a program, a 400×400 PNG that is
//! already compressed, some JSON) and storing needs no compression crate in the app's wasm. Names
//! are UTF-8 with the language-encoding flag (general purpose bit 11) set, so Chinese names show
//! correctly in Windows' Explorer and other unzip tools. There is no ZIP64: an archive over
//! 4 GiB or with more than 65 535 files is refused. The format is PKWARE's APPNOTE.TXT.

/// Version needed to extract (and made by): 2.0, enough for stored files and folders.
const VERSION: u16 = 20;
/// General purpose bit 11: file names (and comments) are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// Compression method 0: stored.
const STORED: u16 = 0;
const LOCAL_HEADER_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_HEADER_SIGNATURE: u32 = 0x0201_4b50;
const END_SIGNATURE: u32 = 0x0605_4b50;

/// The name of the result file inside an "export this work" ZIP.
pub const RESULT_IN_ZIP: &str = "result.json";

/// Whether `bytes` look like a ZIP archive (they start with a local file header).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(&LOCAL_HEADER_SIGNATURE.to_le_bytes())
}

/// Why a file could not be taken out of an archive.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZipReadError {
    /// The archive's structure is broken or cut short.
    #[error("the ZIP archive is damaged ({0})")]
    Damaged(&'static str),
    /// No file of that name.
    #[error("the ZIP archive has no {0}")]
    Missing(&'static str),
    /// The file is compressed; only stored files (as Sprout writes them) are read.
    #[error("{0} in the ZIP archive is compressed: unzip the archive and use {0} itself")]
    Compressed(&'static str),
    /// More than one entry has the wanted name (unzip tools disagree on which one counts).
    #[error("the ZIP archive has {0} {1} files; a hand-in has exactly one")]
    Repeated(usize, &'static str),
    /// An entry's name is not a plain relative path: it climbs out (`..`), starts at a root or a
    /// drive, or uses backslashes. Sprout never writes such a name; an unzip tool would write the
    /// file outside the folder it unzips into.
    #[error("the ZIP archive has an entry named {0:?}, which is not a plain name")]
    UnsafeName(String),
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// Whether `name` is a plain relative path of a ZIP entry: parts separated by `/`, none empty
/// (but a folder's trailing `/`), `.` or `..`, no backslash, no drive (`C:`) and no control
/// character.
fn is_plain_name(name: &str) -> bool {
    let name = name.strip_suffix('/').unwrap_or(name);
    !name.is_empty()
        && !name.contains(['\\', ':'])
        && !name.chars().any(char::is_control)
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// A central directory entry, as far as [`read_file`] needs it.
struct Entry<'a> {
    name: std::borrow::Cow<'a, str>,
    method: u16,
    crc: u32,
    compressed_size: usize,
    local: usize,
}

/// The central directory's entries, read from the end record; each offset bounds-checked.
fn entries(archive: &[u8]) -> Result<Vec<Entry<'_>>, ZipReadError> {
    use ZipReadError::Damaged;
    // The end record is 22 bytes plus a comment of at most 65,535.
    let search_from = archive.len().saturating_sub(22 + usize::from(u16::MAX));
    let end = (search_from..=archive.len().saturating_sub(22))
        .rev()
        .find(|&at| u32_at(archive, at) == Some(END_SIGNATURE))
        .ok_or(Damaged("no end record"))?;
    let at_end = |offset: usize| end.checked_add(offset).ok_or(Damaged("end record"));
    let count = u16_at(archive, at_end(10)?).ok_or(Damaged("end record"))?;
    let mut at = usize::try_from(u32_at(archive, at_end(16)?).ok_or(Damaged("end record"))?)
        .map_err(|_| Damaged("end record"))?;
    let mut found = Vec::with_capacity(usize::from(count).min(archive.len() / 46));
    for _ in 0..count {
        let damaged = Damaged("central directory");
        if u32_at(archive, at) != Some(CENTRAL_HEADER_SIGNATURE) {
            return Err(damaged);
        }
        let offset = |offset: usize| at.checked_add(offset).ok_or(damaged.clone());
        let field = |offset: usize| -> Result<u16, ZipReadError> { u16_at(archive, offset).ok_or(damaged.clone()) };
        let wide = |offset: usize| -> Result<usize, ZipReadError> {
            u32_at(archive, offset).and_then(|value| usize::try_from(value).ok()).ok_or(damaged.clone())
        };
        let method = field(offset(10)?)?;
        let (name_length, extra_length, comment_length) =
            (usize::from(field(offset(28)?)?), usize::from(field(offset(30)?)?), usize::from(field(offset(32)?)?));
        let crc = u32_at(archive, offset(16)?).ok_or(damaged.clone())?;
        let (compressed_size, local) = (wide(offset(20)?)?, wide(offset(42)?)?);
        let name_start = offset(46)?;
        let name_end = name_start.checked_add(name_length).ok_or(damaged.clone())?;
        let name = String::from_utf8_lossy(archive.get(name_start..name_end).ok_or(damaged.clone())?);
        found.push(Entry { name, method, crc, compressed_size, local });
        at = name_end.checked_add(extra_length).and_then(|at| at.checked_add(comment_length)).ok_or(damaged.clone())?;
    }
    Ok(found)
}

/// The contents of the file named `wanted` (at the top or in a folder) in `archive`, read the way
/// unzip tools do: the end record, the central directory, then the local header it points to.
/// Every offset is bounds-checked and the CRC is verified, so a damaged or forged archive is an
/// error, never a panic or an allocation beyond the archive's own size. A hand-in must be
/// unambiguous: every entry's name must be plain (see [`ZipReadError::UnsafeName`]) and exactly one
/// may be called `wanted`.
pub fn read_file(archive: &[u8], wanted: &'static str) -> Result<Vec<u8>, ZipReadError> {
    use ZipReadError::Damaged;
    let entries = entries(archive)?;
    if let Some(unsafe_entry) = entries.iter().find(|entry| !is_plain_name(&entry.name)) {
        return Err(ZipReadError::UnsafeName(unsafe_entry.name.to_string()));
    }
    let suffix = format!("/{wanted}");
    let matching: Vec<&Entry> =
        entries.iter().filter(|entry| entry.name == wanted || entry.name.ends_with(&suffix)).collect();
    let entry = match matching[..] {
        [] => return Err(ZipReadError::Missing(wanted)),
        [entry] => entry,
        _ => return Err(ZipReadError::Repeated(matching.len(), wanted)),
    };
    if entry.method != STORED {
        return Err(ZipReadError::Compressed(wanted));
    }
    let local = entry.local;
    if u32_at(archive, local) != Some(LOCAL_HEADER_SIGNATURE) {
        return Err(Damaged("local header"));
    }
    let header = |offset: usize| local.checked_add(offset).and_then(|at| u16_at(archive, at));
    let local_name = header(26).ok_or(Damaged("local header"))?;
    let local_extra = header(28).ok_or(Damaged("local header"))?;
    let data =
        local.checked_add(30 + usize::from(local_name) + usize::from(local_extra)).ok_or(Damaged("local header"))?;
    let data_end = data.checked_add(entry.compressed_size).ok_or(Damaged("cut short"))?;
    let contents = archive.get(data..data_end).ok_or(Damaged("cut short"))?;
    if crc32(contents) != entry.crc {
        return Err(Damaged("CRC mismatch"));
    }
    Ok(contents.to_vec())
}

/// Why an archive could not be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    /// A file, a name, the archive or the number of files is beyond what ZIP without ZIP64 holds.
    #[error("too large for a ZIP file")]
    TooLarge,
}

/// A file's modification time in MS-DOS form (local time, two-second steps, years 1980–2107), as
/// ZIP headers store it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DosDateTime {
    /// `(year - 1980) << 9 | month << 5 | day`.
    pub date: u16,
    /// `hour << 11 | minute << 5 | second / 2`.
    pub time: u16,
}

impl DosDateTime {
    /// The DOS form of a calendar time; years outside 1980–2107 are clamped to that range.
    pub fn new(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> DosDateTime {
        let year = year.clamp(1980, 2107) - 1980;
        // Every field is masked to its width, so the casts keep all its bits.
        DosDateTime {
            date: ((year & 0x7f) << 9 | (month & 0x0f) << 5 | (day & 0x1f)) as u16,
            time: ((hour & 0x1f) << 11 | (minute & 0x3f) << 5 | ((second / 2) & 0x1f)) as u16,
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) lookup table, built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut value = index as u32;
        let mut bit = 0;
        while bit < 8 {
            value = if value & 1 == 1 { 0xedb8_8320 ^ (value >> 1) } else { value >> 1 };
            bit += 1;
        }
        table[index] = value;
        index += 1;
    }
    table
};

/// The CRC-32 that ZIP stores for `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &byte| CRC_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8))
}

fn u16_of(value: usize) -> Result<u16, ZipError> {
    u16::try_from(value).map_err(|_| ZipError::TooLarge)
}

fn u32_of(value: usize) -> Result<u32, ZipError> {
    u32::try_from(value).map_err(|_| ZipError::TooLarge)
}

/// The fields that a file's local header and its central directory entry share, from "version
/// needed" to the extra field's length.
fn common_fields(out: &mut Vec<u8>, modified: DosDateTime, crc: u32, size: u32, name_length: u16) {
    for value in [VERSION, UTF8_NAMES, STORED, modified.time, modified.date] {
        out.extend_from_slice(&value.to_le_bytes());
    }
    for value in [crc, size, size] {
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(&name_length.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
}

/// A ZIP archive holding `files` (name, contents) in that order, each stored uncompressed with
/// the modification time `modified`. Names use `/` between folders.
pub fn write(files: &[(&str, &[u8])], modified: DosDateTime) -> Result<Vec<u8>, ZipError> {
    let count = u16_of(files.len())?;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, contents) in files {
        let (name_length, size, crc) = (u16_of(name.len())?, u32_of(contents.len())?, crc32(contents));
        let offset = u32_of(out.len())?;

        out.extend_from_slice(&LOCAL_HEADER_SIGNATURE.to_le_bytes());
        common_fields(&mut out, modified, crc, size, name_length);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(contents);

        central.extend_from_slice(&CENTRAL_HEADER_SIGNATURE.to_le_bytes());
        central.extend_from_slice(&VERSION.to_le_bytes());
        common_fields(&mut central, modified, crc, size, name_length);
        // Comment length, disk number start, internal and external attributes.
        for value in [0u16, 0, 0] {
            central.extend_from_slice(&value.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (central_offset, central_size) = (u32_of(out.len())?, u32_of(central.len())?);
    out.extend_from_slice(&central);
    out.extend_from_slice(&END_SIGNATURE.to_le_bytes());
    // This disk, the disk with the central directory, entries on this disk, entries in all.
    for value in [0u16, 0, count, count] {
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    // No archive comment.
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One file as read back from an archive: the central entry checked against its local header.
    #[derive(Debug, PartialEq)]
    struct ReadFile {
        name: String,
        contents: Vec<u8>,
        crc: u32,
        flags: u16,
        time: u16,
        date: u16,
    }

    fn u16_at(bytes: &[u8], at: usize) -> u16 {
        super::u16_at(bytes, at).unwrap()
    }

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        super::u32_at(bytes, at).unwrap()
    }

    /// Reads `archive` the way unzip tools do: the end record, then the central directory, then
    /// each local header it points to; every field the two headers share must agree.
    fn read(archive: &[u8]) -> Vec<ReadFile> {
        let end = archive.len() - 22;
        assert_eq!(u32_at(archive, end), END_SIGNATURE);
        assert_eq!(u16_at(archive, end + 20), 0, "no comment");
        let count = usize::from(u16_at(archive, end + 10));
        assert_eq!(usize::from(u16_at(archive, end + 8)), count);
        let (size, offset) = (u32_at(archive, end + 12) as usize, u32_at(archive, end + 16) as usize);
        assert_eq!(offset + size, end, "the central directory ends where the end record starts");
        let mut at = offset;
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(archive, at), CENTRAL_HEADER_SIGNATURE);
            assert_eq!(u16_at(archive, at + 10), STORED);
            let (crc, compressed, size) =
                (u32_at(archive, at + 16), u32_at(archive, at + 20), u32_at(archive, at + 24));
            assert_eq!(compressed, size);
            let name_length = usize::from(u16_at(archive, at + 28));
            assert_eq!((u16_at(archive, at + 30), u16_at(archive, at + 32)), (0, 0), "no extra field or comment");
            let local = u32_at(archive, at + 42) as usize;
            let name = &archive[at + 46..at + 46 + name_length];
            // From "version needed" to the name, the local header repeats the central entry.
            assert_eq!(u32_at(archive, local), LOCAL_HEADER_SIGNATURE);
            assert_eq!(
                &archive[local + 4..local + 30 + name_length],
                &archive[at + 6..at + 32].iter().chain(name).copied().collect::<Vec<u8>>()[..]
            );
            let data = local + 30 + name_length;
            let contents = archive[data..data + size as usize].to_vec();
            assert_eq!(crc32(&contents), crc);
            files.push(ReadFile {
                name: String::from_utf8(name.to_vec()).unwrap(),
                contents,
                crc,
                flags: u16_at(archive, at + 8),
                time: u16_at(archive, at + 12),
                date: u16_at(archive, at + 14),
            });
            at += 46 + name_length;
        }
        assert_eq!(at, end);
        files
    }

    fn check_crc(bytes: &[u8], expected: u32) {
        assert_eq!(crc32(bytes), expected, "{:?}", String::from_utf8_lossy(bytes));
    }

    #[test]
    fn crc32_matches_known_values() {
        check_crc(b"", 0);
        check_crc(b"123456789", 0xcbf4_3926);
        check_crc(b"The quick brown fox jumps over the lazy dog", 0x414f_a339);
        check_crc("你好".as_bytes(), 0x50a2_b841);
    }

    #[test]
    fn dos_date_time_packs_fields_and_clamps_years() {
        let time = DosDateTime::new(2026, 11, 23, 9, 30, 59);
        assert_eq!(time.date, (46 << 9) | (11 << 5) | 23);
        assert_eq!(time.time, (9 << 11) | (30 << 5) | 29);
        assert_eq!(DosDateTime::new(1970, 1, 1, 0, 0, 0).date, (1 << 5) | 1);
        assert_eq!(DosDateTime::new(2200, 12, 31, 23, 59, 58).date, (127 << 9) | (12 << 5) | 31);
    }

    #[test]
    fn an_empty_archive_is_just_the_end_record() {
        let archive = write(&[], DosDateTime::new(2026, 1, 1, 0, 0, 0)).unwrap();
        assert_eq!(archive, [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert!(read(&archive).is_empty());
    }

    #[test]
    fn one_file_has_the_exact_bytes() {
        let archive = write(&[("a.txt", b"hi")], DosDateTime { date: 0x5b77, time: 0x4bdd }).unwrap();
        let crc = crc32(b"hi").to_le_bytes();
        let mut expected = vec![0x50, 0x4b, 0x03, 0x04, 20, 0, 0x00, 0x08, 0, 0, 0xdd, 0x4b, 0x77, 0x5b];
        expected.extend_from_slice(&crc);
        expected.extend_from_slice(&[2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0]);
        expected.extend_from_slice(b"a.txthi");
        expected.extend_from_slice(&[0x50, 0x4b, 0x01, 0x02, 20, 0, 20, 0, 0x00, 0x08, 0, 0, 0xdd, 0x4b, 0x77, 0x5b]);
        expected.extend_from_slice(&crc);
        expected.extend_from_slice(&[2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        expected.extend_from_slice(b"a.txt");
        // The end record: one entry, a 51-byte central directory at offset 37.
        expected.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 51, 0, 0, 0, 37, 0, 0, 0, 0, 0]);
        assert_eq!(archive, expected);
    }

    #[test]
    fn files_read_back_with_names_contents_crcs_and_times() {
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff];
        let files: [(&str, &[u8]); 4] = [
            ("turtle-square.rhai", b"forward(100);\nleft(90);\n"),
            ("stage.png", &png),
            ("作品/王小明.json", "{\"name\": \"王小明\"}".as_bytes()),
            ("empty.txt", b""),
        ];
        let modified = DosDateTime::new(2026, 11, 23, 9, 30, 0);
        let read = read(&write(&files, modified).unwrap());
        let expected: Vec<ReadFile> = files
            .iter()
            .map(|(name, contents)| ReadFile {
                name: name.to_string(),
                contents: contents.to_vec(),
                crc: crc32(contents),
                flags: UTF8_NAMES,
                time: modified.time,
                date: modified.date,
            })
            .collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn a_file_is_read_back_from_the_top_or_a_folder() {
        let modified = DosDateTime::new(2026, 11, 23, 9, 30, 0);
        let archive = write(&[("a.rhai", b"print(1);"), ("result.json", b"{\"x\": 1}")], modified).unwrap();
        assert!(is_zip(&archive));
        assert_eq!(read_file(&archive, RESULT_IN_ZIP).unwrap(), b"{\"x\": 1}");
        let nested = write(&[("王小明/result.json", b"{}")], modified).unwrap();
        assert_eq!(read_file(&nested, RESULT_IN_ZIP).unwrap(), b"{}");
        let without = write(&[("a.rhai", b"print(1);")], modified).unwrap();
        assert_eq!(read_file(&without, RESULT_IN_ZIP), Err(ZipReadError::Missing(RESULT_IN_ZIP)));
    }

    #[test]
    fn a_damaged_or_compressed_archive_is_an_error_at_every_cut() {
        let modified = DosDateTime::new(2026, 11, 23, 9, 30, 0);
        let archive = write(&[("result.json", b"{\"score\": 100}")], modified).unwrap();
        for cut in 0..archive.len() {
            assert!(read_file(&archive[..cut], RESULT_IN_ZIP).is_err(), "cut at {cut}");
        }
        let mut flipped = archive.clone();
        flipped[30 + RESULT_IN_ZIP.len() + 4] ^= 1;
        assert_eq!(read_file(&flipped, RESULT_IN_ZIP), Err(ZipReadError::Damaged("CRC mismatch")));
        let mut compressed = archive.clone();
        let central = u32_at(&archive, archive.len() - 6) as usize;
        compressed[central + 10] = 8;
        assert_eq!(read_file(&compressed, RESULT_IN_ZIP), Err(ZipReadError::Compressed(RESULT_IN_ZIP)));
    }

    /// `read_file(RESULT_IN_ZIP)` of an archive of `names` (each holding `{}`): the contents as
    /// text, or the error.
    fn check_names(names: &[&str], expected: Result<&str, ZipReadError>) {
        let files: Vec<(&str, &[u8])> = names.iter().map(|name| (*name, &b"{}"[..])).collect();
        let archive = write(&files, DosDateTime::new(2026, 11, 23, 9, 30, 0)).unwrap();
        let read = read_file(&archive, RESULT_IN_ZIP).map(|bytes| String::from_utf8(bytes).unwrap());
        assert_eq!(read, expected.map(String::from), "{names:?}");
    }

    #[test]
    fn a_hand_in_has_exactly_one_result_and_only_plain_names() {
        check_names(&["a.rhai", "作品/result.json", "作品/"], Ok("{}"));
        check_names(&["result.json", "result.json"], Err(ZipReadError::Repeated(2, RESULT_IN_ZIP)));
        check_names(&["result.json", "copy/result.json", "x"], Err(ZipReadError::Repeated(2, RESULT_IN_ZIP)));
        for name in [
            "../../../../elsewhere/result.json",
            "a/../result.json",
            "/result.json",
            "/etc/x",
            "C:/result.json",
            "a\\result.json",
            "..\\result.json",
            "./result.json",
            "a//result.json",
            "",
            "a\u{0}/result.json",
        ] {
            check_names(&["result.json", name], Err(ZipReadError::UnsafeName(name.to_string())));
        }
        check_names(&["notes.txt"], Err(ZipReadError::Missing(RESULT_IN_ZIP)));
    }

    #[test]
    fn offsets_past_the_address_space_are_damage_not_overflow() {
        let archive = write(&[("result.json", b"{}")], DosDateTime::new(2026, 1, 1, 0, 0, 0)).unwrap();
        let central = u32_at(&archive, archive.len() - 6) as usize;
        for field in [20, 42] {
            let mut forged = archive.clone();
            forged[central + field..central + field + 4].copy_from_slice(&u32::MAX.to_le_bytes());
            assert!(matches!(read_file(&forged, RESULT_IN_ZIP), Err(ZipReadError::Damaged(_))), "field {field}");
        }
        let mut forged = archive.clone();
        let end = archive.len() - 22;
        forged[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(read_file(&forged, RESULT_IN_ZIP), Err(ZipReadError::Damaged("central directory")));
    }

    #[test]
    fn more_files_than_zip_counts_are_refused() {
        let files = vec![("a", &b""[..]); 65_536];
        assert_eq!(write(&files, DosDateTime::new(2026, 1, 1, 0, 0, 0)), Err(ZipError::TooLarge));
        assert!(write(&files[1..], DosDateTime::new(2026, 1, 1, 0, 0, 0)).is_ok());
    }
}
