//! The course the app carries: the students' copy of `lessons/content`, checked and packed at build
//! time (see `build.rs`), its index embedded and its lessons' text and tests in one file per unit
//! beside the page ([`units`]), so the app works from a USB stick with no network; the packs a
//! teacher hands out as files (a course of their own, or a contest), which a student opens in its
//! place; and the rule that decides which lessons a student may open.
//!
//! An opened pack is not checked against its content hash (that needs the whole pack serialized
//! again, too big for the first screen); the hash is copied into result files, and the judge's
//! re-grade skips a file whose hash is not the full pack's.

pub mod contest;
pub mod document;
pub mod units;

use std::rc::Rc;

use sprout_lessons::{CourseKind, Lesson, Pack, PACK_FORMAT, PACK_VERSION};
use sprout_runtime::messages::Language;

use crate::i18n::{tr, tr_with, Text};
use crate::storage::progress::Progress;

/// The embedded course's index (a pack file, JSON, without its units' parts), as build.rs wrote it.
pub const COURSE_INDEX_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/course.pack"));

thread_local! {
    static COURSE: Rc<Pack> = Rc::new(serde_json::from_str(COURSE_INDEX_JSON).expect("build.rs writes a valid pack"));
}

/// The embedded course's index: its lessons get their text and tests when their unit is joined
/// ([`units`]).
pub fn course() -> Rc<Pack> {
    COURSE.with(Rc::clone)
}

/// Whether `pack` is the course the app carries.
pub fn is_embedded(pack: &Pack) -> bool {
    COURSE.with(|course| course.content_hash == pack.content_hash)
}

/// The largest pack file a student opens.
pub const MAX_PACK_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Why a file cannot be opened as a course or contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackFileError {
    /// Not a pack this app reads, with what is wrong.
    NotAPack(String),
    /// The teachers' and judges' full copy, with hidden tests and reference solutions.
    FullCopy,
    /// A pack without display text (made before packs carried it).
    NoText,
}

impl PackFileError {
    /// The message for the student.
    pub fn describe(&self, language: Language) -> String {
        match self {
            PackFileError::NotAPack(detail) => tr_with(language, Text::PackNotPack, &[("detail", detail.clone())]),
            PackFileError::FullCopy => tr(language, Text::PackFullCopy).to_string(),
            PackFileError::NoText => tr(language, Text::PackNoText).to_string(),
        }
    }
}

/// What a file says it is, read before the whole pack so that another kind of file gets a plain
/// answer. (Read straight from the text: going through `serde_json::Value` would build a second
/// copy of the pack's whole reader into the first screen.)
#[derive(serde::Deserialize)]
struct PackHeader {
    format: Option<String>,
    version: Option<u64>,
}

/// Reads a pack file a teacher handed out: a pack of the current format in the students' copy
/// (`sprout pack --student`), with its lessons' text.
pub fn read_pack_file(text: &str) -> Result<Pack, PackFileError> {
    if text.len() > MAX_PACK_FILE_BYTES {
        return Err(PackFileError::NotAPack(format!("{} bytes, at most {MAX_PACK_FILE_BYTES}", text.len())));
    }
    let header: PackHeader = serde_json::from_str(text).map_err(|error| PackFileError::NotAPack(error.to_string()))?;
    if header.format.as_deref() != Some(PACK_FORMAT) || header.version != Some(u64::from(PACK_VERSION)) {
        return Err(PackFileError::NotAPack(format!("not a {PACK_FORMAT} file of version {PACK_VERSION}")));
    }
    let pack: Pack = serde_json::from_str(text).map_err(|error| PackFileError::NotAPack(error.to_string()))?;
    if pack.full {
        return Err(PackFileError::FullCopy);
    }
    if pack.lessons.iter().any(|lesson| pack.text(&lesson.id).is_none()) {
        return Err(PackFileError::NoText);
    }
    Ok(pack)
}

/// Whether `pack` is a contest.
pub fn is_contest(pack: &Pack) -> bool {
    pack.course.kind == CourseKind::Contest
}

/// How a lesson stands for a student.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonStatus {
    /// Every test passed.
    Done,
    /// Opened (or checked) but not passed yet.
    Started,
    /// May be opened.
    Open,
    /// Earlier lessons must be passed first.
    Locked,
}

/// Where a lesson sits in the course: its unit and the lessons before it in that unit.
fn unit_of<'a>(pack: &'a Pack, lesson_id: &str) -> Option<(&'a sprout_lessons::Unit, usize)> {
    pack.course
        .units
        .iter()
        .find_map(|unit| unit.lessons.iter().position(|id| id == lesson_id).map(|index| (unit, index)))
}

/// Whether every lesson of the unit `unit_id` is passed.
fn unit_done(pack: &Pack, progress: &Progress, unit_id: &str) -> bool {
    pack.course
        .units
        .iter()
        .find(|unit| unit.id == unit_id)
        .is_some_and(|unit| unit.lessons.iter().all(|id| progress.passed(id)))
}

/// The status of `lesson_id`: a lesson opens when the lesson before it in its unit is passed; a
/// unit's first lesson opens when the units it requires are done; a lesson once started stays open.
/// Every problem of a contest is open.
pub fn lesson_status(pack: &Pack, progress: &Progress, lesson_id: &str) -> LessonStatus {
    if progress.passed(lesson_id) {
        return LessonStatus::Done;
    }
    if progress.lessons.contains_key(lesson_id) {
        return LessonStatus::Started;
    }
    let open = is_contest(pack)
        || match unit_of(pack, lesson_id) {
            Some((unit, 0)) => unit.requires.iter().all(|required| unit_done(pack, progress, required)),
            Some((unit, index)) => progress.passed(&unit.lessons[index - 1]),
            None => false,
        };
    if open {
        LessonStatus::Open
    } else {
        LessonStatus::Locked
    }
}

/// The lesson to pass before the locked lesson `lesson_id` opens: the one before it in its unit,
/// or, for a unit's first lesson, the first lesson not passed yet in the units it requires.
pub fn prerequisite<'a>(pack: &'a Pack, progress: &Progress, lesson_id: &str) -> Option<&'a Lesson> {
    let (unit, index) = unit_of(pack, lesson_id)?;
    let id = match index {
        0 => pack
            .course
            .units
            .iter()
            .filter(|required| unit.requires.contains(&required.id))
            .flat_map(|required| &required.lessons)
            .find(|id| !progress.passed(id))?,
        _ => &unit.lessons[index - 1],
    };
    pack.lesson(id)
}

/// The lesson to continue with: the last one opened if it is not done, else the first open or
/// started lesson in course order.
pub fn continue_with(pack: &Pack, progress: &Progress) -> Option<String> {
    if let Some(last) = &progress.last_lesson {
        if pack.lesson(last).is_some() && !progress.passed(last) {
            return Some(last.clone());
        }
    }
    pack.course
        .lesson_ids()
        .find(|id| matches!(lesson_status(pack, progress, id), LessonStatus::Open | LessonStatus::Started))
        .map(str::to_string)
}

/// The lesson after `lesson_id` in course order.
pub fn next_lesson<'a>(pack: &'a Pack, lesson_id: &str) -> Option<&'a Lesson> {
    let mut ids = pack.course.lesson_ids();
    ids.by_ref().find(|id| *id == lesson_id)?;
    ids.next().and_then(|id| pack.lesson(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passed(progress: &mut Progress, id: &str) {
        let lesson = progress.lessons.entry(id.to_string()).or_default();
        lesson.passed = true;
    }

    #[test]
    fn only_the_students_copy_of_a_pack_opens() {
        use crate::course::contest::tests::contest_file;
        for kind in ["course", "contest"] {
            let pack = read_pack_file(&contest_file(kind, false)).expect("the students' copy opens");
            assert_eq!(is_contest(&pack), kind == "contest");
            assert!(!is_embedded(&pack));
            assert_eq!(read_pack_file(&contest_file(kind, true)), Err(PackFileError::FullCopy));
        }
        assert!(is_embedded(&course()));
        let mut without_text: serde_json::Value =
            serde_json::from_str(&contest_file("contest", false)).expect("a pack is JSON");
        without_text.as_object_mut().expect("an object").remove("texts");
        assert_eq!(read_pack_file(&without_text.to_string()), Err(PackFileError::NoText));
        for broken in ["", "{", "{\"format\": \"sprout-result\", \"version\": 1}", "[1, 2]"] {
            assert!(matches!(read_pack_file(broken), Err(PackFileError::NotAPack(_))), "{broken:?}");
        }
        let other_version = contest_file("contest", false).replacen("\"version\":1", "\"version\":2", 1);
        assert!(matches!(read_pack_file(&other_version), Err(PackFileError::NotAPack(_))));
    }

    #[test]
    fn the_embedded_course_is_the_curriculum() {
        let pack = course();
        assert!(pack.lessons.len() >= 30);
        assert!(!pack.full, "students get the copy without hidden tests and solutions");
        assert!(pack.lessons.iter().all(|lesson| lesson.solution.is_none()));
    }

    #[test]
    fn lessons_open_in_order_and_units_by_their_requirements() {
        let pack = course();
        let mut progress = Progress::default();
        let first_unit = &pack.course.units[0];
        let (first, second) = (&first_unit.lessons[0], &first_unit.lessons[1]);
        assert_eq!(lesson_status(&pack, &progress, first), LessonStatus::Open);
        assert_eq!(lesson_status(&pack, &progress, second), LessonStatus::Locked);
        assert_eq!(continue_with(&pack, &progress).as_deref(), Some(first.as_str()));

        passed(&mut progress, first);
        assert_eq!(lesson_status(&pack, &progress, first), LessonStatus::Done);
        assert_eq!(lesson_status(&pack, &progress, second), LessonStatus::Open);
        assert_eq!(next_lesson(&pack, first).map(|lesson| lesson.id.as_str()), Some(second.as_str()));

        let second_unit = &pack.course.units[1];
        assert_eq!(lesson_status(&pack, &progress, &second_unit.lessons[0]), LessonStatus::Locked);
        let first_unit_needs = |progress: &Progress| {
            prerequisite(&pack, progress, &second_unit.lessons[0]).map(|lesson| lesson.id.clone())
        };
        assert_eq!(
            first_unit_needs(&progress).as_ref(),
            Some(second),
            "the first lesson of the required unit not passed"
        );
        let last = first_unit.lessons.last().expect("units have lessons");
        assert_eq!(
            prerequisite(&pack, &progress, last).map(|lesson| &lesson.id),
            first_unit.lessons.iter().rev().nth(1)
        );
        for id in &first_unit.lessons {
            passed(&mut progress, id);
        }
        assert_eq!(lesson_status(&pack, &progress, &second_unit.lessons[0]), LessonStatus::Open);
        assert_eq!(continue_with(&pack, &progress).as_deref(), Some(second_unit.lessons[0].as_str()));
    }
}
