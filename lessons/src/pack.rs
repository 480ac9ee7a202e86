//! Lesson packs: one versioned JSON file holding a course or a contest, its lessons with resolved
//! tests, and a content hash.
//!
//! The hash covers what every copy of the pack shares: the course and the lessons as a student sees
//! them (no reference solutions, no hidden tests). A student's copy and the judge's full copy of
//! the same pack therefore carry the same hash, and a result file names the pack by it.
//!
//! A pack also carries each lesson's text and hints converted for display ([`LessonText`]), so that
//! the app can show a pack it opens at run time without a Markdown parser. They are derived from
//! the Markdown the hash covers and are not hashed themselves.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::course::{Course, CourseKind};
use crate::document::LessonText;
use crate::model::{Check, Lesson, MAX_MAX_OPERATIONS};
use crate::parse::{is_valid_id, MAX_DURATION_MS, MAX_POINTS, MAX_RANDOM_CALLS, MAX_TESTS, MAX_TEST_POINTS};
use crate::problem::{Problem, ProblemCode, Problems};

/// The `format` field of every pack file.
pub const PACK_FORMAT: &str = "sprout-pack";
/// The pack format version this program writes and reads.
pub const PACK_VERSION: u32 = 1;
/// The largest pack file read.
pub const MAX_PACK_BYTES: usize = 64 * 1024 * 1024;
/// The most lessons a pack may hold.
pub const MAX_PACK_LESSONS: usize = 1_000;

/// A lesson pack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    /// The format version, [`PACK_VERSION`].
    pub version: u32,
    /// `sha256:` and the hex digest of the shared content (see the module documentation).
    pub content_hash: String,
    /// Whether hidden tests and reference solutions are in this copy (the judge's copy).
    pub full: bool,
    /// The course or contest.
    pub course: Course,
    /// The lessons in course order, tests resolved.
    pub lessons: Vec<Lesson>,
    /// Each lesson's text and hints for display, in course order (see the module documentation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<LessonText>,
    /// When the pack was made (RFC 3339, UTC), as `sprout pack` writes it; not covered by the
    /// hash. A contest's work cannot have started before: the judge flags times that did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_at: Option<String>,
}

impl Pack {
    /// The lesson with this id.
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|lesson| lesson.id == id)
    }

    /// The display text of the lesson with this id.
    pub fn text(&self, id: &str) -> Option<&LessonText> {
        self.texts.iter().find(|text| text.id == id)
    }

    /// The students' copy of this pack: no hidden tests and no reference solutions, the same
    /// content hash (what a classroom server hands a class's students from a teacher's full copy).
    pub fn students_copy(&self) -> Pack {
        Pack { full: false, lessons: self.lessons.iter().map(student_view).collect(), ..self.clone() }
    }
}

/// A lesson as every copy of a pack has it.
fn student_view(lesson: &Lesson) -> Lesson {
    let mut lesson = lesson.clone();
    lesson.solution = None;
    lesson.tests.retain(|test| !test.hidden);
    lesson
}

/// `sha256:` and the lowercase hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

/// The content hash of a course with these (resolved) lessons.
pub fn content_hash(course: &Course, lessons: &[Lesson]) -> String {
    let shared: Vec<Lesson> = lessons.iter().map(student_view).collect();
    let bytes = serde_json::to_vec(&(course, &shared)).unwrap_or_default();
    sha256(&bytes)
}

/// Builds a pack from a checked course and its resolved lessons, in course order; `full` keeps the
/// hidden tests and solutions (the judge's and teacher's copy). A contest's copies leave out the
/// hints.
pub fn build_pack(course: &Course, lessons: &[Lesson], full: bool) -> Pack {
    let mut ordered: Vec<Lesson> =
        course.lesson_ids().filter_map(|id| lessons.iter().find(|lesson| lesson.id == id)).cloned().collect();
    // A contest has no hints: no copy carries them, so none can be read from the file either.
    if course.kind == CourseKind::Contest {
        ordered.iter_mut().for_each(|lesson| lesson.hints.clear());
    }
    let content_hash = content_hash(course, &ordered);
    let texts = ordered.iter().map(LessonText::of).collect();
    let lessons = if full { ordered } else { ordered.iter().map(student_view).collect() };
    Pack {
        format: PACK_FORMAT.to_string(),
        version: PACK_VERSION,
        content_hash,
        full,
        course: course.clone(),
        lessons,
        texts,
        made_at: None,
    }
}

/// Reads a pack file and verifies its format, version and content hash.
pub fn read_pack(file: &str, bytes: &[u8]) -> Result<Pack, Problems> {
    let bad = |detail: String| Problems(vec![Problem::new(file, ProblemCode::BadPack).with("detail", detail)]);
    if bytes.len() > MAX_PACK_BYTES {
        return Err(bad(format!("{} bytes, at most {MAX_PACK_BYTES}", bytes.len())));
    }
    let header: serde_json::Value = serde_json::from_slice(bytes).map_err(|error| bad(error.to_string()))?;
    if header.get("format").and_then(|format| format.as_str()) != Some(PACK_FORMAT) {
        return Err(bad(format!("not a {PACK_FORMAT} file")));
    }
    let version = header.get("version").cloned().unwrap_or_default();
    if version.as_u64() != Some(u64::from(PACK_VERSION)) {
        return Err(Problems(vec![Problem::new(file, ProblemCode::UnknownVersion).with("version", version)]));
    }
    let pack: Pack = serde_json::from_value(header).map_err(|error| bad(error.to_string()))?;
    if content_hash(&pack.course, &pack.lessons) != pack.content_hash {
        return Err(bad("the content hash does not match the content (the file was changed)".to_string()));
    }
    check_limits(&pack).map_err(bad)?;
    Ok(pack)
}

/// Whether `value` is in `range`, the ranges of the lesson format being given as `i64`.
fn within(value: impl Into<u64>, range: std::ops::RangeInclusive<i64>) -> bool {
    let value = value.into();
    u64::try_from(*range.start()).is_ok_and(|low| value >= low)
        && u64::try_from(*range.end()).is_ok_and(|high| value <= high)
}

/// The limits `sprout check` holds a lesson to, checked again on a pack as it is read: a pack is
/// a file like any other, and a hand-made one could ask for a budget no checked lesson may have
/// (hours of operations per run) or weights that no sum holds. Says what is out of bounds.
fn check_limits(pack: &Pack) -> Result<(), String> {
    if pack.lessons.len() > MAX_PACK_LESSONS {
        return Err(format!("{} lessons, at most {MAX_PACK_LESSONS}", pack.lessons.len()));
    }
    for lesson in &pack.lessons {
        let id = &lesson.id;
        if !is_valid_id(id) {
            return Err(format!("the lesson id {id:?} is not valid"));
        }
        if !within(lesson.points, 1..=MAX_POINTS) {
            return Err(format!("lesson {id}: points {} not in 1–{MAX_POINTS}", lesson.points));
        }
        if !(1..=MAX_MAX_OPERATIONS).contains(&lesson.max_operations) {
            let operations = lesson.max_operations;
            return Err(format!("lesson {id}: max_operations {operations} not in 1–{MAX_MAX_OPERATIONS}"));
        }
        if lesson.tests.len() > MAX_TESTS {
            return Err(format!("lesson {id}: {} tests, at most {MAX_TESTS}", lesson.tests.len()));
        }
        for test in &lesson.tests {
            let test_id = &test.id;
            if !within(test.points, 1..=MAX_TEST_POINTS) {
                return Err(format!("lesson {id}, test {test_id}: points {} not in 1–{MAX_TEST_POINTS}", test.points));
            }
            if !within(test.duration_ms, 1..=MAX_DURATION_MS) {
                let duration = test.duration_ms;
                return Err(format!("lesson {id}, test {test_id}: duration_ms {duration} not in 1–{MAX_DURATION_MS}"));
            }
            if let Check::Call { cases, .. } = &test.check {
                if !within(u64::try_from(cases.len()).unwrap_or(u64::MAX), 1..=MAX_RANDOM_CALLS) {
                    let calls = cases.len();
                    return Err(format!("lesson {id}, test {test_id}: {calls} calls, from 1 to {MAX_RANDOM_CALLS}"));
                }
            }
        }
    }
    Ok(())
}
