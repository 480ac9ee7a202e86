//! A corpus of broken lessons and courses, each with the exact problems `sprout check` must report.
//!
//! Teachers will write lessons by hand, and the parser and checker are what stands between a typo
//! and a lesson that silently grades students wrongly. This test holds them to the promise of
//! docs/lesson-format.md: every mistake is reported, with the right code and line, and no input,
//! however broken (huge, binary, not UTF-8), makes them panic.
//!
//! # The convention
//!
//! Each case is a path given to `sprout check`, read with `files::load` and checked with
//! `Loaded::check` as the CLI does. Cases live in `tests/broken/`:
//! - `NAME.md`: a lesson file (parsed and, when that succeeds, checked with `check_lesson`);
//! - `NAME/lesson.md` (+ `starter.rhai`, `solution.rhai`, `tests.toml`): a lesson folder;
//! - `course-NAME/course.toml` + `*.md`: a course, every lesson file as above, then `check_course`;
//! - `generated-NAME`: a file written by [`generated_cases`] into a temporary folder (too big,
//!   binary or not UTF-8 to commit), or no file at all.
//!
//! `tests/broken/expected.toml` maps every case name to the list of problems it must produce:
//! `"CODE@LINE NAME=VALUE …"`, where CODE is the kebab-case [`ProblemCode::id`], `@LINE` (optional)
//! is the 1-based line the problem must be on, and each optional `NAME=VALUE` (`NAME="A B"` for a
//! value with spaces) is an argument the problem must have; `file=VALUE` matches the end of the
//! problem's file instead. Reported problems and expected entries must pair up one to one; an entry
//! without a line or argument does not care about them.
//!
//! Besides, every case must produce at least one problem, every case must have an expectation and
//! every expectation a case, and every [`ProblemCode`] about a lesson file or a course must appear
//! in some case unless [`NOT_COVERED`] says why not.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sprout_lessons::files::load;
use sprout_lessons::{Problem, ProblemCode, MAX_LESSON_BYTES};

/// Codes about a lesson file or a course that no case produces, each with the reason.
const NOT_COVERED: &[(ProblemCode, &str)] = &[];

/// What a problem code is about; pack and result-file codes are out of scope for this corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Lesson,
    Course,
    PackOrResult,
}

/// Deliberately without a `_` arm: a new code must be placed here (and then covered).
fn scope(code: ProblemCode) -> Scope {
    use ProblemCode::*;
    match code {
        FileUnreadable | FileTooLarge | NotUtf8 | BinaryFile | MissingFrontMatter | UnclosedFrontMatter
        | BadFrontMatter | BadId | EmptyTitle | BadLevel | BadPoints | BadMaxOperations | UnknownTool | RawHtml
        | ExternalImage | MissingSolution | DuplicateBlock | UnknownBlock | MissingHint | MissingTests | BadTests
        | NoTests | UnknownTestKind | MissingField | FieldNotAllowed | BadField | BadValue | BadGenerator
        | BadBoard | DuplicateTestId | BadTestId | UnknownConstruct | BadStep | SolutionFails | StarterPasses
        | CheckerBroken => Scope::Lesson,
        DuplicateLesson
        | BadCourse
        | UnknownLesson
        | LessonNotInCourse
        | DuplicateUnit
        | UnknownUnit
        | UnknownRequirement
        | RequirementCycle
        | NoLessons
        | ContestWithoutDuration
        | ContestPointsMismatch => Scope::Course,
        BadPack | UnknownVersion | BadResult | OtherPack => Scope::PackOrResult,
    }
}

/// Lesson checks run Rhai, which needs a deep stack in debug builds (the CLI uses 256 MiB).
const STACK_BYTES: usize = 64 * 1024 * 1024;

fn broken_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("broken")
}

// ---- Expectations ---------------------------------------------------------------------------------

/// One entry of expected.toml.
#[derive(Clone, Debug)]
struct Expected {
    text: String,
    code: String,
    line: Option<usize>,
    file: Option<String>,
    args: BTreeMap<String, String>,
}

impl Expected {
    fn parse(text: &str) -> Result<Expected, String> {
        let words = split_words(text)?;
        let (head, rest) = words.split_first().ok_or("an empty entry")?;
        let (code, line) = match head.split_once('@') {
            Some((code, line)) => {
                (code.to_string(), Some(line.parse().map_err(|_| format!("`{line}` is not a line number"))?))
            }
            None => (head.clone(), None),
        };
        if !ProblemCode::ALL.iter().any(|known| known.id() == code) {
            return Err(format!("`{code}` is not a problem code"));
        }
        let mut file = None;
        let mut args = BTreeMap::new();
        for word in rest {
            let (name, value) = word.split_once('=').ok_or_else(|| format!("`{word}` is not NAME=VALUE"))?;
            if name == "file" {
                file = Some(value.to_string());
            } else {
                args.insert(name.to_string(), value.to_string());
            }
        }
        Ok(Expected { text: text.to_string(), code, line, file, args })
    }

    fn matches(&self, problem: &Problem) -> bool {
        problem.code.id() == self.code
            && self.line.is_none_or(|line| problem.line == Some(line))
            && self.file.as_ref().is_none_or(|file| problem.file.ends_with(file.as_str()))
            && self.args.iter().all(|(name, value)| problem.args.get(name) == Some(value))
    }

    /// How much the entry pins down: more specific entries are paired first.
    fn specificity(&self) -> usize {
        usize::from(self.line.is_some()) + usize::from(self.file.is_some()) + self.args.len()
    }
}

/// Splits at spaces, keeping `NAME="A B"` together (quotes removed).
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for character in text.chars() {
        match character {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(character),
        }
    }
    if quoted {
        return Err(format!("unclosed quote in `{text}`"));
    }
    if !word.is_empty() {
        words.push(word);
    }
    Ok(words)
}

fn expectations() -> BTreeMap<String, Vec<String>> {
    let path = broken_folder().join("expected.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    toml::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not a table of lists of strings: {error}", path.display()))
}

// ---- Cases ----------------------------------------------------------------------------------------

/// A case: its name and the path `sprout check` is given.
struct Case {
    name: String,
    path: PathBuf,
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The file and folder cases in tests/broken, sorted by name.
fn file_cases() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(broken_folder())
        .expect("tests/broken exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for path in paths {
        let name = path.file_name().expect("a file name").to_string_lossy().to_string();
        if path.is_dir() {
            assert!(
                path.join("course.toml").is_file() || path.join("lesson.md").is_file(),
                "{}: a case folder needs course.toml or lesson.md",
                path.display()
            );
            cases.push(Case { name, path });
        } else if let Some(stem) = name.strip_suffix(".md") {
            cases.push(Case { name: stem.to_string(), path });
        } else {
            assert_eq!(name, "expected.toml", "tests/broken holds only cases and expected.toml");
        }
    }
    cases
}

/// A small valid lesson (the tests of every case that is not about them).
fn valid_lesson(hint: bool) -> String {
    let hint = if hint { "```hint\n乘以 2。\n```\n\n" } else { "" };
    format!(
        "+++\nid = \"generated\"\ntitle = {{ zh = \"翻倍\", en = \"Double\" }}\n+++\n\n# 翻倍\n\n\
         ```rhai starter\nfn double(x) {{ 0 }}\n```\n\n```rhai solution\nfn double(x) {{ x * 2 }}\n```\n\n\
         {hint}```tests\n[[test]]\nkind = \"call\"\ncall = \"double(21)\"\nexpect = \"42\"\n```\n"
    )
}

/// Pads `text` with one long paragraph at the end to exactly `size` bytes.
fn padded(text: String, size: usize) -> Vec<u8> {
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"\n");
    assert!(bytes.len() < size);
    bytes.resize(size - 1, b'a');
    bytes.push(b'\n');
    bytes
}

/// Cases too big, binary or badly encoded to keep as files, written into `folder`; and a path
/// with no file at all.
fn generated_cases(folder: &Path) -> Vec<Case> {
    std::fs::create_dir_all(folder).expect("a folder for the generated cases");
    let lesson = |name: &str, bytes: Vec<u8>| {
        let path = folder.join(format!("{name}.md"));
        std::fs::write(&path, bytes).expect("a generated case file");
        Case { name: name.to_string(), path }
    };
    // 1.5 GB by its metadata, and sparse, so it costs no disk: the loader must refuse it by its
    // size without reading it (reading it would take seconds and 1.5 GB of memory).
    let sparse = folder.join("generated-1.5-gb.md");
    std::fs::File::create(&sparse).and_then(|file| file.set_len(1_500_000_000)).expect("a sparse file");
    let sparse = Case { name: "generated-1.5-gb".to_string(), path: sparse };
    let missing = Case { name: "generated-missing".to_string(), path: folder.join("generated-missing.md") };
    let from_file = |name: &str| String::from_utf8(read(&broken_folder().join(name))).expect("a UTF-8 case file");

    let mut nul = valid_lesson(true).into_bytes();
    let line_5 = nul.iter().enumerate().filter(|(_, byte)| **byte == b'\n').nth(3).expect("4 lines").0 + 1;
    nul.splice(line_5..line_5, *b"\0\0\0\0\n");

    let docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml \xec\x97\xcbn\xdb0".to_vec();

    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00".to_vec();
    png.extend_from_slice(&[0; 64]);

    // 翻倍 in GBK is B7 AD B1 B6.
    let gbk = valid_lesson(true).replacen("翻倍", "\u{0}", 1);
    let (before, after) = gbk.split_once('\u{0}').expect("the title was replaced");
    let gbk = [before.as_bytes(), &[0xB7, 0xAD, 0xB1, 0xB6], after.as_bytes()].concat();

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(valid_lesson(true).encode_utf16().flat_map(u16::to_le_bytes));

    let one_test = "[[test]]\nkind = \"call\"\ncall = \"double(21)\"\nexpect = \"42\"\n";
    let too_many = valid_lesson(true).replace(one_test, &format!("{one_test}\n").repeat(201));

    let crlf = |name: &str| from_file(&format!("{name}.md")).replace('\n', "\r\n").into_bytes();

    vec![
        lesson("generated-huge", padded(valid_lesson(true), MAX_LESSON_BYTES + 1)),
        lesson("generated-at-size-limit", padded(valid_lesson(false), MAX_LESSON_BYTES)),
        lesson("generated-nul", nul),
        lesson("generated-docx", docx),
        lesson("generated-png", png),
        lesson("generated-gbk", gbk),
        lesson("generated-utf16", utf16),
        lesson("generated-too-many-tests", too_many.into_bytes()),
        lesson("generated-crlf-duplicate-test-id", crlf("duplicate-test-id")),
        lesson("generated-crlf-front-matter-unknown-key", crlf("front-matter-unknown-key")),
        sparse,
        missing,
    ]
}

// ---- Running ----------------------------------------------------------------------------------------

/// What `sprout check PATH` reports for a case, or the message of the panic it caused.
fn run_case(case: &Case) -> Result<Vec<Problem>, String> {
    caught(|| load(&[&case.path]).check())
}

/// What `run` returns, or the message of its panic.
fn caught(run: impl FnOnce() -> Vec<Problem>) -> Result<Vec<Problem>, String> {
    catch_unwind(AssertUnwindSafe(run)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}

struct Outcome {
    name: String,
    problems: Result<Vec<Problem>, String>,
}

/// Every case, run once (on a big stack) and shared by the tests below.
fn outcomes() -> &'static [Outcome] {
    static OUTCOMES: OnceLock<Vec<Outcome>> = OnceLock::new();
    OUTCOMES.get_or_init(|| {
        std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn(|| {
                let folder = std::env::temp_dir().join(format!("sprout-broken-lessons-{}", std::process::id()));
                let outcomes = file_cases()
                    .into_iter()
                    .chain(generated_cases(&folder))
                    .map(|case| Outcome { problems: run_case(&case), name: case.name })
                    .collect();
                let _ = std::fs::remove_dir_all(&folder);
                outcomes
            })
            .expect("a thread")
            .join()
            .expect("the cases ran")
    })
}

/// Pairs entries with problems, most specific entries first; returns what is left of each.
fn unmatched<'a>(expected: &'a [Expected], problems: &'a [Problem]) -> (Vec<&'a Expected>, Vec<&'a Problem>) {
    let mut entries: Vec<&Expected> = expected.iter().collect();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.specificity()));
    let mut left: Vec<&Problem> = problems.iter().collect();
    let mut missing = Vec::new();
    for entry in entries {
        match left.iter().position(|problem| entry.matches(problem)) {
            Some(index) => {
                left.remove(index);
            }
            None => missing.push(entry),
        }
    }
    (missing, left)
}

/// A problem as an expected.toml entry (code and line).
struct Entry<'a>(&'a Problem);

impl fmt::Display for Entry<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.line {
            Some(line) => write!(formatter, "\"{}@{line}\"", self.0.code.id()),
            None => write!(formatter, "\"{}\"", self.0.code.id()),
        }
    }
}

// ---- Tests --------------------------------------------------------------------------------------------

#[test]
fn every_broken_case_reports_exactly_its_expected_problems() {
    let expectations = expectations();
    let outcomes = outcomes();
    assert!(outcomes.len() >= 20, "the corpus shrank to {} cases", outcomes.len());
    let mut failures = Vec::new();
    for outcome in outcomes {
        let name = &outcome.name;
        let problems = match &outcome.problems {
            Ok(problems) => problems,
            Err(panic) => {
                failures.push(format!("{name}: PANICKED: {panic}"));
                continue;
            }
        };
        if problems.is_empty() {
            failures.push(format!("{name}: no problem at all, but every case is broken"));
            continue;
        }
        let Some(texts) = expectations.get(name) else { continue };
        let expected: Result<Vec<Expected>, String> = texts.iter().map(|text| Expected::parse(text)).collect();
        let expected = match expected {
            Ok(expected) => expected,
            Err(error) => {
                failures.push(format!("{name}: bad entry in expected.toml: {error}"));
                continue;
            }
        };
        let (missing, extra) = unmatched(&expected, problems);
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut report = format!("{name}:");
        for entry in missing {
            report.push_str(&format!("\n    expected but not reported: {}", entry.text));
        }
        for problem in extra {
            report.push_str(&format!("\n    reported but not expected: {problem}"));
        }
        report.push_str("\n    everything reported:");
        for problem in problems {
            report.push_str(&format!("\n        {problem}"));
        }
        let entries: Vec<String> = problems.iter().map(|problem| Entry(problem).to_string()).collect();
        report.push_str(&format!("\n    as an entry: {name} = [{}]", entries.join(", ")));
        failures.push(report);
    }
    assert!(
        failures.is_empty(),
        "{} of {} broken cases are wrong:\n\n{}",
        failures.len(),
        outcomes.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_case_has_an_expectation_and_every_expectation_a_case() {
    let expectations = expectations();
    let names: BTreeSet<&str> = outcomes().iter().map(|outcome| outcome.name.as_str()).collect();
    let without: Vec<&str> = names.iter().copied().filter(|name| !expectations.contains_key(*name)).collect();
    let orphans: Vec<&str> = expectations.keys().map(String::as_str).filter(|name| !names.contains(name)).collect();
    let empty: Vec<&str> =
        expectations.iter().filter(|(_, entries)| entries.is_empty()).map(|(name, _)| name.as_str()).collect();
    assert!(
        without.is_empty() && orphans.is_empty() && empty.is_empty(),
        "cases without an entry in expected.toml: {without:?}\nentries without a case: {orphans:?}\n\
         entries expecting no problem (every case is broken): {empty:?}"
    );
}

#[test]
fn every_lesson_and_course_problem_code_has_a_broken_case() {
    let reported: BTreeSet<ProblemCode> = outcomes()
        .iter()
        .filter_map(|outcome| outcome.problems.as_ref().ok())
        .flatten()
        .map(|problem| problem.code)
        .collect();
    let excused: BTreeMap<ProblemCode, &str> = NOT_COVERED.iter().copied().collect();
    let mut failures = Vec::new();
    for code in ProblemCode::ALL {
        let in_scope = scope(code) != Scope::PackOrResult;
        match (in_scope, reported.contains(&code), excused.get(&code)) {
            (true, false, None) => {
                failures.push(format!("{}: no case reports it; add one or excuse it in NOT_COVERED", code.id()))
            }
            (true, true, Some(_)) => failures.push(format!("{}: covered now; remove it from NOT_COVERED", code.id())),
            (false, _, Some(_)) => failures.push(format!("{}: pack and result codes need no excuse", code.id())),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_expectation_syntax_reads_what_the_header_says() {
    let entry = Expected::parse("duplicate-block@18 block=\"rhai solution\" file=a/lesson.md").unwrap();
    assert_eq!(entry.code, "duplicate-block");
    assert_eq!(entry.line, Some(18));
    assert_eq!(entry.file.as_deref(), Some("a/lesson.md"));
    assert_eq!(entry.args.get("block").map(String::as_str), Some("rhai solution"));
    let problem = Problem::new("broken/a/lesson.md", ProblemCode::DuplicateBlock).at(18).with("block", "rhai solution");
    assert!(entry.matches(&problem));
    assert!(!entry.matches(&problem.clone().at(17)));
    assert!(Expected::parse("no-such-code").is_err());
    assert!(Expected::parse("bad-id@two").is_err());
    assert!(Expected::parse("bad-id id=\"open").is_err());
    let loose = Expected::parse("bad-id").unwrap();
    assert!(loose.matches(&Problem::new("x.md", ProblemCode::BadId).at(3).with("id", "X")));
}

#[test]
fn a_panicking_case_is_reported_not_fatal() {
    let panic = caught(|| panic!("a bug in the checker")).expect_err("the panic is caught");
    assert_eq!(panic, "a bug in the checker");
    assert_eq!(caught(Vec::new), Ok(Vec::new()));
}
