//! Result files (docs/result-format.md): what a student hands in. A versioned JSON file with who
//! the student is, which pack they used (by content hash), and per lesson the code, the claimed
//! verdicts and score, and timestamps, sealed with a digest of everything else.
//!
//! The digest is not a secret signature: it catches a file edited by hand without care (a score
//! raised in a text editor), while the judge's re-run catches everything else, because a score
//! counts only when the judge's own grading reproduces it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::grade::{Grade, Verdict};
use crate::pack::sha256;
use crate::problem::{Problem, ProblemCode, Problems};
use crate::zip;

/// The `format` field of every result file.
pub const RESULT_FORMAT: &str = "sprout-result";
/// The result format version this program writes and reads.
pub const RESULT_VERSION: u32 = 1;
/// The largest result file read.
pub const MAX_RESULT_BYTES: usize = 16 * 1024 * 1024;
/// The largest hand-in read: a result file, or the app's "export this work" ZIP (the result file,
/// the code again and a picture of the stage).
pub const MAX_HAND_IN_BYTES: usize = 2 * MAX_RESULT_BYTES + 8 * 1024 * 1024;
/// The most lessons one result file may hold.
pub const MAX_RESULT_LESSONS: usize = 1_000;
/// The longest code of one lesson.
pub const MAX_CODE_BYTES: usize = 200_000;
/// The longest text field (a name, a school, a timestamp).
pub const MAX_FIELD_CHARS: usize = 200;

/// Who handed the file in, as the student typed it once in the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Student {
    /// Name.
    pub name: String,
    /// Class (班级).
    pub class: String,
    /// School.
    pub school: String,
    /// Student or contest id (学号 / 准考证号).
    pub student_id: String,
}

/// The pack the student worked from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackReference {
    /// The course's id.
    pub id: String,
    /// The course's version.
    pub version: String,
    /// The pack's content hash.
    pub content_hash: String,
}

/// What the student's app computed for a lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Score over the tests the app had (visible tests for a student's copy).
    pub score: u32,
    /// The lesson's full points.
    pub max_score: u32,
    /// Verdict per test id.
    pub verdicts: BTreeMap<String, Verdict>,
}

impl Claim {
    /// The claim a grade makes.
    pub fn from_grade(grade: &Grade) -> Claim {
        Claim {
            score: grade.score,
            max_score: grade.max_score,
            verdicts: grade.tests.iter().map(|test| (test.test_id.clone(), test.verdict)).collect(),
        }
    }
}

/// One lesson's work.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonResult {
    /// The lesson's id.
    pub lesson_id: String,
    /// The student's code.
    pub code: String,
    /// What the app computed at the last check.
    pub claimed: Claim,
    /// How many times the student pressed Check.
    pub attempts: u32,
    /// When the student first opened the lesson (RFC 3339, UTC).
    pub started_at: String,
    /// When the student last checked it (RFC 3339, UTC).
    pub checked_at: String,
}

/// A result file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    /// Always [`RESULT_FORMAT`].
    pub format: String,
    /// [`RESULT_VERSION`].
    pub version: u32,
    /// The app's version.
    pub app_version: String,
    /// When the file was exported (RFC 3339, UTC).
    pub exported_at: String,
    /// Who.
    pub student: Student,
    /// From which pack.
    pub pack: PackReference,
    /// The lessons, in the order worked on.
    pub lessons: Vec<LessonResult>,
    /// `sha256:` digest of the file's JSON without this field (see [`ResultFile::seal`]).
    pub digest: String,
}

impl ResultFile {
    /// A new, sealed result file.
    pub fn new(
        app_version: &str,
        exported_at: &str,
        student: Student,
        pack: PackReference,
        lessons: Vec<LessonResult>,
    ) -> ResultFile {
        let mut file = ResultFile {
            format: RESULT_FORMAT.to_string(),
            version: RESULT_VERSION,
            app_version: app_version.to_string(),
            exported_at: exported_at.to_string(),
            student,
            pack,
            lessons,
            digest: String::new(),
        };
        file.seal();
        file
    }

    /// The digest of everything but the digest itself.
    pub fn compute_digest(&self) -> String {
        let unsealed = ResultFile { digest: String::new(), ..self.clone() };
        sha256(&serde_json::to_vec(&unsealed).unwrap_or_default())
    }

    /// Sets the digest.
    pub fn seal(&mut self) {
        self.digest = self.compute_digest();
    }

    /// Whether the digest matches the content.
    pub fn digest_matches(&self) -> bool {
        self.digest == self.compute_digest()
    }

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads a result file, checking its format, version and sizes (not its digest: a broken digest
/// is reported by the judge's tool as a flag, and the file is still graded). The file may also be
/// the ZIP of the app's "export this work", whose `result.json` is read.
pub fn read_result(file: &str, bytes: &[u8]) -> Result<ResultFile, Problems> {
    let bad = |detail: String| Problems(vec![Problem::new(file, ProblemCode::BadResult).with("detail", detail)]);
    if bytes.len() > MAX_HAND_IN_BYTES {
        return Err(bad(format!("{} bytes, at most {MAX_HAND_IN_BYTES}", bytes.len())));
    }
    let unzipped;
    let bytes = if zip::is_zip(bytes) {
        unzipped = zip::read_file(bytes, zip::RESULT_IN_ZIP).map_err(|error| bad(error.to_string()))?;
        &unzipped[..]
    } else {
        bytes
    };
    if bytes.len() > MAX_RESULT_BYTES {
        return Err(bad(format!("{} bytes, at most {MAX_RESULT_BYTES}", bytes.len())));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|error| bad(error.to_string()))?;
    if value.get("format").and_then(|format| format.as_str()) != Some(RESULT_FORMAT) {
        return Err(bad(format!("not a {RESULT_FORMAT} file")));
    }
    let version = value.get("version").cloned().unwrap_or_default();
    if version.as_u64() != Some(u64::from(RESULT_VERSION)) {
        return Err(Problems(vec![Problem::new(file, ProblemCode::UnknownVersion).with("version", version)]));
    }
    let result: ResultFile = serde_json::from_value(value).map_err(|error| bad(error.to_string()))?;
    if result.lessons.len() > MAX_RESULT_LESSONS {
        return Err(bad(format!("{} lessons, at most {MAX_RESULT_LESSONS}", result.lessons.len())));
    }
    let student = &result.student;
    let fields =
        [&student.name, &student.class, &student.school, &student.student_id, &result.exported_at, &result.app_version];
    if fields.iter().any(|field| field.chars().count() > MAX_FIELD_CHARS) {
        return Err(bad(format!("a text field is longer than {MAX_FIELD_CHARS} characters")));
    }
    if let Some(lesson) = result.lessons.iter().find(|lesson| lesson.code.len() > MAX_CODE_BYTES) {
        return Err(bad(format!("the code of lesson {} is longer than {MAX_CODE_BYTES} bytes", lesson.lesson_id)));
    }
    Ok(result)
}
