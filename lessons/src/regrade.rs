//! The judge's re-grading of a result file against the full pack: every lesson's code is graded
//! again with every test, hidden ones included, and whatever the file claims is compared with the
//! re-run. A score counts only when the judge's own run reproduces it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::course::CourseKind;
use crate::grade::{grade, score, Grade, Selection, Verdict};
use crate::pack::Pack;
use crate::problem::{Problem, ProblemCode};
use crate::result::{Claim, ResultFile};
use crate::time::seconds_since_epoch;

/// Something about a submission a judge must look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// The file's digest does not match its content: it was edited after export.
    DigestMismatch,
    /// The file names a lesson the pack does not have.
    UnknownLesson,
    /// The file holds the same lesson twice.
    DuplicateLesson,
    /// The claimed score differs from the re-run's score over the same (visible) tests.
    ScoreDiffers,
    /// The claimed verdicts differ from the re-run's.
    VerdictsDiffer,
    /// The claimed full points differ from the lesson's.
    MaxScoreDiffers,
    /// A contest's work spans more than its `duration_minutes`, from opening the first problem to
    /// the last check (times from the student's computer: a reason to look, not proof).
    OverTime,
}

/// One lesson of a submission, re-graded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRegrade {
    /// The lesson.
    pub lesson_id: String,
    /// The grade with every test (absent for a lesson the pack does not have).
    pub grade: Option<Grade>,
    /// The re-run's score over the visible tests only: what the claim is compared with.
    pub visible_score: u32,
    /// What the file claimed.
    pub claimed: Claim,
    /// What is wrong with this lesson's claim.
    pub flags: Vec<Flag>,
}

/// A whole submission, re-graded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regrade {
    /// Per lesson, in the file's order.
    pub lessons: Vec<LessonRegrade>,
    /// Flags on the file as a whole.
    pub flags: Vec<Flag>,
    /// Sum of the lessons' full scores (with hidden tests).
    pub total_score: u32,
    /// Sum of the lessons' full points.
    pub total_max: u32,
}

impl Regrade {
    /// Every flag of the file and its lessons, without repeats.
    pub fn all_flags(&self) -> BTreeSet<Flag> {
        self.flags.iter().chain(self.lessons.iter().flat_map(|lesson| &lesson.flags)).copied().collect()
    }
}

/// Whether `result`'s work on a contest spans more than the contest's length: from the earliest
/// `started_at` to the latest `checked_at` of its problems, times that do not read left out.
fn over_time(pack: &Pack, result: &ResultFile) -> bool {
    let (CourseKind::Contest, Some(minutes)) = (pack.course.kind, pack.course.duration_minutes) else {
        return false;
    };
    let started = result.lessons.iter().filter_map(|lesson| seconds_since_epoch(&lesson.started_at)).min();
    let checked = result.lessons.iter().filter_map(|lesson| seconds_since_epoch(&lesson.checked_at)).max();
    started.zip(checked).is_some_and(|(started, checked)| checked > started + u64::from(minutes) * 60)
}

/// Re-grades `result` against `pack` (the judge's full copy). A result made for another pack is a
/// problem: its code was written against other tests.
pub fn regrade(file: &str, pack: &Pack, result: &ResultFile) -> Result<Regrade, Problem> {
    if result.pack.content_hash != pack.content_hash {
        return Err(Problem::new(file, ProblemCode::BadResult).with(
            "detail",
            format!(
                "made for pack {} {} ({}), not this one",
                result.pack.id, result.pack.version, result.pack.content_hash
            ),
        ));
    }
    let mut flags = Vec::new();
    if !result.digest_matches() {
        flags.push(Flag::DigestMismatch);
    }
    if over_time(pack, result) {
        flags.push(Flag::OverTime);
    }
    let mut seen = BTreeSet::new();
    let mut lessons = Vec::new();
    for work in &result.lessons {
        let mut lesson_flags = Vec::new();
        if !seen.insert(work.lesson_id.as_str()) {
            lesson_flags.push(Flag::DuplicateLesson);
        }
        let Some(lesson) = pack.lesson(&work.lesson_id) else {
            lesson_flags.push(Flag::UnknownLesson);
            lessons.push(LessonRegrade {
                lesson_id: work.lesson_id.clone(),
                grade: None,
                visible_score: 0,
                claimed: work.claimed.clone(),
                flags: lesson_flags,
            });
            continue;
        };
        let full = grade(lesson, &work.code, Selection::All);
        let visible: Vec<_> = full.tests.iter().filter(|test| !test.hidden).collect();
        let visible_weight: u32 = visible.iter().map(|test| test.weight).sum();
        let passed_weight: u32 =
            visible.iter().filter(|test| test.verdict == Verdict::Passed).map(|test| test.weight).sum();
        let visible_score = score(lesson.points, passed_weight, visible_weight);
        let visible_verdicts: BTreeMap<String, Verdict> =
            visible.iter().map(|test| (test.test_id.clone(), test.verdict)).collect();
        if work.claimed.score != visible_score {
            lesson_flags.push(Flag::ScoreDiffers);
        }
        if work.claimed.verdicts != visible_verdicts {
            lesson_flags.push(Flag::VerdictsDiffer);
        }
        if work.claimed.max_score != lesson.points {
            lesson_flags.push(Flag::MaxScoreDiffers);
        }
        lessons.push(LessonRegrade {
            lesson_id: work.lesson_id.clone(),
            grade: Some(full),
            visible_score,
            claimed: work.claimed.clone(),
            flags: lesson_flags,
        });
    }
    // A lesson handed in twice counts once: the first copy.
    let mut counted = BTreeSet::new();
    let graded: Vec<&Grade> = lessons
        .iter()
        .filter(|lesson| counted.insert(lesson.lesson_id.clone()))
        .filter_map(|lesson| lesson.grade.as_ref())
        .collect();
    Ok(Regrade {
        total_score: graded.iter().map(|grade| grade.score).sum(),
        total_max: graded.iter().map(|grade| grade.max_score).sum(),
        lessons,
        flags,
    })
}
