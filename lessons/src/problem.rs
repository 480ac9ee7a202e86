//! What can be wrong with a lesson, a course, a pack or a result file: a stable code, the file and
//! line, and named arguments. `sprout check` and the app put problems into words with
//! [`crate::messages`], in Chinese or English.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable identifier for each kind of problem; the kebab-case id is the message id in the
/// translation files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    /// The file could not be read. Args: `detail`.
    FileUnreadable,
    /// The file is larger than a lesson may be. Args: `bytes`, `limit`.
    FileTooLarge,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file holds binary data (NUL or other control characters).
    BinaryFile,
    /// The file does not start with a `+++` line.
    MissingFrontMatter,
    /// The front matter has no closing `+++` line.
    UnclosedFrontMatter,
    /// The front matter is not valid TOML or has a wrong key. Args: `detail`.
    BadFrontMatter,
    /// The id is not lowercase letters, digits and `-`. Args: `id`.
    BadId,
    /// The Chinese title is empty.
    EmptyTitle,
    /// The level is not 1–5. Args: `level`.
    BadLevel,
    /// The lesson's points are 0 or too many. Args: `points`.
    BadPoints,
    /// The operation budget is 0 or above the maximum. Args: `value`, `limit`.
    BadMaxOperations,
    /// The `tool` is not one the app has. Args: `tool`, `known`.
    UnknownTool,
    /// Raw HTML in the Markdown. Args: `html`.
    RawHtml,
    /// An image that would be loaded from outside the lesson. Args: `url`.
    ExternalImage,
    /// No ```` ```rhai solution ```` block.
    MissingSolution,
    /// A block that may appear once appears again. Args: `block`.
    DuplicateBlock,
    /// A fenced block whose name looks like a special block but is not one. Args: `block`.
    UnknownBlock,
    /// No ```` ```hint ```` block.
    MissingHint,
    /// No ```` ```tests ```` block.
    MissingTests,
    /// The tests block is not valid TOML. Args: `detail`.
    BadTests,
    /// The tests block has no `[[test]]`.
    NoTests,
    /// A test's kind is missing or unknown. Args: `test`, `kind`.
    UnknownTestKind,
    /// A test lacks a key its kind needs. Args: `test`, `field`.
    MissingField,
    /// A test has a key its kind does not use. Args: `test`, `field`, `kind`.
    FieldNotAllowed,
    /// A key has a wrong type or value. Args: `test`, `field`, `detail`.
    BadField,
    /// A Rhai value in a test does not parse. Args: `test`, `field`, `detail`.
    BadValue,
    /// A generator expression is wrong. Args: `test`, `detail`.
    BadGenerator,
    /// A maker-board scenario is wrong. Args: `test`, `detail`.
    BadBoard,
    /// Two tests have the same id. Args: `test`.
    DuplicateTestId,
    /// A test id has characters other than letters, digits, `-` and `_`. Args: `test`.
    BadTestId,
    /// A code check names a construct that does not exist. Args: `test`, `construct`.
    UnknownConstruct,
    /// A test names a step the lesson does not have. Args: `test`, `step`, `steps`.
    BadStep,
    /// The reference solution fails a test. Args: `test`, `verdict`, `detail`.
    SolutionFails,
    /// The starter code already passes every test.
    StarterPasses,
    /// A checker fails on the reference solution's run. Args: `test`, `detail`.
    CheckerBroken,
    /// Two lessons have the same id. Args: `id`, `other`.
    DuplicateLesson,
    /// `course.toml` is not valid. Args: `detail`.
    BadCourse,
    /// The course lists a lesson that no file defines. Args: `id`.
    UnknownLesson,
    /// A lesson file is not listed in the course. Args: `id`.
    LessonNotInCourse,
    /// Two units have the same id. Args: `unit`.
    DuplicateUnit,
    /// A unit requires a unit that does not exist (or comes later). Args: `unit`, `requires`.
    UnknownUnit,
    /// A lesson requires a lesson that is not in the course. Args: `id`, `requires`.
    UnknownRequirement,
    /// Lessons require each other in a cycle, so none of them can ever be opened. Args: `id` (the
    /// first of them in the course), `cycle` (`a → b → a`).
    RequirementCycle,
    /// A path holds no lesson at all.
    NoLessons,
    /// A contest (`kind = "contest"`) does not say how long it lasts (`duration_minutes`, at least 1).
    ContestWithoutDuration,
    /// A contest problem's tests do not add up to its points, so a test's `points` would not be
    /// what it is worth (OI style). Args: `id`, `tests` (their sum), `points`.
    ContestPointsMismatch,
    /// A pack file is not a valid pack. Args: `detail`.
    BadPack,
    /// A pack or result file has a format version this program does not know. Args: `version`.
    UnknownVersion,
    /// A result file is not valid. Args: `detail`.
    BadResult,
    /// A result file was made with another pack (or another version of it), so its code was
    /// written against other tests. Args: `id`, `version`, `content_hash` (the file's pack).
    OtherPack,
}

impl ProblemCode {
    /// Every code, for the test that each one is translated.
    pub const ALL: [ProblemCode; 51] = [
        ProblemCode::FileUnreadable,
        ProblemCode::FileTooLarge,
        ProblemCode::NotUtf8,
        ProblemCode::BinaryFile,
        ProblemCode::MissingFrontMatter,
        ProblemCode::UnclosedFrontMatter,
        ProblemCode::BadFrontMatter,
        ProblemCode::BadId,
        ProblemCode::EmptyTitle,
        ProblemCode::BadLevel,
        ProblemCode::BadPoints,
        ProblemCode::BadMaxOperations,
        ProblemCode::UnknownTool,
        ProblemCode::RawHtml,
        ProblemCode::ExternalImage,
        ProblemCode::MissingSolution,
        ProblemCode::DuplicateBlock,
        ProblemCode::UnknownBlock,
        ProblemCode::MissingHint,
        ProblemCode::MissingTests,
        ProblemCode::BadTests,
        ProblemCode::NoTests,
        ProblemCode::UnknownTestKind,
        ProblemCode::MissingField,
        ProblemCode::FieldNotAllowed,
        ProblemCode::BadField,
        ProblemCode::BadValue,
        ProblemCode::BadGenerator,
        ProblemCode::BadBoard,
        ProblemCode::DuplicateTestId,
        ProblemCode::BadTestId,
        ProblemCode::UnknownConstruct,
        ProblemCode::BadStep,
        ProblemCode::SolutionFails,
        ProblemCode::StarterPasses,
        ProblemCode::CheckerBroken,
        ProblemCode::DuplicateLesson,
        ProblemCode::BadCourse,
        ProblemCode::UnknownLesson,
        ProblemCode::LessonNotInCourse,
        ProblemCode::DuplicateUnit,
        ProblemCode::UnknownUnit,
        ProblemCode::UnknownRequirement,
        ProblemCode::RequirementCycle,
        ProblemCode::NoLessons,
        ProblemCode::ContestWithoutDuration,
        ProblemCode::ContestPointsMismatch,
        ProblemCode::BadPack,
        ProblemCode::UnknownVersion,
        ProblemCode::BadResult,
        ProblemCode::OtherPack,
    ];

    /// The kebab-case id.
    pub fn id(self) -> String {
        serde_json::to_value(self).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default()
    }
}

/// One problem, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file (as given on the command line or named in the pack).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub code: ProblemCode,
    /// Named values the message mentions.
    pub args: BTreeMap<String, String>,
}

impl Problem {
    /// A problem in `file` with no line and no arguments yet.
    pub fn new(file: &str, code: ProblemCode) -> Self {
        Problem { file: file.to_string(), line: None, code, args: BTreeMap::new() }
    }

    /// Sets the line.
    pub fn at(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Adds a named argument (long values are cut).
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_string(), shorten(&value.to_string()));
        self
    }
}

/// `text` cut to [`MAX_ARGUMENT_CHARS`] characters.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_ARGUMENT_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_ARGUMENT_CHARS).collect();
    cut.push('…');
    cut
}

/// `file:line: code (args)`, the untranslated form used in logs and test expectations.
impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(formatter, "{}:{line}: {}", self.file, self.code.id())?,
            None => write!(formatter, "{}: {}", self.file, self.code.id())?,
        }
        let arguments: Vec<String> = self.args.iter().map(|(name, value)| format!("{name} = {value}")).collect();
        if !arguments.is_empty() {
            write!(formatter, " ({})", arguments.join(", "))?;
        }
        Ok(())
    }
}

/// A list of problems, as an error type for functions that find several at once.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct Problems(pub Vec<Problem>);

/// Line numbers of byte offsets in one text, in logarithmic time per lookup (a lesson may have
/// tens of thousands of Markdown elements; counting lines from the start for each would be
/// quadratic).
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> Self {
        LineIndex {
            newlines: text.bytes().enumerate().filter(|(_, byte)| *byte == b'\n').map(|(offset, _)| offset).collect(),
        }
    }

    /// 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|newline| *newline < offset) + 1
    }
}

/// The longest argument value kept in a problem (a generator or TOML error can quote a whole
/// 20 000-character line).
const MAX_ARGUMENT_CHARS: usize = 200;

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|byte| **byte == b'\n').count() + 1
}
