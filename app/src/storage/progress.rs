//! A student's progress: code per lesson, attempts, scores and claims, who they are, and where they
//! left off. Pure data with pure operations (tested natively); `storage.rs` keeps it in the
//! browser, and the same JSON is the "back up my progress" file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sprout_lessons::{Claim, Grade, Lesson, LessonResult, Pack, PackReference, ResultFile, Student};

/// The `format` of a progress backup file.
pub const PROGRESS_FORMAT: &str = "sprout-progress";
/// Its version.
pub const PROGRESS_VERSION: u32 = 1;
/// The largest backup file read.
pub const MAX_PROGRESS_BYTES: usize = 16 * 1024 * 1024;

/// One lesson's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonProgress {
    /// The code in the editor.
    pub code: String,
    /// How many times the student pressed Check.
    pub attempts: u32,
    /// The best score so far.
    pub best_score: u32,
    /// Whether every test has passed at some check.
    pub passed: bool,
    /// The code of the last check and what that check gave (what a result file hands in).
    pub checked: Option<(String, Claim)>,
    /// How many hints have been shown.
    pub hints_shown: usize,
    /// When the lesson was first opened (RFC 3339).
    pub started_at: String,
    /// When it was last checked (RFC 3339).
    pub checked_at: String,
}

/// Everything a student has done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Who the student is (typed once, for result files).
    pub student: Student,
    /// Per lesson id.
    pub lessons: BTreeMap<String, LessonProgress>,
    /// The lesson opened last.
    pub last_lesson: Option<String>,
    /// The free-play editor's program.
    pub playground: Option<String>,
}

/// A progress backup file, also the form kept in browser storage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressFile {
    /// Always [`PROGRESS_FORMAT`].
    pub format: String,
    /// [`PROGRESS_VERSION`].
    pub version: u32,
    /// When it was written (RFC 3339).
    pub saved_at: String,
    /// The progress.
    pub progress: Progress,
}

/// Why a backup file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProgressFileError {
    /// Larger than [`MAX_PROGRESS_BYTES`].
    #[error("the file is too large")]
    TooLarge,
    /// Not a progress file (or damaged).
    #[error("not a Sprout progress file: {0}")]
    NotProgress(String),
    /// A version this app does not know.
    #[error("unknown progress file version {0}")]
    UnknownVersion(u32),
}

/// What must never wait to be saved: checks, passes, hints, the lesson opened, who the student is.
/// Typing changes only code, which is saved a moment after the last key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Milestones {
    attempts: u32,
    passed: usize,
    hints: usize,
    last_lesson: Option<String>,
    student: Student,
}

impl Progress {
    /// The [`Milestones`] reached so far.
    pub fn milestones(&self) -> Milestones {
        Milestones {
            attempts: self.lessons.values().map(|lesson| lesson.attempts).sum(),
            passed: self.lessons.values().filter(|lesson| lesson.passed).count(),
            hints: self.lessons.values().map(|lesson| lesson.hints_shown).sum(),
            last_lesson: self.last_lesson.clone(),
            student: self.student.clone(),
        }
    }

    /// Whether the lesson has been passed.
    pub fn passed(&self, lesson_id: &str) -> bool {
        self.lessons.get(lesson_id).is_some_and(|lesson| lesson.passed)
    }

    /// The code to show for `lesson`: the student's, or the starter.
    pub fn code<'a>(&'a self, lesson: &'a Lesson) -> &'a str {
        self.lessons.get(&lesson.id).map_or(lesson.starter.as_str(), |progress| progress.code.as_str())
    }

    /// Notes that `lesson` was opened at `now`, starting its progress with the starter code.
    pub fn open(&mut self, lesson: &Lesson, now: &str) {
        self.last_lesson = Some(lesson.id.clone());
        self.lessons.entry(lesson.id.clone()).or_insert_with(|| LessonProgress {
            code: lesson.starter.clone(),
            started_at: now.to_string(),
            ..LessonProgress::default()
        });
    }

    /// Records an edit of `lesson`'s code.
    pub fn edit(&mut self, lesson: &Lesson, code: &str, now: &str) {
        self.open(lesson, now);
        if let Some(progress) = self.lessons.get_mut(&lesson.id) {
            progress.code = code.to_string();
        }
    }

    /// Records a check of `code` that gave `grade`.
    pub fn record_grade(&mut self, lesson: &Lesson, code: &str, grade: &Grade, now: &str) {
        self.open(lesson, now);
        if let Some(progress) = self.lessons.get_mut(&lesson.id) {
            progress.attempts += 1;
            progress.best_score = progress.best_score.max(grade.score);
            progress.passed |= grade.passed;
            progress.checked = Some((code.to_string(), Claim::from_grade(grade)));
            progress.checked_at = now.to_string();
        }
    }

    /// Shows one more hint of `lesson` (up to its number of hints).
    pub fn show_hint(&mut self, lesson: &Lesson, now: &str) {
        self.open(lesson, now);
        if let Some(progress) = self.lessons.get_mut(&lesson.id) {
            progress.hints_shown = (progress.hints_shown + 1).min(lesson.hints.len());
        }
    }

    /// Puts the starter code back (the attempts and scores stay).
    pub fn reset(&mut self, lesson: &Lesson, now: &str) {
        self.edit(lesson, &lesson.starter, now);
    }

    /// The backup file's JSON.
    pub fn to_file(&self, now: &str) -> String {
        let file = ProgressFile {
            format: PROGRESS_FORMAT.to_string(),
            version: PROGRESS_VERSION,
            saved_at: now.to_string(),
            progress: self.clone(),
        };
        serde_json::to_string(&file).unwrap_or_default()
    }

    /// Reads a backup file.
    pub fn from_file(text: &str) -> Result<Progress, ProgressFileError> {
        if text.len() > MAX_PROGRESS_BYTES {
            return Err(ProgressFileError::TooLarge);
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|error| ProgressFileError::NotProgress(error.to_string()))?;
        if value.get("format").and_then(|format| format.as_str()) != Some(PROGRESS_FORMAT) {
            return Err(ProgressFileError::NotProgress("no sprout-progress format field".to_string()));
        }
        let version = value.get("version").and_then(|version| version.as_u64()).unwrap_or(0) as u32;
        if version != PROGRESS_VERSION {
            return Err(ProgressFileError::UnknownVersion(version));
        }
        let file: ProgressFile =
            serde_json::from_value(value).map_err(|error| ProgressFileError::NotProgress(error.to_string()))?;
        Ok(file.progress)
    }

    /// The result file of every checked lesson of `pack` (docs/result-format.md).
    pub fn result_file(&self, pack: &Pack, app_version: &str, now: &str) -> ResultFile {
        let lessons = pack
            .course
            .lesson_ids()
            .filter_map(|id| {
                let progress = self.lessons.get(id)?;
                let (code, claimed) = progress.checked.clone()?;
                Some(LessonResult {
                    lesson_id: id.to_string(),
                    code,
                    claimed,
                    attempts: progress.attempts,
                    started_at: progress.started_at.clone(),
                    checked_at: progress.checked_at.clone(),
                })
            })
            .collect();
        let reference = PackReference {
            id: pack.course.id.clone(),
            version: pack.course.version.clone(),
            content_hash: pack.content_hash.clone(),
        };
        ResultFile::new(app_version, now, self.student.clone(), reference, lessons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::units::tests::full_course;
    use sprout_lessons::{grade, regrade, Selection};

    const NOW: &str = "2026-11-23T09:00:00Z";

    #[test]
    fn edits_checks_and_hints_are_recorded() {
        let pack = full_course();
        let lesson = &pack.lessons[0];
        let mut progress = Progress::default();
        assert_eq!(progress.code(lesson), lesson.starter);
        progress.edit(lesson, "print(1);", NOW);
        assert_eq!(progress.code(lesson), "print(1);");
        assert_eq!(progress.last_lesson.as_deref(), Some(lesson.id.as_str()));

        let result = grade(lesson, "print(1);", Selection::All);
        progress.record_grade(lesson, "print(1);", &result, "2026-11-23T09:05:00Z");
        let saved = &progress.lessons[&lesson.id];
        assert_eq!((saved.attempts, saved.passed, saved.best_score), (1, result.passed, result.score));
        assert_eq!(saved.started_at, NOW);

        for _ in 0..10 {
            progress.show_hint(lesson, NOW);
        }
        assert_eq!(progress.lessons[&lesson.id].hints_shown, lesson.hints.len());
        progress.reset(lesson, NOW);
        assert_eq!(progress.code(lesson), lesson.starter);
        assert_eq!(progress.lessons[&lesson.id].attempts, 1);
    }

    #[test]
    fn backups_round_trip_and_strangers_are_refused() {
        let pack = full_course();
        let mut progress = Progress::default();
        progress.student.name = "小明".to_string();
        progress.edit(&pack.lessons[0], "print(\"你好\");", NOW);
        assert_eq!(Progress::from_file(&progress.to_file(NOW)), Ok(progress.clone()));
        assert!(matches!(Progress::from_file("{}"), Err(ProgressFileError::NotProgress(_))));
        assert!(matches!(Progress::from_file("\u{0}\u{1}junk"), Err(ProgressFileError::NotProgress(_))));
        let future = progress.to_file(NOW).replace("\"version\":1", "\"version\":7");
        assert_eq!(Progress::from_file(&future), Err(ProgressFileError::UnknownVersion(7)));
    }

    #[test]
    fn a_result_file_is_regraded_to_its_claims() {
        let pack = full_course();
        let mut progress = Progress::default();
        for lesson in pack.lessons.iter().take(3) {
            let code = format!("{}\nprint(\"多写一行\");", lesson.starter);
            let result = grade(lesson, &code, Selection::All);
            progress.record_grade(lesson, &code, &result, NOW);
        }
        let file = progress.result_file(&pack, "0.1.0", NOW);
        assert_eq!(file.lessons.len(), 3);
        let regraded = regrade("result.json", &pack, &file).expect("same pack");
        assert!(regraded.all_flags().is_empty(), "{:?}", regraded.all_flags());
    }
}
